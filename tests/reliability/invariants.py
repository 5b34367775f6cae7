"""What every cleaned document and every record must satisfy, whatever the input.

Shared by the bad-input, property-based and crash tests, and usable on any
record another component produces: offsets index the raw text and reproduce
the text they claim; nothing the body needs is dropped; ids refer to
something.
"""

from __future__ import annotations

from collections import Counter

from selon.clean import Cleaned, norm
from selon.ingest import Document
from selon.record import REMOVED_KINDS, Record


def kept_lines(text: str, cuts: list[tuple[int, int]]) -> Counter[str]:
    """Non-empty raw lines that no cut touches: the body must keep every one, as often as it occurs."""
    out: Counter[str] = Counter()
    pos = 0
    for raw in text.splitlines(keepends=True):
        start, end = pos, pos + len(raw.rstrip("\r\n"))
        pos += len(raw)
        line = text[start:end].strip()
        if line and not any(s < end and start < e for s, e in cuts):
            out[line] += 1
    return out


def check_cleaned(doc: Document, c: Cleaned) -> None:
    text = doc.text
    assert len(c.analysis_text) == len(text), "analysis text must keep every offset"
    last_end = 0
    for r in c.removed:
        assert 0 <= r.start < r.end <= len(text), f"removed span {r} outside the text"
        assert r.kind in REMOVED_KINDS, r.kind
        assert r.start >= last_end, f"removed spans overlap at {r}"
        last_end = r.end
        assert c.analysis_text[r.start:r.end].strip() == "", f"removed span {r} not blanked"
        assert c.analysis_text[r.start:r.end].count("\n") == text[r.start:r.end].count("\n")
    # Outside removed spans the analysis text is the raw text, character for character.
    pos = 0
    for r in c.removed:
        assert c.analysis_text[pos:r.start] == text[pos:r.start]
        pos = r.end
    assert c.analysis_text[pos:] == text[pos:]
    if c.title_span is not None:
        s, e = c.title_span
        assert 0 <= s < e <= len(text)
        assert c.title is not None
        if doc.meta.get("title"):
            assert norm(text[s:e]) == norm(c.title)
        else:
            assert text[s:e].rstrip() == c.title
        assert not any(r.start < e and s < r.end for r in c.removed), "the title is not boilerplate"
    cuts = [(r.start, r.end) for r in c.removed] + ([c.title_span] if c.title_span else [])
    body_lines = Counter(ln.strip() for ln in c.body.splitlines() if ln.strip())
    missing = kept_lines(text, cuts) - body_lines
    assert not missing, f"body dropped lines it needs: {list(missing)[:3]}"


def check_span(raw: str, start: int, end: int, text: str, what: str) -> None:
    assert isinstance(start, int) and isinstance(end, int), what
    assert 0 <= start <= end <= len(raw), f"{what} [{start}:{end}] outside a text of {len(raw)}"
    assert raw[start:end] == text, f"{what} [{start}:{end}] is {raw[start:end]!r}, record says {text!r}"


def check_record(rec: Record, raw: str) -> None:
    """Every span of the record indexes ``raw`` and reproduces its text; every id refers to something."""
    for r in rec.removed:
        assert 0 <= r.start < r.end <= len(raw) and r.kind in REMOVED_KINDS, r
    ids = [e.id for e in rec.entities]
    assert len(ids) == len(set(ids)), "entity ids are unique"
    for ent in rec.entities:
        for m in ent.mentions:
            check_span(raw, m.start, m.end, m.text, f"mention of {ent.id}")
    known = set(ids)
    for ev in rec.events:
        check_span(raw, ev.evidence.start, ev.evidence.end, ev.evidence.text, f"evidence of {ev.id}")
        if ev.trigger is not None:
            check_span(raw, ev.trigger.start, ev.trigger.end, ev.trigger.text, f"trigger of {ev.id}")
        for ref in [*ev.actors, *ev.recipients, *ev.sources]:
            assert ref in known, f"event {ev.id} refers to unknown entity {ref}"
    for q in rec.quotes:
        check_span(raw, q.start, q.end, q.text, "quote")
        assert q.speaker is None or q.speaker in known, q.speaker
    for t in rec.times:
        check_span(raw, t.start, t.end, t.text, "time")
    assert rec.to_dict() == Record.from_json(rec.to_json()).to_dict(), "JSON round trip"
