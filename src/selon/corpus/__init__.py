"""The corpus view: reports merged into events, denials linked to claims, sources profiled.

``merge`` keeps ``corpus_*`` tables current (the store calls ``merge.add_article``
in each article's transaction; ``rebuild`` recomputes them); ``query`` reads them
for the CLI, the exports and the web API.
"""

from selon.corpus.merge import add_article, rebuild, sync

__all__ = ["add_article", "rebuild", "sync"]
