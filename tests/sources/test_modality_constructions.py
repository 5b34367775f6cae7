"""Modality constructions of eval/CODING.md 4.1, 4.5 and section 9, each on sentences in two outlet styles.

The French sentences here are written for these tests: the people, places and acts are invented or
are not reports of what the people or organisations named said or did.
"""

from __future__ import annotations

import pytest

from tests.records import describe, find_events, one_event


# --- reported-selon: a "selon X" inside a clause describing a noun attributes that clause only ------------
@pytest.mark.parametrize("text, etype, actor", [
    # wire style
    ("Les forces armées valdoriennes ont saisi dimanche en mer le pétrolier Aurora, lié selon elles "
     "à un armateur lusavien.", "COERCE", "Valdor"),
    # regional daily style
    ("La maire de Saint-Aubin a démenti jeudi les informations d'un hebdomadaire selon lesquelles elle "
     "aurait fait pression sur la police.", "REJECT", None),
])
def test_selon_in_a_noun_clause_does_not_attribute_the_sentence(article, text, etype, actor):
    rec = article(text)
    evs = find_events(rec, etype, actor)
    assert evs and all(e.modality == "asserted" for e in evs), describe(rec)


@pytest.mark.parametrize("text", [
    "Selon l'agence Reuters, la Russie a bombardé Kharkiv dans la nuit.",
    "La Russie a bombardé Kharkiv dans la nuit, selon des responsables ukrainiens.",
])
def test_selon_on_the_sentence_attributes_it(article, text):
    rec = article(text)
    assert one_event(rec, "ASSAULT", "Russie", "Kharkiv").modality == "reported", describe(rec)
