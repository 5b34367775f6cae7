"""The evidence behind the corpus view: one event with every report, one article with its spans.

What the web UI's evidence pane and ``selon export --format jsonl`` show: who
asserts, reports and denies an event, each report's article, sentence and
cited sources, and the denial links between reports.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from selon.corpus import listing
from selon.corpus import outlets as outlet_profiles
from selon.corpus.participants import report_args
from selon.corpus.urls import safe_url
from selon.store import schema as s

ce, cr, cl = s.corpus_events, s.corpus_reports, s.corpus_links


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
    row = conn.execute(select(*listing.EVENT_COLS).where(ce.c.id == corpus_event_id)).first()
    if row is None:
        return None
    out = listing.decorate(conn, [row])[0]
    e, a = s.events, s.articles
    reps = conn.execute(
        select(e.c.id, e.c.article_id, e.c.local_id, e.c.type, e.c.mode, e.c.date, e.c.location, e.c.modality,
               e.c.evidence_start, e.c.evidence_end, e.c.evidence_text, a.c.title, a.c.outlet, a.c.published,
               a.c.url)
        .join(cr, cr.c.event_id == e.c.id).join(a, a.c.id == e.c.article_id)
        .where(cr.c.corpus_event_id == corpus_event_id).order_by(a.c.published, e.c.id)).all()
    ids = [r.id for r in reps]
    args = report_args(conn, ids)
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
    args = report_args(conn, [event_id])[event_id]
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
    args = report_args(conn, [v.id for v in evs])
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

