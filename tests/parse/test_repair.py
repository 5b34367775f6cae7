"""The parser repairs of selon_parse_repair, on sentences written for these tests (the model runs)."""

from __future__ import annotations

import pytest

from selon.nlp import load_pipeline
from tests.records import describe, find_events


@pytest.mark.parametrize("text, verb, infinitive", [
    ("Le Pakistan a affirmé mercredi avoir abattu deux avions de chasse indiens.", "affirmé", "abattu"),
    ("Les rebelles ont annoncé dimanche soir avoir pris le contrôle de la ville.", "annoncé", "pris"),
])
def test_infinitive_hung_on_a_time_word_goes_back_to_its_verb(text, verb, infinitive):
    doc = load_pipeline()(text)
    inf = next(t for t in doc if t.text == infinitive)
    assert inf.head.text == verb and inf.dep_ == "xcomp"


def test_time_word_with_its_own_complement_is_left_alone():
    doc = load_pipeline()("La réunion de mercredi a permis d'avancer, selon la presse locale.")
    assert all(t.head.lower_ != "mercredi" or t.dep_ != "xcomp" for t in doc)


@pytest.mark.parametrize("body, actor", [
    ("ISLAMABAD, 27 février (AFP) - Le Pakistan a affirmé mercredi avoir abattu deux avions de chasse indiens.",
     "Pakistan"),
    ("Les Forces de soutien rapide ont annoncé dimanche avoir attaqué la ville d'El-Obeid, rapporte la radio.",
     "Forces de soutien"),
])
def test_claimed_act_after_a_time_word_is_the_claimants(article, body, actor):
    """`reported-speech`: "X a affirmé mercredi avoir abattu ..." -- X's own act, claimed."""
    rec = article(body)
    ev = find_events(rec, "ASSAULT", actor)
    assert ev and ev[0].modality == "claimed", describe(rec)
