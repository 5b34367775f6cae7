"""Find catastrophic backtracking in regular expressions by trying adversarial strings on them.

Generic on purpose: it reads each pattern's own structure (``re._parser``),
so it applies to every pattern a data file or module defines, including ones
written after this test.  For each pattern it builds strings of the shape
``prefix + pump * n + suffix``:

- *prefix*: a string matching the pattern's first k elements (every k), so
  the engine reaches the quantifiers deep inside the pattern;
- *pump*: characters (and short strings) that some repeated part of the
  pattern accepts, repeated ~1,500 times: what makes nested or adjacent
  quantifiers try every way of splitting the run;
- *suffix*: a character that makes the overall match fail at the very end.

Each ``search`` runs under a SIGALRM deadline (CPython's regex engine checks
for signals), so an exponential pattern fails the test instead of hanging it.
"""

from __future__ import annotations

import itertools
import re
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

# Characters that news text is made of, one or more per character class a pattern may use.
POOL = list("a Aé1É.-'’,:;\t()«»\"/|_@#©\u00a0xZ0?!&*+")
REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}
SUFFIXES = ["", "!", "\x00", "\n§"]
PUMP_LENGTH = 1500


class TooSlow(Exception):
    pass


@dataclass
class Finding:
    pattern: str
    where: str
    text: str
    seconds: float

    def __str__(self) -> str:
        return (f"{self.where}: {self.pattern!r} took over {self.seconds:.2f}s on "
                f"{self.text[:40]!r}...{self.text[-20:]!r} ({len(self.text)} chars)")


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise TooSlow after ``seconds``; restores any timer already set (pytest-timeout's)."""

    def alarm(signum: int, frame: Any) -> None:
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, alarm)
    outer, interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    t0 = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - t0), 0.001), interval)


def _category(cat: Any, ch: str) -> bool:
    tests = {
        C.CATEGORY_DIGIT: lambda c: bool(re.match(r"\d", c)),
        C.CATEGORY_NOT_DIGIT: lambda c: not re.match(r"\d", c),
        C.CATEGORY_SPACE: lambda c: bool(re.match(r"\s", c)),
        C.CATEGORY_NOT_SPACE: lambda c: not re.match(r"\s", c),
        C.CATEGORY_WORD: lambda c: bool(re.match(r"\w", c)),
        C.CATEGORY_NOT_WORD: lambda c: not re.match(r"\w", c),
    }
    test = tests.get(cat)
    return test(ch) if test else False


def _in_set(items: list[tuple[Any, Any]], ch: str, ignore_case: bool) -> bool:
    negate = bool(items) and items[0][0] is C.NEGATE
    found = False
    for op, av in items:
        if op is C.LITERAL:
            found |= chr(av) == ch or (ignore_case and chr(av).lower() == ch.lower())
        elif op is C.RANGE:
            found |= av[0] <= ord(ch) <= av[1] or (ignore_case and av[0] <= ord(ch.lower()) <= av[1])
        elif op is C.CATEGORY:
            found |= _category(av, ch)
    return found != negate


def first_chars(items: list[tuple[Any, Any]], ignore_case: bool) -> list[str]:
    """Pool characters that can start a match of the sequence ``items``."""
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.LITERAL:
            return [chr(av)]
        if op is C.NOT_LITERAL:
            return [c for c in POOL if c != chr(av)][:4]
        if op is C.ANY:
            return ["a", " ", "."]
        if op is C.IN:
            return [c for c in POOL if _in_set(av, c, ignore_case)][:6]
        if op is C.SUBPATTERN:
            return first_chars(list(av[-1]), ignore_case)
        if op is getattr(C, "ATOMIC_GROUP", None):
            return first_chars(list(av), ignore_case)
        if op is C.BRANCH:
            return list(dict.fromkeys(c for b in av[1] for c in first_chars(list(b), ignore_case)))[:8]
        if op in REPEATS:
            return first_chars(list(av[2]), ignore_case)
        return []
    return []


def samples(items: list[tuple[Any, Any]], ignore_case: bool, cap: int = 4) -> list[str]:
    """A few strings that match the sequence ``items`` (repeats at their minimum, or once)."""
    out = [""]
    for op, av in items:
        if op is C.LITERAL:
            opts = [chr(av)]
        elif op in (C.NOT_LITERAL, C.ANY, C.IN):
            opts = first_chars([(op, av)], ignore_case)[:1] or ["a"]
        elif op is C.SUBPATTERN:
            opts = samples(list(av[-1]), ignore_case, cap)
        elif op is getattr(C, "ATOMIC_GROUP", None):
            opts = samples(list(av), ignore_case, cap)
        elif op is C.BRANCH:
            opts = [s for b in av[1] for s in samples(list(b), ignore_case, 1)][:cap]
        elif op in REPEATS:
            lo, hi, body = av
            one = samples(list(body), ignore_case, 1)[0]
            opts = [one * min(lo, 50)] + ([one] if lo == 0 and hi != 0 else [])
        else:  # anchors, lookarounds, back references: nothing to add
            opts = [""]
        out = [a + b for a, b in itertools.product(out, opts)][:cap]
    return out


def flatten(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Inline plain groups, so prefixes can stop inside them."""
    flat: list[tuple[Any, Any]] = []
    for op, av in items:
        if op is C.SUBPATTERN:
            flat.extend(flatten(list(av[-1])))
        else:
            flat.append((op, av))
    return flat


def repeated_parts(items: list[tuple[Any, Any]]) -> Iterator[list[tuple[Any, Any]]]:
    for op, av in items:
        if op in REPEATS:
            yield list(av[2])
            yield from repeated_parts(list(av[2]))
        elif op is C.SUBPATTERN:
            yield from repeated_parts(list(av[-1]))
        elif op is getattr(C, "ATOMIC_GROUP", None):
            yield from repeated_parts(list(av))
        elif op is C.BRANCH:
            for b in av[1]:
                yield from repeated_parts(list(b))
        elif op in (C.ASSERT, C.ASSERT_NOT):
            yield from repeated_parts(list(av[1]))


def adversarial(pattern: re.Pattern[str], max_prefixes: int = 10,
                max_pumps: int = 12) -> list[tuple[str, str, str]]:
    """The (prefix, pump, suffix) shapes to try on ``pattern``."""
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    items = list(P.parse(pattern.pattern, pattern.flags))
    flat = flatten(items)
    prefixes: list[str] = []
    for k in range(len(flat) + 1):
        prefixes.extend(samples(flat[:k], ignore_case, 2))
    prefixes = list(dict.fromkeys(prefixes))
    if len(prefixes) > max_prefixes:  # keep the first, the last, and an even spread between
        step = len(prefixes) / max_prefixes
        prefixes = [prefixes[int(i * step)] for i in range(max_prefixes - 1)] + [prefixes[-1]]
    pumps: list[str] = []
    for part in repeated_parts(items):
        pumps.extend(first_chars(part, ignore_case))
        pumps.extend(s for s in samples(part, ignore_case, 2) if s)
        pumps.extend(s + " " for s in samples(part, ignore_case, 1) if s)
    pumps = list(dict.fromkeys([*pumps, " ", "a", "A"]))[:max_pumps]
    return list(itertools.product(prefixes, pumps, SUFFIXES))


def build(shape: tuple[str, str, str], length: int = PUMP_LENGTH) -> str:
    prefix, pump, suffix = shape
    return prefix + pump * max(1, length // len(pump)) + suffix


def _time(pattern: re.Pattern[str], text: str, limit: float, mode: str = "search") -> float:
    t0 = time.perf_counter()
    try:
        with deadline(limit):
            pattern.search(text) if mode == "search" else pattern.match(text)
    except TooSlow:
        return float("inf")
    return time.perf_counter() - t0


def slowest(pattern: re.Pattern[str], where: str, limit: float, growth_mode: str = "match",
            growth_limit: float = 0.05) -> tuple[Finding | None, int]:
    """A string that makes ``pattern`` slow, if any, and how many strings were tried.

    Slow is either over ``limit`` seconds for ``search`` on ~1,500 characters
    (exponential or cubic backtracking), or, for the slowest shapes, over
    ``growth_limit`` on four times the length while growing faster than
    linearly (quadratic: harmless on a short line, hours on a 5 MB one).  The
    growth is measured the way the pattern is used (``growth_mode``): any
    unanchored pattern is quadratic under ``search`` over a long run of what
    it starts with, which matters only where the code does search with it.
    """
    timed: list[tuple[float, tuple[str, str, str]]] = []
    checked: set[tuple[str, str, str]] = set()

    def grows(took: float, shape: tuple[str, str, str]) -> Finding | None:
        checked.add(shape)
        text = build(shape, 4 * PUMP_LENGTH)
        took = _time(pattern, build(shape), 1.0, growth_mode) if growth_mode != "search" else took
        longer = _time(pattern, text, 1.0, growth_mode)
        if longer > growth_limit and longer > 6 * max(took, 1e-6):
            # Confirm on fresh timings (best of three each): on a loaded machine one slow
            # measurement is a scheduling hiccup, not quadratic growth.
            short = build(shape)
            took = min(_time(pattern, short, 1.0, growth_mode) for _ in range(3))
            longer = min(_time(pattern, text, 1.0, growth_mode) for _ in range(3))
            if longer > growth_limit and longer > 6 * max(took, 1e-6):
                return Finding(pattern.pattern, where, text, longer)
        return None

    for shape in adversarial(pattern):
        text = build(shape)
        took = _time(pattern, text, limit)
        if took > limit:
            return Finding(pattern.pattern, where, text, took), len(timed) + 1
        timed.append((took, shape))
        if (growth_mode != "none" and took > growth_limit / 10 and len(checked) < 3
                and (found := grows(took, shape))):
            return found, len(timed)  # slow already: no need to try the rest
    if growth_mode == "none":  # applied to trusted data only: exponential is all that matters
        return None, len(timed)
    for took, shape in sorted(timed, reverse=True)[:3]:
        if shape not in checked and (found := grows(took, shape)):
            return found, len(timed)
    return None, len(timed)
