"""Ingest: paths (files, directories, ``-``) to decoded Documents, or InputErrors that say why not."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from selon.ingest.document import DecodeError, Document, InputError
from selon.ingest.readers import Item, finish, megabytes, read_html, read_jsonl, read_text

__all__ = ["DEFAULT_MAX_BYTES", "Document", "InputError", "DecodeError", "Item", "display_path", "iter_documents", "list_inputs"]

DEFAULT_MAX_BYTES = 5_000_000
TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | JSONL_EXT


def list_inputs(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Expand the user's arguments: files as given, directories recursively (sorted, known extensions)."""
    for arg in paths:
        if arg == "-":
            yield "-"
            continue
        p = Path(arg)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or Path(name).suffix.lower() not in KNOWN_EXT:
                        continue
                    full = os.path.join(root, name)
                    if os.path.isfile(full):
                        yield full
                    else:  # a FIFO or device found in a tree would block or never end
                        yield InputError(display_path(full), "not a regular file (broken link, pipe or device)")
        elif p.exists():
            yield str(p)
        else:
            yield InputError(display_path(arg), "no such file or directory")


def display_path(path: str) -> str:
    """The path as shown in messages and records: valid UTF-8, one line.

    File names are bytes: undecodable ones become U+FFFD, control characters
    (a newline in a name would split a message line) are written as escapes.
    """
    try:
        shown = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte
        shown = path.encode("utf-8", "replace").decode("utf-8")
    if shown.isprintable():
        return shown
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in shown)


def iter_documents(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES,
                   stdin_format: str = "auto") -> Iterator[Item]:
    """Every article under ``paths`` as a Document, every unreadable one as an InputError."""
    for item in list_inputs(paths):
        if isinstance(item, InputError):
            yield item
            continue
        shown = display_path(item)
        for out in _read_one(item, max_bytes, stdin_format):
            out.path = shown if out.path == item else out.path
            yield finish(out) if isinstance(out, Document) else out


def _read_one(path: str, max_bytes: int, stdin_format: str) -> Iterator[Item]:
    fmt = _format_of(path, stdin_format)
    try:
        if path == "-":
            stream = sys.stdin.buffer
            if fmt == "jsonl":
                yield from read_jsonl("<stdin>", stream, max_bytes)
                return
            data = stream.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield InputError("<stdin>", f"input larger than the {megabytes(max_bytes)} limit (--max-bytes)")
                return
            if fmt == "auto":
                fmt = _sniff(data)
            if fmt == "jsonl":
                import io
                yield from read_jsonl("<stdin>", io.BytesIO(data), max_bytes)
            else:
                yield from (read_html if fmt == "html" else read_text)("<stdin>", data)
            return
        if fmt == "jsonl":
            with open(path, "rb") as stream:
                yield from read_jsonl(path, stream, max_bytes)
            return
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                yield InputError(path, f"file is {size / 1e6:.1f} MB, over the {megabytes(max_bytes)} limit (--max-bytes)")
                return
            data = fh.read(max_bytes + 1)  # bounded even when the size lies (a pipe, a growing file)
        if len(data) > max_bytes:
            yield InputError(path, f"input larger than the {megabytes(max_bytes)} limit (--max-bytes)")
            return
        yield from (read_html if fmt == "html" else read_text)(path, data)
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")


def _format_of(path: str, stdin_format: str) -> str:
    if path == "-":
        return stdin_format
    ext = Path(path).suffix.lower()
    if ext in HTML_EXT:
        return "html"
    if ext in JSONL_EXT:
        return "jsonl"
    return "txt"


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:512].lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "txt"
