"""What a store holds at a glance: top actors, event types and modalities, outlets, cited sources."""

from __future__ import annotations

from typing import Any

from sqlalchemy import desc, func, select

from selon.store import schema as s
from selon.store.sql import Store


def summary(store: Store, top: int = 10) -> dict[str, list[dict[str, Any]]]:
    e, a, v, g, art = s.entities, s.actors, s.events, s.event_args, s.articles
    articles = func.count(func.distinct(e.c.article_id)).label("articles")
    queries = {
        "actors": select(a.c.name, a.c.type, articles).join(e, e.c.actor_id == a.c.id)
        .group_by(a.c.id, a.c.name, a.c.type).order_by(desc("articles"), a.c.name).limit(top),
        "event_types": select(v.c.type, func.count().label("events")).group_by(v.c.type)
        .order_by(desc("events"), v.c.type),
        "modalities": select(v.c.modality, func.count().label("events")).group_by(v.c.modality)
        .order_by(desc("events"), v.c.modality),
        "outlets": select(art.c.outlet, func.count().label("articles")).where(art.c.outlet.is_not(None))
        .group_by(art.c.outlet).order_by(desc("articles"), art.c.outlet).limit(top),
        "sources": select(e.c.name, func.count(func.distinct(g.c.event_id)).label("events"))
        .join(g, g.c.entity_id == e.c.id).where(g.c.role == "source")
        .group_by(e.c.name).order_by(desc("events"), e.c.name).limit(top),
    }
    with store.engine.connect() as conn:
        return {name: [dict(r._mapping) for r in conn.execute(q)] for name, q in queries.items()}
