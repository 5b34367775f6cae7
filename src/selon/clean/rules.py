"""The cleaning data (``data/boilerplate.yaml``, ``data/stopwords.yaml``, ``data/outlets.yaml``), compiled once,
with the comparison key every stage uses (:func:`norm`) and the outlet lookups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from normality import normalize

from selon.data import load_yaml

# Lines longer than this are article text, never boilerplate (and never fed to line regexes).
MAX_BOILERPLATE_LINE = 600
MAX_TITLE = 300
MAX_DATE = 200


@dataclass
class Line:
    start: int
    end: int
    text: str
    index: int  # among non-empty lines


def norm(text: str) -> str:
    """Comparison key: lower case, no accents, punctuation as spaces."""
    if not text.isascii():  # lone surrogates (from a careless caller) must not make normalisation raise
        text = text.encode("utf-8", "replace").decode("utf-8")
    return normalize(text, ascii=True) or ""


@dataclass(frozen=True)
class Rules:
    share: frozenset[str]
    share_words: frozenset[str]
    related: tuple[str, ...]
    other: tuple[str, ...]
    source_line: re.Pattern[str]
    date_marker: re.Pattern[str]
    published: tuple[re.Pattern[str], ...]
    byline: re.Pattern[str]
    credits: tuple[re.Pattern[str], ...]
    platform: re.Pattern[str]
    author_bio: tuple[re.Pattern[str], ...]
    stopwords: dict[str, frozenset[str]]
    outlets: dict[str, str]
    domains: dict[str, str]
    compact_outlets: dict[str, str]  # "parstoday" -> "Pars Today": a site header writes the brand in one word
    prompt_words: tuple[str, ...]
    prompt_prefixes: tuple[str, ...]
    credit_leads: tuple[str, ...]
    credit_words: frozenset[str]
    credit_lines: tuple[str, ...]
    date_words: frozenset[str]
    calendar_words: frozenset[str]
    date_place_words: int


@cache
def rules() -> Rules:
    """Compile the boilerplate data files once per process."""
    bp: dict[str, Any] = load_yaml("boilerplate.yaml")
    share = frozenset(norm(p) for p in bp["share_phrases"])
    outlets: dict[str, str] = {}
    domains: dict[str, str] = {}
    agency_words: set[str] = set()
    for o in load_yaml("outlets.yaml"):
        for alias in [o["name"], *(o.get("aliases") or [])]:
            outlets[norm(alias)] = o["name"]
            if o.get("kind") == "agency":
                agency_words.update(norm(alias).split())
        for d in o.get("domains") or []:
            domains[d.lower()] = o["name"]
    times = load_yaml("times_fr.yaml")
    calendar = {norm(w) for w in bp["date_line_calendar"]}
    for table in ("months", "month_abbreviations", "weekdays"):
        calendar.update(norm(w) for w in times.get(table) or {})
    flags = re.IGNORECASE
    platforms = "|".join(re.escape(p) for p in bp["platforms"])
    return Rules(
        share=share,
        share_words=frozenset(w for p in share for w in p.split()),
        related=tuple(norm(p) for p in bp["related_prefixes"]),
        other=tuple(norm(p) for p in bp["other_prefixes"]),
        source_line=re.compile(bp["source_line"], flags),
        date_marker=re.compile(bp["date_marker"], flags),
        published=tuple(re.compile(p, flags) for p in bp["published_lines"]),
        byline=re.compile(bp["byline"], flags),
        credits=tuple(re.compile(p, flags) for p in bp["credit_patterns"]),
        platform=re.compile(rf"^(?:{platforms})\s+(?=[A-ZÀ-Ý«\"“])"),
        author_bio=tuple(re.compile(p) for p in bp["author_bio"]),
        stopwords={lang: frozenset(words) for lang, words in load_yaml("stopwords.yaml").items()},
        outlets=outlets,
        domains=domains,
        compact_outlets={k.replace(" ", ""): v for k, v in outlets.items() if len(k.replace(" ", "")) >= 4},
        prompt_words=tuple(norm(p) for p in bp["prompt_words"]),
        prompt_prefixes=tuple(norm(p) for p in bp["prompt_prefixes"]),
        credit_leads=tuple(norm(p) for p in bp["agency_credit_lead"]),
        credit_words=frozenset(norm(w) for w in bp["agency_credit_words"]) | agency_words,
        credit_lines=tuple(norm(p) for p in bp["credit_line_prefixes"]),
        date_words=frozenset(norm(w) for w in bp["date_line_words"]) | calendar,
        calendar_words=frozenset(calendar),
        date_place_words=int(bp["date_line_place_words"]),
    )


def canonical_outlet(name: str | None) -> str | None:
    """The profile name of a known outlet ("FRENCH PRESS TV" -> "Press TV"), else the name tidied."""
    if not name or not name.strip():
        return None
    name = name.strip().strip(".:-–—|").strip()
    key = norm(name)
    known = rules().outlets
    if key in known:
        return known[key]
    for prefix in ("french ", "the ", "le ", "la ", "l "):
        if key.startswith(prefix) and key[len(prefix):] in known:
            return known[key[len(prefix):]]
    return name.title() if name.isupper() and len(name) > 4 else name


def known_outlet(name: str | None) -> str | None:
    """The profile name when ``name`` is a known outlet, written as a site brand ("ParsToday", "AL-MANAR"), else None."""
    if not name or len(name) > 80:
        return None
    canonical = canonical_outlet(name)
    known = rules().outlets
    if canonical and norm(canonical) in known:
        return known[norm(canonical)]
    return rules().compact_outlets.get(norm(name).replace(" ", ""))


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    m = re.match(r"^(?:https?://)?([^/\s:?#]+)", url.strip(), re.IGNORECASE)
    if not m:
        return None
    host = m.group(1).lower()
    domains = rules().domains
    parts = host.split(".")
    for i in range(len(parts) - 1):
        cand = ".".join(parts[i:])
        if cand in domains:
            return domains[cand]
    return None


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with the offsets of their stripped content."""
    out: list[Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            start = pos + lead
            out.append(Line(start, start + len(stripped), stripped, len(out)))
        pos += len(raw)
    return out
