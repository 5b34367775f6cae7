import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from selon.cli import app
from selon.store import open_store
from tests.corpus import fixtures as fx


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("cli") / "cli.db")
    with open_store(path) as st:
        fx.fill(st)
    return path


def run(*args):
    res = CliRunner().invoke(app, list(args))
    assert "Traceback" not in res.stdout + res.stderr, res.stdout + res.stderr
    return res


def _jsonl(res):
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


def test_events_filters(db):
    res = run("events", "--db", db, "--json")
    assert res.exit_code == 0 and len(_jsonl(res)) == 8
    calls = _jsonl(run("events", "--db", db, "--actor", "Haniyeh", "--type", "consult", "--json"))
    assert [(e["date"], e["n_reports"]) for e in calls] == [("2021-05-15", 3), ("2021-05-25", 1)]
    june = _jsonl(run("events", "--db", db, "--since", "2023-06-06", "--until", "2023-06", "--json"))
    assert [e["type"] for e in june] == ["REJECT", "THREATEN", "SUPPORT", "ASSAULT"]
    denied = _jsonl(run("events", "--db", db, "--modality", "denied", "--json"))
    assert [e["location"] for e in denied] == ["Doha"]
    tasnim = _jsonl(run("events", "--db", db, "--outlet", "agence Tasnim", "--json"))
    assert len(tasnim) == 1 and tasnim[0]["n_reports"] == 3
    table = run("events", "--db", db)
    assert table.exit_code == 0 and "8 of 8 corpus events" in table.stdout


@pytest.mark.parametrize("args", [
    ("--type", "BOMBARD"), ("--since", "hier"), ("--until", "2023-02-30"), ("--modality", "peut-être"),
    ("--outlet", "Le Monde"), ("--since", "2024", "--until", "2023"),
])
def test_bad_filters_are_refused_clearly(db, args):
    res = run("events", "--db", db, *args)
    assert res.exit_code == 2 and res.stdout == "", res.stderr
    assert res.stderr.startswith(f"selon: invalid value for {args[0]}: ") and res.stderr.count("\n") == 1


def test_timeline_graph_search_outlets(db):
    tl = _jsonl(run("timeline", "Ismail Qaani", "--db", db, "--json"))
    assert [e["date"] for e in tl] == ["2021-05-15", "2021-05-25"]
    g = json.loads(run("graph", "Hamas", "--db", db, "--depth", "2", "--json").stdout)
    names = {n["name"] for n in g["nodes"]}
    assert {"Hamas", "Israël", "Iran", "Reuters", "Hezbollah"} <= names  # Hezbollah: two hops (via Israël)
    one = json.loads(run("graph", "Hamas", "--db", db, "--json").stdout)
    assert "Hezbollah" not in {n["name"] for n in one["nodes"]}
    found = json.loads(run("search", "Doha", "--db", db, "--json").stdout)
    assert len(found["articles"]) == 2
    assert run("search", "[/bold] [link=x]", "--db", db).exit_code == 0  # rich markup in input is text
    outlets = _jsonl(run("outlets", "--db", db, "--json"))
    assert {o["outlet"] for o in outlets} >= {"Press TV", "Reuters"}
    for nobody in ("Personne Inconnue", "9" * 30, "%", "~~"):
        missing = run("timeline", nobody, "--db", db)
        assert missing.exit_code == 1 and "no actor matches" in missing.stderr, nobody


def test_hostile_names_print_as_text(db):
    res = run("graph", "Hamas", "--db", db)
    assert res.exit_code == 0 and "<img src=x" in res.stdout


def test_export_files(db, tmp_path):
    out = tmp_path / "g.gexf"
    res = run("export", "--format", "gexf", "-o", str(out), "--db", db, "--actor", "Hamas")
    assert res.exit_code == 0
    g = nx.read_gexf(out)
    assert "Hamas" in {d["label"] for _, d in g.nodes(data=True)}
    csv_out = tmp_path / "e.csv"
    assert run("export", "-f", "csv", "-o", str(csv_out), "--db", db).exit_code == 0
    assert len(csv_out.read_text(encoding="utf-8").splitlines()) == 9
    ftm = run("export", "-f", "ftm", "--db", db, "--type", "SUPPORT")
    schemas = {json.loads(line)["schema"] for line in ftm.stdout.splitlines()}
    assert "Event" in schemas and "Article" in schemas
    assert run("export", "-f", "pdf", "--db", db).exit_code == 2


def test_corpus_rebuild_and_sync(db):
    before = _jsonl(run("events", "--db", db, "--json"))
    res = run("corpus", "rebuild", "--db", db)
    assert json.loads(res.stdout) == {"reports": 11, "corpus_events": 8, "ties": 7, "links": 2}
    assert json.loads(run("corpus", "sync", "--db", db).stdout)["added"] == 0
    after = _jsonl(run("events", "--db", db, "--json"))
    strip = lambda evs: sorted((e["type"], e["date"], e["n_reports"], e["outlets"]) for e in evs)  # noqa: E731
    assert strip(before) == strip(after)


def test_serve_refuses_a_public_address_without_a_token(db, monkeypatch):
    monkeypatch.delenv("SELON_TOKEN", raising=False)
    res = run("serve", "--db", db, "--host", "0.0.0.0")
    assert res.exit_code == 2 and "without a token" in res.stderr
    short = run("serve", "--db", db, "--host", "0.0.0.0", "--token", "abc")
    assert short.exit_code == 2 and "at least 16" in short.stderr
