"""Crash safety: `selon ingest` killed with SIGKILL, restarted: every article once, none half-written.

Two real CLI processes on one store: the first is killed from outside at a
random point while it writes; the second kills itself *inside* an article's
transaction, after all of the article's rows are written and before the
commit (the worst moment, made certain rather than left to timing); a third
run (in the test process, the model already loaded) goes to the end.  The store must then hold each article exactly once,
every article whole, and nothing that points nowhere.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import selon.data
from selon.cli import app

from .corpus import good_article

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

SRC = str(Path(selon.data.__file__).parent.parent.parent)
N_FILES, N_LINES = 130, 30
DIES_INSIDE = """
import os, signal, sys
from selon.store import sql

original, written, marker = sql.Store._insert, [], sys.argv.pop(1)

def insert(self, conn, rec, raw, sha):
    art = original(self, conn, rec, raw, sha)  # every row of the article, not yet committed
    written.append(sha)
    if len(written) == 2:
        open(marker, "w").write(sha)
        os.kill(os.getpid(), signal.SIGKILL)
    return art

sql.Store._insert = insert
sys.argv[0] = "selon"
from selon.cli import main
main()
"""


def selon(*args: str, prelude: str = "from selon.cli import main; main()") -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen([sys.executable, "-c", prelude, *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created yet
        return 0


def write_corpus(root: Path) -> int:
    """Small articles, one exact copy under another name, and a JSON lines feed; returns distinct articles."""
    root.mkdir()
    for i in range(N_FILES):
        (root / f"a{i:04d}.txt").write_text(good_article(10_000 + i), encoding="utf-8")
    (root / "copy_of_a0007.txt").write_bytes((root / "a0007.txt").read_bytes())
    feed = [json.dumps({"id": f"feed-{i}", "text": good_article(20_000 + i)}) for i in range(N_LINES)]
    (root / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    return N_FILES + N_LINES


def check_store(db: Path, expected: int) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("PRAGMA foreign_keys=ON")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], "rows pointing nowhere"
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")  # raises if torn
        n, distinct = conn.execute("SELECT count(*), count(DISTINCT sha256) FROM articles").fetchone()
        assert n == distinct == expected, f"{n} articles, {distinct} distinct, {expected} expected"
        orphans = {
            "entities": "SELECT count(*) FROM entities WHERE article_id NOT IN (SELECT id FROM articles)",
            "mentions": "SELECT count(*) FROM mentions WHERE entity_id NOT IN (SELECT id FROM entities)",
            "events": "SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)",
            "event_args": "SELECT count(*) FROM event_args WHERE event_id NOT IN (SELECT id FROM events)",
            "quotes": "SELECT count(*) FROM quotes WHERE article_id NOT IN (SELECT id FROM articles)",
            "times": "SELECT count(*) FROM times WHERE article_id NOT IN (SELECT id FROM articles)",
            "removed": "SELECT count(*) FROM removed WHERE article_id NOT IN (SELECT id FROM articles)",
            "actors": "SELECT count(*) FROM actors WHERE id NOT IN (SELECT actor_id FROM entities "
                      "WHERE actor_id IS NOT NULL)",
        }
        for table, sql in orphans.items():
            assert conn.execute(sql).fetchone()[0] == 0, f"orphan rows in {table}"
        # Every article whole: its rows are exactly what its record lists, and every span is true.
        rows = conn.execute("SELECT id, record, raw_text FROM articles").fetchall()
        total_entities = 0
        for art_id, record_json, raw in rows:
            rec = json.loads(record_json)
            got = {t: conn.execute(f"SELECT count(*) FROM {t} WHERE article_id = ?", (art_id,)).fetchone()[0]  # noqa: S608
                   for t in ("entities", "events", "quotes", "times", "removed")}
            want = {"entities": len(rec["entities"]), "events": len(rec["events"]), "quotes": len(rec["quotes"]),
                    "times": len(rec["times"]), "removed": len(rec["removed"])}
            assert got == want, f"article {art_id} is not whole: {got} != {want}"
            total_entities += got["entities"]
            mentions = conn.execute("SELECT m.start, m.\"end\", m.text FROM mentions m JOIN entities e "
                                    "ON e.id = m.entity_id WHERE e.article_id = ?", (art_id,)).fetchall()
            assert len(mentions) == sum(len(e["mentions"]) for e in rec["entities"])
            assert all(raw[s:e] == t for s, e, t in mentions)
            for s, e, t in conn.execute("SELECT evidence_start, evidence_end, evidence_text FROM events "
                                        "WHERE article_id = ?", (art_id,)):
                assert t and raw[s:e] == t, "event without its evidence"
        assert total_entities > expected, "the articles have entities: a torn write would show"


def test_sigkill_mid_ingest_then_restart(tmp_path: Path):
    corpus, db = tmp_path / "in", tmp_path / "store.db"
    expected = write_corpus(corpus)

    # 1. Killed from outside, at whatever it was doing once some articles are in.
    first = selon("ingest", str(corpus), "--db", str(db), "--workers", "1")
    deadline = time.monotonic() + 240
    while count(db) < 40 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.communicate()
    assert first.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    after_first = count(db)
    assert 0 < after_first < expected

    # 2. Killed inside a transaction: all rows of one article written, no commit.
    marker = tmp_path / "dying_sha"
    second = selon(str(marker), "ingest", str(corpus), "--db", str(db), prelude=DIES_INSIDE)
    second.communicate(timeout=240)
    assert second.returncode == -signal.SIGKILL
    dying = marker.read_text()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles WHERE sha256 = ?", (dying,)).fetchone()[0] == 0
    assert count(db) == after_first + 1  # the one before it committed, the dying one did not

    # 3. To the end (in this process, where the model is already loaded: the store is what matters now).
    third = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db)])
    stderr = third.stderr
    assert third.exit_code == 0, stderr
    assert "Traceback" not in stderr
    stored = expected - after_first - 1
    assert f"selon: {stored} articles stored, {after_first + 2} already stored" in stderr, stderr
    check_store(db, expected)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles WHERE sha256 = ?", (dying,)).fetchone()[0] == 1
