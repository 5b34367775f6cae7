import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from followthemoney import model

from selon.corpus import query as q
from selon.export import ftm, graph, tabular
from selon.store import open_store
from tests.corpus import fixtures as fx

FTM = Path(sys.executable).with_name("ftm")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with open_store(str(tmp_path_factory.mktemp("x") / "x.db")) as st:
        fx.fill(st)
        yield st


def _ftm(store, filters=None):
    buf = io.StringIO()
    with store.engine.connect() as conn:
        n = ftm.write(conn, filters or q.Filters(), buf)
    lines = buf.getvalue().splitlines()
    assert len(lines) == n
    return [json.loads(line) for line in lines]


def test_ftm_entities_are_valid_and_linked(store):
    ents = _ftm(store)
    by_schema: dict[str, list[dict]] = {}
    for e in ents:
        by_schema.setdefault(e["schema"], []).append(e)
        proxy = model.get_proxy(e)  # raises on an unknown schema or property
        for name in proxy.schema.required:
            assert proxy.get(name), f"{e['schema']} without {name}"
    ids = {e["id"] for e in ents}
    assert len(ids) == len(ents), "duplicate entity ids"
    assert {"Article", "Person", "Organization", "PublicBody", "Event", "Documentation", "Mention"} <= set(by_schema)
    # every reference points at an exported entity
    for e in ents:
        proxy = model.get_proxy(e)
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in ids, f"{e['schema']}.{prop.name} -> missing {value}"
    call = next(e for e in by_schema["Event"] if e["properties"]["date"] == ["2021-05-15"])
    names = {e["id"]: e["properties"]["name"][0] for e in by_schema["Person"]}
    assert sorted(names[i] for i in call["properties"]["involved"]) == ["Ismaïl Haniyeh", "Ismaïl Qaani"]
    docs = [d for d in by_schema["Documentation"] if d["properties"]["entity"] == [call["id"]]]
    assert len(docs) == 3
    assert any("according to IRNA" in d["properties"]["role"][0] for d in docs)
    iran = next(e for e in by_schema["PublicBody"] if e["properties"]["name"] == ["Iran"])
    assert iran["properties"]["jurisdiction"] == ["ir"]
    press = next(e for e in by_schema["Organization"] if e["properties"]["name"] == ["Press TV"])
    assert press["properties"]["country"] == ["ir"] and "state-affiliated media" in press["properties"]["keywords"]
    xss = next(e for e in by_schema["Article"] if e["properties"]["title"] == [fx.XSS_TITLE])
    assert "sourceUrl" not in xss["properties"]  # javascript: URL dropped


def test_ftm_validate_passes_and_keeps_every_value(store, tmp_path):
    if not FTM.exists():
        pytest.skip(f"no ftm command next to {sys.executable}")
    src = tmp_path / "corpus.ftm.json"
    with store.engine.connect() as conn, src.open("w", encoding="utf-8") as fh:
        ftm.write(conn, q.Filters(), fh)
    out = tmp_path / "validated.ftm.json"
    run = subprocess.run([str(FTM), "validate", "-i", str(src), "-o", str(out)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    before = [json.loads(line) for line in src.read_text().splitlines()]
    after = {e["id"]: e for e in map(json.loads, out.read_text().splitlines())}
    assert len(after) == len(before)
    for e in before:
        got = after[e["id"]]
        assert got["schema"] == e["schema"]
        for prop, values in e["properties"].items():
            assert sorted(got["properties"].get(prop, [])) == sorted(values), (e["schema"], prop)


def test_ftm_filters_restrict_the_export(store):
    with store.engine.connect() as conn:
        hamas = q.resolve_actor(conn, "Hamas")[0]["id"]
    ents = _ftm(store, q.Filters(actor_ids=[hamas], types=["REJECT"]))
    events = [e for e in ents if e["schema"] == "Event"]
    assert len(events) == 2 and all("REJECT" in e["properties"]["keywords"] for e in events)
    assert {e["properties"]["title"][0] for e in ents if e["schema"] == "Article"} == {
        "Le Hamas dément toute rencontre avec Israël", "Le Hamas rejette à nouveau les informations de Reuters"}


def test_gexf_reads_back_with_dates(store, tmp_path):
    path = tmp_path / "g.gexf"
    with store.engine.connect() as conn:
        written = graph.write_gexf(conn, q.Filters(), path)
    g = nx.read_gexf(path)
    assert g.number_of_nodes() == written.number_of_nodes() >= 8
    assert g.number_of_edges() == written.number_of_edges()
    assert g.graph["mode"] == "dynamic"
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert {"Ismaïl Qaani", "Ismaïl Haniyeh", "Hamas", "Israël"} <= labels
    calls = [d for _, _, d in g.edges(data=True) if d.get("event_type") == "CONSULT" and d.get("reports") == 3]
    assert len(calls) == 1 and calls[0]["start"] == "2021-05-15" and calls[0]["outlets"] == "Fars; Press TV; Tasnim"
    # the symmetric call with no recipient becomes an undirected co-actor tie
    assert any(d.get("directed") is False and d.get("date") == "2021-05-25" for _, _, d in g.edges(data=True))
    xss_label = next(lbl for lbl in labels if lbl.startswith("<img"))
    assert "onerror" in xss_label  # kept as text, XML-escaped by the writer


def test_graphml_reads_back(store, tmp_path):
    path = tmp_path / "g.graphml"
    with store.engine.connect() as conn:
        written = graph.write_graphml(conn, q.Filters(types=["CONSULT"]), path)
    g = nx.read_graphml(path)
    assert (g.number_of_nodes(), g.number_of_edges()) == (written.number_of_nodes(), written.number_of_edges())
    assert {d["event_type"] for _, _, d in g.edges(data=True)} == {"CONSULT"}


def test_csv_has_one_row_per_event_and_defuses_formulas(store, tmp_path):
    arts = [fx.Art("formula", "=cmd|' /C calc'!A0", "2023-07-01", "Titre",
                   "@SUM(1+1) a frappé =HYPERLINK(\"http://x\") hier.",
                   {"e1": ("@SUM(1+1)", "ORG", None, ["@SUM(1+1)"]),
                    "e2": ("=HYPERLINK(\"http://x\")", "ORG", None, ["=HYPERLINK(\"http://x\")"])},
                   [{"type": "ASSAULT", "actors": ["e1"], "recipients": ["e2"], "date": "2023-06-30",
                     "evidence": "@SUM(1+1) a frappé =HYPERLINK(\"http://x\") hier"}])]
    with open_store(str(tmp_path / "f.db")) as st:
        fx.fill(st, fx.PHONE_CALLS + arts)
        buf = io.StringIO()
        with st.engine.connect() as conn:
            n = tabular.write_csv(conn, q.Filters(), buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert n == len(rows) == 3
    assert list(rows[0]) == list(tabular.COLUMNS)
    call = rows[0]
    assert (call["event_type"], call["mode"], call["event_date"], call["date_precision"]) == (
        "CONSULT", "phone", "2021-05-15", "day")
    assert call["report_count"] == "3" and call["outlets"] == "Fars; Press TV; Tasnim" and call["sources"] == "IRNA"
    assert call["evidence"].count(" | ") == 2
    bad = rows[2]
    for col in ("actor1", "actor2", "outlets", "evidence"):
        assert not bad[col].startswith(("=", "@", "+", "-")), col
    assert bad["actor1"] == "'@SUM(1+1)"


def test_jsonl_carries_reports_and_denials(store):
    buf = io.StringIO()
    with store.engine.connect() as conn:
        n = tabular.write_jsonl(conn, q.Filters(types=["CONSULT"]), buf)
    evs = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert n == len(evs) == 3
    meeting = next(e for e in evs if e["location"] == "Doha")
    assert len(meeting["reports"]) == 2 and len(meeting["denied_by"]) == 2


def test_affiliations_become_memberships(tmp_path):
    """With the actors module's ``actor_affiliations`` table (created here as that module defines it)."""
    from sqlalchemy import Column, Integer, MetaData, String, Table, Text, insert

    with open_store(str(tmp_path / "m.db")) as st:
        fx.fill(st, fx.PHONE_CALLS)
        aff = Table("actor_affiliations", MetaData(),
                    Column("id", Integer, primary_key=True, autoincrement=True),
                    Column("actor_id", Integer, nullable=False),
                    Column("relation", String(32), nullable=False), Column("target_kb_id", String(64), nullable=False),
                    Column("target_name", Text, nullable=False), Column("role", Text), Column("start", String(32)),
                    Column("end", String(32)), Column("source", String(32), nullable=False))
        with st.engine.begin() as conn:
            aff.create(conn, checkfirst=True)
            ids = {name: i for name, i in conn.execute(select_actors())}
            conn.execute(insert(aff), [
                {"actor_id": ids["Ismaïl Qaani"], "relation": "office", "target_kb_id": "Q1140150",
                 "target_name": "Force Qods", "role": "commandant", "start": "2020-01", "end": None, "source": "curated"},
                {"actor_id": ids["Ismaïl Haniyeh"], "relation": "member_of", "target_kb_id": "Q38799",
                 "target_name": "Hamas", "role": None, "start": None, "end": "2024-07-31", "source": "curated"},
                {"actor_id": ids["Ismaïl Haniyeh"], "relation": "located_in", "target_kb_id": "Q1009",
                 "target_name": "Doha", "role": None, "start": None, "end": None, "source": "curated"},
            ])
        buf = io.StringIO()
        with st.engine.connect() as conn:
            ftm.write(conn, q.Filters(), buf)
    ents = [json.loads(x) for x in buf.getvalue().splitlines()]
    by_id = {e["id"]: e for e in ents}
    members = [e for e in ents if e["schema"] == "Membership"]
    assert len(members) == 2  # located_in is not a membership
    qods = next(m for m in members if m["properties"]["role"] == ["commandant"])
    assert by_id[qods["properties"]["member"][0]]["properties"]["name"] == ["Ismaïl Qaani"]
    org = by_id[qods["properties"]["organization"][0]]
    assert org["schema"] == "Organization" and org["properties"]["wikidataId"] == ["Q1140150"]
    assert qods["properties"]["startDate"] == ["2020-01"]
    if FTM.exists():
        src = tmp_path / "m.ftm.json"
        src.write_text(buf.getvalue(), encoding="utf-8")
        run = subprocess.run([str(FTM), "validate", "-i", str(src), "-o", str(tmp_path / "v.json")],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        assert len((tmp_path / "v.json").read_text().splitlines()) == len(ents)


def select_actors():
    from sqlalchemy import select

    from selon.store import schema as s

    return select(s.actors.c.name, s.actors.c.id)
