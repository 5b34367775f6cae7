"""Relative and deictic expressions: "hier", "ce soir", "la semaine dernière", "cette année-là",
"la veille", "le lendemain", "désormais".

They name no calendar point themselves: the deictic ones count from the anchor
(the publication date), the anaphoric ones ("la veille", "ce jour-là", "cette
année-là") from the last date the text established.
"""

from __future__ import annotations

import re
from typing import Any

from selon.times.lexicon import alternation
from selon.times.pieces import OF_AFTER, SP, B, Cand, E, Family, Rule, Scan, squeeze, toks

__all__ = ["Deictic"]


class Deictic(Family):
    """Days, parts of days and calendar units counted from the anchor or from the text."""

    def days(self) -> list[Rule]:
        """Counted from the anchor: "hier matin", "ce soir", "la semaine dernière"."""
        L, p = self.lex, self.p
        rd = alternation(L.relative_days)
        cu = alternation(L.calendar_units)
        return [
            # "hier", "aujourd'hui vendredi", "hier matin", "hier en fin d'après-midi".
            Rule(rf"{B}(?P<rd>{rd})(?:{SP}(?P<wd>{p.wd}))?(?:(?:{SP}|, {{0,2}})(?:(?:en{SP})?(?:fin|début){SP}"
                 rf"(?:de{SP}|d')|dans{SP}l(?:a{SP}|')|au{SP}cours{SP}de{SP}l(?:a{SP}|'))?(?P<part>{p.parts}))?"
                 rf"(?![\w-])", self._relday, toks(L.relative_days), 8, 40),
            # "ce matin", "cet après-midi", "cette nuit"; "ce soir-là" takes the day from the text.
            Rule(rf"{B}(?P<det>ce|cet|cette){SP}(?P<part>matin|soir|après-midi|apres-midi|nuit|midi)"
                 rf"(?P<la>-là|{SP}là|-ci)?{E}", self._this_part, p.parts_t, 10, 8),
            # Calendar units: "cette semaine", "la semaine dernière", "au début du mois", "l'an prochain".
            Rule(rf"{B}(?:(?P<pos>{p.pos})(?:-|{SP}))?(?P<det>cette|ce|cet|la|le|l'|du|de{SP}la|de{SP}l'|"
                 rf"de{SP}cette|de{SP}ce|de|d')(?:{SP}|(?<='))?(?:(?P<adj>nouvelle|même){SP})?(?P<unit>{cu})"
                 rf"(?P<ci>-ci|-là|{SP}là|{SP}même)?(?:{SP}(?P<rel>{p.rel}|en{SP}cours|courante?|écoulée?))?{E}",
                 self._calunit, toks(L.calendar_units), 25, 20),
        ]

    def context(self) -> list[Rule]:
        """Counted from the text, and references: "la veille", "le lendemain", "désormais"."""
        L = self.lex
        cd = alternation(L.context_days)
        refs = alternation(L.references)
        return [
            Rule(rf"{B}(?P<cd>{cd})(?:{SP}(?:au{SP})?(?P<part>matin|soir|midi|après-midi))?{E}", self._context_day,
                 toks(L.context_days), 20, 20),
            # References: "actuellement", "désormais", "autrefois", "bientôt".
            Rule(rf"{B}(?P<ref>{refs})(?![\w-])", self._reference, toks(L.references), 25, 25),
        ]

    def _relday(self, m: re.Match[str], sc: Scan) -> Cand | None:
        f: dict[str, Any] = {"offset": self.lex.relative_days[m["rd"]]}
        if m["wd"]:
            f["wd"] = self.lex.weekdays[m["wd"]]
        if m["part"]:
            f["part"] = self.lex.day_parts[m["part"]]
        return Cand(m.start(), m.end(), "relday", f)

    def _this_part(self, m: re.Match[str], sc: Scan) -> Cand | None:
        part = self.lex.day_parts[m["part"]]
        if m["la"] and "là" in m["la"]:
            return Cand(m.start(), m.end(), "daypart", {"part": part})
        return Cand(m.start(), m.end(), "relday", {"offset": 0, "part": part})

    def _calunit(self, m: re.Match[str], sc: Scan) -> Cand | None:
        det = squeeze(m["det"])
        unit = self.lex.calendar_units[m["unit"]]
        ci = (m["ci"] or "").strip()
        rel = m["rel"] or ""
        f: dict[str, Any] = {"unit": unit}
        if m["pos"]:
            f["mod"] = self.lex.position_words.get(m["pos"])
        if ci in ("-là", "là", "même") or m["adj"] == "même":
            f["context"] = True
            return Cand(m.start(), m.end(), "calunit", f)
        shift = self.rel(rel)
        if rel and not shift:  # "en cours", "courante"
            shift = 0
        elif not rel:
            if not (det in ("cette", "ce", "cet") or m["pos"] or m["adj"] == "nouvelle"
                    or (unit == "weekend" and det in ("le", "du"))):
                return None
            if m["unit"] == "an" and not m["pos"]:
                return None
        f["shift"] = shift
        start = m.start()
        if not m["pos"] and det.startswith("de "):  # "de la semaine dernière": the time is "la semaine dernière"
            start = m.start("det") + len(m["det"]) - len(m["det"].split()[-1])
        elif not m["pos"] and det == "du":  # "au cours du week-end"
            start = m.start("unit")
        return Cand(start, m.end(), "calunit", f)

    def _context_day(self, m: re.Match[str], sc: Scan) -> Cand | None:
        f: dict[str, Any] = {"offset": self.lex.context_days[squeeze(m["cd"])]}
        if m["part"]:
            f["part"] = self.lex.day_parts[m["part"]]
        elif OF_AFTER.match(sc.low, m.end()):
            f["of_next"] = True  # "la veille du scrutin", "le lendemain de Noël": counted from what follows
        return Cand(m.start(), m.end(), "context_day", f)

    def _reference(self, m: re.Match[str], sc: Scan) -> Cand | None:
        if m["ref"].startswith("à"):
            if sc.tail(m.start(), 1)[0].startswith(self.lex.reference_blocking_verbs):
                return None
        return Cand(m.start(), m.end(), "fixed",
                    {"type": "TIME", "value": self.lex.references[squeeze(m["ref"])]})
