"""Clock times and parts of the day: "21 h 45", "vers 12 h 30 locales", "à midi", "dans la soirée",
"la nuit de samedi à dimanche", "à l'aube".

They take their day from the text around them (the sentence's date, else the
last one, else the anchor), so they are resolved after the dates.  "24 heures"
without "à" is a duration, not a time.
"""

from __future__ import annotations

import re
from typing import Any

from selon.times.lexicon import alternation
from selon.times.pieces import CLOCK, RANGE_AFTER, SP, B, Cand, E, Family, Rule, Scan, squeeze, toks

__all__ = ["ClockTimes"]

_CLOCK_AT = frozenset({"vers", "à", "a", "dès", "jusqu'à", "avant", "après", "de", "entre", "et", "peu avant",
                       "peu après", "aux alentours de", "autour de"})
_CLOCK_DUR = frozenset({"pendant", "durant", "depuis", "en", "plus de", "moins de", "près de",
                        "il y a", "dans", "au bout de", "sur"})


class ClockTimes(Family):
    """Hours and minutes, and the named parts of a day."""

    def clock_times(self) -> list[Rule]:
        L = self.lex
        cpre = (rf"(?P<pre>vers|à|a|dès|jusqu'à|avant|après|de|entre|et|peu{SP}avant|peu{SP}après|"
                rf"aux{SP}alentours{SP}de|autour{SP}de|pendant|durant|depuis|en|plus{SP}de|moins{SP}de|près{SP}de|"
                rf"environ|il{SP}y{SP}a|dans|au{SP}bout{SP}de|sur)")
        return [
            Rule(rf"(?<![\w])(?:{cpre}{SP})?(?:(?P<h>(?<![\d.,])(?:[01]?\d|2[0-4])) {{0,2}}(?P<hu>heures?|h(?![a-zà-ÿ]))"
                 rf"(?: {{0,2}}(?P<m>[0-5]\d)(?!\d)(?: {{0,2}}(?:min(?:utes?)?))?)?"
                 rf"|(?P<w>{alternation(L.clock_words)})(?:{SP}(?P<wm>et{SP}demie?|et{SP}quart))?)"
                 rf"(?:{SP}(?P<dp>du{SP}matin|du{SP}soir|de{SP}l'après-midi|dans{SP}la{SP}nuit))?"
                 rf"(?:{SP}(?P<tz>heures?{SP}locales?|locales?|gmt|utc|heure{SP}de{SP}paris|heure{SP}française))?"
                 rf"(?![\w])(?! {{0,2}}(?:/|sur{SP})24)", self._clock,
                 {"h", "heure", "heures", CLOCK} | toks(L.clock_words), 30, 40),
        ]

    def day_parts(self) -> list[Rule]:
        L, p = self.lex, self.p
        wd = p.wd
        dpp = alternation(L.day_part_phrases)
        return [
            # "dans la soirée", "le matin même", "la nuit de samedi à dimanche".
            Rule(rf"{B}(?:(?P<pre>dans|pendant|durant|au{SP}cours{SP}de|tard{SP}dans|en{SP}(?:fin|début){SP}de|de|"
                 rf"vers|dès|pour|à|jusque{SP}dans|jusqu'à|au{SP}milieu{SP}de){SP})?(?P<det>la|l'|le)(?:{SP}|(?<='))?"
                 rf"(?P<part>nuit|soirée|matinée|journée|après-midi|matin|soir)(?P<meme>{SP}même|{SP}dernière)?"
                 rf"(?:{SP}(?:de{SP}|du{SP}|d')(?P<wd>{wd}|hier|demain)(?:{SP}(?:à|au){SP}(?P<wd2>{wd}))?"
                 rf"(?! {{0,3}}\d))?{E}", self._daypart, p.parts_t, 30, 35),
            Rule(rf"{B}en{SP}(?:(?:fin|début|milieu){SP}(?:de{SP}|d'))?(?P<part>matinée|soirée|après-midi|journée|"
                 rf"nuit){E}", self._daypart_en, p.parts_t, 25, 3),
            # "à l'aube", "au petit matin", "en pleine nuit": parts of the day of the surrounding date.
            Rule(rf"{B}(?P<dpp>{dpp}){E}", self._daypart_phrase, toks(L.day_part_phrases), 25, 25),
        ]

    def _clock(self, m: re.Match[str], sc: Scan) -> Cand | None:
        pre = squeeze(m["pre"] or "")
        start = m.start() if pre in ("vers", "aux alentours de", "autour de", "peu avant", "peu après") \
            else (m.start("h") if m["h"] else m.start("w"))
        if m["w"]:
            if pre not in _CLOCK_AT:
                return None
            hh, mm = (int(x) for x in self.lex.clock_words[m["w"]].split(":"))
            if m["wm"]:
                mm = 30 if "demi" in m["wm"] else 15
                hh = hh % 24
            return Cand(start, m.end(), "clock", {"h": hh, "m": mm})
        h = int(m["h"])
        mm = int(m["m"]) if m["m"] else 0
        spelled = m["hu"].startswith("heure")
        durative = pre in _CLOCK_DUR or h > 24
        if spelled and not m["m"] and pre not in _CLOCK_AT:
            durative = True
        if pre == "de" and not RANGE_AFTER.match(sc.low, m.end()):
            durative = spelled or durative  # "une grève de 24 heures"
        if durative:
            value = f"PT{h}H" + (f"{mm}M" if mm else "")
            return Cand(m.start("h"), m.end(), "fixed", {"type": "DURATION", "value": value})
        if m["dp"] and h < 12 and ("soir" in m["dp"] or "après-midi" in m["dp"]):
            h += 12
        if h == 24 and mm:
            return None
        return Cand(start, m.end(), "clock", {"h": h, "m": mm})

    def _daypart(self, m: re.Match[str], sc: Scan) -> Cand | None:
        if m["meme"] and m["meme"].strip() == "dernière":
            if m["part"] != "nuit":
                return None
            return Cand(m.start("det"), m.end(), "relday", {"offset": -1, "part": "NI"})  # "la nuit dernière"
        if not (m["pre"] or m["meme"] or m["wd"]):
            return None
        if m["det"] == "le" and m["part"] not in ("matin", "soir", "après-midi"):
            return None
        if m["det"] in ("la", "l'") and m["part"] in ("matin", "soir"):
            return None
        pre = squeeze(m["pre"] or "")
        if m["det"] == "le" and not (m["meme"] or m["wd"]) and pre not in ("dans", "dès", "pendant", "durant"):
            return None  # "le soir" alone is usually a habit
        part = self.lex.day_parts[m["part"]]
        f: dict[str, Any] = {"part": part}
        if m["wd"]:
            if m["wd"] in self.lex.weekdays:
                f["wd"] = self.lex.weekdays[m["wd"]]
            else:
                f["offset"] = self.lex.relative_days[m["wd"]]
        start = m.start("det") if pre in ("de", "à", "pour", "vers", "dès", "jusqu'à") else m.start()
        return Cand(start, m.end(), "daypart", f)

    def _daypart_en(self, m: re.Match[str], sc: Scan) -> Cand | None:
        return Cand(m.start(), m.end(), "daypart", {"part": self.lex.day_parts[m["part"]]})

    def _daypart_phrase(self, m: re.Match[str], sc: Scan) -> Cand | None:
        return Cand(m.start(), m.end(), "daypart", {"part": self.lex.day_part_phrases[squeeze(m["dpp"])]})
