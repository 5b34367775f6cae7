"""The page in a real browser: Debian's chromium driven by Playwright (never a downloaded browser).

Loads the page on the fixture store, clicks an actor, sees its timeline and the highlighted evidence, and
checks that the hostile article (``<script>``, ``<img onerror>``, ``javascript:`` URLs) stays inert text.
Skips, with the reason, when /usr/bin/chromium is missing (``scripts/services/chromium.sh`` installs it).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from selon.web.app import LOOPBACK_HOSTS, create_app
from tests.corpus import fixtures as fx

CHROMIUM = Path(os.environ.get("SELON_CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed "
                                "(scripts/services/chromium.sh installs Debian's chromium when run as root)")


@pytest.fixture(scope="module")
def server(fixture_store):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(fixture_store, allowed_hosts=LOOPBACK_HOSTS)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1500, "height": 1000})
    pg = ctx.new_page()
    pg.problems = []
    pg.on("pageerror", lambda exc: pg.problems.append(f"page error: {exc}"))
    pg.on("console", lambda msg: msg.type == "error" and pg.problems.append(f"console: {msg.text}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    # Record CSP violations and any attempt of the fixture's payloads to run.
    pg.add_init_script("""
        window.__violations = [];
        document.addEventListener('securitypolicyviolation',
            (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample));
    """)
    pg.goto(server + "/")
    pg.wait_for_selector("body[data-ready='1']", timeout=20000)
    yield pg
    ctx.close()


def test_click_an_actor_see_timeline_and_highlighted_evidence(page):
    page.click("#actor-list .actor-pick:text-is('Ismaïl Qaani')")
    page.wait_for_selector("#timeline .vis-item .tl-item")
    assert page.text_content("#actor-name") == "Ismaïl Qaani"
    items = page.locator("#timeline .vis-item .tl-item").all_text_contents()
    assert len(items) == 2 and all("CONSULT" in t and "Haniyeh" in t for t in items)
    rows = page.locator("#event-list tbody tr")
    assert rows.count() == 2
    page.click("#event-list tbody tr:first-child .event-pick")
    page.wait_for_selector("#article-text mark.ev-selected")
    detail = page.text_content("#event-detail")
    assert "3 in 3 articles, 3 outlets" in detail
    assert sorted(page.locator(".report .report-pick").all_text_contents()) == ["Fars", "Press TV", "Tasnim"]
    evidence = "".join(page.locator("#article-text mark.ev-selected").all_text_contents())
    assert "s'est entretenu" in evidence or "a reçu" in evidence or "a téléphoné" in evidence
    assert page.locator("#article-text mark.trigger").count() >= 1
    assert page.locator("#article-text mark.arg").count() >= 2  # the two participants' mentions
    # the network shows the actor and its partner (cytoscape draws on canvas; ask it)
    labels = page.evaluate("() => document.querySelector('#network canvas') !== null")
    assert labels
    assert page.evaluate("() => window.__violations") == []
    assert page.problems == []


def test_denials_are_linked_in_the_evidence_panel(page):
    page.click("#actor-list .actor-pick:text-is('Hamas')")
    page.wait_for_selector("#event-list tbody tr")
    page.click("#event-list tbody tr:has-text('Doha') .event-pick, #event-list tbody tr:has-text('reported') .event-pick")
    page.wait_for_selector("#event-detail .links li")
    links = page.locator("#event-detail .links li").all_text_contents()
    assert any("Al-Manar" in t and "[explicit]" in t for t in links)
    assert any("L'Orient-Le Jour" in t and "[actor-window]" in t for t in links)


def test_hostile_article_stays_text(page, fixture_store):
    # Through the actor whose very name is an <img onerror> payload …
    page.fill("#search", "onerror")
    page.wait_for_selector("#search-results .search-actor")
    page.click("#search-results .search-actor")
    page.wait_for_selector("#event-list tbody tr")
    page.click("#event-list tbody tr:first-child .event-pick")
    page.wait_for_selector("#article-text mark.ev-selected")
    text = page.text_content("#article-text")
    assert "<script>window.__xss = 'title'</script>Alerte" in text
    assert "<img src=x onerror=\"window.__xss='body'\">" in text
    assert "javascript:window.__xss='link'" in text
    assert page.text_content("#article-title") == fx.XSS_TITLE
    # … nothing it contains became markup, ran, or links anywhere.
    assert page.locator("#event-detail img, #article img, #actor-panel img, #network-panel img").count() == 0
    assert page.locator("main script, main svg, main iframe").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("#article-meta a").count() == 0  # its javascript: URL is dropped, not linked
    # the search results render the same payloads as text
    page.fill("#search", "javascript")
    page.wait_for_selector("#search-results .search-article")
    assert page.locator("#search-results img").count() == 0
    time.sleep(0.3)
    assert page.evaluate("() => window.__xss") is None
    assert page.evaluate("() => window.__violations") == []
    assert page.problems == []
