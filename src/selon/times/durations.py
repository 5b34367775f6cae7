"""Durations and sets: "trois ans", "il y a environ une semaine", "ces dernières semaines",
"toute la journée", "chaque lundi", "deux fois par semaine", "quotidien".

A duration introduced by "il y a" or "dans" points at a date (TimeML DATE),
counted from the anchor; an age ("un homme de 38 ans") is no time at all.
"""

from __future__ import annotations

import re
from typing import Any

from selon.times.lexicon import Lexicon, alternation
from selon.times.pieces import (
    CAPITAL_AFTER,
    DIGIT_AFTER,
    RANGE_AFTER,
    SP,
    B,
    Cand,
    E,
    Family,
    Pieces,
    Rule,
    Scan,
    squeeze,
    toks,
)

__all__ = ["Durations"]

_DURATIVE = frozenset({"il y a", "il y avait", "voici", "voilà", "depuis", "pendant", "durant", "en", "dans",
                       "sur", "pour", "après", "avant", "d'ici", "d'ici à", "au bout de", "au bout d'",
                       "cela fait", "ça fait", "au cours des", "au cours de", "au cours d'"})
_APPOSITION_END = re.compile(r"\s*[,)]")
_WHOLE = {"journée": "P1D", "nuit": "P1D", "semaine": "P1W", "année": "P1Y", "matinée": "P1D",
          "soirée": "P1D", "mois": "P1M", "week-end": "P1W", "après-midi": "P1D"}


class Durations(Family):
    """Lengths of time, and the repetitions of time (TimeML SET)."""

    def __init__(self, lex: Lexicon, p: Pieces) -> None:
        super().__init__(lex, p)
        self._re_sentence_term = re.compile(rf" {{1,3}}{alternation(lex.words['sentence_heads'])}\b")

    def durations(self) -> list[Rule]:
        L, p = self.lex, self.p
        number, units = p.number, p.units
        pre = (rf"(?P<pre>il{SP}y{SP}a(?:vait)?|voici|voilà|depuis|pendant|durant|en|dans|sur|pour|après|avant|"
               rf"d'ici(?:{SP}à)?|au{SP}bout{SP}d(?:e{SP}|')|au{SP}cours{SP}d(?:es{SP}|e{SP}|')|"
               rf"cela{SP}fait|ça{SP}fait|de|d'|les|des)")
        apx = (rf"(?P<apx>environ|près{SP}de|près{SP}d'|plus{SP}de|plus{SP}d'|moins{SP}de|moins{SP}d'|presque|"
               rf"quelque|au{SP}moins|au{SP}plus|bien|seulement|à{SP}peine|pas{SP}moins{SP}de|"
               rf"un{SP}peu{SP}plus{SP}de)")
        qty = (rf"(?:(?P<num>{number})|(?P<apxn>une?{SP}(?P<apxw>{p.approx}){SP}(?:de{SP}|d'))|(?P<vague>{p.vague})|"
               rf"(?P<frac>un{SP}quart{SP}(?:de{SP}|d')|une?{SP}demi-|trois{SP}quarts{SP}(?:de{SP}|d')))")
        dn = alternation(L.duration_nouns)
        return [
            # "trois ans", "il y a environ une semaine", "dans deux jours".
            Rule(rf"{B}(?:{pre}(?:{SP}|(?<=')))?(?:{apx}(?:{SP}|(?<=')))?{qty} {{0,3}}(?P<unit>{units})"
                 rf"(?:{SP}et{SP}(?P<half>demie?|quart))?(?:{SP}(?P<after>plus{SP}tard|plus{SP}tôt|auparavant|"
                 rf"d'affilée|de{SP}suite))?{E}", self._duration, p.units_t, 45, 30),
            # "ces dernières semaines", "les trois derniers mois", "les 24 dernières heures".
            Rule(rf"{B}(?:(?:au{SP}cours|pendant|durant|depuis|dans|lors){SP}(?:de{SP}|d')?)?(?P<det>ces|les|des)"
                 rf"(?:{SP}(?P<num>{number}))?{SP}(?P<rel>derni(?:er|ère)s|prochaine?s|passée?s){SP}(?P<unit>{units}){E}",
                 self._last_n, p.units_t, 35, 5),
            Rule(rf"{B}(?P<det>ces|les){SP}(?P<unit>{units}){SP}(?P<rel>passée?s|écoulée?s|précédente?s|à{SP}venir|"
                 rf"qui{SP}viennent|suivante?s){E}", self._last_n, p.units_t, 10, 20),
            Rule(rf"{B}(?P<noun>{dn}){E}", self._duration_noun, toks(L.duration_nouns), 2, 2),
            # "toute l'année", "toute la journée", "tout le mois".
            Rule(rf"{B}(?:toute{SP}(?:la{SP}|l')|tout{SP}le{SP})(?P<unit>journée|nuit|semaine|année|matinée|soirée|"
                 rf"mois|week-end|après-midi){E}", self._whole, p.units_t | p.parts_t | {"week"}, 15, 5),
        ]

    def sets(self) -> list[Rule]:
        """ "chaque jour", "tous les jeudis", "deux fois par semaine", "quotidien"."""
        L, p = self.lex, self.p
        setw = alternation(list(L.set_units) + list(L.weekdays) + list(L.day_parts) + list(L.seasons))
        fw = alternation(L.frequency_words)
        return [
            Rule(rf"{B}(?:(?P<freq>{p.number}|une){SP}fois{SP})?(?P<q>chaque|tous{SP}les|toutes{SP}les|par)"
                 rf"(?:{SP}(?P<num>{p.number}))?{SP}(?P<unit>{setw})(?P<pl>s)?{E}", self._set,
                 p.units_t | p.wd_t | p.parts_t | p.seasons_t | toks(L.set_units), 35, 5),
            Rule(rf"{B}(?P<fw>{fw}){E}", self._frequency, toks(L.frequency_words), 2, 2),
        ]

    def _is_age(self, m: re.Match[str], sc: Scan, pre: str, unit: str) -> bool:
        """ "un homme de 38 ans", "Florian, 26 ans,", "âgée de 90 ans", "les moins de 17 ans": an age."""
        if unit not in ("an", "ans", "année", "années") or pre in _DURATIVE:
            return False
        if self._re_sentence_term.match(sc.low, m.end()):
            return False  # "condamné à deux ans de prison"
        if pre in ("les", "des"):
            return True  # "les moins de 17 ans" (an age group), "les 20 ans du mouvement" (an anniversary)
        prev2, prev = sc.tail(m.start(), 2)
        if prev in self.w["age_before"] or prev.startswith(("âgé", "agé")) or (
                prev in ("de", "d'") and (prev2.startswith(("âgé", "agé")) or prev2 == "au-delà")):
            return True
        if pre in ("de", "d'"):
            # "un chauffeur de 38 ans" is an age; "une peine de dix ans" a duration.
            return prev not in self.lex.duration_heads
        if pre:
            return False
        return prev in (",", "(") and bool(_APPOSITION_END.match(sc.low, m.end()))

    def _quantity(self, m: re.Match[str]) -> tuple[float | None, bool]:
        """(number of units, vague) for the quantity groups of the duration pattern."""
        if m["num"]:
            return self.lex.number(m["num"]), False
        if m["apxn"]:
            return float(self.lex.approximate_numbers[m["apxw"]]), False
        if m["frac"]:
            fr = m["frac"]
            return (0.25 if fr.startswith("un quart") else 0.75 if fr.startswith("trois") else 0.5), False
        return None, True

    def _duration(self, m: re.Match[str], sc: Scan) -> Cand | None:
        pre = squeeze(m["pre"] or "")
        unit_w = m["unit"]
        unit = self.lex.units[unit_w]
        n, vague = self._quantity(m)
        if vague:
            if m["vague"] == "des" and unit_w in ("années", "ans") and DIGIT_AFTER.match(sc.low, m.end()):
                return None  # "des années 90": the decade pattern
            if m["vague"] in ("certaines", "certains", "des") and not pre and unit.code not in "Y":
                return None  # "en dehors des heures scolaires"; "des années" alone is a duration
        elif n is None or n <= 0:
            return None
        num_w = (m["num"] or "").strip()
        if num_w in ("un", "une") and unit_w in ("jour", "nuit") and pre not in _DURATIVE and not m["apx"]:
            return None  # "un jour" = some day; "une nuit" = a night, not a duration
        if unit_w in ("nuit", "nuits", "journée", "journées") and not (m["num"] or m["apxn"]):
            return None
        if self._is_age(m, sc, pre, unit_w):
            return None
        if unit_w in ("heure", "heures") and m["num"] and m["num"][0].isdigit() and not m["apx"]:
            # "à 15 heures", "de 9 heures à 12 heures": clock times, read by the clock pattern.
            prev2, prev = sc.tail(m.start("num"), 2)
            if prev in ("à", "vers", "dès", "avant", "après", "entre", "et") or (prev2, prev) == ("partir", "de"):
                return None
            if pre == "de" and RANGE_AFTER.match(sc.low, m.end()):
                return None
        if n is not None and m["half"]:
            n += 0.25 if m["half"] == "quart" else 0.5
        start = m.start() if pre in _DURATIVE and pre in ("il y a", "il y avait", "voici", "voilà", "dans",
                                                          "d'ici", "d'ici à") else m.start("apx") if m["apx"] \
            else m.start("num") if m["num"] else m.start("apxn") if m["apxn"] else \
            m.start("vague") if m["vague"] else m.start("frac")
        f: dict[str, Any] = {"n": n, "unit": unit, "vague": vague}
        if pre in ("il y a", "il y avait", "voici", "voilà"):
            f["direction"] = -1
        elif pre in ("dans", "d'ici", "d'ici à") and (unit.code in "DWMY" and not unit.time or vague):
            f["direction"] = 1
        elif squeeze(m["after"] or "") in ("plus tôt", "auparavant", "plus tard") and unit.time == vague:
            # "deux jours plus tôt", "quelques heures plus tôt": a day counted from the story's own date;
            # "une heure plus tard" and "quelques jours plus tard" stay lengths, as FR-TimeBank codes them.
            f["direction"] = 1 if m["after"] == "plus tard" else -1
            f["from_story"] = True
        return Cand(start, m.end(), "duration", f)

    def _last_n(self, m: re.Match[str], sc: Scan) -> Cand | None:
        unit = self.lex.units[m["unit"]]
        n = self.lex.number(m["num"]) if m["num"] else None
        return Cand(m.start("det"), m.end(), "duration", {"n": n, "unit": unit, "vague": n is None})

    def _duration_noun(self, m: re.Match[str], sc: Scan) -> Cand | None:
        return Cand(m.start(), m.end(), "fixed", {"type": "DURATION", "value": self.lex.duration_nouns[m["noun"]]})

    def _whole(self, m: re.Match[str], sc: Scan) -> Cand | None:
        return Cand(m.start(), m.end(), "fixed", {"type": "DURATION", "value": _WHOLE[m["unit"]]})

    def _set(self, m: re.Match[str], sc: Scan) -> Cand | None:
        L = self.lex
        unit, q = m["unit"], squeeze(m["q"])
        n = L.number(m["num"]) if m["num"] else 1.0
        if n is None:
            return None
        k = int(n) if float(n).is_integer() else n
        f: dict[str, Any] = {}
        if unit in L.weekdays:
            if q == "par":
                return None
            f["value"] = f"XXXX-WXX-{L.weekdays[unit]}"
        elif unit in L.seasons:
            if q == "par":
                return None
            f["value"] = f"XXXX-{L.seasons[unit]}"
        elif unit in L.day_parts and unit not in L.set_units:
            if q == "par":
                return None
            f["value"] = f"XXXX-XX-XXT{L.day_parts[unit]}"
        else:
            per = L.set_units[unit]
            if k != 1:
                per = re.sub(r"(?<!\d)\d+(?=[A-Z])", lambda g: str(int(g.group()) * k), per, count=1)
            f["value"] = per
        if q in ("tous les", "toutes les") and not m["pl"] and unit not in ("mois", "ans", "jours"):
            if not unit.endswith("s"):
                return None
        return Cand(m.start(), m.end(), "fixed", {"type": "SET", **f})

    def _frequency(self, m: re.Match[str], sc: Scan) -> Cand | None:
        w = m["fw"]
        if not w.endswith("ment"):
            # Newspapers: "le quotidien libanais", "l'hebdomadaire Le Point", "des quotidiens étrangers".
            prev = sc.tail(m.start(), 1)[0]
            if prev in self.w["newspaper_determiners"] or prev[:1].isdigit() or prev in self.lex.frequency_blocked_heads:
                return None
            if CAPITAL_AFTER.match(sc.text, m.end()):
                return None
        return Cand(m.start(), m.end(), "fixed", {"type": "SET", "value": self.lex.frequency_words[w]})
