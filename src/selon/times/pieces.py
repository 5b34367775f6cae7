"""What every family of time patterns shares: the scanned text, the candidate, word boundaries, regex pieces.

The families (``calendar``, ``weekdays``, ``deictic``, ``durations``,
``seasons``, ``clock``) each turn their matches into ``Cand`` objects with the
readers of ``Family``; ``grammar`` runs them all.  Every quantifier is bounded
and no group is nested inside a repeated group, so matching stays linear on
hostile input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from selon.times.lexicon import SP, Lexicon, alternation, lexicon

__all__ = ["B", "CAPITAL_AFTER", "CLOCK", "DIGITS", "DIGIT_AFTER", "E", "OF_AFTER", "ORDINALS", "RANGE_AFTER",
           "SP", "YEAR", "Cand", "Family", "Handler", "Pieces", "Rule", "Scan", "normalise", "squeeze", "toks"]

_BLANKS = ("\t\r\x0b\x0c\x1c\x1d\x1e\x1f\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
           "\u2009\u200a\u202f\u205f\u3000")
_MAP = {**{c: " " for c in _BLANKS}, "\u2019": "'", "\u02bc": "'", "\u2032": "'", "\u2010": "-", "\u2011": "-",
        "\u2028": "\n", "\u2029": "\n", "\x85": "\n"}
_ODD = re.compile("[" + "".join(_MAP) + "]")


def normalise(text: str) -> str:
    """Lower-case, same length: one plain apostrophe, one hyphen, horizontal blanks as spaces."""
    low = text.lower()
    if len(low) != len(text):  # a few characters grow when lower-cased ("İ")
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _ODD.sub(lambda m: _MAP[m.group()], low)


@dataclass
class Cand:
    """A found expression before resolution: its span, kind and what the words say."""

    start: int
    end: int
    kind: str
    f: dict[str, Any] = field(default_factory=dict)
    rank: int = 0  # the pattern's place in the grammar: breaks ties between spans of equal length


_TAIL_WORD = re.compile(r"[\w-]+'?|[^\w\s]")


@dataclass
class Scan:
    """One text being scanned: the raw text and its lower-cased twin."""

    text: str
    low: str

    def tail(self, pos: int, n: int = 2) -> list[str]:
        """The last ``n`` words (or punctuation marks) before ``pos``: ["jusqu'", "en"], ["n", "°"]."""
        words = _TAIL_WORD.findall(self.low, max(0, pos - 30), pos)
        return words[-n:] if len(words) >= n else [""] * (n - len(words)) + words


Handler = Callable[[re.Match[str], Scan], "Cand | None"]


@dataclass(frozen=True)
class Rule:
    """A pattern, its handler, the tokens without which it cannot match, and how far it reaches from them."""

    rx: str
    handler: Handler
    triggers: set[str]
    back: int = 40
    fwd: int = 40


DIGIT_AFTER = re.compile(r" {1,3}\d")
OF_AFTER = re.compile(r" {1,3}(?:de|du|d')(?:\W|$)")
RANGE_AFTER = re.compile(r" {0,3}(?:à|-|et)\b")
CAPITAL_AFTER = re.compile(r" {1,3}[A-ZÀ-Ý«\"]")
_TOKEN = re.compile(r"\w+")

# Pseudo-tokens: any number; a four-digit number; a number glued to "h" ("18h30").
DIGITS, YEAR, CLOCK = "#digits", "#year", "#clock"

B = r"(?<![\w-])"  # left word boundary (not inside "mi-juin" or "week-end")
E = r"(?![\w])"  # right word boundary

ORDINALS = {"premier": 1, "1er": 1, "dernier": -1, "deuxième": 2, "second": 2, "2e": 2, "2ème": 2, "troisième": 3,
            "3e": 3, "3ème": 3, "quatrième": 4, "4e": 4, "4ème": 4}


def squeeze(s: str) -> str:
    return " ".join(s.split())


def toks(words: Iterable[str]) -> set[str]:
    """The trigger tokens of lexicon entries: their words, minus the most common function words."""
    out: set[str] = set()
    for w in words:
        out.update(t for t in _TOKEN.findall(w) if t not in lexicon().words["trigger_stopwords"])
    return out


class Pieces:
    """The regex fragments and trigger sets that several families build their patterns from."""

    def __init__(self, lex: Lexicon) -> None:
        L = lex
        self.wd = alternation(L.weekdays)
        self.mon_full = alternation(L.months)
        self.mon = f"(?:{self.mon_full}|{alternation(L.month_abbreviations)}\\.)"
        self.day = r"(?<![\d.,])(?:1er|1re|1ère|premier|[12]\d|3[01]|0?[1-9])(?![\d,.]\d)"
        self.year4 = r"(?<![\d.,])(?:1\d{3}|20\d{2}|21\d{2})(?![\d]|[.,]\d)"
        self.year2 = r"(?<![\d.,])'?\d{2}(?!\d)(?! {0,3}[a-zà-ÿ%€$])"
        self.rel = alternation(L.past_words | L.future_words)
        self.parts = alternation(L.day_parts)
        self.num_word = alternation(L.numbers)
        self.number = (rf"(?:(?<![\d.,])\d{{1,4}}(?:,\d{{1,2}})?(?![\d.,]\d)"
                       rf"|{self.num_word}(?:(?:-et-|{SP}et{SP}|-|{SP}){self.num_word}){{0,3}})")
        self.units = alternation(L.units)
        self.approx = alternation(L.approximate_numbers)
        self.vague = alternation(L.vague_quantities)
        self.pos = alternation(k for k in L.position_words)
        self.seasons = alternation(L.seasons)
        self.months_t = toks(L.months) | toks(L.month_abbreviations)
        self.wd_t = set(L.weekdays) | {w + "s" for w in L.weekdays}
        self.units_t = toks(L.units)
        self.parts_t = toks(L.day_parts)
        self.seasons_t = toks(L.seasons)


class Family:
    """A family of patterns (dates, clock times, durations...): the lexicon and the readers they share."""

    def __init__(self, lex: Lexicon, p: Pieces) -> None:
        self.lex = lex
        self.w = lex.words
        self.p = p

    def rel(self, word: str | None) -> int:
        """-1 for "dernier", "passé", "écoulé"; +1 for "prochain"; 0 otherwise."""
        if not word:
            return 0
        w = squeeze(word)
        if w in self.lex.past_words or w.startswith("écoulé"):
            return -1
        if w in self.lex.future_words:
            return 1
        return 0

    def month_of(self, word: str) -> int:
        w = word.rstrip(".")
        return self.lex.months.get(w) or self.lex.month_abbreviations[w]

    def day_of(self, word: str) -> int:
        return self.lex.ordinals.get(word) or int(word)

    def year_ok(self, sc: Scan, end: int) -> bool:
        """A number read as a year must not be a quantity ("2000 personnes", "1500 €")."""
        m = re.match(r" {0,3}([^\s\d]+)", sc.low[end:end + 30])
        if not m:
            return True
        w = m.group(1).rstrip(".,;:!?)»\"")
        if not w:
            return True
        if w in self.lex.quantity_words or w[0] in "%€$":
            return False
        return not (w.isalpha() and len(w) >= 4 and w[-1] in "sx" and w not in self.lex.year_followers)
