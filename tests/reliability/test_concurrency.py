"""Concurrent use of one store: writers racing on the same articles, readers while a writer writes.

At the store level (threads, each with its own Store, as separate processes
would have): no "database is locked", no duplicate, no error; the writers
also on PostgreSQL (no deadlock, no unique-key error).  The same
against `selon serve` is in test_serve.py once the server exists.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from pathlib import Path

import pytest

from selon.ingest import Document
from selon.record import Record
from selon.store import open_store

from .corpus import good_article


@pytest.fixture(scope="module")
def records(extractor) -> list[tuple[Record, str]]:
    """60 distinct stored-ready records, from 6 real extractions (the model is the slow part)."""
    out = []
    base = []
    for i in range(6):
        doc = Document.from_text(good_article(30_000 + i), path=f"c{i}.txt")
        doc.meta["language"] = "fr"
        base.append((extractor.extract(doc), doc.text))
    for k in range(60):
        rec, raw = base[k % len(base)]
        sha = hashlib.sha256(f"{k}".encode()).hexdigest()
        out.append((dataclasses.replace(rec, sha256=sha, id=f"doc-{k}"), raw))
    return out


def run_threads(*targets) -> list[BaseException]:
    errors: list[BaseException] = []

    def guard(fn):
        def run():
            try:
                fn()
            except BaseException as exc:  # noqa: BLE001 - reported by the test
                errors.append(exc)
        return run

    threads = [threading.Thread(target=guard(t)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


def test_two_writers_on_the_same_articles_store_each_once(db_url: str, records):
    db = db_url
    open_store(db).close()
    added: list[int | None] = []

    def writer(order):
        def run():
            with open_store(db) as store:
                for rec, raw in order:
                    added.append(store.add(rec, raw))
        return run

    errors = run_threads(writer(records), writer(list(reversed(records))), writer(records[::2] + records[1::2]))
    assert errors == [], errors
    assert sum(1 for a in added if a is not None) == len(records)
    with open_store(db) as store:
        stats = store.stats()
        assert stats["articles"] == len(records)
        assert stats["entities"] == sum(len(r.entities) for r, _ in records)


def test_readers_while_a_writer_writes(tmp_path: Path, records):
    db = str(tmp_path / "s.db")  # SQLite: readers and a writer on one file (PostgreSQL readers never wait)
    open_store(db).close()
    done = threading.Event()
    reads = [0]

    def writer():
        try:
            with open_store(db) as store:
                for rec, raw in records:
                    assert store.add(rec, raw) is not None
        finally:
            done.set()

    def reader():
        with open_store(db) as store:
            last = 0
            while not done.is_set():
                n = store.stats()["articles"]
                assert n >= last, "a committed article disappeared"
                last = n
                store.articles(limit=20, offset=max(0, n - 20))
                store.search("ministre")
                if n:
                    assert store.record(str(n)) is not None
                reads[0] += 1

    errors = run_threads(writer, reader, reader)
    assert errors == [], errors
    assert reads[0] > 10
