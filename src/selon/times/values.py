"""The value of one expression against the anchor: which 15 May, which Thursday, which week, which winter.

Each rule takes what the words say (a ``Cand``'s fields) and the anchor and
returns an ISO value, ``None`` when the anchor is too vague, or an
underspecified value (``XXXX-05-15``): we never invent precision.  When the
nearest reading is far on the wrong side of the anchor for the verb's tense,
the tense decides ("À Noël, les enfants recevront…" in March: next Christmas).
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from selon.times.anchor import Anchor, easter, infer_year, iso, render_duration, safe_date
from selon.times.lexicon import Unit
from selon.times.pieces import Cand

__all__ = ["Values"]

_SEASON_ORDER = ("SP", "SU", "FA", "WI")


class Values:
    """Calendar values for one text: ``anchor()`` gives its reference date, ``tense(cand)`` a verb's tense."""

    def __init__(self, anchor: Callable[[], Anchor], today: date, tense: Callable[[Cand | None], int]) -> None:
        self._anchor_of = anchor
        self.today = today
        self.tense = tense

    @property
    def anchor(self) -> Anchor:
        return self._anchor_of()

    def year2(self, yy: int) -> int:
        """ "octobre 98": the century that puts the year at most ten years after the anchor."""
        ref = self.anchor.year or self.today.year
        return 2000 + yy if 2000 + yy <= ref + 10 else 1900 + yy

    def by_tense(self, best: date, options: list[date], lo: date, hi: date, c: Cand | None) -> date:
        """The closest reading, unless it is well on the wrong side of the anchor for the verb's tense."""
        if best > hi + timedelta(days=60) or best < lo - timedelta(days=60):
            tense = self.tense(c)
            if tense > 0 and best < lo:
                later = [d for d in options if lo <= d <= lo + timedelta(days=300)]
                return min(later) if later else best
            if tense < 0 and best > hi:
                earlier = [d for d in options if hi - timedelta(days=300) <= d <= hi]
                return max(earlier) if earlier else best
        return best

    def day_month(self, day: int, month: int, year: int | None, year2: int | None, wd: int | None,
                  rel: int, c: Cand | None = None) -> tuple[str | None, bool]:
        """A day of a month: the given year, else the reading nearest the anchor (weekday and tense agreeing)."""
        if year2 is not None and year is None:
            year = self.year2(year2)
        if year is not None:
            d = safe_date(year, month, day)
            return (iso(d) if d else None), False
        span = self.anchor.interval()
        if span is None:
            if wd is not None:
                guess = infer_year(day, month, wd, self.today)
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
            best = self.by_tense(best, options, lo, hi, c)
        if wd is not None and best.isoweekday() != wd:
            agree = [d for d in options if d.isoweekday() == wd]
            if agree:
                return iso(min(agree, key=dist)), True
        return iso(best), False

    def month(self, month: int, year: int | None, year2: int | None, rel: int, c: Cand | None = None) -> str | None:
        """A month: the given year, else the one nearest the anchor ("dernier"/"prochain" and tense agreeing)."""
        if year2 is not None and year is None:
            year = self.year2(year2)
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
            tense = self.tense(c)
            if tense > 0 and best < now:
                best = min(o for o in options if o >= now)
            elif tense < 0 and best > now:
                best = max(o for o in options if o <= now)
        return f"{best // 12:04d}-{best % 12 + 1:02d}"

    def weekday_day(self, wd: int, day: int) -> tuple[str | None, bool]:
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

    def weekday(self, wd: int, rel: int, c: Cand | None) -> str | None:
        """ "jeudi": the last Thursday (the anchor's day included), or the next one in the future tense."""
        a = self.anchor.full
        if a is None:
            return None
        back = (a.isoweekday() - wd) % 7
        fwd = (wd - a.isoweekday()) % 7
        if rel < 0:
            return iso(a - timedelta(days=back or 7))
        if rel > 0:
            return iso(a + timedelta(days=fwd or 7))
        if back and self.tense(c) > 0:
            return iso(a + timedelta(days=fwd))
        return iso(a - timedelta(days=back))

    def calunit(self, unit: str, shift: int, c: Cand | None) -> str | None:
        """ "cette semaine", "le mois dernier", "l'an prochain": the anchor's unit, shifted."""
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
            elif self.tense(c) > 0:
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

    def season(self, season: str, det: str, year: int | None, rel: int, c: Cand | None = None) -> str:
        """ "cet hiver", "l'été dernier", "d'ici l'automne": seasons as a sequence, the definite one the
        nearest on the side the verb's tense points to; "en été" alone is any summer."""
        if year is not None:
            return f"{year:04d}-{season}"
        a = self.anchor
        definite = det.endswith("l'") or det == "au"  # "l'automne", "d'ici à l'été", "au printemps"
        if a.year is None or not (det in ("cet", "ce") or rel or definite):
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
            tense = self.tense(c) if definite else 0
            side = [o for o in options if (o >= now if tense > 0 else o <= now if tense < 0 else True)]
            best = min(side or options, key=lambda o: (abs(o - now), -o))
        return f"{best // 4:04d}-{season}"

    def duration(self, f: dict[str, Any]) -> tuple[str, str | None, bool]:
        """A length of time, or the date it points at ("il y a trois jours", "dans deux mois")."""
        unit: Unit = f["unit"]
        direction = f.get("direction", 0)
        if f["vague"] or f["n"] is None:
            if direction and unit.time and f.get("from_story") and self.anchor.full:
                return "DATE", iso(self.anchor.full), False  # "quelques heures plus tôt": that same day
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

    def holiday(self, f: dict[str, Any], c: Cand) -> str | None:
        """A fixed holiday like a day and month; an Easter one counted from that year's Easter."""
        if "month" in f:
            value, _ = self.day_month(f["day"], f["month"], f.get("year"), None, None, f.get("rel", 0), c)
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
            best = self.by_tense(best, options, lo, hi, c)
        return iso(best)

    def nth_weekday(self, f: dict[str, Any], c: Cand) -> str | None:
        """ "le deuxième dimanche de septembre": the month is resolved like "septembre", then counted."""
        ym = self.month(f["month"], f.get("year"), None, 0, c)
        if ym is None or ym.startswith("X"):
            return ym
        y, mo = int(ym[:4]), int(ym[5:7])
        last = monthrange(y, mo)[1]
        days = [d for d in range(1, last + 1) if date(y, mo, d).isoweekday() == f["wd"]]
        n = f["n"]
        if n == -1:
            return iso(date(y, mo, days[-1]))
        return iso(date(y, mo, days[n - 1])) if n <= len(days) else None

    def quarter(self, f: dict[str, Any]) -> str | None:
        year = f.get("year") or self.anchor.year
        n = f["n"]
        letter = f["letter"]
        if n < 0:
            n = 4 if letter == "Q" else 2
        return f"{year:04d}-{letter}{n}" if year else f"XXXX-{letter}{n}"
