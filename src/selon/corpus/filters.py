"""What the corpus queries filter on, and the one place user filter values are checked.

``Filters`` turns into SQL conditions for ``corpus_events`` or its per-actor
index.  ``parse`` validates what a user typed (CLI options, Python API
arguments) and resolves actor names to ids, so the CLI and the API refuse the
same values with the same words: a ``FilterError`` (a ``ValueError`` naming
the argument), never an SQL error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from numbers import Integral
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.engine import Connection

from selon.corpus import dates, lookup
from selon.record import EVENT_TYPES, MODALITIES
from selon.store import schema as s

ce, cr, cea = s.corpus_events, s.corpus_reports, s.corpus_event_actors
PARTICIPANT = ("actor", "recipient")


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
            from selon.clean import canonical_outlet  # (lazy: the cleaning rules load data)

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



class FilterError(ValueError):
    """A filter value that names nothing: ``argument`` says which (``type``, ``since``, ...)."""

    def __init__(self, argument: str, message: str) -> None:
        super().__init__(f"{argument}: {message}")
        self.argument = argument
        self.message = message


# Called with (what was typed, the actor chosen, the other candidates) when a name matches several actors.
Ambiguity = Callable[[str, dict[str, Any], list[dict[str, Any]]], None]
Values = str | Iterable[str] | None


def parse(conn: Connection, *, actor: str | int | Iterable[str | int] | None = None, type: Values = None,
          since: Any = None, until: Any = None, modality: str | None = None, outlet: str | None = None,
          on_ambiguous: Ambiguity | None = None) -> Filters:
    """Check user filter values and resolve actors; raises ``FilterError`` on any value that names nothing.

    ``since``/``until``: "YYYY", "YYYY-MM", "YYYY-MM-DD", a ``date`` or a ``datetime`` (its day).
    ``actor``: names, KB ids, keys or store ids; a name several actors match means the most active one
    (``on_ambiguous`` is told).  ``outlet``: any name of an outlet the store has articles from.
    """
    types = [_choice("type", "event type", t.upper(), EVENT_TYPES) for t in _strings("type", type)]
    mod = (_choice("modality", "modality", _text("modality", modality).lower(), MODALITIES)
           if modality is not None else None)
    lo = _bound("since", since, upper=False)
    hi = _bound("until", until, upper=True)
    if lo and hi and lo > hi:
        raise FilterError("since", f"{lo} is after until ({hi})")
    name = _outlet(conn, _text("outlet", outlet)) if outlet is not None else None
    ids = [_actor(conn, a, on_ambiguous) for a in _actors(actor)]
    return Filters(actor_ids=list(dict.fromkeys(ids)), types=list(dict.fromkeys(types)), since=lo, until=hi,
                   modality=mod, outlet=name)


def _text(argument: str, value: object) -> str:
    if not isinstance(value, str):
        raise FilterError(argument, f"expected text, got {type(value).__name__}")
    return value


def _strings(argument: str, value: Values) -> list[str]:
    if value is None:
        return []
    return [_text(argument, v) for v in ([value] if isinstance(value, str) else list(value))]


def _choice(argument: str, what: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise FilterError(argument, f"unknown {what} {value!r}; one of {', '.join(allowed)}")
    return value


def _bound(argument: str, value: Any, upper: bool) -> str | None:
    if value is None:
        return None
    if isinstance(value, date) and value != value:  # pandas' NaT is a date that equals nothing
        raise FilterError(argument, f"not a date: {value!r}")
    if isinstance(value, datetime):  # (a pandas Timestamp is one)
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise FilterError(argument, f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got {type(value).__name__}")
    try:
        return dates.filter_bound(value, upper=upper)
    except ValueError as exc:
        raise FilterError(argument, str(exc)) from None


def _outlet(conn: Connection, value: str) -> str:
    """The stored name of an outlet (any of its names, any case); refused when no article comes from it."""
    from selon.clean import canonical_outlet, norm

    known = [o for o in conn.execute(select(s.articles.c.outlet).distinct()).scalars() if o]
    wanted = {norm(value), norm(canonical_outlet(value) or "")} - {""}
    for name in sorted(known):
        if norm(name) in wanted:
            return name
    shown = ", ".join(sorted(known)[:12]) + (", ..." if len(known) > 12 else "")
    raise FilterError("outlet", f"no article from an outlet named {value!r} in the store"
                      + (f" (outlets: {shown})" if known else " (no article names its outlet)"))


def _actors(value: Any) -> list[Any]:
    """One actor or several: a name, an id (numpy's too), or an iterable of them."""
    if value is None:
        return []
    if isinstance(value, str | Integral):
        return [value]
    try:
        return list(value)
    except TypeError:
        raise FilterError("actor", f"expected a name or an id, got {type(value).__name__}") from None


def _actor(conn: Connection, value: Any, on_ambiguous: Ambiguity | None) -> int:
    if isinstance(value, bool) or not isinstance(value, str | Integral):
        raise FilterError("actor", f"expected a name or an id, got {type(value).__name__}")
    if isinstance(value, Integral):
        value = int(value)
        if not (0 < value <= s.MAX_ID and lookup.actor_exists(conn, value)):
            raise FilterError("actor", f"no actor with id {value} in the store")
        return value
    found = lookup.resolve_actor(conn, value)
    if not found:
        raise FilterError("actor", f"no actor matches {value!r}")
    if len(found) > 1 and on_ambiguous is not None:
        on_ambiguous(value, found[0], found[1:])
    return int(found[0]["id"])
