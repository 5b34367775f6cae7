"""Documents in, records out: cleaning, the spaCy pipeline, assembly of the CONTRACT record.

One ``Extractor`` per process (or Dask worker) holds the loaded pipeline; it
streams: records come out in input order as each batch finishes, and memory
does not grow with the number of documents.  Each batch is parsed inside a
spaCy memory zone (the strings and lexemes of its words are freed with its
Docs, so the vocabulary does not grow with every new name a corpus brings),
and the lemmatizer's cache is emptied when it gets large.
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
from selon.record import Mention, Quote, Record, Span, Time

log = logging.getLogger(__name__)

# Languages we run the NLP pipeline on; other articles are stored and flagged, not mangled.
ANALYSED_LANGUAGES = frozenset({"fr"})
DEFAULT_BATCH = 16
LEMMA_CACHE_MAX = 100_000  # entries of spaCy's lemmatizer cache (a dict that grows with the vocabulary)


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
                    line = item.line if isinstance(item, Document) else None
                    detail = " ".join(str(exc).split())[:200]  # one line, even for a chatty exception
                    yield InputError(path, f"internal error during extraction ({type(exc).__name__}: {detail})", line)

    def _batch(self, batch: list[Item]) -> Iterator[Result]:
        with self.nlp.memory_zone():  # the batch's Docs, and their new strings, are gone after it
            results = self._parse(batch)
        self._trim_caches()
        yield from results

    def _trim_caches(self) -> None:
        for _, pipe in self.nlp.pipeline:
            cache = getattr(pipe, "cache", None)
            if isinstance(cache, dict) and len(cache) > LEMMA_CACHE_MAX:
                cache.clear()

    def _parse(self, batch: list[Item]) -> list[Result]:
        """Records built while the Docs are alive (nothing of a Doc may outlive its memory zone)."""
        prepared: list[tuple[Document, Cleaned, Doc | None] | InputError] = []
        to_parse: list[Doc] = []
        for item in batch:
            if isinstance(item, InputError):
                prepared.append(item)
                continue
            analysed = (item.meta.get("language") or "fr") in ANALYSED_LANGUAGES
            if analysed and len(item.text) > self.nlp.max_length:
                # spaCy would refuse it anyway (E088), after allocating gigabytes for the parse
                prepared.append(InputError(
                    item.path, f"article is {len(item.text):,} characters, over the {self.nlp.max_length:,} "
                    "that are analysed at once (split it into articles)", item.line))
                continue
            cleaned = clean(item)
            sdoc: Doc | None = None
            if analysed:
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
        results: list[Result] = []
        for entry in prepared:
            if isinstance(entry, InputError):
                results.append(entry)
                continue
            document, cleaned, sdoc = entry
            done = next(parsed) if sdoc is not None else None
            results.append(Extracted(self._record(document, cleaned, done), document))
        return results

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
            _true_spans(rec, doc.text, cleaned.analysis_text)
        if self.include_text or doc.format == "html":
            rec.text = doc.text  # offsets index the extracted text, not the HTML markup
        return rec


def _true_spans(rec: Record, raw: str, analysis: str) -> None:
    """Make every span's text the raw text it indexes.

    Components read the analysis text, where boilerplate is blanked: a span that
    ends on whitespace (spaCy entities sometimes take a trailing space token) can
    reach into a blanked caption, and its text then differs from the raw text.
    Such spans are trimmed to their non-blank content and take their text from
    the raw text; a text that is not a slice of the analysis text is left as the
    component wrote it (and the contract tests say so).
    """

    def fix(span: Mention | Span | Quote | Time) -> bool:
        start, end = span.start, span.end
        if not 0 <= start <= end <= len(raw) or span.text != analysis[start:end]:
            return True
        while start < end and analysis[start].isspace():
            start += 1
        while end > start and analysis[end - 1].isspace():
            end -= 1
        span.start, span.end, span.text = start, end, raw[start:end]
        return end > start

    for ent in rec.entities:
        ent.mentions = [m for m in ent.mentions if fix(m)]
    for ev in rec.events:
        fix(ev.evidence)
        if ev.trigger is not None:
            fix(ev.trigger)
    for q in rec.quotes:
        fix(q)
    for t in rec.times:
        fix(t)
