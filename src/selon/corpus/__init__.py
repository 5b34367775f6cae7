"""The corpus view: reports merged into events, denials linked to claims, sources profiled.

``merge`` keeps ``corpus_*`` tables current (the store calls ``merge.add_article``
in each article's transaction; ``rebuild`` recomputes them); ``query`` reads them
for the CLI, the exports and the web API.

``add_article``, ``rebuild`` and ``sync`` are loaded on first use: a command that
only reads the store imports ``selon.corpus.dates`` or ``query`` without the
merging code and what it needs.
"""

from __future__ import annotations

from typing import Any

__all__ = ["add_article", "rebuild", "sync"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from selon.corpus import merge

        return getattr(merge, name)
    raise AttributeError(f"module 'selon.corpus' has no attribute {name!r}")
