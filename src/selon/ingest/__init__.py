"""Ingest: paths (files, directories, ``-``) to decoded Documents, or InputErrors that say why not."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from selon.ingest.document import DecodeError, Document, InputError
from selon.ingest.readers import Item, finish, read_html, read_jsonl, read_text

__all__ = ["DEFAULT_MAX_BYTES", "Document", "InputError", "DecodeError", "Item", "iter_documents", "list_inputs"]

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
                    if not name.startswith(".") and Path(name).suffix.lower() in KNOWN_EXT:
                        yield str(Path(root) / name)
        elif p.exists():
            yield str(p)
        else:
            yield InputError(arg, "no such file or directory")


def iter_documents(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES,
                   stdin_format: str = "auto") -> Iterator[Item]:
    """Every article under ``paths`` as a Document, every unreadable one as an InputError."""
    for item in list_inputs(paths):
        if isinstance(item, InputError):
            yield item
            continue
        for out in _read_one(item, max_bytes, stdin_format):
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
                yield InputError("<stdin>", f"input larger than the {max_bytes / 1e6:g} MB limit (--max-bytes)")
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
        size = os.path.getsize(path)
        if size > max_bytes:
            yield InputError(path, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit (--max-bytes)")
            return
        with open(path, "rb") as fh:
            data = fh.read()
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
