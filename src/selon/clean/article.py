"""One article cleaned: its title, outlet, publication date and boilerplate spans (:func:`clean`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selon.clean.dates import date_line, iso_date
from selon.clean.lines import classify, copyright_outlet, has_credit, line_language
from selon.clean.rules import (
    MAX_BOILERPLATE_LINE,
    MAX_TITLE,
    Line,
    canonical_outlet,
    known_outlet,
    norm,
    outlet_from_url,
    rules,
    split_lines,
)
from selon.ingest.document import Document
from selon.record import Removed

_BLANK = re.compile(r"[^\n\r]")


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
            kinds[i] = "caption" if i <= max(4, title_index + 3) or has_credit(line.text, r) else "other"

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
