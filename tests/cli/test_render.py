"""Terminal tables that fit: the least important columns go before any is cut; date, type, who, whom and
modality are never cut (an 80-column terminal shows them whole)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from selon.cli import app
from selon.cli.corpus import EVENT_VIEW, _date
from selon.cli.render import Col, fit
from selon.corpus import tables
from selon.store import open_store
from tests.corpus import fixtures as fx

GARDIENS = ("Corps des gardiens de la révolution islamique", "ORG", None,
            ["Corps des gardiens de la révolution islamique"])
LONG = fx.Art("long", "L'Orient-Le Jour", "2024-04-02", "Frappe contre le consulat",
              "Le Corps des gardiens de la révolution islamique accuse Israël d'avoir frappé le consulat.",
              {"e1": GARDIENS, "e2": fx.ISRAEL},
              [{"type": "ACCUSE", "actors": ["e1"], "recipients": ["e2"], "date": None, "modality": "asserted",
                "evidence": "Le Corps des gardiens de la révolution islamique accuse Israël"}])


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("render") / "r.db")
    with open_store(path) as st:
        fx.fill(st, fx.ALL + [LONG])
    return path


def test_fit_drops_by_rank_then_cuts_and_never_cuts_kept_columns():
    cols = [Col("id", "a", rank=3), Col("date", "b", rank=0), Col("who", "c", rank=0), Col("outlets", "d", rank=1),
            Col("notes", "e", rank=2)]
    cells = [["123", "2024-04-02", "Corps des gardiens", "Le Journal Démo; Radio Démo", "x" * 30]]
    assert fit(cols, cells, 200) == [(0, 3), (1, 10), (2, 18), (3, 27), (4, 30)]  # room for all, full width
    assert [i for i, _ in fit(cols, cells, 50)] == [1, 2, 3, 4]  # id (rank 3) goes first
    narrow = fit(cols, cells, 45)  # then notes (rank 2), before outlets (rank 1) is cut
    assert narrow == [(1, 10), (2, 18), (3, 13)]
    tiny = fit(cols, cells, 20)  # nothing left to drop: the kept name wraps at a word, the date stays whole
    assert [i for i, _ in tiny] == [1, 2] and dict(tiny) == {1: 10, 2: 8}


def test_an_event_date_is_written_whole():
    row = {"event_date": None, "date_start": "2024-03-30", "date_end": "2024-04-02"}
    assert _date(row) == "2024-03-30…04-02"
    assert _date({**row, "date_end": "2024-03-31"}) == "2024-03-30…31"
    assert _date({**row, "date_end": "2025-01-02"}) == "2024-03-30…2025-01-02"
    assert _date({**row, "event_date": "2024-W13"}) == "2024-W13"


def test_an_80_column_terminal_shows_full_dates_and_types(db):
    env = {**os.environ, "COLUMNS": "80"}
    proc = subprocess.run([sys.executable, "-c", "from selon.cli import main; main()", "events", "--db", db],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    header = lines[1].split()
    assert header[:5] == ["date", "type", "who", "whom", "modality"] and "denials" not in header
    rows = [json.loads(x) for x in CliRunner().invoke(app, ["events", "--db", db, "--format", "jsonl"]).stdout.splitlines()]
    text = proc.stdout
    for r in rows:
        assert _date(r) in text and r["event_type"] in text and r["modality"] in text
        for name in (r["actor1"] or "").split("; ") + (r["actor2"] or "").split("; "):
            assert all(word in text for word in name.split()), name  # wrapped maybe, never cut


@pytest.mark.parametrize("command", [
    ["events"], ["timeline", "Hamas"], ["graph", "Hamas"], ["actors"], ["articles"], ["search", "Doha"], ["outlets"],
])
def test_every_listing_takes_format(db, command):
    table = CliRunner().invoke(app, [*command, "--db", db])
    csv = CliRunner().invoke(app, [*command, "--db", db, "--format", "csv"])
    jsonl = CliRunner().invoke(app, [*command, "--db", db, "-f", "jsonl"])
    assert table.exit_code == csv.exit_code == jsonl.exit_code == 0, table.stderr + csv.stderr + jsonl.stderr
    header = csv.stdout.splitlines()[0].split(",")
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert rows and all(list(r) == header for r in rows)
    assert len(csv.stdout.splitlines()) >= len(rows) + 1  # (a quoted cell may hold a newline)
    if command[0] in ("events", "timeline"):
        assert header == [c for c, _ in tables.EVENTS]


def test_event_view_keeps_what_a_reader_needs():
    assert [c.header for c in EVENT_VIEW if c.rank == 0] == ["date", "type", "who", "whom", "modality"]
