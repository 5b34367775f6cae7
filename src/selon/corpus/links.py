"""Link denials to the claims they deny, within and across articles.

A denial is a REJECT report.  Three rules, strongest first:

- ``explicit``: the extractor set ``denies`` to an event of the same article.
- ``quote``: ``denies`` names a quote; the link goes to the events whose
  evidence overlaps that quote.
- ``actor-window``: no explicit target.  The claim is a report, in any
  article, of something the denier took part in (as actor or recipient),
  dated within ``WINDOW_DAYS`` before the denial (or at the same time).
  Candidates citing one of the denial's recipients as their source ("Hamas
  dément les informations de Reuters") come first, then reports already
  contested, then the closest in time; only the best group is kept, at most
  ``MAX_TARGETS`` corpus events.  This is a heuristic and is labelled so.

Links join reports (rows of ``events``), not corpus events, so they survive
merges; the corpus view reads them through ``corpus_reports``.  A rule's
result depends only on the set of stored reports, so arrival order does not
change it: every insert recomputes the denials it could affect.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, delete, func, insert, select, union
from sqlalchemy.engine import Connection

from selon.corpus import dates
from selon.corpus.reports import Report, load_reports
from selon.store import schema as s

WINDOW_DAYS = 14
MAX_TARGETS = 3
MAX_SPAN_DAYS = 31  # no corpus event spans more, but year-precise ones (handled apart): bounds index scans
DENIAL = "REJECT"


def _overlapping(actors: list[int], roles: tuple[str, ...], kind: ColumnElement[bool], lo: date,
                 hi: date) -> Any:
    """(corpus_event_id, date_end) of the events these actors take part in that overlap [lo, hi].

    Two index walks joined by UNION (an OR would make SQLite read the actor's whole history): events
    starting from MAX_SPAN_DAYS before ``lo`` to ``hi``, and year-precise events of those years."""
    cea = s.corpus_event_actors
    base = [cea.c.actor_id.in_(actors), cea.c.role.in_(roles), kind, cea.c.date_end >= dates.iso(lo)]
    years = [date(y, 1, 1).isoformat() for y in range(lo.year, hi.year + 1)]
    near = select(cea.c.corpus_event_id, cea.c.date_end).where(
        *base, cea.c.date_key <= dates.iso(hi), cea.c.date_key >= dates.iso(lo - timedelta(days=MAX_SPAN_DAYS)))
    yearly = select(cea.c.corpus_event_id, cea.c.date_end).where(*base, cea.c.date_key.in_(years))
    return union(near, yearly).subquery()


def _explicit(conn: Connection, denial_event_id: int) -> list[tuple[int, str]]:
    """Targets named by ``denies`` in the same article: (event id, rule)."""
    e, q = s.events, s.quotes
    row = conn.execute(select(e.c.article_id, e.c.denies).where(e.c.id == denial_event_id)).first()
    if row is None or not row.denies:
        return []
    target = conn.execute(select(e.c.id).where(e.c.article_id == row.article_id, e.c.local_id == row.denies,
                                               e.c.id != denial_event_id)).scalar()
    if target is not None:
        return [(int(target), "explicit")]
    quote = conn.execute(select(q.c.start, q.c.end).where(q.c.article_id == row.article_id,
                                                          q.c.local_id == row.denies)).first()
    if quote is None:
        return []
    overlapping = conn.execute(select(e.c.id).where(
        e.c.article_id == row.article_id, e.c.id != denial_event_id, e.c.type != DENIAL,
        e.c.evidence_start < quote.end, e.c.evidence_end > quote.start)).scalars()
    return [(int(t), "quote") for t in overlapping]


def _window_targets(conn: Connection, denial: Report) -> list[int]:
    """Best claims for a denial with no explicit target (see module docstring)."""
    deniers = [int(a) for a in denial.actors if not a.startswith("e")]
    iv = denial.interval
    if not deniers or not iv.placed:
        return []
    assert iv.start and iv.end
    cea = s.corpus_event_actors
    lo = iv.start - timedelta(days=WINDOW_DAYS)
    near = _overlapping(deniers, ("actor", "recipient"), cea.c.type != DENIAL, lo, iv.end)
    rows = conn.execute(select(near.c.corpus_event_id, func.max(near.c.date_end).label("end"))
                        .group_by(near.c.corpus_event_id)).all()
    if not rows:
        return []
    recipients = {int(a) for a in denial.recipients if not a.startswith("e")}
    ids = [r.corpus_event_id for r in rows]
    cited = set()
    if recipients:
        cited = set(conn.execute(select(cea.c.corpus_event_id).where(
            cea.c.corpus_event_id.in_(ids), cea.c.role == "source", cea.c.actor_id.in_(sorted(recipients)))).scalars())
    contested = _contested(conn, set(ids))
    keyed = sorted(((cid not in cited, cid not in contested, max(0, (iv.start - date.fromisoformat(end)).days)), cid)
                   for cid, end in rows)
    best = keyed[0][0]
    # Equally good candidates are ordered by their representative report's content, not by row ids
    # (which depend on arrival order).
    reps = [rep for key, cid in keyed if key == best if (rep := _representative(conn, cid, recipients))]
    return [event_id for _, event_id in sorted(reps)[:MAX_TARGETS]]


def _representative(conn: Connection, corpus_event_id: int, cited: set[int]) -> tuple[tuple[str, str], int] | None:
    """The report a link points at — one citing the denial's recipient when there is one; among equals,
    by content (article hash, local id), so never by arrival order — with that content key."""
    cr, e, a, args, ents = s.corpus_reports, s.events, s.articles, s.event_args, s.entities
    q = (select(a.c.sha256, e.c.local_id, e.c.id).join(cr, cr.c.event_id == e.c.id).join(a, a.c.id == e.c.article_id)
         .where(cr.c.corpus_event_id == corpus_event_id).order_by(a.c.sha256, e.c.local_id).limit(1))
    row = None
    if cited:
        row = conn.execute(q.where(select(args.c.id).join(ents, ents.c.id == args.c.entity_id).where(
            args.c.event_id == e.c.id, args.c.role == "source", ents.c.actor_id.in_(sorted(cited))).exists())).first()
    row = row or conn.execute(q).first()
    return ((row.sha256, row.local_id), int(row.id)) if row is not None else None


def _contested(conn: Connection, cluster_ids: set[int]) -> set[int]:
    """Corpus events with at least one report whose modality is ``denied``."""
    if not cluster_ids:
        return set()
    cr, e = s.corpus_reports, s.events
    q = (select(cr.c.corpus_event_id).distinct().join(e, e.c.id == cr.c.event_id)
         .where(cr.c.corpus_event_id.in_(sorted(cluster_ids)), e.c.modality == "denied"))
    return set(conn.execute(q).scalars())


def _relink(conn: Connection, denial: Report) -> int:
    conn.execute(delete(s.corpus_links).where(s.corpus_links.c.from_event_id == denial.event_id))
    targets = _explicit(conn, denial.event_id)
    if not targets:
        targets = [(t, "actor-window") for t in _window_targets(conn, denial)]
    if targets:
        conn.execute(insert(s.corpus_links), [
            {"from_event_id": denial.event_id, "to_event_id": t, "kind": "denies", "rule": rule}
            for t, rule in targets])
    return len(targets)


def update(conn: Connection, new_event_ids: Sequence[int]) -> None:
    """Recompute the links of new denials and of older denials that a new claim could answer."""
    new = load_reports(conn, sorted(set(new_event_ids)))
    affected = {r.event_id for r in new if r.type == DENIAL}
    cea, cr = s.corpus_event_actors, s.corpus_reports
    for r in new:
        involved = sorted({int(a) for a in (*r.actors, *r.recipients) if not a.startswith("e")})
        if r.type == DENIAL or not involved or not r.interval.placed:
            continue
        # Denials by these actors dated from the claim's corpus event (whose dates this report may have
        # moved) to WINDOW_DAYS after it.
        span = conn.execute(select(s.corpus_events.c.date_start, s.corpus_events.c.date_end)
                            .join(cr, cr.c.corpus_event_id == s.corpus_events.c.id)
                            .where(cr.c.event_id == r.event_id)).first()
        starts = [d for d in (r.interval.start, dates.from_iso(span.date_start) if span else None) if d]
        ends = [d for d in (r.interval.end, dates.from_iso(span.date_end) if span else None) if d]
        slack = timedelta(days=dates.DAY_TOLERANCE)
        lo, hi = min(starts) - slack, max(ends) + slack + timedelta(days=WINDOW_DAYS)
        near = _overlapping(involved, ("actor",), cea.c.type == DENIAL, lo, hi)
        denials = select(near.c.corpus_event_id)
        affected |= set(conn.execute(select(cr.c.event_id).where(cr.c.corpus_event_id.in_(denials))).scalars())
    # A claim that merged into a corpus event can change which denials prefer it; the contested flag too.
    for denial in load_reports(conn, sorted(affected)):
        if denial.type == DENIAL:
            _relink(conn, denial)


def rebuild(conn: Connection, reports: Sequence[Report]) -> int:
    """Links for every denial, from scratch (tables already emptied by ``merge.rebuild``)."""
    return sum(_relink(conn, r) for r in reports if r.type == DENIAL)
