"""Merge reports (per-article events) into corpus events.

One real event told by three outlets is three reports and one corpus event.
Two reports are *compatible* when they have the same PLOVER type, the same
resolved actors and recipients (``entities.actor_id``; for symmetric types
such as CONSULT the participants as one set), no conflicting mode or place,
and dates that fit the window their precision allows (``corpus.dates``).
A corpus event is a connected component of that relation over all reports,
which does not depend on the order articles arrive in: adding a report that
is compatible with several corpus events joins them into one.  Every report
keeps its row in ``corpus_reports``, so a merge can be inspected and undone
(``rebuild`` recomputes everything from the per-article tables).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.engine import Connection

from selon.clean import norm
from selon.corpus import dates
from selon.store import schema as s

# Types whose actor/recipient split is a matter of phrasing ("A a appelé B" / "B s'est entretenu avec A").
SYMMETRIC = frozenset({"CONSULT", "COOPERATE"})
# Modalities of things that happened (or are said to have); each other modality is its own kind of event:
# a threat to strike and a strike are two events.
REALIS = frozenset({"asserted", "reported", "claimed", "denied"})
# What a corpus event's modality says, strongest first.
MODALITY_ORDER = ("asserted", "claimed", "reported", "denied", "planned", "threatened", "called-for",
                  "hypothetical")
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

def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def load_reports(conn: Connection, event_ids: Sequence[int] | None = None) -> list[Report]:
    """Reports for these event ids (all events when None), with resolved actors and sources."""
    e, a = s.events, s.articles
    base = (select(e.c.id, e.c.article_id, e.c.type, e.c.mode, e.c.date, e.c.location, e.c.modality,
                   a.c.outlet, a.c.published)
            .join(a, a.c.id == e.c.article_id).order_by(e.c.id))
    batches = [base] if event_ids is None else [base.where(e.c.id.in_(chunk)) for chunk in _chunks(event_ids)]
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
    abatches = [aq] if event_ids is None else [aq.where(args.c.event_id.in_(chunk)) for chunk in _chunks(ids)]
    for q in abatches:
        for row in conn.execute(q):
            rep = out.get(row.event_id)
            if rep is None:
                continue
            # An entity not (yet) resolved to an actor is only itself: it can never merge across articles.
            key = str(row.actor_id) if row.actor_id is not None else f"e{row.entity_id}"
            if row.role == "actor":
                rep.actors.append(key)
            elif row.role == "recipient":
                rep.recipients.append(key)
            elif row.role == "source" and row.actor_id is not None:
                rep.sources.append(int(row.actor_id))
    return [out[i] for i in ids]


# -- clustering ------------------------------------------------------------------------------------------

class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster(reports: Sequence[Report]) -> list[list[Report]]:
    """Connected components of the compatibility relation, each sorted by event id, in first-id order."""
    uf = _UnionFind()
    groups: dict[str, list[Report]] = {}
    for r in reports:
        uf.find(r.event_id)
        if r.interval.placed:
            groups.setdefault(r.signature, []).append(r)
    slack = timedelta(days=dates.DAY_TOLERANCE)
    for group in groups.values():
        group.sort(key=lambda r: (r.interval.start, r.event_id))
        active: list[Report] = []
        for r in group:
            assert r.interval.start is not None
            # Intervals that end (plus the day tolerance) before this one starts can match nothing from here on.
            active = [p for p in active if p.interval.end is not None and p.interval.end + slack >= r.interval.start]
            for p in active:
                if compatible(p, r):
                    uf.union(p.event_id, r.event_id)
            active.append(r)
    comps: dict[int, list[Report]] = {}
    for r in sorted(reports, key=lambda r: r.event_id):
        comps.setdefault(uf.find(r.event_id), []).append(r)
    return [comps[k] for k in sorted(comps)]


# -- summaries -------------------------------------------------------------------------------------------

_PRECISION_RANK = {p: i for i, p in enumerate(dates.PRECISIONS)}


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    best = max(counts.values())
    return min(v for v, n in counts.items() if n == best)


def summarise(reports: Sequence[Report]) -> tuple[dict[str, object], list[tuple[str, int]]]:
    """A corpus event's row and its (role, actor_id) rows, from its reports."""
    first = reports[0]
    best = min(_PRECISION_RANK[r.interval.precision] for r in reports)
    precise = [r for r in reports if _PRECISION_RANK[r.interval.precision] == best]
    precision = dates.PRECISIONS[best]
    date = _most_common(r.date for r in precise) if precision not in ("published", "none") else None
    starts = [r.interval.start for r in precise if r.interval.start]
    ends = [r.interval.end for r in precise if r.interval.end]
    present = {r.modality for r in reports}
    modality = next((m for m in MODALITY_ORDER if m in present), first.modality)
    row: dict[str, object] = {
        "type": first.type,
        "mode": _most_common(r.mode for r in reports),
        "signature": first.signature,
        "date": date,
        "date_precision": precision,
        "date_start": dates.iso(min(starts)) if starts else None,
        "date_end": dates.iso(max(ends)) if ends else None,
        "location": _most_common(r.location for r in reports),
        "modality": modality,
        "n_reports": len(reports),
        "n_articles": len({r.article_id for r in reports}),
        "n_outlets": len({r.outlet for r in reports if r.outlet}),
    }
    roles: Counter[tuple[str, str]] = Counter()
    for r in reports:
        for key in set(r.actors):
            roles[("actor", key)] += 1
        for key in set(r.recipients):
            roles[("recipient", key)] += 1
    people: list[tuple[str, int]] = []
    for key in sorted({k for _, k in roles}):
        if key.startswith("e"):  # unresolved entity: no actor row to point at
            continue
        as_actor, as_recipient = roles[("actor", key)], roles[("recipient", key)]
        if first.type in SYMMETRIC:
            people.append(("actor" if as_actor >= as_recipient else "recipient", int(key)))
        else:
            people.extend((role, int(key)) for role, n in (("actor", as_actor), ("recipient", as_recipient)) if n)
    people.extend(("source", aid) for aid in sorted({a for r in reports for a in r.sources}))
    return row, people


def _write_summary(conn: Connection, cid: int, reports: Sequence[Report]) -> None:
    row, people = summarise(reports)
    conn.execute(update(s.corpus_events).where(s.corpus_events.c.id == cid).values(**row))
    conn.execute(delete(s.corpus_event_actors).where(s.corpus_event_actors.c.corpus_event_id == cid))
    if people:
        conn.execute(insert(s.corpus_event_actors),
                     [{"corpus_event_id": cid, "role": role, "actor_id": aid} for role, aid in people])


def _report_row(r: Report, cid: int) -> dict[str, object]:
    return {"event_id": r.event_id, "corpus_event_id": cid, "article_id": r.article_id,
            "signature": r.signature, "date_start": dates.iso(r.interval.start),
            "date_end": dates.iso(r.interval.end), "date_precision": r.interval.precision}


# -- keeping the corpus current --------------------------------------------------------------------------

def _lock(conn: Connection) -> None:
    """On PostgreSQL, serialise corpus updates (two writers could otherwise each start the same event)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(5310)"))


def add_events(conn: Connection, event_ids: Sequence[int]) -> set[int]:
    """Merge these reports into the corpus (idempotent); returns the corpus events that changed."""
    if not event_ids:
        return set()
    _lock(conn)
    cr, ce = s.corpus_reports, s.corpus_events
    known = set()
    for chunk in _chunks(sorted(event_ids)):
        known |= set(conn.execute(select(cr.c.event_id).where(cr.c.event_id.in_(chunk))).scalars())
    todo = [i for i in sorted(set(event_ids)) if i not in known]
    dirty: set[int] = set()
    for r in load_reports(conn, todo):
        targets: list[int] = []
        if r.interval.placed:
            assert r.interval.start and r.interval.end
            slack = timedelta(days=dates.DAY_TOLERANCE)
            cand_rows = conn.execute(
                select(cr.c.event_id, cr.c.corpus_event_id)
                .where(cr.c.signature == r.signature,
                       cr.c.date_start <= dates.iso(r.interval.end + slack),
                       cr.c.date_end >= dates.iso(r.interval.start - slack))).all()
            if cand_rows:
                by_event = {row.event_id: row.corpus_event_id for row in cand_rows}
                cands = load_reports(conn, sorted(by_event))
                targets = sorted({by_event[c.event_id] for c in cands if compatible(c, r)})
        if targets:
            cid = targets[0]
            for other in targets[1:]:
                conn.execute(update(cr).where(cr.c.corpus_event_id == other).values(corpus_event_id=cid))
                conn.execute(delete(s.corpus_event_actors).where(s.corpus_event_actors.c.corpus_event_id == other))
                conn.execute(delete(ce).where(ce.c.id == other))
                dirty.discard(other)
        else:
            cid = int(conn.execute(insert(ce).values(
                type=r.type, signature=r.signature, date_precision="none", modality=r.modality,
                n_reports=0, n_articles=0, n_outlets=0,
            ).returning(ce.c.id)).scalar_one())
        conn.execute(insert(cr).values(**_report_row(r, cid)))
        dirty.add(cid)
    for cid in sorted(dirty):
        members = list(conn.execute(select(cr.c.event_id).where(cr.c.corpus_event_id == cid)).scalars())
        _write_summary(conn, cid, load_reports(conn, members))
    return dirty


def add_article(conn: Connection, article_id: int) -> None:
    """Bring one newly stored article's events into the corpus (call in the article's transaction)."""
    from selon.corpus import links

    ids = list(conn.execute(select(s.events.c.id).where(s.events.c.article_id == article_id)).scalars())
    if ids:
        add_events(conn, ids)
        links.update(conn, ids)


def sync(conn: Connection) -> int:
    """Merge every stored report not yet in the corpus (a store written before the corpus tables existed,
    or by a writer without the hook); returns how many were added."""
    from selon.corpus import links

    cr, e = s.corpus_reports, s.events
    missing = list(conn.execute(
        select(e.c.id).where(~select(cr.c.event_id).where(cr.c.event_id == e.c.id).exists()).order_by(e.c.id)
    ).scalars())
    if missing:
        add_events(conn, missing)
        links.update(conn, missing)
    return len(missing)


def rebuild(conn: Connection) -> dict[str, int]:
    """Recompute the whole corpus view from the per-article tables (after actors were re-resolved, say)."""
    from selon.corpus import links

    _lock(conn)
    for table in (s.corpus_links, s.corpus_event_actors, s.corpus_reports, s.corpus_events):
        conn.execute(delete(table))
    reports = load_reports(conn)
    comps = cluster(reports)
    ev_rows: list[dict[str, object]] = []
    rep_rows: list[dict[str, object]] = []
    actor_rows: list[dict[str, object]] = []
    for cid, members in enumerate(comps, start=1):
        row, people = summarise(members)
        ev_rows.append({"id": cid, **row})
        rep_rows.extend(_report_row(r, cid) for r in members)
        actor_rows.extend({"corpus_event_id": cid, "role": role, "actor_id": aid} for role, aid in people)
    for table, rows in ((s.corpus_events, ev_rows), (s.corpus_reports, rep_rows),
                        (s.corpus_event_actors, actor_rows)):
        for i in range(0, len(rows), 5000):
            conn.execute(insert(table), rows[i:i + 5000])
    if conn.dialect.name == "postgresql" and ev_rows:
        conn.execute(text("SELECT setval(pg_get_serial_sequence('corpus_events', 'id'), :n)"), {"n": len(ev_rows)})
    n_links = links.rebuild(conn, reports)
    return {"reports": len(reports), "corpus_events": len(comps), "links": n_links}


def partition(conn: Connection) -> list[list[int]]:
    """The corpus as sets of report (event) ids, sorted: what must not depend on arrival order."""
    cr = s.corpus_reports
    groups: dict[int, list[int]] = {}
    for ev, cid in conn.execute(select(cr.c.event_id, cr.c.corpus_event_id)):
        groups.setdefault(cid, []).append(ev)
    return sorted(sorted(g) for g in groups.values())


def counts(conn: Connection) -> dict[str, int]:
    return {
        "reports": int(conn.execute(select(func.count()).select_from(s.corpus_reports)).scalar_one()),
        "corpus_events": int(conn.execute(select(func.count()).select_from(s.corpus_events)).scalar_one()),
        "links": int(conn.execute(select(func.count()).select_from(s.corpus_links)).scalar_one()),
    }
