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

Subjects are turned into entities by :mod:`selon.sources.speakers` (pronouns,
titles standing for a named person, appositions, spokespeople, relayed words).
A short quoted phrase is a quotation when a speaker is found for it ("a jugé
« insuffisante » la réforme"); with no one saying it, it is a quoted term ("la
« guerre des prix »"), and a capitalised name after "dans", "le quotidien",
"l'opération" is a title.  Cue words live in ``data/quotes_fr.yaml``.
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc, Token

from selon.parse.context import DocContext, share_context
from selon.record import Quote
from selon.sources.quote_grammar import opens_sentence
from selon.sources.quote_marks import (
    PAIRS,
    STRIP,
    QuoteSpan,
    after_colon,
    find_quote_spans,
    strip_span,
    token_at,
)
from selon.sources.quote_speakers import QuoteSpeakers
from selon.sources.speakers import Speakers

log = logging.getLogger(__name__)

MIN_WORDS = 3  # fewer words and no verb of saying: a scare quote ("la « résistance »")
TERM_WORDS = 5  # an unattributed lower-case phrase this short, with no verb, is a quoted term
TITLE_WORDS = 6  # a capitalised quoted stretch this short after "dans", "le quotidien" is a title


@Language.factory("selon_quotes")
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()


class QuoteFinder(QuoteSpeakers):
    """Sets ``doc._.quotes`` (list of record.Quote, ids "q1", "q2", ... in text order)."""


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
        spans = [(token_at(starts, r.start), token_at(starts, max(r.start, r.end - 1)) + 1) for r in raws]
        sp = Speakers(ctx, spans)
        quotes: list[Quote] = []
        for r in raws:
            open_tok = doc[token_at(starts, r.open_i)]
            close_tok = doc[token_at(starts, r.close_i)] if r.close_i is not None else None
            content = text[r.start:r.end]
            words = len(content.split())
            att = self._attribute(ctx, sp, open_tok, close_tok, r.colon)
            speaker = att.speaker
            if att.how is None and words >= MIN_WORDS:
                speaker = self._continuing(ctx, sp, open_tok)
            if words < MIN_WORDS and not (r.colon or att.how == "incise" or after_colon(text, r.open_i) or
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

    def _term_like(self, ctx: DocContext, open_tok: Token, close_tok: Token | None, content: str) -> bool:
        """A short lower-case phrase inside a sentence, with no verb of its own: a term, not a quotation."""
        if not content[:1].islower() or opens_sentence(ctx, open_tok) or close_tok is None:
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

    def _colon_speech(self, ctx: DocContext, raws: list[QuoteSpan]) -> list[QuoteSpan]:
        """ "X a déclaré : les négociations sont terminées." (reported speech without quotation marks)."""
        doc = ctx.doc
        text = ctx.text
        quoted = [(r.open_i, r.end) for r in raws]
        out: list[QuoteSpan] = []
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
            out.append(strip_span(QuoteSpan(k, end, t.idx, None, colon=True), text))
        return out
