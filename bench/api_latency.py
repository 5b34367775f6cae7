"""API latency on a large synthetic store (not a timed test: run it, read the figures).

    PYTHONPATH=src python bench/api_latency.py [--events 100000] [--db bench-api.db] [--reuse] [--requests 300]

Builds a store of N synthetic reports (power-law actors, so some actors are
hubs with thousands of events; about a third of the reports retell an event
another outlet already reported, so merging has work to do), rebuilds the
corpus view, starts ``selon serve`` on it in a separate process and times,
over HTTP, the actor, timeline and graph queries for a mix of hub and random
actors.  Prints p50/p95/p99/max per endpoint, in milliseconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
from sqlalchemy import func, insert, select, text

from selon.corpus import merge
from selon.record import EVENT_TYPES
from selon.store import Store
from selon.store import schema as s

OUTLETS = ["Press TV", "Tasnim", "Fars", "IRNA", "Mehr", "Al Mayadeen", "Al-Manar", "L'Orient-Le Jour",
           "Al Jazeera", "Al Arabiya", "Reuters", "AFP", "Anadolu", "Le Monde", "France 24"]
MODALITIES = ["asserted"] * 6 + ["reported"] * 3 + ["claimed", "denied", "planned", "threatened"]
TYPES_BY_KIND = ["PERSON"] * 5 + ["ORG"] * 3 + ["GPE"] * 2
START = date(2019, 1, 1)
DAYS = 5 * 365


def build(store: Store, n_events: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    n_actors = max(50, n_events // 30)
    weights = [1.0 / (i + 1) ** 1.1 for i in range(n_actors)]
    with store.engine.begin() as conn:
        conn.execute(insert(s.actors), [
            {"id": i + 1, "key": f"BENCH:{i}", "name": f"Acteur {i:05d}", "type": TYPES_BY_KIND[i % 10], "kb_id": None}
            for i in range(n_actors)])
    made: list[tuple[str, int, int, date, str | None]] = []  # (type, actor, recipient, date, mode)
    ev_id = ent_id = art_id = 0
    articles, entities, events, args = [], [], [], []
    while ev_id < n_events:
        art_id += 1
        outlet = rng.choice(OUTLETS)
        published = START + timedelta(days=rng.randrange(DAYS))
        sentences: list[str] = []
        local_entities: dict[int, int] = {}
        for k in range(rng.randint(2, 6)):
            if ev_id >= n_events:
                break
            if made and rng.random() < 0.35:  # another outlet retells a known event, maybe a day off
                etype, a, r, d, mode = rng.choice(made)
                d = d + timedelta(days=rng.choice((0, 0, 0, 1, -1)))
            else:
                a, r = rng.choices(range(1, n_actors + 1), weights=weights, k=2)
                if a == r:
                    r = (r % n_actors) + 1
                etype = rng.choice(EVENT_TYPES)
                d = published - timedelta(days=rng.randrange(0, 4))
                mode = rng.choice([None, None, "phone", "visit", "meeting", "missile"])
                made.append((etype, a, r, d, mode))
            ev_id += 1
            sentence = f"Acteur {a:05d} ({etype.lower()}) Acteur {r:05d} le {d.isoformat()}."
            start = sum(len(x) + 1 for x in sentences)
            sentences.append(sentence)
            ids = []
            for actor in (a, r):
                if actor not in local_entities:
                    ent_id += 1
                    local_entities[actor] = ent_id
                    entities.append({"id": ent_id, "article_id": art_id, "local_id": f"e{len(local_entities)}",
                                     "name": f"Acteur {actor:05d}", "type": TYPES_BY_KIND[(actor - 1) % 10],
                                     "kb_id": None, "actor_id": actor})
                ids.append(local_entities[actor])
            events.append({"id": ev_id, "article_id": art_id, "local_id": f"v{k + 1}", "type": etype, "mode": mode,
                           "date": d.isoformat() if rng.random() > 0.1 else None, "location": None,
                           "modality": rng.choice(MODALITIES), "denies": None, "evidence_start": start,
                           "evidence_end": start + len(sentence), "evidence_text": sentence})
            args += [{"event_id": ev_id, "role": "actor", "position": 0, "entity_id": ids[0]},
                     {"event_id": ev_id, "role": "recipient", "position": 0, "entity_id": ids[1]}]
            if rng.random() < 0.3:
                args.append({"event_id": ev_id, "role": "source", "position": 0, "entity_id": ids[0]})
        body = " ".join(sentences)
        articles.append({"id": art_id, "sha256": hashlib.sha256(f"{art_id}:{body}".encode()).hexdigest(),
                         "doc_id": f"bench-{art_id}", "path": None, "url": None, "title": f"Dépêche {art_id}",
                         "outlet": outlet, "published": published.isoformat(), "language": "fr", "raw_text": body,
                         "body": body, "record": "{}", "ingested_at": "2026-01-01T00:00:00"})
    with store.engine.begin() as conn:
        for table, rows in ((s.articles, articles), (s.entities, entities), (s.events, events),
                            (s.event_args, args)):
            for i in range(0, len(rows), 5000):
                conn.execute(insert(table), rows[i:i + 5000])
        if store.dialect == "sqlite":
            conn.execute(text("INSERT INTO articles_fts(rowid, title, body) SELECT id, title, body FROM articles"))


def incremental_check(db: Path, n: int) -> str:
    """Take ``n`` random reports out, rebuild, put them back one transaction each (the ingest path), then
    compare everything derived with a full rebuild.  Returns a line of figures."""
    from sqlalchemy import delete

    from selon.corpus import links

    rng = random.Random(4)
    with Store(str(db)) as store:
        with store.engine.begin() as conn:
            ids = sorted(rng.sample(list(conn.execute(select(s.events.c.id)).scalars()), n))
            evs = [dict(r._mapping) for r in conn.execute(select(s.events).where(s.events.c.id.in_(ids)))]
            args = [dict(r._mapping) for r in conn.execute(select(s.event_args).where(s.event_args.c.event_id.in_(ids)))]
            conn.execute(delete(s.corpus_links).where(s.corpus_links.c.from_event_id.in_(ids)
                                                      | s.corpus_links.c.to_event_id.in_(ids)))
            conn.execute(delete(s.corpus_reports).where(s.corpus_reports.c.event_id.in_(ids)))
            conn.execute(delete(s.event_args).where(s.event_args.c.event_id.in_(ids)))
            conn.execute(delete(s.events).where(s.events.c.id.in_(ids)))
            merge.rebuild(conn)
            conn.execute(insert(s.events), evs)
            conn.execute(insert(s.event_args), args)
        times = []
        for e in rng.sample(ids, len(ids)):
            t = time.perf_counter()
            with store.engine.begin() as conn:
                merge.add_events(conn, [e])
                links.update(conn, [e])
            times.append((time.perf_counter() - t) * 1000)

        def snapshot(conn: object) -> list[object]:
            tables = (s.corpus_ties, s.corpus_pairs, s.corpus_actor_stats)
            return [merge.groups(conn), *[sorted(tuple(r) for r in conn.execute(select(t))) for t in tables],  # type: ignore[attr-defined]
                    sorted((r.from_event_id, r.to_event_id, r.rule) for r in conn.execute(select(s.corpus_links)))]  # type: ignore[attr-defined]

        with store.engine.begin() as conn:
            incremental = snapshot(conn)
            merge.rebuild(conn)
            same = snapshot(conn) == incremental
    return (f"incremental merge of {n} reports into the store, one transaction each: median {pct(times, 50):.1f} ms, "
            f"p95 {pct(times, 95):.1f} ms; equal to a full rebuild: {'yes' if same else 'NO'}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", default="bench-api.db")
    ap.add_argument("--reuse", action="store_true", help="Keep an existing store instead of rebuilding it.")
    ap.add_argument("--requests", type=int, default=300, help="Requests per endpoint.")
    ap.add_argument("--json", action="store_true", help="Print the figures as one JSON object.")
    ap.add_argument("--incremental", type=int, default=0, metavar="N",
                    help="Also time N reports merged one by one (the ingest path) and check the result equals a "
                         "rebuild (modifies the store).")
    opts = ap.parse_args()

    db = Path(opts.db)
    if not (opts.reuse and db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        with Store(str(db)) as store:
            t0 = time.perf_counter()
            build(store, opts.events)
            t1 = time.perf_counter()
            with store.engine.begin() as conn:
                counts = merge.rebuild(conn)
            t2 = time.perf_counter()
        print(f"built {opts.events} reports in {t1 - t0:.1f} s; corpus rebuild {t2 - t1:.1f} s: {counts}",
              file=sys.stderr)
    with Store(str(db)) as store, store.engine.connect() as conn:
        n_reports = conn.execute(select(func.count()).select_from(s.corpus_reports)).scalar_one()
        n_corpus = conn.execute(select(func.count()).select_from(s.corpus_events)).scalar_one()
        activity = conn.execute(
            select(s.corpus_event_actors.c.actor_id, func.count().label("n"))
            .where(s.corpus_event_actors.c.role.in_(("actor", "recipient")))
            .group_by(s.corpus_event_actors.c.actor_id).order_by(func.count().desc())).all()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    hubs = [int(r.actor_id) for r in activity[:20]]
    rng = random.Random(11)
    others = [int(r.actor_id) for r in activity]
    sample = [rng.choice(hubs) if rng.random() < 0.3 else rng.choice(others) for _ in range(opts.requests)]

    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[1] / "src"),
                                                        os.environ.get("PYTHONPATH", "")])}
    env.pop("SELON_TOKEN", None)
    server = subprocess.Popen([sys.executable, "-c", "from selon.cli import main; main()", "serve", "--db", str(db), "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    results: dict[str, dict[str, float]] = {}
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(200):
                try:
                    if client.get("/api/facets").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            else:
                raise SystemExit("the server did not start: " + (server.stderr.read() if server.stderr else b"").decode())
            endpoints = {
                "actor": "/api/actors/{}",
                "timeline": "/api/actors/{}/timeline",
                "graph depth 1": "/api/actors/{}/graph?depth=1",
                "graph depth 2": "/api/actors/{}/graph?depth=2",
            }
            for name, path in endpoints.items():
                for aid in sample[:10]:  # warm the page cache
                    client.get(path.format(aid))
                times, sizes = [], []
                for aid in sample:
                    t = time.perf_counter()
                    r = client.get(path.format(aid))
                    times.append((time.perf_counter() - t) * 1000)
                    r.raise_for_status()
                    sizes.append(len(r.content))
                results[name] = {"p50": pct(times, 50), "p95": pct(times, 95), "p99": pct(times, 99),
                                 "max": max(times), "mean": statistics.fmean(times),
                                 "mean_kb": statistics.fmean(sizes) / 1024}
    finally:
        server.terminate()
        server.wait(timeout=10)
    summary = {"load_average": round(load, 2), "cpus": os.cpu_count(), "reports": n_reports, "corpus_events": n_corpus, "actors": len(activity),
               "top_actor_events": int(activity[0].n) if activity else 0, "requests": opts.requests,
               "latency_ms": {k: {m: round(v, 1) for m, v in d.items()} for k, d in results.items()}}
    if opts.incremental:
        summary["incremental"] = incremental_check(db, opts.incremental)
    if opts.json:
        print(json.dumps(summary))
        return
    print(f"store: {n_reports} reports -> {n_corpus} corpus events, {len(activity)} actors "
          f"(busiest: {summary['top_actor_events']} events); {opts.requests} requests per endpoint, 30% hubs; "
          f"load average {load:.1f} on {os.cpu_count()} CPUs")
    print(f"{'endpoint':<16}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}{'KiB':>8}")
    for name, d in results.items():
        print(f"{name:<16}{d['p50']:>8.1f}{d['p95']:>8.1f}{d['p99']:>8.1f}{d['max']:>8.1f}{d['mean_kb']:>8.1f}")
    if opts.incremental:
        print(summary["incremental"])


if __name__ == "__main__":
    main()
