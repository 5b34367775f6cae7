"""Cross-document actors in the store (records built by hand: the store's logic, without the model), on
SQLite and PostgreSQL."""

import threading

import pytest
from sqlalchemy import insert, select

from selon.corpus.tables import actor_rows
from selon.record import Entity, Mention, Record
from selon.store import open_store
from selon.store import schema as s
from selon.store.actors import actor_detail, actor_key, find_actors, link_actor


def ent(eid, name, etype, kb_id=None, aliases=(), roles=()):
    return Entity(id=eid, name=name, type=etype, kb_id=kb_id, aliases=list(aliases), roles=list(roles),
                  mentions=[Mention(0, len(name), name)])


def rec(n, published, entities):
    text = f"article {n}"
    return Record(path=f"a{n}.txt", id=f"doc{n}", language="fr", title=f"Titre {n}", outlet="Press TV",
                  published=published, body=text, entities=entities, sha256=f"{n:064d}")


@pytest.fixture()
def store(db_url):
    with open_store(db_url) as st:
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
    with store.engine.connect() as conn:
        top = actor_rows(conn, limit=3)
        assert top[0]["name"] == "Ismail Qaani" and top[0]["articles"] == 2
        assert all(r["type"] == "ORG" for r in actor_rows(conn, etype="ORG"))
        assert actor_rows(conn, etype="EVENT") == []


def test_find_is_accent_and_case_blind_and_safe(store):
    assert find_actors(store.engine, "ismaïl QAANI")
    assert find_actors(store.engine, "'; DROP TABLE actors; --") == []
    assert find_actors(store.engine, "%") == [] and find_actors(store.engine, "") == []
    assert actor_detail(store.engine, 10_000) is None
    assert actor_detail(store.engine, 2**40) is None and store.find_article(str(2**40)) is None  # past 32 bits
    assert find_actors(store.engine, "Qaani\x00") == find_actors(store.engine, "Qaani")  # NUL: no PG error
    assert find_actors(store.engine, "\x00") == []
    assert [h["doc_id"] for h in store.search("Titre\x00 1")] == ["doc1"] and store.search("\x00") == []
    assert store.stats()["actors"] > 0


def test_actor_key():
    assert actor_key("Q38799", "ORG", "Hamas") == "kb:Q38799"
    assert actor_key(None, "PERSON", "Bachar el-Assad") == actor_key(None, "PERSON", "Bachar al-Assad")
    assert actor_key(None, "PERSON", "X") != actor_key(None, "ORG", "X")


def test_postgresql_actor_created_meanwhile_by_another_writer_is_joined_not_duplicated(pg_url):
    """PostgreSQL, two transactions: B looks for an actor A has just inserted but not committed; B's insert
    waits for A, then finds the key taken and joins A's actor (no unique-key error, no second actor)."""
    gaza = ent("e1", "Farid Haddad", "PERSON")
    with open_store(pg_url) as st:
        got: list[object] = []
        with st.engine.connect() as a:
            a.begin()
            a_id = a.execute(insert(s.actors).values(key=actor_key(None, "PERSON", "Farid Haddad"),
                                                     name="Farid Haddad", type="PERSON")
                             .returning(s.actors.c.id)).scalar_one()

            def writer_b() -> None:
                try:
                    with st.engine.begin() as b:
                        got.append(link_actor(b, gaza))
                except Exception as exc:  # noqa: BLE001  (checked below)
                    got.append(exc)

            t = threading.Thread(target=writer_b)
            t.start()
            t.join(timeout=1)
            assert t.is_alive()  # B waits on A's uncommitted key
            a.commit()
        t.join(timeout=30)
        assert got == [a_id]
        with st.engine.connect() as conn:
            assert conn.execute(select(s.actors.c.id)).scalars().all() == [a_id]
