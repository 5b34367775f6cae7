"""Corpus commands: ``events``, ``timeline``, ``graph``, ``search``, ``outlets``, ``corpus rebuild``.

Only the store is read: the query modules are imported inside each command,
and none of them imports the NLP pipeline (``selon stats`` and these start in
a fraction of a spaCy import).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from selon.cli import app
from selon.cli.common import DbOption, steady
from selon.cli.filters import (
    ActorFilter,
    ModalityFilter,
    OutletFilter,
    SinceFilter,
    TypeFilter,
    UntilFilter,
    parse,
    pick_actor,
)
from selon.cli.render import Col, Format, FormatOption, emit

corpus_app = typer.Typer(help="The corpus view: merged events and denial links (kept current on ingest).",
                         no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")

JsonFlag = Annotated[bool, typer.Option("--json", help="The nested objects (as the web API returns them), "
                                        "one per line.")]


def _date(row: dict[str, Any]) -> str:
    """The event's date as precise as known; else the days it lies between, written short."""
    if row["event_date"]:
        return str(row["event_date"])
    start, end = row["date_start"], row["date_end"]
    if not start:
        return ""
    if start == end:
        return str(start)
    if start[:7] == end[:7]:
        return f"{start}…{end[8:]}"
    if start[:4] == end[:4]:
        return f"{start}…{end[5:]}"
    return f"{start}…{end}"


EVENT_VIEW = (
    Col("id", "event_id", rank=4), Col("date", _date, rank=0), Col("type", "event_type", rank=0),
    Col("mode", "mode", rank=5), Col("who", "actor1", rank=0), Col("whom", "actor2", rank=0),
    Col("modality", "modality", rank=0), Col("reports", "report_count", rank=3), Col("outlets", "outlets", rank=2),
    Col("denials", lambda r: r["denials"] or "", rank=6),
)


def _events_out(fmt: Format, as_json: bool, nested: list[dict[str, Any]], conn: Any, title: str) -> None:
    from selon.corpus import tables

    if as_json:
        for ev in nested:
            print(json.dumps(ev, ensure_ascii=False, default=str))
        return
    rows = tables.event_rows(conn, nested)
    emit(fmt, [n for n, _ in tables.EVENTS], rows, EVENT_VIEW, title)


@app.command()
def events(
    db: DbOption = None, actor: ActorFilter = None, etype: TypeFilter = None, since: SinceFilter = None,
    until: UntilFilter = None, modality: ModalityFilter = None, outlet: OutletFilter = None,
    limit: Annotated[int, typer.Option(min=1, max=100000)] = 100,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    fmt: FormatOption = Format.table, as_json: JsonFlag = False,
) -> None:
    """Corpus events (reports of one event merged), by date, with their actors, sources and outlets."""
    from selon.corpus import listing
    from selon.store import open_store

    with open_store(db) as store, store.engine.connect() as conn:
        f = parse(conn, actor, etype, since, until, modality, outlet)
        nested = listing.events(conn, f, limit=limit, offset=offset)
        total = listing.count_events(conn, f) if fmt is Format.table and not as_json else 0
        _events_out(fmt, as_json, nested, conn, f"{len(nested)} of {total} corpus events")


@app.command()
def timeline(
    actor: Annotated[str, typer.Argument(help="Actor: name, store id, kb id or key.")],
    db: DbOption = None, etype: TypeFilter = None, since: SinceFilter = None, until: UntilFilter = None,
    modality: ModalityFilter = None, outlet: OutletFilter = None,
    limit: Annotated[int, typer.Option(min=1, max=100000)] = 500,
    fmt: FormatOption = Format.table, as_json: JsonFlag = False,
) -> None:
    """One actor's events across the corpus, in date order."""
    from selon.corpus import listing
    from selon.store import open_store

    with open_store(db) as store, store.engine.connect() as conn:
        who = pick_actor(conn, actor)
        f = parse(conn, None, etype, since, until, modality, outlet)
        nested = listing.timeline(conn, who["id"], f, limit=limit)
        _events_out(fmt, as_json, nested, conn, f"{who['name']}: {len(nested)} events")


EDGE_COLUMNS = ("source_id", "source", "type", "target_id", "target", "events", "directed", "first", "last")
EDGE_VIEW = (
    Col("actor", "source", rank=0), Col("type", "type", rank=0), Col("recipient", "target", rank=0),
    Col("events", "events", rank=1), Col("first", "first", rank=2), Col("last", "last", rank=2),
)


@app.command()
def graph(
    actor: Annotated[str, typer.Argument(help="Actor at the centre: name, store id, kb id or key.")],
    depth: Annotated[int, typer.Option(min=1, max=3, help="Hops from the actor.")] = 1,
    db: DbOption = None, etype: TypeFilter = None, since: SinceFilter = None, until: UntilFilter = None,
    modality: ModalityFilter = None, outlet: OutletFilter = None,
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=2, max=5000)] = 150,
    fmt: FormatOption = Format.table,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object: nodes and edges.")] = False,
) -> None:
    """The actors around one actor: who did what to whom (edges by event type, with counts and dates)."""
    from selon.corpus import network
    from selon.store import open_store

    with open_store(db) as store, store.engine.connect() as conn:
        who = pick_actor(conn, actor)
        f = parse(conn, None, etype, since, until, modality, outlet)
        g = network.graph(conn, who["id"], f, depth=depth, max_nodes=max_nodes)
    if as_json:
        print(json.dumps(g, ensure_ascii=False, default=str))
        return
    names = {n["id"]: n["name"] for n in g["nodes"]}
    rows = [{"source_id": e["source"], "source": names[e["source"]], "type": e["type"], "target_id": e["target"],
             "target": names[e["target"]], "events": e["weight"], "directed": e["directed"], "first": e["start"],
             "last": e["end"]} for e in sorted(g["edges"], key=lambda e: -e["weight"])]
    emit(fmt, EDGE_COLUMNS, rows, EDGE_VIEW,
         f"{who['name']}: {len(g['nodes'])} actors, {len(g['edges'])} ties (depth {depth})")


HIT_COLUMNS = ("kind", "id", "name", "type", "events", "outlet", "published", "snippet")
ACTOR_HIT_VIEW = (Col("id", "id", rank=0), Col("actor", "name", rank=0), Col("type", "type", rank=0),
                  Col("events", "events", rank=1))
ARTICLE_HIT_VIEW = (Col("id", "id", rank=0), Col("outlet", "outlet", rank=3), Col("published", "published", rank=0),
                    Col("title", "name", rank=1), Col("snippet", "snippet", rank=2))


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to find in article titles and bodies, and in actor names.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    fmt: FormatOption = Format.table,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object: actors and articles.")] = False,
) -> None:
    """Full-text search over articles (SQLite FTS5 / PostgreSQL tsvector) and actor names.

    csv and jsonl list both, one row per hit, with a ``kind`` column (actor or article)."""
    from selon.corpus import lookup
    from selon.store import open_store

    with open_store(db) as store:
        hits = store.search(text, limit=limit)
        with store.engine.connect() as conn:
            actors = lookup.find_actors(conn, text, limit=limit)
    if as_json:
        print(json.dumps({"actors": actors, "articles": hits}, ensure_ascii=False, default=str))
        return
    actor_rows = [{"kind": "actor", **a} for a in actors]
    article_rows = [{"kind": "article", "id": h["id"], "name": h["title"], "outlet": h["outlet"],
                     "published": h["published"], "snippet": h["snippet"]} for h in hits]
    if fmt is not Format.table:
        emit(fmt, HIT_COLUMNS, actor_rows + article_rows, ())
        return
    if actor_rows:
        emit(fmt, HIT_COLUMNS, actor_rows, ACTOR_HIT_VIEW, "actors")
    emit(fmt, HIT_COLUMNS, article_rows, ARTICLE_HIT_VIEW, f"articles ({len(hits)})")


OUTLET_COLUMNS = ("outlet", "country", "state_affiliated", "owner", "articles", "reports", "events", "cited")
OUTLET_VIEW = (
    Col("outlet", lambda r: r["outlet"] or "(unknown)", rank=0), Col("country", "country", rank=2),
    Col("state", lambda r: {True: "yes", False: "no"}.get(r["state_affiliated"], ""), rank=3),
    Col("articles", "articles", rank=1), Col("reports", "reports", rank=1), Col("events", "events", rank=1),
    Col("cited", "cited", rank=1),
)


@app.command()
def outlets(db: DbOption = None, fmt: FormatOption = Format.table, as_json: JsonFlag = False) -> None:
    """Per outlet: articles, reports, corpus events, times cited as a source; country and state affiliation."""
    from selon.corpus import facets
    from selon.store import open_store

    with open_store(db) as store, store.engine.connect() as conn:
        found = facets.outlets(conn)
    if as_json:
        for r in found:
            print(json.dumps(r, ensure_ascii=False, default=str))
        return
    rows = []
    for r in found:
        p = r["profile"] or {}
        rows.append({"outlet": r["outlet"], "country": p.get("country"), "state_affiliated": p.get("state_affiliated"),
                     "owner": p.get("owner"), "articles": r["articles"], "reports": r["reports"],
                     "events": r["corpus_events"], "cited": r["cited_as_source"]})
    emit(fmt, OUTLET_COLUMNS, rows, OUTLET_VIEW, "outlets")


@corpus_app.command("rebuild")
def rebuild(db: DbOption = None) -> None:
    """Recompute every corpus event and denial link from the stored reports (after actors are re-resolved)."""
    steady()
    from selon.corpus import merge
    from selon.store import open_store

    with open_store(db) as store, store.engine.begin() as conn:
        n = merge.rebuild(conn)
    print(json.dumps(n))


@corpus_app.command("sync")
def sync(db: DbOption = None) -> None:
    """Merge stored reports that are not in the corpus view yet (stores written by an older selon)."""
    steady()
    from selon.corpus import merge
    from selon.store import open_store

    with open_store(db) as store, store.engine.begin() as conn:
        added = merge.sync(conn)
        n = merge.counts(conn)
    print(json.dumps({"added": added, **n}))
