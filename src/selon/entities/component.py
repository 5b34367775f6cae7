"""The ``selon_entities`` component: spaCy NER mentions grouped into per-document entities.

This first version groups mentions by their normalised text; the actors work
(KB ruler, alias and transliteration folding, roles) deepens it behind the
same outputs: ``doc._.entities`` and ``doc.spans["selon_mentions"]``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from selon.clean import norm
from selon.nlp import MENTIONS
from selon.record import Entity, Mention

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}


@Language.factory("selon_entities", default_config={"extra_kb": None})
def make_entities(nlp: Language, name: str, extra_kb: str | None) -> EntityGrouper:
    return EntityGrouper()


class EntityGrouper:
    def __call__(self, doc: Doc) -> Doc:
        by_key: dict[str, Entity] = {}
        spans: list[Span] = []
        for ent in doc.ents:
            etype = LABELS.get(ent.label_)
            key = norm(ent.text)
            if etype is None or not key:
                continue
            entity = by_key.get(key)
            if entity is None:
                entity = Entity(id=f"e{len(by_key) + 1}", name=ent.text, type=etype)
                by_key[key] = entity
            entity.mentions.append(Mention(ent.start_char, ent.end_char, ent.text))
            span = Span(doc, ent.start, ent.end, label=etype)
            span._.entity_id = entity.id
            spans.append(span)
        for entity in by_key.values():
            entity.aliases = sorted({m.text for m in entity.mentions} - {entity.name})
        doc._.entities = list(by_key.values())
        doc.spans[MENTIONS] = spans
        return doc
