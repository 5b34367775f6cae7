"""Property-based tests (hypothesis): cleaning, offsets and the record hold for any input.

Mostly on cleaning and records (fast); the spaCy pipeline runs on a few
generated articles only, since the model is the slow part.
"""

from __future__ import annotations

import json
from collections import Counter

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from selon.clean import clean, iso_date, split_lines
from selon.ingest import Document
from selon.record import (
    ENTITY_TYPES,
    EVENT_TYPES,
    MODALITIES,
    REMOVED_KINDS,
    TIME_TYPES,
    Entity,
    Event,
    Mention,
    Quote,
    Record,
    Removed,
    Span,
    Time,
)
from selon.store import open_store

from .invariants import check_cleaned, check_record

# Paragraphs of article prose: over 120 characters, several sentences, nothing a boilerplate
# rule may take (no credit, no byline, no widget words).  Cleaning must keep every one.
PROSE = [
    "Le ministre des Affaires étrangères a rencontré jeudi son homologue à Rabat. Les deux hommes ont "
    "évoqué la coopération migratoire et la sécurité à la frontière.",
    "Selon le communiqué publié à l'issue de la réunion, les deux pays sont convenus de se revoir dans "
    "trois mois. Aucun calendrier précis n'a toutefois été annoncé.",
    "« Nous avons avancé sur tous les dossiers », a déclaré le porte-parole du gouvernement devant la "
    "presse. Il n'a pas voulu préciser la nature des engagements pris.",
    "L'armée a annoncé mardi avoir intercepté plusieurs drones au-dessus du sud du pays, a rapporté "
    "l'agence officielle. Aucune victime n'a été signalée par les secours.",
    "Des milliers de manifestants se sont rassemblés samedi dans le centre de la capitale pour réclamer "
    "des élections anticipées. La police a dispersé la foule en fin de journée.",
    "Le Conseil de sécurité doit se réunir lundi à New York à la demande de la France et du Royaume-Uni. "
    "Les diplomates s'attendent à des discussions difficiles.",
]
WIDGETS = [
    "Partager", "Partager sur Facebook", "Tweeter", "Imprimer cet article", "Abonnez-vous", "Publicité",
    "Lire aussi : La visite du ministre reportée", "Lire aussi :", "À lire également",
    "SOURCE: AGENCE FRANCE-PRESSE", "Source : Reuters", "Photo : AFP", "(Photo d'archives)",
    "Le ministre lors de son arrivée à l'aéroport. ©Petra/Archives", "Getty Images",
    "Par Jean-Pierre Martin", "Par Fatima Zahra El Idrissi, envoyée spéciale", "Publié le 3 mai 2024 à 14h30",
    "Mis à jour le 4 mai 2024", "Accueil > Monde > Afrique", "Monde", "International",
    "Foreign ministers pose for a family photo during the summit at the Dead Sea on May 3, 2024.",
    "Mots clés : Maroc, Espagne, migration", "https://www.example.com/monde/article-123",
    "date 2024-05 ", "Twitter Réunion entre les deux ministres", "—", "***",
]
TITLES = ["Le Maroc et l'Espagne signent un accord migratoire", "Visite officielle à Amman",
          "Frappes près de la frontière libanaise", "Manifestation géante dans la capitale"]
SPACES = st.sampled_from(["", " ", "  ", "\t", "\u00a0", " \u00a0 "])
NEWLINES = st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n", "\n\t\n"])

PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A scraped-looking article: title, prose (some repeated), widget lines anywhere, odd spacing.

    Returns the text and the prose paragraphs it holds (with repeats).
    """
    parts: list[str] = []
    if draw(st.booleans()):
        parts += draw(st.lists(st.sampled_from(WIDGETS), max_size=3))
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(TITLES)))
    prose = draw(st.lists(st.sampled_from(PROSE), min_size=1, max_size=6))  # repeats on purpose
    for p in prose:
        parts += draw(st.lists(st.sampled_from(WIDGETS), max_size=2))
        parts.append(p)
    parts += draw(st.lists(st.sampled_from(WIDGETS), max_size=4))
    text = draw(NEWLINES).join(draw(SPACES) + p + draw(SPACES) for p in parts)
    if draw(st.booleans()):
        text += draw(NEWLINES)
    return text, prose


def doc_of(text: str, **meta: str | None) -> Document:
    doc = Document.from_text(text, path="gen.txt")
    doc.meta.update(meta)
    return doc


@PROPS
@given(st.text(), st.sampled_from(["fr", "en", None]))
def test_clean_never_raises_and_keeps_offsets_on_any_text(text: str, language: str | None):
    doc = doc_of(text, language=language)
    check_cleaned(doc, clean(doc))


@PROPS
@given(st.text(st.characters(codec=None), max_size=200), st.text(max_size=80), st.text(max_size=80),
       st.text(max_size=80), st.text(max_size=80))
def test_clean_never_raises_with_any_metadata(text, title, outlet, published, url):
    """Metadata comes from JSON lines and HTML: anything at all, lone surrogates included."""
    doc = doc_of(text, language="fr", title=title or None, outlet=outlet or None,
                 published=published or None, url=url or None)
    check_cleaned(doc, clean(doc))


@PROPS
@given(st.lists(st.one_of(st.sampled_from(WIDGETS), st.sampled_from(PROSE), st.sampled_from(TITLES),
                          st.text(st.characters(categories=["L", "N", "P", "Zs"]), max_size=30)),
                max_size=12),
       st.lists(NEWLINES, min_size=12, max_size=12))
def test_clean_on_line_soup(lines: list[str], breaks: list[str]):
    text = "".join(line + br for line, br in zip(lines, breaks, strict=False))
    doc = doc_of(text, language="fr")
    check_cleaned(doc, clean(doc))


@PROPS
@given(articles())
def test_cleaning_keeps_every_paragraph_of_prose_as_often_as_it_occurs(article):
    text, prose = article
    doc = doc_of(text, language="fr")
    c = clean(doc)
    check_cleaned(doc, c)
    body = Counter(line.strip() for line in c.body.splitlines())
    for paragraph, n in Counter(prose).items():
        assert body[paragraph] == n, f"{paragraph[:40]!r}: {n} in the text, {body[paragraph]} in the body"
    assert c.title is None or c.title in {t.strip() for t in TITLES + WIDGETS}, c.title  # never prose


@PROPS
@given(st.text(max_size=300))
def test_split_lines_offsets_index_the_text(text: str):
    for line in split_lines(text):
        assert text[line.start:line.end] == line.text and line.text == line.text.strip() and line.text


@PROPS
@given(st.one_of(st.text(max_size=60), st.dates().map(str), st.datetimes().map(lambda d: d.isoformat()),
                 st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z")))
def test_iso_date_never_raises_and_returns_iso_or_none(value: str):
    got = iso_date(value)
    assert got is None or (len(got) in (4, 7, 10) and got[:4].isdigit())


# -- records -------------------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8"), max_size=40)  # no lone surrogates: ingest replaces them


@st.composite
def spans(draw: st.DrawFn, raw: str) -> tuple[int, int, str]:
    start = draw(st.integers(0, len(raw)))
    end = draw(st.integers(start, len(raw)))
    return start, end, raw[start:end]


@st.composite
def records(draw: st.DrawFn) -> tuple[Record, str]:
    """A record whose every span indexes a generated raw text, with arbitrary strings elsewhere."""
    raw = draw(st.text(st.characters(codec="utf-8"), min_size=1, max_size=400))
    n_ent = draw(st.integers(0, 4))
    entities = []
    for i in range(n_ent):
        mentions = [Mention(*draw(spans(raw))) for _ in range(draw(st.integers(0, 3)))]
        entities.append(Entity(f"e{i + 1}", draw(TEXT), draw(st.sampled_from(ENTITY_TYPES)),
                               draw(st.none() | st.from_regex(r"\AQ[1-9]\d{0,6}\Z")),
                               draw(st.lists(TEXT, max_size=2)), draw(st.lists(TEXT, max_size=2)), mentions))
    ids = [e.id for e in entities]
    refs = st.lists(st.sampled_from(ids), max_size=2) if ids else st.just([])
    events = []
    for i in range(draw(st.integers(0, 3))):
        trigger = Span(*draw(spans(raw))) if draw(st.booleans()) else None
        events.append(Event(f"v{i + 1}", draw(st.sampled_from(EVENT_TYPES)), draw(st.none() | TEXT),
                            draw(refs), draw(refs), draw(st.none() | st.dates().map(str)), draw(st.none() | TEXT),
                            draw(st.sampled_from(MODALITIES)), draw(refs), Span(*draw(spans(raw))),
                            denies=draw(st.none() | st.just("v1")), trigger=trigger))
    quotes = []
    for i in range(draw(st.integers(0, 2))):
        s, e, t = draw(spans(raw))
        quotes.append(Quote(draw(st.none() | st.sampled_from(ids)) if ids else None, t, s, e, f"q{i + 1}"))
    times = [Time(*draw(spans(raw)), draw(st.sampled_from(TIME_TYPES)), draw(st.none() | TEXT),  # type: ignore[misc]
                  inferred=draw(st.booleans())) for _ in range(draw(st.integers(0, 3)))]
    removed = []
    for _ in range(draw(st.integers(0, 3))):
        s, e, _t = draw(spans(raw))
        if e > s:
            removed.append(Removed(s, e, draw(st.sampled_from(REMOVED_KINDS))))
    rec = Record(path=draw(TEXT), id=draw(TEXT), language=draw(st.none() | st.sampled_from(["fr", "en"])),
                 title=draw(st.none() | TEXT), outlet=draw(st.none() | TEXT), published=draw(st.none() | TEXT),
                 body=draw(st.text(st.characters(codec="utf-8"), max_size=200)), removed=removed,
                 entities=entities, events=events, quotes=quotes, times=times,
                 sha256=draw(st.from_regex(r"\A[0-9a-f]{64}\Z")), url=draw(st.none() | TEXT),
                 text=draw(st.none() | st.just(raw)))
    return rec, raw


@PROPS
@given(records())
def test_record_json_round_trip_and_spans(generated):
    rec, raw = generated
    check_record(rec, raw)
    line = rec.to_json()
    assert "\n" not in line, "one record, one line (JSON lines)"
    line.encode("utf-8")  # writable as UTF-8
    assert Record.from_json(line) == rec
    assert Record.from_dict(json.loads(json.dumps(rec.to_dict(), ensure_ascii=True))) == rec


def test_record_store_round_trip(tmp_path):
    """What goes into the store comes back the same (SQLite text, offsets, optional fields)."""
    with open_store(str(tmp_path / "p.db")) as store:

        @settings(max_examples=25, deadline=None)
        @given(records())
        def stored(generated):
            rec, raw = generated
            assume(not store.has(rec.sha256))
            art = store.add(rec, raw)
            assert art is not None
            assert store.record(str(art)) == rec
            row = store.find_article(str(art))
            assert row is not None and row["raw_text"] == raw

        stored()


# -- the whole pipeline, on a few generated articles -----------------------------

@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_extracted_records_index_the_raw_text(extract, article):
    text, prose = article
    rec = extract(text)
    check_record(rec, text)
    body = Counter(line.strip() for line in rec.body.splitlines())
    assert all(body[p] == n for p, n in Counter(prose).items())
    for ent in rec.entities:
        for m in ent.mentions:
            assert not any(r.start < m.end and m.start < r.end for r in rec.removed), \
                f"entity mention {m.text!r} inside removed boilerplate"
