"""Direct quotations and their speakers: the ``selon_quotes`` component.

Quotations are « … », “ … ” and " … " (a French quotation running over
several paragraphs reopens each with «), and reported speech introduced by a
verb of saying and a colon ("X a déclaré : …").  Who speaks is read, in this
order, from:

- the incise right after the closing mark ("», a déclaré le ministre",
  "», a-t-il ajouté", "» affirme X", "», s'est félicitée X", "», selon X");
- the verb of saying the quotation depends on in the parse, in its sentence
  ("X a estimé que …, « … »", "X a qualifié l'attaque d'« acte barbare »",
  "…, invoquant « … »", a coordinated "et a averti que « … »");
- an incise closing the sentence ("…, accusée de « … », a annoncé X");
- a source phrase ("Selon X,", "Selon lui,", "Pour X,", "selon un
  communiqué de X"), a verb of saying or a name before a colon, the colon
  closing the paragraph before;
- for a quotation with none of these, the speaker quoted just before or the
  person the sentence before is about.

Subjects are turned into entities by :mod:`selon.events.speakers` (pronouns,
titles standing for a named person, appositions, spokespeople, relayed words).
A short quoted phrase is a quotation when a speaker is found for it ("a jugé
« insuffisante » la réforme"); with no one saying it, it is a quoted term ("la
« guerre des prix »"), and a capitalised name after "dans", "le quotidien",
"l'opération" is a title.  Cue words live in ``data/quotes_fr.yaml``.
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
from selon.events.speakers import (
    CLITIC_T,
    INVERTED_DEPS,
    SUBJECT_DEPS,
    Cues,
    Speakers,
    cues,
    first_person,
    gender_of,
)
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
TERM_WORDS = 5  # an unattributed lower-case phrase this short, with no verb, is a quoted term
TITLE_WORDS = 6  # a capitalised quoted stretch this short after "dans", "le quotidien" is a title
INCISE_GAP = 6  # tokens between a closing mark and its verb of saying
BEFORE_GAP = 14  # tokens between a verb of saying and the opening mark it introduces
SELON_GAP = 25  # tokens between "selon X" and the opening mark in its sentence


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
        self.cues: Cues = cues()

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
        spans = [(_tok_at(starts, r.start), _tok_at(starts, max(r.start, r.end - 1)) + 1) for r in raws]
        sp = Speakers(ctx, spans)
        quotes: list[Quote] = []
        for r in raws:
            open_tok = doc[_tok_at(starts, r.open_i)]
            close_tok = doc[_tok_at(starts, r.close_i)] if r.close_i is not None else None
            content = text[r.start:r.end]
            words = len(content.split())
            att = self._attribute(ctx, sp, open_tok, close_tok, r.colon)
            speaker = att.speaker
            if att.how is None and words >= MIN_WORDS:
                speaker = self._continuing(ctx, sp, open_tok)
            if words < MIN_WORDS and not (r.colon or att.how == "incise" or _after_colon(text, r.open_i) or
                                          (att.how is not None and speaker is not None
                                           and not self._title_like(ctx, open_tok, content))):
                continue  # a quoted term ("les « terroristes »"), not a quotation
            if att.how is None and words < TERM_WORDS and self._term_like(ctx, open_tok, close_tok, content):
                continue  # "la « guerre des prix »": a phrase in quotation marks nobody is said to say
            if words < TITLE_WORDS and att.how != "incise" and not r.colon and \
                    self._title_like(ctx, open_tok, content):
                continue  # a newspaper, a book, an operation: « Le Courrier picard »
            if speaker is not None:
                sp.add((close_tok or open_tok).i, speaker, att.gender)
            quotes.append(Quote(speaker=speaker, text=content, start=r.start, end=r.end))
        for n, q in enumerate(quotes, 1):
            q.id = f"q{n}"
        return quotes

    # --- attribution ---------------------------------------------------------------------------------------
    def _attribute(self, ctx: DocContext, sp: Speakers, open_tok: Token, close_tok: Token | None,
                   colon: bool) -> _Attribution:
        """Who the text says speaks a quotation, and how it says so (``how`` None: it does not)."""
        before = open_tok.i
        if close_tok is not None and not colon:
            verb = self._incise_verb(ctx, close_tok)
            if verb is not None:
                return self._by_verb(sp, verb, after=True, before=before, how="incise")
        selon = self._selon_after(ctx, sp, close_tok) if close_tok is not None and not colon else None
        if not colon:
            verbs = self._governing_verbs(ctx, sp, open_tok, close_tok)
            first: _Attribution | None = None
            for verb in verbs:
                att = self._by_verb(sp, verb, after=verb.i > open_tok.i, before=before, how="local")
                if att.speaker is not None:
                    return att  # "X a affirmé que … « … », selon l'agence Y": X speaks, Y relays
                first = first or att
            if selon is not None:
                return _Attribution(selon, "local")  # "« … », selon X"
            if close_tok is not None:
                verb = self._trailing_incise(ctx, close_tok)
                if verb is not None:
                    return self._by_verb(sp, verb, after=True, before=before, how="local")
            if first is not None:
                return first
        found, selon = self._selon_before(ctx, sp, open_tok)
        if found:
            return _Attribution(selon, "local")
        verb = self._verb_before(ctx, open_tok)
        if verb is not None:
            return self._by_verb(sp, verb, after=False, before=before, how="local")
        named = self._name_colon(ctx, open_tok)
        if named:
            return _Attribution(named, "local")
        prev = self._previous_colon_verb(ctx, open_tok)
        if prev is not None:
            return self._by_verb(sp, prev, after=False, before=before, how="before")
        return _Attribution(None, None)

    def _by_verb(self, sp: Speakers, verb: Token, after: bool, before: int, how: str) -> _Attribution:
        subj = self._subject_token(sp, verb, after)
        gender = None
        if subj is not None:
            gender = _pronoun_gender(sp.ctx, subj) or gender_of(subj)
        if any(c.dep_.startswith("aux") and c.lemma_ == "être" for c in verb.children):
            gender = gender or gender_of(verb)  # "s'est félicitée": the participle agrees with its subject
        return _Attribution(self._verb_speaker(sp, verb, subj, before), how, gender)

    def _is_speech(self, ctx: DocContext, tok: Token) -> bool:
        if tok.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
            return False
        k = ctx.keys[tok.i]
        if k[0] in self.lex.speech_verbs or k[0] in self.lex.report_verbs or k[0] in self.cues.verbs:
            return True
        # a present tense the lemmatizer left as is ("estime", "dit"): its infinitive from its form
        return tok.pos_ == "VERB" and k[0] == k[1] and any(
            g in self.lex.speech_verbs or g in self.cues.verbs for g in _infinitives(k[1]))

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
            if t.pos_ in ("NOUN", "ADJ", "PROPN", "VERB") and i > 0 and (
                    ctx.doc[i - 1].text in (",", "»", "”") or _inverted(ctx, t)) and self._verb_form(ctx, t):
                return t  # "», analyse le propriétaire", "lance-t-il": a present tense the tagger took for a noun
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
            _inverted(ctx, t) else False

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
                if self._is_speech(ctx, h) and h.pos_ in ("VERB", "AUX") and not _passive_participle(h) \
                        and not sp.in_quote[h.i] and h not in speech and h not in report:
                    k = ctx.keys[h.i][0]
                    (speech if k in self.lex.speech_verbs or k in self.cues.verbs else report).append(h)
                if h.head.i == h.i:
                    break
                h = h.head
        return speech + report

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
                    ctx.keys[j][1] == "pour" and _starts_sentence(ctx, j) and _comma_before(ctx, j, open_tok.i)):
                return True, self._source_np(ctx, sp, j + 1, open_tok.i, open_tok.i)  # "Pour X, « … »" too
            j -= 1
        return False, None

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
            if self._is_speech(ctx, t) and t.pos_ != "NOUN" and not _passive_participle(t):
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

    def _continuing(self, ctx: DocContext, sp: Speakers, open_tok: Token) -> str | None:
        """A quotation with no attribution of its own: the speaker quoted just before, or the person the
        sentence before it is about ("Il reste optimiste. « … »")."""
        before = open_tok.i
        doc = ctx.doc
        last = sp.last_said(before)
        subj: tuple[int, str] | None = None
        first = doc[open_tok.i + 1] if open_tok.i + 1 < len(doc) else open_tok  # the mark may end the sentence before
        n = ctx.sent_of[first.i] - 1 if _opens_sentence(ctx, open_tok) else ctx.sent_of[open_tok.i]
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
        inverted = next((c for c in verb.children if c.i > verb.i and c.dep_ in INVERTED_DEPS
                         and ctx.case_of(c) is None and not sp.in_quote[c.i] and (
                             c.pos_ in ("NOUN", "PROPN", "PRON") or ctx.keys[c.i][1] in ("dernier", "dernière"))),
                        None) if after else None
        if inverted is not None and (not subs or _incise_shaped(ctx, verb)):
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
            if any(c.dep_ == "aux:pass" for c in verb.children):
                agent = next((c for c in verb.children if ctx.case_of(c) == "par"), None)
                return sp.np_speaker(agent, before) if agent is not None else None
            return sp.np_speaker(subj, before, speaking=True)
        if "Inf" in verb.morph.get("VerbForm", []) and _narrative_infinitive(ctx, verb):
            return sp.current(before)  # "Et d'ajouter : « … »": the one speaking goes on
        inverted = next((c for c in verb.children if c.i > verb.i and c.dep_ in INVERTED_DEPS and not sp.in_quote[c.i]
                         and ctx.case_of(c) is None and c.pos_ in ("NOUN", "PROPN")), None)
        if inverted is not None and (_incise_shaped(ctx, verb) or any(
                c.dep_ == "mark" and ctx.keys[c.i][1] in ("comme", "ainsi", "tel", "telle") for c in verb.children)):
            # "Comme l'a rappelé le ministre, X, « … »": the subject after the verb
            found = sp.np_speaker(inverted, before, speaking=True)
            if found:
                return found
        if _incise_shaped(ctx, verb) and verb.i + 1 < len(ctx.doc):
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
                if s is not None and _agrees(verb, h, s):
                    found = self._verb_speaker(sp, h, s, before, depth + 1) if depth < 3 else None
                    if found:
                        return found
                elif s is None:
                    from selon.events.arguments import subject_entities

                    shared = [e for e in subject_entities(ctx, h) if ctx.etype(e) in ("PERSON", "ORG", "GPE")]
                    if shared:
                        return first_person(ctx, shared)
            if h.head.i == h.i:
                break
            h = h.head
        from selon.events.arguments import subject_entities

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

    def _term_like(self, ctx: DocContext, open_tok: Token, close_tok: Token | None, content: str) -> bool:
        """A short lower-case phrase inside a sentence, with no verb of its own: a term, not a quotation."""
        if not content[:1].islower() or _opens_sentence(ctx, open_tok) or close_tok is None:
            return False
        inner = ctx.doc[open_tok.i + 1:close_tok.i]
        return not any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in inner)

    def _title_like(self, ctx: DocContext, open_tok: Token, content: str) -> bool:
        """A capitalised name in quotation marks after "dans", "le quotidien", "baptisée": a title."""
        if not content[:1].isupper() or content.rstrip()[-1:] in (".", "!", "?", "…"):
            return False
        i = open_tok.i - 1
        while i >= 0 and ctx.doc[i].is_space:
            i -= 1
        return i >= 0 and (ctx.keys[i][1] in self.cues.title_markers or ctx.keys[i][0] in self.cues.title_markers)

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


@dataclass
class _Attribution:
    speaker: str | None
    how: str | None  # "incise" (right after it), "local" (its sentence), "before" (the sentence before), None
    gender: str | None = None


def _passive_participle(t: Token) -> bool:
    """ "l'ONG, accusée de « … »": a past participle used as an adjective says who is accused, not who
    speaks."""
    return t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm", []) and "Past" in t.morph.get("Tense", []) \
        and t.dep_ in ("acl", "amod", "advcl", "appos", "conj") and not any(c.dep_.startswith("aux") for c in t.children)


def _infinitives(form: str) -> tuple[str, ...]:
    """Infinitives a third-person present may come from: "estime" -> "estimer", "dit" -> "dire"."""
    if form.endswith("e"):
        return (form + "r",)
    if form.endswith("t"):
        return (form[:-1] + "re", form[:-1] + "r")
    return ()


def _inverted(ctx: DocContext, t: Token) -> bool:
    """ "lance-t-il", "ajoute-t-elle": a word followed by an inverted subject pronoun."""
    if t.i + 1 >= len(ctx.doc):
        return False
    nxt = ctx.doc[t.i + 1]
    return nxt.text[:1] == "-" and nxt.text.lstrip("-").lower() in ("t", "t-", "il", "elle", "ils", "elles", "on")


def _narrative_infinitive(ctx: DocContext, verb: Token) -> bool:
    """ "Et d'ajouter", "Et de conclure": "et de" opening the clause before the infinitive."""
    i = verb.i - 1
    if i < 1 or ctx.keys[i][1] not in ("de", "d'"):
        return False
    return ctx.keys[i - 1][1] == "et" and _starts_sentence(ctx, i - 1)


def _starts_sentence(ctx: DocContext, i: int) -> bool:
    j = i - 1
    while j >= 0 and ctx.doc[j].is_space and "\n" not in ctx.doc[j].text:
        j -= 1
    return j < 0 or ctx.doc[j].text in (".", "!", "?") or "\n" in ctx.doc[j].text or ctx.sent_of[j] != ctx.sent_of[i]


def _comma_before(ctx: DocContext, i: int, stop: int) -> bool:
    """ "Pour l'économiste X, « … »": the phrase closes with a comma before the quotation, no verb in it."""
    for k in range(i + 1, stop):
        t = ctx.doc[k]
        if t.text == ",":
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


def _incise_shaped(ctx: DocContext, verb: Token) -> bool:
    """ "», a déclaré X", ", a annoncé X": the verb group opens after a comma or a closing mark."""
    start = min([verb.i] + [c.i for c in verb.children if c.i < verb.i and (
        c.dep_.startswith("aux") or c.dep_.startswith("expl") or c.pos_ == "PRON")])
    i = start - 1
    while i >= 0 and ctx.doc[i].is_space:
        i -= 1
    return i >= 0 and ctx.doc[i].text in (",", "»", "”", '"')


def _agrees(verb: Token, head: Token, subj: Token) -> bool:
    """Whether a subject-less verb can share a subject: "et a averti" (singular) does not take the plural
    subject of the clause the parser hung it on."""
    aux = next((c for c in verb.children if c.dep_.startswith("aux")), None)
    num = (aux or verb).morph.get("Number", [])
    snum = subj.morph.get("Number", [])
    return not (num and snum and num != snum)


def _pronoun_gender(ctx: DocContext, tok: Token) -> str | None:
    k = ctx.keys[tok.i][1]
    if tok.pos_ != "PRON":
        return None
    return "Fem" if k in ("elle", "elles") else ("Masc" if k in ("il", "ils") else None)


def _after_colon(text: str, i: int) -> bool:
    return text[:i].rstrip(STRIP)[-1:] == ":"


def _opens_sentence(ctx: DocContext, tok: Token) -> bool:
    i = tok.i - 1
    while i >= 0 and ctx.doc[i].is_space:
        i -= 1
    return i < 0 or ctx.doc[i].text in (".", "!", "?", "»", "”") or "\n" in ctx.doc[tok.i - 1].text


def _tok_at(starts: list[int], char: int | None) -> int:
    if char is None:
        return 0
    return max(0, bisect.bisect_right(starts, char) - 1)
