"""Publication dates: date lines ("Publié le 3 mars 2024 à 14h05"), ISO dates in metadata."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

from selon.clean.rules import MAX_DATE, Rules, norm


def iso_date(text: str | None) -> str | None:
    """An ISO date as precise as the text allows (``2023-04``, ``2021-05-15``), else None."""
    if not text:
        return None
    text = text.strip()
    if len(text) > MAX_DATE:  # untrusted metadata: no date is that long, and the parser is not linear
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]|$)", text)
    if m:
        year, month, day = m.groups()
        try:  # "2023-13-45" is not a date: say nothing rather than something false
            date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            return None
        return "-".join(g for g in m.groups() if g)
    return _parse_date_words(text)


def _parse_date_words(text: str) -> str | None:
    import dateparser
    from dateparser.date import DateDataParser

    # One leading \s, not \s+: a run of spaces would be rescanned from each of its positions.
    text = re.sub(r"\s(?:à|a|at)\s+\d{1,2}\s*[h:]\s*\d{0,2}.*$", "", text, flags=re.IGNORECASE).rstrip()
    text = _without_time(text)
    if not re.search(r"\d{4}", text):  # no year in the text: never guess one
        return None
    parser = _date_parser(DateDataParser, dateparser)
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj
    period = data.period or "day"
    if period == "year":
        return f"{d.year:04d}"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


@cache
def _date_parser(cls: Any, _module: Any) -> Any:
    # French pages write numeric dates day first ("05/10/2023" is 5 October); month names are read as written.
    return cls(languages=["fr", "en"],
               settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False, "DATE_ORDER": "DMY"})


_TIME = re.compile(r"\d{1,2} ?[h:] ?\d\d|\b\d{1,2} ?h\b", re.IGNORECASE)
_ZONE = re.compile(r"\b[A-Z][a-z]{2,12}/[A-Z][A-Za-z_]{2,20}\b")  # "Europe/Paris"
_CLOCK_WORD = re.compile(r"\d{1,2}(?:er|h\d{0,2})")  # "1er", "14h05", "9h"
_EDGES = " \t-–—|,;:.à"


def _without_time(text: str) -> str:
    """A date with its time and separators cut: ": 08/02/2024 - 09:15" -> "08/02/2024"."""
    m = _TIME.search(text)
    if m and m.start() > 0:
        text = text[:m.start()]
    return text.strip(_EDGES)


def date_line(text: str, r: Rules) -> str | None:
    """The date of a line that holds nothing but a date (and a time, a time zone, a place before a comma).

    "Lundi 7 avril 2025, 20:14", "17 juillet 2023 - 18:42", "janv. 12, 2024 11:40 Europe/Paris",
    "Beyrouth, 9 janvier 2025", "12/03/2024".  Read word by word, no backtracking regex.
    """
    if len(text) > 80 or not re.search(r"\d{4}", text):
        return None
    text = _ZONE.sub(" ", text)
    head, comma, rest = text.partition(",")
    candidates = [text]
    place = head.split()
    if comma and 0 < len(place) <= r.date_place_words and all(w[:1].isupper() for w in place) \
            and not any(norm(w) in r.calendar_words for w in place):
        candidates = [rest, text]  # "Beyrouth, 9 janvier 2025": the place is not part of the date
    for cand in candidates:
        words = norm(cand).split()
        if not words or len(words) > 12:
            continue
        year = any(len(w) == 4 and w.isdigit() and w[:2] in ("19", "20") for w in words)
        month = any(w in r.calendar_words for w in words) or re.search(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2}", cand)
        if year and month and all(w.isdigit() or w in r.date_words or _CLOCK_WORD.fullmatch(w) for w in words):
            return _without_time(cand)
    return None
