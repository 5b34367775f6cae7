"""Where the verb of saying of a quotation is: an incise after it, the verb it depends on, a colon before.

Finds the word; :mod:`selon.sources.quote_speakers` turns its subject into a speaker.
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.parse.context import DocContext
from selon.parse.lexicon import WordLexicon, word_lexicon
from selon.sources.quote_grammar import (
    infinitives,
    inverted_clitic,
    passive_participle,
)
from selon.sources.speaker_cues import Cues, cues
from selon.sources.speakers import CLITIC_T, Speakers

INCISE_GAP = 6  # tokens between a closing mark and its verb of saying
BEFORE_GAP = 14  # tokens between a verb of saying and the opening mark it introduces


class SayingVerbs:
    """The verb-finding rules of the quotes component (a base of :class:`selon.sources.quotes.QuoteFinder`)."""

    def __init__(self) -> None:
        self.lex: WordLexicon = word_lexicon()
        self.cues: Cues = cues()

    def _is_speech(self, ctx: DocContext, tok: Token) -> bool:
        if tok.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
            return False
        k = ctx.keys[tok.i]
        if k[0] in self.lex.speech_verbs or k[0] in self.lex.report_verbs or k[0] in self.cues.verbs:
            return True
        # a present tense the lemmatizer left as is ("estime", "dit"): its infinitive from its form
        return tok.pos_ == "VERB" and k[0] == k[1] and any(
            g in self.lex.speech_verbs or g in self.cues.verbs for g in infinitives(k[1]))

    def _incise_verb(self, ctx: DocContext, close_tok: Token) -> Token | None:
        """ "», a déclaré X", "», a-t-il ajouté", "» affirme X", "», s'est félicitée X"."""
        return self._incise_from(ctx, close_tok.i + 1)

    def _incise_from(self, ctx: DocContext, i: int) -> Token | None:
        doc = ctx.doc
        end = min(len(doc), i + INCISE_GAP)
        while i < end:
            t = doc[i]
            if t.text in (".", "!", "?", "«", "“", ":", ";") or "\n" in t.text:
                return None
            if self._is_speech(ctx, t) and t.pos_ != "NOUN":
                nxt = doc[i + 1] if i + 1 < len(doc) else None
                if ctx.keys[i][0] in ("faire", "laisser") and nxt is not None and nxt.pos_ == "VERB" and \
                        "Inf" in nxt.morph.get("VerbForm", []):
                    return nxt  # "a fait savoir le Hamas": the infinitive carries the inverted subject
                return t
            if (t.pos_ in ("NOUN", "ADJ", "PROPN", "VERB") or inverted_clitic(ctx, t)) and i > 0 and (
                    ctx.doc[i - 1].text in (",", "»", "”") or inverted_clitic(ctx, t)) and self._verb_form(ctx, t):
                return t  # "», analyse le propriétaire", "tranche-t-elle": a present tense the tagger took for a noun
            if t.pos_ in ("PUNCT", "AUX", "ADV", "SPACE", "PRON", "PART") or t.text in ("-t", "-t-"):
                i += 1
                continue
            return None
        return None

    def _verb_form(self, ctx: DocContext, t: Token) -> bool:
        """A word that is a verb of saying in the present ("analyse", "lance"), whatever its tag."""
        form = ctx.keys[t.i][1]
        verbs = (self.lex.speech_verbs, self.cues.verbs)
        return any(form + "r" in v or ctx.keys[t.i][0] in v for v in verbs) if t.pos_ != "PROPN" or \
            inverted_clitic(ctx, t) else False

    def _trailing_incise(self, ctx: DocContext, close_tok: Token) -> Token | None:
        """ "…, accusée de « … » dans la province, a annoncé le porte-parole": the incise closing the
        sentence attributes a quotation inside it."""
        doc = ctx.doc
        sent_end = ctx.sentence(close_tok).end
        for i in range(close_tok.i + 1, min(sent_end, close_tok.i + 40)):
            t = doc[i]
            if t.text in ("«", "“", ":", ";"):
                return None
            if t.text != ",":
                continue
            verb = self._incise_from(ctx, i + 1)
            if verb is None:
                continue
            if any(c.dep_ in ("nsubj", "nsubj:pass") and c.i < verb.i and ctx.keys[c.i][1] not in CLITIC_T
                   and not (c.pos_ == "PRON" and c.i > i) for c in verb.children):
                continue  # ", et X a annoncé": a clause of its own, not an incise
            if any(c.i > verb.i and c.pos_ in ("NOUN", "PROPN", "PRON") for c in verb.children) or \
                    any(c.pos_ == "PRON" and i < c.i < verb.i for c in verb.children):
                return verb
        return None

    def _governing_verbs(self, ctx: DocContext, sp: Speakers, open_tok: Token,
                         close_tok: Token | None) -> list[Token]:
        """The verbs of saying a quotation depends on in the parse, outside it and in its sentence, nearest
        first (verbs of saying before other reporting verbs): "X a qualifié l'attaque d'« acte barbare »",
        "X a estimé que …, « … »", "affirmant que « … »"."""
        doc = ctx.doc
        first = open_tok.i + 1
        last = close_tok.i if close_tok is not None else ctx.sentence(open_tok).end
        inside = range(first, max(first, last))
        sent = ctx.sent_of[open_tok.i]
        anchors = [t for t in (doc[i] for i in inside) if t.head.i not in inside and not t.is_punct]
        speech: list[Token] = []
        report: list[Token] = []
        for a in anchors[:6]:
            h = a.head
            for _ in range(8):
                if ctx.sent_of[h.i] != sent or h.i in inside:
                    break
                if self._is_speech(ctx, h) and h.pos_ in ("VERB", "AUX") and not passive_participle(h) \
                        and not sp.in_quote[h.i] and h not in speech and h not in report:
                    k = ctx.keys[h.i][0]
                    (speech if k in self.lex.speech_verbs or k in self.cues.verbs else report).append(h)
                if h.head.i == h.i:
                    break
                h = h.head
        return speech + report

    def _verb_before(self, ctx: DocContext, open_tok: Token) -> Token | None:
        """ "X a déclaré : « …", "X a estimé que « …", "X a qualifié l'attaque de « … »"."""
        doc = ctx.doc
        sent = ctx.sentence(open_tok)
        i = open_tok.i - 1
        steps = 0
        while i >= sent.start and steps < BEFORE_GAP:
            t = doc[i]
            if t.text in ("»", "”") or (t.text == "." and i < open_tok.i - 1):
                return None
            if self._is_speech(ctx, t) and t.pos_ != "NOUN" and not passive_participle(t):
                return t
            i -= 1
            steps += 1
        return None

    def _previous_colon_verb(self, ctx: DocContext, open_tok: Token) -> Token | None:
        """ "Il a déclaré :" closing the previous paragraph, the quotation opening the next; or
        "Hervé Mangin, le patron du camping, confirme. « … »"."""
        doc = ctx.doc
        i = open_tok.i - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i >= 1 and doc[i].text == "." and ctx.sent_of[i] != ctx.sent_of[open_tok.i] or \
                i >= 1 and doc[i].text == "." and doc[i - 1].pos_ == "VERB":
            j = i - 1
            while j >= 0 and doc[j].pos_ in ("ADV", "PRON") and j > i - 3:
                j -= 1
            return doc[j] if j >= 0 and self._is_speech(ctx, doc[j]) and doc[j].pos_ == "VERB" else None
        if i < 0 or doc[i].text != ":" or ctx.sent_of[i] == ctx.sent_of[open_tok.i]:
            return None
        j = i - 1
        while j >= 0 and j > i - BEFORE_GAP and not doc[j].is_sent_start:
            if self._is_speech(ctx, doc[j]):
                return doc[j]
            j -= 1
        return doc[j] if j >= 0 and self._is_speech(ctx, doc[j]) else None
