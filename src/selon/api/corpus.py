"""``selon.open(db)``: a store opened for analysis, every query a typed pandas DataFrame.

The columns are those of ``selon.corpus.tables`` (the same as ``selon export
--format csv|parquet`` and the CLI's ``--format csv``): ids and counts are
``int64`` (``Int64`` where an id may be missing), text is pandas' string dtype,
days are ``datetime64[ms]``.  An id names the same row on every call.  A
filter value that names nothing raises ``ValueError`` naming the argument
(``FilterError``), never a database error.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from datetime import date
from numbers import Integral
from pathlib import Path
from typing import Any

import pandas as pd

from selon.corpus import evidence, filters, listing, tables
from selon.corpus.filters import FilterError, Filters
from selon.export.frames import frame
from selon.record import ENTITY_TYPES
from selon.store import Store, resolve_url
from selon.store import schema as s

DateLike = str | date | None
Names = str | int | Iterable[str | int] | None


class AmbiguousActorWarning(UserWarning):
    """A name that several actors match: the most active one was used (the warning names the others)."""


def _integers(argument: str, value: Any) -> list[int]:
    """One id or several (ints, numpy integers, a Series of ids) as a list of ints."""
    values = [value] if isinstance(value, Integral) or isinstance(value, str) else list(value)
    for v in values:
        if isinstance(v, bool) or not isinstance(v, Integral):
            raise FilterError(argument, f"expected ids (integers), got {v!r}")
    return [int(v) for v in values]


def _count(argument: str, value: int | None, allow_none: bool = True) -> int | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, Integral) or value < 0:
        raise FilterError(argument, f"expected a whole number of at least 0, got {value!r}")
    return min(int(value), s.MAX_ID)  # (more rows than ids can number: all of them; never an SQL overflow)


class Corpus:
    """A selon store (SQLite file or PostgreSQL URL) read as DataFrames.  Use it as a context manager, or
    call ``close()``, to release the connection pool."""

    def __init__(self, db: str | None = None, *, create: bool = False) -> None:
        url = resolve_url(db)
        path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None
        if path and path != ":memory:" and not create and not Path(path).exists():
            raise FileNotFoundError(f"no selon store at {path} (selon.open(..., create=True) makes an empty one)")
        self._store = Store(db)

    @property
    def url(self) -> str:
        """The store's URL, without its password."""
        return self._store.shown_url

    def __repr__(self) -> str:
        return f"<selon store {self.url}>"

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _filters(self, conn: Any, **given: Any) -> Filters:
        """The shared parser's filters; a name several actors match warns at the caller's line."""
        notes: list[str] = []

        def ambiguous(text: str, chosen: dict[str, Any], others: list[dict[str, Any]]) -> None:
            also = ", ".join(f"{a['name']} [{a['id']}]" for a in others[:5])
            notes.append(f"{text!r}: using {chosen['name']} [{chosen['id']}]; also matching: {also} "
                         "(pass an id to choose)")

        found = filters.parse(conn, on_ambiguous=ambiguous, **given)
        for note in notes:
            warnings.warn(AmbiguousActorWarning(note), stacklevel=3)
        return found

    # -- the corpus view ------------------------------------------------------------------------------

    def events(self, actor: Names = None, type: str | Iterable[str] | None = None, since: DateLike = None,
               until: DateLike = None, modality: str | None = None, outlet: str | None = None, *,
               limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        """Corpus events (the reports of one event merged), in date order, undated last: the rows of
        ``selon events`` with the same filters.  ``actor``: names, KB ids or store ids (any of them takes
        part, as actor or recipient); ``type``: PLOVER types; ``since``/``until``: "YYYY", "YYYY-MM",
        "YYYY-MM-DD" or a date; ``modality``: events with at least one report of it; ``outlet``: events
        some article of this outlet reports."""
        lim, off = _count("limit", limit), _count("offset", offset, allow_none=False)
        with self._store.engine.connect() as conn:
            f = self._filters(conn, actor=actor, type=type, since=since, until=until, modality=modality,
                              outlet=outlet)
            rows = tables.event_rows(conn, listing.events(conn, f, limit=lim, offset=off or 0))
        return frame(tables.EVENTS, rows)

    def reports(self, event_id: int | Iterable[int] | None = None, *, actor: Names = None,
                type: str | Iterable[str] | None = None, since: DateLike = None, until: DateLike = None,
                modality: str | None = None, outlet: str | None = None) -> pd.DataFrame:
        """Every report of these corpus events — one event as one article tells it: its article, outlet,
        modality, sentence and cited sources.  ``event_id``: one id or several; without it, the reports of
        every event matching the filters (those of ``events``)."""
        with self._store.engine.connect() as conn:
            if event_id is not None:
                if any(v is not None for v in (actor, type, since, until, modality, outlet)):
                    raise FilterError("event_id", "give event ids or filters, not both")
                ids = self._event_ids(conn, event_id)
            else:
                f = self._filters(conn, actor=actor, type=type, since=since, until=until, modality=modality,
                                  outlet=outlet)
                ids = listing.event_ids(conn, f)
            rows = tables.report_rows(conn, ids)
        return frame(tables.REPORTS, rows)

    def event(self, event_id: int) -> dict[str, Any]:
        """One corpus event in full, as the web UI shows it: every report with its evidence span, who
        asserts, reports and denies it, and the denial links (nested dicts, not a table)."""
        with self._store.engine.connect() as conn:
            [cid] = self._event_ids(conn, event_id)
            found = evidence.event(conn, cid)
        assert found is not None
        return found

    def _event_ids(self, conn: Any, value: int | Iterable[int]) -> list[int]:
        ids = _integers("event_id", value)
        known = set() if not ids else {
            int(i) for i in conn.execute(s.corpus_events.select().with_only_columns(s.corpus_events.c.id)
                                         .where(s.corpus_events.c.id.in_([i for i in ids if 0 < i <= s.MAX_ID])))
            .scalars()}
        missing = [i for i in ids if i not in known]
        if missing:
            raise FilterError("event_id", f"no corpus event {missing[0]} in the store")
        return ids

    # -- actors, quotations, articles -----------------------------------------------------------------

    def actors(self, type: str | None = None, *, limit: int | None = None) -> pd.DataFrame:
        """One row per real-world actor, most mentioned first: the rows of ``selon actors``.  ``type``:
        PERSON, ORG, GPE, LOC or EVENT."""
        if type is not None and (not isinstance(type, str) or type.upper() not in ENTITY_TYPES):
            raise FilterError("type", f"unknown actor type {type!r}; one of {', '.join(ENTITY_TYPES)}")
        lim = _count("limit", limit)
        with self._store.engine.connect() as conn:
            rows = tables.actor_rows(conn, etype=type.upper() if type else None, limit=lim)
        return frame(tables.ACTORS, rows)

    def quotes(self, speaker: Names = None, outlet: str | None = None, since: DateLike = None,
               until: DateLike = None, *, article_id: int | Iterable[int] | None = None,
               limit: int | None = None) -> pd.DataFrame:
        """Quotations with their speaker, by article date.  ``speaker``: actors as for ``events``;
        ``since``/``until`` bound the article's publication date."""
        lim = _count("limit", limit)
        articles = None if article_id is None else self._ints("article_id", article_id)
        with self._store.engine.connect() as conn:
            try:
                f = self._filters(conn, actor=speaker, since=since, until=until, outlet=outlet)
            except FilterError as exc:
                raise FilterError("speaker", exc.message) if exc.argument == "actor" else exc from None
            rows = tables.quote_rows(conn, speaker_ids=f.actor_ids, outlet=f.outlet, since=f.since, until=f.until,
                                     article_ids=articles, limit=lim)
        return frame(tables.QUOTES, rows)

    def articles(self, outlet: str | None = None, since: DateLike = None, until: DateLike = None, *,
                 limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        """Stored articles in store order (the rows of ``selon articles``), with their reports and quotations
        counted; ``since``/``until`` bound the publication date."""
        lim, off = _count("limit", limit), _count("offset", offset, allow_none=False)
        with self._store.engine.connect() as conn:
            f = self._filters(conn, since=since, until=until, outlet=outlet)
            rows = tables.article_rows(conn, outlet=f.outlet, since=f.since, until=f.until, limit=lim,
                                       offset=off or 0)
        return frame(tables.ARTICLES, rows)

    @staticmethod
    def _ints(argument: str, value: int | Iterable[int]) -> list[int]:
        return [i for i in _integers(argument, value) if 0 < i <= s.MAX_ID]  # (past the range: nothing)
