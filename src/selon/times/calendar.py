"""Calendar dates: day and month ("samedi 15 mai 2021"), numeric dates, months, years, decades,
centuries, quarters.

These name a place on the calendar with words of their own; the year may be
missing and is then taken from the anchor by ``selon.times.values``.
"""

from __future__ import annotations

import re
from typing import Any

from selon.times.pieces import DIGITS, ORDINALS, SP, YEAR, B, Cand, E, Family, Rule, Scan

__all__ = ["CalendarDates"]

_ROMAN = {"i": 1, "v": 5, "x": 10}


class CalendarDates(Family):
    """Dates written with a day, a month or a year."""

    def dates(self) -> list[Rule]:
        p = self.p
        wd, day, mon, year4, year2, rel, pos = p.wd, p.day, p.mon, p.year4, p.year2, p.rel, p.pos
        return [
            # Day and month: "samedi 15 mai", "le mercredi 1er mai 2002", "26 septembre dernier".
            Rule(rf"{B}(?:le{SP})?(?:(?P<wd>{wd}),?{SP}(?:le{SP})?)?(?P<day>{day})(?:-|{SP})(?P<month>{mon})"
                 rf"(?:(?:,?{SP})(?:(?P<year>{year4})|(?P<year2>{year2})))?(?:{SP}(?P<rel>{rel}))?{E}",
                 self._day_month, p.months_t, 30, 25),
            # The first days of "les 6 et 13 avril", "du 3 au 6 mai": month from the next date.
            Rule(rf"{B}(?:(?:les|le|du|entre{SP}le){SP})?(?:(?P<wd>{wd}){SP})?(?P<day>{day})(?=(?: {{0,3}}"
                 rf"(?:,|et|ou|au|à|-) {{0,3}}(?:le{SP})?(?:{wd}{SP})?{day}){{1,4}}{SP}{mon}{E})",
                 self._coord_day, p.months_t, 45, 10),
            # Numeric dates: 15/05/2021, 15.05.2021, 2021-05-15.
            Rule(r"(?<![\w./-])(?P<d>0?[1-9]|[12]\d|3[01])(?P<sep>[/.-])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
                 r"(?P<y>\d{4}|\d{2})(?![\w/-]|[.,]\d)", self._numeric_date, {DIGITS}, 10, 12),
            Rule(r"(?<![\w./-])(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w-])",
                 self._numeric_date, {YEAR}, 2, 10),
            # Month, with year, position or "dernier": "octobre 98", "début octobre", "juin prochain".
            Rule(rf"{B}(?:(?P<pos>{pos})(?:-|{SP})(?:(?:de{SP}|du{SP}|d'))?)?(?P<mois>(?:le{SP})?mois{SP}"
                 rf"(?:de{SP}|d'))?(?P<month>{p.mon_full})(?:(?:,?{SP})(?:(?P<year>{year4})|(?P<year2>{year2}))"
                 rf"|{SP}(?P<rel>{rel}))?{E}", self._month, p.months_t, 25, 20),
            # Years: "1998", "l'année 2001", "fin 2002", "l'an 2000".
            Rule(rf"(?<![\w])(?:(?P<pos>{pos})(?:-|{SP})(?:de{SP}l'(?:année|an){SP})?)?"
                 rf"(?:(?P<lead>l'an|l'année|année|an){SP})?(?P<year>{year4})(?!-\d{{1,3}}\b)",
                 self._year, {YEAR}, 25, 5),
            # Decades and centuries: "les années 90", "le XXe siècle".
            Rule(rf"{B}(?:(?:les|des|aux|début{SP}des|fin{SP}des){SP})?années{SP}"
                 rf"(?P<dec>(?:19|20)?\d0|{p.num_word}(?:-{p.num_word}){{0,2}}){E}", self._decade, {"années"}, 15, 25),
            Rule(rf"{B}(?:(?:le|au|du|les|des){SP})?(?P<c>[xvi]{{1,5}}|\d{{1,2}})(?:e|ème|è|eme){SP}siècles?{E}",
                 self._century, {"siècle", "siècles"}, 15, 12),
        ]

    def quarters(self) -> list[Rule]:
        """Quarters and halves: "au premier trimestre 2002"."""
        return [
            Rule(rf"{B}(?:(?:au|le|du){SP})?(?P<ord>premier|1er|deuxième|second|2e|2ème|troisième|3e|3ème|"
                 rf"quatrième|4e|4ème|dernier)(?P<unit>{SP}trimestre|{SP}semestre)(?:{SP}(?P<year>{self.p.year4}))?{E}",
                 self._quarter, {"trimestre", "semestre"}, 20, 12),
        ]

    def _year_of(self, m: re.Match[str], sc: Scan, f: dict[str, Any]) -> int:
        """Put the year (or two-digit year) of a day-month or month match in ``f``; return where the match
        ends: before the year when the context says the number is not one ("mai 2000 manifestants")."""
        end = m.end()
        if m["year"]:
            if self.year_ok(sc, m.end("year")):
                f["year"] = int(m["year"])
            else:
                end = m.end("month")
        elif m["year2"]:
            f["year2"] = int(m["year2"].lstrip("'"))
        return end

    def _day_month(self, m: re.Match[str], sc: Scan) -> Cand | None:
        f: dict[str, Any] = {"day": self.day_of(m["day"]), "month": self.month_of(m["month"])}
        end = self._year_of(m, sc, f)
        if m["rel"] and end >= m.end("rel"):
            f["rel"] = self.rel(m["rel"])
        if m["wd"]:
            f["wd"] = self.lex.weekdays[m["wd"]]
        return Cand(m.start(), end, "date", f)

    def _coord_day(self, m: re.Match[str], sc: Scan) -> Cand | None:
        f: dict[str, Any] = {"day": self.day_of(m["day"])}
        if m["wd"]:
            f["wd"] = self.lex.weekdays[m["wd"]]
        return Cand(m.start(), m.end(), "coord", f)

    def _numeric_date(self, m: re.Match[str], sc: Scan) -> Cand | None:
        y = int(m["y"])
        if len(m["y"]) == 2:
            return Cand(m.start(), m.end(), "date", {"day": int(m["d"]), "month": int(m["m"]), "year2": y})
        if not 1000 <= y <= 2199:
            return None
        return Cand(m.start(), m.end(), "date", {"day": int(m["d"]), "month": int(m["m"]), "year": y})

    def _month(self, m: re.Match[str], sc: Scan) -> Cand | None:
        f: dict[str, Any] = {"month": self.month_of(m["month"])}
        end = self._year_of(m, sc, f)
        if m["rel"]:
            f["rel"] = self.rel(m["rel"])
        if m["pos"]:
            f["mod"] = self.lex.position_words.get(m["pos"])
        bare = not (m["pos"] or m["mois"] or "year" in f or "year2" in f or m["rel"])
        if bare:
            if sc.tail(m.start(), 1)[0] not in self.w["month_left"]:
                return None
            if m["month"] == "mars" and sc.text[m.start()].isupper():  # the planet, a brand
                return None
        return Cand(m.start(), end, "month", f)

    def _year(self, m: re.Match[str], sc: Scan) -> Cand | None:
        y = int(m["year"])
        if not self.year_ok(sc, m.end("year")):
            return None
        start = m.start()
        if not (m["pos"] or m["lead"]):
            prev2, prev = sc.tail(start, 2)
            year_range = len(prev) == 5 and prev[:4].isdigit() and prev[4] == "-"  # "1998-2002"
            if prev in self.w["year_bad_left"] or (prev[:1].isdigit() and not year_range) or (
                    prev == "." and prev2 in self.w["year_bad_left"]):
                return None
            if prev not in self.w["year_left"] and not 1900 <= y <= 2100:
                return None
        f: dict[str, Any] = {"year": y}
        if m["pos"]:
            f["mod"] = self.lex.position_words.get(m["pos"])
        return Cand(start, m.end(), "year", f)

    def _decade(self, m: re.Match[str], sc: Scan) -> Cand | None:
        d = m["dec"]
        if d[0].isdigit():
            n = int(d)
            if n >= 100:
                return Cand(m.start(), m.end(), "fixed", {"type": "DATE", "value": str(n // 10)})
            base = 1900 if n >= 20 else 2000
            return Cand(m.start(), m.end(), "fixed", {"type": "DATE", "value": str((base + n) // 10)})
        n2 = self.lex.number(d)
        if n2 is None or int(n2) % 10 or not 10 <= n2 <= 90:
            return None
        return Cand(m.start(), m.end(), "fixed", {"type": "DATE", "value": str((1900 + int(n2)) // 10)})

    def _century(self, m: re.Match[str], sc: Scan) -> Cand | None:
        c = m["c"]
        if c.isdigit():
            n = int(c)
        else:
            n, prev = 0, 0
            for ch in reversed(c):
                v = _ROMAN[ch]
                n = n - v if v < prev else n + v
                prev = max(prev, v)
        if not 1 <= n <= 22:
            return None
        return Cand(m.start(), m.end(), "fixed", {"type": "DATE", "value": f"{n - 1:02d}"})

    def _quarter(self, m: re.Match[str], sc: Scan) -> Cand | None:
        half = m["unit"].strip() == "semestre"
        n = ORDINALS.get(m["ord"], -1)
        if half and n > 2:
            return None
        f: dict[str, Any] = {"n": n, "letter": "H" if half else "Q"}
        if m["year"]:
            f["year"] = int(m["year"])
        return Cand(m.start(), m.end(), "quarter", f)
