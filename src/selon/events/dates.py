"""An event's date, from the time expressions of its own clause.

The times stage finds and resolves every expression (``doc._.times``); the
sentence's expressions that can date the event are kept (not those of a
participle or relative clause about another word, nor the start of a span,
"depuis"), and the times stage picks the value.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from spacy.tokens import Doc, Token

from selon.record import Span

log = logging.getLogger(__name__)

ISO_DATE = re.compile(r"^\d{4}-(?:\d{2}(?:-\d{2})?|W\d{2})$")


def _times_module() -> object:
    from selon.events import times

    return times


def verb_above(tok: Token) -> Token:
    """The verb a word belongs to: itself, or the first verb up its chain of heads."""
    t = tok
    for _ in range(5):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def clause_times(doc: Doc, times: list[Any], evidence: Span, trigger: Token | None) -> list[Any]:
    """The sentence's time expressions that can date the event of ``trigger``.

    "Les trois pays, réunis depuis septembre, accusent ...", "l'accord, conclu en juillet 2022":
    a time in a participle or relative clause of another word, or the start of a span ("depuis"),
    dates something else.  Times attached to the trigger's own verb come first."""
    inside = [t for t in times if evidence.start <= t.start and t.end <= evidence.end]
    if trigger is None or not doc.has_annotation("DEP"):
        return inside
    home = verb_above(trigger)
    own: list[Any] = []
    kept: list[Any] = []
    for t in inside:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            kept.append(t)
            continue
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.lower_ in ("depuis", "jusqu'", "jusque", "dès"):
            continue
        v = verb_above(span.root)
        if v.i == home.i:
            own.append(t)
            continue
        ancestors = {a.i for a in trigger.ancestors}
        if v.dep_ in ("acl", "acl:relcl") and v.i not in ancestors:
            continue
        kept.append(t)
    return own or kept


def event_date(doc: Doc, evidence: Span, anchor: int, trigger: Token | None = None) -> str | None:
    """The event's date from the time expressions of its clause (``doc._.times``).

    The times component owns the choice (``selon.events.times.event_date``); without it, the
    day or month nearest the trigger.  A bare year does not date an event ("la guerre de 2006").
    """
    times = clause_times(doc, doc._.times or [], evidence, trigger)
    helper = getattr(_times_module(), "event_date", None)
    if callable(helper):
        try:
            value = helper(times, evidence.start, evidence.end)
            return value if isinstance(value, str) or value is None else None
        except TypeError:  # an older or newer signature: fall back to ours
            log.debug("times.event_date has another signature; using the nearest date", exc_info=True)
    best: tuple[int, str] | None = None
    for t in times:
        if t.start < evidence.start or t.end > evidence.end or t.type != "DATE" or not t.value:
            continue
        if not ISO_DATE.match(t.value):
            continue
        dist = abs(t.start - anchor)
        if best is None or dist < best[0]:
            best = (dist, t.value)
    return best[1] if best else None
