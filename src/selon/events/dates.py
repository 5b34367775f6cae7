"""An event's date, from the time expressions of its own clause.

The times stage finds and resolves every expression (``doc._.times``); the
sentence's expressions that can date the event are kept (not those of a
participle or relative clause about another word, nor the start of a span,
"depuis"), and the times stage picks the value.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from selon.record import Span
from selon.times import event_date as times_event_date


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


def event_date(doc: Doc, evidence: Span, trigger: Token | None = None) -> str | None:
    """The event's date from the time expressions of its clause (``doc._.times``).

    The times package owns the choice among them (``selon.times.event_date``).  A bare year
    does not date an event ("la guerre de 2006").
    """
    times = clause_times(doc, doc._.times or [], evidence, trigger)
    return times_event_date(times, evidence.start, evidence.end)
