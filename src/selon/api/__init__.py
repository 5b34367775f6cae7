"""The Python API for notebooks and scripts: the store as pandas DataFrames, one article as its record.

``selon.open`` and ``selon.extract`` are the entry points (``docs/python.md``).
The queries are the CLI's own (``selon.corpus``): the same filters, checked by
the same parser, give the same rows.
"""

from selon.api.article import extract
from selon.api.corpus import AmbiguousActorWarning, Corpus

__all__ = ["AmbiguousActorWarning", "Corpus", "extract"]
