"""``selon serve``: the analyst web UI over a store."""

from __future__ import annotations

import ipaddress
import secrets
from typing import Annotated

import typer

from selon.cli import app
from selon.cli.common import DbOption, err, steady, warn


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind. Anything but a loopback address needs --token.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option(
        envvar="SELON_TOKEN", help="Require this token on every request (Authorization: Bearer …, or open "
        "/?token=… once in a browser). 'random' makes one up and prints it.")] = None,
) -> None:
    """Serve the analyst web UI: actor network, timeline, evidence, search (JSON API at /api)."""
    steady()
    import uvicorn

    from selon.corpus import merge
    from selon.store import open_store
    from selon.web.app import LOOPBACK_HOSTS, create_app

    if token == "random":
        token = secrets.token_urlsafe(24)
    if token is not None and len(token) < 16:
        warn("the token must be at least 16 characters")
        raise typer.Exit(2)
    local = is_loopback(host)
    if not local and token is None:
        warn(f"refusing to serve on {host} without a token: pass --token (or set $SELON_TOKEN), "
             "or bind 127.0.0.1")
        raise typer.Exit(2)
    store = open_store(db)
    with store.engine.begin() as conn:
        added = merge.sync(conn)
    if added:
        err.print(f"selon: merged {added} reports not yet in the corpus view", markup=False)
    web = create_app(store, token=token, allowed_hosts=[*LOOPBACK_HOSTS, host] if local else None)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    err.print(f"selon: serving {store.shown_url} at {url}", markup=False, highlight=False)
    try:
        uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False)
    finally:
        store.close()
