import json

import pytest
from typer.testing import CliRunner

from selon.cli import app
from selon.record import Entity, Mention, Record
from selon.store import open_store


def run(*args):
    return CliRunner().invoke(app, list(args))


def ent(eid, name, etype, kb_id=None, aliases=(), roles=()):
    return Entity(id=eid, name=name, type=etype, kb_id=kb_id, aliases=list(aliases), roles=list(roles),
                  mentions=[Mention(0, len(name), name)])


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("cli") / "s.db")
    records = [
        Record(path="a.txt", id="a", language="fr", title="Haniyeh à Doha", outlet="Al Jazeera", published="2024-01-10",
               body="x", sha256="a" * 64, entities=[
                   ent("e1", "Ismail Haniyeh", "PERSON", "selon:per:ismail-haniyeh", ["Haniyeh"],
                       ["chef du bureau politique du Hamas"]),
                   ent("e2", "Hamas", "ORG", "Q38799"),
                   ent("e3", "Ahmed Mansour", "PERSON"),
               ]),
        Record(path="b.txt", id="b", language="fr", title="Le Hamas répond", outlet=None, published="2024-02-01",
               body="y", sha256="b" * 64, entities=[
                   ent("e1", "Hamas", "ORG", "Q38799", ["Mouvement de la Résistance islamique"]),
                   ent("e2", "Leila Mansour", "PERSON"),
               ]),
    ]
    with open_store(path) as st:
        for r in records:
            st.add(r, r.body)
    return path


def test_actors_lists_the_most_mentioned_first(db):
    res = run("actors", "--db", db, "--json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert rows[0]["name"] == "Hamas" and rows[0]["articles"] == 2
    assert rows[0]["first_seen"] == "2024-01-10" and rows[0]["last_seen"] == "2024-02-01"


def test_actors_by_type_and_table(db):
    rows = json.loads(run("actors", "--db", db, "--type", "person", "--json").stdout)
    assert {r["type"] for r in rows} == {"PERSON"} and len(rows) == 3
    res = run("actors", "--db", db, "--top", "1")
    assert res.exit_code == 0 and "Hamas" in res.stdout and "Haniyeh" not in res.stdout
    assert run("actors", "--db", db, "--type", "ANIMAL").exit_code != 0


def test_actor_in_full(db):
    res = run("actor", "mouvement de la resistance islamique", "--db", db, "--json")
    assert res.exit_code == 0, res.output
    detail = json.loads(res.stdout)
    assert detail["name"] == "Hamas" and detail["kb_id"] == "Q38799"
    assert {a["alias"] for a in detail["aliases"]} == {"Hamas", "Mouvement de la Résistance islamique"}
    assert [a["id"] for a in detail["articles"]] == [1, 2]
    res = run("actor", "Haniyeh", "--db", db)
    assert res.exit_code == 0
    assert "chef du bureau politique du Hamas" in res.stdout and "member_of" in res.stdout


def test_ambiguous_and_unknown_names(db):
    res = run("actor", "Mansour", "--db", db)
    assert res.exit_code == 2 and "#" in res.stdout
    ident = json.loads(run("actor", "Mansour", "--db", db, "--json").stdout)["candidates"][0]["id"]
    assert json.loads(run("actor", f"#{ident}", "--db", db, "--json").stdout)["id"] == ident
    res = run("actor", "Personne Inconnue", "--db", db)
    assert res.exit_code == 1 and "no actor" in res.stderr and "Traceback" not in res.output
    assert run("actor", "#999999", "--db", db).exit_code == 1


def test_bad_user_kb_is_refused_before_workers_start(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Le FPLA a revendiqué l'attaque.\n", encoding="utf-8")
    bad = tmp_path / "kb.jsonl"
    bad.write_text('{"id": "x", "type": "ORG"}\n', encoding="utf-8")
    res = run("extract", str(art), "--kb", str(bad), "-w", "2")
    assert res.exit_code == 2 and "kb.jsonl:1: missing name" in res.stderr and "Traceback" not in res.output
