"""The store: SQLite (embedded, default) or PostgreSQL, behind one interface."""

from selon.store.sql import DEFAULT_DB, Store, resolve_url

__all__ = ["DEFAULT_DB", "Store", "open_store", "resolve_url"]


def open_store(db: str | None = None) -> Store:
    """Open (and create if needed) the store at ``db`` (path or URL; default ``$SELON_DB`` or ./selon.db)."""
    return Store(db)
