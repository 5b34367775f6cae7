"""The attribution lexicon: source markers, verbs of denial, modal words; malformed data is rejected."""

from __future__ import annotations

import pytest

from selon.data import load_yaml
from selon.parse.lexicon import LexiconError
from selon.record import MODALITIES
from selon.sources.lexicon import build_sources, source_lexicon


def test_attribution_cues_present():
    lex = source_lexicon()
    assert ("selon",) in lex.source_markers and ("cité", "par") in lex.source_markers
    assert ("de", "après") in lex.source_markers  # "d'après": the elided article is expanded
    assert {"nier", "démentir"} <= lex.deny_verbs
    assert lex.modal_verbs["menacer"] == "threatened" and lex.modal_verbs["prévoir"] == "planned"
    assert set(lex.modal_verbs.values()) <= set(MODALITIES)


def test_unknown_modality_in_the_data_is_rejected():
    data = dict(load_yaml("attribution_fr.yaml"))
    data["modality"] = {**(data.get("modality") or {}), "nouns": {"menace": "maybe"}}
    with pytest.raises(LexiconError, match="modality"):
        build_sources(data)


def test_lexicon_is_compiled_once():
    assert source_lexicon() is source_lexicon()
