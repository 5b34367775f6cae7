"""The store on both backends: SQLite (always) and PostgreSQL (when tests/pg.py finds a server)."""

import threading

import pytest
from sqlalchemy import text

from selon.ingest import Document
from selon.record import Entity, Mention, Record
from selon.store import fts, open_store, resolve_url

TEXT = ("Le chef du Hamas s'entretient avec le Premier ministre qatari\n\n"
        "Le chef du bureau politique du Hamas, Ismaïl Haniyeh, s'est entretenu samedi à Doha avec le Premier "
        "ministre du Qatar, a rapporté l'agence Anadolu.\n")


def test_resolve_url(monkeypatch, tmp_path):
    monkeypatch.delenv("SELON_DB", raising=False)
    assert resolve_url(None) == "sqlite:///selon.db"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("SELON_DB", str(tmp_path / "x.db"))
    assert resolve_url(None).endswith("x.db")


@pytest.fixture(scope="module")
def qatar(extractor):
    doc = Document.from_text(TEXT, path="qatar.txt")
    doc.meta["language"] = "fr"
    return extractor.extract(doc), doc.text


def test_ingest_twice_is_a_noop_and_show_round_trips(db_url, qatar):
    rec, raw = qatar
    with open_store(db_url) as store:
        first = store.add(rec, raw)
        second = store.add(rec, raw)
        assert first is not None and second is None
        stats = store.stats()
        assert stats["articles"] == 1 and stats["entities"] == len(rec.entities) > 0
        got = store.record(rec.sha256[:10])
        assert isinstance(got, Record) and got == rec
        assert store.find_article(str(first))["doc_id"] == rec.id
        assert store.find_article("no-such-article") is None
        assert [a["id"] for a in store.articles()] == [first]
        assert [r.id for r in store.iter_records()] == [rec.id]
        hits = store.search("Doha")
        assert hits and hits[0]["id"] == first and "[Doha]" in hits[0]["snippet"]
        assert store.search("doha QATAR")[0]["id"] == first  # any case, every word
        assert store.search("Doha Lisbonne") == []  # every word must be there
        assert store.search('"; DROP TABLE articles; --') == []
        assert store.stats()["articles"] == 1


QUERIES = ["'", '"', "\\", "Doha & | ! ( ) :*", "Doha OR", "-Doha", "(((", "Doha:*", "a' OR '1'='1", "NEAR(Doha)",
           "title:Doha", "Ismaïl", "ismail", "DOHA", "…", "«Doha»", "\x00Doha", "Doha" * 200, "  ", "", "oe ae"]


def test_search_takes_any_user_query(db_url, qatar):
    """User text is data, never query syntax: no error on either backend, whatever the punctuation."""
    rec, raw = qatar
    with open_store(db_url) as store:
        art = store.add(rec, raw)
        for query in QUERIES:
            assert isinstance(store.search(query), list), query
        for query in ("Ismaïl", "ismail", "DOHA", "«Doha»", "\x00Doha", "Doha:*", "(Doha)"):
            assert [h["id"] for h in store.search(query)] == [art], query
        assert store.stats()["articles"] == 1


def test_search_ignores_case_and_accents_and_keeps_them_in_snippets(db_url):
    body = ("Le président de la République s'est rendu à l'Élysée puis en Israël. Une cœur de cible : "
            "les élections européennes de juin, selon Hélène Dubœuf.")
    rec = Record(path="f.txt", id="f", language="fr", title="Visite présidentielle", outlet="Le Figaro",
                 published="2024-05-02", body=body, sha256="f" * 64)
    with open_store(db_url) as store:
        art = store.add(rec, body)
        for query in ("israel", "ISRAËL", "elysee", "l'Élysée", "Elections europeennes", "coeur", "Duboeuf",
                      "presidentielle", "Hélène"):
            hits = store.search(query)
            assert [h["id"] for h in hits] == [art], query
        assert "[Israël]" in store.search("israel")[0]["snippet"]
        assert store.search("Israël Lisbonne") == []


def test_a_writer_that_lost_the_race_gets_none_not_an_error(db_url, qatar):
    """Two ingests of the same file: the second INSERT finds the sha taken, and says so quietly."""
    rec, raw = qatar
    with open_store(db_url) as first, open_store(db_url) as second:
        assert first.add(rec, raw) is not None
        with second.engine.begin() as conn:  # as if `second` had checked before `first` committed
            assert second._insert(conn, rec, raw, rec.sha256) is None
        assert second.stats()["articles"] == 1


def _article(n: int, names: list[str]) -> tuple[Record, str]:
    body = f"Article {n}. " + " ".join(f"{name} a parlé." for name in names)
    ents = [Entity(id=f"e{i}", name=name, type="PERSON", mentions=[Mention(0, len(name), name)])
            for i, name in enumerate(names)]
    return Record(path=f"a{n}.txt", id=f"doc{n}", language="fr", title=f"Titre {n}", outlet="Le Monde",
                  published="2024-03-0" + str(1 + n % 9), body=body, entities=ents, sha256=f"{n:064d}"), body


def test_concurrent_writers_share_new_actors(db_url):
    """Several writers at once, each naming the same new people (in different orders): every article is
    stored, each person is one actor, and no writer fails on the unique key or deadlocks."""
    people = ["Karim Benali", "Sophie Marchand", "Lucas Ferreira", "Amina Diallo"]
    with open_store(db_url):
        pass  # the schema, once
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def write(w: int) -> None:
        try:
            with open_store(db_url) as st:
                barrier.wait(timeout=30)
                for k in range(3):
                    n = w * 10 + k
                    order = people[w % 4:] + people[:w % 4]
                    st.add(*_article(n, order if k % 2 else order[::-1]))
        except BaseException as exc:  # noqa: BLE001  (reported below, in the test's thread)
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    with open_store(db_url) as st:
        assert st.stats()["articles"] == 12
        with st.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM actors")).scalar_one() == len(people)
            assert conn.execute(text("SELECT count(DISTINCT actor_id) FROM entities")).scalar_one() == len(people)


def test_postgresql_search_uses_the_tsvector_index(pg_url, qatar):
    """Full-text search on PostgreSQL matches the generated tsv column with @@ and can use its GIN index."""
    rec, raw = qatar
    with open_store(pg_url) as store:
        store.add(rec, raw)
        with store.engine.connect() as conn:
            conn.execute(text("SET enable_seqscan = off"))  # one row: the planner would scan, were it free to
            plan = "\n".join(r[0] for r in conn.execute(text(
                "EXPLAIN " + fts.POSTGRESQL_SEARCH), {"q": "doha", "n": 20}))
            assert "ix_articles_tsv" in plan, plan
            assert "tsv @@" in plan, plan
            kind = conn.execute(text(
                "SELECT am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_am am ON am.oid = c.relam WHERE c.relname = 'ix_articles_tsv'")).scalar_one()
            assert kind == "gin"


def test_postgresql_store_from_before_folding_gets_the_folded_index(pg_url):
    body = "Le Premier ministre d'Israël a reçu son homologue."
    rec = Record(path="i.txt", id="i", language="fr", title="Visite", outlet="Le Monde", published="2024-01-02",
                 body=body, sha256="e" * 64)
    with open_store(pg_url) as store:
        store.add(rec, body)
        with store.engine.begin() as conn:  # the column as the first PostgreSQL stores had it
            conn.execute(text("ALTER TABLE articles DROP COLUMN tsv"))
            conn.execute(text("ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
                              "(to_tsvector('simple', coalesce(title, '') || ' ' || body)) STORED"))
            conn.execute(text("DELETE FROM selon_meta WHERE key = 'postgresql_tsv'"))
        assert store.search("israel") == []
    with open_store(pg_url) as store:
        assert [h["title"] for h in store.search("israel")] == ["Visite"]
        assert store.search("Israël")[0]["snippet"].count("[Israël]") == 1
