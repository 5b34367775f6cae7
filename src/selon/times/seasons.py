"""Named times of the year: seasons ("cet hiver", "l'été dernier", "les mois d'été") and holidays
("Noël", "la Toussaint", "Pâques 2003").

Holidays are fixed days or days counted from Easter (lexicon ``holidays_*``);
their year comes from the anchor like any day and month.
"""

from __future__ import annotations

import re
from typing import Any

from selon.times.lexicon import alternation
from selon.times.pieces import CAPITAL_AFTER, SP, B, Cand, E, Family, Rule, Scan, squeeze, toks

__all__ = ["Seasons"]

_COMME_AFTER = re.compile(r" {1,3}comme\b")


class Seasons(Family):
    """Seasons and holidays."""

    def seasons(self) -> list[Rule]:
        p = self.p
        return [
            # "en été", "cet hiver", "l'été dernier", "fin de l'automne 2002".
            Rule(rf"{B}(?:(?P<pos>début|fin|mi)(?:-|{SP})(?:de{SP}l'|d'))?(?:(?P<det>en|cet|l'|au|à{SP}l'|de{SP}l'|"
                 rf"pendant{SP}l'|durant{SP}l'|tout{SP}l'|chaque|comme|ce|d'|dès{SP}l'|depuis{SP}l')(?:{SP}|(?<='))?)?"
                 rf"(?P<s>{p.seasons})(?:{SP}(?P<year>{p.year4})|{SP}(?P<rel>{p.rel}))?{E}", self._season, p.seasons_t,
                 20, 25),
            # "les mois d'été", "des nuits d'hiver".
            Rule(rf"{B}(?:(?:les|des|ces){SP})?(?:mois|nuits?|soirées?|soirs?|journées?|matinées?|week-ends?|"
                 rf"vacances){SP}d'(?P<s>{p.seasons}){E}", self._season_noun, p.seasons_t, 25, 3),
        ]

    def holidays(self) -> list[Rule]:
        L, p = self.lex, self.p
        names = list(L.holidays_fixed) + list(L.holidays_easter)
        hol = alternation(names)
        return [
            Rule(rf"{B}(?P<hol>{hol})(?:{SP}(?P<year>{p.year4})|{SP}(?P<rel>{p.rel}))?{E}", self._holiday, toks(names),
                 20, 20),
        ]

    def _season(self, m: re.Match[str], sc: Scan) -> Cand | None:
        det = squeeze(m["det"] or "")
        s = self.lex.seasons[m["s"]]
        start = m.start()
        if det == "d'":
            return None  # "Jeux d'hiver", "sports d'hiver"; "les mois d'été" has its own pattern
        if det == "comme":
            start = m.start("s")
        if m["s"] in ("été", "ete"):
            if sc.tail(m.start(), 1)[0] in self.w["auxiliaries"]:
                return None
            if not det and not m["year"] and not m["rel"]:
                # A capitalised "Eté comme hiver" at the start of a sentence.
                if not (sc.text[m.start()].isupper() and _COMME_AFTER.match(sc.low, m.end())):
                    return None
        elif not det and not m["year"] and not m["rel"] and not m["pos"]:
            if sc.tail(m.start(), 1)[0] in ("d'", "de", "du", "des", "le", "un", "les"):
                return None
        f: dict[str, Any] = {"season": s, "det": det}
        if m["year"]:
            f["year"] = int(m["year"])
        if m["rel"]:
            f["rel"] = self.rel(m["rel"])
        if m["pos"]:
            f["mod"] = self.lex.position_words.get(m["pos"])
        return Cand(start, m.end(), "season", f)

    def _season_noun(self, m: re.Match[str], sc: Scan) -> Cand | None:
        return Cand(m.start(), m.end(), "season", {"season": self.lex.seasons[m["s"]], "det": ""})

    def _holiday(self, m: re.Match[str], sc: Scan) -> Cand | None:
        h = squeeze(m["hol"])
        if h in ("noël", "noel"):
            prev2, prev = sc.tail(m.start(), 2)
            if {prev, prev2} & self.w["noel_blockers"]:
                return None
            if CAPITAL_AFTER.match(sc.text, m.end()):  # "Noël Mamère"
                return None
        f: dict[str, Any] = {}
        if h in self.lex.holidays_fixed:
            f["month"], f["day"] = self.lex.holidays_fixed[h]
        else:
            f["easter"] = self.lex.holidays_easter[h]
        if m["year"] and self.year_ok(sc, m.end("year")):
            f["year"] = int(m["year"])
        if m["rel"]:
            f["rel"] = self.rel(m["rel"])
        return Cand(m.start(), m.end(), "holiday", f)
