"""``selon.extract``: one article to its CONTRACT record, as ``selon extract`` would write it.

A path is read by the CLI's own readers (encoding and language detection,
HTML main text, a one-article JSON lines file); a string that is not a path is
the article's text, read as a ``.txt`` file would be.  The pipeline is loaded
once per process and KB file, then reused.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selon.ingest import DEFAULT_MAX_BYTES, Document, InputError, Item, iter_documents
from selon.ingest.readers import META_FIELDS, finish, read_text
from selon.record import Record

if TYPE_CHECKING:
    from selon.pipeline import Extractor

ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson")


@lru_cache(maxsize=2)
def extractor(kb: str | None = None) -> Extractor:
    """The pipeline for this process (with an extra KB file, if any): loading it takes seconds."""
    from selon.pipeline import Extractor

    return Extractor(kb=kb)


def extract(source: str | os.PathLike[str], *, kb: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
            **meta: str | None) -> Record:
    """The record of one article.  ``source``: a path (``Path``, or a string naming a file), or the text.

    ``meta``: what the article's page said of itself and the text may not — ``title``, ``url``,
    ``outlet``, ``published``, ``language`` — as a JSON lines input would give it (it wins over what
    cleaning infers).  Raises ``ValueError`` when the input cannot be read (why, in one line), and
    ``FileNotFoundError`` for a path that names no file.
    """
    unknown = sorted(set(meta) - set(META_FIELDS))
    if unknown:
        raise TypeError(f"extract() got unexpected keyword argument {unknown[0]!r} (metadata: {', '.join(META_FIELDS)})")
    doc = _document(source, max_bytes)
    for key, value in meta.items():
        if value is not None:
            doc.meta[key] = value
    result = next(iter(extractor(kb).run([finish(doc)])))
    if isinstance(result, InputError):
        raise ValueError(str(result))
    return result.record


def _looks_like_path(text: str) -> bool:
    return "\n" not in text and len(text) < 4096 and (text.lower().endswith(ARTICLE_SUFFIXES) or os.sep in text)


def _document(source: str | os.PathLike[str], max_bytes: int) -> Document:
    if isinstance(source, str) and not (os.path.exists(source) or _looks_like_path(source)):
        return _one(read_text("<text>", source.encode("utf-8")), "<text>")
    path = Path(source)
    if not path.is_file():
        raise FileNotFoundError(f"no article file at {path}")
    return _one(iter_documents([str(path)], max_bytes=max_bytes), str(path))


def _one(items: Any, shown: str) -> Document:
    found: list[Item] = list(items)
    docs = [d for d in found if isinstance(d, Document)]
    if len(found) != 1 or not docs:
        if docs:
            raise ValueError(f"{shown}: holds {len(docs)} articles; selon.extract reads one "
                             "(`selon extract` or `selon ingest` read many)")
        raise ValueError(str(found[0]) if found else f"{shown}: no article")
    return docs[0]
