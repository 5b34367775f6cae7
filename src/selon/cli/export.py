"""``selon export``: the corpus view as FtM, GEXF, GraphML, CSV, JSON lines or Parquet."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from selon.cli import app
from selon.cli.common import DbOption, err, steady, warn
from selon.cli.filters import (
    ActorFilter,
    ModalityFilter,
    OutletFilter,
    SinceFilter,
    TypeFilter,
    UntilFilter,
    parse,
)


class ExportFormat(StrEnum):
    ftm = "ftm"
    gexf = "gexf"
    graphml = "graphml"
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class TableName(StrEnum):
    events = "events"
    reports = "reports"
    actors = "actors"
    quotes = "quotes"
    articles = "articles"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="ftm (FollowTheMoney JSON lines), gexf "
                                              "(Gephi, dated), graphml, csv (one row per event), jsonl, parquet "
                                              "(a folder of tables, or one table with --table).")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout (parquet: "
                                                "a folder, or a file with --table).")] = None,
    table: Annotated[TableName | None, typer.Option(
        "--table", help="csv and parquet: which table (default: csv events; parquet all five, into a folder).")]
    = None,
    db: DbOption = None, actor: ActorFilter = None, etype: TypeFilter = None, since: SinceFilter = None,
    until: UntilFilter = None, modality: ModalityFilter = None, outlet: OutletFilter = None,
) -> None:
    """Export corpus events (merged across articles) with their actors, sources and evidence.

    csv and parquet hold the tables of ``selon.corpus.tables`` (events, reports, actors, quotes, articles),
    with the same columns as the Python API's DataFrames; with filters, the matching events and what they
    name."""
    steady()
    if table is not None and fmt not in (ExportFormat.csv, ExportFormat.parquet):
        warn("--table applies to --format csv and parquet only")
        raise typer.Exit(2)
    if fmt is ExportFormat.parquet and output is None:
        warn("--format parquet needs --output (a folder, or a .parquet file with --table)")
        raise typer.Exit(2)
    try:
        _export(fmt, output, table.value if table else None, db, actor, etype, since, until, modality, outlet)
    except OSError as exc:  # a folder that cannot be made, a file that cannot be written
        warn(f"cannot write {getattr(exc, 'filename', None) or output}: {exc.strerror or exc}")
        raise typer.Exit(2) from None


def _export(fmt: ExportFormat, output: Path | None, table: str | None, db: str | None, actor: list[str] | None,
            etype: list[str] | None, since: str | None, until: str | None, modality: str | None,
            outlet: str | None) -> None:
    from selon.store import open_store

    with open_store(db) as store, store.engine.connect() as conn:
        filters = parse(conn, actor, etype, since, until, modality, outlet)
        if fmt is ExportFormat.parquet:
            assert output is not None
            _parquet(conn, filters, output, table)
            return
        if fmt in (ExportFormat.gexf, ExportFormat.graphml):
            from selon.export import graph

            write = graph.write_gexf if fmt is ExportFormat.gexf else graph.write_graphml
            g = write(conn, filters, output if output else sys.stdout.buffer)
            err.print(f"selon: {g.number_of_nodes()} actors, {g.number_of_edges()} ties", markup=False)
            return
        from selon.corpus import tables
        from selon.export import ftm, rows, selection, tabular

        sink = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
        try:
            if fmt is ExportFormat.csv and table is not None:
                name = table
                n = rows.write_csv(sink, [c for c, _ in tables.TABLES[name]], selection.batches(conn, name, filters))
            else:
                writers = {ExportFormat.ftm: ftm.write, ExportFormat.csv: tabular.write_csv,
                           ExportFormat.jsonl: tabular.write_jsonl}
                n = writers[fmt](conn, filters, sink)
                name = "entities" if fmt is ExportFormat.ftm else "events"
        finally:
            if output:
                sink.close()
    err.print(f"selon: {n} {name}" + (f" to {output}" if output else ""), markup=False, soft_wrap=True)


def _parquet(conn: object, filters: object, output: Path, table: str | None) -> None:
    """One .parquet file per table, in a folder (or one table to one file)."""
    from selon.corpus import tables
    from selon.export import parquet, selection

    if table is None:
        output.mkdir(parents=True, exist_ok=True)
        targets = [(name, output / f"{name}.parquet") for name in tables.TABLES]
    else:
        targets = [(table, output)]
    for name, path in targets:
        n = parquet.write(path, tables.TABLES[name], selection.batches(conn, name, filters))  # type: ignore[arg-type]
        err.print(f"selon: {n} {name} to {path}", markup=False, soft_wrap=True)
