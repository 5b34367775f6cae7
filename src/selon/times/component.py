"""The ``selon_times`` spaCy component, ``find_times`` and ``event_date``.

``find_times`` is the whole job as a pure function of the text, the anchor
(publication date, possibly partial) and today's date; the spaCy component
only feeds it the document text, ``doc._.selon_meta["published"]`` and a tense
hint from the parse.  Patterns live in ``selon.times.grammar`` and its
families (built from ``data/times_fr.yaml``), values in ``selon.times.resolve``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from selon.record import Time
from selon.times.grammar import grammar
from selon.times.resolve import Resolver

__all__ = ["TimesTagger", "event_date", "find_times"]

_CALENDAR = re.compile(r"^(\d{4}-\d{2}(?:-\d{2})?)")


def find_times(text: str, anchor: str | None = None, today: date | None = None,
               tense_hint: Callable[[int, int], int | None] | None = None) -> list[Time]:
    """Every temporal expression of a French text, in text order, with type and normalised value.

    ``anchor``: the publication date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) or None, in which
    case the latest full date the text states is used.  ``today``: the ingest date, the limit
    for years inferred from a weekday (default: the system date).  ``tense_hint(start, end)``:
    optional, +1/-1 when a parser knows the expression's verb is future/past (the words alone
    decide first).
    """
    if not isinstance(text, str):
        raise TypeError(f"find_times expects a str, not {type(text).__name__}")
    if not text:
        return []
    g = grammar()
    cands = g.scan(text)
    return Resolver(g, text, cands, anchor, today or date.today(), tense_hint).run()


def event_date(times: list[Time], start: int, end: int) -> str | None:
    """The date of an event whose sentence spans [start, end): an ISO day or month, or None.

    Takes the most precise calendar value among the DATE/TIME expressions inside the span
    (a day beats a month), the first one in the text on a tie.  Durations, sets and
    unresolved or year-only values do not date an event.
    """
    best: str | None = None
    for t in times:
        if t.start < start or t.end > end or t.type not in ("DATE", "TIME") or not t.value:
            continue
        m = _CALENDAR.match(t.value)
        if not m or "X" in m.group(1):
            continue
        value = m.group(1)
        if best is None or len(value) > len(best):
            best = value
    return best


@Language.factory("selon_times")
def make_times(nlp: Language, name: str) -> TimesTagger:
    return TimesTagger()


class TimesTagger:
    """Sets ``doc._.times`` (list of record.Time), offsets into the doc text (== the raw text)."""

    def __init__(self) -> None:
        grammar()  # compile the patterns once, when the pipeline is built

    def __call__(self, doc: Doc) -> Doc:
        meta = doc._.selon_meta or {}
        today = meta.get("today")
        if isinstance(today, str):
            try:
                today = date.fromisoformat(today[:10])
            except ValueError:
                today = None
        doc._.times = find_times(doc.text, meta.get("published"), today if isinstance(today, date) else None,
                                 _parse_tense(doc))
        return doc


def _parse_tense(doc: Doc) -> Callable[[int, int], int | None]:
    """A tense hint from the parse: a time expression attached to a finite present-tense verb
    ("Le maire inaugure samedi la salle") or to an infinitive that completes another verb
    ("appelle à cesser le travail vendredi") speaks of the days ahead, as French news does."""

    def hint(start: int, end: int) -> int | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not doc.has_annotation("DEP"):
            return None
        tok = span.root
        for _ in range(3):
            if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
                break
            tok = tok.head
        if tok.pos_ != "VERB" or any(c.dep_.startswith("aux") for c in tok.children):
            return None
        m = tok.morph
        if m.get("VerbForm", []) == ["Inf"] and tok.dep_ in ("xcomp", "ccomp", "acl", "advcl", "obl", "obl:arg"):
            return 1  # "menacent de bloquer le port dès lundi", "appelle à cesser le travail vendredi"
        if m.get("VerbForm", []) == ["Fin"] and m.get("Tense", []) == ["Pres"] and m.get("Mood", []) == ["Ind"]:
            return 1
        return None

    return hint
