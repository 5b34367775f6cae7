"""A bad-input corpus generated on the fly (never committed): what scrapers really hand over.

``bad_cases()`` lists every kind of broken input with what selon must say about
it; ``good_article(i)`` writes distinct, real-looking French articles;
``write_mixed_dir()`` lays both out in a directory, the way an analyst's
scraper output looks.  Everything is seeded: a failure replays exactly.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

PERSONS = ["Jean-Yves Le Drian", "Ayman Safadi", "Nasser Bourita", "José Manuel Albares", "Hakan Fidan",
           "Sameh Choukri", "Abdallah Bou Habib", "Fayçal ben Farhane", "Catherine Colonna", "Ahmed Attaf"]
PLACES = ["Rabat", "Amman", "Beyrouth", "Ankara", "Le Caire", "Alger", "Madrid", "Doha", "Riyad", "Tunis"]
OUTLETS = ["l'AFP", "Reuters", "l'agence Anadolu", "l'agence officielle Petra", "l'agence MAP", "APS"]
TOPICS = ["la sécurité à la frontière", "la coopération migratoire", "l'approvisionnement en gaz",
          "le retour des réfugiés", "la reconstruction du port", "les échanges commerciaux"]
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
BOILERPLATE = ["Partager", "Partager sur Facebook", "Lire aussi : La visite du ministre reportée",
               "SOURCE: AGENCE FRANCE-PRESSE", "Photo : AFP", "Abonnez-vous", "Publicité"]


def good_article(i: int, boilerplate: bool = True) -> str:
    """Article ``i``: French news prose with a title line, sometimes wrapped in widget lines.

    ``i`` is written into the text, so no two articles have the same bytes.
    """
    rng = random.Random(i)
    a, b = rng.sample(PERSONS, 2)
    place, outlet, topic, day = rng.choice(PLACES), rng.choice(OUTLETS), rng.choice(TOPICS), rng.choice(DAYS)
    lines = [
        f"{a} reçoit {b} à {place} pour parler de {topic}",
        "",
        f"{a} a rencontré {day} à {place} son homologue {b} pour évoquer {topic}, a rapporté {outlet}.",
        "",
        f"Les deux responsables ont signé un mémorandum d'entente, le {i + 1}e de l'année selon le "
        f"communiqué publié à l'issue de la réunion, et sont convenus de se revoir dans trois mois.",
        "",
        f"« Nous avons avancé sur {topic} », a déclaré {b} à la presse après l'entretien.",
    ]
    if boilerplate and i % 3 == 0:
        lines.insert(1, rng.choice(BOILERPLATE))
        lines.append(rng.choice(BOILERPLATE))
    return "\n".join(lines) + "\n"


def key_sentence(i: int) -> str:
    """A stretch of article ``i``'s body that must survive reading and cleaning."""
    return f"le {i + 1}e de l'année selon le communiqué"


def html_page(i: int) -> str:
    paras = "".join(f"<p>{p}</p>" for p in good_article(i, boilerplate=False).split("\n")[2:] if p)
    title = good_article(i).split("\n")[0]
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<nav><a href='/'>Accueil</a> | <a href='/monde'>Monde</a></nav><article><h1>{title}</h1>{paras}"
            f"</article><footer>Mentions légales</footer></body></html>")


@dataclass
class Case:
    """One input file and what selon must make of it.

    ``expect`` is ``"ok"`` (read; ``must_contain`` is in the decoded text) or
    ``"skip"`` (one message per entry of ``reasons``: each a (line or None,
    regex on the reason) pair), or ``"either"`` for inputs where reading some
    text or refusing with a reason are both honest (deeply nested HTML).
    """

    name: str
    data: bytes
    expect: str
    reasons: list[tuple[int | None, str]] = field(default_factory=list)
    must_contain: str | None = None
    good_lines: int = 0  # JSON lines inputs: how many of its lines are good articles

    @property
    def bad_items(self) -> int:
        return len(self.reasons) if self.expect == "skip" or self.good_lines else 0


ARTICLE = good_article(0, boilerplate=False)
FR = ("L'armée a annoncé jeudi des frappes près de la frontière ; « nous répondrons », a dit le porte-parole "
      "à l'hôtel de ville, où l'œuvre coûte 3 € selon l'AFP.\n")


def _jsonl(lines: list[str | bytes]) -> bytes:
    return b"\n".join(x if isinstance(x, bytes) else x.encode("utf-8") for x in lines) + b"\n"


def bad_cases(seed: int = 7, huge: bool = True) -> list[Case]:
    """Every kind of broken or awkward input, with the verdict selon owes the analyst.

    ``huge``: include the 50 MB single-line files (skipped by the size limit).
    """
    rng = random.Random(seed)
    good = ARTICLE.encode("utf-8")
    cases = [
        Case("random.txt", rng.randbytes(4096), "skip", [(None, r"not text")]),
        Case("random_small.txt", rng.randbytes(17), "either"),  # 17 random bytes may well be cp1252 "text"
        Case("nul_bytes.txt", good[:200] + b"\x00" * 50 + good[200:], "skip", [(None, r"not text")]),
        Case("controls.txt", bytes(range(1, 9)) * 200, "skip", [(None, r"not text")]),
        Case("zip.txt", b"PK\x03\x04" + rng.randbytes(300), "skip", [(None, r"ZIP")]),
        Case("gzip.txt", b"\x1f\x8b\x08" + rng.randbytes(300), "skip", [(None, r"gzip")]),
        Case("png.txt", b"\x89PNG\r\n\x1a\n" + rng.randbytes(300), "skip", [(None, r"PNG")]),
        Case("invalid_utf8_mid.txt", good[:150] + b"\xff\xfe\xc3" + good[150:], "ok",
             must_contain=key_sentence(0)),
        Case("cp1252.txt", (ARTICLE + FR).encode("cp1252"), "ok", must_contain="l'œuvre coûte 3 €"),
        Case("latin1.txt", (ARTICLE + FR.replace("œ", "oe").replace("€", "euros")).encode("latin-1"), "ok",
             must_contain="L'armée a annoncé jeudi"),
        Case("utf16_bom.txt", ARTICLE.encode("utf-16"), "ok", must_contain=key_sentence(0)),
        Case("utf16le_nobom.txt", ARTICLE.encode("utf-16-le"), "ok", must_contain=key_sentence(0)),
        Case("utf8_bom.txt", codecs.BOM_UTF8 + good, "ok", must_contain=key_sentence(0)),
        Case("crlf.txt", ARTICLE.replace("\n", "\r\n").encode("utf-8"), "ok", must_contain=key_sentence(0)),
        Case("empty.txt", b"", "skip", [(None, r"empty")]),
        Case("whitespace.txt", b"  \n\n\t \r\n   \n", "skip", [(None, r"empty")]),
        Case("only_widgets.txt", b"Partager\nTweeter\nImprimer\n", "ok", must_contain="Partager"),
        Case("really_a_pdf.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >>", "skip",
             [(None, r"PDF")]),
        Case("pdf_named.txt", b"%PDF-1.4\n" + rng.randbytes(500), "skip", [(None, r"PDF")]),
        Case("empty.html", b"", "skip", [(None, r"empty|no article")]),
        Case("no_article.html", b"<html><body><div><span>", "skip", [(None, r"no article text")]),
        Case("truncated.html", html_page(1).encode("utf-8")[:-260], "ok", must_contain=key_sentence(1)),
        Case("truncated_mid_tag.html", b"</p>".join(html_page(2).encode("utf-8").split(b"</p>")[:2]) + b"</p><p cla",
             "either"),
        Case("deep_nested.html", b"<html><body>" + b"<div>" * 50_000 + good + b"</div>" * 10 + b"</body>",
             "either"),
        Case("deep_unclosed.html", b"<html><body>" + b"<b><i><span>" * 20_000, "either"),
        Case("comment_bomb.html", b"<html><body><!--" + b"-" * 200_000, "skip", [(None, r"no article|HTML")]),
        Case("good.html", html_page(3).encode("utf-8"), "ok", must_contain=key_sentence(3)),
        Case("latin1.html", html_page(4).replace("utf-8", "iso-8859-1").replace("€", "EUR")
             .encode("latin-1", "replace"), "ok", must_contain=key_sentence(4)),
        feed_case(),
        Case("empty.jsonl", b"", "ok"),
        Case("bom_first_line.jsonl", codecs.BOM_UTF8 + _jsonl([json.dumps({"id": "bom", "text": ARTICLE})]),
             "ok", must_contain=key_sentence(0), good_lines=1),
    ]
    if huge:
        line = b"Le ministre a dit " * (50_000_000 // 18)
        cases.append(Case("huge_single_line.txt", line, "skip", [(None, r"limit \(--max-bytes\)")]))
        cases.append(Case("huge_single_line.jsonl",
                          b'{"id": "huge", "text": "' + line + b'"}\n' + _jsonl([json.dumps({"text": ARTICLE})]),
                          "skip", [(1, r"limit \(--max-bytes\)")], good_lines=1))
    return cases


def feed_case() -> Case:
    """A JSON lines feed where most lines are broken in a different way; two are good."""
    lines: list[tuple[str | bytes, int | None, str | None]] = [
        (json.dumps({"id": "ok-1", "text": ARTICLE, "outlet": "Le Monde", "published": "2024-03-02"}), None, None),
        ('{"id": "broken", "text": "Le ministre a', 2, r"not JSON"),
        (json.dumps({"id": "no-text", "title": "Un titre sans texte"}), 3, r"no 'text'"),
        (json.dumps({"id": "int-text", "text": 42}), 4, r"'text' must be a string, got int"),
        (json.dumps({"id": "list-text", "text": ["a", "b"]}), 5, r"'text' must be a string, got list"),
        (json.dumps({"id": "dict-title", "text": ARTICLE, "title": {"fr": "x"}}), 6, r"'title' must be a string"),
        (json.dumps({"id": ["x"], "text": ARTICLE}), 7, r"'id' must be"),
        (json.dumps({"id": True, "text": ARTICLE}), 8, r"'id' must be"),
        (json.dumps(["not", "an", "object"]), 9, r"expected a JSON object"),
        (json.dumps("just a string"), 10, r"expected a JSON object"),
        ("null", 11, r"expected a JSON object"),
        (json.dumps({"id": "empty", "text": "   \n "}), 12, r"'text' is empty"),
        (json.dumps({"id": "nul", "text": "Le ministre\u0000 a dit"}), 13, r"NUL"),
        (b'{"id": "latin1", "text": "L\xe9gende"}', 14, r"not valid UTF-8"),
        ("[" * 100_000 + "]" * 100_000, 15, r"nested too deeply"),
        ('{"id": ' + "9" * 5000 + ', "text": "x"}', 16, r"not JSON we accept"),
        ('{"id": "nan", "text": NaN}', 17, r"'text' must be a string, got float"),
        (json.dumps({"id": "html-empty", "html": "<html><body></body></html>"}), 18, r"no article text|empty"),
        (json.dumps({"id": "html-int", "html": 3}), 19, r"'html' must be a string"),
        ("", None, None),  # blank lines are not articles, and not errors either
        ('{"id": "surrogate", "text": "Le ministre \\ud800 a dit jeudi que la frontière resterait ouverte."}',
         None, None),
        (json.dumps({"id": "ok-2", "text": good_article(5)}), None, None),
    ]
    data = _jsonl([x for x, _, _ in lines])
    reasons = [(n, r) for _, n, r in lines if r is not None]
    good = sum(1 for x, _, r in lines if r is None and x)
    return Case("feed.jsonl", data, "skip", reasons, good_lines=good)


def special_files(root: Path) -> list[tuple[str, str]]:
    """Entries that are not plain files: (name, reason regex).  Created only where the OS allows."""
    made: list[tuple[str, str]] = []
    os.symlink(root / "does-not-exist.txt", root / "dangling.txt")
    made.append(("dangling.txt", r"not a regular file"))
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.txt")  # reading it would block forever
        made.append(("pipe.txt", r"not a regular file"))
    return made


def odd_names(root: Path) -> list[str]:
    """Good articles under names that are awkward to print: returns the file names as shown."""
    shown = []
    raw = os.fsencode(root) + b"/caf\xe9-latin1-name.txt"  # not UTF-8: shown with U+FFFD
    with open(raw, "wb") as fh:
        fh.write(good_article(9001).encode("utf-8"))
    shown.append("caf\ufffd-latin1-name.txt")
    (root / "line\nbreak.txt").write_text(good_article(9002), encoding="utf-8")
    shown.append("line\\nbreak.txt")
    (root / "[bold]markup[red] :smile:.txt").write_text(good_article(9003), encoding="utf-8")
    shown.append("[bold]markup[red] :smile:.txt")
    return shown


@dataclass
class Layout:
    """What ``write_mixed_dir`` put where: the verdicts the test checks against."""

    good: dict[str, str] = field(default_factory=dict)  # file path -> a sentence its article must keep
    good_lines: dict[str, int] = field(default_factory=dict)  # jsonl path -> good articles in it
    bad: dict[str, list[tuple[int | None, str]]] = field(default_factory=dict)  # path -> (line, reason regex)
    either: list[str] = field(default_factory=list)

    @property
    def n_good(self) -> int:
        return len(self.good) + sum(self.good_lines.values())

    @property
    def n_bad(self) -> int:
        return sum(len(v) for v in self.bad.values())


def write_mixed_dir(root: Path, n_good: int | None = None, copies: int = 1, huge: bool = True,
                    special: bool = True, html_every: int = 50, subdirs: int = 10,
                    total: int | None = None) -> Layout:
    """Every bad case (``copies`` times), then good articles (every ``html_every``-th as HTML).

    Give ``n_good``, or ``total`` files to fill up to.  Copies after the first are
    the cases that are refused as a whole, so no article is there twice.  Files are
    spread over ``subdirs`` sub-directories, as scrapers do by day or by site.
    """
    root.mkdir(parents=True, exist_ok=True)
    layout = Layout()
    for k in range(subdirs):
        (root / f"d{k:02d}").mkdir(exist_ok=True)
    written = 0
    for c in range(copies):
        for case in bad_cases(seed=c, huge=huge and c == 0):
            if c and (case.expect != "skip" or case.good_lines):
                continue
            path = root / f"d{c % subdirs:02d}" / f"bad{c:03d}_{case.name}"
            path.write_bytes(case.data)
            written += 1
            if case.expect == "either":
                layout.either.append(str(path))
                continue
            if case.good_lines:
                layout.good_lines[str(path)] = case.good_lines
            if case.expect == "skip":
                layout.bad[str(path)] = case.reasons
            elif case.expect == "ok" and not path.name.endswith(".jsonl"):
                layout.good[str(path)] = case.must_contain or ""
    if special:
        for name, reason in special_files(root):
            layout.bad[str(root / name)] = [(None, reason)]
            written += 1
    if n_good is None:
        assert total is not None and total > written
        n_good = total - written
    for i in range(n_good):
        sub = root / f"d{i % subdirs:02d}"
        if html_every and i % html_every == html_every - 1:
            path = sub / f"a{i:05d}.html"
            path.write_text(html_page(i), encoding="utf-8")
        else:
            path = sub / f"a{i:05d}.txt"
            path.write_text(good_article(i), encoding="utf-8")
        layout.good[str(path)] = key_sentence(i)
    return layout


def skipped_lines(stderr: str) -> list[str]:
    """The one-line messages about skipped inputs."""
    return [ln for ln in stderr.splitlines() if ln.startswith("selon: skipped ")]


def message_for(lines: list[str], path: str, line: int | None, reason: str) -> list[str]:
    """Messages in ``lines`` about ``path`` (at ``line``) whose reason matches ``reason``."""
    where = f"{path}:{line}: " if line is not None else f"{path}: "
    return [ln for ln in lines if ln.startswith("selon: skipped " + where)
            and re.search(reason, ln[len("selon: skipped " + where):])]
