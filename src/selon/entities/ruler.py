"""The KB ruler: every alias of the knowledge base found in a Doc, in one left-to-right pass.

The Doc is read once as a stream of folded words (accents, case and
punctuation removed; each word keeps its token and its capitalisation).  At
each word the ruler walks the alias index as a trie of word prefixes, so the
cost grows with the text, not with the size of the KB (a ruler that rescans
every pattern per token is the usual throughput culprit).  Function words
("de", "l'", "al-") may be skipped inside a name; punctuation other than
hyphens and apostrophes, and line breaks, end one.  A second, phonetic walk
finds transliterations the data does not list (Quds/Qods), checked by
spelling distance so that Hassan is not Hussein.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from selon.entities import normalize as nz
from selon.entities.kb import Hit, KnowledgeBase
from selon.entities.lexicon import Lexicon

_WORD = re.compile(r"[^\W_]+")
# Hyphens and apostrophes join parts of one name ("Tel-Aviv", "d'Izz"); any other punctuation ends it.
_JOINERS = frozenset("-‐‑–'’ʼ`")
# The Arabic article written as it is pronounced before some consonants ("ad-Din", "ash-Sham").
_ASSIMILATED_ARTICLES = frozenset({"ad", "ed", "an", "ar", "as", "ash", "at", "az", "ud", "ur", "ush", "es", "et"})
MAX_NAME_WORDS = 16


@dataclass(slots=True)
class Word:
    text: str  # folded
    code: str  # phonetic code
    case: str  # U, T or L
    tok: int
    func: bool
    brk: bool  # a break (punctuation, line break) comes right before this word


@dataclass
class Match:
    start: int  # token index
    end: int  # token index, exclusive
    hits: list[Hit]
    exact: bool


@lru_cache(maxsize=100_000)
def _token_words(text: str) -> tuple[tuple[str, str], ...]:
    """(folded word, case) for each word of a token's text."""
    folded = nz.words(text)
    originals = _WORD.findall(nz.strip_accents(text).replace("’", " ").replace("'", " "))
    if len(originals) != len(folded):
        originals = [text] * len(folded)
    out = []
    for w, orig in zip(folded, originals, strict=True):
        if len(orig) >= 2 and orig.isupper():
            case = "U"
        elif orig[:1].isupper():
            case = "T"
        else:
            case = "L"
        out.append((w, case))
    return tuple(out)


def word_stream(doc: Doc) -> list[Word]:
    """The folded words of a Doc, with their tokens, capitalisation and the breaks between them."""
    words: list[Word] = []
    brk = True
    toks = list(doc)
    for i, tok in enumerate(toks):
        text = tok.text
        if not text.strip():
            if "\n" in text or len(text) >= 3:  # a line break, or a blanked stretch of boilerplate
                brk = True
            continue
        parts = _token_words(text)
        if not parts:
            if not all(c in _JOINERS for c in text):
                brk = True
            continue
        low = text.lower()
        assimilated = (low in _ASSIMILATED_ARTICLES and i + 2 < len(toks) and toks[i + 1].text in _JOINERS
                       and toks[i + 2].text[:1].lower() == low[-1])
        for w, case in parts:
            func = w in nz.FUNCTION_WORDS or assimilated
            words.append(Word(w, nz.phon(w), case, tok.i, func, brk))
            brk = False
        if "\n" in tok.whitespace_:
            brk = True
    return words


def _name_variant(text_words: list[str], cases: list[str], alias_words: list[str]) -> bool:
    """A transliteration differs from the alias only in capitalised words ("Force Quds"), never in a
    common word ("ministre" is not "ministère")."""
    if not nz.variant_words(text_words, alias_words):
        return False
    return all(t == a or c != "L" for t, a, c in zip(text_words, alias_words, cases, strict=True))


def _case_ok(pattern: str, cases: list[str]) -> bool:
    if len(pattern) != len(cases):
        return False
    for want, got in zip(pattern, cases, strict=True):
        if want == "U" and got != "U":
            return False
        if want == "T" and got == "L":
            return False
    return True


class KBRuler:
    """Finds KB aliases in a Doc (see the module docstring)."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon) -> None:
        self.kb = kb
        self.lexicon = lexicon

    def __call__(self, doc: Doc, words: list[Word] | None = None) -> list[Match]:
        words = word_stream(doc) if words is None else words
        caps_sents = _CapsSentences()
        matches: list[Match] = []
        i = 0
        n = len(words)
        while i < n:
            found = self._longest(doc, words, i, caps_sents)
            if found is None:
                i += 1
                continue
            match, last = found
            matches.append(match)
            i = last + 1
        return matches

    def _walk(self, words: list[Word], i: int, phonetic: bool) -> list[tuple[int, list[int], list[Hit]]]:
        """Every alias key that starts at word i: (last word, content word positions, hits)."""
        index = self.kb.phonetic if phonetic else self.kb.exact
        prefixes = self.kb.phonetic_prefixes if phonetic else self.kb.exact_prefixes
        first = words[i].code if phonetic else words[i].text
        out = []
        keyed = first
        positions = [i]
        j = i
        while True:
            if keyed in index:
                out.append((j, list(positions), index[keyed]))
            if keyed not in prefixes or len(positions) >= MAX_NAME_WORDS:
                break
            k = j + 1
            advanced = False
            while k < len(words) and not words[k].brk:
                w = words[k]
                cand = f"{keyed} {w.code if phonetic else w.text}"
                if cand in index or cand in prefixes:
                    keyed, j = cand, k
                    positions.append(k)
                    advanced = True
                    break
                if not w.func:
                    break
                k += 1  # skip a function word inside the name
            if not advanced:
                break
        return out

    def _longest(self, doc: Doc, words: list[Word], i: int, caps_sents: _CapsSentences) -> tuple[Match, int] | None:
        w0 = words[i]
        if w0.func and w0.text not in self.kb.exact and w0.text not in self.kb.exact_prefixes:
            return None
        candidates: list[tuple[int, bool, list[int], list[Hit]]] = []
        for last, positions, hits in self._walk(words, i, phonetic=False):
            candidates.append((last, True, positions, hits))
        for last, positions, hits in self._walk(words, i, phonetic=True):
            candidates.append((last, False, positions, hits))
        candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
        for last, exact, positions, hits in candidates:
            cases = [words[p].case for p in positions]
            text_words = [words[p].text for p in positions]
            ok = [h for h in hits if _case_ok(h.case, cases)
                  and (exact or _name_variant(text_words, cases, h.folded.split(" ")))
                  and self._context_ok(doc, words, positions, h, caps_sents)]
            if ok:
                ok.sort(key=lambda h: h.priority)
                start_tok, end_tok = words[i].tok, words[last].tok + 1
                return Match(start_tok, end_tok, ok, exact), last
        return None

    def _context_ok(self, doc: Doc, words: list[Word], positions: list[int], hit: Hit, caps_sents: _CapsSentences) -> bool:
        """Guards for one-word matches: sentence starts and all-capitals lines make common words look like names."""
        if len(positions) != 1:
            return True
        word = words[positions[0]]
        tok = doc[word.tok]
        if hit.case == "U":
            return not (word.text in self.lexicon.stop_words and caps_sents.caps(tok))
        if hit.case == "T" and hit.priority >= 2:
            first = tok.is_sent_start or (tok.i > 0 and doc[tok.i - 1].text in "«\"“(:—–-")
            if (first or caps_sents.caps(tok)) and tok.pos_ not in ("PROPN", "X", ""):
                return False
        return True


class _CapsSentences:
    """Whether a token's sentence is written mostly in capitals (headlines, credits); computed on demand."""

    def __init__(self) -> None:
        self.seen: dict[int, bool] = {}

    def caps(self, tok: Token) -> bool:
        doc = tok.doc
        if not doc.has_annotation("SENT_START"):
            return False
        sent = tok.sent
        if sent.start not in self.seen:
            letters = [c for c in sent.text if c.isalpha()]
            self.seen[sent.start] = len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.7 * len(letters)
        return self.seen[sent.start]
