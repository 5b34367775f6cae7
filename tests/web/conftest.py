import pytest

from selon.store import open_store
from tests import pg
from tests.corpus import fixtures as fx


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory):
    """The corpus fixtures (several outlets, claims and denials, a hostile-HTML article) in one store."""
    with open_store(str(tmp_path_factory.mktemp("web") / "web.db")) as st:
        ids = fx.fill(st)
        st.article_ids = ids  # type: ignore[attr-defined]
        yield st


@pytest.fixture(scope="module")
def pg_fixture_store():
    """The same corpus fixtures in a throw-away PostgreSQL database (skips, saying why, without a server)."""
    with pg.throwaway_db() as url, open_store(url) as st:
        ids = fx.fill(st)
        st.article_ids = ids  # type: ignore[attr-defined]
        yield st
