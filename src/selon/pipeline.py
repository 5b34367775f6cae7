"""Documents in, records out: cleaning, the spaCy pipeline, assembly of the CONTRACT record.

One ``Extractor`` per process (or Dask worker) holds the loaded pipeline; it
streams: records come out in input order as each batch finishes, and memory
does not grow with the number of documents.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeAlias

from spacy.tokens import Doc

from selon.clean import Cleaned, clean
from selon.ingest import Document, InputError, Item
from selon.nlp import DEFAULT_MODEL, load_pipeline
from selon.record import Record

log = logging.getLogger(__name__)

# Languages we run the NLP pipeline on; other articles are stored and flagged, not mangled.
ANALYSED_LANGUAGES = frozenset({"fr"})
DEFAULT_BATCH = 16


@dataclass
class Extracted:
    """A record with the document it came from (the store keeps the raw text)."""

    record: Record
    document: Document


Result: TypeAlias = Extracted | InputError


class Extractor:
    def __init__(self, model: str = DEFAULT_MODEL, kb: str | None = None, batch_size: int = DEFAULT_BATCH,
                 include_text: bool = False) -> None:
        self.nlp = load_pipeline(model, kb)
        self.batch_size = batch_size
        self.include_text = include_text

    def extract(self, doc: Document) -> Record:
        """One document to its record (raises on internal errors; ``run`` catches them)."""
        result = next(self._batch([doc]))
        if isinstance(result, InputError):
            raise ValueError(str(result))
        return result.record

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        """Records for every Document, InputErrors passed through, in input order."""
        batch: list[Item] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._safe_batch(batch)
                batch = []
        if batch:
            yield from self._safe_batch(batch)

    def _safe_batch(self, batch: list[Item]) -> Iterator[Result]:
        try:
            yield from list(self._batch(batch))
        except Exception:  # one bad document must not sink its batch: redo them one by one
            log.debug("batch failed, retrying one by one", exc_info=True)
            for item in batch:
                try:
                    yield from list(self._batch([item]))
                except Exception as exc:
                    log.debug("extraction failed for %s", getattr(item, "path", "?"), exc_info=True)
                    path = item.path if isinstance(item, Document) else str(item)
                    yield InputError(path, f"internal error during extraction ({type(exc).__name__}: {exc})")

    def _batch(self, batch: list[Item]) -> Iterator[Result]:
        prepared: list[tuple[Document, Cleaned, Doc | None] | InputError] = []
        to_parse: list[Doc] = []
        for item in batch:
            if isinstance(item, InputError):
                prepared.append(item)
                continue
            cleaned = clean(item)
            sdoc: Doc | None = None
            if (item.meta.get("language") or "fr") in ANALYSED_LANGUAGES:
                sdoc = self.nlp.make_doc(cleaned.analysis_text)
                sdoc._.selon_meta = {
                    "published": cleaned.published,
                    "outlet": cleaned.outlet,
                    "language": item.meta.get("language"),
                    "title_span": cleaned.title_span,
                    "removed": cleaned.removed,
                }
                to_parse.append(sdoc)
            prepared.append((item, cleaned, sdoc))
        parsed = iter(self.nlp.pipe(to_parse, batch_size=self.batch_size)) if to_parse else iter(())
        for entry in prepared:
            if isinstance(entry, InputError):
                yield entry
                continue
            document, cleaned, sdoc = entry
            done = next(parsed) if sdoc is not None else None
            yield Extracted(self._record(document, cleaned, done), document)

    def _record(self, doc: Document, cleaned: Cleaned, sdoc: Doc | None) -> Record:
        rec = Record(
            path=doc.path,
            id=doc.id,
            language=doc.meta.get("language"),
            title=cleaned.title,
            outlet=cleaned.outlet,
            published=cleaned.published,
            body=cleaned.body,
            removed=cleaned.removed,
            sha256=doc.sha256,
            url=doc.meta.get("url"),
        )
        if sdoc is not None:
            rec.entities = list(sdoc._.entities or [])
            rec.events = list(sdoc._.events or [])
            rec.quotes = list(sdoc._.quotes or [])
            rec.times = list(sdoc._.times or [])
        if self.include_text or doc.format == "html":
            rec.text = doc.text  # offsets index the extracted text, not the HTML markup
        return rec
