"""PLOVER events with arguments, attribution and modality: the ``selon_events`` component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("selon_events")
def make_events(nlp: Language, name: str) -> EventFinder:
    return EventFinder()


class EventFinder:
    """Sets ``doc._.events`` (list of record.Event)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = []
        return doc
