"""Registers the event-side components: times, quotes, events (with attribution and modality)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("selon_times")
def make_times(nlp: Language, name: str) -> TimesTagger:
    return TimesTagger()


@Language.factory("selon_quotes")
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()


@Language.factory("selon_events")
def make_events(nlp: Language, name: str) -> EventFinder:
    return EventFinder()


class TimesTagger:
    """Temporal expressions (filled by the events issue)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.times = []
        return doc


class QuoteFinder:
    """Direct quotations and their speakers (filled by the events issue)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = []
        return doc


class EventFinder:
    """PLOVER events with attribution and modality (filled by the events issue)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = []
        return doc
