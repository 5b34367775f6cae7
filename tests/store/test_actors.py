"""Cross-document actors in the store (records built by hand: the store's logic, without the model)."""

import pytest
from sqlalchemy import select

from selon.record import Entity, Mention, Record
from selon.store import open_store
from selon.store import schema as s
from selon.store.actors import actor_detail, actor_key, find_actors, top_actors


def ent(eid, name, etype, kb_id=None, aliases=(), roles=()):
    return Entity(id=eid, name=name, type=etype, kb_id=kb_id, aliases=list(aliases), roles=list(roles),
                  mentions=[Mention(0, len(name), name)])


def rec(n, published, entities):
    text = f"article {n}"
    return Record(path=f"a{n}.txt", id=f"doc{n}", language="fr", title=f"Titre {n}", outlet="Press TV",
                  published=published, body=text, entities=entities, sha256=f"{n:064d}")


@pytest.fixture()
def store(tmp_path):
    with open_store(str(tmp_path / "actors.db")) as st:
        st.add(rec(1, "2023-04-07", [
            ent("e1", "Ismail Qaani", "PERSON", "selon:per:esmail-qaani", ["général Qaani"],
                ["commandant en chef de la Force Qods"]),
            ent("e2", "Force Qods", "ORG", "selon:org:quds-force"),
            ent("e3", "Mohammad Reza Talaei", "PERSON", roles=["conseiller militaire"]),
            ent("e4", "Hassan Rahimi", "PERSON"),
        ]), "article 1")
        st.add(rec(2, "2021-05-15", [
            ent("e1", "Ismail Qaani", "PERSON", "selon:per:esmail-qaani", ["Ismael Qaani"],
                ["chef de la Force Quds"]),
            ent("e2", "Mohammed Reza Talaie", "PERSON"),
            ent("e3", "Hussein Rahimi", "PERSON"),
            ent("e4", "Fars", "ORG", "selon:outlet:fars", ["Fars News"]),
        ]), "article 2")
        yield st


def actor_of(store, name):
    with store.engine.connect() as conn:
        return conn.execute(select(s.entities.c.actor_id).where(s.entities.c.name == name)).scalars().all()


def test_one_actor_per_kb_id_across_articles(store):
    ids = actor_of(store, "Ismail Qaani")
    assert len(ids) == 2 and len(set(ids)) == 1


def test_transliterations_of_an_unknown_name_are_one_actor_and_other_names_are_not(store):
    assert set(actor_of(store, "Mohammad Reza Talaei")) == set(actor_of(store, "Mohammed Reza Talaie"))
    assert set(actor_of(store, "Hassan Rahimi")) != set(actor_of(store, "Hussein Rahimi"))


def test_aliases_and_roles_keep_their_sources(store):
    [actor] = find_actors(store.engine, "Qaani")  # a surname they were given finds them
    detail = actor_detail(store.engine, actor["id"])
    aliases = {a["alias"]: a["articles"] for a in detail["aliases"]}
    assert aliases == {"Ismail Qaani": 2, "général Qaani": 1, "Ismael Qaani": 1}
    assert {r["role"] for r in detail["roles"]} == {"commandant en chef de la Force Qods", "chef de la Force Quds"}
    assert detail["first_seen"] == "2021-05-15" and detail["last_seen"] == "2023-04-07"
    assert [a["id"] for a in detail["articles"]] == [2, 1]


def test_affiliations_come_from_the_kb(store):
    [qaani] = find_actors(store.engine, "Ismail Qaani")
    affs = actor_detail(store.engine, qaani["id"])["affiliations"]
    assert any(a["relation"] == "member_of" and a["target_name"] == "Force Qods" for a in affs)
    [fars] = find_actors(store.engine, "fars news")
    affs = actor_detail(store.engine, fars["id"])["affiliations"]
    assert any(a["relation"] == "state_media_of" and a["target_name"] == "Iran" for a in affs)


def test_top_actors_by_articles_and_type(store):
    top = top_actors(store.engine, top=3)
    assert top[0]["name"] == "Ismail Qaani" and top[0]["articles"] == 2
    assert all(r["type"] == "ORG" for r in top_actors(store.engine, etype="ORG"))
    assert top_actors(store.engine, etype="EVENT") == []


def test_find_is_accent_and_case_blind_and_safe(store):
    assert find_actors(store.engine, "ismaïl QAANI")
    assert find_actors(store.engine, "'; DROP TABLE actors; --") == []
    assert find_actors(store.engine, "%") == [] and find_actors(store.engine, "") == []
    assert actor_detail(store.engine, 10_000) is None
    assert store.stats()["actors"] > 0


def test_actor_key():
    assert actor_key("Q38799", "ORG", "Hamas") == "kb:Q38799"
    assert actor_key(None, "PERSON", "Bachar el-Assad") == actor_key(None, "PERSON", "Bachar al-Assad")
    assert actor_key(None, "PERSON", "X") != actor_key(None, "ORG", "X")
