"""The filter options of ``events``, ``timeline``, ``graph`` and ``export``, checked by the shared parser.

``selon.corpus.filters.parse`` is the one place filter values are checked (the
Python API calls it too); here its ``FilterError`` becomes one line on stderr
naming the option, and exit status 2 (1 for an actor that matches nothing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from selon.cli.common import warn
from selon.record import EVENT_TYPES, MODALITIES

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from selon.corpus.filters import Filters

ActorFilter = Annotated[list[str] | None, typer.Option(
    "--actor", "-a", help="Only events this actor takes part in (name, store id, kb id or key; repeatable).")]
TypeFilter = Annotated[list[str] | None, typer.Option(
    "--type", "-t", help=f"PLOVER event type ({', '.join(EVENT_TYPES)}); repeatable.")]
SinceFilter = Annotated[str | None, typer.Option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
UntilFilter = Annotated[str | None, typer.Option("--until", help="Up to this date, inclusive.")]
ModalityFilter = Annotated[str | None, typer.Option(
    "--modality", "-m", help=f"Events with at least one report of this modality ({', '.join(MODALITIES)}).")]
OutletFilter = Annotated[str | None, typer.Option("--outlet", help="Events reported by this outlet.")]


def _ambiguous(text: str, chosen: dict[str, Any], others: list[dict[str, Any]]) -> None:
    also = ", ".join(f"{a['name']} [{a['id']}]" for a in others[:5])
    warn(f"{text!r}: using {chosen['name']} [{chosen['id']}]; also matching: {also}")


def parse(conn: Connection, actor: list[str] | None = None, etype: list[str] | None = None,
          since: str | None = None, until: str | None = None, modality: str | None = None,
          outlet: str | None = None) -> Filters:
    """The filters the options ask for; a value that names nothing stops here with one line on stderr."""
    from selon.corpus.filters import FilterError
    from selon.corpus.filters import parse as parse_filters

    try:
        return parse_filters(conn, actor=actor, type=etype, since=since, until=until, modality=modality,
                             outlet=outlet, on_ambiguous=_ambiguous)
    except FilterError as exc:
        fail(exc)


def fail(exc: Exception) -> NoReturn:
    """A ``FilterError`` as one line naming the option, then exit (never a traceback)."""
    argument = getattr(exc, "argument", "")
    message = getattr(exc, "message", str(exc))
    if argument == "actor":
        warn(f"{message} (`selon search WORDS` finds actors by name)")
        raise typer.Exit(1)
    warn(f"invalid value for --{argument}: {message}")
    raise typer.Exit(2)


def pick_actor(conn: Connection, text: str) -> dict[str, Any]:
    """The actor a command-line ACTOR argument means (the most active when several match, and says so)."""
    from selon.corpus.lookup import resolve_actor

    found = resolve_actor(conn, text)
    if not found:
        warn(f"no actor matches {text!r} (try `selon search {text}`)")
        raise typer.Exit(1)
    if len(found) > 1:
        _ambiguous(text, found[0], found[1:])
    return found[0]
