"""The French time lexicon (``data/times_fr.yaml``) as lookup tables and regex alternations.

Loaded and compiled once per process; the grammar (``selon.times.grammar`` and its families) builds
its patterns from these pieces so that adding a word is a data change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from selon.data import load_yaml

# One to five ordinary spaces: the grammar runs on a copy of the text where
# every horizontal blank is a plain space and newlines are kept, so no
# expression crosses a line.
SP = " {1,5}"


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex alternation, longest first, spaces made flexible."""
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", SP) for w in uniq) + ")"


@dataclass(frozen=True)
class Unit:
    code: str  # ISO-8601 designator: Y M W D H M S
    time: bool  # after the "T" (hours, minutes, seconds)
    size: int  # how many `code` one unit is worth (décennie = 10 Y)
    vague: str | None = None  # designator for "des décennies" (DE, CE, ML)


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    approximate_numbers: dict[str, int]
    ordinals: dict[str, int]
    vague_quantities: tuple[str, ...]
    units: dict[str, Unit]
    duration_nouns: dict[str, str]
    set_units: dict[str, str]
    frequency_words: dict[str, str]
    frequency_blocked_heads: frozenset[str]
    reference_blocking_verbs: tuple[str, ...]
    day_parts: dict[str, str]
    day_part_phrases: dict[str, str]
    clock_words: dict[str, str]
    seasons: dict[str, str]
    relative_days: dict[str, int]
    context_days: dict[str, int]
    past_words: frozenset[str]
    future_words: frozenset[str]
    calendar_units: dict[str, str]
    position_words: dict[str, str | None]
    holidays_fixed: dict[str, tuple[int, int]]
    holidays_easter: dict[str, int]
    references: dict[str, str]
    duration_heads: frozenset[str]
    quantity_words: frozenset[str]
    year_followers: frozenset[str]
    future_markers: tuple[str, ...]
    future_endings: tuple[str, ...]
    past_auxiliaries: tuple[str, ...]
    past_adverbs: tuple[str, ...]
    participle_endings: tuple[str, ...]
    irregular_participles: tuple[str, ...]
    words: dict[str, frozenset[str]]  # context_words: small word lists that settle ambiguities

    def number(self, words: str) -> float | None:
        """Read "18", "30,4", "dix-huit", "vingt et un", "quatre-vingt-dix" as a number."""
        w = words.strip()
        if w and w[0].isdigit():
            try:
                return float(w.replace(",", "."))
            except ValueError:
                return None
        total, current = 0, 0
        for part in re.split(r"[\s-]+", w):
            if not part or part == "et":
                continue
            v = self.numbers.get(part)
            if v is None:
                return None
            if v == 1000:
                total += (current or 1) * 1000
                current = 0
            elif v == 100:
                current = (current or 1) * 100
            elif v == 20 and current % 100 == 4:  # quatre-vingt
                current += 76
            else:
                current += v
        n = total + current
        return float(n) if n else None


def _units(raw: dict[str, Any]) -> dict[str, Unit]:
    return {k: Unit(v["code"], bool(v["time"]), int(v["size"]), v.get("vague")) for k, v in raw.items()}


@cache
def lexicon() -> Lexicon:
    """The lexicon from ``data/times_fr.yaml`` (once per process)."""
    d = load_yaml("times_fr.yaml")
    return Lexicon(
        months=dict(d["months"]),
        month_abbreviations=dict(d["month_abbreviations"]),
        weekdays=dict(d["weekdays"]),
        numbers=dict(d["numbers"]),
        approximate_numbers=dict(d["approximate_numbers"]),
        ordinals={str(k): int(v) for k, v in d["ordinals"].items()},
        vague_quantities=tuple(d["vague_quantities"]),
        units=_units(d["units"]),
        duration_nouns=dict(d["duration_nouns"]),
        set_units=dict(d["set_units"]),
        frequency_words=dict(d["frequency_words"]),
        frequency_blocked_heads=frozenset(d["frequency_blocked_heads"]),
        reference_blocking_verbs=tuple(d["reference_blocking_verbs"]),
        day_parts=dict(d["day_parts"]),
        day_part_phrases=dict(d["day_part_phrases"]),
        clock_words={k: str(v) for k, v in d["clock_words"].items()},
        seasons=dict(d["seasons"]),
        relative_days=dict(d["relative_days"]),
        context_days=dict(d["context_days"]),
        past_words=frozenset(d["past_words"]),
        future_words=frozenset(d["future_words"]),
        calendar_units=dict(d["calendar_units"]),
        position_words=dict(d["position_words"]),
        holidays_fixed={k: (int(v[0]), int(v[1])) for k, v in d["holidays_fixed"].items()},
        holidays_easter={k: int(v) for k, v in d["holidays_easter"].items()},
        references=dict(d["references"]),
        duration_heads=frozenset(d["duration_heads"]),
        quantity_words=frozenset(str(w) for w in d["quantity_words"]),
        year_followers=frozenset(d["year_followers"]),
        future_markers=tuple(d["future_markers"]),
        future_endings=tuple(d["future_endings"]),
        past_auxiliaries=tuple(d["past_auxiliaries"]),
        past_adverbs=tuple(d["past_adverbs"]),
        participle_endings=tuple(d["participle_endings"]),
        irregular_participles=tuple(d["irregular_participles"]),
        words={k: frozenset(str(w) for w in v) for k, v in d["context_words"].items()},
    )
