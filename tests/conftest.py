"""Shared fixtures: the pipeline is loaded once per test session (model load is the slow part)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from selon.ingest import Document
from selon.pipeline import Extractor
from selon.record import Record
from tests import pg


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def extract(extractor: Extractor):
    """``extract(text, **meta) -> Record`` for a French fixture text."""

    def run(text: str, **meta: str) -> Record:
        doc = Document.from_text(text, path="fixture.txt")
        doc.meta.update(meta)
        doc.meta.setdefault("language", "fr")
        return extractor.extract(doc)

    return run


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A throw-away PostgreSQL database (its URL); the test skips, saying why, when there is no server."""
    with pg.throwaway_db() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The store on each backend: a fresh SQLite file, or a fresh PostgreSQL database (``-k postgresql``)."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture(scope="session")
def article(extract):
    """``article(body, title=...)``: a record for a French article body (a title line is added)."""
    cache: dict[tuple[str, str], Record] = {}

    def run(body: str, title: str = "Dépêche") -> Record:
        key = (title, body)
        if key not in cache:
            cache[key] = extract(f"{title}\n\n{body}\n")
        return cache[key]

    return run
