"""Read the corpus view: events, timelines, actor graphs, evidence, outlets.

Shared by the CLI, the exports and the web API, so they all agree.  Every
function takes an open connection and returns plain JSON-ready values; all
SQL is SQLAlchemy Core with bound parameters (user text never becomes SQL).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.engine import Connection

from selon.clean import canonical_outlet, norm
from selon.corpus import outlets as outlet_profiles
from selon.corpus import ties
from selon.entities import normalize as nz
from selon.record import ENTITY_TYPES
from selon.store import schema as s

ce, cr, cea, cl = s.corpus_events, s.corpus_reports, s.corpus_event_actors, s.corpus_links
PARTICIPANT = ("actor", "recipient")
MAX_GRAPH_NODES = 150


@dataclass
class Filters:
    """What ``selon events``, exports and the API filter on; dates are ISO days (see ``dates.filter_bound``)."""

    actor_ids: list[int] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    modality: str | None = None
    outlet: str | None = None

    def conditions(self, event_id: Any, etype: Any, date_key: Any, date_end: Any) -> list[ColumnElement[bool]]:
        """Everything but the actor, against a table with these columns (``corpus_events`` or the
        denormalised ``corpus_event_actors``).  An undated event matches no date bound."""
        out: list[ColumnElement[bool]] = []
        if self.types:
            out.append(etype.in_(self.types))
        if self.since:
            out.append(date_end >= self.since)
        if self.until:
            out.append(date_key <= self.until)
        if self.modality:
            out.append(select(cr.c.event_id).join(s.events, s.events.c.id == cr.c.event_id)
                       .where(cr.c.corpus_event_id == event_id, s.events.c.modality == self.modality).exists())
        if self.outlet:
            name = canonical_outlet(self.outlet) or self.outlet
            out.append(select(cr.c.event_id).join(s.articles, s.articles.c.id == cr.c.article_id)
                       .where(cr.c.corpus_event_id == event_id, s.articles.c.outlet == name).exists())
        return out

    def on_events(self) -> list[ColumnElement[bool]]:
        return self.conditions(ce.c.id, ce.c.type, ce.c.date_key, ce.c.date_end)

    def on_participants(self) -> list[ColumnElement[bool]]:
        return self.conditions(cea.c.corpus_event_id, cea.c.type, cea.c.date_key, cea.c.date_end)

    def apply(self, q: Select[Any]) -> Select[Any]:
        """Filter a query over ``corpus_events``."""
        if self.actor_ids:
            q = q.where(ce.c.id.in_(select(cea.c.corpus_event_id).where(
                cea.c.actor_id.in_(self.actor_ids), cea.c.role.in_(PARTICIPANT))))
        return q.where(*self.on_events())

    @property
    def only_types(self) -> bool:
        """Nothing but actor and type filters: the stored ties answer."""
        return not (self.since or self.until or self.modality or self.outlet)


# -- actors ----------------------------------------------------------------------------------------------

def _actor_row(row: Any, n_events: int | None = None) -> dict[str, Any]:
    out = {"id": row.id, "key": row.key, "name": row.name, "type": row.type, "kb_id": row.kb_id}
    if n_events is not None:
        out["events"] = n_events
    return out


def _activity(conn: Connection, actor_ids: Sequence[int]) -> dict[int, int]:
    """Corpus events each actor takes part in (as actor or recipient)."""
    return ties.activity(conn, actor_ids)


def find_actors(conn: Connection, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Actors whose name (or normalised key) contains ``text``, most active first."""
    a = s.actors
    key = norm(text)
    if not key and not text.strip():
        return []
    conds = [func.lower(a.c.name).contains(text.strip().lower(), autoescape=True)]
    if key:
        conds.append(a.c.key.contains(key, autoescape=True))
    alias_key = nz.key(text) or nz.fold(text)
    if alias_key:  # any name an article gave the actor (selon.store.actors)
        al = s.actor_aliases
        conds.append(a.c.id.in_(select(al.c.actor_id).where(al.c.norm.contains(alias_key, autoescape=True))))
    rows = conn.execute(select(a).where(or_(*conds)).limit(2000)).all()
    act = _activity(conn, [r.id for r in rows])

    def rank(r: Any) -> tuple[int, int, int, str]:
        exact = norm(r.name) == key
        return (not exact, -act.get(r.id, 0), len(r.name), r.name)

    return [_actor_row(r, act.get(r.id, 0)) for r in sorted(rows, key=rank)[:limit]]


def resolve_actor(conn: Connection, text: str) -> list[dict[str, Any]]:
    """Actors a command-line ``ACTOR`` may mean: a store id, a key (``kb:Q…``, ``PERSON:…``), a KB id or a
    name; exact matches first.  Empty when nothing matches."""
    a = s.actors
    text = text.strip()
    if not text:
        return []
    conds = [a.c.key == text, a.c.kb_id == text, a.c.key.in_([f"{t}:{norm(text)}" for t in ENTITY_TYPES])]
    if text.isdigit() and int(text) <= s.MAX_ID:
        conds.append(a.c.id == int(text))
    rows = conn.execute(select(a).where(or_(*conds))).all()
    if rows:
        act = _activity(conn, [r.id for r in rows])
        return [_actor_row(r, act.get(r.id, 0)) for r in sorted(rows, key=lambda r: -act.get(r.id, 0))]
    return find_actors(conn, text, limit=10)


def actor_exists(conn: Connection, actor_id: int) -> bool:
    return conn.execute(select(s.actors.c.id).where(s.actors.c.id == actor_id)).first() is not None


def most_active(conn: Connection, limit: int = 30) -> list[dict[str, Any]]:
    """The actors in the most corpus events."""
    st = s.corpus_actor_stats
    ids = [int(a) for a in conn.execute(select(st.c.actor_id).order_by(st.c.events.desc(), st.c.actor_id)
                                        .limit(limit)).scalars()]
    return sorted(_nodes(conn, ids), key=lambda n: (-n["events"], n["name"]))


def actor(conn: Connection, actor_id: int) -> dict[str, Any] | None:
    """One actor: identity, activity, event types, top partners, outlet profile when it is an outlet."""
    a = s.actors
    row = conn.execute(select(a).where(a.c.id == actor_id)).first()
    if row is None:
        return None
    out = _actor_row(row, _activity(conn, [actor_id]).get(actor_id, 0))
    out["types"] = {t: int(n) for t, n in conn.execute(
        select(cea.c.type, func.count(func.distinct(cea.c.corpus_event_id)))
        .where(cea.c.actor_id == actor_id, cea.c.role.in_(PARTICIPANT))
        .group_by(cea.c.type).order_by(func.count(func.distinct(cea.c.corpus_event_id)).desc(), cea.c.type))}
    out["cited_as_source"] = int(conn.execute(select(func.count()).select_from(cea).where(
        cea.c.actor_id == actor_id, cea.c.role == "source")).scalar_one())
    prof = outlet_profiles.profile(row.name)
    out["outlet_profile"] = prof.to_dict() if prof else None
    al, ro, af = s.actor_aliases, s.actor_roles, s.actor_affiliations
    n = func.count()
    out["aliases"] = [r[0] for r in conn.execute(select(al.c.alias).where(al.c.actor_id == actor_id)
                                                 .group_by(al.c.alias).order_by(n.desc(), al.c.alias).limit(12))]
    out["roles"] = [r[0] for r in conn.execute(select(ro.c.role).where(ro.c.actor_id == actor_id)
                                               .group_by(ro.c.role).order_by(n.desc(), ro.c.role).limit(8))]
    out["affiliations"] = ties.dicts(conn.execute(
        select(af.c.relation, af.c.target_name, af.c.target_kb_id, af.c.role, af.c.start, af.c.end)
        .where(af.c.actor_id == actor_id, af.c.relation != "coded_as").order_by(af.c.id).limit(20)))
    out["mentions"] = int(conn.execute(select(func.count()).select_from(s.entities)
                                       .where(s.entities.c.actor_id == actor_id)).scalar_one())
    return out


# -- events ----------------------------------------------------------------------------------------------

_EVENT_COLS = (ce.c.id, ce.c.type, ce.c.mode, ce.c.date, ce.c.date_precision, ce.c.date_start, ce.c.date_end,
               ce.c.location, ce.c.modality, ce.c.modalities, ce.c.outlets, ce.c.n_reports, ce.c.n_articles,
               ce.c.n_outlets)


def _decorate(conn: Connection, rows: Sequence[Any], page: Any = None) -> list[dict[str, Any]]:
    """Corpus event rows as dicts with participants, sources and denial counts (two more queries).

    ``page``: a subquery whose ``cid`` column lists the same corpus events (joined rather than sent as a
    long IN list, which costs more to build than to run)."""
    people: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    denied_by: dict[int, int] = {}
    if rows:
        a = s.actors
        pq = (select(cea.c.corpus_event_id, cea.c.role, a.c.id, a.c.name, a.c.type)
              .join(a, a.c.id == cea.c.actor_id))
        dq = (select(cr.c.corpus_event_id, func.count(func.distinct(cl.c.from_event_id)))
              .join(cl, cl.c.to_event_id == cr.c.event_id).group_by(cr.c.corpus_event_id))
        if page is not None:
            pq = pq.join(page, page.c.cid == cea.c.corpus_event_id)
            dq = dq.join(page, page.c.cid == cr.c.corpus_event_id)
        else:
            ids = [r.id for r in rows]
            pq = pq.where(cea.c.corpus_event_id.in_(ids))
            dq = dq.where(cr.c.corpus_event_id.in_(ids))
        for cid, role, aid, name, atype in conn.execute(pq.order_by(cea.c.corpus_event_id, a.c.name)):
            people[cid][role].append({"id": aid, "name": name, "type": atype})
        denied_by = {int(cid): int(n) for cid, n in conn.execute(dq)}
    out = []
    keys = list(rows[0]._fields) if rows else []
    loads = json.loads
    for r in rows:
        d = dict(zip(keys, r, strict=True))
        d["modalities"] = loads(d["modalities"])
        d["outlets"] = loads(d["outlets"])
        who = people.get(r.id, {})
        d["actors"] = who.get("actor", [])
        d["recipients"] = who.get("recipient", [])
        d["sources"] = who.get("source", [])
        d["denials"] = denied_by.get(r.id, 0)
        out.append(d)
    return out


def events(conn: Connection, filters: Filters, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Corpus events matching the filters, by date (undated last), with participants, sources, outlets."""
    if filters.actor_ids:
        # Walk the actor's index in date order and stop at the page: a hub's whole history is never sorted.
        page = (select(cea.c.corpus_event_id.label("cid"), cea.c.date_key.label("k")).distinct()
                .where(cea.c.actor_id.in_(filters.actor_ids), cea.c.role.in_(PARTICIPANT), *filters.on_participants())
                .order_by(cea.c.date_key, cea.c.corpus_event_id).limit(limit).offset(offset)).subquery()
    else:
        page = (select(ce.c.id.label("cid"), ce.c.date_key.label("k")).where(*filters.on_events())
                .order_by(ce.c.date_key, ce.c.id).limit(limit).offset(offset)).subquery()
    rows = conn.execute(select(*_EVENT_COLS).join(page, page.c.cid == ce.c.id).order_by(page.c.k, page.c.cid)).all()
    return _decorate(conn, rows, page)


def count_events(conn: Connection, filters: Filters) -> int:
    return int(conn.execute(filters.apply(select(func.count()).select_from(ce))).scalar_one())


def iter_events(conn: Connection, filters: Filters, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every matching corpus event, in batches (for exports: memory does not grow with the corpus)."""
    last = 0
    while True:
        q = filters.apply(select(*_EVENT_COLS)).where(ce.c.id > last).order_by(ce.c.id).limit(batch)
        rows = conn.execute(q).all()
        if not rows:
            return
        yield from _decorate(conn, rows)
        last = rows[-1].id


def timeline(conn: Connection, actor_id: int, filters: Filters, limit: int = 500) -> list[dict[str, Any]]:
    """One actor's corpus events in date order (the actor filter is this actor)."""
    f = Filters(**{**filters.__dict__, "actor_ids": [actor_id]})
    return events(conn, f, limit=limit)


# -- the actor graph -------------------------------------------------------------------------------------

MAX_EDGES = 600
FRONTIER = 10  # a further hop grows from this many of the strongest new actors
CORE = 60  # ties among this many of the strongest actors are drawn (each pair costs a lookup)


def _nodes(conn: Connection, ids: Sequence[int]) -> list[dict[str, Any]]:
    a = s.actors
    act = _activity(conn, ids)
    rows = conn.execute(select(a).where(a.c.id.in_(list(ids)))).all()
    return [_actor_row(r, act.get(r.id, 0)) for r in sorted(rows, key=lambda r: r.id)]


def _partners(edges: list[dict[str, Any]], around: set[int], exclude: set[int], limit: int) -> list[int]:
    weight: Counter[int] = Counter()
    for e in edges:
        for a, b in ((e["source"], e["target"]), (e["target"], e["source"])):
            if a in around and b not in exclude:
                weight[b] += e["weight"]
    return [n for n, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))][:limit]


def graph(conn: Connection, actor_id: int | None, filters: Filters, depth: int = 1,
          max_nodes: int = MAX_GRAPH_NODES, max_edges: int = MAX_EDGES) -> dict[str, Any]:
    """The actor network: around one actor (``depth`` hops), or the most active actors when ``actor_id``
    is None.  At most ``max_nodes`` actors, the most strongly tied first (a further hop grows from the
    ``FRONTIER`` strongest actors of the previous one); edges: the centre's own ties first, then ties
    among the ``CORE`` strongest actors and from each hop to the next, ``max_edges`` at most.  Edges are
    aggregated by event type.

    With no filter but event types this reads the stored ties (``corpus_ties``); any other filter
    computes ties from the filtered events.
    """
    stored = filters.only_types
    if actor_id is None:
        if stored and not filters.types:
            st = s.corpus_actor_stats
            order = select(st.c.actor_id).order_by(st.c.events.desc(), st.c.actor_id).limit(max_nodes)
            nodes = [int(a) for a in conn.execute(order).scalars()]
        else:
            q = (select(cea.c.actor_id, func.count().label("n"))
                 .where(cea.c.role.in_(PARTICIPANT), *filters.on_participants()).group_by(cea.c.actor_id)
                 .order_by(func.count().desc(), cea.c.actor_id).limit(max_nodes))
            nodes = [int(r.actor_id) for r in conn.execute(q)]
        centre_edges: list[dict[str, Any]] = []
        found = ties.among(conn, nodes[:CORE], filters.types, max_edges) if stored else ties.live(
            conn, filters.on_participants(), nodes[:CORE])
    else:
        nodes = [actor_id]
        frontier = [actor_id]
        found = []
        hops: list[tuple[list[int], list[int]]] = []
        for _ in range(max(1, depth)):
            room = max_nodes - len(nodes)
            if room <= 0 or not frontier:
                break
            if stored:
                new = [p for p, _ in ties.strongest_partners(conn, frontier, room, filters.types, exclude=nodes)]
            else:
                hop = ties.live(conn, filters.on_participants(), frontier)
                found.extend(hop)
                new = _partners(hop, set(frontier), set(nodes), room)
            hops.append((frontier, new))
            nodes.extend(new)
            frontier = new[:FRONTIER]
        if stored:
            centre_edges = ties.incident(conn, actor_id, nodes, filters.types, max_edges)
            found = ties.among(conn, nodes[:CORE], filters.types, max_edges)
            for parents, children in hops[1:]:
                found += ties.among(conn, parents, filters.types, max_edges, targets=children)
        else:
            centre_edges = sorted((e for e in found if actor_id in (e["source"], e["target"])),
                                  key=lambda e: -e["weight"])[:max_edges]
    keep = set(nodes)
    seen: set[tuple[Any, ...]] = set()
    edges_out: list[dict[str, Any]] = []
    for e in [*centre_edges, *sorted(found, key=lambda e: -e["weight"])]:
        k = (e["source"], e["target"], e["type"], e["directed"])
        if k in seen or e["source"] not in keep or e["target"] not in keep:
            continue
        if len(edges_out) >= max_edges:
            break
        seen.add(k)
        edges_out.append({**e, "directed": bool(e["directed"])})
    return {"nodes": _nodes(conn, sorted(keep)),
            "edges": sorted(edges_out, key=lambda e: (e["source"], e["target"], e["type"], e["directed"]))}


# -- evidence --------------------------------------------------------------------------------------------

def safe_url(url: str | None) -> str | None:
    """Only http(s) links leave the store; anything else (``javascript:``, ``data:``) is dropped."""
    if not url:
        return None
    u = url.strip()
    return u if u.lower().startswith(("http://", "https://")) and not any(c in u for c in "\n\r\t ") else None


def _names(conn: Connection, entity_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    if not entity_ids:
        return {}
    en = s.entities
    rows = conn.execute(select(en.c.id, en.c.name, en.c.type, en.c.actor_id).where(en.c.id.in_(list(entity_ids))))
    return {r.id: {"entity_id": r.id, "name": r.name, "type": r.type, "actor_id": r.actor_id} for r in rows}


def _report_args(conn: Connection, event_ids: Sequence[int]) -> dict[int, dict[str, list[dict[str, Any]]]]:
    out: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    if not event_ids:
        return out
    rows = conn.execute(select(s.event_args).where(s.event_args.c.event_id.in_(list(event_ids)))
                        .order_by(s.event_args.c.event_id, s.event_args.c.role, s.event_args.c.position)).all()
    names = _names(conn, sorted({r.entity_id for r in rows}))
    for r in rows:
        out[r.event_id][r.role].append(names[r.entity_id])
    return out


def _link_rows(conn: Connection, column: Any, event_ids: Sequence[int]) -> list[Any]:
    if not event_ids:
        return []
    fr, to = cr.alias("fr"), cr.alias("to")
    q = (select(cl.c.from_event_id, cl.c.to_event_id, cl.c.rule, fr.c.corpus_event_id.label("from_corpus"),
                to.c.corpus_event_id.label("to_corpus"))
         .join(fr, fr.c.event_id == cl.c.from_event_id).join(to, to.c.event_id == cl.c.to_event_id)
         .where(column.in_(list(event_ids))).order_by(cl.c.from_event_id, cl.c.to_event_id))
    return list(conn.execute(q).all())


def event(conn: Connection, corpus_event_id: int) -> dict[str, Any] | None:
    """One corpus event with every report (article, evidence, modality, sources), who asserts, reports and
    denies it, and the denials linked to it or that it makes."""
    row = conn.execute(select(*_EVENT_COLS).where(ce.c.id == corpus_event_id)).first()
    if row is None:
        return None
    out = _decorate(conn, [row])[0]
    e, a = s.events, s.articles
    reps = conn.execute(
        select(e.c.id, e.c.article_id, e.c.local_id, e.c.type, e.c.mode, e.c.date, e.c.location, e.c.modality,
               e.c.evidence_start, e.c.evidence_end, e.c.evidence_text, a.c.title, a.c.outlet, a.c.published,
               a.c.url)
        .join(cr, cr.c.event_id == e.c.id).join(a, a.c.id == e.c.article_id)
        .where(cr.c.corpus_event_id == corpus_event_id).order_by(a.c.published, e.c.id)).all()
    ids = [r.id for r in reps]
    args = _report_args(conn, ids)
    reports = []
    asserts: dict[str, set[str]] = {"asserts": set(), "reports": set(), "denies": set()}
    for r in reps:
        prof = outlet_profiles.profile(r.outlet)
        rep = {
            "event_id": r.id, "article_id": r.article_id, "local_id": r.local_id, "mode": r.mode, "date": r.date,
            "location": r.location, "modality": r.modality, "title": r.title, "outlet": r.outlet,
            "outlet_profile": prof.to_dict() if prof else None, "published": r.published,
            "url": safe_url(r.url),
            "evidence": {"start": r.evidence_start, "end": r.evidence_end, "text": r.evidence_text},
            "actors": args[r.id].get("actor", []), "recipients": args[r.id].get("recipient", []),
            "sources": args[r.id].get("source", []),
        }
        reports.append(rep)
        cited = [x["name"] for x in rep["sources"]]
        if r.modality == "asserted" and r.outlet:
            asserts["asserts"].add(r.outlet)
        elif r.modality == "claimed":
            asserts["asserts"].update(x["name"] for x in rep["actors"])
        elif r.modality == "reported":
            asserts["reports"].update(cited or ([r.outlet] if r.outlet else []))
        elif r.modality == "denied":
            asserts["denies"].update(cited)
    denied_by = []
    for link in _link_rows(conn, cl.c.to_event_id, ids):
        denial = _report_summary(conn, link.from_event_id)
        asserts["denies"].update(x["name"] for x in denial.get("actors", []))
        denied_by.append({"rule": link.rule, "report": link.to_event_id, "corpus_event_id": link.from_corpus,
                          "denial": denial})
    denies = [{"rule": link.rule, "report": link.from_event_id, "corpus_event_id": link.to_corpus,
               "claim": _report_summary(conn, link.to_event_id)}
              for link in _link_rows(conn, cl.c.from_event_id, ids)]
    out.update(reports=reports, denied_by=denied_by, denies=denies,
               stance={k: sorted(v) for k, v in asserts.items()})
    return out


def _report_summary(conn: Connection, event_id: int) -> dict[str, Any]:
    e, a = s.events, s.articles
    r = conn.execute(select(e.c.id, e.c.type, e.c.date, e.c.modality, e.c.evidence_text, e.c.article_id,
                            a.c.outlet, a.c.title).join(a, a.c.id == e.c.article_id).where(e.c.id == event_id)).first()
    if r is None:
        return {}
    args = _report_args(conn, [event_id])[event_id]
    return {"event_id": r.id, "type": r.type, "date": r.date, "modality": r.modality, "article_id": r.article_id,
            "outlet": r.outlet, "title": r.title, "evidence": r.evidence_text,
            "actors": args.get("actor", []), "recipients": args.get("recipient", [])}


def article(conn: Connection, article_id: int) -> dict[str, Any] | None:
    """An article's raw text and the spans to highlight: each event's evidence and trigger (with its corpus
    event), each entity mention (with its actor), and the boilerplate cut from the body."""
    a = s.articles
    row = conn.execute(select(a.c.id, a.c.doc_id, a.c.title, a.c.outlet, a.c.published, a.c.url, a.c.language,
                              a.c.raw_text, a.c.record).where(a.c.id == article_id)).first()
    if row is None:
        return None
    e, en, m = s.events, s.entities, s.mentions
    evs = conn.execute(select(e.c.id, e.c.local_id, e.c.type, e.c.modality, e.c.evidence_start, e.c.evidence_end,
                              cr.c.corpus_event_id)
                       .outerjoin(cr, cr.c.event_id == e.c.id).where(e.c.article_id == article_id)
                       .order_by(e.c.evidence_start)).all()
    triggers = {ev["id"]: ev.get("trigger") for ev in json.loads(row.record).get("events", [])}
    mentions = conn.execute(select(m.c.start, m.c.end, en.c.id, en.c.name, en.c.type, en.c.actor_id)
                            .join(en, en.c.id == m.c.entity_id).where(en.c.article_id == article_id)
                            .order_by(m.c.start)).all()
    args = _report_args(conn, [v.id for v in evs])
    removed = conn.execute(select(s.removed.c.start, s.removed.c.end, s.removed.c.kind)
                           .where(s.removed.c.article_id == article_id).order_by(s.removed.c.start)).all()
    prof = outlet_profiles.profile(row.outlet)
    n = len(row.raw_text)

    def clip(start: int, end: int) -> tuple[int, int]:
        return max(0, min(start, n)), max(0, min(end, n))

    return {
        "id": row.id, "doc_id": row.doc_id, "title": row.title, "outlet": row.outlet,
        "outlet_profile": prof.to_dict() if prof else None, "published": row.published,
        "url": safe_url(row.url), "language": row.language, "text": row.raw_text,
        "events": [{
            "event_id": v.id, "local_id": v.local_id, "type": v.type, "modality": v.modality,
            "corpus_event_id": v.corpus_event_id,
            "evidence": dict(zip(("start", "end"), clip(v.evidence_start, v.evidence_end), strict=True)),
            "trigger": (dict(zip(("start", "end"), clip(t["start"], t["end"]), strict=True))
                        if (t := triggers.get(v.local_id)) else None),
            "entity_ids": sorted({x["entity_id"] for role in args[v.id].values() for x in role}),
        } for v in evs],
        "mentions": [{"start": c[0], "end": c[1], "entity_id": r.id, "name": r.name, "type": r.type,
                      "actor_id": r.actor_id} for r in mentions for c in [clip(r.start, r.end)]],
        "removed": [{"start": c[0], "end": c[1], "kind": r.kind} for r in removed for c in [clip(r.start, r.end)]],
    }


# -- sources and facets ----------------------------------------------------------------------------------

def outlets(conn: Connection) -> list[dict[str, Any]]:
    """Per outlet: articles, reports, corpus events, and how often it is cited as a source; with its profile."""
    a = s.articles
    arts: dict[str | None, int] = dict(conn.execute(select(a.c.outlet, func.count()).group_by(a.c.outlet)).all())
    reps: dict[str | None, int] = dict(conn.execute(select(a.c.outlet, func.count()).select_from(cr).join(a, a.c.id == cr.c.article_id)
                             .group_by(a.c.outlet)).all())
    evs: dict[str | None, int] = dict(conn.execute(select(a.c.outlet, func.count(func.distinct(cr.c.corpus_event_id))).select_from(cr)
                            .join(a, a.c.id == cr.c.article_id).group_by(a.c.outlet)).all())
    cited: Counter[str] = Counter()
    for name, n in conn.execute(select(s.actors.c.name, func.count()).select_from(cea)
                                .join(s.actors, s.actors.c.id == cea.c.actor_id)
                                .where(cea.c.role == "source").group_by(s.actors.c.name)):
        prof = outlet_profiles.profile(name)
        if prof:
            cited[prof.name] += int(n)
    names = {k for k in arts if k} | set(cited)
    out = []
    for name in sorted(names):
        prof = outlet_profiles.profile(name)
        out.append({"outlet": name, "articles": int(arts.get(name, 0)), "reports": int(reps.get(name, 0)),
                    "corpus_events": int(evs.get(name, 0)), "cited_as_source": cited.get(name, 0),
                    "profile": prof.to_dict() if prof else None})
    if arts.get(None):
        out.append({"outlet": None, "articles": int(arts[None]), "reports": int(reps.get(None, 0)),
                    "corpus_events": int(evs.get(None, 0)), "cited_as_source": 0, "profile": None})
    return out


def facets(conn: Connection) -> dict[str, Any]:
    """What the filters can take in this store: event types, modalities, outlets, date range."""
    lo, hi = conn.execute(select(func.min(ce.c.date_start), func.max(ce.c.date_end))).one()
    return {
        "types": dict(conn.execute(select(ce.c.type, func.count()).group_by(ce.c.type)).all()),
        "modalities": dict(conn.execute(select(s.events.c.modality, func.count()).group_by(s.events.c.modality)).all()),
        "outlets": sorted(o for o in conn.execute(select(s.articles.c.outlet).distinct()).scalars() if o),
        "dates": {"min": lo, "max": hi},
    }


def evidence_texts(conn: Connection, corpus_event_id: int) -> list[str]:
    """Each report's evidence text, in report order."""
    e = s.events
    return list(conn.execute(select(e.c.evidence_text).join(cr, cr.c.event_id == e.c.id)
                             .where(cr.c.corpus_event_id == corpus_event_id).order_by(e.c.id)).scalars())


# -- before events: who is mentioned, where, with whom ---------------------------------------------------
# A store whose articles have entities but no events yet (extraction still thin) is still worth browsing:
# actors by the articles that mention them, and a co-mention network, clearly labelled as such.

def has_events(conn: Connection) -> bool:
    return conn.execute(select(ce.c.id).limit(1)).first() is not None


def most_mentioned(conn: Connection, limit: int = 30) -> list[dict[str, Any]]:
    """Actors by the number of articles that mention them (``events``: their corpus events, if any)."""
    en = s.entities
    n = func.count(func.distinct(en.c.article_id))
    rows = conn.execute(select(en.c.actor_id, n.label("n")).where(en.c.actor_id.is_not(None))
                        .group_by(en.c.actor_id).order_by(n.desc(), en.c.actor_id).limit(limit)).all()
    counts = {int(r.actor_id): int(r.n) for r in rows}
    nodes = _nodes(conn, list(counts))
    for node in nodes:
        node["articles"] = counts[node["id"]]
    return sorted(nodes, key=lambda x: (-x["articles"], x["name"]))


def actor_articles(conn: Connection, actor_id: int, limit: int = 200) -> list[dict[str, Any]]:
    """Articles mentioning an actor, newest first, with how often."""
    a, en, m = s.articles, s.entities, s.mentions
    q = (select(a.c.id, a.c.title, a.c.outlet, a.c.published, func.count(m.c.id).label("mentions"))
         .join(en, en.c.article_id == a.c.id).outerjoin(m, m.c.entity_id == en.c.id)
         .where(en.c.actor_id == actor_id).group_by(a.c.id, a.c.title, a.c.outlet, a.c.published)
         .order_by(a.c.published.desc(), a.c.id.desc()).limit(limit))
    return ties.dicts(conn.execute(q))


def comention_graph(conn: Connection, actor_id: int | None, max_nodes: int = 60) -> dict[str, Any]:
    """Actors mentioned in the same articles (edge weight: shared articles).  Not events: the page says so."""
    en1, en2 = s.entities.alias("e1"), s.entities.alias("e2")
    shared = func.count(func.distinct(en1.c.article_id))
    if actor_id is not None:
        q = (select(en2.c.actor_id, shared.label("w")).join(en2, en2.c.article_id == en1.c.article_id)
             .where(en1.c.actor_id == actor_id, en2.c.actor_id.is_not(None), en2.c.actor_id != actor_id)
             .group_by(en2.c.actor_id).order_by(shared.desc(), en2.c.actor_id).limit(max_nodes - 1))
        nodes = [actor_id] + [int(r.actor_id) for r in conn.execute(q)]
    else:
        nodes = [n["id"] for n in most_mentioned(conn, max_nodes)]
    q = (select(en1.c.actor_id.label("source"), en2.c.actor_id.label("target"), shared.label("weight"),
                func.min(s.articles.c.published).label("start"), func.max(s.articles.c.published).label("end"))
         .join(en2, en2.c.article_id == en1.c.article_id).join(s.articles, s.articles.c.id == en1.c.article_id)
         .where(en1.c.actor_id.in_(nodes), en2.c.actor_id.in_(nodes), en1.c.actor_id < en2.c.actor_id)
         .group_by(en1.c.actor_id, en2.c.actor_id).order_by(shared.desc(), en1.c.actor_id, en2.c.actor_id))
    edges = [{**e, "type": "CO-MENTION", "directed": False} for e in ties.dicts(conn.execute(q))]
    if actor_id is not None:  # the centre's ties, then the strongest others: a readable picture
        mine = [e for e in edges if actor_id in (e["source"], e["target"])]
        edges = mine + [e for e in edges if actor_id not in (e["source"], e["target"])][:len(nodes) * 2]
    else:
        edges = edges[:len(nodes) * 3]
    return {"nodes": _nodes(conn, sorted(set(nodes))), "edges": edges, "kind": "co-mentions"}
