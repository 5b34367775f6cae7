"""Merge reports (per-article events) into corpus events.

One real event told by three outlets is three reports and one corpus event.
Two reports are *compatible* when they have the same PLOVER type, the same
resolved actors and recipients (``entities.actor_id``; for symmetric types
such as CONSULT the participants as one set), no conflicting mode or place,
and dates that fit the window their precision allows (``corpus.dates``).
Compatible reports form connected components; a component is then cut into
events by date (``partition``) so that a strike reported every day for a
month is thirty events, not one.  Both steps depend only on the set of
reports, never on the order articles arrive in, so the incremental path
(``add_events``, run in each article's transaction) and ``rebuild`` agree.
Every report keeps its row in ``corpus_reports``: a merge can be inspected
and undone.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.engine import Connection

from selon.corpus import dates, links, ties
from selon.corpus.reports import SYMMETRIC, Report, chunks, compatible, load_reports
from selon.store import schema as s

# What a corpus event's modality says, strongest first.
MODALITY_ORDER = ("asserted", "claimed", "reported", "denied", "planned", "threatened", "called-for",
                  "hypothetical")


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


def components(reports: Sequence[Report]) -> list[list[Report]]:
    """Connected components of the compatibility relation (unplaced reports alone), in date order."""
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
    for r in reports:
        comps.setdefault(uf.find(r.event_id), []).append(r)
    return [sorted(c, key=_order) for c in comps.values()]


def _order(r: Report) -> tuple[object, ...]:
    return (r.interval.start or dates.date.max, r.event_id)


def partition(component: Sequence[Report]) -> list[list[Report]]:
    """Split one connected component into events, the same way whatever order its reports came in.

    Compatibility chains: a strike reported every day between the same two actors is one component.
    Day-precise reports are grouped by their exact date; a date with fewer reports than a neighbouring
    date (within ``DAY_TOLERANCE``) that is itself a local peak joins it: three outlets say Saturday,
    one says Sunday ("hier", resolved a day late) -> one event; a strike each day, each reported once
    -> one event a day.  Reports of coarser precision join the compatible group with the most
    day-precise reports (the earliest on a tie); inside a group, reports that are not compatible (a
    phone call and a visit the same day) stay apart.  Depends on the set of reports, never their ids.
    """
    by_day: dict[object, list[Report]] = {}
    for r in component:
        if r.interval.precision == "day":
            by_day.setdefault(r.interval.start, []).append(r)
    if not by_day:
        return _linked(component)
    size = {d: len(v) for d, v in by_day.items()}
    near = [timedelta(days=k) for k in range(-dates.DAY_TOLERANCE, dates.DAY_TOLERANCE + 1) if k]

    def neighbours(d: Any) -> list[Any]:
        return [d + k for k in near if d + k in size]

    peak = {d: all(size[n] <= size[d] for n in neighbours(d)) for d in size}
    windows: dict[object, list[Report]] = {}
    for d in sorted(size):  # type: ignore[type-var]
        bigger = [n for n in neighbours(d) if peak[n] and size[n] > size[d]]
        root = d if peak[d] or not bigger else max(bigger, key=lambda n: (size[n], -n.toordinal()))
        windows.setdefault(root, []).extend(by_day[d])
    groups = [windows[k] for k in sorted(windows)]  # type: ignore[type-var]
    leftovers: list[Report] = []
    for r in component:
        if r.interval.precision == "day":
            continue
        fits = [i for i, w in enumerate(groups) if any(compatible(r, a) for a in w)]
        if fits:
            best = max(fits, key=lambda i: (sum(1 for a in groups[i] if a.interval.precision == "day"), -i))
            groups[best].append(r)
        else:
            leftovers.append(r)
    out = [g for w in groups for g in _linked(w)] + _linked(leftovers)
    return sorted((sorted(g, key=_order) for g in out if g), key=lambda g: _order(g[0]))


def _linked(reports: Sequence[Report]) -> list[list[Report]]:
    """Single-linkage groups of compatible reports (the reports are already close in time)."""
    uf = _UnionFind()
    items = list(reports)
    for i, a in enumerate(items):
        uf.find(a.event_id)
        for b in items[:i]:
            if a.signature == b.signature and compatible(a, b):
                uf.union(a.event_id, b.event_id)
    groups: dict[int, list[Report]] = {}
    for r in items:
        groups.setdefault(uf.find(r.event_id), []).append(r)
    return list(groups.values())


def cluster(reports: Sequence[Report]) -> list[list[Report]]:
    """All corpus events of these reports: components, each partitioned; in date order."""
    out = [g for comp in components(reports) for g in partition(comp)]
    return sorted(out, key=lambda g: (_order(g[0]), min(r.event_id for r in g)))


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
    modalities = Counter(r.modality for r in reports)
    outlets = sorted({r.outlet for r in reports if r.outlet})
    date_start = dates.iso(min(starts)) if starts else None
    row: dict[str, object] = {
        "type": first.type,
        "mode": _most_common(r.mode for r in reports),
        "signature": first.signature,
        "date": date,
        "date_precision": precision,
        "date_start": date_start,
        "date_end": dates.iso(max(ends)) if ends else None,
        "date_key": date_start or s.UNDATED,
        "location": _most_common(r.location for r in reports),
        "modality": modality,
        "modalities": json.dumps(dict(sorted(modalities.items()))),
        "outlets": json.dumps(outlets, ensure_ascii=False),
        "n_reports": len(reports),
        "n_articles": len({r.article_id for r in reports}),
        "n_outlets": len(outlets),
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


def _people_rows(cid: int, row: dict[str, object], people: list[tuple[str, int]]) -> list[dict[str, object]]:
    return [{"corpus_event_id": cid, "role": role, "actor_id": aid, "type": row["type"], "date_key": row["date_key"],
             "date_end": row["date_end"]} for role, aid in people]


def _write_summary(conn: Connection, cid: int, reports: Sequence[Report]) -> None:
    row, people = summarise(reports)
    conn.execute(update(s.corpus_events).where(s.corpus_events.c.id == cid).values(**row))
    conn.execute(delete(s.corpus_event_actors).where(s.corpus_event_actors.c.corpus_event_id == cid))
    if people:
        conn.execute(insert(s.corpus_event_actors), _people_rows(cid, row, people))


def _report_row(r: Report, cid: int) -> dict[str, object]:
    return {"event_id": r.event_id, "corpus_event_id": cid, "article_id": r.article_id,
            "signature": r.signature, "date_start": dates.iso(r.interval.start),
            "date_end": dates.iso(r.interval.end), "date_precision": r.interval.precision}


# -- keeping the corpus current --------------------------------------------------------------------------

def write_lock(conn: Connection) -> None:
    """On PostgreSQL, one writer at a time (article inserts, corpus updates, rebuilds), as on SQLite: two
    writers could otherwise each start the same event, or deadlock on each other's new actors."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(5310)"))


def _component(conn: Connection, r: Report) -> tuple[list[Report], dict[int, int]]:
    """The stored reports connected to a new one (and it), with each stored report's corpus event.

    Widens the date range until the component stops growing: chains can reach beyond the first window.
    """
    cr = s.corpus_reports
    slack = timedelta(days=dates.DAY_TOLERANCE)
    assert r.interval.start and r.interval.end
    lo, hi = r.interval.start - slack, r.interval.end + slack
    while True:
        rows = conn.execute(select(cr.c.event_id, cr.c.corpus_event_id).where(
            cr.c.signature == r.signature, cr.c.date_start <= dates.iso(hi), cr.c.date_end >= dates.iso(lo))).all()
        owner = {row.event_id: row.corpus_event_id for row in rows}
        reports = [*load_reports(conn, sorted(owner)), r]
        comp = next(c for c in components(reports) if any(x.event_id == r.event_id for x in c))
        starts = [x.interval.start for x in comp if x.interval.start]
        ends = [x.interval.end for x in comp if x.interval.end]
        new_lo, new_hi = min(starts) - slack, max(ends) + slack
        if new_lo >= lo and new_hi <= hi:
            return comp, {x.event_id: owner[x.event_id] for x in comp if x.event_id in owner}
        lo, hi = min(lo, new_lo), max(hi, new_hi)


def _new_event(conn: Connection, r: Report) -> int:
    ce = s.corpus_events
    return int(conn.execute(insert(ce).values(
        type=r.type, signature=r.signature, date_precision="none", date_key=s.UNDATED,
        modality=r.modality, modalities="{}", outlets="[]", n_reports=0, n_articles=0, n_outlets=0,
    ).returning(ce.c.id)).scalar_one())


def add_events(conn: Connection, event_ids: Sequence[int]) -> set[int]:
    """Merge these reports into the corpus (idempotent); returns the corpus events that changed."""
    if not event_ids:
        return set()
    write_lock(conn)
    cr, ce, cea = s.corpus_reports, s.corpus_events, s.corpus_event_actors
    known = set()
    for chunk in chunks(sorted(event_ids)):
        known |= set(conn.execute(select(cr.c.event_id).where(cr.c.event_id.in_(chunk))).scalars())
    todo = [i for i in sorted(set(event_ids)) if i not in known]
    dirty: set[int] = set()
    touched: set[tuple[int, int, str]] = set()  # ties (source, target, type) to recount
    before: ties.Spans = {}  # who took part in the corpus events this call may change, before the change
    removed: set[int] = set()  # corpus events merged into others
    for r in load_reports(conn, todo):
        if not r.interval.placed:
            cid = _new_event(conn, r)
            conn.execute(insert(cr).values(**_report_row(r, cid)))
            dirty.add(cid)
            continue
        comp, owner = _component(conn, r)
        old = sorted(set(owner.values()))
        touched |= ties.pairs_of(conn, old)
        for actor, spans in ties.spans_of(conn, old).items():
            before.setdefault(actor, {}).update(spans)
        used: set[int] = set()
        for group in partition(comp):
            # Keep the corpus event that already holds most of this group (ids stay stable as reports come).
            votes = Counter(owner[x.event_id] for x in group if x.event_id in owner and owner[x.event_id] not in used)
            cid = min(votes, key=lambda c: (-votes[c], c)) if votes else _new_event(conn, r)
            used.add(cid)
            for x in group:
                if x.event_id == r.event_id:
                    conn.execute(insert(cr).values(**_report_row(r, cid)))
                    dirty.add(cid)
                elif owner[x.event_id] != cid:
                    conn.execute(update(cr).where(cr.c.event_id == x.event_id).values(corpus_event_id=cid))
                    dirty |= {cid, owner[x.event_id]}
        for gone in set(old) - used:
            conn.execute(delete(cea).where(cea.c.corpus_event_id == gone))
            conn.execute(delete(ce).where(ce.c.id == gone))
            dirty.discard(gone)
            removed.add(gone)
    for cid in sorted(dirty):
        members = list(conn.execute(select(cr.c.event_id).where(cr.c.corpus_event_id == cid)).scalars())
        _write_summary(conn, cid, load_reports(conn, members))
    touched |= ties.pairs_of(conn, dirty)
    ties.refresh(conn, touched)
    changed = dirty | removed  # a component's other corpus events may have kept every report
    before = {a: {c: v for c, v in spans.items() if c in changed} for a, spans in before.items()}
    ties.update_activity(conn, before, ties.spans_of(conn, dirty))
    return dirty


def add_article(conn: Connection, article_id: int) -> None:
    """Bring one newly stored article's events into the corpus (call in the article's transaction)."""
    ids = list(conn.execute(select(s.events.c.id).where(s.events.c.article_id == article_id)).scalars())
    if ids:
        add_events(conn, ids)
        links.update(conn, ids)


def sync(conn: Connection) -> int:
    """Merge every stored report not yet in the corpus (a store written before the corpus tables existed,
    or by a writer without the hook); returns how many were added."""
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
    write_lock(conn)
    for table in (s.corpus_links, s.corpus_ties, s.corpus_pairs, s.corpus_actor_stats, s.corpus_event_actors, s.corpus_reports,
                  s.corpus_events):
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
        actor_rows.extend(_people_rows(cid, row, people))
    for table, rows in ((s.corpus_events, ev_rows), (s.corpus_reports, rep_rows),
                        (s.corpus_event_actors, actor_rows)):
        for i in range(0, len(rows), 5000):
            conn.execute(insert(table), rows[i:i + 5000])
    if conn.dialect.name == "postgresql" and ev_rows:
        conn.execute(text("SELECT setval(pg_get_serial_sequence('corpus_events', 'id'), :n)"), {"n": len(ev_rows)})
    n_ties = ties.rebuild(conn)
    ties.rebuild_activity(conn)
    n_links = links.rebuild(conn, reports)
    return {"reports": len(reports), "corpus_events": len(comps), "ties": n_ties, "links": n_links}


def groups(conn: Connection) -> list[list[int]]:
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
        "ties": int(conn.execute(select(func.count()).select_from(s.corpus_ties)).scalar_one()),
        "links": int(conn.execute(select(func.count()).select_from(s.corpus_links)).scalar_one()),
    }
