import codecs
import os

import pytest

from selon.ingest.decode import decode_bytes
from selon.ingest.document import DecodeError

ARTICLE = "Le ministre a rencontré ses homologues à Téhéran, a rapporté l’agence Fars. « Nous refusons », a-t-il dit.\n"


def test_utf8_plain():
    text, enc, warnings = decode_bytes(ARTICLE.encode("utf-8"))
    assert text == ARTICLE and enc == "utf-8" and not warnings


def test_utf8_bom_is_not_part_of_text():
    text, enc, _ = decode_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))
    assert text == ARTICLE and enc == "utf-8-sig"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(encoding):
    text, _, _ = decode_bytes(ARTICLE.encode(encoding))
    assert text == ARTICLE


def test_cp1252_article_with_curly_apostrophe():
    text, enc, _ = decode_bytes(ARTICLE.encode("cp1252"))
    assert text == ARTICLE
    assert enc.replace("_", "").lower() in {"cp1252", "windows1252"}


def test_latin1_article():
    sample = "L'armée israélienne a annoncé jeudi des frappes près de la frontière libanaise.\n" * 3
    text, _, _ = decode_bytes(sample.encode("latin-1"))
    assert text == sample


def test_invalid_utf8_in_the_middle_keeps_the_rest():
    data = ARTICLE.encode("utf-8") * 5 + b"\xff\xfe\xfa" + ARTICLE.encode("utf-8") * 5
    text, enc, warnings = decode_bytes(data)
    assert enc == "utf-8"
    assert "Téhéran" in text and "\ufffd" in text
    assert warnings and "invalid UTF-8" in warnings[0]


def test_random_bytes_are_refused():
    with pytest.raises(DecodeError, match="not text"):
        decode_bytes(os.urandom(4096))


def test_pdf_is_named():
    with pytest.raises(DecodeError, match="PDF"):
        decode_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
