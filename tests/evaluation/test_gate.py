"""The CI accuracy gate: the GSR test split must hold the figures recorded in eval/gsr/figures.json.

Nobody reads the test split's records while writing rules; this test only
compares its figures.  Re-record after a real improvement with
``selon eval eval/gsr --record eval/gsr/figures.json``.
"""

from __future__ import annotations

from pathlib import Path

from selon.evaluation.harness import GATED, evaluate, extract, gate, load_gsr, read_figures

GSR = Path(__file__).resolve().parents[2] / "eval" / "gsr"


def test_the_test_split_holds_its_recorded_figures():
    recorded = read_figures(GSR / "figures.json")
    assert set(GATED) <= set(recorded["test"]), "figures.json must record every gated figure of the test split"
    records = load_gsr([GSR / "test"], ["test"])
    tallies = evaluate(records, extract(records))
    assert set(tallies) == {"test"}
    figures = tallies["test"].figures()
    assert figures["records"] == recorded["test"]["records"], "the test split changed: re-record its figures"
    assert gate({"test": figures}, {"test": recorded["test"]}) == []
