"""selon: who did what to whom, when, where — and according to whom, from news articles.

The Python API (``docs/python.md``)::

    import selon
    store = selon.open("selon.db")          # or a postgresql:// URL
    store.events(actor="Hamas", since="2024-01")   # a pandas DataFrame, one row per corpus event
    record = selon.extract("article.txt")   # the CONTRACT record of one article

Nothing heavy is imported here: the command line imports this package too,
and pandas or spaCy load only when ``open`` or ``extract`` is first called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from selon.api import Corpus
    from selon.record import Record

__version__ = "0.1.0"
__all__ = ["__version__", "extract", "open"]


def open(db: str | None = None, *, create: bool = False) -> Corpus:  # noqa: A001 (selon.open, like gzip.open)
    """Open a store for reading as DataFrames: a SQLite path or a ``postgresql://`` URL (default ``$SELON_DB``
    or ./selon.db).  A SQLite file that does not exist is an error unless ``create`` is true."""
    from selon.api import Corpus

    return Corpus(db, create=create)


def extract(source: str | Path, **meta: Any) -> Record:
    """The CONTRACT record of one article: ``source`` is its text, or the path of a .txt/.html file (see
    ``selon.api.extract``)."""
    from selon.api import extract as run

    return run(source, **meta)
