"""Weekdays: "jeudi", "vendredi dernier", "ce même lundi après-midi", "tous les jeudis",
"le deuxième dimanche de septembre".

A bare weekday is a day near the anchor (which one depends on the tense,
``selon.times.values``); with a plural or "chaque" it is a habit (TimeML SET).
"""

from __future__ import annotations

import re
from typing import Any

from selon.times.lexicon import Lexicon
from selon.times.pieces import DIGIT_AFTER, ORDINALS, SP, B, Cand, E, Family, Pieces, Rule, Scan, squeeze

__all__ = ["Weekdays"]


class Weekdays(Family):
    """Weekdays alone, with a day number, or counted within a month."""

    def __init__(self, lex: Lexicon, p: Pieces) -> None:
        super().__init__(lex, p)
        self._re_au_wd = re.compile(rf"{SP}au{SP}{p.wd}{E}")
        self._re_du_wd = re.compile(rf"\bdu{SP}{p.wd}{SP}$")

    def rules(self) -> list[Rule]:
        p = self.p
        wd, day = p.wd, p.day
        return [
            Rule(rf"{B}(?:(?P<det>ce{SP}même|ce{SP}meme|ce|le|les|chaque|tous{SP}les|un|du|au){SP})?(?P<wd>{wd})"
                 rf"(?P<pl>s)?(?:{SP}(?P<day>{day})(?!{SP}{p.mon}))?(?:{SP}(?P<rel>{p.rel}))?"
                 rf"(?:{SP}(?P<part>{p.parts}))?{E}", self._weekday, p.wd_t, 15, 30),
            # "le deuxième dimanche de septembre", "le dernier lundi du mois d'août".
            Rule(rf"{B}(?:le{SP})?(?P<ord>premier|1er|deuxième|2e|second|troisième|3e|quatrième|4e|dernier){SP}"
                 rf"(?P<wd>{wd}){SP}(?:du{SP}mois{SP})?(?:de{SP}|d')(?P<month>{p.mon_full})"
                 rf"(?:{SP}(?P<year>{p.year4}))?{E}", self._nth_weekday, p.wd_t, 25, 30),
        ]

    def _weekday(self, m: re.Match[str], sc: Scan) -> Cand | None:
        det = squeeze(m["det"] or "")
        f: dict[str, Any] = {"wd": self.lex.weekdays[m["wd"]]}
        if m["part"]:
            f["part"] = self.lex.day_parts[m["part"]]
        if m["day"]:  # "vendredi 12 à 20 h": the month is the nearest one where the 12th is a Friday
            if m["pl"] or det in ("chaque", "tous les", "les", "un"):
                return None
            f["day"] = self.day_of(m["day"])
            return Cand(m.start("wd"), m.end(), "weekday_day", f)
        if m["pl"] or det in ("chaque", "tous les", "les"):
            return Cand(m.start(), m.end(), "set_weekday", f)
        if det == "un":  # "tombe un samedi": some Saturday
            return Cand(m.start(), m.end(), "fixed", {"type": "DATE", "value": f"XXXX-WXX-{f['wd']}"})
        if det == "du" and self._re_au_wd.match(sc.low, m.end()) or (
                det == "au" and self._re_du_wd.search(sc.low, max(0, m.start("det") - 20), m.start("det"))):
            # "du lundi au vendredi": opening days, a habit
            return Cand(m.start("wd"), m.end(), "set_weekday", f)
        start = m.start()
        if det in ("du", "au"):
            det, start = "", m.start("wd")
        if m["rel"]:
            f["rel"] = self.rel(m["rel"])
        if det == "le" and not m["rel"]:
            # "le mercredi" with no date: a habit (TimeML SET), unless a day number follows.
            if DIGIT_AFTER.match(sc.low, m.end()):
                f["det"] = ""
                return Cand(m.start("wd"), m.end(), "weekday", f)
            return Cand(m.start(), m.end(), "set_weekday", f)
        f["det"] = det
        return Cand(start, m.end(), "weekday", f)

    def _nth_weekday(self, m: re.Match[str], sc: Scan) -> Cand | None:
        f: dict[str, Any] = {"n": ORDINALS.get(m["ord"], -1), "wd": self.lex.weekdays[m["wd"]],
                             "month": self.month_of(m["month"])}
        if m["year"] and self.year_ok(sc, m.end("year")):
            f["year"] = int(m["year"])
        return Cand(m.start(), m.end(), "nth_weekday", f)
