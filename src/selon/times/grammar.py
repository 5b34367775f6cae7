"""Where the temporal expressions are: every family's patterns, compiled once, run on a lower-cased copy.

Each pattern yields candidates (``Cand``): a span and what it says ("the 15th
of May, no year, the weekday Saturday", "one day before the anchor", "three
years, a duration").  Values are computed later by ``selon.times.resolve``,
which knows the anchor.  A pattern only runs in windows around the tokens
that can start it, so a long article costs little more than its matches.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from selon.times.calendar import CalendarDates
from selon.times.clock import ClockTimes
from selon.times.deictic import Deictic
from selon.times.durations import Durations
from selon.times.lexicon import Lexicon, lexicon
from selon.times.pieces import CLOCK, DIGITS, YEAR, Cand, Handler, Pieces, Rule, Scan, normalise
from selon.times.seasons import Seasons
from selon.times.tense import TenseReader
from selon.times.weekdays import Weekdays

__all__ = ["Grammar", "grammar"]

_TOKEN = re.compile(r"\w+")
_BLANK = re.compile(r"[ \n]")
_NUMBER_TOKEN = re.compile(r"\d\w*")


def _wordchar(c: str) -> bool:
    return c.isalnum() or c == "_"


def _after_number(low: str, j: int) -> bool:
    """ "h" only counts after a number ("18 h", "18h")."""
    return any(c.isdigit() for c in low[max(0, j - 3):j])


def _not_participle(low: str, j: int) -> bool:
    """ "été" after "a", "ont", "avait"… is a participle, not the season."""
    prev = low[max(0, j - 12):j].split()
    return not prev or prev[-1] not in lexicon().words["auxiliaries"]


# Trigger tokens that only count in some places.
_TRIGGER_FILTERS = {"h": _after_number, "été": _not_participle}


def rules(lex: Lexicon) -> list[Rule]:
    """Every family's rules.  The order is the priority between two readings of the same span."""
    p = Pieces(lex)
    cal, week, deixis = CalendarDates(lex, p), Weekdays(lex, p), Deictic(lex, p)
    spans, named, clock = Durations(lex, p), Seasons(lex, p), ClockTimes(lex, p)
    return [*cal.dates(), *week.rules(), *deixis.days(), *spans.durations(), *spans.sets(), *named.seasons(),
            *clock.clock_times(), *clock.day_parts(), *deixis.context(), *named.holidays(), *cal.quarters()]


class Grammar:
    """The compiled French patterns and the handlers that read their groups."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.tense = TenseReader(lex)
        self.patterns: list[tuple[re.Pattern[str], Handler]] = []
        self.triggers: dict[str, list[int]] = {}  # token -> indexes of the patterns it can start
        self.reach: list[tuple[int, int]] = []
        self._trigger_set: set[str] = set()
        for rule in rules(lex):
            self._add(rule)

    def _add(self, rule: Rule) -> None:
        idx = len(self.patterns)
        self.patterns.append((re.compile(rule.rx), rule.handler))
        self.reach.append((rule.back, rule.fwd))
        for t in rule.triggers:
            self.triggers.setdefault(t, []).append(idx)
            if not t.startswith("#"):
                self._trigger_set.add(t)

    def _windows(self, low: str) -> dict[int, list[tuple[int, int]]]:
        """For each pattern, the stretches of text around its trigger tokens (merged)."""
        n = len(low)
        present = self._trigger_set.intersection(_TOKEN.findall(low))
        spots: dict[int, list[tuple[int, int]]] = {}
        for tok in present:
            idxs = self.triggers[tok]
            k = len(tok)
            j = low.find(tok)
            while j >= 0:
                e = j + k
                if (j == 0 or not _wordchar(low[j - 1])) and (e == n or not _wordchar(low[e])) and (
                        tok not in _TRIGGER_FILTERS or _TRIGGER_FILTERS[tok](low, j)):
                    for i in idxs:
                        spots.setdefault(i, []).append((j, e))
                j = low.find(tok, e)
        digit_idx = self.triggers.get(DIGITS, [])
        year_idx = self.triggers.get(YEAR, [])
        clock_idx = self.triggers.get(CLOCK, [])
        for m in _NUMBER_TOKEN.finditer(low):
            if m.start() and _wordchar(low[m.start() - 1]):
                continue
            tok = m.group()
            e = m.end()
            # Numeric dates need a separator and another number: "15/05", "15.05.2021".
            idxs = digit_idx if e + 1 < n and low[e] in "/.-" and low[e + 1].isdigit() else []
            if len(tok) == 4 and tok.isdigit():
                idxs = idxs + year_idx
            elif "h" in tok:
                idxs = idxs + clock_idx
            for i in idxs:
                spots.setdefault(i, []).append(m.span())
        windows: dict[int, list[tuple[int, int]]] = {}
        for i, sp in spots.items():
            back, fwd = self.reach[i]
            sp.sort()
            merged: list[tuple[int, int]] = []
            for s, e in sp:
                lo, hi = max(0, s - back), min(n, e + fwd)
                if merged and lo <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
                else:
                    merged.append((lo, hi))
            windows[i] = merged
        return windows

    def scan(self, text: str) -> list[Cand]:
        """All candidates, overlaps settled (longest first), in text order."""
        sc = Scan(text, normalise(text))
        low, n = sc.low, len(sc.low)
        found: list[Cand] = []
        for i, spans in self._windows(low).items():
            rx, handler = self.patterns[i]
            seen: set[tuple[int, int]] = set()
            for lo, hi in spans:
                # End the window between words, so that no match is cut short.
                stop = _BLANK.search(low, hi, min(n, hi + 40))
                hi = stop.start() if stop else min(n, hi + 40)
                for m in rx.finditer(low, lo, hi):
                    if m.span() in seen:
                        continue
                    seen.add(m.span())
                    c = handler(m, sc)
                    if c is not None and c.end > c.start:
                        c.rank = i
                        found.append(c)
        found.sort(key=lambda c: (-(c.end - c.start), c.start, c.rank))
        taken: list[Cand] = []
        starts: list[int] = []  # the kept spans never overlap: sorted by start, they are sorted by end
        ends: list[int] = []
        for c in found:
            i = bisect.bisect_right(starts, c.start)
            if (i and ends[i - 1] > c.start) or (i < len(starts) and starts[i] < c.end):
                continue
            starts.insert(i, c.start)
            ends.insert(i, c.end)
            taken.append(c)
        taken.sort(key=lambda c: c.start)
        # Trim spaces and trailing punctuation that optional groups may leave.
        for c in taken:
            while c.end > c.start and text[c.end - 1] in " ,\u00a0":
                c.end -= 1
        return taken


@cache
def grammar() -> Grammar:
    """The compiled grammar (once per process)."""
    return Grammar(lexicon())
