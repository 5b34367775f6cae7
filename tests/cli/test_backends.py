"""`selon ingest`, `selon stats` and `selon search` end to end, on SQLite and on PostgreSQL (``--db
postgresql://…``; tests/pg.py finds the server or the PostgreSQL case skips, saying why)."""

import json

from typer.testing import CliRunner

from selon.cli import app

ARTICLES = {
    "rabat.txt": (
        "Le Maroc et l'Espagne signent un accord migratoire à Rabat\n\n"
        "Le ministre marocain de l'Intérieur, Abdelouafi Laftit, a reçu jeudi à Rabat son homologue espagnol "
        "Fernando Grande-Marlaska. Les deux ministres ont signé un accord de coopération migratoire, a "
        "rapporté l'agence MAP.\n"),
    "bamako.txt": (
        "Le Mali expulse l'ambassadeur de France\n\n"
        "Les autorités de transition du Mali ont expulsé lundi l'ambassadeur de France à Bamako, Joël Meyer, "
        "selon un communiqué lu à la télévision nationale. Paris a dénoncé une décision « injustifiée ».\n"),
    "beyrouth.txt": (
        "Emmanuel Macron rencontre Najib Mikati à l'Élysée\n\n"
        "Le président Emmanuel Macron a rencontré mardi à l'Élysée le Premier ministre libanais Najib "
        "Mikati. Les deux dirigeants ont évoqué la situation au Liban, a indiqué la présidence.\n"),
}


def run(*args):
    res = CliRunner().invoke(app, list(args))
    assert "Traceback" not in res.stdout + res.stderr, res.stdout + res.stderr
    return res


def test_ingest_stats_search_end_to_end(db_url, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    first = run("ingest", str(src), "--db", db_url)
    assert first.exit_code == 0, first.stderr
    again = run("ingest", str(src), "--db", db_url)
    assert again.exit_code == 0, again.stderr
    if "@" in db_url:  # a URL with a password: never printed
        password = db_url.split("://", 1)[1].split("@")[0].partition(":")[2]
        assert not password or password not in first.stderr + first.stdout + again.stderr

    stats = json.loads(run("stats", "--db", db_url, "--json").stdout)
    assert stats["articles"] == 3 and stats["entities"] > 0 and stats["actors"] > 0 and stats["events"] > 0
    table = run("stats", "--db", db_url)
    assert table.exit_code == 0 and "articles" in table.stdout

    def titles(query):
        res = run("search", query, "--db", db_url, "--json")
        assert res.exit_code == 0, res.stderr
        return [a["title"] for a in json.loads(res.stdout)["articles"]]

    assert titles("Rabat") == ["Le Maroc et l'Espagne signent un accord migratoire à Rabat"]
    assert titles("elysee MIKATI") == ["Emmanuel Macron rencontre Najib Mikati à l'Élysée"]
    assert titles("ambassadeur") == ["Le Mali expulse l'ambassadeur de France"]
    assert titles("Rabat Bamako") == []
    assert titles("'); DROP TABLE articles; --") == []
    assert json.loads(run("stats", "--db", db_url, "--json").stdout)["articles"] == 3
