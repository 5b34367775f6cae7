"""Actors in the corpus view: find them by name, resolve what a user typed, describe one.

The name helpers (``selon.clean.norm``, ``selon.entities.normalize``) are
imported when a name is looked up, not with this module: commands that only
list the store must start without them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection

from selon.corpus import ties
from selon.record import ENTITY_TYPES
from selon.store import schema as s

cea = s.corpus_event_actors
PARTICIPANT = ("actor", "recipient")


def actor_row(row: Any, n_events: int | None = None) -> dict[str, Any]:
    out = {"id": row.id, "key": row.key, "name": row.name, "type": row.type, "kb_id": row.kb_id}
    if n_events is not None:
        out["events"] = n_events
    return out


def _activity(conn: Connection, actor_ids: Sequence[int]) -> dict[int, int]:
    """Corpus events each actor takes part in (as actor or recipient)."""
    return ties.activity(conn, actor_ids)


def find_actors(conn: Connection, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Actors whose name (or normalised key) contains ``text``, most active first."""
    from selon.clean import norm  # (lazy: the cleaning rules load data; only name lookups need them)
    from selon.entities import normalize as nz

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

    return [actor_row(r, act.get(r.id, 0)) for r in sorted(rows, key=rank)[:limit]]


def resolve_actor(conn: Connection, text: str) -> list[dict[str, Any]]:
    """Actors a command-line ``ACTOR`` may mean: a store id, a key (``kb:Q…``, ``PERSON:…``), a KB id or a
    name; exact matches first.  Empty when nothing matches."""
    from selon.clean import norm

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
        return [actor_row(r, act.get(r.id, 0)) for r in sorted(rows, key=lambda r: -act.get(r.id, 0))]
    return find_actors(conn, text, limit=10)


def actor_exists(conn: Connection, actor_id: int) -> bool:
    return conn.execute(select(s.actors.c.id).where(s.actors.c.id == actor_id)).first() is not None


def most_active(conn: Connection, limit: int = 30) -> list[dict[str, Any]]:
    """The actors in the most corpus events."""
    st = s.corpus_actor_stats
    ids = [int(a) for a in conn.execute(select(st.c.actor_id).order_by(st.c.events.desc(), st.c.actor_id)
                                        .limit(limit)).scalars()]
    return sorted(nodes(conn, ids), key=lambda n: (-n["events"], n["name"]))


def actor(conn: Connection, actor_id: int) -> dict[str, Any] | None:
    """One actor: identity, activity, event types, top partners, outlet profile when it is an outlet."""
    a = s.actors
    row = conn.execute(select(a).where(a.c.id == actor_id)).first()
    if row is None:
        return None
    out = actor_row(row, _activity(conn, [actor_id]).get(actor_id, 0))
    out["types"] = {t: int(n) for t, n in conn.execute(
        select(cea.c.type, func.count(func.distinct(cea.c.corpus_event_id)))
        .where(cea.c.actor_id == actor_id, cea.c.role.in_(PARTICIPANT))
        .group_by(cea.c.type).order_by(func.count(func.distinct(cea.c.corpus_event_id)).desc(), cea.c.type))}
    out["cited_as_source"] = int(conn.execute(select(func.count()).select_from(cea).where(
        cea.c.actor_id == actor_id, cea.c.role == "source")).scalar_one())
    from selon.corpus import outlets as outlet_profiles

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



def nodes(conn: Connection, ids: Sequence[int]) -> list[dict[str, Any]]:
    a = s.actors
    act = _activity(conn, ids)
    rows = conn.execute(select(a).where(a.c.id.in_(list(ids)))).all()
    return [actor_row(r, act.get(r.id, 0)) for r in sorted(rows, key=lambda r: r.id)]

