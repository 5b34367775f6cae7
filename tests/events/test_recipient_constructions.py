"""Recipient constructions (CODING.md section 9): whom a refusal, a delivery, a sanction or a reaction is aimed at.

Each construction is tested on passages written for these tests in two outlet styles, with a case the
rule must leave alone.
"""

from __future__ import annotations

import pytest

from tests.records import describe, find_events, has, names


@pytest.mark.parametrize("body, denier, accuser", [
    # public radio: the accusation, then the rejection of "ces accusations"
    ("L'armée israélienne accuse le Hezbollah d'avoir tiré des roquettes sur la Galilée. "
     "Le Hezbollah a rejeté ces accusations.", "Hezbollah", "israélienne"),
    # wire dispatch: the denial in the same sentence, after "et"
    ("KINSHASA, 3 mars (Reuters) - Le gouvernement congolais accuse le Rwanda de soutenir les rebelles, "
     "et le Rwanda nie tout soutien.", "Rwanda", "congolais"),
])
def test_a_denial_answers_whoever_made_the_accusation(article, body, denier, accuser):
    """`denial`: "X accuse Y de ...; Y a rejeté ces accusations" -- the rejection is aimed at X."""
    rec = article(body)
    ev = find_events(rec, "REJECT", denier)
    assert ev, describe(rec)
    assert any(accuser in n for n in names(rec, ev[0].recipients)), describe(rec)


def test_a_denial_with_no_accusation_before_it_names_no_recipient(article):
    """`denial`: with nobody accusing the denier, the rule invents no recipient."""
    rec = article("Le Hamas a libéré vendredi deux otages. Le Hezbollah a démenti toute implication.")
    for ev in find_events(rec, "REJECT", "Hezbollah"):
        assert not has(names(rec, ev.recipients), "Hamas"), describe(rec)


@pytest.mark.parametrize("body, giver, receiver", [
    # Belgian agency: the parser hangs "à l'Ukraine" on the object's last noun
    ("BRUXELLES (Belga) - La Belgique livrera trente avions de combat F-16 à l'Ukraine d'ici 2028.",
     "Belgique", "Ukraine"),
    # regional daily
    ("Le Japon a fourni des générateurs de secours de grande puissance à la Moldavie, a indiqué Tokyo.",
     "Japon", "Moldavie"),
])
def test_dative_inside_the_object_is_who_receives(article, body, giver, receiver):
    """`dative-object`: "livrer des avions de combat à X" -- X receives, wherever the parser hung it."""
    rec = article(body)
    ev = find_events(rec, "AID", giver)
    assert ev, describe(rec)
    assert has(names(rec, ev[0].recipients), receiver), describe(rec)


def test_a_town_inside_the_object_is_not_who_receives(article):
    """`dative-object`: "à Bamako" is where the aid arrives, not a party to it."""
    rec = article("La France a livré des vivres et des médicaments à Bamako, selon l'ambassade.")
    for ev in find_events(rec, "AID", "France"):
        assert not has(names(rec, ev.recipients), "Bamako"), describe(rec)


@pytest.mark.parametrize("body, sanctioner, target", [
    # public broadcaster (Canada)
    ("Le Canada a imposé des sanctions à l'ancien président Jovenel Marcelin, accusé de financer des gangs.",
     "Canada", "Marcelin"),
    # national daily
    ("L'Union européenne a infligé de nouvelles sanctions à la Biélorussie, a annoncé Bruxelles mardi.",
     "Union européenne", "Biélorussie"),
])
def test_light_verb_with_a_dative_names_the_target(article, body, sanctioner, target):
    """`light-verb`: "imposer des sanctions à X" -- the dative of the carrying verb is the target."""
    rec = article(body)
    ev = find_events(rec, "SANCTION", sanctioner)
    assert ev, describe(rec)
    assert has(names(rec, ev[0].recipients), target), describe(rec)


@pytest.mark.parametrize("body, reactor, actor", [
    # national daily: the judgement in quotation marks
    ("La Chine a lancé jeudi de vastes manœuvres militaires autour de Taïwan. "
     "Taipei a dénoncé une « provocation irrationnelle ».", "Taïwan", "Chine"),
    # regional daily (Lebanon)
    ("La Turquie a fermé son espace aérien aux avions arméniens. Erevan a condamné une « agression ».",
     "Arménie", "Turquie"),
])
def test_reaction_by_a_judgement_noun_is_aimed_at_the_act_before(article, body, reactor, actor):
    """`criticism`: "X a dénoncé une « provocation »" -- the judged act is the one just told, its actor the target."""
    rec = article(body)
    evs = [e for e in rec.events if e.type == "ACCUSE" and has(names(rec, e.actors), reactor)]
    assert evs and any(actor in n for e in evs for n in names(rec, e.recipients)), describe(rec)
