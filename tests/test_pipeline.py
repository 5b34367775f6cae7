"""The pipeline's own guarantees: oversized articles refused clearly, spans that index the raw text."""

from selon.clean import clean
from selon.ingest import Document, InputError
from selon.pipeline import _true_spans
from selon.record import Entity, Mention, Record


def test_article_too_long_for_the_parser_is_refused_with_its_line(extractor):
    doc = Document.from_text("Le ministre a parlé. " * 60_000, path="feed.jsonl", line=7)
    doc.meta["language"] = "fr"
    [err] = list(extractor.run([doc]))
    assert isinstance(err, InputError) and err.line == 7
    assert "1,260,000 characters, over the 1,000,000" in err.reason


def test_a_span_reaching_into_blanked_boilerplate_is_trimmed_to_raw_text():
    raw = "Le Hezbollah\nPartager sur Facebook\nLa suite."
    doc = Document.from_text(raw)
    doc.meta["language"] = "fr"
    c = clean(doc)
    assert c.analysis_text[13:34].strip() == ""  # the share widget is blanked
    mention = Mention(3, 34, c.analysis_text[3:34])  # what a space-hungry NER span gives
    rec = Record(path="-", id="x", language="fr", title=None, outlet=None, published=None, body="",
                 entities=[Entity("e1", "Hezbollah", "ORG", mentions=[mention, Mention(13, 20, " " * 7)])])
    _true_spans(rec, raw, c.analysis_text)
    assert [(m.start, m.end, m.text) for m in rec.entities[0].mentions] == [(3, 12, "Hezbollah")]


def _with_new_names(i: int) -> Document:
    """An article full of names no vocabulary has seen (made up per call)."""
    names = [f"Ozrivanek{i}x{k}" for k in range(6)]
    doc = Document.from_text(
        f"Visite de {names[0]} à {names[1]}grad\n\n"
        f"Le ministre {names[2]} a rencontré lundi à {names[1]}grad son homologue {names[3]}, a rapporté "
        f"l'agence {names[4]}Press. « Nous avons parlé de la frontière », a déclaré {names[5]}.\n",
        path=f"noms-{i}.txt")
    doc.meta["language"] = "fr"
    return doc


def test_vocabulary_does_not_grow_with_the_corpus(extractor):
    """Each batch runs in a spaCy memory zone: new words are freed with their Docs, records stay whole."""
    list(extractor.run([_with_new_names(0)]))  # anything loaded lazily on first use, loaded now
    before = len(extractor.nlp.vocab.strings)
    [rec] = [r.record for r in extractor.run([_with_new_names(1), _with_new_names(2)])][-1:]
    assert len(extractor.nlp.vocab.strings) == before
    assert "Ozrivanek2x2" in {m.text for e in rec.entities for m in e.mentions}  # strings outlive the zone


def test_lemmatizer_cache_is_emptied_when_large(extractor, monkeypatch):
    import selon.pipeline

    monkeypatch.setattr(selon.pipeline, "LEMMA_CACHE_MAX", 0)
    list(extractor.run([_with_new_names(3)]))
    assert len(extractor.nlp.get_pipe("lemmatizer").cache) == 0
