"""``selon export --format parquet``: the tables round-trip through pandas, with the CSV's and the API's columns."""

from __future__ import annotations

import io

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import selon
from selon.cli import app
from selon.corpus import tables
from selon.store import open_store
from tests.corpus import fixtures as fx

ORDER = {"events": "event_id", "reports": None, "actors": None, "quotes": None, "articles": None}


def run(*args: str):
    res = CliRunner().invoke(app, list(args))
    assert res.exit_code == 0, res.stderr
    return res


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("pq") / "x.db")
    with open_store(path) as st:
        fx.fill(st)
    return path


def _api(db: str, name: str, **filters) -> pd.DataFrame:
    with selon.open(db) as st:
        df = getattr(st, name)(**filters)
    key = ORDER[name]
    return df.sort_values(key, ignore_index=True) if key else df


def test_every_table_round_trips(db, tmp_path):
    res = run("export", "--format", "parquet", "-o", str(tmp_path / "corpus"), "--db", db)
    for name in tables.TABLES:
        path = tmp_path / "corpus" / f"{name}.parquet"
        assert f"to {path}" in res.stderr
        pd.testing.assert_frame_equal(pd.read_parquet(path), _api(db, name))
        csv = run("export", "--format", "csv", "--table", name, "--db", db).stdout
        assert pd.read_csv(io.StringIO(csv)).columns.tolist() == pq.read_schema(path).names
    schema = pq.read_schema(tmp_path / "corpus" / "events.parquet")
    assert str(schema.field("date_start").type) == "timestamp[ms]" and str(schema.field("event_id").type) == "int64"
    assert str(schema.field("actor1").type) in ("string", "large_string")


def test_filters_select_events_and_what_they_name(db, tmp_path):
    out = tmp_path / "hamas.parquet"
    run("export", "--format", "parquet", "--table", "events", "-o", str(out), "--actor", "Hamas", "--db", db)
    pd.testing.assert_frame_equal(pd.read_parquet(out), _api(db, "events", actor="Hamas"))
    run("export", "--format", "parquet", "-o", str(tmp_path / "calls"), "--type", "CONSULT", "--db", db)
    reps = pd.read_parquet(tmp_path / "calls" / "reports.parquet")
    assert set(reps.event_type) == {"CONSULT"}
    evs = pd.read_parquet(tmp_path / "calls" / "events.parquet")
    ids = {int(i) for col in ("actor1_ids", "actor2_ids") for cell in evs[col].dropna() for i in cell.split("; ")}
    actors = pd.read_parquet(tmp_path / "calls" / "actors.parquet")
    assert ids <= set(actors.actor_id) and {"Ismaïl Qaani", "IRNA"} <= set(actors.name)  # IRNA: a cited source
    assert len(actors) < len(_api(db, "actors"))
    arts = pd.read_parquet(tmp_path / "calls" / "articles.parquet")
    assert set(arts.article_id) == set(reps.article_id)


def test_an_empty_selection_is_still_a_typed_file(db, tmp_path):
    out = tmp_path / "none.parquet"
    run("export", "--format", "parquet", "--table", "quotes", "-o", str(out), "--since", "1990", "--until", "1990",
        "--db", db)
    back = pd.read_parquet(out)
    assert back.empty and back.columns.tolist() == [c for c, _ in tables.QUOTES]
    assert str(back.dtypes["speaker_id"]) == "Int64" and str(back.dtypes["published_start"]) == "datetime64[ms]"


@pytest.mark.parametrize("args", [
    ("--format", "parquet"),  # no --output
    ("--format", "ftm", "--table", "events"),
])
def test_bad_export_options_are_one_line(db, args):
    res = CliRunner().invoke(app, ["export", *args, "--db", db])
    assert res.exit_code == 2 and res.stderr.count("\n") == 1 and res.stderr.startswith("selon: ")


def test_an_unwritable_output_is_one_line(db, tmp_path):
    (tmp_path / "file").write_text("x")
    res = CliRunner().invoke(app, ["export", "--format", "parquet", "-o", str(tmp_path / "file" / "sub"),
                                   "--db", db])
    assert res.exit_code == 2 and res.stderr.startswith("selon: cannot write") and "Traceback" not in res.stderr
