"""Read records by entity names, not by ids (helpers for the sources and events tests)."""

from __future__ import annotations

from typing import Any

from selon.clean import norm
from selon.record import Record


def names(rec: Record, ids: list[str] | str | None) -> list[str]:
    by_id = {e.id: e.name for e in rec.entities}
    if ids is None:
        return []
    if isinstance(ids, str):
        ids = [ids]
    return [by_id.get(i, i) for i in ids]


def _key(s: str) -> str:
    return norm(s)


def has(found: list[str], wanted: str) -> bool:
    """A name list holds an entity whose name contains ``wanted`` (accents, case and hyphens aside);
    ``wanted`` may list alternatives the entities component may choose as the name: "Tel-Aviv|Tel Aviv"."""
    return any(_key(w) in _key(n) for w in wanted.split("|") for n in found)


def find_events(rec: Record, etype: str | None = None, actor: str | None = None,
                recipient: str | None = None) -> list[Any]:
    out = []
    for ev in rec.events:
        if etype and ev.type != etype:
            continue
        if actor and not has(names(rec, ev.actors), actor):
            continue
        if recipient and not has(names(rec, ev.recipients), recipient):
            continue
        out.append(ev)
    return out


def one_event(rec: Record, etype: str, actor: str | None = None, recipient: str | None = None) -> Any:
    found = find_events(rec, etype, actor, recipient)
    assert found, f"no {etype} {actor}->{recipient} in {describe(rec)}"
    return found[0]


def describe(rec: Record) -> str:
    return "; ".join(
        f"{e.type}/{e.mode} {names(rec, e.actors)}->{names(rec, e.recipients)} {e.modality} "
        f"src={names(rec, e.sources)} [{e.trigger.text if e.trigger else ''}]"
        for e in rec.events)
