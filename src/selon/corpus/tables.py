"""The corpus as flat tables: events, reports, actors, quotes, articles — one row per thing.

The tabular outputs all read these rows, so they have the same columns: the
CLI listings (table, CSV, JSON lines), ``selon export --format csv|parquet``
and the Python API's DataFrames.  Rows are JSON-ready dicts: ids and counts
are ints, dates ISO days ("2024-04-02"), a missing value is None.  Each table
declares its columns with a kind (``COLUMNS``), from which the DataFrame and
Parquet types follow (``selon.export.frames``).

Dates a text gives at any precision ("2024-04", "2024") come as the value
itself plus the first and last day it covers (``event_date``, ``date_start``,
``date_end``; ``published``, ``published_start``, ``published_end``): a month is
never passed off as its first day.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from selon.corpus import dates, listing
from selon.corpus.filters import Filters
from selon.corpus.participants import report_args
from selon.corpus.urls import safe_url
from selon.store import schema as s

# Column kinds: id (never null), id? (nullable id), count (int, never null), text, day (ISO date), int.
Columns = tuple[tuple[str, str], ...]

EVENTS: Columns = (
    ("event_id", "id"), ("event_date", "text"), ("date_precision", "text"), ("date_start", "day"),
    ("date_end", "day"), ("event_type", "text"), ("mode", "text"), ("actor1", "text"), ("actor1_ids", "text"),
    ("actor1_types", "text"), ("actor2", "text"), ("actor2_ids", "text"), ("actor2_types", "text"),
    ("location", "text"), ("modality", "text"), ("modalities", "text"), ("sources", "text"), ("outlets", "text"),
    ("report_count", "count"), ("article_count", "count"), ("outlet_count", "count"), ("denials", "count"),
    ("evidence", "text"),
)
REPORTS: Columns = (
    ("report_id", "id"), ("event_id", "id"), ("article_id", "id"), ("local_id", "text"), ("event_type", "text"),
    ("mode", "text"), ("event_date", "text"), ("modality", "text"), ("location", "text"), ("actor1", "text"),
    ("actor1_ids", "text"), ("actor2", "text"), ("actor2_ids", "text"), ("sources", "text"), ("source_ids", "text"),
    ("outlet", "text"), ("published", "text"), ("published_start", "day"), ("published_end", "day"),
    ("title", "text"), ("url", "text"), ("evidence_start", "int"), ("evidence_end", "int"), ("evidence", "text"),
)
ACTORS: Columns = (
    ("actor_id", "id"), ("key", "text"), ("name", "text"), ("type", "text"), ("kb_id", "text"),
    ("articles", "count"), ("events", "count"), ("cited", "count"), ("first_seen", "day"), ("last_seen", "day"),
)
QUOTES: Columns = (
    ("quote_id", "id"), ("article_id", "id"), ("local_id", "text"), ("speaker", "text"), ("speaker_id", "id?"),
    ("speaker_type", "text"), ("text", "text"), ("start", "int"), ("end", "int"), ("outlet", "text"),
    ("published", "text"), ("published_start", "day"), ("published_end", "day"), ("title", "text"),
)
ARTICLES: Columns = (
    ("article_id", "id"), ("doc_id", "text"), ("sha256", "text"), ("title", "text"), ("outlet", "text"),
    ("published", "text"), ("published_start", "day"), ("published_end", "day"), ("language", "text"),
    ("url", "text"), ("path", "text"), ("reports", "count"), ("quotes", "count"),
)
TABLES: dict[str, Columns] = {"events": EVENTS, "reports": REPORTS, "actors": ACTORS, "quotes": QUOTES,
                              "articles": ARTICLES}
EVIDENCE_LIMIT = 2000  # characters of evidence per event row (a spreadsheet cell holds 32,767)
BATCH = 1000


def _joined(people: list[dict[str, Any]], key: str) -> str | None:
    return "; ".join("" if p.get(key) is None else str(p[key]) for p in people) or None


def _published(value: str | None) -> dict[str, Any]:
    iv = dates.parse(value)
    return {"published": value, "published_start": dates.iso(iv.start), "published_end": dates.iso(iv.end)}


# -- events ----------------------------------------------------------------------------------------------

def event_row(ev: dict[str, Any], evidence: list[str]) -> dict[str, Any]:
    """A corpus event (``listing.decorate``) as one flat row; ``evidence``: its reports' sentences."""
    return {
        "event_id": ev["id"], "event_date": ev["date"], "date_precision": ev["date_precision"],
        "date_start": ev["date_start"], "date_end": ev["date_end"], "event_type": ev["type"], "mode": ev["mode"],
        "actor1": _joined(ev["actors"], "name"), "actor1_ids": _joined(ev["actors"], "id"),
        "actor1_types": _joined(ev["actors"], "type"),
        "actor2": _joined(ev["recipients"], "name"), "actor2_ids": _joined(ev["recipients"], "id"),
        "actor2_types": _joined(ev["recipients"], "type"),
        "location": ev["location"], "modality": ev["modality"],
        "modalities": "; ".join(f"{k}:{v}" for k, v in sorted(ev["modalities"].items())) or None,
        "sources": _joined(ev["sources"], "name"), "outlets": "; ".join(ev["outlets"]) or None,
        "report_count": ev["n_reports"], "article_count": ev["n_articles"], "outlet_count": ev["n_outlets"],
        "denials": ev["denials"], "evidence": " | ".join(evidence)[:EVIDENCE_LIMIT] or None,
    }


def event_rows(conn: Connection, events: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flat rows for decorated corpus events (``listing.events``), their evidence read in one query."""
    evidence = listing.evidence_by_event(conn, [ev["id"] for ev in events])
    return [event_row(ev, evidence.get(ev["id"], [])) for ev in events]


def iter_event_rows(conn: Connection, filters: Filters, batch: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    """Every matching event's row, in batches (event id order): memory does not grow with the corpus."""
    chunk: list[dict[str, Any]] = []
    for ev in listing.iter_events(conn, filters, batch=batch):
        chunk.append(ev)
        if len(chunk) >= batch:
            yield event_rows(conn, chunk)
            chunk = []
    if chunk:
        yield event_rows(conn, chunk)


# -- reports ---------------------------------------------------------------------------------------------

def report_rows(conn: Connection, corpus_event_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Every report (one event as one article tells it) of these corpus events, by event, then date."""
    e, a, cr = s.events, s.articles, s.corpus_reports
    out: list[dict[str, Any]] = []
    ids = list(dict.fromkeys(corpus_event_ids))
    for i in range(0, len(ids), BATCH):
        rows = conn.execute(
            select(e.c.id, cr.c.corpus_event_id, e.c.article_id, e.c.local_id, e.c.type, e.c.mode, e.c.date,
                   e.c.modality, e.c.location, e.c.evidence_start, e.c.evidence_end, e.c.evidence_text,
                   a.c.outlet, a.c.published, a.c.title, a.c.url)
            .join(cr, cr.c.event_id == e.c.id).join(a, a.c.id == e.c.article_id)
            .where(cr.c.corpus_event_id.in_(ids[i:i + BATCH]))
            .order_by(cr.c.corpus_event_id, a.c.published, e.c.id)).all()
        args = report_args(conn, [r.id for r in rows])
        for r in rows:
            who = args[r.id]
            out.append({
                "report_id": r.id, "event_id": r.corpus_event_id, "article_id": r.article_id,
                "local_id": r.local_id, "event_type": r.type, "mode": r.mode, "event_date": r.date,
                "modality": r.modality, "location": r.location,
                "actor1": _joined(who.get("actor", []), "name"), "actor1_ids": _joined(who.get("actor", []), "actor_id"),
                "actor2": _joined(who.get("recipient", []), "name"),
                "actor2_ids": _joined(who.get("recipient", []), "actor_id"),
                "sources": _joined(who.get("source", []), "name"),
                "source_ids": _joined(who.get("source", []), "actor_id"),
                "outlet": r.outlet, **_published(r.published), "title": r.title, "url": safe_url(r.url),
                "evidence_start": r.evidence_start, "evidence_end": r.evidence_end, "evidence": r.evidence_text,
            })
    return out


# -- actors ----------------------------------------------------------------------------------------------

def actor_rows(conn: Connection, etype: str | None = None, limit: int | None = None,
               ids: Sequence[int] | None = None) -> list[dict[str, Any]]:
    """Actors by the number of articles that mention them (then name), with their corpus events, how often
    they are cited as a source, and the first and last day an article mentioning them was published."""
    a, en, art = s.actors, s.entities, s.articles
    st, cea = s.corpus_actor_stats, s.corpus_event_actors
    n_articles = func.count(func.distinct(en.c.article_id))
    q = (select(a.c.id, a.c.key, a.c.name, a.c.type, a.c.kb_id, n_articles.label("articles"),
                func.min(art.c.published).label("first"), func.max(art.c.published).label("last"))
         .join(en, en.c.actor_id == a.c.id).join(art, art.c.id == en.c.article_id)
         .group_by(a.c.id, a.c.key, a.c.name, a.c.type, a.c.kb_id).order_by(n_articles.desc(), a.c.name, a.c.id))
    if etype:
        q = q.where(a.c.type == etype)
    if ids is not None:
        q = q.where(a.c.id.in_(list(ids)))
    if limit is not None:
        q = q.limit(limit)
    rows = conn.execute(q).all()
    found = [r.id for r in rows]
    events: dict[int, int] = {}
    cited: dict[int, int] = {}
    for i in range(0, len(found), BATCH):
        part = found[i:i + BATCH]
        events.update((k, v) for k, v in conn.execute(
            select(st.c.actor_id, st.c.events).where(st.c.actor_id.in_(part))))
        cited.update((k, v) for k, v in conn.execute(
            select(cea.c.actor_id, func.count(func.distinct(cea.c.corpus_event_id)))
            .where(cea.c.actor_id.in_(part), cea.c.role == "source").group_by(cea.c.actor_id)))
    return [{
        "actor_id": r.id, "key": r.key, "name": r.name, "type": r.type, "kb_id": r.kb_id,
        "articles": int(r.articles), "events": int(events.get(r.id, 0)), "cited": int(cited.get(r.id, 0)),
        "first_seen": dates.iso(dates.parse(r.first).start), "last_seen": dates.iso(dates.parse(r.last).end),
    } for r in rows]


# -- quotes and articles ---------------------------------------------------------------------------------

def _within(row: dict[str, Any], since: str | None, until: str | None) -> bool:
    """Whether an article's publication interval meets [since, until] (an undated one meets no bound)."""
    if since and not (row["published_end"] and row["published_end"] >= since):
        return False
    return not (until and not (row["published_start"] and row["published_start"] <= until))


def quote_rows(conn: Connection, speaker_ids: Sequence[int] = (), outlet: str | None = None,
               since: str | None = None, until: str | None = None, article_ids: Sequence[int] | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
    """Quotations with their speaker (as the article named them, and the corpus actor), by article date."""
    qt, a, en = s.quotes, s.articles, s.entities
    q = (select(qt.c.id, qt.c.article_id, qt.c.local_id, en.c.name, en.c.actor_id, en.c.type, qt.c.text,
                qt.c.start, qt.c.end, a.c.outlet, a.c.published, a.c.title)
         .join(a, a.c.id == qt.c.article_id).outerjoin(en, en.c.id == qt.c.speaker_entity_id)
         .order_by(a.c.published, qt.c.article_id, qt.c.start, qt.c.id))
    if speaker_ids:
        q = q.where(en.c.actor_id.in_(list(speaker_ids)))
    if outlet is not None:
        q = q.where(a.c.outlet == outlet)
    if article_ids is not None:
        q = q.where(qt.c.article_id.in_(list(article_ids)))
    out = []
    for r in conn.execute(q):
        row = {"quote_id": r.id, "article_id": r.article_id, "local_id": r.local_id, "speaker": r.name,
               "speaker_id": r.actor_id, "speaker_type": r.type, "text": r.text, "start": r.start, "end": r.end,
               "outlet": r.outlet, **_published(r.published), "title": r.title}
        if _within(row, since, until):
            out.append(row)
            if limit is not None and len(out) >= limit:
                break
    return out


def article_rows(conn: Connection, outlet: str | None = None, since: str | None = None, until: str | None = None,
                 ids: Sequence[int] | None = None, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Stored articles in store order, with how many reports (events) and quotations each holds."""
    a = s.articles
    n_reports = select(func.count()).where(s.events.c.article_id == a.c.id).scalar_subquery()
    n_quotes = select(func.count()).where(s.quotes.c.article_id == a.c.id).scalar_subquery()
    q = (select(a.c.id, a.c.doc_id, a.c.sha256, a.c.title, a.c.outlet, a.c.published, a.c.language, a.c.url,
                a.c.path, n_reports.label("reports"), n_quotes.label("quotes")).order_by(a.c.id))
    if outlet is not None:
        q = q.where(a.c.outlet == outlet)
    if ids is not None:
        q = q.where(a.c.id.in_(list(ids)))
    out = []
    skipped = 0
    for r in conn.execute(q):
        row = {"article_id": r.id, "doc_id": r.doc_id, "sha256": r.sha256, "title": r.title, "outlet": r.outlet,
               **_published(r.published), "language": r.language, "url": safe_url(r.url), "path": r.path,
               "reports": int(r.reports), "quotes": int(r.quotes)}
        if not _within(row, since, until):
            continue
        if skipped < offset:
            skipped += 1
            continue
        out.append(row)
        if limit is not None and len(out) >= limit:
            break
    return out
