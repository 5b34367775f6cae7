"""``selon.open``: the CLI's rows as typed DataFrames, the same rows for the same filters, clear errors."""

from __future__ import annotations

import io
import json
import warnings
from datetime import date

import pandas as pd
import pytest
from typer.testing import CliRunner

import selon
from selon.api import AmbiguousActorWarning
from selon.cli import app
from selon.corpus import tables


def cli(*args: str) -> str:
    res = CliRunner().invoke(app, list(args))
    assert res.exit_code == 0, res.stderr
    return res.stdout


def cli_frame(columns, *args: str) -> pd.DataFrame:
    """What ``--format csv`` prints, read back with the API's dtypes."""
    from selon.export.frames import frame

    rows = [json.loads(line) for line in cli(*args, "--format", "jsonl").splitlines()]
    return frame(columns, rows)


@pytest.fixture(scope="module")
def store(fixture_db):
    with selon.open(fixture_db) as st:
        yield st


KINDS = {"id": "int64", "id?": "Int64", "count": "int64", "int": "int64", "text": "str", "day": "datetime64[ms]"}


@pytest.mark.parametrize("name", ["events", "reports", "actors", "quotes", "articles"])
def test_every_table_has_its_columns_typed(store, name):
    df = getattr(store, name)()
    assert list(df.columns) == [c for c, _ in tables.TABLES[name]]
    assert {c: str(df[c].dtype) for c in df.columns} == {c: KINDS[k] for c, k in tables.TABLES[name]}
    nothing = {"type": "EVENT"} if name == "actors" else {"since": "1990", "until": "1990"}
    empty = getattr(store, name)(**nothing)  # nothing matches: still every column, typed
    assert empty.empty and list(empty.dtypes.astype(str)) == list(df.dtypes.astype(str))


@pytest.mark.parametrize("filters", [
    {}, {"actor": ["Haniyeh"], "type": ["consult"]}, {"since": "2023-06-06", "until": "2023-06"},
    {"modality": "denied"}, {"outlet": "agence Tasnim"},
])
def test_events_are_the_cli_rows(store, fixture_db, filters):
    df = store.events(**filters)
    args = ["events", "--db", fixture_db, "--limit", "1000"]
    for key, value in filters.items():
        for v in value if isinstance(value, list) else [value]:
            args += [f"--{key}", v]
    pd.testing.assert_frame_equal(df, cli_frame(tables.EVENTS, *args))
    assert df.event_id.tolist() == [e["id"] for e in map(json.loads, cli(*args, "--json").splitlines())]


def test_events_in_date_order_with_stable_ids(store):
    df = store.events()
    assert df.date_start.dropna().is_monotonic_increasing
    calls = store.events(actor="Ismaïl Haniyeh", type="CONSULT")
    assert calls.event_date.tolist() == ["2021-05-15", "2021-05-25"] and calls.report_count.tolist() == [3, 1]
    again = store.events(actor=int(calls.actor1_ids.iloc[0].split("; ")[0]), type="CONSULT")
    assert calls.event_id.tolist() == again.event_id.tolist()
    assert store.events(since=date(2023, 6, 6), until=pd.Timestamp("2023-06-30")).equals(
        store.events(since="2023-06-06", until="2023-06"))
    assert len(store.events(limit=3, offset=2)) == 3


def test_actors_and_articles_are_the_cli_rows(store, fixture_db):
    pd.testing.assert_frame_equal(store.actors(limit=5), cli_frame(tables.ACTORS, "actors", "--db", fixture_db,
                                                                    "--top", "5"))
    pd.testing.assert_frame_equal(store.actors(type="person"), cli_frame(
        tables.ACTORS, "actors", "--db", fixture_db, "--type", "PERSON", "--top", "1000"))
    pd.testing.assert_frame_equal(store.articles(limit=4, offset=1), cli_frame(
        tables.ARTICLES, "articles", "--db", fixture_db, "--limit", "4", "--offset", "1"))


def test_reports_of_one_event_and_of_filters(store, fixture_db):
    call = store.events(type="CONSULT").iloc[0]
    reps = store.reports(int(call.event_id))
    assert len(reps) == call.report_count and set(reps.event_id) == {call.event_id}
    assert sorted(reps.outlet) == ["Fars", "Press TV", "Tasnim"] and set(reps.sources.dropna()) == {"IRNA"}
    assert store.reports(store.events(type="CONSULT").event_id).event_id.nunique() == 3  # a Series of ids
    pd.testing.assert_frame_equal(store.reports(type="CONSULT"), store.reports([int(i) for i in store.events(
        type="CONSULT").sort_values("event_id").event_id]))
    exported = cli("export", "--format", "csv", "--table", "reports", "--type", "CONSULT", "--db", fixture_db)
    assert pd.read_csv(io.StringIO(exported)).report_id.tolist() == store.reports(type="CONSULT").report_id.tolist()
    full = store.event(int(call.event_id))
    assert len(full["reports"]) == call.report_count


def test_dates_keep_their_precision(tmp_path):
    from tests.corpus import fixtures as fx

    arts = [fx.Art("month", "Fars", "2023-05", "Titre", "Le Hamas a attaqué Israël en mai 2023.",
                   {"e1": fx.HAMAS, "e2": fx.ISRAEL},
                   [{"type": "ASSAULT", "actors": ["e1"], "recipients": ["e2"], "date": "2023-05",
                     "evidence": "Le Hamas a attaqué Israël en mai 2023"}])]
    with selon.open(str(tmp_path / "m.db"), create=True) as st:
        fx.fill(st._store, arts)
        ev = st.events().iloc[0]
        assert (ev.event_date, ev.date_precision) == ("2023-05", "month")
        assert (ev.date_start, ev.date_end) == (pd.Timestamp("2023-05-01"), pd.Timestamp("2023-05-31"))
        art = st.articles().iloc[0]
        assert (art.published, art.published_start, art.published_end) == (
            "2023-05", pd.Timestamp("2023-05-01"), pd.Timestamp("2023-05-31"))


@pytest.mark.parametrize(("call", "argument"), [
    (lambda s: s.events(type="BOMBARD"), "type"),
    (lambda s: s.events(since="hier"), "since"),
    (lambda s: s.events(until="2023-02-30"), "until"),
    (lambda s: s.events(since="2024", until="2023"), "since"),
    (lambda s: s.events(since=20230101), "since"),
    (lambda s: s.events(modality="peut-être"), "modality"),
    (lambda s: s.events(outlet="Le Monde"), "outlet"),
    (lambda s: s.events(actor="Personne Inconnue"), "actor"),
    (lambda s: s.events(actor=2**70), "actor"),
    (lambda s: s.events(actor="'; DROP TABLE actors; --"), "actor"),
    (lambda s: s.events(limit=-1), "limit"),
    (lambda s: s.events(limit="10"), "limit"),
    (lambda s: s.reports(10**30), "event_id"),
    (lambda s: s.reports("1"), "event_id"),
    (lambda s: s.reports(1, type="CONSULT"), "event_id"),
    (lambda s: s.event(999_999), "event_id"),
    (lambda s: s.actors(type="ANIMAL"), "type"),
    (lambda s: s.quotes(speaker="Personne Inconnue"), "speaker"),
    (lambda s: s.articles(outlet="\x00"), "outlet"),
])
def test_bad_values_name_their_argument(store, call, argument):
    with pytest.raises(ValueError, match=f"^{argument}: ") as err:
        call(store)
    assert "SQL" not in str(err.value) and err.value.argument == argument


def test_hostile_and_huge_values_are_data(store):
    assert store.events(limit=10**40).shape[0] == len(store.events())
    assert store.quotes(article_id=[2**40]).empty and store.articles(offset=10**12).empty
    assert "<script>" in " ".join(store.articles().title)  # article text is data, kept as it is


def test_an_ambiguous_name_warns_and_an_id_chooses(store):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        store.events(actor="Ismaïl")
    assert [w.category for w in caught] == [AmbiguousActorWarning]
    assert caught[0].filename == __file__  # points at the caller's line
    chosen = int(store.actors().set_index("name").at["Ismaïl Qaani", "actor_id"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(store.events(actor=chosen)) == len(store.events(actor="Ismaïl Qaani"))


def test_open_refuses_a_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="create=True"):
        selon.open(str(tmp_path / "typo.db"))
    assert not (tmp_path / "typo.db").exists()
    with selon.open(str(tmp_path / "new.db"), create=True) as st:
        assert st.events().empty and "new.db" in repr(st)
