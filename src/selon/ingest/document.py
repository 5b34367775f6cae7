"""What ingest hands to cleaning: one decoded article, or one reason it could not be read."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass
class Document:
    """One article as decoded text; every later offset indexes ``text``.

    ``meta`` holds metadata *given* by the input (JSON lines fields); it wins
    over what cleaning infers from the text.
    """

    path: str
    id: str
    text: str
    sha256: str
    encoding: str = "utf-8"
    format: str = "txt"
    meta: dict[str, str | None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    line: int | None = None  # the line of a JSON lines input, for messages

    @classmethod
    def from_text(cls, text: str, path: str = "-", **kw: object) -> Document:
        """Build a document from an in-memory string (tests, API, scripts)."""
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return cls(path=path, id=str(kw.pop("id", sha)), text=text, sha256=sha, **kw)  # type: ignore[arg-type]


@dataclass
class InputError:
    """An input that was skipped, and why: reported, never raised, so the run goes on."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


class DecodeError(ValueError):
    """Bytes that are not readable text (binary, PDF, unknown encoding)."""
