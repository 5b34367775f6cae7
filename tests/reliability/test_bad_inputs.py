"""Bad input, generated here: no traceback, one clear line per bad item, every good article kept.

Reading and cleaning are checked on every case and on a 10,000-file directory
(cheap); the full CLI (spaCy included) runs on a mixed directory of a few
hundred files, since the model is what costs.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from selon.clean import clean
from selon.cli import app
from selon.ingest import Document, InputError, iter_documents

from .corpus import (
    Case,
    Layout,
    bad_cases,
    good_article,
    key_sentence,
    message_for,
    odd_names,
    skipped_lines,
    special_files,
    write_mixed_dir,
)
from .invariants import check_cleaned

CASES = bad_cases()


def run(*args: str, **kw):
    return CliRunner().invoke(app, list(args), **kw)


def read_all(paths: list[str], **kw) -> list[Document | InputError]:
    out = list(iter_documents(paths, **kw))
    for item in out:
        if isinstance(item, Document):
            check_cleaned(item, clean(item))  # cleaning never raises and keeps its offsets true
        else:
            assert "\n" not in str(item) and item.reason.strip(), item
    return out


def check_case(case: Case, path: Path, items: list[Document | InputError]) -> None:
    errors = [i for i in items if isinstance(i, InputError)]
    docs = [i for i in items if isinstance(i, Document)]
    assert all(i.path == str(path) for i in items), "every item names its file"
    if case.expect == "either":
        return
    if case.expect == "skip":
        assert len(errors) == len(case.reasons), [str(e) for e in errors]
        for err, (line, reason) in zip(errors, case.reasons, strict=True):
            assert err.line == line and re.search(reason, err.reason), (str(err), line, reason)
    else:
        assert not errors, [str(e) for e in errors]
    if path.suffix == ".jsonl":
        assert len(docs) == case.good_lines
    elif case.expect == "ok":
        assert len(docs) == 1
    for doc in docs:
        assert case.must_contain is None or case.must_contain in doc.text or path.suffix == ".jsonl"
    if case.must_contain and case.expect == "ok":
        assert any(case.must_contain in d.text for d in docs)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_bad_input_is_read_or_refused_with_its_reason(tmp_path: Path, case: Case):
    path = tmp_path / case.name
    path.write_bytes(case.data)
    check_case(case, path, read_all([str(path)]))


def test_files_that_are_not_files_are_named_not_read(tmp_path: Path):
    expected = special_files(tmp_path)
    items = read_all([str(tmp_path)])  # a FIFO read would block: the test would hang, not fail
    got = {(Path(e.path).name, e.reason) for e in items if isinstance(e, InputError)}
    assert len(got) == len(expected) == len(items)
    for name, reason in expected:
        assert any(n == name and re.search(reason, r) for n, r in got)


def test_awkward_file_names_are_read_and_shown_on_one_line(tmp_path: Path):
    shown = odd_names(tmp_path)
    items = read_all([str(tmp_path)])
    assert all(isinstance(d, Document) for d in items)
    assert sorted(Path(d.path).name for d in items) == sorted(shown)
    for d in items:
        d.path.encode("utf-8")  # printable and storable: no lone surrogates


def test_a_growing_or_lying_file_never_reads_past_the_limit(tmp_path: Path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    import threading

    fifo = tmp_path / "given.txt"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as fh:
            try:
                fh.write(b"Le ministre a dit. " * 200_000)  # 3.8 MB through a pipe, whose size reads as 0
            except BrokenPipeError:
                pass

    t = threading.Thread(target=feed)
    t.start()
    [err] = read_all([str(fifo)], max_bytes=100_000)  # named explicitly (process substitution): read, bounded
    t.join(timeout=10)
    assert isinstance(err, InputError) and "limit" in err.reason


def test_ten_thousand_files_mixed_read_and_cleaned(tmp_path: Path):
    """10,000 files: every good article read and cleaned, every bad one named once with its reason."""
    layout = write_mixed_dir(tmp_path, total=10_000, copies=10, html_every=250, subdirs=20)
    files = sum(len(f) for _, _, f in os.walk(tmp_path))
    assert files == 10_000
    items = list(iter_documents([str(tmp_path)]))
    errors: dict[str, list[InputError]] = {}
    docs: Counter[str] = Counter()
    for item in items:
        if isinstance(item, InputError):
            errors.setdefault(item.path, []).append(item)
            assert "\n" not in str(item)
            continue
        c = clean(item)
        docs[item.path] += 1
        want = layout.good.get(item.path)
        if want and item.path.endswith(".txt") and want.startswith("le "):
            assert want in c.body, f"{item.path}: the body lost {want!r}"
    for path in layout.good:
        assert docs[path] == 1, f"good article lost: {path}"
    for path, n in layout.good_lines.items():
        assert docs[path] == n, f"good lines lost in {path}"
    for path, reasons in layout.bad.items():
        got = errors.get(path, [])
        assert len(got) == len(reasons), (path, [str(e) for e in got])
        for err, (line, reason) in zip(got, reasons, strict=True):
            assert err.line == line and re.search(reason, err.reason), str(err)
    unexpected = set(errors) - set(layout.bad) - set(layout.either)
    assert not unexpected, sorted(unexpected)[:5]
    assert sum(docs.values()) >= layout.n_good


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """A few hundred files, every bad case among them, and the CLI's answer to `ingest` on them."""
    root = tmp_path_factory.mktemp("mixed")
    layout = write_mixed_dir(root / "in", n_good=160, copies=1, html_every=40)
    shown = odd_names(root / "in")
    db = root / "store.db"
    res = run("ingest", str(root / "in"), "--db", str(db))
    return root, layout, shown, db, res


def test_cli_ingest_mixed_directory(mixed):
    root, layout, shown, db, res = mixed
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    check_ingest(layout, [str(root / "in" / name) for name in shown], db, res.exit_code, res.stdout, res.stderr)


def check_ingest(layout: Layout, shown: list[str], db: Path, exit_code: int, stdout: str, stderr: str) -> int:
    """What `selon ingest` owes the analyst on a mixed directory; returns the number stored."""
    assert "Traceback" not in stdout + stderr
    assert exit_code == 1, "anything skipped: non-zero exit"
    lines = skipped_lines(stderr)
    for path, reasons in layout.bad.items():
        for line, reason in reasons:
            assert len(message_for(lines, path, line, reason)) == 1, f"no clear message for {path}:{line}"
    either_skipped = sum(1 for p in layout.either if any(ln.startswith(f"selon: skipped {p}: ") for ln in lines))
    assert len(lines) == layout.n_bad + either_skipped, "one line per bad item, no more"
    n_good = layout.n_good + len(shown) + len(layout.either) - either_skipped
    summary = stderr.strip().splitlines()
    assert f"selon: {n_good} articles stored, {len(lines)} skipped" in summary, summary[-3:]
    with sqlite3.connect(db) as conn:
        paths = Counter(p for (p,) in conn.execute("SELECT path FROM articles"))
        assert sum(paths.values()) == n_good
        assert conn.execute("SELECT count(DISTINCT sha256) FROM articles").fetchone()[0] == n_good
    lost = [path for path in layout.good if paths[path] != 1]
    assert not lost, f"{len(lost)} good articles not stored, e.g. {lost[:3]}"
    for path, n in layout.good_lines.items():
        assert paths[path] == n
    for path in shown:
        assert paths[path] == 1
    return n_good


def test_cli_ingest_again_stores_nothing_twice(mixed):
    root, layout, shown, db, first = mixed
    res = run("ingest", str(root / "in"), "--db", str(db))
    stored = int(re.search(r"(\d+) articles stored", first.stderr).group(1))
    assert f"selon: 0 articles stored, {stored} already stored" in res.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == stored


def test_cli_extract_mixed_directory(mixed):
    root, layout, shown, db, ingested = mixed
    res = run("extract", str(root / "in"))
    assert "Traceback" not in res.stdout + res.stderr
    assert res.exit_code == 1
    records = [json.loads(line) for line in res.stdout.splitlines()]
    stored = int(re.search(r"(\d+) articles stored", ingested.stderr).group(1))
    assert len(records) == stored
    assert skipped_lines(res.stderr) == skipped_lines(ingested.stderr)
    by_path = Counter(r["path"] for r in records)
    assert all(by_path[p] == 1 for p in layout.good)


def test_strict_stops_at_the_first_bad_item(tmp_path: Path):
    for i, name in enumerate(["a.txt", "c.txt", "e.txt"]):
        (tmp_path / name).write_text(good_article(i), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"%PDF-1.4 ...")
    (tmp_path / "d.txt").write_bytes(b"")
    res = run("extract", str(tmp_path), "--strict")
    assert res.exit_code == 1 and "Traceback" not in res.stderr
    assert [Path(json.loads(ln)["path"]).name for ln in res.stdout.splitlines()] == ["a.txt"]
    assert len(skipped_lines(res.stderr)) == 1 and "b.txt: not text: looks like a PDF" in res.stderr
    assert "stopped at the first error (--strict)" in res.stderr
    db = tmp_path / "s.db"
    res = run("ingest", str(tmp_path), "--db", str(db), "--strict")
    assert res.exit_code == 1 and "1 article stored, 1 skipped" in res.stderr
    with sqlite3.connect(db) as conn:
        assert [p for (p,) in conn.execute("SELECT path FROM articles")] == [str(tmp_path / "a.txt")]


def test_jsonl_strict_names_the_line(tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "1", "text": good_article(1)}) + "\n{oops\n"
                    + json.dumps({"id": "3", "text": good_article(3)}) + "\n", encoding="utf-8")
    res = run("extract", str(feed), "--strict")
    assert res.exit_code == 1 and len(res.stdout.splitlines()) == 1
    assert f"selon: skipped {feed}:2: not JSON" in res.stderr


@pytest.mark.parametrize("data,reason", [
    (os.urandom(5000), "not text"),
    (b"", "empty"),
    (b"%PDF-1.5\n" + b"x" * 100, "PDF"),
    (b'{"id": 1, "text": 5}\n', "<stdin>:1: 'text' must be a string"),
])
def test_stdin_bad_input(data: bytes, reason: str):
    res = run("extract", "-", input=data)
    assert res.exit_code == 1 and "Traceback" not in res.stderr
    [line] = skipped_lines(res.stderr)
    assert line.startswith("selon: skipped <stdin>") and reason in line


def test_good_article_key_sentence_is_in_its_text():
    """The corpus itself: what the checks above look for is really in the good articles."""
    for i in (0, 1, 2, 9999):
        assert key_sentence(i) in good_article(i)


@pytest.mark.skipif(not os.environ.get("SELON_FULL_SCALE"), reason="full-scale run: set SELON_FULL_SCALE=1 (minutes)")
def test_cli_ingest_ten_thousand_files(tmp_path: Path):
    """The whole CLI on the 10,000-file directory (spaCy on every article): opt-in, it takes minutes."""
    import subprocess
    import sys

    import selon.data

    layout = write_mixed_dir(tmp_path / "in", total=10_000, copies=10, html_every=250, subdirs=20)
    db = tmp_path / "store.db"
    src = str(Path(selon.data.__file__).parent.parent.parent)
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-c", "from selon.cli import main; main()", "ingest",
                           str(tmp_path / "in"), "--db", str(db), "--workers", os.environ.get("SELON_WORKERS", "2")],
                          env=env, capture_output=True, text=True, timeout=3600)
    stored = check_ingest(layout, [], db, proc.returncode, proc.stdout, proc.stderr)
    print(f"{stored} stored, {len(skipped_lines(proc.stderr))} skipped")


@pytest.mark.parametrize("kind", ["directory", "not_a_database", "read_only"])
def test_a_store_that_cannot_be_opened_is_one_clear_line(tmp_path: Path, kind: str):
    (tmp_path / "a.txt").write_text(good_article(1), encoding="utf-8")
    if kind == "directory":
        db = str(tmp_path)
    elif kind == "not_a_database":
        (tmp_path / "notes.db").write_text("Ceci n'est pas une base de données.\n" * 100)
        db = str(tmp_path / "notes.db")
    else:
        db = f"sqlite:///file:{tmp_path / 'missing.db'}?mode=ro&uri=true"
    res = run("ingest", str(tmp_path / "a.txt"), "--db", db)
    assert res.exit_code == 2 and "Traceback" not in res.stderr
    [line] = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert line.startswith("selon: cannot open the store") and "[SQL:" not in line


def test_store_failing_mid_run_stops_with_its_reason(tmp_path: Path, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from selon.store.sql import Store

    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(good_article(40 + i), encoding="utf-8")
    original, calls = Store.add, []

    def add(self, record, raw):
        calls.append(record.path)
        if len(calls) == 2:
            raise OperationalError("INSERT ...", {}, Exception("database or disk is full"))
        return original(self, record, raw)

    monkeypatch.setattr(Store, "add", add)
    res = run("ingest", str(tmp_path), "--db", str(tmp_path / "s.db"))
    assert res.exit_code == 2 and "Traceback" not in res.stderr
    assert "selon: 1 article stored" in res.stderr
    assert "selon: store error, stopped: database or disk is full" in res.stderr


def test_output_that_cannot_be_written_is_one_clear_line(tmp_path: Path):
    (tmp_path / "a.txt").write_text(good_article(1), encoding="utf-8")
    res = run("extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "no" / "such" / "dir.jsonl"))
    assert res.exit_code == 2 and "Traceback" not in res.stderr
    assert "cannot write" in res.stderr and "No such file or directory" in res.stderr


def test_an_unreachable_database_is_named_without_its_password(tmp_path: Path):
    (tmp_path / "a.txt").write_text(good_article(1), encoding="utf-8")
    res = run("ingest", str(tmp_path / "a.txt"), "--db", "postgresql://selon:s3cret@127.0.0.1:1/selon")
    assert res.exit_code == 2 and "Traceback" not in res.stderr
    assert "cannot open the store postgresql://selon:***@127.0.0.1:1/selon" in res.stderr
    assert "s3cret" not in res.stderr
