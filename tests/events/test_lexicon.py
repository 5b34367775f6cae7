"""The French event lexicons load, cover every PLOVER type, and reject malformed data clearly."""

from __future__ import annotations

import pytest

from selon.data import load_yaml
from selon.events.lexicon import LexiconError, build, lexicon, word_key
from selon.record import EVENT_TYPES, MODALITIES


def test_every_plover_type_has_verbs_and_nouns():
    lex = lexicon()
    for etype in EVENT_TYPES:
        verbs = [s for specs in lex.verbs.values() for s in specs if s.type == etype]
        nouns = [s for specs in lex.nouns.values() for s in specs if s.type == etype]
        assert len(verbs) >= 5, f"{etype}: only {len(verbs)} verbs"
        assert len(nouns) >= 3, f"{etype}: only {len(nouns)} nouns"


def test_types_broadly_covered():
    lex = lexicon()
    total = sum(len(v) for v in lex.verbs.values()) + sum(len(v) for v in lex.nouns.values()) + \
        sum(len(v) for v in lex.phrases.values())
    assert total > 400


def test_modes_and_modalities_are_known_values():
    lex = lexicon()
    for specs in [*lex.verbs.values(), *lex.nouns.values(), *lex.phrases.values()]:
        for s in specs:
            assert s.modality is None or s.modality in MODALITIES
            assert s.mode is None or (s.mode and s.mode == s.mode.lower())
    assert set(lex.modal_verbs.values()) <= set(MODALITIES)


def test_reflexive_phrase_and_determiners_are_normalised():
    lex = lexicon()
    consult = [s for s in lex.phrases["entretenir"] if s.type == "CONSULT"]
    assert consult and all(s.reflexive for s in consult)
    # "renouer des liens": the determiner is not part of the pattern
    assert any(s.words == ("renouer", "liens") for s in lex.phrases["renouer"])


def test_word_key_contractions_and_apostrophes():
    assert word_key("du") == "de"
    assert word_key("Aux") == "à"
    assert word_key("d’") == "de"
    assert word_key("-il") == "il"
    assert word_key("Attaque") == "attaque"


def test_attribution_cues_present():
    lex = lexicon()
    for w in ("déclarer", "rapporter", "affirmer", "annoncer", "indiquer"):
        assert w in lex.report_verbs
    assert ("selon",) in lex.source_markers and ("cité", "par") in lex.source_markers
    assert {"nier", "démentir"} <= lex.deny_verbs
    assert lex.modal_verbs["menacer"] == "threatened" and lex.modal_verbs["prévoir"] == "planned"


def test_bad_lexicon_data_is_rejected_with_the_entry():
    attribution = load_yaml("attribution_fr.yaml")
    with pytest.raises(LexiconError, match="PLOVER type"):
        build({"types": {"PUNCH": {"verbs": ["frapper"]}}}, attribution)
    with pytest.raises(LexiconError, match="embed"):
        build({"types": {"ASSAULT": {"verbs": [{"lemma": "frapper", "embed": "swallow"}]}}}, attribution)
    with pytest.raises(LexiconError, match="lemma"):
        build({"types": {"ASSAULT": {"verbs": [{"mode": "drone"}]}}}, attribution)
    with pytest.raises(LexiconError, match="modality"):
        build({"types": {"REQUEST": {"verbs": [{"lemma": "appeler", "modality": "maybe"}]}}}, attribution)


def test_lexicon_is_compiled_once():
    assert lexicon() is lexicon()
