"""The French trigger lexicon loads, covers every PLOVER type, and rejects malformed data clearly."""

from __future__ import annotations

import pytest

from selon.events.lexicon import build, event_lexicon
from selon.parse.lexicon import LexiconError
from selon.record import EVENT_TYPES, MODALITIES


def test_every_plover_type_has_verbs_and_nouns():
    lex = event_lexicon()
    for etype in EVENT_TYPES:
        verbs = [s for specs in lex.verbs.values() for s in specs if s.type == etype]
        nouns = [s for specs in lex.nouns.values() for s in specs if s.type == etype]
        assert len(verbs) >= 5, f"{etype}: only {len(verbs)} verbs"
        assert len(nouns) >= 3, f"{etype}: only {len(nouns)} nouns"


def test_types_broadly_covered():
    lex = event_lexicon()
    total = sum(len(v) for v in lex.verbs.values()) + sum(len(v) for v in lex.nouns.values()) + \
        sum(len(v) for v in lex.phrases.values())
    assert total > 400


def test_modes_and_modalities_are_known_values():
    lex = event_lexicon()
    for specs in [*lex.verbs.values(), *lex.nouns.values(), *lex.phrases.values()]:
        for s in specs:
            assert s.modality is None or s.modality in MODALITIES
            assert s.mode is None or (s.mode and s.mode == s.mode.lower())


def test_reflexive_phrase_and_determiners_are_normalised():
    lex = event_lexicon()
    consult = [s for s in lex.phrases["entretenir"] if s.type == "CONSULT"]
    assert consult and all(s.reflexive for s in consult)
    # "renouer des liens": the determiner is not part of the pattern
    assert any(s.words == ("renouer", "liens") for s in lex.phrases["renouer"])


def test_bad_lexicon_data_is_rejected_with_the_entry():
    with pytest.raises(LexiconError, match="PLOVER type"):
        build({"types": {"PUNCH": {"verbs": ["frapper"]}}})
    with pytest.raises(LexiconError, match="embed"):
        build({"types": {"ASSAULT": {"verbs": [{"lemma": "frapper", "embed": "swallow"}]}}})
    with pytest.raises(LexiconError, match="lemma"):
        build({"types": {"ASSAULT": {"verbs": [{"mode": "drone"}]}}})
    with pytest.raises(LexiconError, match="modality"):
        build({"types": {"REQUEST": {"verbs": [{"lemma": "appeler", "modality": "maybe"}]}}})


def test_lexicon_is_compiled_once():
    assert event_lexicon() is event_lexicon()
