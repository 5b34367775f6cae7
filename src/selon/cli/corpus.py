"""Corpus commands: ``events``, ``timeline``, ``graph``, ``search``, ``outlets``, ``corpus rebuild``."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from selon.cli import app
from selon.cli.common import DbOption, out, warn
from selon.corpus import dates
from selon.corpus import query as q
from selon.record import EVENT_TYPES, MODALITIES
from selon.store import Store, open_store

corpus_app = typer.Typer(help="The corpus view: merged events and denial links (kept current on ingest).",
                         no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")

ActorFilter = Annotated[list[str] | None, typer.Option(
    "--actor", "-a", help="Only events this actor takes part in (name, store id, kb id or key; repeatable).")]
TypeFilter = Annotated[list[str] | None, typer.Option(
    "--type", "-t", help=f"PLOVER event type ({', '.join(EVENT_TYPES)}); repeatable.")]
SinceFilter = Annotated[str | None, typer.Option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
UntilFilter = Annotated[str | None, typer.Option("--until", help="Up to this date, inclusive.")]
ModalityFilter = Annotated[str | None, typer.Option(
    "--modality", "-m", help=f"Events with at least one report of this modality ({', '.join(MODALITIES)}).")]
OutletFilter = Annotated[str | None, typer.Option("--outlet", help="Events reported by this outlet.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")]


def build_filters(store: Store, actor: list[str] | None, etype: list[str] | None, since: str | None,
                  until: str | None, modality: str | None, outlet: str | None) -> q.Filters:
    """Validate filter options (a clear message and exit status 2 on a bad one) and resolve actors."""
    types = []
    for t in etype or []:
        if t.upper() not in EVENT_TYPES:
            raise typer.BadParameter(f"unknown event type {t!r}; one of {', '.join(EVENT_TYPES)}", param_hint="--type")
        types.append(t.upper())
    if modality is not None and modality.lower() not in MODALITIES:
        raise typer.BadParameter(f"unknown modality {modality!r}; one of {', '.join(MODALITIES)}",
                                 param_hint="--modality")
    try:
        lo = dates.filter_bound(since, upper=False) if since else None
        hi = dates.filter_bound(until, upper=True) if until else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--since/--until") from None
    actor_ids = [pick_actor(store, a)["id"] for a in actor or []]
    return q.Filters(actor_ids=actor_ids, types=types, since=lo, until=hi,
                     modality=modality.lower() if modality else None, outlet=outlet)


def pick_actor(store: Store, text: str) -> dict[str, Any]:
    """The actor a command-line name means; the most active when several match (and says so)."""
    with store.engine.connect() as conn:
        found = q.resolve_actor(conn, text)
    if not found:
        warn(f"no actor matches {text!r} (try `selon search {text}`)")
        raise typer.Exit(1)
    if len(found) > 1:
        others = ", ".join(f"{a['name']} [{a['id']}]" for a in found[1:6])
        warn(f"{text!r}: using {found[0]['name']} [{found[0]['id']}]; also matching: {others}")
    return found[0]


def cells(*values: object) -> list[Text]:
    """Table cells as plain text: names and titles come from articles, so "[...]" must not be rich markup."""
    return [Text(str(v)) for v in values]


def _names(people: list[dict[str, Any]]) -> str:
    return ", ".join(p["name"] for p in people)


def _print_events(rows: list[dict[str, Any]], title: str) -> None:
    table = Table("id", "date", "type", "mode", "who", "whom", "modality", "reports", "outlets", "denials",
                  title=Text(title))
    for e in rows:
        date = e["date"] or (f"{e['date_start']}…{e['date_end']}" if e["date_start"] else "")
        table.add_row(*cells(str(e["id"]), date, e["type"], e["mode"] or "", _names(e["actors"]), _names(e["recipients"]),
                      e["modality"], str(e["n_reports"]), ", ".join(e["outlets"]), str(e["denials"] or "")))
    out.print(table)


def _jsonl(rows: list[dict[str, Any]]) -> None:
    for r in rows:
        print(json.dumps(r, ensure_ascii=False, default=str))


@app.command()
def events(
    db: DbOption = None, actor: ActorFilter = None, etype: TypeFilter = None, since: SinceFilter = None,
    until: UntilFilter = None, modality: ModalityFilter = None, outlet: OutletFilter = None,
    limit: Annotated[int, typer.Option(min=1, max=100000)] = 100,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: JsonFlag = False,
) -> None:
    """Corpus events (reports of one event merged), by date, with their actors, sources and outlets."""
    with open_store(db) as store:
        f = build_filters(store, actor, etype, since, until, modality, outlet)
        with store.engine.connect() as conn:
            rows = q.events(conn, f, limit=limit, offset=offset)
            total = q.count_events(conn, f)
    if as_json:
        _jsonl(rows)
        return
    _print_events(rows, f"{len(rows)} of {total} corpus events")


@app.command()
def timeline(
    actor: Annotated[str, typer.Argument(help="Actor: name, store id, kb id or key.")],
    db: DbOption = None, etype: TypeFilter = None, since: SinceFilter = None, until: UntilFilter = None,
    modality: ModalityFilter = None, outlet: OutletFilter = None,
    limit: Annotated[int, typer.Option(min=1, max=100000)] = 500,
    as_json: JsonFlag = False,
) -> None:
    """One actor's events across the corpus, in date order."""
    with open_store(db) as store:
        who = pick_actor(store, actor)
        f = build_filters(store, None, etype, since, until, modality, outlet)
        with store.engine.connect() as conn:
            rows = q.timeline(conn, who["id"], f, limit=limit)
    if as_json:
        _jsonl(rows)
        return
    _print_events(rows, f"{who['name']}: {len(rows)} events")  # title escaped in _print_events


@app.command()
def graph(
    actor: Annotated[str, typer.Argument(help="Actor at the centre: name, store id, kb id or key.")],
    depth: Annotated[int, typer.Option(min=1, max=3, help="Hops from the actor.")] = 1,
    db: DbOption = None, etype: TypeFilter = None, since: SinceFilter = None, until: UntilFilter = None,
    modality: ModalityFilter = None, outlet: OutletFilter = None,
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=2, max=5000)] = q.MAX_GRAPH_NODES,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object: nodes and edges.")] = False,
) -> None:
    """The actors around one actor: who did what to whom (edges by event type, with counts and dates)."""
    with open_store(db) as store:
        who = pick_actor(store, actor)
        f = build_filters(store, None, etype, since, until, modality, outlet)
        with store.engine.connect() as conn:
            g = q.graph(conn, who["id"], f, depth=depth, max_nodes=max_nodes)
    if as_json:
        print(json.dumps(g, ensure_ascii=False, default=str))
        return
    names = {n["id"]: n["name"] for n in g["nodes"]}
    table = Table("actor", "type", "recipient", "events", "first", "last",
                  title=Text(f"{who['name']}: {len(g['nodes'])} actors, {len(g['edges'])} ties (depth {depth})"))
    for e in sorted(g["edges"], key=lambda e: -e["weight"]):
        table.add_row(*cells(names[e["source"]], e["type"], names[e["target"]], str(e["weight"]), e["start"] or "",
                      e["end"] or ""))
    out.print(table)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to find in article titles and bodies, and in actor names.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    as_json: JsonFlag = False,
) -> None:
    """Full-text search over articles (SQLite FTS5 / PostgreSQL tsvector) and actor names."""
    with open_store(db) as store:
        hits = store.search(text, limit=limit)
        with store.engine.connect() as conn:
            actors = q.find_actors(conn, text, limit=limit)
    if as_json:
        print(json.dumps({"actors": actors, "articles": hits}, ensure_ascii=False, default=str))
        return
    if actors:
        t = Table("id", "actor", "type", "events", title="actors")
        for a in actors:
            t.add_row(*cells(str(a["id"]), a["name"], a["type"], str(a["events"])))
        out.print(t)
    t = Table("id", "outlet", "published", "title", "snippet", title=f"articles ({len(hits)})")
    for h in hits:
        t.add_row(*cells(str(h["id"]), h["outlet"] or "", h["published"] or "", (h["title"] or "")[:60], h["snippet"] or ""))
    out.print(t)


@app.command()
def outlets(db: DbOption = None, as_json: JsonFlag = False) -> None:
    """Per outlet: articles, reports, corpus events, times cited as a source; country and state affiliation."""
    with open_store(db) as store, store.engine.connect() as conn:
        rows = q.outlets(conn)
    if as_json:
        _jsonl(rows)
        return
    t = Table("outlet", "country", "state", "articles", "reports", "events", "cited", title="outlets")
    for r in rows:
        p = r["profile"] or {}
        state = {True: "yes", False: "no"}.get(p.get("state_affiliated"), "")  # type: ignore[arg-type]
        t.add_row(*cells(r["outlet"] or "(unknown)", p.get("country") or "", state, str(r["articles"]), str(r["reports"]),
                  str(r["corpus_events"]), str(r["cited_as_source"])))
    out.print(t)


@corpus_app.command("rebuild")
def rebuild(db: DbOption = None) -> None:
    """Recompute every corpus event and denial link from the stored reports (after actors are re-resolved)."""
    from selon.corpus import merge

    with open_store(db) as store, store.engine.begin() as conn:
        n = merge.rebuild(conn)
    print(json.dumps(n))


@corpus_app.command("sync")
def sync(db: DbOption = None) -> None:
    """Merge stored reports that are not in the corpus view yet (stores written by an older selon)."""
    from selon.corpus import merge

    with open_store(db) as store, store.engine.begin() as conn:
        added = merge.sync(conn)
        n = merge.counts(conn)
    print(json.dumps({"added": added, **n}))
