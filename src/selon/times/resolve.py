"""From found expressions to ``record.Time``: the anchor, the order of resolution, the text's own dates.

The anchor is the publication date when known (``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``), else the latest full date the text states.  When no year is
known and a weekday is given ("samedi 15 mai"), the year is the most recent
one, not after ``today``, where weekday and date agree, and the result is
marked ``inferred``.  Expressions that take their day from the text ("à 18 h",
"la veille", "cette année-là") are resolved after the others, from the dates
those gave; the arithmetic of each kind is ``selon.times.values``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from datetime import date, timedelta

from selon.record import Time
from selon.times.anchor import Anchor, infer_year, iso, safe_date
from selon.times.grammar import Grammar
from selon.times.pieces import Cand
from selon.times.values import Values

__all__ = ["Resolver", "Result"]

_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_SENTENCE_END = re.compile(r"[.!?…\n][.!?…»\"”)]{0,5}\s*")
_CONTEXT_KINDS = frozenset({"clock", "daypart", "context_day"})
_TYPE_OF = {"clock": "TIME", "daypart": "TIME", "duration": "DURATION", "set_weekday": "SET"}

Result = tuple[str, str | None, bool]  # TimeML type, value, inferred


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
        self.values = Values(lambda: self.anchor, today, self._tense)

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
                       and "year2" not in c.f and (d := infer_year(c.f["day"], c.f["month"], c.f["wd"], self.today))]
            if guessed:
                d = max(guessed)
                self.anchor_inferred = True
                return Anchor(d.year, d.month, d.day)
        return published

    # -- driving ---------------------------------------------------------------------------------

    def run(self) -> list[Time]:
        self._link_coordinations()
        out: dict[int, Result] = {}
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
        if c.kind == "duration" and c.f.get("from_story"):
            return True  # "deux jours plus tôt": counted from the story's date, not the publication's
        return (c.kind == "calunit" and c.f.get("context", False)) or (
            c.kind == "weekday" and c.f.get("det", "").startswith("ce m"))

    def _safely(self, fn: Callable[[Cand], Result], c: Cand) -> Result:
        """Resolve one expression; calendar arithmetic off the end of the calendar gives no value."""
        self._touched = False
        try:
            return self._flag(fn(c))
        except (OverflowError, ValueError):
            return _TYPE_OF.get(c.kind, "DATE"), None, False

    def _flag(self, res: Result) -> Result:
        """Mark a value inferred when it was computed from a date whose year was inferred."""
        typ, value, inferred = res
        if self._touched and value and any(ch.isdigit() for ch in value) and not value.startswith("P"):
            inferred = True
        return typ, value, inferred

    def _note(self, c: Cand, res: Result) -> None:
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

    def _resolve(self, c: Cand) -> Result:
        f = c.f
        k = c.kind
        v = self.values
        if k == "fixed":
            return f["type"], f["value"], False
        if k == "date":
            value, inferred = v.day_month(f.get("day", 1), f["month"], f.get("year"), f.get("year2"),
                                          f.get("wd"), f.get("rel", 0), c)
            return "DATE", value, inferred
        if k == "month":
            return "DATE", v.month(f["month"], f.get("year"), f.get("year2"), f.get("rel", 0), c), False
        if k == "year":
            return "DATE", f"{f['year']:04d}", False
        if k == "relday":
            a = self.anchor.full
            value = iso(a + timedelta(days=f["offset"])) if a else None
            return self._with_part(value, f.get("part"))
        if k == "weekday":
            value = v.weekday(f["wd"], f.get("rel", 0), c)
            return self._with_part(value, f.get("part"))
        if k == "weekday_day":
            value, inferred = v.weekday_day(f["wd"], f["day"])
            typ, val, _ = self._with_part(value, f.get("part"))
            return typ, val, inferred
        if k == "set_weekday":
            val = f"XXXX-WXX-{f['wd']}" + (f"T{self._part_code(f['part'])}" if f.get("part") else "")
            return "SET", val, False
        if k == "daypart":
            if "offset" in f:
                a = self.anchor.full
                return self._with_part(iso(a + timedelta(days=f["offset"])) if a else None, f["part"])
            return self._with_part(v.weekday(f["wd"], 0, c), f["part"])
        if k == "calunit":
            return "DATE", v.calunit(f["unit"], f["shift"], c), False
        if k == "season":
            return "DATE", v.season(f["season"], f.get("det", ""), f.get("year"), f.get("rel", 0), c), False
        if k == "duration":
            return v.duration(f)
        if k == "holiday":
            return "DATE", v.holiday(f, c), False
        if k == "quarter":
            return "DATE", v.quarter(f), False
        if k == "nth_weekday":
            return "DATE", v.nth_weekday(f, c), False
        return "DATE", None, False

    def _resolve_in_context(self, c: Cand) -> Result:
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
        if c.kind == "duration":
            day = self._context_day_for(c)
            story = Anchor.parse(day) if day else self.anchor
            return Values(lambda: story, self.today, self._tense).duration(f)
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

    def _with_part(self, value: str | None, part: str | None) -> Result:
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

    def _tense(self, c: Cand | None) -> int:
        if c is None:
            return 0
        if "tense" not in c.f:
            tense = self.g.tense.near(self.text, c.start, c.end)
            if not tense and self.tense_hint is not None:  # no verb form the words can read: ask the parse
                tense = self.tense_hint(c.start, c.end) or 0
            c.f["tense"] = tense
        return int(c.f["tense"])

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

