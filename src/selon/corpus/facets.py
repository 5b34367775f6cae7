"""Facets and sources of the corpus view: outlets, filter values, and who is mentioned with whom.

The last part serves stores whose articles have entities but no events yet:
actors by the articles that mention them, and a co-mention network (labelled
as such: shared articles are not events).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from selon.corpus import lookup, ties
from selon.corpus import outlets as outlet_profiles
from selon.store import schema as s

ce, cr, cea = s.corpus_events, s.corpus_reports, s.corpus_event_actors


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
    nodes = lookup.nodes(conn, list(counts))
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
    return {"nodes": lookup.nodes(conn, sorted(set(nodes))), "edges": edges, "kind": "co-mentions"}

