"""Store commands: ``stats``, ``articles``, ``show``."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from selon.cli import app
from selon.cli.common import DbOption, out, warn
from selon.cli.render import Col, Format, FormatOption, emit, show

TITLES = {"actors": "Top actors", "event_types": "Events by type", "modalities": "Events by modality",
          "outlets": "Outlets", "sources": "Cited sources (events attributed)"}


@app.command()
def stats(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
    top: Annotated[int, typer.Option("--top", min=1, max=1000, help="Rows in each top list.")] = 10,
) -> None:
    """Counts of what is in the store, then its top actors, event types, outlets and cited sources."""
    from selon.store import open_store
    from selon.store.summary import summary

    with open_store(db) as store:
        counts = store.stats()
        if not as_json:
            tops = summary(store, top=top)
    if as_json:
        print(json.dumps(counts))
        return
    show((Col("", "key", rank=0), Col("", "value", rank=0)),
         [{"key": k, "value": v} for k, v in counts.items()], "selon store")
    for name, rows in tops.items():
        if rows:
            out.print()
            show([Col(k, k, rank=0 if i == 0 else 1) for i, k in enumerate(rows[0])], rows, TITLES[name])


ARTICLE_VIEW = (
    Col("id", "article_id", rank=0), Col("outlet", "outlet", rank=3), Col("published", "published", rank=0),
    Col("events", "reports", rank=2), Col("title", "title", rank=1), Col("input id", "doc_id", rank=4),
)


@app.command()
def articles(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=100000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    fmt: FormatOption = Format.table,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array of the rows.")] = False,
) -> None:
    """List stored articles: store id, outlet, date, events, title, input id."""
    from selon.corpus import tables
    from selon.store import open_store

    with open_store(db) as store, store.engine.connect() as conn:
        rows: list[dict[str, Any]] = tables.article_rows(conn, limit=limit, offset=offset)
    if as_json:
        print(json.dumps(rows, ensure_ascii=False))
        return
    emit(fmt, [n for n, _ in tables.ARTICLES], rows, ARTICLE_VIEW, f"{len(rows)} articles")


@app.command("show")
def show_cmd(
    ident: Annotated[str, typer.Argument(help="Store id, input id, or sha256 prefix.")],
    db: DbOption = None,
) -> None:
    """Print the stored record of one article (CONTRACT JSON)."""
    from selon.store import open_store

    with open_store(db) as store:
        rec = store.record(ident)
    if rec is None:
        warn(f"no article {ident!r} in the store")
        raise typer.Exit(1)
    print(rec.to_json(indent=1))
