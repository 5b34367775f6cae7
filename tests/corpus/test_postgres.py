"""The corpus view on PostgreSQL: same merges, links, ties and queries as on SQLite.

Runs in a throw-away database when a PostgreSQL server is reachable ($SELON_TEST_POSTGRESQL, the URL
scripts/services/postgresql.sh writes to .services/postgresql.url, or the selon_test role on localhost);
skips with the reason otherwise."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from selon.corpus import merge, query
from selon.store import open_store
from tests.corpus import fixtures as fx

psycopg = pytest.importorskip("psycopg")


def _admin_url() -> str:
    url = os.environ.get("SELON_TEST_POSTGRESQL")
    file = Path(__file__).resolve().parents[2] / ".services" / "postgresql.url"
    if not url and file.exists():
        url = file.read_text().strip()
    return url or "postgresql://selon_test:selon_test@localhost:5432/selon_test"


@pytest.fixture
def pg_store():
    base = _admin_url().replace("postgresql+psycopg://", "postgresql://")
    try:
        admin = psycopg.connect(base, autocommit=True, connect_timeout=3)
    except psycopg.Error as exc:
        pytest.skip(f"no PostgreSQL at {base.split('@')[-1]}: {str(exc).strip()[:120]}")
    name = f"selon_corpus_{uuid.uuid4().hex[:10]}"
    try:
        admin.execute(f'CREATE DATABASE "{name}"')  # name is ours, never user input
    except psycopg.Error as exc:
        admin.close()
        pytest.skip(f"cannot create a test database: {str(exc).strip()[:120]}")
    try:
        with open_store(base.rsplit("/", 1)[0] + "/" + name) as st:
            yield st
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_corpus_view_on_postgresql(pg_store):
    fx.fill(pg_store)
    with pg_store.engine.begin() as conn:
        groups, counts = merge.groups(conn), merge.counts(conn)
        assert counts == {"reports": 11, "corpus_events": 8, "ties": 7, "links": 2}
        calls = query.events(conn, query.Filters(types=["CONSULT"]))
        assert [e["n_reports"] for e in calls] == [3, 1, 2]
        hamas = query.resolve_actor(conn, "Hamas")[0]["id"]
        assert query.graph(conn, hamas, query.Filters(), depth=2) == query.graph(
            conn, hamas, query.Filters(since="0001-01-01"), depth=2)
        assert [e["type"] for e in query.timeline(conn, hamas, query.Filters(since="2023-06-05"))] == [
            "REJECT", "REJECT", "THREATEN", "SUPPORT"]
        merge.rebuild(conn)
        assert (merge.groups(conn), merge.counts(conn)) == (groups, counts)
    assert pg_store.search("Doha")
