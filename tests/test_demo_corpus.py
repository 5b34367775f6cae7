"""The bundled demo corpus (src/selon/demo/) reads cleanly: no skipped input, right metadata, no leaks.

The demo is what `make demo` shows a new user, so a cleaning regression on it
is a visible one.  Each article is extracted once per module.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from selon.ingest import InputError, iter_documents
from selon.pipeline import Extracted, Extractor

DEMO = Path(str(files("selon").joinpath("demo")))
ARTICLE_SUFFIXES = {".txt", ".html", ".jsonl"}

# (file, jsonl id or None) -> (title, outlet, published), as a reader of the page would give them.
EXPECTED = {
    ("arouri-tue-beyrouth.txt", None): (
        "Liban : le numéro deux du Hamas, Saleh al-Arouri, tué dans une frappe à Beyrouth",
        "Le Journal Démo", "2024-01-03"),
    ("barnier-demission-macron.html", None): (
        "Michel Barnier remet sa démission, Emmanuel Macron promet un Premier ministre « dans les prochains jours »",
        "Démo Presse", "2024-12-05"),
    ("censure-gouvernement-barnier.txt", None): (
        "Le gouvernement de Michel Barnier renversé par l’Assemblée nationale", "Le Journal Démo", "2024-12-04"),
    ("damas-frappe-consulat-zahedi.txt", None): (
        "Damas : un général des Gardiens de la révolution tué dans une frappe contre un bâtiment consulaire iranien",
        "Le Journal Démo", "2024-04-02"),
    ("fictif-karvonie-drones-abattus.txt", None): (
        "La Karvonie affirme avoir abattu six drones ostréliens près de sa frontière", "Démo Monde", "2025-03-05"),
    ("fictif-mediation-karvonie-ostrelie.txt", None): (
        "Après l’incident des drones, la Karvonie et l’Ostrélie acceptent une médiation", "Radio Démo", "2025-03-10"),
    ("fictif-ostrelie-dement.txt", None): (
        "L’Ostrélie dément avoir envoyé des drones au-dessus de la Karvonie", "Le Journal Démo", "2025-03-06"),
    ("haniyeh-tue-teheran.txt", None): (
        "Le chef du Hamas Ismaïl Haniyeh tué à Téhéran, l’Iran et le Hamas accusent Israël",
        "Radio Démo", "2024-07-31"),
    ("iran-7-octobre-wall-street-journal.txt", None): (
        "L’Iran aurait aidé le Hamas à préparer son attaque contre Israël, selon le Wall Street Journal",
        "Démo Monde", "2023-10-09"),
    ("iran-arabie-saoudite-accord-pekin.txt", None): (
        "L’Arabie saoudite et l’Iran annoncent le rétablissement de leurs relations diplomatiques",
        "Le Journal Démo", "2023-03-10"),
    ("iran-arabie-saoudite-xinhua.txt", None): (
        "Pékin parraine la réconciliation entre Téhéran et Riyad", "Démo Monde", "2023-03"),
    ("iran-attaque-israel-gardiens.html", None): (
        "Les Gardiens de la révolution revendiquent une attaque de drones et de missiles contre Israël",
        "Démo Presse", "2024-04-14"),
    ("iran-attaque-israel-interceptions.txt", None): (
        "L’armée israélienne affirme avoir intercepté « 99 % » des drones et missiles tirés par l’Iran",
        "Radio Démo", "2024-04"),
    ("iran-dement-implication-7-octobre.txt", None): (
        "L’Iran dément toute implication dans l’attaque du Hamas contre Israël", "Radio Démo", "2023-10-10"),
    ("liban-hezbollah-2024.jsonl", "demo-nasrallah-armee-israelienne"): (
        "L’armée israélienne annonce avoir tué Hassan Nasrallah, le chef du Hezbollah", "Démo Monde", "2024-09-28"),
    ("liban-hezbollah-2024.jsonl", "demo-nasrallah-confirmation-hezbollah"): (
        "Le Hezbollah confirme la mort de son chef Hassan Nasrallah", "Radio Démo", "2024-09-28"),
    ("liban-hezbollah-2024.jsonl", "demo-cessez-le-feu-israel-hezbollah"): (
        "Un cessez-le-feu entre Israël et le Hezbollah entre en vigueur au Liban", "Le Journal Démo", "2024-11-27"),
}


def article_files() -> list[Path]:
    return sorted(p for p in DEMO.iterdir() if p.suffix in ARTICLE_SUFFIXES)


def key_of(ext: Extracted) -> tuple[str, str | None]:
    name = Path(ext.document.path).name
    return name, ext.document.id if name.endswith(".jsonl") else None


@pytest.fixture(scope="module")
def demo(extractor: Extractor) -> dict[tuple[str, str | None], Extracted]:
    items = list(iter_documents([str(p) for p in article_files()]))
    skipped = [str(i) for i in items if isinstance(i, InputError)]
    assert not skipped, f"demo inputs skipped: {skipped}"
    out: dict[tuple[str, str | None], Extracted] = {}
    for res in extractor.run(items):
        assert isinstance(res, Extracted), f"extraction failed: {res}"
        out[key_of(res)] = res
    return out


def test_every_demo_article_is_read(demo):
    assert set(demo) == set(EXPECTED)
    assert {p.name for p in article_files()} == {name for name, _ in EXPECTED}
    assert all(ext.record.language == "fr" for ext in demo.values())


def test_directory_walk_sees_only_articles():
    """`selon ingest src/selon/demo` must not take the corpus README for an article."""
    found = {Path(p).name for p in (i.path for i in iter_documents([str(DEMO)]))}
    assert found == {name for name, _ in EXPECTED}


@pytest.mark.parametrize("key", sorted(EXPECTED, key=str), ids=lambda k: k[1] or k[0])
def test_title_outlet_published(demo, key):
    rec = demo[key].record
    title, outlet, published = EXPECTED[key]
    assert rec.title, "every demo record has a title"
    assert (rec.outlet, rec.published) == (outlet, published)
    assert rec.title == title
    assert title not in rec.body


def test_removed_boilerplate_never_leaks(demo):
    for key, ext in demo.items():
        rec, text = ext.record, ext.document.text
        body_lines = {ln.strip() for ln in rec.body.splitlines()}
        for rem in rec.removed:
            span = text[rem.start:rem.end].strip()
            assert span not in body_lines, (key, rem.kind, span)
            if len(span) >= 25:
                assert span not in rec.body, (key, rem.kind, span)
        for ent in rec.entities:
            for m in ent.mentions:
                assert not any(r.start <= m.start < r.end for r in rec.removed), (key, ent.name, m.text)


def test_txt_pages_carry_their_boilerplate(demo):
    """The demo shows cleaning at work: every kind of boilerplate occurs and is marked."""
    kinds = {r.kind for ext in demo.values() for r in ext.record.removed}
    assert {"header", "caption", "share", "related", "byline", "author-bio", "source-line"} <= kinds
    for (name, _), ext in demo.items():
        if name.endswith(".txt"):
            assert ext.record.removed, f"{name}: no boilerplate found"


def test_fictional_articles_say_so(demo):
    for (name, _), ext in demo.items():
        if name.startswith("fictif-"):
            assert "[Article fictif" in ext.record.body, name
        else:
            assert "Karvonie" not in ext.document.text, name
