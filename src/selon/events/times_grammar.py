"""Where the temporal expressions are: French patterns compiled once, matched on a lower-cased copy.

Each pattern yields candidates (``Cand``): a span and what it says ("the 15th
of May, no year, the weekday Saturday", "one day before the anchor", "three
years, a duration").  Values are computed later by ``times_resolve``, which
knows the anchor.  Every quantifier is bounded and no group is nested inside
a repeated group, so matching stays linear on hostile input.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from selon.events.times_lexicon import SP, Lexicon, alternation, lexicon

_BLANKS = ("\t\r\x0b\x0c\x1c\x1d\x1e\x1f\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
           "\u2009\u200a\u202f\u205f\u3000")
_MAP = {**{c: " " for c in _BLANKS}, "\u2019": "'", "\u02bc": "'", "\u2032": "'", "\u2010": "-", "\u2011": "-",
        "\u2028": "\n", "\u2029": "\n", "\x85": "\n"}
_ODD = re.compile("[" + "".join(_MAP) + "]")


def normalise(text: str) -> str:
    """Lower-case, same length: one plain apostrophe, one hyphen, horizontal blanks as spaces."""
    low = text.lower()
    if len(low) != len(text):  # a few characters grow when lower-cased ("İ")
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _ODD.sub(lambda m: _MAP[m.group()], low)


@dataclass
class Cand:
    """A found expression before resolution: its span, kind and what the words say."""

    start: int
    end: int
    kind: str
    f: dict[str, Any] = field(default_factory=dict)
    rank: int = 0  # the pattern's place in the grammar: breaks ties between spans of equal length


Handler = Callable[[re.Match[str], "Scan"], "Cand | None"]


@dataclass
class Scan:
    """One text being scanned: the raw text and its lower-cased twin."""

    text: str
    low: str

    def tail(self, pos: int, n: int = 2) -> list[str]:
        """The last ``n`` words (or punctuation marks) before ``pos``: ["jusqu'", "en"], ["n", "°"]."""
        words = _TAIL_WORD.findall(self.low, max(0, pos - 30), pos)
        return words[-n:] if len(words) >= n else [""] * (n - len(words)) + words


_TOKEN = re.compile(r"\w+")
_DIGIT_AFTER = re.compile(r" {1,3}\d")
_OF_AFTER = re.compile(r" {1,3}(?:de|du|d')(?:\W|$)")
_RANGE_AFTER = re.compile(r" {0,3}(?:à|-|et)\b")
_TAIL_WORD = re.compile(r"[\w-]+'?|[^\w\s]")
_BLANK = re.compile(r"[ \n]")
_NUMBER_TOKEN = re.compile(r"\d\w*")


_PUNCT = ".,;:!?«»\"“”()[]…'’"


def _after_number(low: str, j: int) -> bool:
    """ "h" only counts after a number ("18 h", "18h")."""
    return any(c.isdigit() for c in low[max(0, j - 3):j])


def _not_participle(low: str, j: int) -> bool:
    """ "été" after "a", "ont", "avait"… is a participle, not the season."""
    prev = low[max(0, j - 12):j].split()
    return not prev or prev[-1] not in lexicon().words["auxiliaries"]


# Trigger tokens that only count in some places.
_TRIGGER_FILTERS = {"h": _after_number, "été": _not_participle}


def _squeeze(s: str) -> str:
    return " ".join(s.split())


def _wordchar(c: str) -> bool:
    return c.isalnum() or c == "_"


# Pseudo-tokens: any number; a four-digit number; a number glued to "h" ("18h30").
DIGITS, YEAR, CLOCK = "#digits", "#year", "#clock"


def toks(words: Iterable[str]) -> set[str]:
    """The trigger tokens of lexicon entries: their words, minus the most common function words."""
    out: set[str] = set()
    for w in words:
        out.update(t for t in _TOKEN.findall(w) if t not in lexicon().words["trigger_stopwords"])
    return out


B = r"(?<![\w-])"  # left word boundary (not inside "mi-juin" or "week-end")
E = r"(?![\w])"  # right word boundary


class Grammar:
    """The compiled French patterns and the handlers that read their groups."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.w = lex.words
        self._re_sentence_term = re.compile(rf" {{1,3}}{alternation(lex.words['sentence_heads'])}\b")
        self.patterns: list[tuple[re.Pattern[str], Handler]] = []
        self.triggers: dict[str, list[int]] = {}  # token -> indexes of the patterns it can start
        self.reach: list[tuple[int, int]] = []
        self._trigger_set: set[str] = set()
        L = lex
        wd = alternation(L.weekdays)
        self._re_au_wd = re.compile(rf"{SP}au{SP}{wd}{E}")
        self._re_du_wd = re.compile(rf"\bdu{SP}{wd}{SP}$")
        mon_full = alternation(L.months)
        mon_abbr = alternation(L.month_abbreviations) + r"\."
        mon = f"(?:{mon_full}|{mon_abbr})"
        day = r"(?<![\d.,])(?:1er|1re|1ère|premier|[12]\d|3[01]|0?[1-9])(?![\d,.]\d)"
        year4 = r"(?<![\d.,])(?:1\d{3}|20\d{2}|21\d{2})(?![\d]|[.,]\d)"
        year2 = r"(?<![\d.,])'?\d{2}(?!\d)(?! {0,3}[a-zà-ÿ%€$])"
        rel = alternation(L.past_words | L.future_words)
        parts = alternation(L.day_parts)
        num_word = alternation(L.numbers)
        number = (rf"(?:(?<![\d.,])\d{{1,4}}(?:,\d{{1,2}})?(?![\d.,]\d)"
                  rf"|{num_word}(?:(?:-et-|{SP}et{SP}|-|{SP}){num_word}){{0,3}})")
        units = alternation(L.units)
        approx = alternation(L.approximate_numbers)
        vague = alternation(L.vague_quantities)
        pos = alternation(k for k in L.position_words)
        seasons = alternation(L.seasons)
        self._future_words = frozenset(w for w in L.future_markers if " " not in w)
        self._future_endings = tuple(L.future_endings)
        self._past_aux = frozenset(L.past_auxiliaries)
        self._past_adverbs = frozenset(L.past_adverbs)
        self._participles = tuple(L.participle_endings)
        self._irregular_participles = frozenset(L.irregular_participles)

        months_t = toks(L.months) | toks(L.month_abbreviations)
        wd_t = set(L.weekdays) | {w + "s" for w in L.weekdays}
        units_t = toks(L.units)
        parts_t = toks(L.day_parts)
        seasons_t = toks(L.seasons)
        add = self._add
        # 1. Day and month: "samedi 15 mai", "le mercredi 1er mai 2002", "26 septembre dernier".
        add(rf"{B}(?:le{SP})?(?:(?P<wd>{wd}),?{SP}(?:le{SP})?)?(?P<day>{day})(?:-|{SP})(?P<month>{mon})"
            rf"(?:(?:,?{SP})(?:(?P<year>{year4})|(?P<year2>{year2})))?(?:{SP}(?P<rel>{rel}))?{E}",
            self._day_month, months_t, 30, 25)
        # 2. The first days of "les 6 et 13 avril", "du 3 au 6 mai": month from the next date.
        add(rf"{B}(?:(?:les|le|du|entre{SP}le){SP})?(?:(?P<wd>{wd}){SP})?(?P<day>{day})(?=(?: {{0,3}}(?:,|et|ou|au|à|-) {{0,3}}"
            rf"(?:le{SP})?(?:{wd}{SP})?{day}){{1,4}}{SP}{mon}{E})", self._coord_day, months_t, 45, 10)
        # 3. Numeric dates: 15/05/2021, 15.05.2021, 2021-05-15.
        add(r"(?<![\w./-])(?P<d>0?[1-9]|[12]\d|3[01])(?P<sep>[/.-])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
            r"(?P<y>\d{4}|\d{2})(?![\w/-]|[.,]\d)", self._numeric_date, {DIGITS}, 10, 12)
        add(r"(?<![\w./-])(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w-])",
            self._numeric_date, {YEAR}, 2, 10)
        # 4. Month, with year, position or "dernier": "octobre 98", "début octobre", "juin prochain".
        add(rf"{B}(?:(?P<pos>{pos})(?:-|{SP})(?:(?:de{SP}|du{SP}|d'))?)?(?P<mois>(?:le{SP})?mois{SP}(?:de{SP}|d'))?"
            rf"(?P<month>{mon_full})(?:(?:,?{SP})(?:(?P<year>{year4})|(?P<year2>{year2}))|{SP}(?P<rel>{rel}))?{E}",
            self._month, months_t, 25, 20)
        # 5. Years: "1998", "l'année 2001", "fin 2002", "l'an 2000".
        add(rf"(?<![\w])(?:(?P<pos>{pos})(?:-|{SP})(?:de{SP}l'(?:année|an){SP})?)?(?:(?P<lead>l'an|l'année|année|an){SP})?"
            rf"(?P<year>{year4})(?!-\d{{1,3}}\b)", self._year, {YEAR}, 25, 5)
        # 6. Decades and centuries: "les années 90", "le XXe siècle".
        add(rf"{B}(?:(?:les|des|aux|début{SP}des|fin{SP}des){SP})?années{SP}"
            rf"(?P<dec>(?:19|20)?\d0|{num_word}(?:-{num_word}){{0,2}}){E}", self._decade, {"années"}, 15, 25)
        add(rf"{B}(?:(?:le|au|du|les|des){SP})?(?P<c>[xvi]{{1,5}}|\d{{1,2}})(?:e|ème|è|eme){SP}siècles?{E}",
            self._century, {"siècle", "siècles"}, 15, 12)
        # 7. Weekdays: "jeudi", "vendredi dernier", "ce même lundi après-midi", "tous les jeudis".
        add(rf"{B}(?:(?P<det>ce{SP}même|ce{SP}meme|ce|le|les|chaque|tous{SP}les|un|du|au){SP})?(?P<wd>{wd})(?P<pl>s)?"
            rf"(?:{SP}(?P<day>{day})(?!{SP}{mon}))?(?:{SP}(?P<rel>{rel}))?(?:{SP}(?P<part>{parts}))?{E}",
            self._weekday, wd_t, 15, 30)
        # "le deuxième dimanche de septembre", "le dernier lundi du mois d'août".
        add(rf"{B}(?:le{SP})?(?P<ord>premier|1er|deuxième|2e|second|troisième|3e|quatrième|4e|dernier){SP}(?P<wd>{wd})"
            rf"{SP}(?:du{SP}mois{SP})?(?:de{SP}|d')(?P<month>{mon_full})(?:{SP}(?P<year>{year4}))?{E}",
            self._nth_weekday, wd_t, 25, 30)
        # 8. Deictic days: "hier", "aujourd'hui vendredi", "hier matin", "hier en fin d'après-midi".
        rd = alternation(L.relative_days)
        add(rf"{B}(?P<rd>{rd})(?:{SP}(?P<wd>{wd}))?(?:(?:{SP}|, {{0,2}})(?:(?:en{SP})?(?:fin|début){SP}(?:de{SP}|d')"
            rf"|dans{SP}l(?:a{SP}|')|au{SP}cours{SP}de{SP}l(?:a{SP}|'))?(?P<part>{parts}))?(?![\w-])",
            self._relday, toks(L.relative_days), 8, 40)
        # "ce matin", "cet après-midi", "cette nuit"; "ce soir-là" takes the day from the text.
        add(rf"{B}(?P<det>ce|cet|cette){SP}(?P<part>matin|soir|après-midi|apres-midi|nuit|midi)(?P<la>-là|{SP}là|-ci)?{E}", self._this_part, parts_t, 10, 8)
        # 9. Calendar units: "cette semaine", "la semaine dernière", "au début du mois", "l'an prochain".
        cu = alternation(L.calendar_units)
        add(rf"{B}(?:(?P<pos>{pos})(?:-|{SP}))?(?P<det>cette|ce|cet|la|le|l'|du|de{SP}la|de{SP}l'|de{SP}cette|"
            rf"de{SP}ce|de|d')(?:{SP}|(?<='))?(?:(?P<adj>nouvelle|même){SP})?(?P<unit>{cu})"
            rf"(?P<ci>-ci|-là|{SP}là|{SP}même)?(?:{SP}(?P<rel>{rel}|en{SP}cours|courante?|écoulée?))?{E}",
            self._calunit, toks(L.calendar_units), 25, 20)
        # 10. Durations, and "il y a" / "dans" / "d'ici" counts: "trois ans", "il y a environ une semaine".
        pre = (rf"(?P<pre>il{SP}y{SP}a(?:vait)?|voici|voilà|depuis|pendant|durant|en|dans|sur|pour|après|avant|"
               rf"d'ici(?:{SP}à)?|au{SP}bout{SP}d(?:e{SP}|')|au{SP}cours{SP}d(?:es{SP}|e{SP}|')|"
               rf"cela{SP}fait|ça{SP}fait|de|d'|les|des)")
        apx = (rf"(?P<apx>environ|près{SP}de|près{SP}d'|plus{SP}de|plus{SP}d'|moins{SP}de|moins{SP}d'|presque|"
               rf"quelque|au{SP}moins|au{SP}plus|bien|seulement|à{SP}peine|pas{SP}moins{SP}de|"
               rf"un{SP}peu{SP}plus{SP}de)")
        qty = (rf"(?:(?P<num>{number})|(?P<apxn>une?{SP}(?P<apxw>{approx}){SP}(?:de{SP}|d'))|(?P<vague>{vague})|"
               rf"(?P<frac>un{SP}quart{SP}(?:de{SP}|d')|une?{SP}demi-|trois{SP}quarts{SP}(?:de{SP}|d')))")
        add(rf"{B}(?:{pre}(?:{SP}|(?<=')))?(?:{apx}(?:{SP}|(?<=')))?{qty} {{0,3}}(?P<unit>{units})"
            rf"(?:{SP}et{SP}(?P<half>demie?|quart))?(?:{SP}(?P<after>plus{SP}tard|plus{SP}tôt|auparavant|"
            rf"d'affilée|de{SP}suite))?{E}", self._duration, units_t, 45, 30)
        # "ces dernières semaines", "les trois derniers mois", "les 24 dernières heures".
        add(rf"{B}(?:(?:au{SP}cours|pendant|durant|depuis|dans|lors){SP}(?:de{SP}|d')?)?(?P<det>ces|les|des)"
            rf"(?:{SP}(?P<num>{number}))?{SP}(?P<rel>derni(?:er|ère)s|prochaine?s|passée?s){SP}(?P<unit>{units}){E}",
            self._last_n, units_t, 35, 5)
        add(rf"{B}(?P<det>ces|les){SP}(?P<unit>{units}){SP}(?P<rel>passée?s|écoulée?s|précédente?s|à{SP}venir|"
            rf"qui{SP}viennent|suivante?s){E}", self._last_n, units_t, 10, 20)
        dn = alternation(L.duration_nouns)
        add(rf"{B}(?P<noun>{dn}){E}", self._duration_noun, toks(L.duration_nouns), 2, 2)
        # "toute l'année", "toute la journée", "tout le mois".
        add(rf"{B}(?:toute{SP}(?:la{SP}|l')|tout{SP}le{SP})(?P<unit>journée|nuit|semaine|année|matinée|soirée|"
            rf"mois|week-end|après-midi){E}", self._whole, units_t | parts_t | {"week"}, 15, 5)
        # 11. Sets: "chaque jour", "tous les jeudis", "deux fois par semaine", "quotidien".
        setw = alternation(list(L.set_units) + list(L.weekdays) + list(L.day_parts) + list(L.seasons))
        add(rf"{B}(?:(?P<freq>{number}|une){SP}fois{SP})?(?P<q>chaque|tous{SP}les|toutes{SP}les|par)"
            rf"(?:{SP}(?P<num>{number}))?{SP}(?P<unit>{setw})(?P<pl>s)?{E}", self._set, units_t | wd_t | parts_t | seasons_t | toks(L.set_units),
            35, 5)
        fw = alternation(L.frequency_words)
        add(rf"{B}(?P<fw>{fw}){E}", self._frequency, toks(L.frequency_words), 2, 2)
        # 12. Seasons: "en été", "cet hiver", "l'été dernier", "les mois d'été".
        add(rf"{B}(?:(?P<pos>début|fin|mi)(?:-|{SP})(?:de{SP}l'|d'))?(?:(?P<det>en|cet|l'|au|à{SP}l'|de{SP}l'|"
            rf"pendant{SP}l'|durant{SP}l'|tout{SP}l'|chaque|comme|ce|d'|dès{SP}l'|depuis{SP}l')(?:{SP}|(?<='))?)?"
            rf"(?P<s>{seasons})(?:{SP}(?P<year>{year4})|{SP}(?P<rel>{rel}))?{E}", self._season, seasons_t, 20, 25)
        add(rf"{B}(?:(?:les|des|ces){SP})?(?:mois|nuits?|soirées?|soirs?|journées?|matinées?|week-ends?|vacances)"
            rf"{SP}d'(?P<s>{seasons}){E}", self._season_noun, seasons_t, 25, 3)
        # 13. Clock times: "21 h 45", "vers 12 h 30 locales", "à midi", "18h".
        cpre = (rf"(?P<pre>vers|à|a|dès|jusqu'à|avant|après|de|entre|et|peu{SP}avant|peu{SP}après|"
                rf"aux{SP}alentours{SP}de|autour{SP}de|pendant|durant|depuis|en|plus{SP}de|moins{SP}de|près{SP}de|"
                rf"environ|il{SP}y{SP}a|dans|au{SP}bout{SP}de|sur)")
        add(rf"(?<![\w])(?:{cpre}{SP})?(?:(?P<h>(?<![\d.,])(?:[01]?\d|2[0-4])) {{0,2}}(?P<hu>heures?|h(?![a-zà-ÿ]))"
            rf"(?: {{0,2}}(?P<m>[0-5]\d)(?!\d)(?: {{0,2}}(?:min(?:utes?)?))?)?"
            rf"|(?P<w>{alternation(L.clock_words)})(?:{SP}(?P<wm>et{SP}demie?|et{SP}quart))?)"
            rf"(?:{SP}(?P<dp>du{SP}matin|du{SP}soir|de{SP}l'après-midi|dans{SP}la{SP}nuit))?"
            rf"(?:{SP}(?P<tz>heures?{SP}locales?|locales?|gmt|utc|heure{SP}de{SP}paris|heure{SP}française))?"
            rf"(?![\w])(?! {{0,2}}(?:/|sur{SP})24)", self._clock, {"h", "heure", "heures", CLOCK} | toks(L.clock_words), 30, 40)
        # 14. Parts of a day: "dans la soirée", "le matin même", "la nuit de samedi à dimanche".
        add(rf"{B}(?:(?P<pre>dans|pendant|durant|au{SP}cours{SP}de|tard{SP}dans|en{SP}(?:fin|début){SP}de|de|vers|dès|"
            rf"pour|à|jusque{SP}dans|jusqu'à|au{SP}milieu{SP}de){SP})?(?P<det>la|l'|le)(?:{SP}|(?<='))?"
            rf"(?P<part>nuit|soirée|matinée|journée|après-midi|matin|soir)(?P<meme>{SP}même|{SP}dernière)?"
            rf"(?:{SP}(?:de{SP}|du{SP}|d')(?P<wd>{wd}|hier|demain)(?:{SP}(?:à|au){SP}(?P<wd2>{wd}))?(?! {{0,3}}\d))?{E}",
            self._daypart, parts_t, 30, 35)
        add(rf"{B}en{SP}(?:(?:fin|début|milieu){SP}(?:de{SP}|d'))?(?P<part>matinée|soirée|après-midi|journée|nuit){E}",
            self._daypart_en, parts_t, 25, 3)
        # "à l'aube", "au petit matin", "en pleine nuit": parts of the day of the surrounding date.
        dpp = alternation(L.day_part_phrases)
        add(rf"{B}(?P<dpp>{dpp}){E}", self._daypart_phrase, toks(L.day_part_phrases), 25, 25)
        # 15. Days counted from the last date: "la veille", "le lendemain", "ce jour-là".
        cd = alternation(L.context_days)
        add(rf"{B}(?P<cd>{cd})(?:{SP}(?:au{SP})?(?P<part>matin|soir|midi|après-midi))?{E}", self._context_day, toks(L.context_days), 20, 20)
        # 16. References: "actuellement", "désormais", "autrefois", "bientôt".
        refs = alternation(L.references)
        add(rf"{B}(?P<ref>{refs})(?![\w-])", self._reference, toks(L.references), 25, 25)
        # 17. Holidays: "Noël", "la Toussaint", "Pâques 2003".
        hol = alternation(list(L.holidays_fixed) + list(L.holidays_easter))
        add(rf"{B}(?P<hol>{hol})(?:{SP}(?P<year>{year4})|{SP}(?P<rel>{rel}))?{E}", self._holiday, toks(list(L.holidays_fixed) + list(L.holidays_easter)),
            20, 20)
        # 18. Quarters and halves: "au premier trimestre 2002".
        add(rf"{B}(?:(?:au|le|du){SP})?(?P<ord>premier|1er|deuxième|second|2e|2ème|troisième|3e|3ème|quatrième|4e|4ème|"
            rf"dernier)(?P<unit>{SP}trimestre|{SP}semestre)(?:{SP}(?P<year>{year4}))?{E}", self._quarter, {"trimestre", "semestre"}, 20, 12)

    def _add(self, rx: str, handler: Handler, triggers: set[str], back: int = 40, fwd: int = 40) -> None:
        """A pattern, its handler, the tokens without which it cannot match, and how far it reaches from them."""
        idx = len(self.patterns)
        self.patterns.append((re.compile(rx), handler))
        self.reach.append((back, fwd))
        for t in triggers:
            self.triggers.setdefault(t, []).append(idx)
            if not t.startswith("#"):
                self._trigger_set.add(t)

    # -- scanning ------------------------------------------------------------------------------

    def _windows(self, low: str) -> dict[int, list[tuple[int, int]]]:
        """For each pattern, the stretches of text around its trigger tokens (merged)."""
        n = len(low)
        present = self._trigger_set.intersection(_TOKEN.findall(low))
        spots: dict[int, list[tuple[int, int]]] = {}
        for tok in present:
            idxs = self.triggers[tok]
            k = len(tok)
            j = low.find(tok)
            while j >= 0:
                e = j + k
                if (j == 0 or not _wordchar(low[j - 1])) and (e == n or not _wordchar(low[e])) and (
                        tok not in _TRIGGER_FILTERS or _TRIGGER_FILTERS[tok](low, j)):
                    for i in idxs:
                        spots.setdefault(i, []).append((j, e))
                j = low.find(tok, e)
        digit_idx = self.triggers.get(DIGITS, [])
        year_idx = self.triggers.get(YEAR, [])
        clock_idx = self.triggers.get(CLOCK, [])
        for m in _NUMBER_TOKEN.finditer(low):
            if m.start() and _wordchar(low[m.start() - 1]):
                continue
            tok = m.group()
            e = m.end()
            # Numeric dates need a separator and another number: "15/05", "15.05.2021".
            idxs = digit_idx if e + 1 < n and low[e] in "/.-" and low[e + 1].isdigit() else []
            if len(tok) == 4 and tok.isdigit():
                idxs = idxs + year_idx
            elif "h" in tok:
                idxs = idxs + clock_idx
            for i in idxs:
                spots.setdefault(i, []).append(m.span())
        windows: dict[int, list[tuple[int, int]]] = {}
        for i, sp in spots.items():
            back, fwd = self.reach[i]
            sp.sort()
            merged: list[tuple[int, int]] = []
            for s, e in sp:
                lo, hi = max(0, s - back), min(n, e + fwd)
                if merged and lo <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
                else:
                    merged.append((lo, hi))
            windows[i] = merged
        return windows

    def scan(self, text: str) -> list[Cand]:
        """All candidates, overlaps settled (longest first), in text order."""
        sc = Scan(text, normalise(text))
        low, n = sc.low, len(sc.low)
        found: list[Cand] = []
        for i, spans in self._windows(low).items():
            rx, handler = self.patterns[i]
            seen: set[tuple[int, int]] = set()
            for lo, hi in spans:
                # End the window between words, so that no match is cut short.
                stop = _BLANK.search(low, hi, min(n, hi + 40))
                hi = stop.start() if stop else min(n, hi + 40)
                for m in rx.finditer(low, lo, hi):
                    if m.span() in seen:
                        continue
                    seen.add(m.span())
                    c = handler(m, sc)
                    if c is not None and c.end > c.start:
                        c.rank = i
                        found.append(c)
        found.sort(key=lambda c: (-(c.end - c.start), c.start, c.rank))
        taken: list[Cand] = []
        starts: list[int] = []  # the kept spans never overlap: sorted by start, they are sorted by end
        ends: list[int] = []
        for c in found:
            i = bisect.bisect_right(starts, c.start)
            if (i and ends[i - 1] > c.start) or (i < len(starts) and starts[i] < c.end):
                continue
            starts.insert(i, c.start)
            ends.insert(i, c.end)
            taken.append(c)
        taken.sort(key=lambda c: c.start)
        # Trim spaces and trailing punctuation that optional groups may leave.
        for c in taken:
            while c.end > c.start and text[c.end - 1] in " ,\u00a0":
                c.end -= 1
        return taken

    def tense_near(self, text: str, start: int, end: int) -> int:
        """The tense of the verb nearest to [start, end) in its clause: +1 future, -1 past, 0 unknown.

        A heuristic on the words ("sera", "aura lieu", "rouvrira" / "a été", "ont annoncé",
        "était"), good enough to choose between last Thursday and next Thursday.
        """
        lo = max(0, start - 120)
        hi = min(len(text), end + 120)
        left = text[lo:start]
        cut = max(left.rfind(". "), left.rfind("\n"), left.rfind(";"), left.rfind("!"), left.rfind("?"))
        if cut >= 0:
            left = left[cut + 1:]
        right = text[end:hi]
        cuts = [i for i in (right.find(". "), right.find("\n"), right.find(";"), right.find("!"), right.find("?"))
                if i >= 0]
        if cuts:
            right = right[:min(cuts)]
        lw = [w.strip(_PUNCT) for w in left.split()]
        rw = [w.strip(_PUNCT) for w in right.split()]
        # A bare participle right before the expression: "décédé jeudi", "élu le 6 mai", "publié hier".
        k = len(lw) - 1
        while k >= 0 and k >= len(lw) - 3 and lw[k] in ("le", "la", "ce", "cette", "dès", "depuis"):
            k -= 1
        if k >= 0 and self._bare_participle(lw[k]) and (k == 0 or lw[k - 1] not in self.w["determiners"]):
            return -1
        best_d, sign = 10_000, 0
        for d, i in enumerate(range(len(lw) - 1, -1, -1)):
            sgn = self._verb_sign(lw, i)
            if sgn:
                best_d, sign = d, sgn
                break
        for d, i in enumerate(range(len(rw))):
            if d >= best_d:
                break
            sgn = self._verb_sign(rw, i)
            if sgn:
                return sgn
        return sign

    def _bare_participle(self, w: str) -> bool:
        if not w.islower() or "'" in w or w in self._future_words:
            return False
        return (len(w) > 3 and w.endswith(("é", "ée", "és", "ées"))) or w in self._irregular_participles

    def _verb_sign(self, words: list[str], i: int) -> int:
        """+1 if words[i] is a future verb form, -1 if it starts a past one, else 0 (lower-case words only)."""
        w = words[i]
        if not w or not w.islower():
            return 0
        if w in self._future_words or (len(w) > 4 and w.endswith(self._future_endings)):
            return 1
        if w in self._past_aux:
            for nxt in words[i + 1:i + 4]:
                if nxt in self._past_adverbs and nxt != "été":
                    continue
                if nxt.endswith(self._participles) and nxt not in self.w["not_participles"] and nxt.islower():
                    return -1
                break
            return 0
        if len(w) > 4 and w.endswith(("ait", "aient")) and not w.endswith(("rait", "raient")) \
                and w not in self.w["not_imperfects"]:
            return -1  # an imperfect: "était", "avait", "annonçait"
        return 0

    # -- handlers ------------------------------------------------------------------------------

    def _rel(self, word: str | None) -> int:
        if not word:
            return 0
        w = _squeeze(word)
        if w in self.lex.past_words or w.startswith("écoulé"):
            return -1
        if w in self.lex.future_words:
            return 1
        return 0

    def _month_of(self, word: str) -> int:
        w = word.rstrip(".")
        return self.lex.months.get(w) or self.lex.month_abbreviations[w]

    def _day_of(self, word: str) -> int:
        return self.lex.ordinals.get(word) or int(word)

    def _year_ok(self, sc: Scan, end: int) -> bool:
        """A number read as a year must not be a quantity ("2000 personnes", "1500 €")."""
        m = re.match(r" {0,3}([^\s\d]+)", sc.low[end:end + 30])
        if not m:
            return True
        w = m.group(1).rstrip(".,;:!?)»\"")
        if not w:
            return True
        if w in self.lex.quantity_words or w[0] in "%€$":
            return False
        return not (w.isalpha() and len(w) >= 4 and w[-1] in "sx" and w not in self.lex.year_followers)

    def _day_month(self, m: re.Match[str], sc: Scan) -> Cand | None:
        f: dict[str, Any] = {"day": self._day_of(m["day"]), "month": self._month_of(m["month"])}
        end = m.end()
        if m["year"]:
            if self._year_ok(sc, m.end("year")):
                f["year"] = int(m["year"])
            else:
                end = m.end("month")
        elif m["year2"]:
            f["year2"] = int(m["year2"].lstrip("'"))
        if m["rel"] and end >= m.end("rel"):
            f["rel"] = self._rel(m["rel"])
        if m["wd"]:
            f["wd"] = self.lex.weekdays[m["wd"]]
        return Cand(m.start(), end, "date", f)

    def _coord_day(self, m: re.Match[str], sc: Scan) -> Cand | None:
        f: dict[str, Any] = {"day": self._day_of(m["day"])}
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
        f: dict[str, Any] = {"month": self._month_of(m["month"])}
        end = m.end()
        if m["year"]:
            if self._year_ok(sc, m.end("year")):
                f["year"] = int(m["year"])
            else:
                end = m.end("month")
        elif m["year2"]:
            f["year2"] = int(m["year2"].lstrip("'"))
        if m["rel"]:
            f["rel"] = self._rel(m["rel"])
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
        if not self._year_ok(sc, m.end("year")):
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

    _ROMAN = {"i": 1, "v": 5, "x": 10}

    def _century(self, m: re.Match[str], sc: Scan) -> Cand | None:
        c = m["c"]
        if c.isdigit():
            n = int(c)
        else:
            n, prev = 0, 0
            for ch in reversed(c):
                v = self._ROMAN[ch]
                n = n - v if v < prev else n + v
                prev = max(prev, v)
        if not 1 <= n <= 22:
            return None
        return Cand(m.start(), m.end(), "fixed", {"type": "DATE", "value": f"{n - 1:02d}"})

    def _weekday(self, m: re.Match[str], sc: Scan) -> Cand | None:
        det = _squeeze(m["det"] or "")
        f: dict[str, Any] = {"wd": self.lex.weekdays[m["wd"]]}
        if m["part"]:
            f["part"] = self.lex.day_parts[m["part"]]
        if m["day"]:  # "vendredi 12 à 20 h": the month is the nearest one where the 12th is a Friday
            if m["pl"] or det in ("chaque", "tous les", "les", "un"):
                return None
            f["day"] = self._day_of(m["day"])
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
            f["rel"] = self._rel(m["rel"])
        if det == "le" and not m["rel"]:
            # "le mercredi" with no date: a habit (TimeML SET), unless a day number follows.
            if _DIGIT_AFTER.match(sc.low, m.end()):
                f["det"] = ""
                return Cand(m.start("wd"), m.end(), "weekday", f)
            return Cand(m.start(), m.end(), "set_weekday", f)
        f["det"] = det
        return Cand(start, m.end(), "weekday", f)

    def _nth_weekday(self, m: re.Match[str], sc: Scan) -> Cand | None:
        f: dict[str, Any] = {"n": self._ORD.get(m["ord"], -1), "wd": self.lex.weekdays[m["wd"]],
                             "month": self._month_of(m["month"])}
        if m["year"] and self._year_ok(sc, m.end("year")):
            f["year"] = int(m["year"])
        return Cand(m.start(), m.end(), "nth_weekday", f)

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
        det = _squeeze(m["det"])
        unit = self.lex.calendar_units[m["unit"]]
        ci = (m["ci"] or "").strip()
        rel = m["rel"] or ""
        f: dict[str, Any] = {"unit": unit}
        if m["pos"]:
            f["mod"] = self.lex.position_words.get(m["pos"])
        if ci in ("-là", "là", "même") or m["adj"] == "même":
            f["context"] = True
            return Cand(m.start(), m.end(), "calunit", f)
        shift = self._rel(rel)
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

    _DURATIVE = frozenset({"il y a", "il y avait", "voici", "voilà", "depuis", "pendant", "durant", "en", "dans",
                           "sur", "pour", "après", "avant", "d'ici", "d'ici à", "au bout de", "au bout d'",
                           "cela fait", "ça fait", "au cours des", "au cours de", "au cours d'"})

    _APPOSITION_END = re.compile(r"\s*[,)]")

    def _is_age(self, m: re.Match[str], sc: Scan, pre: str, unit: str) -> bool:
        """ "un homme de 38 ans", "Florian, 26 ans,", "âgée de 90 ans", "les moins de 17 ans": an age."""
        if unit not in ("an", "ans", "année", "années") or pre in self._DURATIVE:
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
        return prev in (",", "(") and bool(self._APPOSITION_END.match(sc.low, m.end()))

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
        pre = _squeeze(m["pre"] or "")
        unit_w = m["unit"]
        unit = self.lex.units[unit_w]
        n, vague = self._quantity(m)
        if vague:
            if m["vague"] == "des" and unit_w in ("années", "ans") and _DIGIT_AFTER.match(sc.low, m.end()):
                return None  # "des années 90": the decade pattern
            if m["vague"] in ("certaines", "certains", "des") and not pre and unit.code not in "Y":
                return None  # "en dehors des heures scolaires"; "des années" alone is a duration
        elif n is None or n <= 0:
            return None
        num_w = (m["num"] or "").strip()
        if num_w in ("un", "une") and unit_w in ("jour", "nuit") and pre not in self._DURATIVE and not m["apx"]:
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
            if pre == "de" and _RANGE_AFTER.match(sc.low, m.end()):
                return None
        if n is not None and m["half"]:
            n += 0.25 if m["half"] == "quart" else 0.5
        start = m.start() if pre in self._DURATIVE and pre in ("il y a", "il y avait", "voici", "voilà", "dans",
                                                               "d'ici", "d'ici à") else m.start("apx") if m["apx"] \
            else m.start("num") if m["num"] else m.start("apxn") if m["apxn"] else \
            m.start("vague") if m["vague"] else m.start("frac")
        f: dict[str, Any] = {"n": n, "unit": unit, "vague": vague}
        if pre in ("il y a", "il y avait", "voici", "voilà"):
            f["direction"] = -1
        elif pre in ("dans", "d'ici", "d'ici à") and (unit.code in "DWMY" and not unit.time or vague):
            f["direction"] = 1
        return Cand(start, m.end(), "duration", f)

    def _last_n(self, m: re.Match[str], sc: Scan) -> Cand | None:
        unit = self.lex.units[m["unit"]]
        n = self.lex.number(m["num"]) if m["num"] else None
        return Cand(m.start("det"), m.end(), "duration", {"n": n, "unit": unit, "vague": n is None})

    def _duration_noun(self, m: re.Match[str], sc: Scan) -> Cand | None:
        return Cand(m.start(), m.end(), "fixed", {"type": "DURATION", "value": self.lex.duration_nouns[m["noun"]]})

    _WHOLE = {"journée": "P1D", "nuit": "P1D", "semaine": "P1W", "année": "P1Y", "matinée": "P1D",
              "soirée": "P1D", "mois": "P1M", "week-end": "P1W", "après-midi": "P1D"}

    def _whole(self, m: re.Match[str], sc: Scan) -> Cand | None:
        return Cand(m.start(), m.end(), "fixed", {"type": "DURATION", "value": self._WHOLE[m["unit"]]})

    def _set(self, m: re.Match[str], sc: Scan) -> Cand | None:
        L = self.lex
        unit, q = m["unit"], _squeeze(m["q"])
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
                per = re.sub(r"\d+(?=[A-Z])", lambda g: str(int(g.group()) * k), per, count=1)
            f["value"] = per
        if q in ("tous les", "toutes les") and not m["pl"] and unit not in ("mois", "ans", "jours"):
            if not unit.endswith("s"):
                return None
        return Cand(m.start(), m.end(), "fixed", {"type": "SET", **f})

    _CAPITAL_AFTER = re.compile(r" {1,3}[A-ZÀ-Ý«\"]")

    def _frequency(self, m: re.Match[str], sc: Scan) -> Cand | None:
        w = m["fw"]
        if not w.endswith("ment"):
            # Newspapers: "le quotidien libanais", "l'hebdomadaire Le Point", "des quotidiens étrangers".
            prev = sc.tail(m.start(), 1)[0]
            if prev in self.w["newspaper_determiners"] or prev[:1].isdigit() or prev in self.lex.frequency_blocked_heads:
                return None
            if self._CAPITAL_AFTER.match(sc.text, m.end()):
                return None
        return Cand(m.start(), m.end(), "fixed", {"type": "SET", "value": self.lex.frequency_words[w]})

    _COMME_AFTER = re.compile(r" {1,3}comme\b")

    def _season(self, m: re.Match[str], sc: Scan) -> Cand | None:
        det = _squeeze(m["det"] or "")
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
                if not (sc.text[m.start()].isupper() and self._COMME_AFTER.match(sc.low, m.end())):
                    return None
        elif not det and not m["year"] and not m["rel"] and not m["pos"]:
            if sc.tail(m.start(), 1)[0] in ("d'", "de", "du", "des", "le", "un", "les"):
                return None
        f: dict[str, Any] = {"season": s, "det": det}
        if m["year"]:
            f["year"] = int(m["year"])
        if m["rel"]:
            f["rel"] = self._rel(m["rel"])
        if m["pos"]:
            f["mod"] = self.lex.position_words.get(m["pos"])
        return Cand(start, m.end(), "season", f)

    def _season_noun(self, m: re.Match[str], sc: Scan) -> Cand | None:
        return Cand(m.start(), m.end(), "season", {"season": self.lex.seasons[m["s"]], "det": ""})

    _CLOCK_AT = frozenset({"vers", "à", "a", "dès", "jusqu'à", "avant", "après", "de", "entre", "et", "peu avant",
                           "peu après", "aux alentours de", "autour de"})
    _CLOCK_DUR = frozenset({"pendant", "durant", "depuis", "en", "plus de", "moins de", "près de",
                            "il y a", "dans", "au bout de", "sur"})

    def _clock(self, m: re.Match[str], sc: Scan) -> Cand | None:
        pre = _squeeze(m["pre"] or "")
        start = m.start() if pre in ("vers", "aux alentours de", "autour de", "peu avant", "peu après") \
            else (m.start("h") if m["h"] else m.start("w"))
        if m["w"]:
            if pre not in self._CLOCK_AT:
                return None
            hh, mm = (int(x) for x in self.lex.clock_words[m["w"]].split(":"))
            if m["wm"]:
                mm = 30 if "demi" in m["wm"] else 15
                hh = hh % 24
            return Cand(start, m.end(), "clock", {"h": hh, "m": mm})
        h = int(m["h"])
        mm = int(m["m"]) if m["m"] else 0
        spelled = m["hu"].startswith("heure")
        durative = pre in self._CLOCK_DUR or h > 24
        if spelled and not m["m"] and pre not in self._CLOCK_AT:
            durative = True
        if pre == "de" and not _RANGE_AFTER.match(sc.low, m.end()):
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
        pre = _squeeze(m["pre"] or "")
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
        return Cand(m.start(), m.end(), "daypart", {"part": self.lex.day_part_phrases[_squeeze(m["dpp"])]})

    def _context_day(self, m: re.Match[str], sc: Scan) -> Cand | None:
        f: dict[str, Any] = {"offset": self.lex.context_days[_squeeze(m["cd"])]}
        if m["part"]:
            f["part"] = self.lex.day_parts[m["part"]]
        elif _OF_AFTER.match(sc.low, m.end()):
            f["of_next"] = True  # "la veille du scrutin", "le lendemain de Noël": counted from what follows
        return Cand(m.start(), m.end(), "context_day", f)

    def _reference(self, m: re.Match[str], sc: Scan) -> Cand | None:
        if m["ref"].startswith("à"):
            if sc.tail(m.start(), 1)[0].startswith(self.lex.reference_blocking_verbs):
                return None
        return Cand(m.start(), m.end(), "fixed",
                    {"type": "TIME", "value": self.lex.references[_squeeze(m["ref"])]})

    def _holiday(self, m: re.Match[str], sc: Scan) -> Cand | None:
        h = _squeeze(m["hol"])
        if h in ("noël", "noel"):
            prev2, prev = sc.tail(m.start(), 2)
            if {prev, prev2} & self.w["noel_blockers"]:
                return None
            if self._CAPITAL_AFTER.match(sc.text, m.end()):  # "Noël Mamère"
                return None
        f: dict[str, Any] = {}
        if h in self.lex.holidays_fixed:
            f["month"], f["day"] = self.lex.holidays_fixed[h]
        else:
            f["easter"] = self.lex.holidays_easter[h]
        if m["year"] and self._year_ok(sc, m.end("year")):
            f["year"] = int(m["year"])
        if m["rel"]:
            f["rel"] = self._rel(m["rel"])
        return Cand(m.start(), m.end(), "holiday", f)

    _ORD = {"premier": 1, "1er": 1, "dernier": -1, "deuxième": 2, "second": 2, "2e": 2, "2ème": 2, "troisième": 3, "3e": 3,
            "3ème": 3, "quatrième": 4, "4e": 4, "4ème": 4}

    def _quarter(self, m: re.Match[str], sc: Scan) -> Cand | None:
        half = m["unit"].strip() == "semestre"
        n = self._ORD.get(m["ord"], -1)
        if half and n > 2:
            return None
        f: dict[str, Any] = {"n": n, "letter": "H" if half else "Q"}
        if m["year"]:
            f["year"] = int(m["year"])
        return Cand(m.start(), m.end(), "quarter", f)


@cache
def grammar() -> Grammar:
    """The compiled grammar (once per process)."""
    return Grammar(lexicon())
