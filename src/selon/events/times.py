"""Temporal expressions (TimeML DATE/TIME/DURATION/SET) with ISO values: the ``selon_times`` component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("selon_times")
def make_times(nlp: Language, name: str) -> TimesTagger:
    return TimesTagger()


class TimesTagger:
    """Sets ``doc._.times`` (list of record.Time)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.times = []
        return doc
