"""What ingest hands to cleaning: one decoded article, or one reason it could not be read."""

from __future__ import annotations

import hashlib
import re
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
        text, warnings = replace_surrogates(text)
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        doc = cls(path=path, id=str(kw.pop("id", sha)), text=text, sha256=sha, **kw)  # type: ignore[arg-type]
        doc.warnings.extend(warnings)
        return doc


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


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> tuple[str, list[str]]:
    """JSON and Python strings may hold lone UTF-16 surrogates ("\\ud800") that no UTF-8 writer or
    database accepts.  Each becomes U+FFFD, one character for one, so offsets are unchanged."""
    fixed, n = _SURROGATE.subn("\ufffd", text)
    return fixed, ([f"{n} lone surrogate escape(s) replaced with U+FFFD"] if n else [])

