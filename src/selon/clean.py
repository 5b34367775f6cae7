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
from functools import cache
from typing import Any

from normality import normalize

from selon.data import load_yaml
from selon.ingest.document import Document
from selon.record import Removed

# Lines longer than this are article text, never boilerplate (and never fed to line regexes).
MAX_BOILERPLATE_LINE = 600
MAX_TITLE = 300


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


@cache
def rules() -> Rules:
    """Compile the boilerplate data files once per process."""
    bp: dict[str, Any] = load_yaml("boilerplate.yaml")
    share = frozenset(norm(p) for p in bp["share_phrases"])
    outlets: dict[str, str] = {}
    domains: dict[str, str] = {}
    for o in load_yaml("outlets.yaml"):
        for alias in [o["name"], *(o.get("aliases") or [])]:
            outlets[norm(alias)] = o["name"]
        for d in o.get("domains") or []:
            domains[d.lower()] = o["name"]
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
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]|$)", text)
    if m:
        return "-".join(g for g in m.groups() if g)
    return _parse_date_words(text)


def _parse_date_words(text: str) -> str | None:
    import dateparser
    from dateparser.date import DateDataParser

    text = re.sub(r"\s+(?:à|a|at)\s+\d{1,2}\s*[h:]\s*\d{0,2}.*$", "", text, flags=re.IGNORECASE)
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
    return cls(languages=["fr", "en"], settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False})


def _is_share(key: str, r: Rules) -> bool:
    if key in r.share:
        return True
    words = key.split()
    return 0 < len(words) <= 10 and all(w in r.share_words for w in words) and len(words) >= 2


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
        if kind == "related" and info.get("prefix_only") and i + 1 < n and len(lines[i + 1].text) <= 250:
            kinds[i + 1] = "related"  # "Lire aussi :" alone on its line, the link below it

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

    # Lines in another language than the article (an English caption in French text).
    language = meta.get("language")
    for i, line in enumerate(lines):
        if i in kinds or i == title_index or not language:
            continue
        lang = line_language(line.text)
        if lang and lang != language and len(line.text) <= 1200:
            kinds[i] = "caption" if i <= max(4, title_index + 3) or _has_credit(line.text, r) else "other"

    for i, kind in sorted(kinds.items()):
        removed.append(Removed(lines[i].start, lines[i].end, kind))
    removed.sort(key=lambda x: (x.start, x.end))

    title, title_span = _title(lines, kinds, title_index, meta.get("title"))
    if not outlet:
        outlet = found_outlet or _dateline_outlet(lines, kinds, title_index)
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
        words = line.text.split()
        nxt = next((j for j in range(i + 1, len(lines)) if j not in kinds), None)
        breadcrumb = _is_breadcrumb(line.text)
        tiny = len(words) <= 2 and len(line.text) <= 20 and not re.search(r"[.!?:]$", line.text)
        if nxt is not None and (breadcrumb or (tiny and len(lines[nxt].text.split()) >= 4)):
            kinds[i] = "header"
            continue
        return i
    return len(lines)


def _is_breadcrumb(text: str) -> bool:
    """"Accueil > Monde > Moyen-Orient": short segments between repeated separators."""
    if len(text) > 120 or re.search(r"[.!?]$", text):
        return False
    for sep in (">", "›", "»", "|", "/"):
        parts = [p.strip() for p in text.split(f" {sep} ")]
        if len(parts) >= 2 and all(0 < len(p.split()) <= 4 for p in parts) and "«" not in text:
            return True
    return False


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
    """A wire dateline opening the first paragraph: "BEYROUTH (Reuters) - ..."."""
    for i in range(title_index + 1, min(len(lines), title_index + 3)):
        if i in kinds:
            continue
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
    chars = list(text)
    for rem in removed:
        for k in range(rem.start, rem.end):
            if chars[k] not in "\n\r":
                chars[k] = " "
    return "".join(chars)


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
