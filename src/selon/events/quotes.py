"""Direct quotations and their speakers: the ``selon_quotes`` component.

Quotations are « … », “ … ” and " … " (a French quotation running over
several paragraphs reopens each with «), and reported speech introduced by a
verb of saying and a colon ("X a déclaré : …").  The speaker is the subject
of the verb of saying in the incise after the quotation ("», a déclaré le
ministre", "», a-t-il ajouté") or before it ("X a déclaré : « … »", "Selon
X, « … »"); "il"/"elle" and speaker-less follow-up quotations go back to the
last named speaker.  A one- or two-word quoted term with no verb of saying
is a scare quote, not a quotation.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import OrderedDict
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from selon.events.context import PLURAL_PRONOUNS, SINGULAR_PRONOUNS, DocContext
from selon.events.lexicon import Lexicon, lexicon
from selon.record import Quote

log = logging.getLogger(__name__)

_SHARED: OrderedDict[int, DocContext] = OrderedDict()
MAX_SHARED = 64  # contexts kept for the next component; bounded, and nothing is stored on the Doc


def share_context(ctx: DocContext) -> None:
    _SHARED[id(ctx.doc)] = ctx
    while len(_SHARED) > MAX_SHARED:
        _SHARED.popitem(last=False)


def shared_context(doc: Doc) -> DocContext | None:
    """The context selon_quotes built for this very doc, if any (taken, not copied)."""
    ctx = _SHARED.pop(id(doc), None)
    return ctx if ctx is not None and ctx.doc is doc else None


PAIRS = {"«": "»", "“": "”", '"': '"', "„": "“"}
_OPENERS = re.compile('[«“"„]')
MAX_QUOTE = 6000  # characters; a longer unclosed stretch is not a quotation
MIN_WORDS = 3  # fewer words and no verb of saying: a scare quote ("la « résistance »")
STRIP = " \t\r\n\u00a0\u202f\u2009"
INCISE_GAP = 6  # tokens between a closing mark and its verb of saying
BEFORE_GAP = 14  # tokens between a verb of saying and the opening mark it introduces
CHAIN_SENTENCES = 4  # a speaker-less quotation continues the last speaker this many sentences on


@Language.factory("selon_quotes")
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()


@dataclass
class _Raw:
    start: int  # content offsets
    end: int
    open_i: int  # offset of the opening mark (or of the colon)
    close_i: int | None  # offset of the closing mark, None when the paragraph ends first
    colon: bool = False  # "X a déclaré : …" without quotation marks


def find_quote_spans(text: str) -> list[_Raw]:
    """Quoted stretches of a text, in order, outermost only.

    Linear: each opening mark is searched once (a one-character class), each closing mark with
    ``str.find`` bounded by the end of the line; a stretch found is skipped as a whole.
    """
    out: list[_Raw] = []
    n = len(text)
    i = 0
    while True:
        m = _OPENERS.search(text, i)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        closer = PAIRS[ch]
        limit = min(n, i + MAX_QUOTE)
        start = i + 1
        close: int | None = None
        end_at: int | None = None
        while True:
            line_end = text.find("\n", start, limit)
            stop = line_end if line_end != -1 else limit
            c = text.find(closer, start, stop)
            if c != -1:
                close = c
                break
            if line_end == -1:
                end_at = limit
                break
            k = line_end
            while k < limit and text[k] in STRIP:
                k += 1
            if ch == "«" and k < limit and text[k] == "«":
                start = k + 1  # a quotation running on over paragraphs reopens each of them
                continue
            end_at = line_end
            break
        if close is not None:
            out.append(_Raw(i + 1, close, i, close))
            i = close + 1
        elif ch == "«" and end_at is not None:
            out.append(_Raw(i + 1, end_at, i, None))  # unclosed: the quotation runs to the paragraph's end
            i = max(end_at, i + 1)
        else:
            i += 1
    return [_strip(r, text) for r in out if text[r.start:r.end].strip(STRIP)]


def _strip(r: _Raw, text: str) -> _Raw:
    s, e = r.start, r.end
    while s < e and text[s] in STRIP:
        s += 1
    while e > s and text[e - 1] in STRIP:
        e -= 1
    r.start, r.end = s, e
    return r


class QuoteFinder:
    """Sets ``doc._.quotes`` (list of record.Quote, ids "q1", "q2", ... in text order)."""

    def __init__(self) -> None:
        self.lex: Lexicon = lexicon()

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.quotes = self.find(doc)
        except Exception:  # a bug here must not lose the rest of the record; it is logged, not hidden
            log.warning("quote extraction failed; the record has no quotes", exc_info=True)
            doc._.quotes = []
        return doc

    def find(self, doc: Doc) -> list[Quote]:
        if not len(doc):
            return []
        ctx = DocContext(doc, self.lex)
        share_context(ctx)  # the events component after us reuses it
        text = ctx.text
        if not text.strip():
            return []
        starts = [t.idx for t in doc]
        raws = find_quote_spans(text)
        raws.extend(self._colon_speech(ctx, raws))
        raws.sort(key=lambda r: r.start)
        quotes: list[Quote] = []
        last: tuple[str, int] | None = None  # (speaker, sentence index of the quotation)
        for r in raws:
            open_tok = doc[_tok_at(starts, r.open_i)]
            close_tok = doc[_tok_at(starts, r.close_i)] if r.close_i is not None else None
            content = text[r.start:r.end]
            speaker, found_verb = self._speaker(ctx, open_tok, close_tok, r.colon, last)
            if speaker is not None:
                last = (speaker, ctx.sent_of[(close_tok or open_tok).i])  # even for a quoted term skipped below
            here = ctx.sent_of[open_tok.i]
            if speaker is None and last is not None and here - last[1] <= CHAIN_SENTENCES:
                speaker = last[0] if (found_verb or len(content.split()) >= MIN_WORDS) else None
            words = len(content.split())
            before = text[:r.open_i].rstrip(STRIP)[-1:]
            if words < MIN_WORDS and not (r.colon or before == ":" or
                                          (close_tok is not None and self._incise_verb(ctx, close_tok))):
                continue  # a quoted term ("les « terroristes »"), not a quotation
            if speaker is not None:
                last = (speaker, ctx.sent_of[(close_tok or open_tok).i])
            quotes.append(Quote(speaker=speaker, text=content, start=r.start, end=r.end))
        for n, q in enumerate(quotes, 1):
            q.id = f"q{n}"
        return quotes

    # --- speakers ------------------------------------------------------------------------------------------
    def _speaker(self, ctx: DocContext, open_tok: Token, close_tok: Token | None, colon: bool,
                 last: tuple[str, int] | None) -> tuple[str | None, bool]:
        """The speaker entity of a quotation, and whether a verb of saying was found for it."""
        if close_tok is not None and not colon:
            verb = self._incise_verb(ctx, close_tok)
            if verb is not None:
                return self._subject(ctx, verb, after=True, last=last), True
            selon = self._selon_after(ctx, close_tok)
            if selon:
                return selon, True
        selon = self._selon_before(ctx, open_tok)
        if selon:
            return selon, True
        verb = self._verb_before(ctx, open_tok)
        if verb is not None:
            return self._subject(ctx, verb, after=False, last=last), True
        named = self._name_colon(ctx, open_tok)
        if named:
            return named, True
        prev = self._previous_colon_verb(ctx, open_tok)
        if prev is not None:
            return self._subject(ctx, prev, after=False, last=last), True
        return None, False

    def _is_speech(self, ctx: DocContext, tok: Token) -> bool:
        return tok.pos_ in ("VERB", "AUX", "ADJ", "NOUN") and (
            ctx.lemma(tok) in self.lex.speech_verbs or ctx.lemma(tok) in self.lex.report_verbs)

    def _incise_verb(self, ctx: DocContext, close_tok: Token) -> Token | None:
        """ "», a déclaré X", "», a-t-il ajouté", "» affirme X"."""
        doc = ctx.doc
        i = close_tok.i + 1
        end = min(len(doc), close_tok.i + 1 + INCISE_GAP)
        while i < end:
            t = doc[i]
            if t.text in (".", "!", "?", "«", "“") or "\n" in t.text:
                return None
            if self._is_speech(ctx, t) and t.pos_ != "NOUN":
                return t
            if t.pos_ in ("NOUN", "ADJ") and i > 0 and ctx.doc[i - 1].text in (",", "»", "”") and \
                    ctx.keys[i][1] + "r" in self.lex.speech_verbs:
                return t  # "», analyse le propriétaire": a present tense the tagger took for a noun
            if t.pos_ in ("PUNCT", "AUX", "ADV", "SPACE", "PRON", "PART") or t.text in ("-t", "-t-"):
                i += 1
                continue
            return None
        return None

    def _selon_after(self, ctx: DocContext, close_tok: Token) -> str | None:
        doc = ctx.doc
        i = close_tok.i + 1
        while i < len(doc) and doc[i].pos_ in ("PUNCT", "SPACE") and doc[i].text not in (".", "«"):
            i += 1
        if i < len(doc) and ctx.keys[i][1] in ("selon", "d'après"):
            j = i + 1
            while j < len(doc) and j < i + 5:
                e = ctx.entity_of(doc[j])
                if e:
                    return e
                if doc[j].pos_ in ("NOUN", "PROPN"):
                    ents = ctx.np_entities(doc[j])
                    return ents[0] if ents else None
                j += 1
        return None

    def _selon_before(self, ctx: DocContext, open_tok: Token) -> str | None:
        """ "Selon Vladimir Poutine, « … »" (the source phrase right before the quotation)."""
        doc = ctx.doc
        i = open_tok.i - 1
        while i >= 0 and (doc[i].is_space or doc[i].text in (",", ":")):
            i -= 1
        sent_start = ctx.sentence(open_tok).start
        j = i
        while j >= sent_start and j > i - 8:
            if ctx.keys[j][1] in ("selon", "d'après") or (ctx.keys[j][1] == "après" and j > 0
                                                          and ctx.keys[j - 1][1] == "de"):
                for k in range(j + 1, i + 1):
                    e = ctx.entity_of(doc[k])
                    if e and ctx.etype(e) in ("PERSON", "ORG", "GPE"):
                        return e
                return None
            j -= 1
        return None

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
            if self._is_speech(ctx, t) and t.pos_ != "NOUN":
                return t
            i -= 1
            steps += 1
        return None

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

    def _subject(self, ctx: DocContext, verb: Token, after: bool, last: tuple[str, int] | None) -> str | None:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj")
                     and ctx.keys[c.i][1] not in ("t", "-t", "-t-")), None)
        if subj is None and after:
            subj = next((c for c in verb.children if c.i > verb.i and c.dep_ in ("obj", "nmod", "obl:mod", "appos",
                                                                                  "dep", "flat:name")), None)
        if subj is None:
            # inverted clitic parsed loosely: "a-t-il ajouté", "a-t-elle affirmé"
            for t in ctx.doc[max(0, verb.i - 3):verb.i + 3]:
                if ctx.keys[t.i][1] in SINGULAR_PRONOUNS | PLURAL_PRONOUNS and t.pos_ == "PRON":
                    subj = t
                    break
        if subj is None:
            subj = _coordinated_subject(ctx, verb)
            if subj is None:
                # "le Kremlin a démenti ..., indiquant que « … »": the participle shares its verb's subject
                from selon.events.arguments import subject_entities

                shared = [e for e in subject_entities(ctx, verb) if ctx.etype(e) in ("PERSON", "ORG", "GPE")]
                return shared[0] if shared else None
        k = ctx.keys[subj.i][1]
        if subj.pos_ == "PRON" and (k in SINGULAR_PRONOUNS or k in PLURAL_PRONOUNS):
            # "a-t-il ajouté": the subject just spoken of, else the last speaker
            ante = [e for e in ctx.resolve_pronoun(subj) if ctx.etype(e) in ("PERSON", "ORG", "GPE")]
            if ante and ctx.etype(ante[0]) == "PERSON":
                return ante[0]
            if last is not None and ctx.sent_of[subj.i] - last[1] <= CHAIN_SENTENCES + 2:
                return last[0]
            return ante[0] if ante else None
        ents = ctx.np_entities(subj)
        ents = [e for e in ents if ctx.etype(e) in ("PERSON", "ORG", "GPE")]
        if not ents:
            if subj.pos_ in ("NOUN", "PROPN") and last is not None and \
                    ctx.sent_of[subj.i] - last[1] <= CHAIN_SENTENCES + 2:
                return last[0]  # "a ajouté le ministre", "a conclu le diplomate": the speaker just named
            return None
        if subj.pos_ == "NOUN" and last is not None and last[0] not in ents and \
                ctx.entity_of(subj) is None and not any(ctx.etype(e) == "PERSON" for e in ents) and \
                ctx.sent_of[subj.i] - last[1] <= CHAIN_SENTENCES:
            return last[0]  # "le président russe" after Poutine spoke: him, not Russia
        persons = [e for e in ents if ctx.etype(e) == "PERSON"]
        return (persons or ents)[0]

    def _colon_speech(self, ctx: DocContext, raws: list[_Raw]) -> list[_Raw]:
        """ "X a déclaré : les négociations sont terminées." (reported speech without quotation marks)."""
        doc = ctx.doc
        text = ctx.text
        quoted = [(r.open_i, r.end) for r in raws]
        out: list[_Raw] = []
        for t in doc:
            if t.text != ":" or any(a <= t.idx <= b for a, b in quoted):
                continue
            k = t.idx + 1
            while k < len(text) and text[k] in STRIP and text[k] != "\n":
                k += 1
            if k >= len(text) or text[k] in PAIRS or text[k] == "\n":
                continue
            verb = next((doc[j] for j in range(t.i - 1, max(-1, t.i - 5), -1) if self._is_speech(ctx, doc[j])), None)
            if verb is None:
                continue
            sent_end = ctx.sentence(doc[min(t.i + 1, len(doc) - 1)]).end_char
            line_end = text.find("\n", k)
            end = min(sent_end, line_end if line_end != -1 else len(text))
            if len(text[k:end].split()) < MIN_WORDS:
                continue
            out.append(_strip(_Raw(k, end, t.idx, None, colon=True), text))
        return out


def _coordinated_subject(ctx: DocContext, verb: Token) -> Token | None:
    """ "X a salué ... et a déclaré : « … »": the subject of the first verb."""
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    return None


def _tok_at(starts: list[int], char: int | None) -> int:
    if char is None:
        return 0
    return max(0, bisect.bisect_right(starts, char) - 1)
