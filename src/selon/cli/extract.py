"""``selon extract`` and ``selon ingest``: read articles, write records or store them.

The readers and the NLP pipeline are imported when one of these commands runs,
not when the CLI starts: the store commands never load them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from selon.cli import app
from selon.cli.common import DbOption, err, progress, steady, tick, warn

if TYPE_CHECKING:
    from selon.ingest import Document, Item
    from selon.pipeline import Extracted, Result

DEFAULT_MAX_BYTES = 5_000_000  # selon.ingest.DEFAULT_MAX_BYTES (tests/cli checks they agree)

Paths = Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for standard input.")]
MaxBytes = Annotated[int, typer.Option("--max-bytes", min=1000,
                                       help="Skip (with a message) any article larger than this many bytes.")]
Strict = Annotated[bool, typer.Option("--strict", help="Stop at the first unreadable input.")]
KbOption = Annotated[str | None, typer.Option("--kb", help="An extra actor KB file (JSON lines) to load.")]
Workers = Annotated[int, typer.Option("--workers", "-w", min=1,
                                      help="Extraction processes (with --scheduler local: Dask workers).")]
Scheduler = Annotated[str | None, typer.Option(
    "--scheduler", help="Extract on Dask: 'local' (a local cluster of --workers processes) or a scheduler "
    "address (tcp://HOST:8786). Records are still written here, in input order.")]


class Format(StrEnum):
    jsonl = "jsonl"
    json = "json"


@dataclass
class Tally:
    ok: int = 0
    skipped: int = 0
    duplicates: int = 0


class StrictStop(Exception):
    pass


def _report(items: Iterator[Item | Result], tally: Tally, strict: bool) -> Iterator[Extracted | Document]:
    """Print one line per bad input, count it, and pass good items through."""
    from selon.ingest import InputError

    for item in items:
        if isinstance(item, InputError):
            tally.skipped += 1
            warn(f"skipped {item}")
            if strict:
                raise StrictStop(str(item))
            continue
        yield item


def results(paths: list[str], max_bytes: int, strict: bool, kb: str | None, workers: int,
            tally: Tally, store_has: object | None = None, scheduler: str | None = None) -> Iterator[Extracted]:
    """Extracted records for every readable input; InputErrors reported on stderr as they come."""
    from selon.ingest import iter_documents
    from selon.pipeline import Extracted
    from selon.scale import extraction_stream

    docs: Iterator[Item] = iter_documents(paths, max_bytes=max_bytes)
    if store_has is not None:
        docs = _drop_known(docs, store_has, tally)  # type: ignore[arg-type]
    if scheduler and scheduler != "local" and workers > 1:
        warn("--workers applies to --scheduler local only; a remote cluster has the workers it was started with")
    if kb and (workers > 1 or scheduler):
        from selon.entities.kb import KBError, read_user_kb

        try:  # a bad KB file must stop here: a worker that fails to start is restarted forever
            read_user_kb(kb)
        except KBError as exc:
            warn(str(exc))
            raise typer.Exit(2) from exc
    stream = _start(lambda: extraction_stream(docs, workers=workers, scheduler=scheduler, kb=kb))
    try:
        for item in _report(stream, tally, strict):
            assert isinstance(item, Extracted)
            for w in item.document.warnings:
                warn(f"{item.document.path}: {w}")
            yield item
    finally:  # stopped early (--strict, a store error): workers and clusters stop now, not at exit
        close = getattr(stream, "close", None)
        if close is not None:
            close()


def _start(begin: Callable[[], Iterator[Result]]) -> Iterator[Result]:
    """Start the extraction backend; what stops it before any record is one line and exit status 2."""
    from selon.scale import SchedulerError

    try:
        return begin()
    except (RuntimeError, SchedulerError) as exc:
        warn(str(exc))
        raise typer.Exit(2) from None


def _drop_known(items: Iterator[Item], has: object, tally: Tally) -> Iterator[Item]:
    from selon.ingest import Document

    for item in items:
        if isinstance(item, Document) and has(item.sha256):  # type: ignore[operator]
            tally.duplicates += 1
            continue
        yield item


def _summary(tally: Tally, verb: str) -> None:
    parts = [f"{tally.ok} article{'s' if tally.ok != 1 else ''} {verb}"]
    if tally.duplicates:
        parts.append(f"{tally.duplicates} already stored")
    if tally.skipped:
        parts.append(f"{tally.skipped} skipped")
    err.print("selon: " + ", ".join(parts), markup=False, highlight=False)


@app.command()
def extract(
    paths: Paths,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="jsonl: one record per line; json: one array.")]
    = Format.jsonl,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    include_text: Annotated[bool, typer.Option("--include-text", help="Add the raw text to each record.")] = False,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    strict: Strict = False,
    kb: KbOption = None,
    workers: Workers = 1,
    scheduler: Scheduler = None,
) -> None:
    """Extract one CONTRACT record per article (entities, events, quotes, times, boilerplate), streaming."""
    steady()
    tally = Tally()
    try:
        sink: IO[str] = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    except OSError as exc:
        warn(f"cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(2) from None
    try:
        first = True
        if fmt is Format.json:
            sink.write("[")
        with progress("extracting") as bar:
            for item in tick(results(paths, max_bytes, strict, kb, workers, tally, scheduler=scheduler), bar):
                rec = item.record
                if include_text:
                    rec.text = item.document.text
                line = rec.to_json(indent=None)
                if fmt is Format.json:
                    sink.write(("\n" if first else ",\n") + line)
                else:
                    sink.write(line + "\n")
                sink.flush()
                first = False
                tally.ok += 1
        if fmt is Format.json:
            sink.write("\n]\n" if not first else "]\n")
    except StrictStop:
        warn("stopped at the first error (--strict)")
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(1) from None
    finally:
        if output:
            sink.close()
    _summary(tally, "extracted")
    if tally.skipped:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Paths,
    db: DbOption = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    strict: Strict = False,
    kb: KbOption = None,
    workers: Workers = 1,
    scheduler: Scheduler = None,
) -> None:
    """Extract and store articles; the same bytes twice are stored once; one transaction per article."""
    steady()
    from sqlalchemy.exc import OperationalError, SQLAlchemyError, StatementError

    from selon.ingest import InputError
    from selon.store import open_store

    tally = Tally()
    try:
        store = open_store(db)
    except (SQLAlchemyError, OSError) as exc:
        warn(f"cannot open the store {_shown(db) if db else '(default)'}: {_reason(exc)}")
        raise typer.Exit(2) from None
    failed: str | None = None
    with store:
        try:
            with progress("ingesting") as bar:
                stream = results(paths, max_bytes, strict, kb, workers, tally, store_has=store.has,
                                 scheduler=scheduler)
                for item in tick(stream, bar):
                    try:
                        added = store.add(item.record, item.document.text)
                    except OperationalError as exc:  # locked past the busy timeout, disk full, read-only: stop
                        failed = _reason(exc)
                        break
                    except (StatementError, ValueError) as exc:  # this record only: say so and go on
                        doc = item.document
                        tally.skipped += 1
                        warn(f"skipped {InputError(doc.path, f'could not be stored ({_reason(exc)})', doc.line)}")
                        if strict:
                            raise StrictStop(doc.path) from None
                        continue
                    if added is None:
                        tally.duplicates += 1
                    else:
                        tally.ok += 1
        except StrictStop:
            warn("stopped at the first error (--strict)")
        _summary(tally, "stored")
        if tally.ok:
            err.print(f"selon: store {_shown(store.url)}", markup=False, highlight=False, emoji=False)
    if failed:
        warn(f"store error, stopped: {failed}")
        raise typer.Exit(2)
    if tally.skipped:
        raise typer.Exit(1)


def _shown(db: str) -> str:
    """A store path or URL fit for a terminal or a log: never its password."""
    if "://" not in db:
        return db
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(db).render_as_string(hide_password=True)
    except ArgumentError:
        return db.split("://", 1)[0] + "://…"


def _reason(exc: BaseException) -> str:
    """The database's own message, on one line, without SQLAlchemy's statement dump."""
    orig = getattr(exc, "orig", None)
    return " ".join(str(orig or exc).split("\n[SQL:")[0].split())[:300]


def dump(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1, default=str)
