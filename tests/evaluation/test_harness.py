"""The GSR harness: loading by split, refusing bad files, the CI gate's comparison."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selon.evaluation.harness import GsrError, gate, load_gsr, read_figures, record_figures

RECORD = {"id": "z-001", "style": "afp", "region": "france", "real": False, "published": "2024-01-02",
          "text": "Le maire de Valmont a démissionné mardi.", "actors": {"mayor": {"type": "PERSON",
          "aliases": ["maire de Valmont"]}}, "events": [], "quotes": [], "times": []}


def write(path: Path, *records: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_split_comes_from_the_style_and_filters(tmp_path):
    (tmp_path / "styles.yaml").write_text("afp: {split: dev}\nle-temps: {split: test}\n", encoding="utf-8")
    write(tmp_path / "dev" / "a.jsonl", RECORD)
    write(tmp_path / "test" / "b.jsonl", dict(RECORD, id="z-002", style="le-temps"))
    records = load_gsr([tmp_path])
    assert [(r.id, r.split) for r in records] == [("z-001", "dev"), ("z-002", "test")]
    assert [r.id for r in load_gsr([tmp_path], ["test"])] == ["z-002"]


def test_bad_records_are_refused_with_their_place(tmp_path):
    path = write(tmp_path / "dev" / "a.jsonl", dict(RECORD, events=[{"types": ["BOMB"], "optional": False}]))
    with path.open("a", encoding="utf-8") as f:
        f.write("{not json\n")
    with pytest.raises(GsrError) as exc:
        load_gsr([tmp_path])
    assert "a.jsonl:1 [z-001]: event 1: types ['BOMB']" in str(exc.value)
    assert "a.jsonl:2" in str(exc.value) and "not JSON" in str(exc.value)


def test_duplicate_ids_and_missing_paths_are_errors(tmp_path):
    write(tmp_path / "dev" / "a.jsonl", RECORD, RECORD)
    with pytest.raises(GsrError, match="used twice"):
        load_gsr([tmp_path])
    with pytest.raises(GsrError, match="no such file"):
        load_gsr([tmp_path / "nowhere"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(GsrError, match="no GSR files"):
        load_gsr([tmp_path / "empty"])


def test_gate_fails_only_beyond_the_tolerance(tmp_path):
    recorded = {"test": {"event_f1": 0.5, "modality_acc": 0.8, "quote_speaker_acc": 0.7, "date_acc": 0.9}}
    assert gate({"test": {"event_f1": 0.485, "modality_acc": 0.8, "quote_speaker_acc": 0.9}}, recorded) == []
    failures = gate({"test": {"event_f1": 0.47, "modality_acc": None, "quote_speaker_acc": 0.7}}, recorded)
    assert [f.split(":")[0] for f in failures] == ["test event_f1", "test modality_acc"]
    record_figures(tmp_path / "f.json", {"test": {"event_f1": 0.123456, "types": {"AID": {"f1": 0.55557}}}})
    assert read_figures(tmp_path / "f.json") == {"test": {"event_f1": 0.1235, "types": {"AID": {"f1": 0.5556}}}}
    (tmp_path / "bad.json").write_text("[", encoding="utf-8")
    with pytest.raises(GsrError, match="bad.json"):
        read_figures(tmp_path / "bad.json")
