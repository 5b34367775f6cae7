"""How fast a store-only command starts, as a ratio to importing spaCy, measured in one run.

    PYTHONPATH=src python bench/store_latency.py --db demo.db [--runs 15] [--command "stats"]

Runs, alternately so that machine noise hits both alike, ``python -c "import
spacy"`` and ``selon stats --db DB`` (or ``--command``), each in a fresh
process, and prints the median wall time of each and their ratio.  Commands
that only read the store must not import spaCy, Dask or the NLP components
(``tests/cli/test_startup.py`` checks the modules; this measures the time):
the target is a ratio under 0.5.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import time


def wall(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--db", required=True, help="a store to read (e.g. demo.db from `make demo`)")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--command", default="stats", help="the selon command line, without --db")
    args = ap.parse_args()
    env = dict(os.environ)
    spacy = [sys.executable, "-c", "import spacy"]
    selon = [sys.executable, "-c", "from selon.cli import main; main()", *shlex.split(args.command), "--db", args.db]
    wall(spacy, env), wall(selon, env)  # warm the file cache and the bytecode
    a, b = [], []
    for _ in range(args.runs):
        a.append(wall(spacy, env))
        b.append(wall(selon, env))
    ta, tb = statistics.median(a), statistics.median(b)
    print(f"| command | median s ({args.runs} runs) |\n|---|---|\n| python -c \"import spacy\" | {ta:.3f} |\n"
          f"| selon {args.command} --db {os.path.basename(args.db)} | {tb:.3f} |\n\nratio {tb / ta:.2f} "
          f"({'under' if tb / ta < 0.5 else 'NOT under'} 0.5)")


if __name__ == "__main__":
    main()
