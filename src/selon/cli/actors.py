"""Actor commands: ``selon actors`` (the most mentioned) and ``selon actor NAME`` (one actor in full)."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.table import Table

from selon.cli import app
from selon.cli.common import DbOption, out, warn
from selon.store import open_store
from selon.store.actors import actor_detail, find_actors, top_actors


class ActorType(StrEnum):
    PERSON = "PERSON"
    ORG = "ORG"
    GPE = "GPE"
    LOC = "LOC"
    EVENT = "EVENT"


def _dump(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=1, default=str))


@app.command("actors")
def actors_cmd(
    db: DbOption = None,
    top: Annotated[int, typer.Option("--top", min=1, max=100000, help="How many actors to list.")] = 20,
    etype: Annotated[ActorType | None, typer.Option("--type", case_sensitive=False,
                                                    help="Only actors of this type.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The actors the corpus mentions most: one row per real-world actor, with articles and first/last seen."""
    with open_store(db) as store:
        rows = top_actors(store.engine, top=top, etype=etype.value if etype else None)
    if as_json:
        _dump(rows)
        return
    table = Table("id", "name", "type", "kb id", "articles", "first seen", "last seen", title="Actors")
    for r in rows:
        table.add_row(str(r["id"]), r["name"], r["type"], r["kb_id"] or "", str(r["articles"]),
                      r["first_seen"] or "", r["last_seen"] or "")
    out.print(table)


@app.command("actor")
def actor_cmd(
    name: Annotated[str, typer.Argument(help="A name or alias (any case, accents optional), or #ID.")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """One actor: its names, roles and affiliations, the articles that mention it, first and last seen."""
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
                table = Table("id", "name", "type", "kb id")
                for r in found:
                    table.add_row(f"#{r['id']}", r["name"], r["type"], r["kb_id"] or "")
                out.print(table)
            raise typer.Exit(2)
        detail = actor_detail(store.engine, int(found[0]["id"]))
    if detail is None:
        warn(f"no actor {name!r} in the store")
        raise typer.Exit(1)
    if as_json:
        _dump(detail)
        return
    out.print(f"[bold]{detail['name']}[/bold]  {detail['type']}  {detail['kb_id'] or ''}  (#{detail['id']})",
              highlight=False)
    out.print(f"first seen {detail['first_seen'] or '?'} · last seen {detail['last_seen'] or '?'} · "
              f"{len(detail['articles'])} article(s)", highlight=False)
    _table("Names", ("alias", "articles"), detail["aliases"])
    _table("Roles", ("role", "articles"), detail["roles"])
    _table("Affiliations", ("relation", "target_name", "role", "start", "end", "source"), detail["affiliations"])
    _table("Articles", ("id", "date", "outlet", "title"), detail["articles"])


def _table(title: str, cols: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    table = Table(*cols, title=title)
    for r in rows:
        table.add_row(*["" if r.get(c) is None else str(r.get(c)) for c in cols])
    out.print(table)
