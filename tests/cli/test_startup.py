"""Commands that only read the store import nothing of spaCy, Dask or the NLP components.

(The time this saves is measured by ``bench/store_latency.py``, as a ratio to importing spaCy.)
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from selon.store import open_store
from tests.corpus import fixtures as fx

NLP = ("spacy", "thinc", "dask", "distributed", "selon.nlp", "selon.pipeline", "selon.events", "selon.scale",
       "selon.entities.component", "selon.entities.ruler", "selon.entities.mentions", "selon.entities.kb")
# The plainest listings need no name folding, cleaning rules or data frames either.
PLAIN = (*NLP, "pandas", "pyarrow", "selon.clean", "selon.ingest", "selon.entities", "rigour", "networkx",
         "followthemoney", "fastapi")

PROBE = """
import contextlib, io, json, sys
from selon.cli import main
seen = {}
for argv in json.loads(sys.argv[1]):
    sys.argv = ["selon", *argv]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        main()
    seen[" ".join(argv[:1])] = sorted(sys.modules)
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("startup") / "s.db")
    with open_store(path) as st:
        fx.fill(st)
    return path


def _loaded(db: str, *commands: list[str]) -> dict[str, list[str]]:
    argv = [[*c, "--db", db] for c in commands]
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _under(modules: list[str], prefixes: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes)]


def test_store_commands_load_no_nlp(db):
    plain = _loaded(db, ["stats"], ["events", "--type", "CONSULT"], ["articles"], ["actors"])
    for command, modules in plain.items():  # cumulative: each entry holds what the earlier ones loaded too
        assert _under(modules, PLAIN) == [], command
    named = _loaded(db, ["events", "--actor", "Hamas", "--outlet", "Reuters"], ["timeline", "Hamas"],
                    ["graph", "Hamas"], ["search", "Doha"], ["outlets"], ["actor", "Hamas"])
    for command, modules in named.items():
        assert _under(modules, NLP) == [], command


def test_constants_the_cli_repeats_to_start_light():
    from typer.testing import CliRunner

    from selon.cli import app, extract
    from selon.corpus.network import MAX_GRAPH_NODES
    from selon.ingest import DEFAULT_MAX_BYTES

    assert extract.DEFAULT_MAX_BYTES == DEFAULT_MAX_BYTES
    shown = CliRunner().invoke(app, ["graph", "--help"], env={"COLUMNS": "200"}).stdout
    assert f"default: {MAX_GRAPH_NODES}" in shown
