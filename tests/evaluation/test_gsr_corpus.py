"""The GSR itself (issue 13's instrument): sound records, enough of everything, a test split apart from dev."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from selon.evaluation.gsr import EVENT_TYPES, MODALITIES, load_styles
from selon.evaluation.harness import load_gsr

GSR = Path(__file__).resolve().parents[2] / "eval" / "gsr"
RECORDS = load_gsr([GSR])  # raises, naming the record, when the checker finds a problem


def core(rec):
    return [e for e in rec.data["events"] if not e["optional"]]


def test_size_styles_and_split():
    splits = Counter(r.split for r in RECORDS)
    assert len(RECORDS) >= 400
    assert splits["test"] >= 0.4 * len(RECORDS)
    styles = {s: v["split"] for s, v in load_styles(GSR / "styles.yaml").items()}
    used = {r.data["style"] for r in RECORDS}
    assert len(used) >= 40
    dev_styles = {r.data["style"] for r in RECORDS if r.split == "dev"}
    test_styles = {r.data["style"] for r in RECORDS if r.split == "test"}
    assert not dev_styles & test_styles
    assert all(styles[s] == "test" for s in test_styles)
    assert all(Path(r.origin).parent.name == r.split for r in RECORDS), "dev/ and test/ folders follow the styles"
    assert len({r.data["region"] for r in RECORDS}) >= 8


def test_coverage_of_types_modalities_quotes_times_and_no_event_records():
    positive = Counter(t for r in RECORDS for t in {e["types"][0] for e in core(r)})
    assert all(positive[t] >= 10 for t in EVENT_TYPES), positive
    modalities = Counter(e["modality"] for r in RECORDS for e in core(r))
    assert all(modalities[m] >= 3 for m in MODALITIES), modalities
    assert sum(len(r.data["quotes"]) for r in RECORDS) >= 80
    assert sum(1 for r in RECORDS if not core(r)) >= 60
    assert sum(1 for r in RECORDS if r.data["times"]) >= 60
    assert sum(1 for r in RECORDS for e in core(r) if e.get("location")) >= 50
