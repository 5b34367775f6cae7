"""Limits: an oversized article gets a clear message, and memory stays proportional to the input.

spaCy wants about 4 GB per million characters; selon refuses such articles
before the parse instead of letting the machine swap.
"""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

from typer.testing import CliRunner

from selon.clean import clean
from selon.cli import app
from selon.ingest import Document, InputError, iter_documents

from .invariants import check_cleaned

MB = 1_000_000
LINE = b"Le ministre a dit " * (50 * MB // 18)  # a 50 MB single line, no newline anywhere


def run(*args: str, **kw):
    return CliRunner().invoke(app, list(args), **kw)


def test_default_limit_refuses_a_50_mb_line_without_reading_it(tmp_path: Path):
    f = tmp_path / "one_line.txt"
    f.write_bytes(LINE)
    tracemalloc.start()
    try:
        [err] = iter_documents([str(f)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(err, InputError) and "50.0 MB, over the 5 MB limit (--max-bytes)" in err.reason
    assert peak < MB, f"{peak / MB:.0f} MB held to refuse a file by its size"


def test_raised_limit_reads_it_then_refuses_it_before_the_parse(tmp_path: Path, extractor):
    f = tmp_path / "one_line.txt"
    f.write_bytes(LINE)
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        res = run("extract", str(f), "--max-bytes", str(60 * MB))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert res.exit_code == 1 and "Traceback" not in res.stderr
    assert f"skipped {f}: article is 49,999,986 characters, over the 1,000,000 that are analysed at once" in res.stderr
    assert peak < 5 * len(LINE), f"{peak / MB:.0f} MB for a {len(LINE) / MB:.0f} MB input"
    assert time.perf_counter() - t0 < 30


def test_cleaning_a_50_mb_line_is_linear(tmp_path: Path):
    doc = Document.from_text(LINE.decode("ascii"), path="x.txt")
    doc.meta["language"] = "fr"
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        c = clean(doc)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - t0 < 20
    assert peak < 6 * len(LINE), f"{peak / MB:.0f} MB"
    assert c.title is None and len(c.body) == len(LINE) - 1  # one paragraph, kept whole
    check_cleaned(doc, c)


def test_long_jsonl_article_names_its_line(tmp_path: Path, extractor):
    feed = tmp_path / "feed.jsonl"
    long_text = "Le ministre a rencontré son homologue à Rabat. " * 25_000  # 1,175,000 characters
    feed.write_text(json.dumps({"id": "a", "text": "Titre\n\nLe ministre a parlé jeudi à Rabat."}) + "\n"
                    + json.dumps({"id": "b", "text": long_text, "language": "fr"}) + "\n", encoding="utf-8")
    res = run("extract", str(feed), "--max-bytes", str(2 * MB))
    assert res.exit_code == 1
    assert len(res.stdout.splitlines()) == 1
    assert f"skipped {feed}:2: article is 1,175,000 characters, over the 1,000,000" in res.stderr


def test_stdin_is_read_up_to_the_limit_only():
    res = run("extract", "-", "--max-bytes", "1000", input=b"Le ministre a dit. " * 1000)
    assert res.exit_code == 1 and "<stdin>: input larger than the 0.001 MB limit (--max-bytes)" in res.stderr


def test_nonsense_limit_is_a_usage_error():
    res = run("extract", "-", "--max-bytes", "10", input=b"x")
    assert res.exit_code == 2 and "Traceback" not in res.stderr and "--max-bytes" in res.stderr
