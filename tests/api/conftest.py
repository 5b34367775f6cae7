"""Stores for the Python API tests: the corpus fixtures (synthetic, fast), and the demo corpus ingested once."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from selon.api import article
from selon.ingest import iter_documents
from selon.pipeline import Extracted
from selon.store import open_store
from tests.corpus import fixtures as fx


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> str:
    """The corpus fixtures (several outlets telling the same events, claims and denials, hostile HTML)."""
    path = str(tmp_path_factory.mktemp("api") / "fixtures.db")
    with open_store(path) as st:
        fx.fill(st)
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, extractor) -> Path:
    """The bundled demo corpus, extracted by the session's pipeline and stored, as `make demo` does."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with open_store(str(path)) as st:
        for item in extractor.run(iter_documents([str(files("selon").joinpath("demo"))])):
            assert isinstance(item, Extracted), item
            st.add(item.record, item.document.text)
    return path


@pytest.fixture
def shared_pipeline(monkeypatch, extractor):
    """``selon.extract`` on the session's pipeline (a second model load would cost seconds)."""
    monkeypatch.setattr(article, "extractor", lambda kb=None: extractor)
    return extractor
