import json
from pathlib import Path

from selon.ingest import Document, InputError, iter_documents

ARTICLE = "Titre de l'article\n\nLe Premier ministre a reçu jeudi son homologue à Paris, selon l'AFP.\n"


def docs(paths, **kw):
    return list(iter_documents([str(p) for p in paths], **kw))


def test_text_file_keeps_raw_text_and_hashes_bytes(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    [doc] = docs([f])
    assert isinstance(doc, Document)
    assert doc.text == ARTICLE and len(doc.sha256) == 64 and doc.id == doc.sha256
    assert doc.meta["language"] == "fr"


def test_directory_is_walked_recursively_and_sorted(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(ARTICLE)
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE.replace("jeudi", "vendredi"))
    (tmp_path / "image.png").write_bytes(b"\x89PNG....")
    got = docs([tmp_path])
    assert [Path(d.path).name for d in got] == ["b.txt", "a.txt"]


def test_missing_path_is_an_error_not_an_exception(tmp_path: Path):
    [err] = docs([tmp_path / "nope.txt"])
    assert isinstance(err, InputError) and "no such file" in err.reason


def test_empty_and_whitespace_files(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n\t\n")
    got = docs([tmp_path])
    assert all(isinstance(d, InputError) and "empty" in d.reason for d in got) and len(got) == 2


def test_size_limit_names_the_file(tmp_path: Path):
    f = tmp_path / "big.txt"
    f.write_text("mot " * 5000)
    [err] = docs([f], max_bytes=10_000)
    assert isinstance(err, InputError) and "limit" in err.reason and err.path.endswith("big.txt")


def test_jsonl_lines_good_and_bad(tmp_path: Path):
    f = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, "outlet": "Le Monde", "published": "2024-03-02"}),
        "{broken json",
        json.dumps({"id": "a2", "title": "sans texte"}),
        json.dumps({"id": "a3", "text": 42}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"id": 7, "text": ARTICLE}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = docs([f])
    good = [d for d in got if isinstance(d, Document)]
    bad = [d for d in got if isinstance(d, InputError)]
    assert [d.id for d in good] == ["a1", "7"]
    assert good[0].meta["outlet"] == "Le Monde" and good[0].text == ARTICLE
    assert [b.line for b in bad] == [2, 3, 4, 5]
    assert "not JSON" in bad[0].reason and "'text'" in bad[1].reason and "string" in bad[2].reason


def test_jsonl_oversized_line_is_skipped_and_next_line_read(tmp_path: Path):
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps({"id": "big", "text": "x" * 50_000}) + "\n" + json.dumps({"id": "ok", "text": ARTICLE}) + "\n")
    got = docs([f], max_bytes=10_000)
    assert isinstance(got[0], InputError) and got[0].line == 1
    assert isinstance(got[1], Document) and got[1].id == "ok"


def test_html_main_text(tmp_path: Path):
    body = "".join(f"<p>Le président a rencontré le roi à Rabat, a indiqué un communiqué officiel ({i}).</p>"
                   for i in range(8))
    page = (f"<html><head><title>Visite officielle à Rabat</title></head><body><nav>Accueil | Monde</nav>"
            f"<article><h1>Visite officielle à Rabat</h1>{body}</article><footer>Mentions légales</footer></body></html>")
    f = tmp_path / "page.html"
    f.write_text(page, encoding="utf-8")
    [doc] = docs([f])
    assert isinstance(doc, Document) and doc.format == "html"
    assert "rencontré le roi" in doc.text and "Mentions légales" not in doc.text


def test_html_that_is_a_pdf(tmp_path: Path):
    f = tmp_path / "page.html"
    f.write_bytes(b"%PDF-1.4 binary")
    [err] = docs([f])
    assert isinstance(err, InputError) and "PDF" in err.reason


def test_html_without_article(tmp_path: Path):
    f = tmp_path / "broken.html"
    f.write_text("<html><body><div><div><span>")
    [err] = docs([f])
    assert isinstance(err, InputError)


def test_jsonl_hostile_lines_are_named_not_raised(tmp_path: Path):
    f = tmp_path / "feed.jsonl"
    f.write_text("[" * 100_000 + "\n" + '{"id": ' + "9" * 5000 + ', "text": "x"}\n'
                 + '{"id": true, "text": "Le ministre a parlé."}\n'
                 + '{"id": "s", "text": "Le ministre \\ud800 a parlé.", "outlet": "Le \\udfff Monde\\u0000"}\n')
    bad1, bad2, bad3, doc = docs([f])
    assert "nested too deeply" in bad1.reason and bad1.line == 1
    assert "not JSON we accept" in bad2.reason and bad3.line == 3 and "'id'" in bad3.reason
    assert isinstance(doc, Document) and doc.line == 4
    assert doc.text == "Le ministre \ufffd a parlé." and doc.warnings  # same length: offsets unchanged
    assert doc.meta["outlet"] == "Le \ufffd Monde"
    doc.text.encode("utf-8")


def test_display_path_is_one_printable_line():
    from selon.ingest import display_path

    assert display_path("a/b.txt") == "a/b.txt"
    assert display_path("caf\udce9.txt") == "caf\ufffd.txt"  # a Latin-1 byte in a file name
    assert display_path("a\nb.txt") == "a\\nb.txt"
    assert display_path("\ud800.txt") == "?.txt"


def test_directory_walk_names_what_is_not_a_file(tmp_path: Path):
    import os

    (tmp_path / "good.txt").write_text(ARTICLE)
    os.symlink(tmp_path / "missing.txt", tmp_path / "link.txt")
    got = docs([tmp_path])
    assert isinstance(got[0], Document)
    assert isinstance(got[1], InputError) and "not a regular file" in got[1].reason


def test_a_string_with_lone_surrogates_becomes_a_document_with_the_same_offsets():
    from selon.ingest import Document

    doc = Document.from_text("Le Hamas \ud800a nié.", path="api")
    assert doc.text == "Le Hamas \ufffda nié." and len(doc.text) == len("Le Hamas \ud800a nié.")
    assert doc.warnings and "surrogate" in doc.warnings[0]
