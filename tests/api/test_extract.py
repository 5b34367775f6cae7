"""``selon.extract``: one article to the record ``selon extract`` writes for it, from a path or from its text."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest
from typer.testing import CliRunner

import selon
from selon.cli import app

DEMO = Path(str(files("selon").joinpath("demo")))
TEXT = (DEMO / "fictif-ostrelie-dement.txt").read_text(encoding="utf-8")


def test_a_path_gives_what_the_cli_writes(shared_pipeline, monkeypatch):
    monkeypatch.setattr("selon.pipeline.Extractor", lambda kb=None: shared_pipeline)  # the CLI's, too
    for name in ("fictif-ostrelie-dement.txt", "barnier-demission-macron.html"):
        path = DEMO / name
        res = CliRunner().invoke(app, ["extract", str(path)])
        assert res.exit_code == 0, res.stderr
        assert selon.extract(path).to_json(indent=None) + "\n" == res.stdout  # byte for byte
        assert selon.extract(str(path)).to_json() == selon.extract(path).to_json()


def test_text_is_read_as_a_txt_file_would_be(shared_pipeline, tmp_path):
    path = tmp_path / "dement.txt"
    path.write_text(TEXT, encoding="utf-8")
    from_text, from_file = selon.extract(TEXT).to_dict(), selon.extract(path).to_dict()
    assert from_text.pop("path") == "<text>" and from_file.pop("path") == str(path)
    assert from_text == from_file
    rec = selon.extract(TEXT)
    assert rec.title and rec.events and any(e.modality == "denied" for e in rec.events)


def test_given_metadata_wins(shared_pipeline):
    rec = selon.extract("Le Hamas a accusé mardi Israël d'avoir frappé un camp de réfugiés à Gaza.",
                        published="2024-05-28", outlet="Radio Démo", title="Gaza : accusations")
    assert (rec.published, rec.outlet, rec.title) == ("2024-05-28", "Radio Démo", "Gaza : accusations")
    assert "ACCUSE" in [e.type for e in rec.events]


def test_one_article_of_a_json_lines_file(shared_pipeline, tmp_path):
    line = (DEMO / "liban-hezbollah-2024.jsonl").read_text(encoding="utf-8").splitlines()[0]
    one = tmp_path / "one.jsonl"
    one.write_text(line + "\n", encoding="utf-8")
    assert selon.extract(one).id == json.loads(line)["id"]
    with pytest.raises(ValueError, match=r"holds \d+ articles"):
        selon.extract(DEMO / "liban-hezbollah-2024.jsonl")


def test_bad_inputs_say_why(tmp_path):
    with pytest.raises(FileNotFoundError, match="no article file"):
        selon.extract(tmp_path / "absent.txt")
    with pytest.raises(FileNotFoundError):
        selon.extract("articles/absent.html")  # looks like a path: not read as a one-line article
    with pytest.raises(ValueError, match="empty"):
        selon.extract("   \n  ")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ValueError, match="binary.txt"):
        selon.extract(tmp_path / "binary.txt")
    with pytest.raises(TypeError, match="'author'"):
        selon.extract("Un texte.", author="X")
