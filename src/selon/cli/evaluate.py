"""``selon eval``: accuracy on the French event gold standard (GSR), by split, with the misses of dev."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from selon.cli import app
from selon.cli.common import err, out, progress, steady, warn

DEFAULT_GSR = Path("eval/gsr")
MAIN_FIGURES = (
    "records", "event_recall", "event_precision", "event_f1", "events_gold", "events_out", "modality_acc",
    "date_acc", "location_acc", "actor_recall", "actor_splits", "no_event_records_clean", "quote_found",
    "quote_speaker_acc", "time_recall", "time_precision", "time_f1", "time_value_acc",
)


@app.command("eval")
def evaluate(
    paths: Annotated[list[Path] | None, typer.Argument(help="GSR files or folders (default: eval/gsr).")] = None,
    split: Annotated[list[str] | None, typer.Option("--split", "-s", help="Only these splits (dev, test).")] = None,
    misses: Annotated[Path | None, typer.Option("--misses", help="Write what the dev split got wrong here, "
                                                 "one line each (never the test split's).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    record: Annotated[Path | None, typer.Option("--record", help="Write the figures here (the file the CI "
                                                 "gate reads: eval/gsr/figures.json).")] = None,
    against: Annotated[Path | None, typer.Option("--against", help="Fail (exit 1) when event F1, modality or "
                                                  "speaker accuracy is more than 0.02 below this file's.")] = None,
) -> None:
    """Run selon on GSR passages and print precision/recall/F1 by PLOVER type and modality, with speaker,
    location, date and time figures, per split."""
    from selon.evaluation.harness import (
        GsrError,
        evaluate,
        extract,
        gate,
        load_gsr,
        read_figures,
        record_figures,
    )

    steady()
    try:
        records = load_gsr(paths or [DEFAULT_GSR], split)
        if not records:
            warn("no GSR records in the selected splits")
            raise typer.Exit(2)
        with progress("extracting GSR passages") as bar:
            task = bar.task_ids[0]
            bar.update(task, total=len(records))
            outputs = extract(records, lambda n: bar.update(task, advance=n))
        tallies = evaluate(records, outputs)
        figures = {name: t.figures() for name, t in tallies.items()}
        if misses is not None:
            lines = tallies["dev"].misses if "dev" in tallies else []
            misses.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
            err.print(f"selon: {len(lines)} dev misses to {misses}", markup=False)
        if record is not None:
            record_figures(record, figures)
        failures = gate(figures, read_figures(against)) if against is not None else []
    except GsrError as exc:
        warn(str(exc))
        raise typer.Exit(2) from None
    if as_json:
        out.print_json(json.dumps(figures))
    else:
        for name, fig in figures.items():
            show_split(name, fig)
    for line in failures:
        warn(f"below the recorded figures: {line}")
    if failures:
        raise typer.Exit(1)


def fmt(v: Any) -> str:
    return "-" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)


def show_split(name: str, fig: dict[str, Any]) -> None:
    from rich.table import Table

    out.print(f"[{name}]", markup=False, style="bold")
    for key in MAIN_FIGURES:
        out.print(f"  {key:24s} {fmt(fig.get(key))}", markup=False)
    for title, rows in (("type", fig["types"]), ("modality", fig["modalities"])):
        table = Table(title=None, show_edge=False, pad_edge=False)
        for col in (title, "gold", "out", "recall", "precision", "F1"):
            table.add_column(col, justify="left" if col == title else "right")
        for key, r in rows.items():
            if r["gold"] or r["out"]:
                table.add_row(key, str(r["gold"]), str(r["out"]), fmt(r["recall"]), fmt(r["precision"]), fmt(r["f1"]))
        out.print(table)
    show_constructions(fig.get("constructions") or {})


def show_constructions(rows: dict[str, dict[str, Any]]) -> None:
    """Event figures over the records tagged with each construction (eval/CODING.md section 9)."""
    from rich.table import Table

    if not rows:
        return
    table = Table(title=None, show_edge=False, pad_edge=False)
    for col in ("construction", "records", "gold", "out", "recall", "precision", "F1", "speaker"):
        table.add_column(col, justify="left" if col == "construction" else "right", no_wrap=col == "construction")
    for key, r in rows.items():
        table.add_row(key, str(r["records"]), str(r["gold"]), str(r["out"]), fmt(r["recall"]),
                      fmt(r["precision"]), fmt(r["f1"]), fmt(r["quote_speaker_acc"]))
    out.print(table)
