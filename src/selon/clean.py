"""Cleaning: find the title, outlet, publication date and boilerplate of an article.

Boilerplate is *marked* as spans (`Removed`), never cut out of the text, so
every offset computed later still indexes the raw text.  Later stages read
``Cleaned.analysis_text``: the raw text with removed spans blanked to spaces
(same length), so names in captions or widgets can never become entities.

The rules are general and data-driven (``data/boilerplate.yaml``,
``data/stopwords.yaml``, ``data/outlets.yaml``): line length, position,
credit markers, widget phrases, language mismatch with the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from normality import normalize

from selon.data import load_yaml
from selon.ingest.document import Document
from selon.record import Removed

# Lines longer than this are article text, never boilerplate (and never fed to line regexes).
MAX_BOILERPLATE_LINE = 600
MAX_TITLE = 300
MAX_DATE = 200
_BLANK = re.compile(r"[^\n\r]")


@dataclass
class Line:
    start: int
    end: int
    text: str
    index: int  # among non-empty lines


@dataclass
class Cleaned:
    removed: list[Removed]
    title: str | None
    title_span: tuple[int, int] | None
    outlet: str | None
    published: str | None
    body: str
    analysis_text: str
    language: str | None = None
    notes: list[str] = field(default_factory=list)


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


def line_language(text: str) -> str | None:
    """The language a short line is written in, by function words; None when unclear."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 6:
        return None
    counts = {lang: sum(1 for w in words if w in sw) for lang, sw in rules().stopwords.items()}
    best = max(counts, key=lambda k: counts[k])
    second = max((v for k, v in counts.items() if k != best), default=0)
    if counts[best] >= 3 and counts[best] > 2 * second:
        return best
    return None


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


def _is_share(key: str, r: Rules) -> bool:
    if key in r.share:
        return True
    words = key.split()
    counts = [w for w in words if w.isdigit()]  # "Commentaires (34)", "Réagir (12)"
    if counts and len(counts) <= 2:
        words = [w for w in words if not w.isdigit()]
        if " ".join(words) in r.share:
            return True
    return 0 < len(words) <= 10 and all(w in r.share_words for w in words) and len(words) >= 2


def _starts(key: str, prefixes: tuple[str, ...]) -> bool:
    return any(key == p or key.startswith(p + " ") for p in prefixes)


def _is_prompt(key: str, r: Rules) -> bool:
    """A newsletter or subscription prompt: "Newsletter Afrique : recevez ...", "Inscrivez-vous ..."."""
    if len(key) > 200:
        return False
    if _starts(key, r.prompt_prefixes):
        return True
    head = " ".join(key.split()[:4])
    return any(f" {w} " in f" {head} " for w in r.prompt_words)


def _is_agency_credit(key: str, r: Rules) -> bool:
    """"Avec agences", "(avec AFP)", "Avec l'AFP et Reuters": a wire credit line."""
    if len(key) > 60:
        return False
    for lead in r.credit_leads:
        if key.startswith(lead + " "):
            rest = key[len(lead) + 1:].split()
            return bool(rest) and all(w in r.credit_words for w in rest)
    return False


def _is_credit_line(text: str, r: Rules) -> bool:
    """"(Reportage X ; édité par Y)": the parenthesised staff credit that closes a wire story."""
    if len(text) > 300 or not (text.startswith("(") and text.endswith(")")):
        return False
    return _starts(norm(text[1:-1]), r.credit_lines)


def copyright_outlet(text: str) -> str | None:
    """The publisher named by a closing copyright line ("© Le Courrier de Lyon", "© 2024 Agence X. Tous droits réservés")."""
    if len(text) > 120:
        return None
    m = re.match(r"^(?:©|\([cC]\)|[Cc]opyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?", text)
    if not m:
        return None
    name = re.split(r"\s[-–|]\s|[.,;]\s|\.$|\s(?:tous droits|all rights)", text[m.end():], maxsplit=1,
                    flags=re.IGNORECASE)[0].strip()
    words = name.split()
    if not words or len(words) > 6 or "/" in name or not name[:1].isupper():
        return None
    if any(norm(w) in ("photo", "photos", "archives", "archive", "illustration", "image", "images") for w in words):
        return None
    return canonical_outlet(name)


def _has_credit(text: str, r: Rules) -> bool:
    for pat in r.credits:
        for m in pat.finditer(text):
            if len(text) <= 160 or m.start() < 25 or m.end() > len(text) - 60:
                return True
    return False


def classify(line: Line, r: Rules) -> tuple[str, dict[str, str]] | None:
    """The boilerplate kind of one line (position-independent rules), with what it tells."""
    text = line.text
    if len(text) > MAX_BOILERPLATE_LINE:
        return None
    key = norm(text)
    m = r.source_line.match(text)
    if m:
        return "source-line", {"outlet": m.group("outlet")}
    if re.fullmatch(r"(?:https?://|www\.)\S+", text):
        return "source-line", {"url": text}
    if not key:
        return ("other", {}) if len(text) <= 3 else None
    if _is_share(key, r):
        return "share", {}
    if any(key == p or key.startswith(p + " ") for p in r.related):
        return "related", {"prefix_only": "1" if key in r.related else ""}
    if any(key == p or key.startswith(p + " ") for p in r.other):
        return "other", {}
    if _is_prompt(key, r):
        return "other", {}
    if _is_agency_credit(key, r) or _is_credit_line(text, r):
        return "byline", {}
    for pat in r.published:
        pm = pat.match(text)
        if pm and len(text) <= 120:
            return "byline", {"published": pm.group("date")}
    if _has_credit(text, r):
        return "caption", {}
    if r.platform.match(text) and len(text) <= 300:
        return "caption", {}
    return None


def clean(doc: Document) -> Cleaned:
    """Mark boilerplate, pick the title, outlet and publication date of one document."""
    r = rules()
    text = doc.text
    lines = split_lines(text)
    removed: list[Removed] = []
    meta = doc.meta
    outlet = canonical_outlet(meta.get("outlet")) or outlet_from_url(meta.get("url"))
    published = iso_date(meta.get("published"))
    found_outlet: str | None = None
    found_published: str | None = None

    # A leading "date 2023-04" marker is the publication date; the rest of the line stays.
    if lines:
        first = lines[0]
        m = r.date_marker.match(first.text)
        if m and m.end() < len(first.text):
            cut = first.start + m.end()
            removed.append(Removed(first.start, cut, "header"))
            found_published = m.group("date")
            lines[0] = Line(cut, first.end, text[cut:first.end], 0)

    kinds: dict[int, str] = {}
    n = len(lines)
    for i, line in enumerate(lines):
        got = classify(line, r)
        if got is None:
            continue
        kind, info = got
        if kind == "source-line":
            found_outlet = found_outlet or canonical_outlet(info.get("outlet")) or outlet_from_url(info.get("url"))
        if info.get("published") and not found_published:
            found_published = iso_date(info["published"])
        kinds[i] = kind
        if kind == "related" and info.get("prefix_only") and i + 1 < n and _headline(lines[i + 1].text):
            kinds[i + 1] = "related"  # "Lire aussi :" alone on its line, the link below it

    # Lines that are only a date, near the top (the publication date) or at the very end.
    for i, line in enumerate(lines):
        if i in kinds or not (i < 10 or i >= n - 3):
            continue
        day = date_line(line.text, r)
        if day is not None:
            kinds[i] = "byline"
            if i < 10 and not found_published:
                found_published = iso_date(day)
    copyright_name = next((name for line in reversed(lines[-3:]) if (name := copyright_outlet(line.text))), None)

    # Bylines near the top or bottom; author bios near the end.
    for i, line in enumerate(lines):
        if i in kinds or len(line.text) > MAX_BOILERPLATE_LINE:
            continue
        near_top, near_end = i < 5, i >= n - 4
        if (near_top or near_end) and r.byline.match(line.text):
            kinds[i] = "byline"
        elif i >= max(1, int(n * 0.6)) - 1 and any(p.match(line.text) for p in r.author_bio):
            kinds[i] = "author-bio"

    title_index = _site_headers(lines, kinds)
    header_outlet = next((o for i in range(title_index) if kinds.get(i) == "header"
                          and (o := known_outlet(lines[i].text))), None)
    _rubrics(lines, kinds, title_index)

    # Lines in another language than the article (an English caption in French text).
    language = meta.get("language")
    for i, line in enumerate(lines):
        if i in kinds or i == title_index or not language:
            continue
        lang = line_language(line.text) if len(line.text) <= 1200 else None
        if lang and lang != language:
            kinds[i] = "caption" if i <= max(4, title_index + 3) or _has_credit(line.text, r) else "other"

    for i, kind in sorted(kinds.items()):
        removed.append(Removed(lines[i].start, lines[i].end, kind))
    removed.sort(key=lambda x: (x.start, x.end))

    title, title_span = _title(lines, kinds, title_index, meta.get("title"))
    if not outlet:
        outlet = found_outlet or header_outlet or copyright_name or _dateline_outlet(lines, kinds, title_index)
    published = published or iso_date(found_published)

    masked = _mask(text, removed)
    body = _body(text, removed, title_span)
    return Cleaned(removed=removed, title=title, title_span=title_span, outlet=outlet, published=published,
                   body=body, analysis_text=masked, language=language)


def _site_headers(lines: list[Line], kinds: dict[int, str]) -> int:
    """Mark one-word site headers and breadcrumbs above the title; return the title's line index."""
    for i, line in enumerate(lines):
        if i in kinds:
            continue
        nxt = next((j for j in range(i + 1, len(lines)) if j not in kinds), None)
        breadcrumb = _is_breadcrumb(line.text)
        tiny = len(line.text) <= 20 and len(line.text.split()) <= 2 and not re.search(r"[.!?:]$", line.text)
        # maxsplit: count up to 4 words without splitting a multi-megabyte line into millions
        if nxt is not None and (breadcrumb or (tiny and len(lines[nxt].text.split(maxsplit=4)) >= 4)):
            kinds[i] = "header"
            continue
        return i
    return len(lines)


def _rubrics(lines: list[Line], kinds: dict[int, str], title_index: int) -> None:
    """Section labels between the title and the first paragraph ("Actualité internationale" under the date).

    A short line of at most three words, without sentence punctuation or digits,
    next to another removed line of the page head, is a label of the page, not text.
    """
    for i in range(title_index + 1, min(len(lines), title_index + 7)):
        text = lines[i].text
        if i in kinds:
            continue
        if len(text) > 40 or len(text.split()) > 3 or re.search(r"[.!?:;»\"\d]", text):
            return  # the first line of text: the page head is over
        if kinds.get(i - 1) in ("byline", "header", "caption") or kinds.get(i + 1) in ("byline", "header", "caption"):
            kinds[i] = "header"


def _is_breadcrumb(text: str) -> bool:
    """"Accueil > Monde > Moyen-Orient": short segments between repeated separators."""
    if len(text) > 120 or re.search(r"[.!?]$", text):
        return False
    for sep in (">", "›", "»", "|", "/"):
        parts = [p.strip() for p in text.split(f" {sep} ")]
        if len(parts) >= 2 and all(0 < len(p.split()) <= 4 for p in parts) and "«" not in text:
            return True
    return False


def _headline(text: str) -> bool:
    """A line that reads as a headline (a link's title), not as a paragraph of the article."""
    return len(text) <= 250 and len(re.findall(r"[.!?](?:\s|$)", text)) <= 1


def _title(lines: list[Line], kinds: dict[int, str], index: int,
           given: str | None) -> tuple[str | None, tuple[int, int] | None]:
    line = lines[index] if index < len(lines) else None
    if given:
        if line is not None and norm(line.text) == norm(given):
            return given, (line.start, line.end)
        return given, None
    if line is None:
        return None, None
    # A first "line" that is a whole paragraph is the article itself, not a title.
    if len(line.text) > MAX_TITLE or len(re.findall(r"[.!?](?:\s|$)", line.text)) > 1:
        return None, None
    return line.text.rstrip(), (line.start, line.end)


def _dateline_outlet(lines: list[Line], kinds: dict[int, str], title_index: int) -> str | None:
    """A wire dateline opening the first paragraph: "BEYROUTH (Reuters) - ...", after any removed head lines."""
    text_lines = [i for i in range(title_index + 1, min(len(lines), title_index + 12)) if i not in kinds][:2]
    for i in text_lines:
        m = re.match(r"^[A-ZÀ-Ý][\w\-'’ ,]{1,50}?\s*\(([^()]{2,40})\)\s*[-–—]", lines[i].text)
        if m:
            name = canonical_outlet(m.group(1))
            if name and norm(name) in rules().outlets:
                return name
        return None
    return None


def _mask(text: str, removed: list[Removed]) -> str:
    """The raw text with removed spans replaced by spaces (newlines kept): same length, same offsets."""
    if not removed:
        return text
    parts: list[str] = []
    pos = 0
    for rem in sorted(removed, key=lambda r: r.start):
        start = max(rem.start, pos)
        if rem.end <= start:
            continue
        parts.append(text[pos:start])
        parts.append(_BLANK.sub(" ", text[start:rem.end]))
        pos = rem.end
    parts.append(text[pos:])
    return "".join(parts)


def _body(text: str, removed: list[Removed], title_span: tuple[int, int] | None) -> str:
    cuts = sorted([(r.start, r.end) for r in removed] + ([title_span] if title_span else []))
    parts: list[str] = []
    pos = 0
    for start, end in cuts:
        if start > pos:
            parts.append(text[pos:start])
        pos = max(pos, end)
    parts.append(text[pos:])
    joined = "".join(parts)
    lines = [ln.strip() for ln in joined.splitlines()]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip()
