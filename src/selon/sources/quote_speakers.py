"""Who speaks a quotation: the attribution rules, from the verb of saying or a source phrase to an entity.

In order: the incise right after the closing mark ("», a déclaré le ministre"),
the verb of saying the quotation depends on in its sentence, an incise closing
the sentence, a source phrase ("Selon X,", "Pour X,"), a verb of saying or a name
before a colon; for a quotation with none of these, the speaker quoted just
before.  Subjects become entities through :class:`selon.sources.speakers.Speakers`.
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.parse.context import DocContext
from selon.parse.subjects import subject_entities
from selon.parse.words import PLURAL_PRONOUNS, SINGULAR_PRONOUNS
from selon.sources.quote_grammar import (
    SaidBy,
    agrees,
    comma_before,
    incise_shaped,
    narrative_infinitive,
    opens_sentence,
    pronoun_gender,
    starts_sentence,
)
from selon.sources.quote_verbs import SayingVerbs
from selon.sources.speakers import CLITIC_T, INVERTED_DEPS, SUBJECT_DEPS, Speakers, first_person, gender_of

SELON_GAP = 25  # tokens between "selon X" and the opening mark in its sentence


class QuoteSpeakers(SayingVerbs):
    """The speaker rules of the quotes component (a base of :class:`selon.sources.quotes.QuoteFinder`)."""

    def _attribute(self, ctx: DocContext, sp: Speakers, open_tok: Token, close_tok: Token | None,
                   colon: bool) -> SaidBy:
        """Who the text says speaks a quotation, and how it says so (``how`` None: it does not)."""
        before = open_tok.i
        if close_tok is not None and not colon:
            verb = self._incise_verb(ctx, close_tok)
            if verb is not None:
                return self._by_verb(sp, verb, after=True, before=before, how="incise")
        selon = self._selon_after(ctx, sp, close_tok) if close_tok is not None and not colon else None
        if not colon:
            verbs = self._governing_verbs(ctx, sp, open_tok, close_tok)
            first: SaidBy | None = None
            for verb in verbs:
                att = self._by_verb(sp, verb, after=verb.i > open_tok.i, before=before, how="local")
                if att.speaker is not None:
                    return att  # "X a affirmé que … « … », selon l'agence Y": X speaks, Y relays
                first = first or att
            if selon is not None:
                return SaidBy(selon, "local")  # "« … », selon X"
            if close_tok is not None:
                verb = self._trailing_incise(ctx, close_tok)
                if verb is not None:
                    return self._by_verb(sp, verb, after=True, before=before, how="local")
            if first is not None:
                return first
        found, selon = self._selon_before(ctx, sp, open_tok)
        if found:
            return SaidBy(selon, "local")
        verb = self._verb_before(ctx, open_tok)
        if verb is not None:
            return self._by_verb(sp, verb, after=False, before=before, how="local")
        named = self._name_colon(ctx, open_tok)
        if named:
            return SaidBy(named, "local")
        prev = self._previous_colon_verb(ctx, open_tok)
        if prev is not None:
            return self._by_verb(sp, prev, after=False, before=before, how="before")
        return SaidBy(None, None)

    def _by_verb(self, sp: Speakers, verb: Token, after: bool, before: int, how: str) -> SaidBy:
        subj = self._subject_token(sp, verb, after)
        gender = None
        if subj is not None:
            gender = pronoun_gender(sp.ctx, subj) or gender_of(subj)
        if any(c.dep_.startswith("aux") and c.lemma_ == "être" for c in verb.children):
            gender = gender or gender_of(verb)  # "s'est félicitée": the participle agrees with its subject
        return SaidBy(self._verb_speaker(sp, verb, subj, before), how, gender)

    def _selon_after(self, ctx: DocContext, sp: Speakers, close_tok: Token) -> str | None:
        doc = ctx.doc
        i = close_tok.i + 1
        while i < len(doc) and doc[i].pos_ in ("PUNCT", "SPACE") and doc[i].text not in (".", "«") \
                and "\n" not in doc[i].text:
            i += 1
        if i < len(doc) and ctx.keys[i][1] in ("selon", "d'après"):
            return self._source_np(ctx, sp, i + 1, min(len(doc), i + 8), close_tok.i)
        return None

    def _source_np(self, ctx: DocContext, sp: Speakers, start: int, stop: int, before: int) -> str | None:
        """The speaker a source phrase names ("selon Mathieu Delorme", "selon lui", "selon le ministre")."""
        doc = ctx.doc
        for k in range(start, stop):
            t = doc[k]
            if t.text in (",", "«", ".", ":", ";"):
                break
            e = ctx.entity_of(t)
            if e and ctx.etype(e) in ("PERSON", "ORG", "GPE"):
                return sp.np_speaker(t, before) if ctx.etype(e) != "PERSON" else e
            if t.pos_ in ("PRON", "NOUN", "PROPN"):
                found = sp.np_speaker(t, before)
                if found is None and ctx.keys[t.i][0] in self.cues.document_nouns:
                    return self._source_np(ctx, sp, k + 1, stop, before)  # "selon un communiqué de l'Élysée"
                return found
        return None

    def _selon_before(self, ctx: DocContext, sp: Speakers, open_tok: Token) -> tuple[bool, str | None]:
        """ "Selon Vladimir Poutine, « … »", "Selon lui, l'agression « … »" (the source phrase earlier in
        the sentence)."""
        doc = ctx.doc
        sent_start = ctx.sentence(open_tok).start
        j = open_tok.i - 1
        while j >= sent_start and j > open_tok.i - SELON_GAP:
            if doc[j].text in ("»", "”"):
                return False, None
            if ctx.keys[j][1] in ("selon", "d'après") or (ctx.keys[j][1] == "après" and j > 0
                                                          and ctx.keys[j - 1][1] == "de") or (
                    ctx.keys[j][1] == "pour" and starts_sentence(ctx, j) and comma_before(ctx, j, open_tok.i)):
                return True, self._source_np(ctx, sp, j + 1, open_tok.i, open_tok.i)  # "Pour X, « … »" too
            j -= 1
        return False, None

    def _name_colon(self, ctx: DocContext, open_tok: Token) -> str | None:
        """ "Ismaïl Haniyeh : « … »"."""
        doc = ctx.doc
        i = open_tok.i - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i < 1 or doc[i].text != ":":
            return None
        e = ctx.entity_of(doc[i - 1])
        return e if e and ctx.etype(e) in ("PERSON", "ORG", "GPE") else None

    def _continuing(self, ctx: DocContext, sp: Speakers, open_tok: Token) -> str | None:
        """A quotation with no attribution of its own: the speaker quoted just before, or the person the
        sentence before it is about ("Il reste optimiste. « … »")."""
        before = open_tok.i
        doc = ctx.doc
        last = sp.last_said(before)
        subj: tuple[int, str] | None = None
        first = doc[open_tok.i + 1] if open_tok.i + 1 < len(doc) else open_tok  # the mark may end the sentence before
        n = ctx.sent_of[first.i] - 1 if opens_sentence(ctx, open_tok) else ctx.sent_of[open_tok.i]
        while n >= 0 and all(sp.in_quote[t.i] or t.is_punct or t.is_space for t in ctx.sents[n]):
            n -= 1  # sentences inside quotations are not the narrative
        if n >= 0 and sp.distance(before, ctx.sents[n].start) <= 1:
            root = ctx.sents[n].root
            for c in root.children:
                if c.dep_ in SUBJECT_DEPS and not sp.in_quote[c.i]:
                    e = sp.np_speaker(c, c.i)
                    if e is not None and ctx.etype(e) == "PERSON":
                        subj = (c.i, e)
                        break
        if subj is not None and (last is None or subj[0] > last.i):
            return subj[1]
        return last.entity if last is not None else None

    def _subject_token(self, sp: Speakers, verb: Token, after: bool) -> Token | None:
        ctx = sp.ctx
        kids = [*verb.children]
        kids += [g for c in verb.children if c.dep_.startswith("aux") for g in c.children]  # hung on "a"
        subs = sorted((c for c in kids if c.dep_ in SUBJECT_DEPS and ctx.keys[c.i][1] not in CLITIC_T
                       and not sp.in_quote[c.i]), key=lambda c: c.i)
        clitic = next((t for t in ctx.doc[max(0, verb.i - 3):verb.i + 3] if t.pos_ == "PRON"
                       and ctx.keys[t.i][1] in SINGULAR_PRONOUNS | PLURAL_PRONOUNS
                       and ctx.sent_of[t.i] == ctx.sent_of[verb.i] and (t.i < verb.i or t.text[:1] == "-")), None)
        if clitic is not None and (clitic.text[:1] == "-" or not subs):
            return clitic  # "a-t-il ajouté", "a-t-elle affirmé", "explique-t-il"
        after_verb = [c for c in verb.children if c.i > verb.i and c.dep_ in INVERTED_DEPS
                      and ctx.case_of(c) is None and not sp.in_quote[c.i] and (
                          c.pos_ in ("NOUN", "PROPN", "PRON") or ctx.keys[c.i][1] in ("dernier", "dernière"))
                      ] if after else []
        # "», a lancé mardi la députée X": a bare time noun before the subject names no one
        inverted = next((c for c in after_verb if sp.np_speaker(c, verb.i, speaking=True) is not None),
                        after_verb[0] if after_verb else None)
        if inverted is not None and (not subs or incise_shaped(ctx, verb)):
            return inverted  # "», a déclaré le chef de l'État"; ", a annoncé le porte-parole" closing a sentence
        if len(subs) > 1:  # two subjects (a parse error): the one that names a person
            for c in subs:
                e = sp.np_speaker(c, verb.i)
                if e is not None and ctx.etype(e) == "PERSON":
                    return c
        return subs[-1] if subs else None

    def _verb_speaker(self, sp: Speakers, verb: Token, subj: Token | None, before: int, depth: int = 0) -> str | None:
        ctx = sp.ctx
        relayed = self._relayed(sp, verb)
        if relayed:
            return relayed
        if subj is not None:
            if any(c.dep_ == "aux:pass" and c.pos_ != "PRON" for c in verb.children):  # not "a-t-il averti"
                agent = next((c for c in verb.children if ctx.case_of(c) == "par"), None)
                return sp.np_speaker(agent, before) if agent is not None else None
            return sp.np_speaker(subj, before, speaking=True)
        if "Inf" in verb.morph.get("VerbForm", []) and narrative_infinitive(ctx, verb):
            return sp.current(before)  # "Et d'ajouter : « … »": the one speaking goes on
        inverted = next((c for c in verb.children if c.i > verb.i and c.dep_ in INVERTED_DEPS and not sp.in_quote[c.i]
                         and ctx.case_of(c) is None and c.pos_ in ("NOUN", "PROPN")), None)
        if inverted is not None and (incise_shaped(ctx, verb) or any(
                c.dep_ == "mark" and ctx.keys[c.i][1] in ("comme", "ainsi", "tel", "telle") for c in verb.children)):
            # "Comme l'a rappelé le ministre, X, « … »": the subject after the verb
            found = sp.np_speaker(inverted, before, speaking=True)
            if found:
                return found
        if incise_shaped(ctx, verb) and verb.i + 1 < len(ctx.doc):
            named = sp.name_at(verb.i + 1) or self._person_after(sp, verb)
            if named:
                return named  # "», s'est félicitée Maëlle Dorsan" with the name missed as a mention
        # no subject: a coordinated verb or a participle shares its clause's ("X a salué … et a déclaré",
        # "X a interdit la fête, invoquant « … »"); a clause whose subject names no one is passed over
        h = verb.head
        hops = 0
        while h.i != h.head.i or h.i != verb.i:
            if hops > 6 or ctx.sent_of[h.i] != ctx.sent_of[verb.i] or h.i == verb.i:
                break
            hops += 1
            if h.pos_ in ("VERB", "AUX"):
                s = self._subject_token(sp, h, False)
                if s is not None and agrees(verb, h, s):
                    found = self._verb_speaker(sp, h, s, before, depth + 1) if depth < 3 else None
                    if found:
                        return found
                elif s is None:
                    shared = [e for e in subject_entities(ctx, h) if ctx.etype(e) in ("PERSON", "ORG", "GPE")]
                    if shared:
                        return first_person(ctx, shared)
            if h.head.i == h.i:
                break
            h = h.head
        shared = [e for e in subject_entities(ctx, verb) if ctx.etype(e) in ("PERSON", "ORG", "GPE")]
        if shared:
            return shared[0]
        return self._name_before(sp, verb)

    def _name_before(self, sp: Speakers, verb: Token) -> str | None:
        """ "…, le maire de Bordeaux, Pierre Hurmic, estime que": the name closing the phrase right before a
        verb the parser left without a subject."""
        ctx = sp.ctx
        doc = ctx.doc
        i = min([verb.i] + [c.i for c in verb.children if c.i < verb.i and (
            c.dep_.startswith("aux") or c.pos_ in ("ADV", "PRON"))]) - 1
        while i >= 0 and (doc[i].is_space or doc[i].text == ","):
            i -= 1
        if i < 0 or sp.in_quote[i] or ctx.sent_of[i] != ctx.sent_of[verb.i]:
            return None
        m = ctx.mention_at(doc[i])
        if m is None or m.end - 1 != i or ctx.etype(m._.entity_id) not in ("PERSON", "ORG", "GPE"):
            return None
        return m._.entity_id if ctx.case_of(m.root) is None else None

    def _person_after(self, sp: Speakers, verb: Token) -> str | None:
        """ "», a déclaré à l'AFP Sylvie Marchand": the inverted subject after a complement of the verb."""
        ctx = sp.ctx
        doc = ctx.doc
        end = min(ctx.sentence(verb).end, verb.i + 12)
        for i in range(verb.i + 1, end):
            t = doc[i]
            if t.text in ("«", "“", ".", ";", ":") or (t.pos_ in ("VERB", "AUX") and i > verb.i + 1):
                return None
            m = ctx.mention_at(t)
            if m is None or m.start != i or ctx.etype(m._.entity_id) != "PERSON":
                continue
            if ctx.case_of(m.root) is None and not (i > 0 and doc[i - 1].pos_ == "ADP"):
                return m._.entity_id
        return None

    def _relayed(self, sp: Speakers, verb: Token) -> str | None:
        """ "X a rapporté les propos du président Y : « … »": Y speaks, X relays."""
        ctx = sp.ctx
        if ctx.lemma(verb) not in self.cues.relay_verbs:
            return None
        for c in verb.children:
            if c.dep_ != "obj" or ctx.lemma(c) not in self.cues.speech_nouns:
                continue
            for g in c.children:
                if g.dep_ in ("nmod", "obl:arg") and ctx.case_of(g) in ("de", "de le", "des"):
                    found = sp.np_speaker(g, verb.i)
                    if found:
                        return found
        return None
