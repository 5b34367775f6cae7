"""Who speaks a quotation: from the subject of a verb of saying to a speaker entity.

A subject is rarely the plain name: it is a pronoun ("a-t-il ajouté"), a title
standing for a person the article named before ("a déclaré le chef de
l'État"), a title with the name in apposition ("la porte-parole du ministère,
Hélène Garnier"), an unnamed spokesperson who speaks for an organisation ("un
porte-parole de l'entreprise"), an institution ("le gouvernement canadien"),
or someone relaying another's words ("a rapporté les propos du président").
:class:`Speakers` resolves these against the entity mentions outside the
quotations (a name inside a quotation is spoken of, not speaking), the people's
known roles, and the speakers of the quotations before.  Titles and names are read by
:mod:`selon.sources.speaker_titles`, on top of what :mod:`selon.sources.speaker_memory` keeps.
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.parse.words import PLURAL_PRONOUNS, RELATIVE, SINGULAR_PRONOUNS
from selon.sources.lexicon import source_lexicon
from selon.sources.quote_grammar import incise_shaped
from selon.sources.speaker_cues import (
    ACTORS,
    CHAIN_SENTENCES,
    CLITIC_T,
    DEFINITE_OR_POSSESSIVE,
    INVERTED_DEPS,
    PRONOUN_SENTENCES,
    SUBJECT_DEPS,
    gender_of,
)
from selon.sources.speaker_memory import first_person
from selon.sources.speaker_titles import TitleSpeakers

__all__ = ["CLITIC_T", "INVERTED_DEPS", "SUBJECT_DEPS", "Speakers", "first_person", "gender_of"]


class Speakers(TitleSpeakers):
    """Speaker resolution for one document: a subject noun phrase or pronoun to a speaker entity."""

    def np_speaker(self, head: Token, before: int, speaking: bool = False) -> str | None:
        """The entity a subject noun phrase stands for, as a speaker (``speaking``: the subject of a verb
        of saying, so a person or a body even when the noun is no title: "ajoute l'infirmière")."""
        ctx = self.ctx
        k = ctx.keys[head.i]
        if head.pos_ == "PRON":
            if k[1] in SINGULAR_PRONOUNS or k[1] in PLURAL_PRONOUNS or k[1] in ("lui", "eux"):
                return self.pronoun_speaker(head, min(before, head.i))  # "Il a ajouté que Tokyo « … »"
            if k[1] in RELATIVE:
                ents = [e for e in ctx.resolve_pronoun(head) if ctx.etype(e) in ACTORS]
                return first_person(ctx, ents)
            return None
        if k[1] in ("dernier", "dernière") and any(ctx.keys[c.i][1] in ("ce", "cette") for c in head.children):
            people = self.recent_people(head.i)  # "a assuré ce dernier": the person named last
            return people[0] if people else None
        e = ctx.entity_of(head)
        named = self.named_person(head)
        if named and (e is None or ctx.etype(e) != "PERSON" or self._titled(head)):
            return named  # "Maître Éric Dupond", "le ministre, Laurent Mauduit": the name, not the title
        if e is not None and ctx.etype(e) == "PERSON":
            return e
        if named:
            return named
        if e is not None and ctx.etype(e) in ACTORS:
            return e
        singular = "Plur" not in head.morph.get("Number", [])
        det = next((ctx.keys[c.i][1] for c in head.children if c.dep_ in ("det", "det:poss")), None)
        if singular and self.is_title(head):
            found = self.title_speaker(head, before, det)
            if found:
                return found
        if det in DEFINITE_OR_POSSESSIVE and (k[0] in self.cues.org_nouns or k[1] in self.cues.org_nouns):
            org = self.recent_org(head.i)
            if org:
                return org
        ents = [x for x in ctx.np_entities(head) if ctx.etype(x) in ACTORS]
        if ents:
            return first_person(ctx, ents)
        if singular and speaking and self._descriptor(head, det):
            return self.title_speaker(head, before, det)
        return None

    def _titled(self, head: Token) -> bool:
        """A head word that is a title before a name ("Maître", "Docteur", "ministre")."""
        m = self.ctx.mention_at(head)
        return self.is_title(head) or head.pos_ == "NOUN" or (m is not None and len(m) == 1)

    def _descriptor(self, head: Token, det: str | None) -> bool:
        """A definite common noun that, as the subject of a verb of saying, describes a person ("l'élue",
        "l'infirmière"), not a document, a body or a group."""
        k = self.ctx.keys[head.i]
        lex = self.ctx.lex
        src = source_lexicon()
        if head.pos_ != "NOUN" or det not in DEFINITE_OR_POSSESSIVE:
            return False
        excluded = (src.anaphoric_sources, src.anonymous_sources, lex.group_nouns, self.cues.org_nouns,
                    self.cues.body_nouns)
        return not any(k[0] in ws or k[1] in ws for ws in excluded)

    # --- pronouns ------------------------------------------------------------------------------------------
    def pronoun_speaker(self, pron: Token, before: int) -> str | None:
        """ "il"/"elle" (or "selon lui"): the most recent fitting subject or speaker outside quotations."""
        ctx = self.ctx
        k = ctx.keys[pron.i][1]
        plural = k in PLURAL_PRONOUNS or k == "eux"
        gender = "Fem" if k in ("elle", "elles", "celle-ci", "celles-ci") else (
            "Masc" if k in ("il", "ils", "lui", "eux", "celui-ci", "ceux-ci") else None)
        cands: list[tuple[int, list[str], str | None, bool]] = []
        subjects = ctx.subjects()
        upto = self.subject_index(before)
        for s in reversed(subjects[:upto]):
            if self.distance(before, s.i) > PRONOUN_SENTENCES:
                break
            if self.in_quote[s.i] or s.i == pron.i:
                continue
            cands.append((s.i, s.entities, self._subject_gender(ctx.doc[s.i]), s.plural))
        for said in reversed(self.said):
            if said.i >= before:
                continue
            if self.distance(before, said.i) > CHAIN_SENTENCES:
                break
            cands.append((said.i, [said.entity], said.gender, False))
        if not plural:  # "…, a annoncé la ministre, Sarah Dewilde": an inverted subject, no parsed subject
            for i, p in reversed(self.person_mentions()[:self.person_index(before)]):
                if self.distance(before, i) > PRONOUN_SENTENCES:
                    break
                if self.inverted_subject(i):
                    cands.append((i, [p], None, False))
        cands.sort(key=lambda c: -c[0])
        for _i, ents, g, pl in cands:
            if pl != plural:
                continue
            if g is None and len(ents) == 1 and ctx.etype(ents[0]) == "PERSON":
                g = self.person_gender(ents[0])
            if gender and g and g != gender and not plural:
                continue
            actors = [e for e in ents if ctx.etype(e) in ACTORS]
            if actors:
                return first_person(ctx, actors)
        if not plural:  # a person named outside quotations, not as a subject
            for p in self.recent_people(before):
                if self.mentioned_within(p, before, PRONOUN_SENTENCES):
                    return p
                break
        return None

    def inverted_subject(self, i: int) -> bool:
        """Whether the person mention at token i is the subject of an incise verb of saying after it
        (", a annoncé X", ", a déclaré la ministre, X"), however the parser hung it (often as an object)."""
        ctx = self.ctx
        m = ctx.mention_at(ctx.doc[i])
        if m is None:
            return False
        t = m.root
        while t.dep_ in ("appos", "flat:name", "flat") and t.head.i != t.i:
            t = t.head
        verb = t.head
        k = ctx.keys[verb.i][0]
        saying = k in ctx.lex.speech_verbs or k in ctx.lex.report_verbs or k in self.cues.verbs
        return saying and verb.pos_ == "VERB" and t.i > verb.i and (t.dep_ in SUBJECT_DEPS or (
            t.dep_ in INVERTED_DEPS and ctx.case_of(t) is None)) and incise_shaped(ctx, verb) and not any(
            c.dep_ in SUBJECT_DEPS and c.i < verb.i for c in verb.children)

    def _subject_gender(self, tok: Token) -> str | None:
        g = gender_of(tok)
        if g is None and tok.pos_ == "PROPN":
            return None
        return g
