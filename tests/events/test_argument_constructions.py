"""Argument constructions of CODING.md section 9, each on passages in two outlet styles written for these tests."""

from __future__ import annotations

import pytest

from tests.records import describe, find_events, has, names


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


@pytest.mark.parametrize("body, reactor, actor", [
    # wire dispatch: the act, then the reaction naming it by its noun
    ("L'Iran a lancé dans la nuit plus de 300 drones contre Israël. Joe Biden a condamné l'attaque dimanche.",
     "Biden", "Iran"),
    # regional daily: a decision, then the regret
    ("Le Burundi a fermé jeudi sa frontière avec le Rwanda. Kigali a regretté une décision unilatérale.",
     "Rwanda", "Burundi"),
])
def test_reaction_to_an_act_named_by_a_noun_is_aimed_at_its_actor(article, body, reactor, actor):
    """`criticism`: "X a condamné l'attaque" -- the recipient is whoever did the act the noun points back to."""
    rec = article(body)
    evs = [e for e in rec.events if e.type in ("ACCUSE", "REJECT", "SUPPORT") and has(names(rec, e.actors), reactor)]
    assert evs and any(actor in n for e in evs for n in names(rec, e.recipients)), describe(rec)


@pytest.mark.parametrize("body, accuser, accused", [
    ("BUJUMBURA, 11 janvier (AFP) - Le Burundi a fermé sa frontière avec le Rwanda, qu'il accuse de soutenir "
     "les rebelles.", "Burundi", "Rwanda"),
    ("Les enquêteurs examinent des liens avec le gouvernement indien, que Justin Trudeau avait mis en cause "
     "à l'automne, rapporte Radio-Canada.", "Trudeau", "indien"),
])
def test_object_relative_after_a_comma_is_the_recipient(article, body, accuser, accused):
    """`genitive-patient`/relative: "le Rwanda, qu'il accuse de ..." -- the antecedent is who is accused."""
    rec = article(body)
    ev = find_events(rec, "ACCUSE", accuser)
    assert ev and any(accused in n for n in names(rec, ev[0].recipients)), describe(rec)


@pytest.mark.parametrize("body, denier, claimant", [
    ("GOMA, 1er mai (AFP) - Kinshasa accuse le Rwanda de soutenir le mouvement, ce que Kigali dément.",
     "Kigali", "Kinshasa"),
    ("L'opposition accuse le gouvernement d'avoir truqué le scrutin, ce que le Premier ministre Andrej Koval "
     "a démenti, a-t-on appris.", "Koval", "opposition"),
])
def test_denial_of_the_clause_before_is_aimed_at_who_claimed_it(article, body, denier, claimant):
    """`denial-of-report`: "..., ce que X dément" -- X denies what the actor of the clause before said."""
    rec = article(body)
    ev = find_events(rec, "REJECT", denier)
    assert ev and any(claimant.lower() in n.lower() for n in names(rec, ev[0].recipients)), describe(rec)


@pytest.mark.parametrize("body, first, second", [
    ("PARIS, 16 mai (AFP) - Emmanuel Macron s'est entretenu jeudi à l'Élysée avec le chancelier Olaf Scholz. "
     "Les deux dirigeants ont ensuite signé un accord sur l'énergie.", "Macron", "Scholz"),
    ("Le président Félix Tshisekedi a reçu lundi à Kinshasa son homologue angolais João Lourenço. Les deux hommes "
     "ont signé un accord sur la sécurité des frontières, selon la radio nationale.", "Tshisekedi", "Lourenço"),
])
def test_the_two_named_just_before_are_the_pair(article, body, first, second):
    """`coordinated-subject`: "les deux chefs d'État" are the two persons the sentence before names."""
    rec = article(body)
    evs = [e for e in find_events(rec, "AGREE") if has(names(rec, e.actors), first)]
    assert evs and has(names(rec, evs[0].recipients), second), describe(rec)


@pytest.mark.parametrize("body, actor", [
    ("NIAMEY, 22 décembre (Reuters) - Les derniers soldats français ont quitté le pays, a annoncé la junte au "
     "pouvoir, qui avait exigé leur départ.", "junte"),
    ("À Conakry, les manifestants ont fait face à la junte au pouvoir, qui a accusé la France d'ingérence, "
     "selon RFI.", "junte"),
])
def test_relative_after_a_set_phrase_is_about_the_noun_before_it(article, body, actor):
    """`apposition`: "la junte au pouvoir, qui avait exigé ...": the relative is the junta's, not "pouvoir"'s."""
    rec = article(body)
    assert any(has(names(rec, e.actors), actor) for e in rec.events if e.type in ("REQUEST", "ACCUSE")), describe(rec)
