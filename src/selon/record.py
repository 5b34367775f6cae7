"""The `selon extract` record (shared/CONTRACT.md) as dataclasses.

This is a public API: fields may be added, never renamed or dropped.  Every
``start``/``end`` indexes the raw decoded text of the input document.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "EVENT")
MODALITIES = (
    "asserted", "reported", "denied", "claimed", "planned", "threatened", "called-for", "hypothetical",
)
REMOVED_KINDS = ("header", "caption", "share", "related", "byline", "author-bio", "source-line", "other")
TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass
class Span:
    """A stretch of the raw text, with the text it covers (for evidence)."""

    start: int
    end: int
    text: str


@dataclass
class Removed:
    """A boilerplate span cut from the body, with why (`kind`)."""

    start: int
    end: int
    kind: str


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    id: str
    name: str
    type: str
    kb_id: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Event:
    id: str
    type: str
    mode: str | None
    actors: list[str]
    recipients: list[str]
    date: str | None
    location: str | None
    modality: str
    sources: list[str]
    evidence: Span
    denies: str | None = None
    trigger: Span | None = None


@dataclass
class Quote:
    speaker: str | None
    text: str
    start: int
    end: int
    id: str | None = None


@dataclass
class Time:
    start: int
    end: int
    text: str
    type: str
    value: str | None
    inferred: bool = False


@dataclass
class Record:
    path: str
    id: str
    language: str | None
    title: str | None
    outlet: str | None
    published: str | None
    body: str
    removed: list[Removed] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    sha256: str | None = None
    url: str | None = None
    text: str | None = None  # the raw decoded text the offsets index; only with --include-text

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        if out.get("text") is None:
            out.pop("text", None)
        for ev in out["events"]:
            if ev.get("denies") is None:
                ev.pop("denies", None)
            if ev.get("trigger") is None:
                ev.pop("trigger", None)
        for t in out["times"]:
            if not t.get("inferred"):
                t.pop("inferred", None)
        return out

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """Rebuild a record from its JSON form; unknown keys are ignored (newer writers)."""
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in known}
        kw["removed"] = [_make(Removed, r) for r in data.get("removed") or []]
        kw["entities"] = [
            _make(Entity, {**e, "mentions": [_make(Mention, m) for m in e.get("mentions") or []]})
            for e in data.get("entities") or []
        ]
        kw["events"] = [
            _make(Event, {
                **e,
                "evidence": _make(Span, e["evidence"]),
                "trigger": _make(Span, e["trigger"]) if e.get("trigger") else None,
            })
            for e in data.get("events") or []
        ]
        kw["quotes"] = [_make(Quote, q) for q in data.get("quotes") or []]
        kw["times"] = [_make(Time, t) for t in data.get("times") or []]
        return cls(**kw)

    @classmethod
    def from_json(cls, text: str) -> Record:
        return cls.from_dict(json.loads(text))


def _make(cls: Any, data: dict[str, Any]) -> Any:
    known = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in known})
