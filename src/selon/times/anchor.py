"""Reference dates and calendar arithmetic: the anchor (as precise as known), Easter, ISO durations.

Pure functions of dates, shared by the value rules (``values``) and the
resolver that chooses the anchor (``resolve``).
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from selon.times.lexicon import Unit

__all__ = ["Anchor", "easter", "infer_year", "iso", "render_duration", "safe_date"]

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


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


def infer_year(day: int, month: int, wd: int, today: date) -> date | None:
    """ "samedi 15 mai" with no year: the most recent such date, not after ``today``, that is a Saturday."""
    for y in range(today.year, today.year - 29, -1):
        d = safe_date(y, month, day)
        if d is not None and d <= today and d.isoweekday() == wd:
            return d
    return None


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
