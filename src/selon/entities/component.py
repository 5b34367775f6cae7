"""The ``selon_entities`` component: mentions, KB links, per-document entities, roles.

Outputs (stable interface for the components after it):

- ``doc._.entities``: ``list[record.Entity]``, ids "e1", "e2"… in order of first
  mention; ``kb_id`` set when the actor is in the knowledge base;
- ``doc.spans["selon_mentions"]``: one Span per mention (names, acronyms, and
  descriptions resolved to a person such as "chef de la Force Quds"),
  ``label_`` = entity type, ``span._.entity_id``, ``span._.kb_id``, and
  ``span._.description`` (True for a description: the record's ``mentions``
  list names only; a description shows in the entity's ``roles``);
- ``doc.spans["selon_roles"]``: the role phrases found for persons
  ("commandant en chef de la Force Qods du CGRI"), ``span._.entity_id`` = the person.

Steps: KB ruler (``ruler``) and model NER give candidate mentions
(``mentions``), folded into entities (``resolve``), with roles and resolved
descriptions (``roles``).  The KB is loaded once per process (``kb.load_kb``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from selon.entities import normalize as nz
from selon.entities.agents import find_agents, fold_sectors
from selon.entities.kb import KnowledgeBase, load_kb
from selon.entities.lexicon import Lexicon, lexicon
from selon.entities.mentions import Mention, acronyms, collect
from selon.entities.resolve import Cluster, Resolver
from selon.entities.roles import RoleFinder
from selon.entities.ruler import KBRuler, word_stream
from selon.parse.extensions import MENTIONS
from selon.record import Entity
from selon.record import Mention as RecordMention

ROLES = "selon_roles"

for _ext in ("kb_id", "description"):
    if not Span.has_extension(_ext):
        Span.set_extension(_ext, default=None)


@Language.factory("selon_entities", default_config={"extra_kb": None})
def make_entities(nlp: Language, name: str, extra_kb: str | None) -> EntityLinker:
    return EntityLinker(load_kb(extra_kb), lexicon())


class EntityLinker:
    def __init__(self, kb: KnowledgeBase, lex: Lexicon) -> None:
        self.kb = kb
        self.lex = lex
        self.ruler = KBRuler(kb, lex)
        self.resolver = Resolver(kb, lex)
        self.role_finder = RoleFinder(kb, lex)

    def __call__(self, doc: Doc) -> Doc:
        words = word_stream(doc)
        mentions = collect(doc, self.ruler(doc, words), self.kb, self.lex, words)
        mentions.extend(acronyms(doc, mentions))
        agents = find_agents(doc, mentions, self.kb, self.lex)
        mentions.extend(a.mention for a in agents)
        mentions.sort(key=lambda m: m.start)
        clusters = fold_sectors(self.resolver(doc, mentions), agents)
        self.role_finder(doc, mentions, clusters, words)
        self._publish(doc, clusters)
        return doc

    def _publish(self, doc: Doc, clusters: list[Cluster]) -> None:
        clusters = sorted(clusters, key=lambda c: (c.first, c.index))
        entities: list[Entity] = []
        spans: list[Span] = []
        role_spans: list[Span] = []
        for n, c in enumerate(clusters, 1):
            mentions = sorted(c.mentions, key=lambda m: m.span_start)
            ent = Entity(id=f"e{n}", name=self._name(doc, c, mentions), type=c.etype, kb_id=c.kb_id)
            for m in mentions:
                span = Span(doc, m.span_start, m.end, label=c.etype)
                span._.entity_id = ent.id
                span._.kb_id = c.kb_id
                span._.description = m.source == "descriptor"
                spans.append(span)
                if m.source != "descriptor":  # the record lists names; descriptions are roles
                    ent.mentions.append(RecordMention(span.start_char, span.end_char, span.text))
            names = [m.text(doc) for m in mentions if m.source != "descriptor"]
            ent.aliases = sorted(set(names) - {ent.name}, key=lambda s: (nz.fold(s), s))
            seen: set[str] = set()
            for r in c.roles:
                key = nz.fold(r.text)
                if key and key not in seen:
                    seen.add(key)
                    ent.roles.append(r.text)
                    if r.start >= 0:
                        rs = Span(doc, r.start, r.end, label="ROLE")
                        rs._.entity_id = ent.id
                        role_spans.append(rs)
            entities.append(ent)
        doc._.entities = entities
        doc.spans[MENTIONS] = spans
        doc.spans[ROLES] = role_spans

    def _name(self, doc: Doc, c: Cluster, mentions: list[Mention]) -> str:
        """The KB's name for a known actor, else the fullest name the article uses."""
        actor = self.kb.get(c.kb_id)
        if actor is not None:
            return actor.name
        names = [m.name_text(doc) for m in mentions if m.source != "descriptor"] or [mentions[0].text(doc)]
        if c.etype == "PERSON":
            return max(names, key=lambda s: (len(nz.words(s)), len(s)))
        full = [s for s in names if not nz.is_acronym(s)] or names
        counts = {s: full.count(s) for s in full}
        return max(full, key=lambda s: (counts[s], len(s)))
