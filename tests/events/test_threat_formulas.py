"""Threats said without a threat verb ("ils paieront le prix fort", "la riposte sera sévère"): THREATEN,
made (asserted or reported, CODING.md 4.5: the future tense is what is threatened), the speaker of the statement as the one who threatens; and the look-alikes that are not threats."""

# The French sentences here are written for these tests: the statements and quotations are invented
# and are not reports of what the people or organisations named said or did.

from __future__ import annotations

import pytest

from tests.records import describe, find_events, names, one_event


def threat(rec, actor: str, recipient: str | None = None):
    ev = one_event(rec, "THREATEN", actor, recipient)
    assert ev.modality in ("asserted", "reported"), describe(rec)  # the threat was made (CODING.md 4.5)
    return ev


QUOTED = [
    ("« Ils paieront un lourd prix pour cette provocation », a déclaré le président turc Recep Tayyip Erdogan.",
     "Erdogan"),
    ("« Cette agression ne restera pas sans réponse », a affirmé le porte-parole du Hezbollah.", "Hezbollah"),
    ("« Ce crime ne restera pas impuni », a lancé le président syrien Bachar al-Assad.", "Assad"),
    ("« Nous riposterons au moment choisi », a prévenu le ministre iranien de la Défense, Aziz Nasirzadeh.",
     "Nasirzadeh"),
    ("« Notre riposte sera à la hauteur de l'affront », a déclaré le chef du Hamas, Yahya Sinwar.", "Sinwar|Sinouar"),
    ("« Les frappes se poursuivront tant que nos otages seront détenus », a averti Yoav Gallant.", "Gallant"),
    ("« Toutes les options sont sur la table », a répété Joe Biden devant la presse.", "Biden"),
    ("« Nous ne resterons pas les bras croisés face à ces provocations », a déclaré Kim Jong-un.", "Kim Jong"),
    ("« Ils recevront une réponse ferme et décisive », a assuré Vladimir Poutine.", "Poutine"),
    ("« Cette incursion ne restera ni sans réponse ni impunie », a déclaré le Premier ministre indien Narendra Modi.",
     "Modi"),
    ("« Les envahisseurs paieront un prix très élevé », a déclaré le président ukrainien Volodymyr Zelensky.",
     "Zelensky"),
    ("« Nos frappes contre les positions ennemies se poursuivront », a déclaré Yoav Gallant.", "Gallant"),
]


@pytest.mark.parametrize("text,speaker", QUOTED)
def test_formula_in_a_quotation_is_the_speakers_threat(article, text, speaker):
    threat(article(text), speaker)


REPORTED = [
    ("Le président russe Vladimir Poutine a assuré que cette attaque ne restera pas impunie.", "Poutine"),
    ("La riposte sera terrible, a déclaré l'armée iranienne dans un communiqué.", "iranienne"),
    ("Selon le Hamas, Israël paiera le prix fort pour ce massacre.", "Hamas"),
    ("Le Japon a averti jeudi que la Corée du Nord s'expose à de graves conséquences.", "Japon"),
]


@pytest.mark.parametrize("text,speaker", REPORTED)
def test_formula_in_reported_speech_is_the_speakers_threat(article, text, speaker):
    threat(article(text), speaker)


def test_the_subject_who_will_pay_is_the_one_threatened(article):
    rec = article("Selon le Hamas, Israël paiera le prix fort pour ce massacre.")
    ev = threat(rec, "Hamas", "Israël")
    assert not any("Israël" in n for n in names(rec, ev.actors)), describe(rec)


def test_exposed_to_reprisals(article):
    rec = article("La Corée du Nord s'expose à des représailles, a averti le gouvernement japonais.")
    threat(rec, "Japon", "Corée du Nord")


def test_legitimate_targets_named_by_nationality(article):
    rec = article("Washington a déployé deux porte-avions dans le Golfe. "
                  "Les Gardiens de la révolution considèrent désormais les bases américaines comme des cibles "
                  "légitimes.")
    threat(rec, "gardiens de la révolution", "États-Unis")


def test_legitimate_targets_without_a_named_target(article):
    rec = article("Le Hezbollah considère les navires de guerre comme des cibles légitimes.")
    ev = threat(rec, "Hezbollah")
    assert ev.recipients == [] or "Hezbollah" not in names(rec, ev.recipients)


def test_no_speaker_no_actor(article):
    """An unattributed "la riposte sera sévère" is nobody's threat rather than the wrong one's."""
    rec = article("La tension monte à la frontière. La riposte sera sévère.")
    assert not find_events(rec, "THREATEN"), describe(rec)


NOT_THREATS = [
    "Le prix du pétrole a augmenté de 3 % lundi à Londres.",
    "Le courrier des habitants est resté sans réponse de l'administration américaine.",
    "Les agriculteurs ont payé le prix du gel cette année, selon la FNSEA.",
    "L'armée israélienne a riposté lundi en frappant des positions au Liban.",
    "Pendant des mois, l'ONU est restée les bras croisés, selon Amnesty International.",
    "La riposte a été sévère, selon l'armée ukrainienne.",
    "Le ministre a présenté toutes les options au Parlement, selon Le Monde.",
    "Les négociations se poursuivront la semaine prochaine à Genève, selon l'ONU.",
    "Les frappes ont continué toute la nuit sur Gaza, selon le Hamas.",
    "Les civils ont payé un lourd tribut à la guerre, selon l'ONU.",
    "Le gouvernement a apporté une réponse ferme aux casseurs, selon le ministre de l'Intérieur Bruno Retailleau.",
    "L'Union européenne attend une réponse ferme de Pékin sur ce dossier.",
]


@pytest.mark.parametrize("text", NOT_THREATS)
def test_look_alikes_are_not_threats(article, text):
    rec = article(text)
    assert not find_events(rec, "THREATEN"), describe(rec)


def test_formula_under_negation_is_a_threat_not_a_denial(article):
    rec = article("« Ce crime ne restera pas impuni », a lancé le président syrien Bachar al-Assad.")
    assert all(e.modality != "denied" for e in find_events(rec, "THREATEN")), describe(rec)
