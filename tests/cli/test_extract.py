import json
import os

from typer.testing import CliRunner

from selon.cli import app

ARTICLE = ("Le Maroc et l'Espagne signent un accord migratoire\n\n"
           "Le Maroc et l'Espagne ont signé jeudi à Rabat un accord de coopération migratoire, a rapporté l'AFP.\n")


def run(*args, **kw):
    return CliRunner().invoke(app, list(args), **kw)


def test_bad_files_named_good_record_out_exit_nonzero(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "noise.txt").write_bytes(os.urandom(3000))
    (tmp_path / "broken.html").write_text("<html><body><div><span>", encoding="utf-8")
    res = run("extract", str(tmp_path))
    assert res.exit_code == 1
    records = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert [os.path.basename(r["path"]) for r in records] == ["good.txt"]
    assert "noise.txt" in res.stderr and "broken.html" in res.stderr
    assert "Traceback" not in res.stderr + res.stdout
    assert "2 skipped" in res.stderr


def test_json_array_and_output_file(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.json"
    res = run("extract", str(src), "--format", "json", "-o", str(out))
    assert res.exit_code == 0, res.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data) == 1 and data[0]["title"].startswith("Le Maroc")


def test_strict_stops_at_first_error(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    res = run("extract", str(tmp_path), "--strict")
    assert res.exit_code == 1 and res.stdout.strip() == ""


def test_stdin(tmp_path):
    res = run("extract", "-", input=ARTICLE)
    assert res.exit_code == 0
    assert json.loads(res.stdout)["path"] == "<stdin>"


def test_ingest_stats_articles_show(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert run("ingest", str(tmp_path), "--db", db).exit_code == 0
    res = run("ingest", str(tmp_path), "--db", db)
    assert res.exit_code == 0 and "1 already stored" in res.stderr
    stats = json.loads(run("stats", "--db", db, "--json").stdout)
    assert stats["articles"] == 1
    listing = json.loads(run("articles", "--db", db, "--json").stdout)
    shown = json.loads(run("show", str(listing[0]["article_id"]), "--db", db).stdout)
    assert shown["title"].startswith("Le Maroc")
    assert run("show", "nope", "--db", db).exit_code == 1
