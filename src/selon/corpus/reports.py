"""Reports: the per-article events as the corpus sees them, and when two of them can be one event.

A report is one stored event with its resolved actors (``entities.actor_id``), its
article's outlet and publication date, and the date window its own date allows
(``corpus.dates``).  :func:`compatible` is the merge test :mod:`selon.corpus.merge`
clusters with and :mod:`selon.corpus.links` looks for denied claims with.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Connection

from selon.clean import norm
from selon.corpus import dates
from selon.store import schema as s

# Types whose actor/recipient split is a matter of phrasing ("A a appelé B" / "B s'est entretenu avec A").
SYMMETRIC = frozenset({"CONSULT", "COOPERATE"})
# Modalities of things that happened (or are said to have); each other modality is its own kind of event:
# a threat to strike and a strike are two events.
REALIS = frozenset({"asserted", "reported", "claimed", "denied"})
CHUNK = 500


@dataclass
class Report:
    """One per-article event, with what merging and summarising need."""

    event_id: int
    article_id: int
    type: str
    mode: str | None
    date: str | None
    location: str | None
    modality: str
    outlet: str | None
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    interval: dates.Interval = dates.NOWHERE

    @property
    def signature(self) -> str:
        return signature(self.type, self.modality, self.actors, self.recipients)


def signature(etype: str, modality: str, actors: Iterable[str], recipients: Iterable[str]) -> str:
    """The part of a report that must be equal for two reports to be one event."""
    kind = "realis" if modality in REALIS else modality
    acts, recs = sorted(set(actors)), sorted(set(recipients))
    if etype in SYMMETRIC:
        return f"{etype}|{kind}|{','.join(sorted(set(acts) | set(recs)))}|*"
    return f"{etype}|{kind}|{','.join(acts)}|{','.join(recs)}"


def _anonymous(sig: str) -> bool:
    """No actor and no recipient: only the place and the date can tie two reports together."""
    _, _, acts, recs = sig.split("|")
    return not acts and recs in ("", "*")


def _places_agree(a: str | None, b: str | None, required: bool) -> bool:
    if not a or not b:
        return not required
    na, nb = norm(a), norm(b)
    return bool(na and nb) and (na == nb or na in nb or nb in na)


def compatible(a: Report, b: Report) -> bool:
    """Whether two reports with the same signature can be the same event."""
    if a.mode and b.mode and a.mode != b.mode:
        return False
    if not dates.compatible(a.interval, b.interval):
        return False
    return _places_agree(a.location, b.location, required=_anonymous(a.signature))


# -- loading reports -------------------------------------------------------------------------------------

def chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def load_reports(conn: Connection, event_ids: Sequence[int] | None = None) -> list[Report]:
    """Reports for these event ids (all events when None), with resolved actors and sources."""
    e, a = s.events, s.articles
    base = (select(e.c.id, e.c.article_id, e.c.type, e.c.mode, e.c.date, e.c.location, e.c.modality,
                   a.c.outlet, a.c.published)
            .join(a, a.c.id == e.c.article_id).order_by(e.c.id))
    batches = [base] if event_ids is None else [base.where(e.c.id.in_(chunk)) for chunk in chunks(event_ids)]
    out: dict[int, Report] = {}
    for q in batches:
        for row in conn.execute(q):
            out[row.id] = Report(
                event_id=row.id, article_id=row.article_id, type=row.type, mode=row.mode, date=row.date,
                location=row.location, modality=row.modality, outlet=row.outlet,
                interval=dates.report_interval(row.date, row.published),
            )
    if not out:
        return []
    args, ents = s.event_args, s.entities
    aq = (select(args.c.event_id, args.c.role, args.c.entity_id, ents.c.actor_id)
          .join(ents, ents.c.id == args.c.entity_id).order_by(args.c.event_id, args.c.role, args.c.position))
    ids = sorted(out)
    abatches = [aq] if event_ids is None else [aq.where(args.c.event_id.in_(chunk)) for chunk in chunks(ids)]
    for q in abatches:
        for arg in conn.execute(q):
            rep = out.get(arg.event_id)
            if rep is None:
                continue
            # An entity not (yet) resolved to an actor is only itself: it can never merge across articles.
            key = str(arg.actor_id) if arg.actor_id is not None else f"e{arg.entity_id}"
            if arg.role == "actor":
                rep.actors.append(key)
            elif arg.role == "recipient":
                rep.recipients.append(key)
            elif arg.role == "source" and arg.actor_id is not None:
                rep.sources.append(int(arg.actor_id))
    return [out[i] for i in ids]


# -- clustering ------------------------------------------------------------------------------------------
