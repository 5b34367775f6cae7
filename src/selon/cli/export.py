"""``selon export``: the corpus view as FtM, GEXF, GraphML, CSV or JSON lines."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from selon.cli import app
from selon.cli.common import DbOption, err
from selon.cli.corpus import (
    ActorFilter,
    ModalityFilter,
    OutletFilter,
    SinceFilter,
    TypeFilter,
    UntilFilter,
    build_filters,
)
from selon.store import open_store


class ExportFormat(StrEnum):
    ftm = "ftm"
    gexf = "gexf"
    graphml = "graphml"
    csv = "csv"
    jsonl = "jsonl"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="ftm (FollowTheMoney JSON lines), gexf "
                                              "(Gephi, dated), graphml, csv (one row per event), jsonl.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    db: DbOption = None, actor: ActorFilter = None, etype: TypeFilter = None, since: SinceFilter = None,
    until: UntilFilter = None, modality: ModalityFilter = None, outlet: OutletFilter = None,
) -> None:
    """Export corpus events (merged across articles) with their actors, sources and evidence."""
    from selon.export import ftm, graph, tabular

    with open_store(db) as store:
        filters = build_filters(store, actor, etype, since, until, modality, outlet)
        with store.engine.connect() as conn:
            if fmt in (ExportFormat.gexf, ExportFormat.graphml):
                write = graph.write_gexf if fmt is ExportFormat.gexf else graph.write_graphml
                g = write(conn, filters, output if output else sys.stdout.buffer)
                err.print(f"selon: {g.number_of_nodes()} actors, {g.number_of_edges()} ties", markup=False)
                return
            writers = {ExportFormat.ftm: ftm.write, ExportFormat.csv: tabular.write_csv,
                       ExportFormat.jsonl: tabular.write_jsonl}
            sink = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
            try:
                n = writers[fmt](conn, filters, sink)
            finally:
                if output:
                    sink.close()
    unit = "entities" if fmt is ExportFormat.ftm else "events"
    err.print(f"selon: {n} {unit}" + (f" to {output}" if output else ""), markup=False)
