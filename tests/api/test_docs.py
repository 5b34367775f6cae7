"""docs/python.md runs: every ``python`` block in order, in one namespace, and every ``selon`` line of its
``sh`` blocks, next to a demo store, so the documented API cannot drift from the code."""

from __future__ import annotations

import ast
import re
import shlex
import shutil
from pathlib import Path

from typer.testing import CliRunner

from selon.cli import app

DOC = Path(__file__).resolve().parents[2] / "docs" / "python.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def blocks() -> list[tuple[str, str]]:
    return [(lang, code) for lang, code in BLOCK.findall(DOC.read_text(encoding="utf-8"))]


def test_the_python_page_runs(demo_db, shared_pipeline, tmp_path, monkeypatch):
    shutil.copy(demo_db, tmp_path / "demo.db")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "docs_python"}
    ran = 0
    for n, (lang, code) in enumerate(blocks(), start=1):
        if lang == "python":
            tree = ast.parse(code, filename=f"docs/python.md block {n}")
            exec(compile(tree, f"docs/python.md block {n}", "exec"), namespace)  # noqa: S102
            ran += 1
        elif lang == "sh":
            for line in code.splitlines():
                if line.startswith("selon "):
                    res = CliRunner().invoke(app, shlex.split(line, comments=True)[1:])
                    assert res.exit_code == 0, (line, res.stderr)
                    ran += 1
    assert ran >= 15
    assert (tmp_path / "corpus" / "events.parquet").exists()
