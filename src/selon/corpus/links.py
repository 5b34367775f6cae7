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
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, delete, insert, select
from sqlalchemy.engine import Connection

from selon.corpus import dates
from selon.corpus.merge import Report, load_reports
from selon.store import schema as s

WINDOW_DAYS = 14
MAX_TARGETS = 3
DENIAL = "REJECT"


@dataclass(frozen=True)
class _Candidate:
    event_id: int
    corpus_event_id: int
    cites_recipient: bool
    contested: bool
    gap: int


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
    e, args, ents, cr = s.events, s.event_args, s.entities, s.corpus_reports
    lo = dates.iso(iv.start - timedelta(days=WINDOW_DAYS))
    rows = conn.execute(
        select(cr.c.event_id, cr.c.corpus_event_id, cr.c.date_start, cr.c.date_end).distinct()
        .join(e, e.c.id == cr.c.event_id)
        .join(args, and_(args.c.event_id == e.c.id, args.c.role.in_(("actor", "recipient"))))
        .join(ents, ents.c.id == args.c.entity_id)
        .where(ents.c.actor_id.in_(deniers), e.c.type != DENIAL, cr.c.event_id != denial.event_id,
               cr.c.date_start <= dates.iso(iv.end), cr.c.date_end >= lo)
    ).all()
    if not rows:
        return []
    claims = {r.event_id: r for r in rows}
    recipients = {int(a) for a in denial.recipients if not a.startswith("e")}
    contested_clusters = _contested(conn, {r.corpus_event_id for r in rows})
    cands = []
    for rep in load_reports(conn, sorted(claims)):
        row = claims[rep.event_id]
        end = date.fromisoformat(row.date_end)
        cands.append(_Candidate(
            event_id=rep.event_id, corpus_event_id=row.corpus_event_id,
            cites_recipient=bool(recipients & set(rep.sources)),
            contested=row.corpus_event_id in contested_clusters,
            gap=max(0, (iv.start - end).days),
        ))
    best = min((not c.cites_recipient, not c.contested, c.gap) for c in cands)
    chosen: dict[int, int] = {}
    for c in sorted(cands, key=lambda c: c.event_id):
        if (not c.cites_recipient, not c.contested, c.gap) == best and c.corpus_event_id not in chosen:
            chosen[c.corpus_event_id] = c.event_id
    return [chosen[k] for k in sorted(chosen)[:MAX_TARGETS]]


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
    involved = {int(a) for r in new if r.type != DENIAL for a in (*r.actors, *r.recipients)
                if not a.startswith("e")}
    if involved:
        e, args, ents = s.events, s.event_args, s.entities
        older = conn.execute(
            select(e.c.id).distinct().join(args, and_(args.c.event_id == e.c.id, args.c.role == "actor"))
            .join(ents, ents.c.id == args.c.entity_id)
            .where(e.c.type == DENIAL, ents.c.actor_id.in_(sorted(involved)))).scalars()
        affected |= set(older)
    for denial in load_reports(conn, sorted(affected)):
        _relink(conn, denial)


def rebuild(conn: Connection, reports: Sequence[Report]) -> int:
    """Links for every denial, from scratch (tables already emptied by ``merge.rebuild``)."""
    return sum(_relink(conn, r) for r in reports if r.type == DENIAL)
