"""One parsed document as the later stages look it up: words, sentences, paragraphs, entity mentions.

Mentions come from ``doc.spans["selon_mentions"]`` (``span._.entity_id``), the
entities from ``doc._.entities``; nothing here depends on how the entities
component found them.  :class:`selon.parse.context.DocContext` adds noun-phrase
and pronoun resolution on top.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from selon.clean import norm
from selon.parse.extensions import MENTIONS
from selon.parse.lexicon import WordLexicon
from selon.parse.words import token_keys, word_key
from selon.record import Entity


class DocumentView:
    """Per-document lookups shared by the quotes, sources and events stages."""

    def __init__(self, doc: Doc, lex: WordLexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.text = doc.text  # Doc.text joins every token on each call: read it once
        self.keys: list[tuple[str, str]] = [token_keys(t) for t in doc]
        self.entities: dict[str, Entity] = {e.id: e for e in (doc._.entities or [])}
        self._mentions: dict[int, list[Span]] = {}
        spans: Iterable[Span] = doc.spans[MENTIONS] if MENTIONS in doc.spans else []
        for sp in spans:
            if sp._.entity_id not in self.entities:
                continue
            for i in range(sp.start, sp.end):
                self._mentions.setdefault(i, []).append(sp)
        for lst in self._mentions.values():
            lst.sort(key=len)
        self.sents: list[Span] = [s for s in doc.sents]
        self.sent_of: list[int] = [0] * len(doc)
        self.para_of_sent: list[int] = []
        para = 0
        prev_end = 0
        for n, s in enumerate(self.sents):
            for i in range(s.start, s.end):
                self.sent_of[i] = n
            first = next((t.idx for t in s if not t.is_space), s.end_char)
            if n and "\n" in self.text[prev_end:first]:
                para += 1
            self.para_of_sent.append(para)
            last = next((t for t in reversed(s) if not t.is_space), None)
            if last is not None:
                prev_end = last.idx + len(last.text)
        self.quotes: list[tuple[int, int, str | None]] = [(q.start, q.end, q.speaker) for q in doc._.quotes or []]
        self.trigger_words: set[int] = set()  # token indices of event triggers (set by the events stage)
        self._norm_names: dict[str, set[str]] = {}

    # --- words -------------------------------------------------------------------------------------------
    def lemma(self, tok: Token) -> str:
        return self.keys[tok.i][0]

    def has_key(self, tok: Token, words: frozenset[str] | set[str]) -> bool:
        k = self.keys[tok.i]
        return k[0] in words or k[1] in words

    def case_of(self, tok: Token) -> str | None:
        """The preposition introducing a nominal ("contre" in "contre Israël"), as a key."""
        for c in tok.children:
            if c.dep_ == "case" or (c.dep_ == "mark" and c.pos_ == "ADP"):
                key = self.keys[c.i][1]
                for f in c.children:
                    if f.dep_ == "fixed":
                        key = f"{key} {self.keys[f.i][1]}"
                return key
        return None

    def reflexive(self, tok: Token) -> bool:
        return any(c.dep_.startswith("expl") or (c.pos_ == "PRON" and self.keys[c.i][1] in ("se", "s'")
                   and c.dep_ in ("obj", "iobj", "expl:comp", "expl:pv", "expl:pass"))
                   for c in tok.children)

    # --- entities ----------------------------------------------------------------------------------------
    def mention_at(self, tok: Token) -> Span | None:
        """The mention that best covers a token: the smallest rooted at it, else the smallest holding it."""
        spans = self._mentions.get(tok.i)
        if not spans:
            return None
        for sp in spans:
            if sp.root.i == tok.i:
                return sp
        return spans[0]

    def entity_of(self, tok: Token) -> str | None:
        sp = self.mention_at(tok)
        return sp._.entity_id if sp is not None else None

    def etype(self, eid: str) -> str | None:
        e = self.entities.get(eid)
        return e.type if e else None

    def names(self, eid: str) -> set[str]:
        """Normalised names, aliases and mention texts of an entity."""
        if eid not in self._norm_names:
            e = self.entities.get(eid)
            out: set[str] = set()
            if e is not None:
                for s in [e.name, *e.aliases, *(m.text for m in e.mentions)]:
                    n = norm(s)
                    if n:
                        out.add(n)
            self._norm_names[eid] = out
        return self._norm_names[eid]

    def set_triggers(self, indices: Iterable[int]) -> None:
        self.trigger_words = set(indices)

    def in_quote(self, tok: Token) -> tuple[int, int, str | None] | None:
        for q in self.quotes:
            if q[0] <= tok.idx < q[1]:
                return q
        return None

    # --- sentences ---------------------------------------------------------------------------------------
    def sentence(self, tok: Token) -> Span:
        return self.sents[self.sent_of[tok.i]]

    def tokens_between(self, a: int, b: int) -> Iterator[Token]:
        for i in range(min(a, b) + 1, max(a, b)):
            yield self.doc[i]

    def key_in(self, tok: Token, words: Iterable[str]) -> bool:
        ws = {word_key(w) for w in words}
        return self.has_key(tok, ws)
