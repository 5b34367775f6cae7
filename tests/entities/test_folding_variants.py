"""Folding rules for names the KB does not know, on French articles written for these tests."""

import pytest

from selon.entities import normalize as nz
from selon.entities.resolve import _acronym_of

VALMERIE = """Valmérie : victoire du RV aux législatives, une liste RV conduite par Petra Solvik

Le Renouveau valmérien (RV) a remporté dimanche les élections législatives en Valmérie, devant l'Alliance \
des démocrates de la Baltique (ADB). La Valmérie a aussitôt rappelé son ambassadeur à Brenna. Valmérie a \
dénoncé « une ingérence », a rapporté le quotidien Brenna Posten.

Le chef de la diplomatie, Nasser Hamdouni, a réuni les ambassadeurs. La Communauté économique des États de la \
Baltique a salué le scrutin ; la CEDEB enverra des observateurs. Le porte-parole Youssef al-Chourafi a \
confirmé la date ; M. al-Shurafi a précisé que Petra Solvik serait reçue lundi.
"""


@pytest.fixture(scope="module")
def valmerie(extract):
    return extract(VALMERIE)


def names(rec, text):
    return [e for e in rec.entities if text == e.name or text in e.aliases or text in {m.text for m in e.mentions}]


def test_a_defined_two_letter_acronym_takes_its_earlier_and_later_uses(valmerie):
    (rv,) = names(valmerie, "Renouveau valmérien")
    assert names(valmerie, "RV") == [rv]
    assert len([m for m in rv.mentions if m.text == "RV"]) == 3  # title, definition, "liste RV conduite"
    assert not [e for e in valmerie.entities if "conduite" in e.name]


def test_same_unknown_name_typed_two_ways_is_one_actor(valmerie):
    assert len(names(valmerie, "Valmérie")) == 1


def test_acronym_keeping_a_function_word_letter(valmerie):
    (body,) = names(valmerie, "Communauté économique des États de la Baltique")
    assert names(valmerie, "CEDEB") == [body]


def test_a_place_is_not_the_body_it_starts(valmerie):
    (paper,) = names(valmerie, "Brenna Posten")
    assert "Brenna" not in paper.aliases


def test_a_town_of_the_dictionaries_that_is_a_given_name(valmerie):
    (person,) = names(valmerie, "Nasser Hamdouni")
    assert person.type == "PERSON"
    assert not [e for e in valmerie.entities if e.name == "Nasser"]


def test_surname_transliterated_with_ou_or_u(valmerie):
    (spokesman,) = names(valmerie, "Youssef al-Chourafi")
    assert names(valmerie, "M. al-Shurafi") == [spokesman]


def test_acronym_fits_with_and_without_function_word_letters():
    long = "Communauté économique des États de l'Afrique centrale"
    assert nz.acronym_fits("CEEAC", long) and nz.acronym_fits("CEDEAC", long)
    assert not nz.acronym_fits("CEAC", long)  # every content word gives its letter
    assert _acronym_of("Cééac", long, nz.content_words(nz.words(long)))  # written as a word
    assert not _acronym_of("Céa", "Centre européen", ["centre", "europeen"])


CAPITALS = """Péninsule ibérique : Madrid et Lisbonne signent un accord sur le partage du Tage

L'Espagne et le Portugal ont signé lundi un accord sur le débit du fleuve, après deux ans de négociations.

À Rome, le porte-parole de la présidence du Conseil a salué « un modèle pour l'Europe ». L'Italie \
souhaite un accord semblable avec la Suisse.

À Berne, le porte-parole du Parti socialiste suisse a critiqué un texte « trop vague ». Berne est une \
ville paisible, où les manifestations sont rares.
"""


@pytest.fixture(scope="module")
def capitals(extract):
    return extract(CAPITALS)


def test_capitals_before_a_verb_in_a_headline_are_their_states(capitals):
    (spain,) = names(capitals, "Espagne")
    (portugal,) = names(capitals, "Portugal")
    assert names(capitals, "Madrid") == [spain] and names(capitals, "Lisbonne") == [portugal]


def test_capital_opening_a_sentence_before_its_government_is_the_state(capitals):
    (italy,) = names(capitals, "Italie")
    assert names(capitals, "Rome") == [italy]


def test_capital_before_another_body_or_described_stays_a_place(capitals):
    (switzerland,) = names(capitals, "Suisse")
    assert switzerland not in names(capitals, "Berne")


def test_ministry_named_with_a_lower_case_head_is_a_body(extract):
    rec = extract("Exercices militaires en mer Égée\n\nLes manœuvres ont duré trois jours. Le ministère de "
                  "l'Intérieur a convoqué les préfets, tandis que les ministres des Affaires étrangères se "
                  "réunissaient à Genève.\n")
    (interior,) = names(rec, "ministère de l'Intérieur")
    assert interior.type == "ORG" and interior.kb_id is None
    assert not [e for e in rec.entities if e.name.startswith("ministres")]  # a role, not a body


def test_capitalised_article_inside_a_sentence_opens_a_party_name(extract):
    rec = extract("Réactions après le vote\n\nAprès le vote, La France insoumise et le Parti socialiste ont "
                  "réagi. La France a voté le texte, qui entrera en vigueur en France en mars.\n")
    (party,) = names(rec, "La France insoumise")
    assert party.type == "ORG" and party.kb_id is None
    (france,) = names(rec, "France")
    assert france is not party and france.kb_id == "Q142"
