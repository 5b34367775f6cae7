"""The analyst web UI: a JSON API over the corpus view and one static page.

Article text is attacker-controlled, so the page never turns data into HTML
(it builds DOM nodes with ``textContent``), and every response carries a
strict Content-Security-Policy: scripts and styles only from this server
(plus the hashes of the stylesheets the vendored timeline injects), nothing
inline, no framing.  Query parameters are validated by FastAPI/pydantic before
any code runs, and every query is SQLAlchemy Core with bound parameters.

Access: bound to a loopback address the app still checks the ``Host`` header
(a web page elsewhere cannot reach it through DNS rebinding).  With a token,
every request must carry it: ``Authorization: Bearer …``, or the HttpOnly
same-site cookie set when the page is opened once as ``/?token=…``.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from pydantic import Field
from starlette.middleware.trustedhost import TrustedHostMiddleware

from selon.corpus import dates
from selon.corpus import query as q
from selon.record import EVENT_TYPES, MODALITIES
from selon.store import Store
from selon.store.schema import MAX_ID
from selon.web import models as m

STATIC = Path(str(resources.files("selon.web").joinpath("static")))
COOKIE = "selon_token"
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]

_TYPE = f"^({'|'.join(EVENT_TYPES)})$"
_MODALITY = f"^({'|'.join(MODALITIES)})$"
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"

Id = Annotated[int, PathParam(ge=1, le=MAX_ID)]
Types = Annotated[list[str] | None, Query(alias="type", max_length=16, description="PLOVER event types.")]
Since = Annotated[str | None, Query(pattern=_DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")]
Until = Annotated[str | None, Query(pattern=_DATE, description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")]
Modality = Annotated[str | None, Query(pattern=_MODALITY)]
Outlet = Annotated[str | None, Query(min_length=1, max_length=200)]
Actors = Annotated[list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None, Query(alias="actor", max_length=20)]


def style_hashes() -> list[str]:
    """CSP hashes of the inline stylesheets the vendored vis-timeline injects (see docs/web.md)."""
    path = STATIC / "vendor" / "csp-style-hashes.txt"
    if not path.exists():
        return []
    return [f"'{h.strip()}'" for h in path.read_text().splitlines() if h.strip().startswith("sha256-")]


def content_security_policy() -> str:
    styles = " ".join(["'self'", *style_hashes()])
    return ("default-src 'none'; script-src 'self'; " f"style-src {styles}; img-src 'self'; "
            "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def create_app(store: Store, token: str | None = None, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app over one open store.  ``allowed_hosts``: Host header values accepted (None: any)."""
    app = FastAPI(title="selon", version="1", description=__doc__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json")
    csp = content_security_policy()

    def invalid(param: str, message: str) -> HTTPException:
        """A 422 shaped like FastAPI's own validation errors (the schema's HTTPValidationError)."""
        return HTTPException(422, [{"loc": ["query", param], "msg": message, "type": "value_error"}])

    def filters(types: list[str] | None, since: str | None, until: str | None, modality: str | None,
                outlet: str | None, actors: list[int] | None = None) -> q.Filters:
        bad = [t for t in types or [] if t not in EVENT_TYPES]
        if bad:
            raise invalid("type", f"unknown event type {bad[0]!r}")
        bounds: dict[str, Any] = {}
        for param, value, upper in (("since", since, False), ("until", until, True)):
            try:
                bounds[param] = dates.filter_bound(value, upper=upper) if value else None
            except ValueError as exc:
                raise invalid(param, str(exc)) from None
        lo, hi = bounds["since"], bounds["until"]
        return q.Filters(actor_ids=list(actors or []), types=list(types or []), since=lo, until=hi,
                         modality=modality, outlet=outlet)

    def read(fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        with store.engine.connect() as conn:
            return fn(conn, *args, **kw)

    def found(value: Any, what: str) -> Any:
        if value is None:
            raise HTTPException(404, f"no such {what}")
        return value

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if token is not None:
            given = request.query_params.get("token")
            if given is not None and request.url.path == "/" and _same(given, token):
                # Open the page once with ?token=…; the cookie carries it from then on, off the URL.
                resp: Response = RedirectResponse("/", status_code=303)
                resp.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
                return _secure(resp, csp)
            if not _authorised(request, token):
                return _secure(JSONResponse({"detail": "a token is required (Authorization: Bearer …)"},
                                            status_code=401, headers={"WWW-Authenticate": "Bearer"}), csp)
        return _secure(await call_next(request), csp)

    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def get(path: str, model: Any, summary: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """A GET endpoint returning ready JSON, documented by ``model`` (not validated against it)."""
        return app.get(path, summary=summary, response_model=None,
                       responses={200: {"model": model}, 401: {"model": m.Error}, 404: {"model": m.Error}})

    @get("/api/facets", m.Facets, "What the filters can take: event types, modalities, outlets, dates")
    def facets() -> JSONResponse:
        return ok(read(q.facets))

    @get("/api/actors", list[m.ActorSummary], "Actors by name (or the most active when q is empty)")
    def actors(qtext: Annotated[str, Query(alias="q", max_length=200)] = "",
               limit: Annotated[int, Query(ge=1, le=200)] = 30) -> JSONResponse:
        if qtext.strip():
            return ok(read(q.find_actors, qtext, limit=limit))
        with store.engine.connect() as conn:
            return ok(q.most_active(conn, limit) if q.has_events(conn) else q.most_mentioned(conn, limit))

    @get("/api/actors/{actor_id}", m.Actor, "One actor: identity, activity, outlet profile")
    def actor(actor_id: Id) -> JSONResponse:
        return ok(found(read(q.actor, actor_id), "actor"))

    @get("/api/actors/{actor_id}/timeline", list[m.CorpusEvent], "One actor's corpus events in date order")
    def timeline(actor_id: Id, types: Types = None, since: Since = None, until: Until = None,
                 modality: Modality = None, outlet: Outlet = None,
                 limit: Annotated[int, Query(ge=1, le=5000)] = 500,
                 offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> JSONResponse:
        f = filters(types, since, until, modality, outlet, [actor_id])
        with store.engine.connect() as conn:
            found(q.actor_exists(conn, actor_id) or None, "actor")
            return ok(q.events(conn, f, limit=limit, offset=offset))

    @get("/api/actors/{actor_id}/graph", m.Graph, "The actors around one actor")
    def actor_graph(actor_id: Id, types: Types = None, since: Since = None, until: Until = None,
                    modality: Modality = None, outlet: Outlet = None,
                    depth: Annotated[int, Query(ge=1, le=3)] = 1,
                    max_nodes: Annotated[int, Query(ge=2, le=500)] = q.MAX_GRAPH_NODES) -> JSONResponse:
        f = filters(types, since, until, modality, outlet)
        with store.engine.connect() as conn:
            found(q.actor_exists(conn, actor_id) or None, "actor")
            if not q.has_events(conn):
                return ok(q.comention_graph(conn, actor_id, max_nodes))
            return ok({**q.graph(conn, actor_id, f, depth=depth, max_nodes=max_nodes), "kind": "events"})

    @get("/api/graph", m.Graph, "The network of the most active actors")
    def overview(types: Types = None, since: Since = None, until: Until = None, modality: Modality = None,
                 outlet: Outlet = None, max_nodes: Annotated[int, Query(ge=2, le=500)] = 60) -> JSONResponse:
        f = filters(types, since, until, modality, outlet)
        with store.engine.connect() as conn:
            if not q.has_events(conn):
                return ok(q.comention_graph(conn, None, max_nodes))
            return ok({**q.graph(conn, None, f, max_nodes=max_nodes), "kind": "events"})

    @get("/api/actors/{actor_id}/articles", list[m.ArticleMentioning], "Articles mentioning one actor")
    def actor_articles(actor_id: Id, limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> JSONResponse:
        with store.engine.connect() as conn:
            found(q.actor_exists(conn, actor_id) or None, "actor")
            return ok(q.actor_articles(conn, actor_id, limit))

    @get("/api/events", list[m.CorpusEvent], "Corpus events matching the filters (any of the actors)")
    def events(types: Types = None, since: Since = None, until: Until = None, modality: Modality = None,
               outlet: Outlet = None, actors: Actors = None,
               limit: Annotated[int, Query(ge=1, le=1000)] = 100,
               offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> JSONResponse:
        return ok(read(q.events, filters(types, since, until, modality, outlet, actors), limit=limit, offset=offset))

    @get("/api/events/{event_id}", m.EventDetail, "One corpus event: reports, evidence, stance, denial links")
    def event(event_id: Id) -> JSONResponse:
        return ok(found(read(q.event, event_id), "event"))

    @get("/api/articles/{article_id}", m.Article, "An article's raw text and the spans to highlight")
    def article(article_id: Id) -> JSONResponse:
        return ok(found(read(q.article, article_id), "article"))

    @get("/api/search", m.SearchResult, "Full-text search over articles, and actors by name")
    def search(qtext: Annotated[str, Query(alias="q", min_length=1, max_length=200)],
               limit: Annotated[int, Query(ge=1, le=100)] = 20) -> JSONResponse:
        return ok({"actors": read(q.find_actors, qtext, limit=limit), "articles": store.search(qtext, limit=limit)})

    @get("/api/outlets", list[m.OutletCount], "Per-outlet counts and profiles")
    def outlets() -> JSONResponse:
        return ok(read(q.outlets))

    return app


def ok(data: Any) -> JSONResponse:
    return JSONResponse(data)


def _same(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), token.encode("utf-8", "surrogatepass"))


def _authorised(request: Request, token: str) -> bool:
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer " and _same(auth[7:].strip(), token):
        return True
    cookie = request.cookies.get(COOKIE)
    return cookie is not None and _same(cookie, token)


def _secure(resp: Response, csp: str) -> Response:
    resp.headers["Content-Security-Policy"] = csp
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Referrer-Policy"] = "no-referrer"
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    resp.headers.setdefault("Cache-Control", "no-store")
    return resp
