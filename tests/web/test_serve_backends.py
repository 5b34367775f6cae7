"""`selon serve --db postgresql://…`: the real CLI in its own process, a few API calls (SQLite: the same
calls in test_api.py, and the live server in tests/reliability/test_serve.py)."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

import selon.store

SRC = str(Path(selon.store.__file__).resolve().parents[2])  # the src directory


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_on_postgresql(pg_fixture_store, tmp_path):
    db_url = pg_fixture_store.url
    port, log_path = _free_port(), tmp_path / "serve.log"
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with open(log_path, "w+b") as log:
        proc = subprocess.Popen([sys.executable, "-c", "from selon.cli import main; main()", "serve",
                                 "--db", db_url, "--port", str(port)], env=env, stdout=log, stderr=log)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            with httpx.Client(base_url=base, timeout=10) as http:
                while True:
                    try:
                        if http.get("/api/facets").status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    assert proc.poll() is None, log_path.read_text(errors="replace")
                    assert time.monotonic() < deadline, "selon serve did not start"
                    time.sleep(0.2)
                found = http.get("/api/search", params={"q": "Hamas"}).json()
                assert any(a["name"] == "Hamas" for a in found["actors"]) and found["articles"]
                hamas = next(a for a in found["actors"] if a["name"] == "Hamas")["id"]
                timeline = http.get(f"/api/actors/{hamas}/timeline").json()
                assert [e["type"] for e in timeline if e["date"] >= "2023-06-05"] == [
                    "REJECT", "REJECT", "THREATEN", "SUPPORT"]
                assert http.get(f"/api/articles/{found['articles'][0]['id']}").status_code == 200
                assert http.get("/api/outlets").status_code == 200
                assert http.get("/api/articles/999999").status_code == 404
                # What PostgreSQL refuses and SQLite takes: an id past 32 bits is invalid, a NUL matches nothing.
                assert http.get("/api/actors/2147483648").status_code == 422
                assert http.get("/api/actors", params={"q": "Ha\x00mas"}).json() == []
                assert http.get("/api/graph", params={"outlet": "a\x00b"}).status_code == 200
                assert http.get("/api/search", params={"q": "\x00Hamas"}).status_code == 200
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    served = log_path.read_text(errors="replace")
    assert "Traceback" not in served, served[-2000:]
    if "@" in db_url:
        password = db_url.split("://", 1)[1].split("@")[0].partition(":")[2]
        assert not password or password not in served
