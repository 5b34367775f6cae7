"""The corpus view on PostgreSQL: same merges, links, ties and queries as on SQLite.

Runs in a throw-away database when a PostgreSQL server is reachable (tests/pg.py: $SELON_TEST_POSTGRESQL,
the URL scripts/services/postgresql.sh writes to .services/postgresql.url, or the selon_test role on
localhost); skips with the reason otherwise."""

from __future__ import annotations

import pytest

from selon.corpus import merge, query
from selon.store import open_store
from tests.corpus import fixtures as fx


@pytest.fixture
def pg_store(pg_url):
    with open_store(pg_url) as st:
        yield st


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
