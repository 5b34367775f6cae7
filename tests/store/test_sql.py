from selon.ingest import Document
from selon.record import Record
from selon.store import open_store, resolve_url

TEXT = ("Le chef du Hamas s'entretient avec le Premier ministre qatari\n\n"
        "Le chef du bureau politique du Hamas, Ismaïl Haniyeh, s'est entretenu samedi à Doha avec le Premier "
        "ministre du Qatar, a rapporté l'agence Anadolu.\n")


def test_resolve_url(monkeypatch, tmp_path):
    monkeypatch.delenv("SELON_DB", raising=False)
    assert resolve_url(None) == "sqlite:///selon.db"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("SELON_DB", str(tmp_path / "x.db"))
    assert resolve_url(None).endswith("x.db")


def test_ingest_twice_is_a_noop_and_show_round_trips(tmp_path, extractor):
    doc = Document.from_text(TEXT, path="qatar.txt")
    doc.meta["language"] = "fr"
    rec = extractor.extract(doc)
    with open_store(str(tmp_path / "s.db")) as store:
        first = store.add(rec, doc.text)
        second = store.add(rec, doc.text)
        assert first is not None and second is None
        stats = store.stats()
        assert stats["articles"] == 1 and stats["entities"] == len(rec.entities) > 0
        got = store.record(rec.sha256[:10])
        assert isinstance(got, Record) and got == rec
        assert store.find_article(str(first))["doc_id"] == rec.id
        hits = store.search("Doha")
        assert hits and hits[0]["id"] == first
        assert store.search('"; DROP TABLE articles; --') == []
        assert store.stats()["articles"] == 1


def test_a_writer_that_lost_the_race_gets_none_not_an_error(tmp_path, extractor):
    """Two ingests of the same file: the second INSERT finds the sha taken, and says so quietly."""
    doc = Document.from_text(TEXT, path="qatar.txt")
    doc.meta["language"] = "fr"
    rec = extractor.extract(doc)
    db = str(tmp_path / "s.db")
    with open_store(db) as first, open_store(db) as second:
        assert first.add(rec, doc.text) is not None
        with second.engine.begin() as conn:  # as if `second` had checked before `first` committed
            assert second._insert(conn, rec, doc.text, rec.sha256) is None
        assert second.stats()["articles"] == 1
