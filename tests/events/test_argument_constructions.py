"""Argument constructions of CODING.md section 9, each on passages in two outlet styles written for these tests."""

from __future__ import annotations

import pytest

from tests.records import describe, find_events, names


@pytest.mark.parametrize("body", [
    # wire dispatch
    "NIAMEY, 16 septembre (AFP) - Le Mali et le Burkina Faso ont signé samedi à Niamey un pacte de défense mutuelle.",
    # public radio
    "La Côte d'Ivoire et le Ghana ont signé lundi à Abidjan un accord sur la sécurité de leur frontière, a-t-on appris.",
])
def test_coordinated_subject_of_an_agreement_is_both_sides(article, body):
    """`coordinated-subject`: "X et Y ont signé": X acts, Y is the other party; the town is where, not with whom."""
    rec = article(body)
    ev = find_events(rec, "AGREE")
    assert ev, describe(rec)
    parties = names(rec, ev[0].actors) + names(rec, ev[0].recipients)
    assert len(ev[0].actors) == 1 and len(parties) == 2, describe(rec)
    assert not any(p in ("Niamey", "Abidjan") for p in parties), describe(rec)


@pytest.mark.parametrize("body, speaker, accused", [
    ("« Ce gouvernement a vendu nos forêts aux étrangers », a accusé dimanche le chef de l'opposition, "
     "Tomas Ilievski, devant ses partisans.", "Ilievski", "gouvernement"),
    ("« La police a tiré sans sommation », a accusé mardi la militante Awa Diallo devant la presse à Dakar.",
     "Diallo", "police"),
])
def test_inverted_reporting_clause_accuser_speaks_and_quote_subject_is_accused(article, body, speaker, accused):
    """`inverted-reporting`: the subject set after the quotation accuses; the quotation's subject is accused."""
    rec = article(body)
    ev = find_events(rec, "ACCUSE", speaker)
    assert ev, describe(rec)
    assert any(accused in n for n in names(rec, ev[0].recipients)), describe(rec)
