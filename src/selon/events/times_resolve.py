"""What the found expressions mean: TimeML type and ISO value, resolved against an anchor.

The anchor is the publication date when known (``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``), else the latest full date the text states.  A value that
needs more than the anchor gives is ``None`` or left underspecified
(``XXXX-05-15``): we never invent precision.  When no year is known and a
weekday is given ("samedi 15 mai"), the year is the most recent one, not
after ``today``, where weekday and date agree, and the result is marked
``inferred``.
"""

from __future__ import annotations

import bisect
import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from selon.events.times_grammar import Cand, Grammar
from selon.events.times_lexicon import Unit
from selon.record import Time

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_SENTENCE_END = re.compile(r"[.!?…\n][.!?…»\"”)]{0,5}\s*")
_SEASON_ORDER = ("SP", "SU", "FA", "WI")
_CONTEXT_KINDS = frozenset({"clock", "daypart", "context_day"})
_TYPE_OF = {"clock": "TIME", "daypart": "TIME", "duration": "DURATION", "set_weekday": "SET"}


@dataclass(frozen=True)
class Anchor:
    """A reference date, as precise as known."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> Anchor:
        """``"2021-05-15"``, ``"2021-05"``, ``"2021"`` (a longer timestamp is cut); bad input gives no anchor."""
        m = _ISO.match((value or "").strip())
        if not m:
            return cls()
        y = int(m.group(1))
        if not 1000 <= y <= 2999:  # not a publication date this tool can reason from
            return cls()
        mo = int(m.group(2)) if m.group(2) else None
        d = int(m.group(3)) if m.group(3) else None
        if mo is not None and not 1 <= mo <= 12:
            return cls(y)
        if mo is not None and d is not None and not 1 <= d <= monthrange(y, mo)[1]:
            return cls(y, mo)
        return cls(y, mo, d)

    @property
    def full(self) -> date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def interval(self) -> tuple[date, date] | None:
        if self.year is None:
            return None
        if self.month is None:
            return date(self.year, 1, 1), date(self.year, 12, 31)
        if self.day is None:
            return date(self.year, self.month, 1), date(self.year, self.month, monthrange(self.year, self.month)[1])
        d = date(self.year, self.month, self.day)
        return d, d

    def agrees(self, d: date) -> bool:
        """Whether a full date falls within this (partial) anchor."""
        return d.year == self.year and (self.month is None or d.month == self.month) and (
            self.day is None or d.day == self.day)


def iso(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def safe_date(y: int, m: int, d: int) -> date | None:
    if not (1 <= y <= 9999 and 1 <= m <= 12 and 1 <= d <= 31):
        return None
    if d > monthrange(y, m)[1]:
        return None
    return date(y, m, d)


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def render_duration(n: float, unit: Unit) -> str:
    """ISO-8601 duration for n units: P3Y, PT30.4S, P2Y6M ("deux ans et demi"), PT30M ("une demi-heure")."""
    total = n * unit.size
    t = "T" if unit.time else ""
    if float(total).is_integer():
        return f"P{t}{int(total)}{unit.code}"
    smaller = {("Y", False): (12, "M", False), ("M", False): (30, "D", False), ("W", False): (7, "D", False),
               ("D", False): (24, "H", True), ("H", True): (60, "M", True), ("M", True): (60, "S", True)}
    step = smaller.get((unit.code, unit.time))
    whole = int(total)
    if step:
        sub = (total - whole) * step[0]
        if abs(sub - round(sub)) < 1e-9:
            head = f"{whole}{unit.code}" if whole else ""
            if unit.time or not step[2]:
                return f"P{t}{head}{int(round(sub))}{step[1]}"
            return f"P{head}T{int(round(sub))}{step[1]}"
    return f"P{t}{total:g}{unit.code}"


class Resolver:
    """Turns one text's candidates into ``record.Time`` values."""

    def __init__(self, grammar: Grammar, text: str, cands: list[Cand], published: str | None, today: date,
                 tense_hint: Callable[[int, int], int | None] | None = None) -> None:
        self.g = grammar
        self.tense_hint = tense_hint
        self.text = text
        self.cands = cands
        self.today = today
        self.anchor_inferred = False  # the anchor's year comes from weekday agreement
        self._anchor = self._choose_anchor(Anchor.parse(published))
        self._touched = False  # whether the value being resolved used an inferred date
        self._sent_ends_cache: list[int] | None = None
        self._days: list[tuple[int, str]] = []  # (start, YYYY-MM-DD) of resolved expressions, by start
        self._inferred_starts: set[int] = set()  # those among them whose year was inferred

    @property
    def anchor(self) -> Anchor:
        if self.anchor_inferred:
            self._touched = True
        return self._anchor

    # -- the anchor ------------------------------------------------------------------------------

    def _choose_anchor(self, published: Anchor) -> Anchor:
        if published.full is not None:
            return published
        stated: list[date] = []
        for c in self.cands:
            if c.kind == "date" and "year" in c.f:
                d = safe_date(c.f["year"], c.f["month"], c.f["day"])
                if d is not None and (published.year is None or published.agrees(d)) and d <= self.today:
                    stated.append(d)
        if stated:
            d = max(stated)
            return Anchor(d.year, d.month, d.day)
        if published.year is None:
            # "samedi 15 mai" and nothing else: the most recent year where the weekday agrees.
            guessed = [d for c in self.cands if c.kind == "date" and "wd" in c.f and "year" not in c.f
                       and "year2" not in c.f and (d := self._infer_year(c.f["day"], c.f["month"], c.f["wd"]))]
            if guessed:
                d = max(guessed)
                self.anchor_inferred = True
                return Anchor(d.year, d.month, d.day)
        return published

    def _infer_year(self, day: int, month: int, wd: int) -> date | None:
        for y in range(self.today.year, self.today.year - 29, -1):
            d = safe_date(y, month, day)
            if d is not None and d <= self.today and d.isoweekday() == wd:
                return d
        return None

    # -- driving ---------------------------------------------------------------------------------

    def run(self) -> list[Time]:
        self._link_coordinations()
        out: dict[int, tuple[str, str | None, bool]] = {}
        for i, c in enumerate(self.cands):
            if self._needs_context(c):
                continue
            out[i] = self._safely(self._resolve, c)
            self._note(c, out[i])
        for i, c in enumerate(self.cands):
            if i not in out:
                out[i] = self._safely(self._resolve_in_context, c)
                self._note(c, out[i])
        times = []
        for i, c in enumerate(self.cands):
            typ, value, inferred = out[i]
            times.append(Time(start=c.start, end=c.end, text=self.text[c.start:c.end], type=typ, value=value,
                              inferred=inferred))
        return times

    def _needs_context(self, c: Cand) -> bool:
        """Expressions whose day comes from the dates around them, resolved after the others."""
        if c.kind in _CONTEXT_KINDS:
            return not (c.kind == "daypart" and ("wd" in c.f or "offset" in c.f))
        return (c.kind == "calunit" and c.f.get("context", False)) or (
            c.kind == "weekday" and c.f.get("det", "").startswith("ce m"))

    def _safely(self, fn: Any, c: Cand) -> tuple[str, str | None, bool]:
        """Resolve one expression; calendar arithmetic off the end of the calendar gives no value."""
        self._touched = False
        try:
            return self._flag(fn(c))
        except (OverflowError, ValueError):
            return _TYPE_OF.get(c.kind, "DATE"), None, False

    def _flag(self, res: tuple[str, str | None, bool]) -> tuple[str, str | None, bool]:
        """Mark a value inferred when it was computed from a date whose year was inferred."""
        typ, value, inferred = res
        if self._touched and value and any(ch.isdigit() for ch in value) and not value.startswith("P"):
            inferred = True
        return typ, value, inferred

    def _note(self, c: Cand, res: tuple[str, str | None, bool]) -> None:
        _, value, inferred = res
        if value and _DAY_VALUE.match(value):
            bisect.insort(self._days, (c.start, value[:10]))
            if inferred:
                self._inferred_starts.add(c.start)

    def _link_coordinations(self) -> None:
        """ "les 6 et 13 avril prochains": the first day takes month, year and direction of the next date."""
        for i, c in enumerate(self.cands):
            if c.kind != "coord":
                continue
            nxt = next((d for d in self.cands[i + 1:] if d.kind == "date"), None)
            if nxt is None or nxt.start - c.end > 40:
                c.kind, c.f = "fixed", {"type": "DATE", "value": None}
                continue
            c.kind = "date"
            c.f = {**{k: v for k, v in nxt.f.items() if k in ("month", "year", "year2", "rel")}, **c.f}

    # -- one expression --------------------------------------------------------------------------

    def _resolve(self, c: Cand) -> tuple[str, str | None, bool]:
        f = c.f
        k = c.kind
        if k == "fixed":
            return f["type"], f["value"], False
        if k == "date":
            value, inferred = self._day_month(f.get("day", 1), f["month"], f.get("year"), f.get("year2"),
                                              f.get("wd"), f.get("rel", 0), c)
            return "DATE", value, inferred
        if k == "month":
            return "DATE", self._month(f["month"], f.get("year"), f.get("year2"), f.get("rel", 0), c), False
        if k == "year":
            return "DATE", f"{f['year']:04d}", False
        if k == "relday":
            a = self.anchor.full
            value = iso(a + timedelta(days=f["offset"])) if a else None
            return self._with_part(value, f.get("part"))
        if k == "weekday":
            value = self._weekday(f["wd"], f.get("rel", 0), c)
            return self._with_part(value, f.get("part"))
        if k == "weekday_day":
            value, inferred = self._weekday_day(f["wd"], f["day"])
            typ, v, _ = self._with_part(value, f.get("part"))
            return typ, v, inferred
        if k == "set_weekday":
            v = f"XXXX-WXX-{f['wd']}" + (f"T{self._part_code(f['part'])}" if f.get("part") else "")
            return "SET", v, False
        if k == "daypart":
            if "offset" in f:
                a = self.anchor.full
                return self._with_part(iso(a + timedelta(days=f["offset"])) if a else None, f["part"])
            return self._with_part(self._weekday(f["wd"], 0, c), f["part"])
        if k == "calunit":
            return "DATE", self._calunit(f["unit"], f["shift"], c), False
        if k == "season":
            return "DATE", self._season(f["season"], f.get("det", ""), f.get("year"), f.get("rel", 0)), False
        if k == "duration":
            return self._duration(f)
        if k == "holiday":
            return "DATE", self._holiday(f, c), False
        if k == "quarter":
            return "DATE", self._quarter(f), False
        if k == "nth_weekday":
            return "DATE", self._nth_weekday(f, c), False
        return "DATE", None, False

    def _resolve_in_context(self, c: Cand) -> tuple[str, str | None, bool]:
        f = c.f
        if c.kind == "clock":
            day = self._context_day_for(c)
            hhmm = f"{f['h']:02d}:{f['m']:02d}"
            return "TIME", f"{day or 'XXXX-XX-XX'}T{hhmm}", False
        if c.kind == "daypart":
            if "wd" in f:
                return self._resolve(c)
            day = self._context_day_for(c)
            return "TIME", f"{day or 'XXXX-XX-XX'}T{self._part_code(f['part'])}", False
        if c.kind == "context_day" and f.get("of_next"):
            nxt = next((d for d in self.cands if c.end <= d.start <= c.end + 8), None)
            day = next((v for s, v in self._days if nxt is not None and s == nxt.start), None)
            value = iso(date.fromisoformat(day) + timedelta(days=f["offset"])) if day else None
            return self._with_part(value, f.get("part"))
        if c.kind == "context_day":
            prev = self._previous_day(c.start)
            value = iso(date.fromisoformat(prev) + timedelta(days=f["offset"])) if prev else None
            return self._with_part(value, f.get("part"))
        if c.kind == "calunit":
            return "DATE", self._calunit_in_context(c), False
        if c.kind == "weekday":  # "ce même lundi"
            i = bisect.bisect_left(self._days, (c.start, ""))
            for start, day in reversed(self._days[max(0, i - 20):i]):
                if date.fromisoformat(day).isoweekday() == f["wd"]:
                    self._touched |= start in self._inferred_starts
                    return self._with_part(day, f.get("part"))
            return self._resolve(Cand(c.start, c.end, "weekday", {**f, "det": ""}))
        return self._resolve(c)

    # -- helpers ---------------------------------------------------------------------------------

    def _part_code(self, part: str) -> str:
        return "12:00" if part == "MI" else part

    def _with_part(self, value: str | None, part: str | None) -> tuple[str, str | None, bool]:
        if not part:
            return "DATE", value, False
        return "TIME", (f"{value}T{self._part_code(part)}" if value else None), False

    @property
    def _sent_ends(self) -> list[int]:
        if self._sent_ends_cache is None:
            self._sent_ends_cache = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        return self._sent_ends_cache

    def _sentence(self, pos: int) -> tuple[int, int]:
        ends = self._sent_ends
        i = bisect.bisect_right(ends, pos)
        lo = ends[i - 1] if i else 0
        hi = ends[i] if i < len(ends) else len(self.text)
        return lo, hi

    def _previous_day(self, pos: int) -> str | None:
        i = bisect.bisect_left(self._days, (pos, ""))
        if not i:
            return None
        start, day = self._days[i - 1]
        self._touched |= start in self._inferred_starts
        return day

    def _context_day_for(self, c: Cand) -> str | None:
        """The day a clock time or part of day belongs to: the sentence's date, else the last one, else the anchor."""
        lo, hi = self._sentence(c.start)
        i = bisect.bisect_left(self._days, (c.start, ""))
        pick: tuple[int, str] | None = None
        if i and self._days[i - 1][0] >= lo:
            pick = self._days[i - 1]
        else:
            j = bisect.bisect_right(self._days, (c.start, "~"))
            if j < len(self._days) and self._days[j][0] < hi:
                pick = self._days[j]
        if pick is not None:
            self._touched |= pick[0] in self._inferred_starts
            return pick[1]
        prev = self._previous_day(c.start)
        if prev:
            return prev
        a = self.anchor.full
        return iso(a) if a else None

    def _year2(self, yy: int) -> int:
        ref = self.anchor.year or self.today.year
        return 2000 + yy if 2000 + yy <= ref + 10 else 1900 + yy

    def _tense(self, c: Cand | None) -> int:
        if c is None:
            return 0
        if "tense" not in c.f:
            tense = self.g.tense_near(self.text, c.start, c.end)
            if not tense and self.tense_hint is not None:  # no verb form the words can read: ask the parse
                tense = self.tense_hint(c.start, c.end) or 0
            c.f["tense"] = tense
        return int(c.f["tense"])

    def _by_tense(self, best: date, options: list[date], lo: date, hi: date, c: Cand | None) -> date:
        """The closest reading, unless it is well on the wrong side of the anchor for the verb's tense
        ("À Noël, les enfants recevront…" in March: next Christmas)."""
        if best > hi + timedelta(days=60) or best < lo - timedelta(days=60):
            tense = self._tense(c)
            if tense > 0 and best < lo:
                later = [d for d in options if lo <= d <= lo + timedelta(days=300)]
                return min(later) if later else best
            if tense < 0 and best > hi:
                earlier = [d for d in options if hi - timedelta(days=300) <= d <= hi]
                return max(earlier) if earlier else best
        return best

    def _day_month(self, day: int, month: int, year: int | None, year2: int | None, wd: int | None,
                   rel: int, c: Cand | None = None) -> tuple[str | None, bool]:
        if year2 is not None and year is None:
            year = self._year2(year2)
        if year is not None:
            d = safe_date(year, month, day)
            return (iso(d) if d else None), False
        span = self.anchor.interval()
        if span is None:
            if wd is not None:
                guess = self._infer_year(day, month, wd)
                if guess is not None:
                    return iso(guess), True
            if safe_date(2000, month, day) is None:  # 29 February is valid in 2000
                return None, False
            return f"XXXX-{month:02d}-{day:02d}", False
        lo, hi = span
        options = [d for y in (lo.year - 1, lo.year, lo.year + 1) if (d := safe_date(y, month, day)) is not None]
        if not options:
            return None, False
        if rel < 0:
            options = [d for d in options if d < hi] or options
        elif rel > 0:
            options = [d for d in options if d > lo] or options

        def dist(d: date) -> tuple[int, int]:
            gap = 0 if lo <= d <= hi else min(abs((d - lo).days), abs((d - hi).days))
            return gap, abs(d.year - lo.year)

        best = min(options, key=dist)
        if not rel:
            best = self._by_tense(best, options, lo, hi, c)
        if wd is not None and best.isoweekday() != wd:
            agree = [d for d in options if d.isoweekday() == wd]
            if agree:
                return iso(min(agree, key=dist)), True
        return iso(best), False

    def _month(self, month: int, year: int | None, year2: int | None, rel: int, c: Cand | None = None) -> str | None:
        if year2 is not None and year is None:
            year = self._year2(year2)
        if year is not None:
            return f"{year:04d}-{month:02d}"
        a = self.anchor
        if a.year is None:
            return f"XXXX-{month:02d}"
        if a.month is None:
            return f"{a.year:04d}-{month:02d}"
        now = a.year * 12 + a.month - 1
        options = [y * 12 + month - 1 for y in (a.year - 1, a.year, a.year + 1)]
        if rel < 0:
            options = [o for o in options if o < now]
        elif rel > 0:
            options = [o for o in options if o > now]
        best = min(options, key=lambda o: (abs(o - now), -o))
        if not rel and abs(best - now) > 2:
            tense = self._tense(c)
            if tense > 0 and best < now:
                best = min(o for o in options if o >= now)
            elif tense < 0 and best > now:
                best = max(o for o in options if o <= now)
        return f"{best // 12:04d}-{best % 12 + 1:02d}"

    def _weekday_day(self, wd: int, day: int) -> tuple[str | None, bool]:
        """ "vendredi 12": the date nearest the anchor (within two months) that is a Friday the 12th."""
        a = self.anchor.full
        if a is None:
            return None, False
        options = []
        for k in range(-2, 3):
            idx = a.year * 12 + a.month - 1 + k
            d = safe_date(idx // 12, idx % 12 + 1, day)
            if d is not None and d.isoweekday() == wd:
                options.append(d)
        if not options:
            return None, False
        return iso(min(options, key=lambda d: abs((d - a).days))), False

    def _weekday(self, wd: int, rel: int, c: Cand | None) -> str | None:
        a = self.anchor.full
        if a is None:
            return None
        back = (a.isoweekday() - wd) % 7
        fwd = (wd - a.isoweekday()) % 7
        if rel < 0:
            return iso(a - timedelta(days=back or 7))
        if rel > 0:
            return iso(a + timedelta(days=fwd or 7))
        if back and self._tense(c) > 0:
            return iso(a + timedelta(days=fwd))
        return iso(a - timedelta(days=back))

    def _calunit(self, unit: str, shift: int, c: Cand | None) -> str | None:
        a = self.anchor
        if unit in ("week", "weekend"):
            d = a.full
            if d is None:
                return None
            if unit == "week":
                y, w, _ = (d + timedelta(days=7 * shift)).isocalendar()
                return f"{y}-W{w:02d}"
            wdn = d.isoweekday()
            if shift < 0:
                target = d - timedelta(days=(wdn % 7) or 7)
            elif shift > 0:
                target = d + timedelta(days=((6 - wdn) % 7) or 7)
            elif self._tense(c) > 0:
                target = d + timedelta(days=(6 - wdn) % 7)
            else:
                target = d if wdn >= 5 else d - timedelta(days=wdn)
            y, w, _ = target.isocalendar()
            return f"{y}-W{w:02d}-WE"
        if a.year is None:
            return None
        if unit == "year":
            return f"{a.year + shift:04d}"
        if unit == "decade":
            return f"{a.year // 10 + shift}"
        if unit == "century":
            return f"{a.year // 100 + shift:02d}"
        if a.month is None:
            return None
        if unit == "month":
            idx = a.year * 12 + a.month - 1 + shift
            return f"{idx // 12:04d}-{idx % 12 + 1:02d}"
        if unit == "quarter":
            idx = a.year * 4 + (a.month - 1) // 3 + shift
            return f"{idx // 4:04d}-Q{idx % 4 + 1}"
        if unit == "half":
            idx = a.year * 2 + (a.month - 1) // 6 + shift
            return f"{idx // 2:04d}-H{idx % 2 + 1}"
        return None

    def _calunit_in_context(self, c: Cand) -> str | None:
        """ "cette année-là", "ce mois-là", "la même semaine": the unit of the last date mentioned."""
        unit = c.f["unit"]
        prev = self._previous_day(c.start)
        if prev is None:
            return None
        d = date.fromisoformat(prev)
        if unit == "year":
            return f"{d.year:04d}"
        if unit == "month":
            return prev[:7]
        if unit == "week":
            y, w, _ = d.isocalendar()
            return f"{y}-W{w:02d}"
        if unit == "weekend":
            y, w, _ = d.isocalendar()
            return f"{y}-W{w:02d}-WE"
        return None

    def _season(self, season: str, det: str, year: int | None, rel: int) -> str:
        if year is not None:
            return f"{year:04d}-{season}"
        a = self.anchor
        if a.year is None or not (det in ("cet", "ce") or rel):
            return f"XXXX-{season}"
        if a.month is None:
            return f"{a.year:04d}-{season}" if not rel else f"XXXX-{season}"
        # Seasons as a sequence: spring, summer, autumn, winter (December starts that year's winter).
        cur_year = a.year - 1 if a.month <= 2 else a.year
        now = cur_year * 4 + ((a.month - 3) % 12) // 3
        idx = _SEASON_ORDER.index(season)
        options = [y * 4 + idx for y in (cur_year - 1, cur_year, cur_year + 1)]
        if rel < 0:
            best = max(o for o in options if o < now)
        elif rel > 0:
            best = min(o for o in options if o > now)
        else:
            best = min(options, key=lambda o: (abs(o - now), -o))
        return f"{best // 4:04d}-{season}"

    def _duration(self, f: dict[str, Any]) -> tuple[str, str | None, bool]:
        unit: Unit = f["unit"]
        direction = f.get("direction", 0)
        if f["vague"] or f["n"] is None:
            if direction:
                return "DATE", ("PAST_REF" if direction < 0 else "FUTURE_REF"), False
            letter = unit.vague or unit.code
            return "DURATION", (f"PTX{letter}" if unit.time else f"PX{letter}"), False
        n = float(f["n"])
        if not direction:
            return "DURATION", render_duration(n, unit), False
        a = self.anchor
        total = n * unit.size
        if unit.time:
            return "DATE", (iso(a.full) if a.full else None), False
        if unit.code in ("D", "W"):
            if a.full is None or not float(total).is_integer():
                return "DATE", None, False
            days = int(total) * (7 if unit.code == "W" else 1)
            try:
                return "DATE", iso(a.full + timedelta(days=direction * days)), False
            except OverflowError:
                return "DATE", None, False
        if unit.code == "M":
            if a.month is None or a.year is None or not float(total).is_integer():
                return "DATE", None, False
            idx = a.year * 12 + a.month - 1 + direction * int(total)
            return "DATE", (f"{idx // 12:04d}-{idx % 12 + 1:02d}" if 0 < idx // 12 < 10000 else None), False
        if a.year is None or not float(total).is_integer():
            return "DATE", None, False
        y = a.year + direction * int(total)
        return "DATE", (f"{y:04d}" if 0 < y < 10000 else None), False

    def _holiday(self, f: dict[str, Any], c: Cand) -> str | None:
        if "month" in f:
            value, _ = self._day_month(f["day"], f["month"], f.get("year"), None, None, f.get("rel", 0), c)
            return value
        offset = f["easter"]
        if f.get("year"):
            return iso(easter(f["year"]) + timedelta(days=offset))
        span = self.anchor.interval()
        if span is None:
            return None
        lo, hi = span
        options = [easter(y) + timedelta(days=offset) for y in (lo.year - 1, lo.year, lo.year + 1)]
        rel = f.get("rel", 0)
        if rel < 0:
            options = [d for d in options if d < hi] or options
        elif rel > 0:
            options = [d for d in options if d > lo] or options
        best = min(options, key=lambda d: 0 if lo <= d <= hi else min(abs((d - lo).days), abs((d - hi).days)))
        if not rel:
            best = self._by_tense(best, options, lo, hi, c)
        return iso(best)

    def _nth_weekday(self, f: dict[str, Any], c: Cand) -> str | None:
        """ "le deuxième dimanche de septembre": the month is resolved like "septembre", then counted."""
        ym = self._month(f["month"], f.get("year"), None, 0, c)
        if ym is None or ym.startswith("X"):
            return ym
        y, mo = int(ym[:4]), int(ym[5:7])
        last = monthrange(y, mo)[1]
        days = [d for d in range(1, last + 1) if date(y, mo, d).isoweekday() == f["wd"]]
        n = f["n"]
        if n == -1:
            return iso(date(y, mo, days[-1]))
        return iso(date(y, mo, days[n - 1])) if n <= len(days) else None

    def _quarter(self, f: dict[str, Any]) -> str | None:
        year = f.get("year") or self.anchor.year
        n = f["n"]
        letter = f["letter"]
        if n < 0:
            n = 4 if letter == "Q" else 2
        return f"{year:04d}-{letter}{n}" if year else f"XXXX-{letter}{n}"
