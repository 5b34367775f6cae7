"""Groups named by a common noun (CODING.md section 3, `agent-noun`): each construction in two outlet styles.

The passages are written for these tests, in the manner of a wire dispatch and of a radio or
regional item; the people and places are real or invented as the construction needs.
"""

from __future__ import annotations

import pytest

from selon.entities import normalize as nz
from selon.entities.agents import agent_table
from selon.record import Record
from tests.records import describe, find_events, names


def entity(rec: Record, mention: str):
    """The entity one of whose mentions reads ``mention`` exactly."""
    for e in rec.entities:
        if any(m.text == mention for m in e.mentions):
            return e
    raise AssertionError(f"no entity with the mention {mention!r}: {[(e.name, [m.text for m in e.mentions]) for e in rec.entities]}")


def test_table_covers_the_phoenix_classes_the_guide_names():
    forms = agent_table().forms
    for noun in ("junte", "putschistes", "rebelles", "manifestants", "armée", "police", "gouvernement", "syndicats"):
        assert tuple(nz.words(nz.fold(noun))) in forms, noun
    assert tuple(nz.words(nz.fold("forces de l'ordre"))) in forms
    assert forms[("policier",)][0] == "police"  # the other number of a listed noun
    assert forms[tuple(nz.words(nz.fold("régime")))] == ("government", True)  # only with its country


@pytest.mark.parametrize("body, mention, actor_type", [
    # wire dispatch: the junta acts
    ("NIAMEY, 3 août (AFP) - La junte a accusé mercredi la France de préparer une intervention militaire.",
     "junte", "ACCUSE"),
    # radio item: the protesters act
    ("Des milliers de manifestants ont défilé samedi dans les rues de Lyon contre la réforme, a-t-on appris.",
     "manifestants", "PROTEST"),
])
def test_group_noun_is_the_actor(article, body, mention, actor_type):
    rec = article(body)
    group = entity(rec, mention)
    assert group.type == "ORG" and group.kb_id is None
    assert any(group.id in ev.actors for ev in rec.events if ev.type == actor_type), describe(rec)


@pytest.mark.parametrize("body, mention, kb_id", [
    # national adjective in the phrase: the KB's generated army of the state
    ("BAMAKO, 12 mars (Reuters) - L'armée malienne a frappé lundi des positions près de Kidal.",
     "armée malienne", "selon:mil:ml"),
    # "de" + the state: the same
    ("Selon la radio nationale, les autorités du Mali ont fermé la frontière avec l'Algérie mardi.",
     "autorités", "selon:gov:ml"),
])
def test_state_sector_with_its_country_is_the_kb_actor(article, body, mention, kb_id):
    rec = article(body)
    assert entity(rec, mention).kb_id == kb_id, describe(rec)


@pytest.mark.parametrize("body", [
    "L'armée malienne a frappé lundi des positions près de Kidal. L'armée a ensuite annoncé un bilan.",
    "Les autorités maliennes ont fermé la frontière. Mardi, les autorités ont rouvert un poste.",
])
def test_bare_noun_joins_the_sector_named_earlier(article, body):
    rec = article(body)
    kb_ids = {e.kb_id for e in rec.entities if e.kb_id and e.kb_id.startswith(("selon:mil:", "selon:gov:"))}
    assert len(kb_ids) == 1, describe(rec)
    one = next(e for e in rec.entities if e.kb_id in kb_ids)
    assert len(one.mentions) == 2, [m.text for m in one.mentions]


@pytest.mark.parametrize("body, first, second", [
    ("PORT-AU-PRINCE, 4 mars (AFP) - Les gangs ont attaqué la prison. Les bandits ont libéré des détenus.",
     "gangs", "bandits"),
    ("À Rennes, les manifestants ont bloqué la rocade ; les protestataires ont ensuite rejoint la gare.",
     "manifestants", "protestataires"),
])
def test_synonyms_of_one_group_are_one_entity(article, body, first, second):
    rec = article(body)
    assert entity(rec, first).id == entity(rec, second).id


@pytest.mark.parametrize("body, named", [
    # the named body in the complement is the group: no entity of its own for "rebelles"
    ("GOMA, 27 janvier (AFP) - Les rebelles du M23 ont pris le contrôle de l'aéroport de Goma.", "M23"),
    ("Les combattants du Hezbollah ont tiré des roquettes sur le nord d'Israël, selon la radio publique.",
     "Hezbollah"),
])
def test_named_complement_is_the_group_itself(article, body, named):
    rec = article(body)
    assert not any(m.text in ("rebelles", "combattants") for e in rec.entities for m in e.mentions), describe(rec)
    assert find_events(rec, actor=named), describe(rec)


@pytest.mark.parametrize("body", [
    "Des drones ont visé la base militaire israélienne de Kissufim, a indiqué un communiqué.",
    "Le port de Hodeïda a été touché par une frappe, selon la télévision locale.",
])
def test_site_with_a_name_is_the_named_place(article, body):
    rec = article(body)
    assert not any(m.text.startswith(("base", "port")) for e in rec.entities for m in e.mentions), describe(rec)


@pytest.mark.parametrize("body", [
    "Une armée de bénévoles a nettoyé la plage dimanche, raconte le quotidien régional.",
    "Le régime a été critiqué, écrit l'éditorialiste, sans préciser lequel.",
])
def test_indefinite_or_unqualified_nouns_are_not_groups(article, body):
    rec = article(body)
    assert not any(m.text in ("armée", "régime") for e in rec.entities for m in e.mentions), describe(rec)


def test_several_states_in_the_complement_stay_states(article):
    rec = article("Les gouvernements du Tchad, du Cameroun et du Gabon ont dénoncé la décision.")
    ev = find_events(rec, "ACCUSE")
    assert ev and {"Tchad", "Cameroun", "Gabon"} <= set(names(rec, ev[0].actors)), describe(rec)


@pytest.mark.parametrize("body", [
    "Les salariés ont entamé lundi une grève illimitée. La direction a refusé toute discussion, rapporte France Bleu.",
    "UGINE, 3 mars (AFP) - La direction a démenti avoir fait appel à des vigiles contre les grévistes.",
])
def test_management_is_a_group(article, body):
    rec = article(body)
    assert entity(rec, "direction").type == "ORG"
    assert any(entity(rec, "direction").id in ev.actors for ev in rec.events), describe(rec)


def test_management_of_a_named_company_is_the_company(article):
    rec = article("La direction de Valorance dénonce une prise d'otage de l'outil de travail.")
    assert not any(m.text == "direction" for e in rec.entities for m in e.mentions), describe(rec)
