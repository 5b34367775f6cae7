"""Readers by input format: plain text, HTML (trafilatura), JSON lines.

Each reader yields Documents or InputErrors; none raises on bad input.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from typing import IO, Any, TypeAlias

from selon.ingest.decode import decode_bytes
from selon.ingest.document import DecodeError, Document, InputError, replace_surrogates
from selon.ingest.language import detect_language

log = logging.getLogger(__name__)

Item: TypeAlias = Document | InputError
META_FIELDS = ("title", "url", "outlet", "published", "language")


def read_text(path: str, data: bytes) -> Iterator[Item]:
    """One article per file; offsets index the decoded file."""
    try:
        text, encoding, warnings = decode_bytes(data)
    except DecodeError as exc:
        yield InputError(path, str(exc))
        return
    if not text or text.isspace():  # (no stripped copy of a 50 MB text)
        yield InputError(path, "empty file (no text)")
        return
    sha = hashlib.sha256(data).hexdigest()
    yield Document(path=path, id=sha, text=text, sha256=sha, encoding=encoding, format="txt",
                   warnings=warnings)


def read_html(path: str, data: bytes) -> Iterator[Item]:
    """One article per page: main text via trafilatura; offsets index that extracted text."""
    try:
        markup, encoding, warnings = decode_bytes(data)
    except DecodeError as exc:
        yield InputError(path, str(exc))
        return
    sha = hashlib.sha256(data).hexdigest()
    try:
        doc = _html_document(path, sha, markup, {})
    except DecodeError as exc:
        yield InputError(path, str(exc))
        return
    doc.encoding, doc.warnings, doc.sha256 = encoding, warnings, sha
    yield doc


def _html_document(path: str, doc_id: str, markup: str, given: dict[str, Any]) -> Document:
    import trafilatura

    if not markup or markup.isspace():
        raise DecodeError("empty HTML page")
    try:
        extracted = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                                include_tables=False, favor_precision=True)
    except (RecursionError, MemoryError, ValueError, TypeError, AttributeError, IndexError) as exc:
        raise DecodeError(f"HTML could not be parsed ({type(exc).__name__})") from exc
    if extracted is None:
        raise DecodeError("no article text found in the HTML page")
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    body = (data.get("text") or "").strip()
    if not body:
        raise DecodeError("no article text found in the HTML page")
    title = (data.get("title") or "").strip()
    # The title becomes the first line so that the offsets of the record cover it too.
    text = f"{title}\n\n{body}\n" if title else f"{body}\n"
    meta: dict[str, str | None] = {
        "title": title or None,
        "url": data.get("url") or None,
        "outlet": data.get("sitename") or None,
        "published": data.get("date") or None,
    }
    meta.update({k: v for k, v in given.items() if v})
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(path=path, id=doc_id, text=text, sha256=sha, format="html", meta=meta)


def read_jsonl(path: str, stream: IO[bytes], max_bytes: int) -> Iterator[Item]:
    """One article per line: ``{"id", "text" | "html", ...metadata}``; streams, line by line."""
    lineno = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while True:  # skip the rest of an oversized line without holding it
                more = stream.readline(1 << 20)
                if not more or more.endswith(b"\n"):
                    break
            yield InputError(path, f"line longer than the {megabytes(max_bytes)} limit (--max-bytes)", lineno)
            continue
        if not raw.strip():
            continue
        yield _jsonl_item(path, lineno, raw)


def _jsonl_item(path: str, lineno: int, raw: bytes) -> Item:
    try:
        obj = json.loads(raw.decode("utf-8-sig" if lineno == 1 else "utf-8"))
    except UnicodeDecodeError:
        return InputError(path, "line is not valid UTF-8", lineno)
    except json.JSONDecodeError as exc:
        msg = exc.msg.removesuffix(" at")  # "Invalid control character at"
        return InputError(path, f"not JSON ({msg} at column {exc.colno})", lineno)
    except RecursionError:
        return InputError(path, "not JSON we accept (nested too deeply)", lineno)
    except ValueError as exc:  # e.g. an integer with thousands of digits
        return InputError(path, f"not JSON we accept ({exc})", lineno)
    if not isinstance(obj, dict):
        return InputError(path, f"expected a JSON object, got {type(obj).__name__}", lineno)
    text, html = obj.get("text"), obj.get("html")
    if text is None and html is None:
        return InputError(path, "no 'text' (or 'html') field", lineno)
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            return InputError(path, f"'{name}' must be a string, got {type(value).__name__}", lineno)
    meta: dict[str, str | None] = {}
    for name in META_FIELDS:
        value = obj.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            return InputError(path, f"'{name}' must be a string, got {type(value).__name__}", lineno)
        meta[name] = _scrub(value).strip() or None
    given_id = obj.get("id")
    if given_id is not None and (isinstance(given_id, bool) or not isinstance(given_id, (str, int))):
        return InputError(path, f"'id' must be a string or an integer, got {type(given_id).__name__}", lineno)
    sha = hashlib.sha256(raw.strip()).hexdigest()
    doc_id = _scrub(str(given_id)) if given_id is not None and str(given_id).strip() else sha
    if text is not None:
        if not text or text.isspace():
            return InputError(path, "'text' is empty", lineno)
        if "\x00" in text:
            return InputError(path, "'text' contains NUL characters", lineno)
        text, warnings = replace_surrogates(text)
        return Document(path=path, id=doc_id, text=text, sha256=sha, format="jsonl", meta=meta,
                        warnings=warnings, line=lineno)
    try:
        doc = _html_document(path, doc_id, replace_surrogates(str(html))[0], meta)
    except DecodeError as exc:
        return InputError(path, str(exc), lineno)
    doc.sha256, doc.line = sha, lineno
    return doc


def _scrub(value: str) -> str:
    """Metadata and ids: no lone surrogates, no NUL (PostgreSQL refuses it in text)."""
    return replace_surrogates(value)[0].replace("\x00", "")


def finish(doc: Document) -> Document:
    """Fill what every reader needs: the detected language when none was given."""
    if not doc.meta.get("language"):
        doc.meta["language"] = detect_language(doc.text)
    return doc


def megabytes(n: int) -> str:
    return f"{n / 1_000_000:g} MB"
