import pytest
from fastapi.testclient import TestClient

from selon.cli.serve import is_loopback
from selon.web.app import create_app
from tests.corpus import fixtures as fx


@pytest.fixture(scope="module")
def client(fixture_store):
    return TestClient(create_app(fixture_store, allowed_hosts=["testserver"]))


def _actor(client, name):
    return next(a for a in client.get("/api/search", params={"q": name}).json()["actors"] if a["name"] == name)


def test_page_and_assets_are_served_with_a_strict_policy(client):
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    csp = r.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in r.text and " style=" not in r.text and "onclick" not in r.text  # nothing inline
    for asset in ("app.js", "app.css", "vendor/cytoscape.min.js", "vendor/vis-timeline-graph2d.min.js",
                  "vendor/vis-timeline-graph2d.min.css"):
        assert client.get(f"/static/{asset}").status_code == 200, asset
    assert "innerHTML" not in client.get("/static/app.js").text


def test_openapi_documents_the_api(client):
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/actors/{actor_id}/timeline", "/api/actors/{actor_id}/graph", "/api/events/{event_id}",
                 "/api/articles/{article_id}", "/api/search", "/api/graph", "/api/outlets", "/api/facets"):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 404  # Swagger UI would need inline scripts and a CDN


def test_actor_timeline_graph_and_evidence(client, fixture_store):
    qaani = _actor(client, "Ismaïl Qaani")
    tl = client.get(f"/api/actors/{qaani['id']}/timeline").json()
    assert [(e["date"], e["n_reports"]) for e in tl] == [("2021-05-15", 3), ("2021-05-25", 1)]
    g = client.get(f"/api/actors/{qaani['id']}/graph", params={"depth": 2}).json()
    assert {n["name"] for n in g["nodes"]} == {"Ismaïl Qaani", "Ismaïl Haniyeh"}
    ev = client.get(f"/api/events/{tl[0]['id']}").json()
    assert sorted(r["outlet"] for r in ev["reports"]) == ["Fars", "Press TV", "Tasnim"]
    rep = ev["reports"][0]
    art = client.get(f"/api/articles/{rep['article_id']}").json()
    span = next(e for e in art["events"] if e["event_id"] == rep["event_id"])
    assert art["text"][span["evidence"]["start"]:span["evidence"]["end"]] == rep["evidence"]["text"]
    assert art["text"][span["trigger"]["start"]:span["trigger"]["end"]] in rep["evidence"]["text"]
    assert span["entity_ids"] and all(m["start"] < m["end"] for m in art["mentions"])


def test_filters_and_overview(client):
    hamas = _actor(client, "Hamas")
    denied = client.get("/api/events", params={"modality": "denied"}).json()
    assert [e["location"] for e in denied] == ["Doha"]
    rejects = client.get(f"/api/actors/{hamas['id']}/timeline", params=[("type", "REJECT"), ("since", "2023-06-06")])
    assert [e["outlets"] for e in rejects.json()] == [["L'Orient-Le Jour"]]
    by_outlet = client.get("/api/events", params={"outlet": "press tv"}).json()
    assert len(by_outlet) == 1 and by_outlet[0]["n_reports"] == 3
    overview = client.get("/api/graph").json()
    assert len(overview["nodes"]) >= 8 and overview["edges"]
    facets = client.get("/api/facets").json()
    assert facets["types"]["CONSULT"] == 3 and "denied" in facets["modalities"]
    outlets = {o["outlet"]: o for o in client.get("/api/outlets").json()}
    assert outlets["Press TV"]["profile"]["state_affiliated"] is True and outlets["Reuters"]["cited_as_source"] == 1


@pytest.mark.parametrize(("path", "params"), [
    ("/api/events", {"type": "NOPE"}),
    ("/api/events", {"since": "2023-13-01"}),
    ("/api/events", {"since": "yesterday"}),
    ("/api/events", {"modality": "maybe"}),
    ("/api/events", {"limit": 0}),
    ("/api/events", {"limit": 10**6}),
    ("/api/events", {"actor": "x"}),
    ("/api/actors/0", {}),
    ("/api/actors/abc", {}),
    ("/api/actors/1/graph", {"depth": 9}),
    ("/api/search", {"q": ""}),
    ("/api/search", {"q": "x" * 201}),
])
def test_bad_inputs_get_a_clear_4xx(client, path, params):
    r = client.get(path, params=params)
    assert r.status_code == 422, (path, params, r.status_code)
    # Our own refusals have the shape of FastAPI's validation errors, as the OpenAPI schema says.
    detail = r.json()["detail"]
    assert isinstance(detail, list) and detail[0]["loc"][0] in ("query", "path") and detail[0]["msg"]


def test_missing_things_are_404(client):
    for path in ("/api/actors/99999", "/api/actors/99999/timeline", "/api/events/99999", "/api/articles/99999"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert isinstance(r.json()["detail"], str) and r.json()["detail"].startswith("no such")
    documented = client.get("/api/openapi.json").json()["paths"]["/api/events/{event_id}"]["get"]["responses"]
    assert "404" in documented


def test_hostile_strings_come_back_as_data(client, fixture_store):
    art = client.get(f"/api/articles/{fixture_store.article_ids['xss']}").json()
    assert art["title"] == fx.XSS_TITLE and "<script>" in art["text"]
    assert art["url"] is None  # javascript: URL never leaves the server
    for q in ('"; DROP TABLE articles; --', "' OR 1=1 --", "%", "_", "*", "NEAR(", "\"unbalanced"):
        r = client.get("/api/search", params={"q": q})
        assert r.status_code == 200, q
    assert client.get("/api/facets").json()["types"]  # still there


def test_host_header_is_checked_on_loopback(client):
    assert client.get("/api/facets", headers={"host": "attacker.example"}).status_code == 400


def test_token_is_required_on_every_request(fixture_store):
    token = "s3cret-token-for-tests-0123"
    c = TestClient(create_app(fixture_store, token=token))
    for path in ("/", "/api/facets", "/static/app.js", "/api/openapi.json"):
        assert c.get(path).status_code == 401, path
    assert c.get("/api/facets", headers={"authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/api/facets", params={"token": token}).status_code == 401  # only the page takes ?token=
    assert c.get("/api/facets", headers={"authorization": f"Bearer {token}"}).status_code == 200
    # opening the page with ?token= sets an HttpOnly same-site cookie and drops the token from the URL
    r = c.get("/", params={"token": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert c.get("/api/facets").status_code == 200  # the client now carries the cookie
    fresh = TestClient(create_app(fixture_store, token=token))
    assert fresh.get("/", params={"token": "nope"}, follow_redirects=False).status_code == 401
    fresh.cookies.set("selon_token", "nope")
    assert fresh.get("/api/facets").status_code == 401


def test_loopback_detection():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost") and is_loopback("127.1.2.3")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2") and not is_loopback("example.org")


def test_responses_match_the_documented_models(client, fixture_store):
    from pydantic import TypeAdapter

    from selon.web import models as m

    hamas = _actor(client, "Hamas")["id"]
    ev = client.get("/api/events", params={"modality": "denied"}).json()[0]
    checks = [
        ("/api/facets", m.Facets), ("/api/actors", list[m.ActorSummary]), (f"/api/actors/{hamas}", m.Actor),
        (f"/api/actors/{hamas}/timeline", list[m.CorpusEvent]), (f"/api/actors/{hamas}/graph?depth=2", m.Graph),
        ("/api/graph", m.Graph), ("/api/events", list[m.CorpusEvent]), (f"/api/events/{ev['id']}", m.EventDetail),
        (f"/api/articles/{fixture_store.article_ids['xss']}", m.Article), ("/api/search?q=Hamas", m.SearchResult),
        ("/api/outlets", list[m.OutletCount]), (f"/api/actors/{hamas}/articles", list[m.ArticleMentioning]),
    ]
    spec = client.get("/api/openapi.json").json()
    for path, model in checks:
        r = client.get(path)
        assert r.status_code == 200, path
        TypeAdapter(model).validate_python(r.json(), strict=False)
        template = path.split("?")[0].replace(str(hamas), "{actor_id}").replace(f"/events/{ev['id']}", "/events/{event_id}")
        template = template.replace(f"/articles/{fixture_store.article_ids['xss']}", "/articles/{article_id}")
        assert "200" in spec["paths"][template]["get"]["responses"], template


def test_a_store_without_events_still_browses_by_mentions(tmp_path):
    from selon.store import open_store

    arts = [fx.Art(f"m{i}", "IRNA", f"2024-01-0{i + 1}", f"Titre {i}", "L'Iran et le Hamas, puis Israël.",
                   {"e1": ("Iran", "GPE", None, ["L'Iran"]), "e2": fx.HAMAS, **({"e3": fx.ISRAEL} if i else {})})
            for i in range(3)]
    with open_store(str(tmp_path / "noev.db")) as st:
        fx.fill(st, arts)
        c = TestClient(create_app(st))
        top = c.get("/api/actors").json()
        assert [(a["name"], a["articles"]) for a in top[:2]] == [("Hamas", 3), ("Iran", 3)]
        g = c.get("/api/graph").json()
        assert g["kind"] == "co-mentions" and {e["weight"] for e in g["edges"]} == {3, 2}
        iran = next(a["id"] for a in top if a["name"] == "Iran")
        mine = c.get(f"/api/actors/{iran}/graph").json()
        assert mine["kind"] == "co-mentions" and len(mine["nodes"]) == 3
        arts_of = c.get(f"/api/actors/{iran}/articles").json()
        assert [a["title"] for a in arts_of] == ["Titre 2", "Titre 1", "Titre 0"] and arts_of[0]["mentions"] == 1
        assert c.get(f"/api/actors/{iran}/timeline").json() == []


def test_actor_detail_carries_aliases_and_roles_and_alias_search_finds_it(tmp_path):
    from selon.store import open_store

    art = fx.Art("alias", "IRNA", "2024-02-01", "Le général s'exprime", "Esmaïl Ghaani a parlé. Qaani a insisté.",
                 {"e1": ("Ismaïl Qaani", "PERSON", None, ["Esmaïl Ghaani", "Qaani"])})
    rec, raw = fx.build(art)
    rec.entities[0].aliases = ["Esmaïl Ghaani", "Qaani"]
    rec.entities[0].roles = ["commandant de la Force Qods"]
    with open_store(str(tmp_path / "alias.db")) as st:
        st.add(rec, raw)
        c = TestClient(create_app(st))
        hits = c.get("/api/search", params={"q": "Ghaani"}).json()["actors"]
        assert [h["name"] for h in hits] == ["Ismaïl Qaani"]
        detail = c.get(f"/api/actors/{hits[0]['id']}").json()
        assert "Esmaïl Ghaani" in detail["aliases"] and detail["roles"] == ["commandant de la Force Qods"]


def test_out_of_range_integers_are_refused_not_crashing(client):
    # Found by the schema fuzzer: an actor id beyond SQLite's 64-bit integers raised OverflowError.
    for params in ({"actor": str(2**70)}, {"actor": "-1"}, {"limit": str(2**70)}, {"offset": "-5"}):
        assert client.get("/api/events", params=params).status_code == 422, params
    assert client.get(f"/api/actors/{2**70}").status_code == 422
