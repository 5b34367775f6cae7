"""Event dates as day intervals with a precision, for merging and filtering.

A report's ``date`` is an ISO value as precise as the text allowed
("2021-05-15", "2021-05", "2021-W20", "2021"), or null.  Merging compares
intervals, and the window depends on the precision: two day-precise reports
may differ by one day (time zones, "hier" resolved against different
publication times); a month-precise report matches any day of that month; a
year-precise one only the same year at year precision (a whole year would
bridge every event between two actors).  A report with no date of its own
falls back to the few days before its article's publication, and one with
neither cannot be placed in time and never merges.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

# Precisions, finest first.
PRECISIONS = ("day", "week", "month", "published", "year", "none")
DAY_TOLERANCE = 1  # days two day-precise reports of one event may differ by
PUBLISHED_WINDOW = 3  # an undated report happened within this many days before publication

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|T)")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Interval:
    """Closed interval of days [start, end] and how precise the source value was."""

    start: date | None
    end: date | None
    precision: str

    @property
    def placed(self) -> bool:
        return self.start is not None and self.end is not None


NOWHERE = Interval(None, None, "none")


def parse(value: str | None) -> Interval:
    """The interval an ISO date value covers; ``NOWHERE`` when the value is missing or not a calendar date."""
    if not value:
        return NOWHERE
    value = value.strip()
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return Interval(d, d, "day")
        if m := _WEEK.match(value):
            first = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return Interval(first, first + timedelta(days=6), "week")
        if m := _MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            last = calendar.monthrange(year, month)[1]
            return Interval(date(year, month, 1), date(year, month, last), "month")
        if m := _YEAR.match(value):
            year = int(m[1])
            if year < 1:
                return NOWHERE
            return Interval(date(year, 1, 1), date(year, 12, 31), "year")
    except ValueError:  # 2021-02-30, week 54, month 13: not a date
        return NOWHERE
    return NOWHERE


def report_interval(event_date: str | None, published: str | None) -> Interval:
    """A report's interval: its own date, else the days just before its article's publication."""
    own = parse(event_date)
    if own.placed:
        return own
    pub = parse(published)
    if pub.precision == "day" and pub.start is not None:
        return Interval(pub.start - timedelta(days=PUBLISHED_WINDOW), pub.start, "published")
    return NOWHERE


def compatible(a: Interval, b: Interval) -> bool:
    """Whether two reports' dates allow them to be one event."""
    if not (a.placed and b.placed):
        return False
    if a.precision == "year" or b.precision == "year":
        return a.precision == b.precision and a.start == b.start
    tol = timedelta(days=DAY_TOLERANCE if a.precision == b.precision == "day" else 0)
    assert a.start and a.end and b.start and b.end
    return a.start <= b.end + tol and b.start <= a.end + tol


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def from_iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def filter_bound(value: str, upper: bool) -> str:
    """A --since/--until value ("2021", "2021-05", "2021-05-15") as the first or last day it covers.

    Raises ValueError with a readable message on anything else.
    """
    iv = parse(value)
    if not iv.placed or iv.precision not in ("day", "month", "year"):
        raise ValueError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    d = iv.end if upper else iv.start
    assert d is not None
    return d.isoformat()
