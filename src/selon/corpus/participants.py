"""Who a stored report names: its actors, recipients and sources, as the article named them.

Each participant comes with its entity id, name, type and the corpus actor it
was linked to; the evidence pane, the reports table and the FtM export read it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from selon.store import schema as s


def entity_names(conn: Connection, entity_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Entity id -> its name, type and corpus actor (callers batch: one IN list per call)."""
    if not entity_ids:
        return {}
    en = s.entities
    rows = conn.execute(select(en.c.id, en.c.name, en.c.type, en.c.actor_id).where(en.c.id.in_(list(entity_ids))))
    return {r.id: {"entity_id": r.id, "name": r.name, "type": r.type, "actor_id": r.actor_id} for r in rows}


def report_args(conn: Connection, event_ids: Sequence[int]) -> dict[int, dict[str, list[dict[str, Any]]]]:
    """Report (event) id -> role ("actor", "recipient", "source") -> its entities, in record order."""
    out: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    if not event_ids:
        return out
    rows = conn.execute(select(s.event_args).where(s.event_args.c.event_id.in_(list(event_ids)))
                        .order_by(s.event_args.c.event_id, s.event_args.c.role, s.event_args.c.position)).all()
    names = entity_names(conn, sorted({r.entity_id for r in rows}))
    for r in rows:
        out[r.event_id][r.role].append(names[r.entity_id])
    return out
