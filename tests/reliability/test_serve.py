"""`selon serve` on a loopback port: answers while an ingest writes, and survives schemathesis.

The real CLI: `selon serve` in its own process (uvicorn, SQLite in WAL mode),
and `selon ingest` writing to the same store from the test process while client
threads query every endpoint.
Then schemathesis generates requests from the server's own OpenAPI schema:
valid ones must never fail with a 5xx and must get a response of the declared
shape; invalid ones must be refused by validation (4xx) before any query runs.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)
from typer.testing import CliRunner

import selon.data
from selon.cli import app

from .corpus import good_article

SRC = str(Path(selon.data.__file__).parent.parent.parent)
FIRST, SECOND = 30, 60  # articles stored before the server starts, and while it serves


def selon(*args: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen([sys.executable, "-c", "from selon.cli import main; main()", *args], env=env, **kw)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_articles(root: Path, start: int, n: int) -> Path:
    root.mkdir(parents=True)
    for i in range(start, start + n):
        (root / f"s{i:05d}.txt").write_text(good_article(i), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A store with some articles, `selon serve` on it; yields (base URL, store path, tmp dir, stderr file)."""
    tmp = tmp_path_factory.mktemp("serve")
    db = tmp / "store.db"
    first = CliRunner().invoke(app, ["ingest", str(write_articles(tmp / "first", 50_000, FIRST)), "--db", str(db)])
    assert first.exit_code == 0, first.stderr
    port = free_port()
    log = open(tmp / "server.log", "w+b")  # noqa: SIM115 - read back at the end
    proc = selon("serve", "--db", str(db), "--port", str(port), stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"{base}/api/facets", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert proc.poll() is None, (tmp / "server.log").read_text()
        assert time.monotonic() < deadline, "selon serve did not start"
        time.sleep(0.2)
    yield base, db, tmp, tmp / "server.log"
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


def urls(n_articles: int) -> list[str]:
    """GET requests an analyst's page makes: lists, filters, search, one article/actor/event each."""
    ids = [1, max(1, n_articles // 2), max(1, n_articles)]
    out = ["/api/facets", "/api/actors", "/api/actors?q=ministre", "/api/graph", "/api/events",
           "/api/events?type=CONSULT&since=2020", "/api/search?q=homologue", "/api/outlets"]
    for i in ids:
        out += [f"/api/articles/{i}", f"/api/actors/{i}", f"/api/actors/{i}/timeline", f"/api/actors/{i}/graph",
                f"/api/actors/{i}/articles", f"/api/events/{i}"]
    return out


def stored(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def test_serve_answers_while_an_ingest_writes(server):
    base, db, tmp, log = server
    # The writer runs in this process (model already loaded), the server in its own: two processes, one store.
    done = threading.Event()
    result: list = []

    def write() -> None:
        try:
            result.append(CliRunner().invoke(app, ["ingest", str(write_articles(tmp / "second", 60_000, SECOND)),
                                                   "--db", str(db)]))
        finally:
            done.set()

    ingest = threading.Thread(target=write)
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    lock = threading.Lock()

    def client() -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            while not done.is_set():
                for url in urls(stored(db)):
                    try:
                        status = http.get(url).status_code
                    except httpx.HTTPError as exc:
                        status = 0
                        failures.append(f"{url}: {exc!r}")
                    with lock:
                        statuses[status] += 1
                        if status >= 500:
                            failures.append(f"{url}: {status}")

    threads = [threading.Thread(target=client) for _ in range(2)]
    ingest.start()
    for t in threads:
        t.start()
    ingest.join(timeout=600)
    for t in threads:
        t.join(timeout=120)
    [res] = result
    stderr = res.stderr
    assert res.exit_code == 0, stderr
    assert "locked" not in stderr and "Traceback" not in stderr
    assert f"selon: {SECOND} articles stored" in stderr
    served = log.read_text(errors="replace")
    assert "locked" not in served and "Traceback" not in served, served[-2000:]
    print(f"{sum(statuses.values())} requests during the ingest: {dict(statuses)}; failures: {len(failures)}")
    assert not failures, failures[:5]
    assert sum(statuses.values()) >= 100 and statuses[200] > 0
    n = stored(db)
    assert n == FIRST + SECOND
    with httpx.Client(base_url=base, timeout=60) as http:  # the server sees what the ingest committed
        assert http.get(f"/api/articles/{n}").status_code == 200
        assert http.get(f"/api/articles/{n + 1}").status_code == 404


def test_schemathesis_against_the_live_server(server):
    base, db, tmp, log = server
    schema = schemathesis.openapi.from_url(f"{base}/api/openapi.json")
    tally: Counter[str] = Counter()
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]

    def run(op, mode: GenerationMode) -> None:
        @given(case=op.as_strategy(generation_mode=mode))
        @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def call(case):
            response = case.call(base_url=base, timeout=60)
            tally[mode.value] += 1
            where = f"{mode.value} {case.method} {case.formatted_path} {case.query or ''}"
            if response.status_code >= 500:
                failures.append(f"{where}: {response.status_code} {response.text[:200]}")
                return
            # Invalid input must be refused by validation (4xx), before any SQL; every answer, 2xx or
            # error (404, 422), must come with a documented status, content type and shape.
            if mode is GenerationMode.NEGATIVE:
                checks = [negative_data_rejection]
            elif response.status_code < 300:
                checks = [content_type_conformance, response_schema_conformance]
            else:
                checks = [status_code_conformance, response_schema_conformance]
            for check in checks:
                try:
                    case.validate_response(response, checks=[check])
                except (AssertionError, FailureGroup) as exc:
                    failures.append(f"{where}: {check.__name__}: {exc!r}"[:400])

        try:
            call()
        except Unsatisfiable:  # no parameters: nothing invalid to send (only for negative generation)
            assert mode is GenerationMode.NEGATIVE and not op.path_parameters and not op.query
            untestable.append(op.path)

    untestable: list[str] = []
    for op in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            run(op, mode)
    print(f"schemathesis: {len(operations)} operations, {dict(tally)} cases, {len(failures)} failures; "
          f"no invalid input possible for {untestable}")
    served = log.read_text(errors="replace")
    assert "Traceback" not in served, served[-2000:]
    assert len(operations) >= 10 and sum(tally.values()) >= 250
    assert not failures, "\n".join(failures[:10])
