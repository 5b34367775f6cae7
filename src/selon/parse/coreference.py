"""Who a pronoun, a definite description or a nationality adjective stands for.

"il" and "ils" go back to the last resolved subject that agrees, or to the
speaker of the clause they open ("X a déclaré qu'il ..."); "le ministre" to the
person named with that role, "la base" to the base named before; "israélienne"
to the document's Israel.  Resolution needs noun phrases resolved to entities,
which :class:`selon.parse.context.DocContext` provides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from selon.clean import norm
from selon.parse.document import DocumentView
from selon.parse.lexicon import WordLexicon
from selon.parse.words import FIRST_PERSON, PLURAL_PRONOUNS, RELATIVE, SINGULAR_PRONOUNS
from selon.record import Quote

LEADER_ROLES = frozenset({"chef", "commandant", "dirigeant", "leader", "patron", "numéro", "président", "guide",
                          "secrétaire", "commandement"})
PRONOUN_WINDOW = 2  # sentences back
IMPERSONAL = frozenset({"falloir", "agir", "sembler", "paraître", "exister", "valoir", "arriver", "rester", "pleuvoir"})
DEMONYM_ENDINGS = ("iennes", "iens", "ienne", "ien", "aises", "aise", "ais", "oises", "oise", "ois", "aines",
                   "aine", "ains", "ain", "ites", "ite", "ins", "ines", "ine", "in", "es", "e", "s")
COUNTRY_ENDINGS = ("ie", "e")


def _stem(word: str, endings: tuple[str, ...]) -> str:
    for end in endings:
        if word.endswith(end) and len(word) - len(end) >= 3:
            return word[: -len(end)]
    return word


@dataclass
class Subject:
    """A clause subject already resolved to entities (for pronouns further on)."""

    i: int
    sent: int
    entities: list[str]
    plural: bool


class Coreference(DocumentView):
    """Pronouns, definite descriptions, demonyms and possessives of one document."""

    def __init__(self, doc: Doc, lex: WordLexicon) -> None:
        super().__init__(doc, lex)
        self._subjects: list[Subject] | None = None
        self._states: dict[str, str] | None = None

    # --- provided by the noun-phrase layer (selon.parse.context) ---------------------------------------
    def np_entities(self, tok: Token, role: str = "actor", depth: int = 0) -> list[str]:
        raise NotImplementedError

    def first_mention_in(self, h: Token, clauses: bool = True) -> str | None:
        raise NotImplementedError

    def set_quotes(self, quotes: Iterable[Quote]) -> None:
        self.quotes = [(q.start, q.end, q.speaker) for q in quotes]
        self._subjects = None  # first-person subjects inside quotations resolve to their speakers

    # --- nationality adjectives, roles, definite descriptions --------------------------------------------
    def demonym_child(self, h: Token) -> str | None:
        """The state a nationality adjective on a noun names; also one the parser hung a level lower,
        on an adjective ("un drone armé turc") or on a bare complement ("un avion de combat américain")."""
        near: list[Token] = []
        for c in h.children:
            if c.dep_ == "amod" or (c.dep_ == "acl" and c.pos_ == "ADJ"):  # "le gouvernement brescan" (acl)
                state = self.demonym(c)
                if state:
                    return state
                near.extend(g for g in c.children if g.dep_ in ("amod", "xcomp", "conj") and g.i > c.i)
            elif c.dep_ == "nmod" and self.case_of(c) == "de" and c.i == h.i + 2 and \
                    not any(g.dep_ == "det" for g in c.children):
                near.extend(g for g in c.children if g.dep_ == "amod" and g.i > c.i)
        for t in near:
            state = self.demonym(t)
            if state:
                return state
        return None

    def _before_set_phrase(self, rel: Token) -> list[str]:
        """ "la junte au pouvoir, qui avait exigé ...": the relative after a short phrase ("au pouvoir",
        "en exil") the parser took for its antecedent is about the named noun just before that phrase."""
        doc = self.doc
        if rel.i < 4 or doc[rel.i - 1].text != ",":
            return []
        j = rel.i - 2
        for _ in range(3):  # back over the phrase: "au pouvoir", "en exil", "sur place"
            if j < 1 or doc[j].pos_ not in ("NOUN", "ADP", "DET", "ADV"):
                return []
            e = self.entity_of(doc[j - 1])
            if e is not None and doc[j].pos_ == "ADP":
                return [e] if self.etype(e) in ("PERSON", "ORG", "GPE") else []
            j -= 1
        return []

    def demonym(self, adj: Token) -> str | None:
        """The state a nationality adjective names, among the document's states ("israélienne" -> Israël).

        French demonyms mostly add a suffix to the country's stem (iran-ien, russ-e/russ-ie,
        liban-ais, syr-ien/syr-ie); a few irregular ones are listed in the data."""
        if adj.pos_ != "ADJ":
            return None
        word = norm(adj.text)
        if not word or " " in word:
            return None
        if self._states is None:
            self._states = {}
            for e in self.entities.values():
                if e.type != "GPE":
                    continue
                for n in self.names(e.id):
                    if " " not in n and len(n) > 3:
                        self._states.setdefault(_stem(n, COUNTRY_ENDINGS), e.id)
        irregular = self.lex.demonyms.get(word) or self.lex.demonyms.get(_stem(word, DEMONYM_ENDINGS))
        if irregular:
            for e in self.entities.values():
                if e.type == "GPE" and norm(irregular) in self.names(e.id):
                    return e.id
            return None
        stem = _stem(word, DEMONYM_ENDINGS)
        return self._states.get(stem) if len(stem) > 2 else None

    def person_with_role(self, role_word: str, org: str) -> str | None:
        """The one person in the document whose known role is this role of this organisation."""
        org_names = self.names(org)
        if not org_names:
            return None
        words = LEADER_ROLES if role_word in LEADER_ROLES else {role_word}
        found = []
        for e in self.entities.values():
            if e.type != "PERSON" or not e.roles:
                continue
            for r in e.roles:
                nr = f" {norm(r)} "
                if any(f" {w} " in nr for w in words) and any(f" {n} " in nr for n in org_names):
                    found.append(e.id)
                    break
        return found[0] if len(found) == 1 else None

    def definite_antecedent(self, h: Token) -> list[str]:
        """ "la base" -> the entity named with "la base ..." in a recent sentence."""
        lemma = self.keys[h.i][0]
        role = lemma in self.lex.role_nouns  # "le ministre": only a person named as minister before
        first = max(0, self.sent_of[h.i] - 3)
        start = self.sents[first].start
        for i in range(h.i - 1, start - 1, -1):
            t = self.doc[i]
            if self.keys[i][0] != lemma or t.pos_ not in ("NOUN", "PROPN"):
                continue
            if role:
                named = [self.entity_of(c) for c in t.children if c.dep_ in ("appos", "flat:name", "flat")]
                persons = [e for e in named if e and self.etype(e) == "PERSON"]
                if persons:
                    return persons[:1]
                continue
            if self.entity_of(t):
                return [self.entity_of(t) or ""]
            found = self.first_mention_in(t)
            if found:
                return [found]
        return []

    # --- pronouns ----------------------------------------------------------------------------------------
    def subjects(self) -> list[Subject]:
        """Resolved clause subjects in document order; built incrementally, so a pronoun subject
        resolves through the subjects before it (chains of "il")."""
        if self._subjects is None:
            self._subjects = []
            for t in self.doc:
                if t.dep_ not in ("nsubj", "nsubj:pass"):
                    continue
                ents = self.np_entities(t)
                if ents:
                    plural = len(ents) > 1 or "Plur" in t.morph.get("Number", [])
                    self._subjects.append(Subject(t.i, self.sent_of[t.i], ents, plural))
        return self._subjects

    def resolve_pronoun(self, tok: Token) -> list[str]:
        k = self.keys[tok.i][1]
        if k in RELATIVE and tok.head.dep_ == "acl:relcl" and tok.head.head.i != tok.i:
            ante = tok.head.head
            if any(c.dep_ == "cop" for c in ante.children):
                subj = next((c for c in ante.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
                if subj is not None:
                    ante = subj  # "Qaani est un général iranien qui a ...": the relative is about Qaani
            found = self.np_entities(ante)
            return found or self._before_set_phrase(tok)
        if k in FIRST_PERSON:
            q = self.in_quote(tok)
            return [q[2]] if q and q[2] else []
        if k in SINGULAR_PRONOUNS:
            plural = False
        elif k in PLURAL_PRONOUNS:
            plural = True
        else:
            return []
        speaker = self._reporting_subject(tok, plural)
        if speaker:
            return speaker  # "X a déclaré qu'il était prêt à ...": X
        return self._antecedent(tok, plural)

    def _reporting_subject(self, tok: Token, plural: bool) -> list[str]:
        """The subject of the speech verb whose "que" clause a subject pronoun opens, when it agrees."""
        if tok.dep_ not in ("nsubj", "nsubj:pass"):
            return []
        v = tok.head
        if v.dep_ != "ccomp" or v.head.i == v.i or self.keys[v.i][0] in IMPERSONAL:
            return []
        if any(c.dep_ in ("csubj", "ccomp", "xcomp") and any(
                m.dep_ == "mark" and self.keys[m.i][1] in ("de", "que", "qu'") for m in c.children)
                for c in v.children) and any(c.dep_ == "cop" for c in v.children):
            return []  # "il est nécessaire de ...", impersonal
        g = v.head
        if not (self.has_key(g, self.lex.report_verbs) or self.has_key(g, self.lex.speech_verbs)):
            return []
        subj = next((c for c in g.children if c.dep_ == "nsubj" and c.i < tok.i), None)
        if subj is None or subj.pos_ == "PRON":
            return []
        ents = self.np_entities(subj)
        if not ents or (len(ents) > 1 or "Plur" in subj.morph.get("Number", [])) != plural:
            return []
        return ents

    def _antecedent(self, tok: Token, plural: bool) -> list[str]:
        here = self.sent_of[tok.i]
        fallback: list[str] = []
        for s in reversed(self.subjects()):
            if s.i >= tok.i:
                continue
            if s.sent < here - PRONOUN_WINDOW:
                break
            if s.plural == plural:
                return s.entities
            if plural and not fallback and len(s.entities) == 1:
                fallback = s.entities
        if not plural:
            start = self.sents[max(0, here - PRONOUN_WINDOW)].start
            for i in range(tok.i - 1, start - 1, -1):
                e = self.entity_of(self.doc[i])
                if e is not None and self.etype(e) == "PERSON":
                    return [e]
        return fallback

    def possessor(self, det: Token, exclude: list[str]) -> list[str]:
        """Whom "son"/"sa"/"ses"/"leur" points back to: the nearest earlier subject that is not the actor."""
        plural = self.keys[det.i][1] in ("leur", "leurs")
        here = self.sent_of[det.i]
        for s in reversed(self.subjects()):
            if s.i >= det.i:
                continue
            if s.sent < here - 1:
                break
            if set(s.entities) <= set(exclude):
                continue
            if s.plural == plural or not plural:
                return [e for e in s.entities if e not in exclude]
        return []
