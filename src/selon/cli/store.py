"""Store commands: ``stats``, ``articles``, ``show``."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from selon.cli import app
from selon.cli.common import DbOption, out, warn
from selon.store import open_store
from selon.store.summary import summary


@app.command()
def stats(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
    top: Annotated[int, typer.Option("--top", min=1, max=1000, help="Rows in each top list.")] = 10,
) -> None:
    """Counts of what is in the store, then its top actors, event types, outlets and cited sources."""
    with open_store(db) as store:
        counts = store.stats()
        if not as_json:
            tops = summary(store, top=top)
    if as_json:
        print(json.dumps(counts))
        return
    table = Table(title="selon store", show_header=False)
    for key, value in counts.items():
        table.add_row(key, str(value))
    out.print(table)
    titles = {"actors": "Top actors", "event_types": "Events by type", "modalities": "Events by modality",
              "outlets": "Outlets", "sources": "Cited sources (events attributed)"}
    for name, rows in tops.items():
        if not rows:
            continue
        t = Table(*rows[0].keys(), title=titles[name])
        for row in rows:
            t.add_row(*(str(v) for v in row.values()))
        out.print(t)


@app.command()
def articles(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=100000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List stored articles: store id, input id, outlet, date, title, events."""
    with open_store(db) as store:
        rows = store.articles(limit=limit, offset=offset)
    if as_json:
        print(json.dumps(rows, ensure_ascii=False))
        return
    table = Table("id", "outlet", "published", "events", "title", "input id")
    for r in rows:
        table.add_row(str(r["id"]), r["outlet"] or "", r["published"] or "", str(r["events"]),
                      (r["title"] or "")[:70], str(r["doc_id"])[:16])
    out.print(table)


@app.command()
def show(
    ident: Annotated[str, typer.Argument(help="Store id, input id, or sha256 prefix.")],
    db: DbOption = None,
) -> None:
    """Print the stored record of one article (CONTRACT JSON)."""
    with open_store(db) as store:
        rec = store.record(ident)
    if rec is None:
        warn(f"no article {ident!r} in the store")
        raise typer.Exit(1)
    print(rec.to_json(indent=1))
