"""Actor commands: ``selon actors`` (the most mentioned) and ``selon actor NAME`` (one actor in full)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape

from selon.cli import app
from selon.cli.common import DbOption, out, warn
from selon.cli.render import Col, Format, FormatOption, emit, show
from selon.record import ENTITY_TYPES


def _dump(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=1, default=str))


ACTOR_VIEW = (
    Col("id", "actor_id", rank=0), Col("name", "name", rank=0), Col("type", "type", rank=0),
    Col("kb id", "kb_id", rank=5), Col("articles", "articles", rank=1), Col("events", "events", rank=2),
    Col("cited", "cited", rank=4), Col("first seen", "first_seen", rank=3), Col("last seen", "last_seen", rank=3),
)


@app.command("actors")
def actors_cmd(
    db: DbOption = None,
    top: Annotated[int, typer.Option("--top", min=1, max=100000, help="How many actors to list.")] = 20,
    etype: Annotated[str | None, typer.Option("--type", help=f"Only actors of this type ({', '.join(ENTITY_TYPES)}).")]
    = None,
    fmt: FormatOption = Format.table,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array of the rows.")] = False,
) -> None:
    """The actors the corpus mentions most: one row per real-world actor, with articles and first/last seen."""
    from selon.corpus import tables
    from selon.store import open_store

    if etype is not None and etype.upper() not in ENTITY_TYPES:
        warn(f"invalid value for --type: unknown actor type {etype!r}; one of {', '.join(ENTITY_TYPES)}")
        raise typer.Exit(2)
    with open_store(db) as store, store.engine.connect() as conn:
        rows = tables.actor_rows(conn, etype=etype.upper() if etype else None, limit=top)
    if as_json:
        _dump(rows)
        return
    emit(fmt, [n for n, _ in tables.ACTORS], rows, ACTOR_VIEW, "Actors")


@app.command("actor")
def actor_cmd(
    name: Annotated[str, typer.Argument(help="A name or alias (any case, accents optional), or #ID.")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """One actor: its names, roles and affiliations, the articles that mention it, first and last seen."""
    from selon.store import open_store
    from selon.store.actors import actor_detail, find_actors

    with open_store(db) as store:
        found: list[dict[str, Any]]
        if name.startswith("#") and name[1:].isdigit():
            found = [{"id": int(name[1:])}]
        else:
            found = find_actors(store.engine, name)
        if not found:
            warn(f"no actor named {name!r} in the store")
            raise typer.Exit(1)
        if len(found) > 1:
            if as_json:
                _dump({"candidates": found})
            else:
                warn(f"{len(found)} actors match {name!r}; name one by #ID:")
                show((Col("id", lambda r: f"#{r['id']}", rank=0), Col("name", "name", rank=0),
                      Col("type", "type", rank=0), Col("kb id", "kb_id", rank=1)), found)
            raise typer.Exit(2)
        detail = actor_detail(store.engine, int(found[0]["id"]))
    if detail is None:
        warn(f"no actor {name!r} in the store")
        raise typer.Exit(1)
    if as_json:
        _dump(detail)
        return
    out.print(f"[bold]{escape(detail['name'])}[/bold]  {detail['type']}  {escape(detail['kb_id'] or '')}  "
              f"(#{detail['id']})", highlight=False)
    out.print(f"first seen {detail['first_seen'] or '?'} · last seen {detail['last_seen'] or '?'} · "
              f"{len(detail['articles'])} article(s)", highlight=False)
    _table("Names", ("alias", "articles"), detail["aliases"])
    _table("Roles", ("role", "articles"), detail["roles"])
    _table("Affiliations", ("relation", "target_name", "role", "start", "end", "source"), detail["affiliations"])
    _table("Articles", ("id", "date", "outlet", "title"), detail["articles"])


def _table(title: str, cols: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    if rows:
        out.print()
        show([Col(c, c, rank=0 if i == 0 else i) for i, c in enumerate(cols)], rows, title)
