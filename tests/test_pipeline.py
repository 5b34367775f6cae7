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
