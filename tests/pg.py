"""Where the tests find PostgreSQL, and throw-away databases on it.

The server is, in order: ``$SELON_TEST_POSTGRESQL``; the URL scripts/services/postgresql.sh wrote to
.services/postgresql.url (``make test`` runs it first); the ``selon_test`` role on localhost:5432.  When
none answers, the PostgreSQL tests skip and say why (quoting the services script when it failed).
Each test gets its own database, dropped afterwards, so tests never see each other's rows.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
URL_FILE = ROOT / ".services" / "postgresql.url"
ERROR_FILE = ROOT / ".services" / "postgresql.error"
FALLBACK = "postgresql://selon_test:selon_test@localhost:5432/selon_test"


def server_url() -> tuple[str, str]:
    """The admin URL to try, and where it came from (for the skip reason)."""
    if os.environ.get("SELON_TEST_POSTGRESQL"):
        return os.environ["SELON_TEST_POSTGRESQL"], "$SELON_TEST_POSTGRESQL"
    if URL_FILE.exists() and URL_FILE.read_text().strip():
        return URL_FILE.read_text().strip(), ".services/postgresql.url"
    return FALLBACK, "the selon_test role on localhost:5432 (no $SELON_TEST_POSTGRESQL, no .services/postgresql.url)"


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://").replace("postgres://", "postgresql://", 1)


def _where(url: str) -> str:
    """host:port/db of a URL, without the credentials."""
    return url.split("@")[-1] if "@" in url else url.split("://", 1)[-1]


@functools.cache
def unavailable() -> str | None:
    """Why there is no PostgreSQL to test against (None when there is); probed once per session."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    url, source = server_url()
    try:
        with psycopg.connect(_plain(url), connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        why = f"no PostgreSQL answers at {_where(url)} (from {source}): {str(exc).strip().splitlines()[0][:160]}"
        if ERROR_FILE.exists():
            why += f"; scripts/services/postgresql.sh said: {ERROR_FILE.read_text().strip()[:200]}"
        else:
            why += "; run `make services` (scripts/services/postgresql.sh) or set $SELON_TEST_POSTGRESQL"
        return why
    return None


@contextmanager
def throwaway_db(prefix: str = "selon_test") -> Iterator[str]:
    """A fresh, empty database on the test server (its postgresql:// URL), dropped afterwards; skips the
    calling test when there is no server or no right to create databases."""
    why = unavailable()
    if why:
        pytest.skip(why)
    import psycopg

    base = _plain(server_url()[0])
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"  # ours, never user input: safe to put in the statement
    with psycopg.connect(base, autocommit=True, connect_timeout=3) as admin:
        try:
            admin.execute(f'CREATE DATABASE "{name}"')
        except psycopg.Error as exc:
            pytest.skip(f"cannot create a test database on {_where(base)}: {str(exc).strip()[:160]}")
        try:
            yield urlsplit(base)._replace(path="/" + name).geturl()
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
