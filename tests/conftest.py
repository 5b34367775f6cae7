"""Shared fixtures: the pipeline is loaded once per test session (model load is the slow part)."""

from __future__ import annotations

import pytest

from selon.ingest import Document
from selon.pipeline import Extractor
from selon.record import Record


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
