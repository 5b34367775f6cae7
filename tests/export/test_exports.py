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
