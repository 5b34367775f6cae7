"""Direct quotations and their speakers: the ``selon_quotes`` component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("selon_quotes")
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()


class QuoteFinder:
    """Sets ``doc._.quotes`` (list of record.Quote)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = []
        return doc
