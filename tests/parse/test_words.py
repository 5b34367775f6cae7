"""Word keys and the shared word classes (the floor every stage compares words through)."""

from __future__ import annotations

from selon.parse.lexicon import word_lexicon
from selon.parse.words import dedupe, keys_of, sequences_of, word_key


def test_word_key_contractions_and_apostrophes():
    assert word_key("du") == "de"
    assert word_key("Aux") == "à"
    assert word_key("d’") == "de"
    assert word_key("-il") == "il"
    assert word_key("Attaque") == "attaque"


def test_keys_and_sequences_from_data_entries():
    assert keys_of(None) == frozenset()
    assert keys_of("Selon") == {"selon"}
    assert sequences_of(["d'après", "cité par", ""]) == (("de", "après"), ("cité", "par"))


def test_dedupe_keeps_first_seen_order_and_drops_empty_ids():
    assert dedupe(["e2", "", "e1", "e2"]) == ["e2", "e1"]


def test_shared_word_classes():
    lex = word_lexicon()
    for w in ("déclarer", "rapporter", "affirmer", "annoncer", "indiquer"):
        assert w in lex.report_verbs
    assert "ministre" in lex.role_nouns
    assert {"mener", "lancer"} <= lex.light_verb_words
