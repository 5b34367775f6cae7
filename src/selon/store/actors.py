"""Cross-document actors: one identity per real-world actor across the whole corpus.

An article's entity joins the corpus actor with the same KB id (``kb:Q38799``);
an entity the KB does not know joins the actor of the same type with the same
normalised name (``PERSON:ismail qaani``: case, accents, function words
ignored) or a transliteration of it (same sound, letters close: "Ismael
Qaani" = "Ismail Qaani"; not "Hassan" = "Hussein").  Every name and role an
article gives an actor is kept with its source article; affiliations come from
the knowledge base when the actor is first seen.

All queries are SQLAlchemy Core (SQLite and PostgreSQL alike).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, desc, func, insert, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine

from selon.entities import normalize as nz
from selon.record import Entity
from selon.store import schema as s

TYPES = ("PERSON", "ORG", "GPE", "LOC", "EVENT")


def actor_key(kb_id: str | None, etype: str, name: str) -> str:
    """The corpus identity of an entity: its KB id, else its type and normalised name."""
    return f"kb:{kb_id}" if kb_id else f"{etype}:{nz.key(name) or nz.fold(name)}"


def _phon(etype: str, name: str) -> str | None:
    ws = nz.content_words(nz.words(name))
    return f"{etype}:{nz.phon_key(ws)}" if len(ws) >= 2 else None


# -- writing (inside the article's transaction) ---------------------------------------------
def link_actor(conn: Connection, ent: Entity) -> int:
    """The corpus actor of one article entity, created on first sight."""
    a = s.actors
    key = actor_key(ent.kb_id, ent.type, ent.name)
    found = conn.execute(select(a.c.id).where(a.c.key == key)).scalar()
    if found is not None:
        return int(found)
    if not ent.kb_id:
        found = _transliteration(conn, ent)
        if found is not None:
            return found
    # Another writer may have created this actor since we looked: then it is ours too (and its keys and
    # affiliations are that writer's to store).  ON CONFLICT works alike on SQLite and PostgreSQL.
    ins = (pg_insert if conn.dialect.name == "postgresql" else sqlite_insert)(a)
    created = conn.execute(ins.values(key=key, name=ent.name, type=ent.type, kb_id=ent.kb_id)
                           .on_conflict_do_nothing(index_elements=["key"]).returning(a.c.id)).scalar()
    if created is None:
        return int(conn.execute(select(a.c.id).where(a.c.key == key)).scalar_one())
    actor_id = int(created)
    if ent.kb_id:
        _kb_affiliations(conn, actor_id, ent.kb_id)
    else:
        keys = [{"actor_id": actor_id, "kind": "name", "value": key}]
        phon = _phon(ent.type, ent.name)
        if phon:
            keys.append({"actor_id": actor_id, "kind": "phon", "value": phon})
        conn.execute(insert(s.actor_keys), keys)
    return actor_id


def _transliteration(conn: Connection, ent: Entity) -> int | None:
    phon = _phon(ent.type, ent.name)
    if phon is None:
        return None
    a, k = s.actors, s.actor_keys
    rows = conn.execute(select(a.c.id, a.c.name).join(k, k.c.actor_id == a.c.id)
                        .where(and_(k.c.kind == "phon", k.c.value == phon, a.c.kb_id.is_(None)))).all()
    mine = nz.content_words(nz.words(ent.name))
    for actor_id, name in rows:
        if nz.variant_words(nz.content_words(nz.words(name)), mine):
            return int(actor_id)
    return None


def _kb_affiliations(conn: Connection, actor_id: int, kb_id: str) -> None:
    from selon.entities.kb import load_kb

    kb = load_kb()
    actor = kb.get(kb_id)
    if actor is None:
        return
    rows = []
    for aff in actor.affiliations:
        target = kb.get(str(aff.get("to") or ""))
        if target is None:
            continue
        rows.append({"actor_id": actor_id, "relation": str(aff.get("relation") or "affiliated"),
                     "target_kb_id": target.id, "target_name": target.name, "role": aff.get("role"),
                     "start": aff.get("start"), "end": aff.get("end"), "source": str(aff.get("source") or "kb")})
    if actor.outlet:
        state = kb.get(kb.state(actor.outlet.get("country")))
        if state is not None:
            relation = "state_media_of" if actor.outlet.get("state_affiliated") else "based_in"
            rows.append({"actor_id": actor_id, "relation": relation, "target_kb_id": state.id,
                         "target_name": state.name, "role": actor.outlet.get("owner"), "start": None, "end": None,
                         "source": "outlets"})
    if rows:
        conn.execute(insert(s.actor_affiliations), rows)


def record_entity(conn: Connection, actor_id: int, article_id: int, entity_id: int, ent: Entity) -> None:
    """Keep the names and roles this article gave the actor, with the article as their source."""
    names = dict.fromkeys([ent.name, *ent.aliases])
    aliases = [
        {"actor_id": actor_id, "alias": n, "norm": nz.key(n) or nz.fold(n), "article_id": article_id,
         "entity_id": entity_id} for n in names if n.strip()
    ]
    if aliases:  # an empty list would be INSERT ... DEFAULT VALUES
        conn.execute(insert(s.actor_aliases), aliases)
    if ent.roles:
        conn.execute(insert(s.actor_roles), [
            {"actor_id": actor_id, "role": r, "article_id": article_id, "entity_id": entity_id}
            for r in dict.fromkeys(ent.roles)
        ])


# -- reading ------------------------------------------------------------------------------------
def _seen() -> Any:
    """When an article says it was published (the ingestion date says nothing about the actor)."""
    return s.articles.c.published


def find_actors(engine: Engine, name: str, limit: int = 20) -> list[dict[str, Any]]:
    """Actors one of whose names is ``name`` (any case, accents, transliteration); else names containing it."""
    a, al = s.actors, s.actor_aliases
    norm = nz.key(name) or nz.fold(name)
    if not norm:
        return []
    cols = (a.c.id, a.c.name, a.c.type, a.c.kb_id)
    exact = (select(*cols).where(or_(a.c.id.in_(select(al.c.actor_id).where(al.c.norm == norm)),
                                     a.c.key.in_([f"{t}:{norm}" for t in TYPES])))
             .order_by(a.c.id).limit(limit))
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(exact)]
        if not rows:
            like = (select(*cols).where(a.c.id.in_(
                select(al.c.actor_id).where(al.c.norm.contains(norm, autoescape=True))))
                .order_by(a.c.id).limit(limit))
            rows = [dict(r._mapping) for r in conn.execute(like)]
    return rows


def actor_detail(engine: Engine, actor_id: int) -> dict[str, Any] | None:
    """Everything the corpus says about one actor: names, roles, affiliations, articles, first/last seen."""
    a, al, ro, af, e, art = (s.actors, s.actor_aliases, s.actor_roles, s.actor_affiliations, s.entities,
                             s.articles)
    if not 0 < actor_id <= s.MAX_ID:
        return None
    with engine.connect() as conn:
        row = conn.execute(select(a).where(a.c.id == actor_id)).first()
        if row is None:
            return None
        out: dict[str, Any] = dict(row._mapping)
        out["aliases"] = [dict(r._mapping) for r in conn.execute(
            select(al.c.alias, func.count(func.distinct(al.c.article_id)).label("articles"))
            .where(al.c.actor_id == actor_id).group_by(al.c.alias).order_by(desc("articles"), al.c.alias))]
        out["roles"] = [dict(r._mapping) for r in conn.execute(
            select(ro.c.role, func.count(func.distinct(ro.c.article_id)).label("articles"),
                   func.min(ro.c.article_id).label("first_article"))
            .where(ro.c.actor_id == actor_id).group_by(ro.c.role).order_by(desc("articles"), ro.c.role))]
        out["affiliations"] = [dict(r._mapping) for r in conn.execute(
            select(af.c.relation, af.c.target_name, af.c.target_kb_id, af.c.role, af.c.start, af.c.end, af.c.source)
            .where(af.c.actor_id == actor_id).order_by(af.c.id))]
        out["articles"] = [dict(r._mapping) for r in conn.execute(
            select(art.c.id, art.c.title, art.c.outlet, _seen().label("date"),
                   func.count(e.c.id).label("entities"))
            .join(e, e.c.article_id == art.c.id).where(e.c.actor_id == actor_id)
            .group_by(art.c.id, art.c.title, art.c.outlet, art.c.published, art.c.ingested_at)
            .order_by("date", art.c.id))]
        dates = [x["date"] for x in out["articles"] if x["date"]]
        out["first_seen"] = min(dates) if dates else None
        out["last_seen"] = max(dates) if dates else None
    return out
