"""Read the corpus view: events, timelines, actor graphs, evidence, outlets — one import for all of it.

Shared by the CLI, the exports, the Python API and the web API, so they all
agree.  Every function takes an open connection and returns plain JSON-ready
values; all SQL is SQLAlchemy Core with bound parameters (user text never
becomes SQL).  The code lives in one module per concern, re-exported here:

- ``filters``  what queries filter on, and the checking of user filter values
- ``lookup``   actors: by name, by what a user typed, one in full
- ``listing``  events: a page in date order, every match in batches, a timeline
- ``network``  the actor graph
- ``evidence`` one event with its reports; one article with its spans
- ``facets``   outlets, filter values, co-mentions (stores without events yet)
- ``tables``   flat rows for the tabular outputs (CSV, JSON lines, Parquet, DataFrames)
"""

from __future__ import annotations

from selon.corpus.evidence import article, event
from selon.corpus.facets import actor_articles, comention_graph, facets, has_events, most_mentioned, outlets
from selon.corpus.filters import PARTICIPANT, FilterError, Filters, parse
from selon.corpus.listing import (
    count_events,
    events,
    evidence_by_event,
    evidence_texts,
    iter_events,
    timeline,
)
from selon.corpus.lookup import actor, actor_exists, find_actors, most_active, resolve_actor
from selon.corpus.network import MAX_GRAPH_NODES, graph
from selon.corpus.participants import report_args
from selon.corpus.urls import safe_url

__all__ = [
    "MAX_GRAPH_NODES", "PARTICIPANT", "FilterError", "Filters", "actor", "actor_articles", "actor_exists",
    "article", "comention_graph", "count_events", "event", "events", "evidence_by_event", "evidence_texts",
    "facets", "find_actors", "graph", "has_events", "iter_events", "most_active", "most_mentioned", "outlets",
    "parse", "report_args", "resolve_actor", "safe_url", "timeline",
]
