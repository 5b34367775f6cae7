"""A bad value on the command line is one line on stderr, naming the option, never a traceback or a box."""

from __future__ import annotations

import json
import subprocess
import sys

from selon.store import open_store
from tests.corpus import fixtures as fx

PROBE = """
import contextlib, io, json, sys
from selon.cli import main
out = []
for argv in json.loads(sys.argv[1]):
    sys.argv = ["selon", *argv]
    err = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        try:
            main()
        except SystemExit as exc:
            code = exc.code
    out.append([code, err.getvalue()])
print(json.dumps(out))
"""


def test_bad_values_are_one_line(tmp_path):
    db = str(tmp_path / "e.db")
    with open_store(db) as st:
        fx.fill(st)
    cases = [
        (["events", "--type", "BOMBARD"], 2, "invalid value for --type: unknown event type 'BOMBARD'"),
        (["events", "--since", "2024-13"], 2, "invalid value for --since: not a date: '2024-13'"),
        (["events", "--until", "demain"], 2, "invalid value for --until"),
        (["events", "--modality", "peut-être"], 2, "invalid value for --modality: unknown modality"),
        (["events", "--outlet", "Le Monde"], 2, "invalid value for --outlet: no article from an outlet named"),
        (["events", "--actor", "Personne Inconnue"], 1, "no actor matches 'Personne Inconnue'"),
        (["export", "--format", "csv", "--since", "2025", "--until", "2024"], 2, "invalid value for --since"),
        (["actors", "--type", "ANIMAL"], 2, "invalid value for --type: unknown actor type 'ANIMAL'"),
        (["actors", "--top", "beaucoup"], 2, "Invalid value for '--top'"),
        (["events", "--format", "xml"], 2, "Invalid value for '--format'"),
        (["evenements"], 2, "No such command 'evenements'"),
    ]
    argv = [[*a, "--db", db] if a[0] != "evenements" else a for a, _, _ in cases]
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    for (args, code, words), (got_code, stderr) in zip(cases, json.loads(proc.stdout), strict=True):
        assert got_code == code, (args, stderr)
        assert stderr.startswith("selon: ") and stderr.count("\n") == 1, (args, stderr)
        assert words in stderr and "Traceback" not in stderr and "SQL" not in stderr, (args, stderr)
