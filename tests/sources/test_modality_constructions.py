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


# --- asserted: what a quotation's speaker said is not carried to the outlet's next sentence ---------------
@pytest.mark.parametrize("text, etype, actor", [
    # quote-incise, regional daily style
    ("Des centaines de manifestants ont défilé mardi à Fond-Vert. « Nous ne voulons plus de ce maire », a lancé "
     "Paul Désir, un enseignant. La police a dispersé les manifestants à coups de gaz lacrymogène.",
     "COERCE", "police"),
    # quote-colon, Levant daily style
    ("Une cinquantaine d'épargnants ont manifesté lundi devant le siège de la Banque Méridienne. Leur président, "
     "Georges Nader, a déclaré : « Nous ne partirons pas sans nos économies. » Les Forces de sécurité intérieure "
     "ont interpellé deux manifestants.", "COERCE", "Forces de sécurité"),
])
def test_a_quotation_does_not_attribute_the_next_sentence(article, text, etype, actor):
    rec = article(text)
    evs = find_events(rec, etype, actor)
    assert evs and all(e.modality == "asserted" for e in evs), describe(rec)


# --- asserted: "X affirme avoir ..." tells of X's own act, not of what someone else does next -------------
@pytest.mark.parametrize("text, etype, actor", [
    # international TV style
    ("L'armée valdorienne affirme avoir intercepté la quasi-totalité des drones. Le président lusavien, "
     "Marc Tellier, a condamné l'attaque et réuni son gouvernement dimanche.", "CONSULT", "Tellier"),
    # wire style
    ("La milice des Fils de l'Ardanie a annoncé avoir abattu un hélicoptère de l'armée. Le gouvernement "
     "valdorien a rappelé son ambassadeur en Lusavie.", "SANCTION", "gouvernement"),
])
def test_a_self_claim_does_not_attribute_others_acts(article, text, etype, actor):
    rec = article(text)
    evs = find_events(rec, etype, actor)
    assert evs and all(e.modality == "asserted" for e in evs), describe(rec)


def test_reported_speech_still_carries_on(article):
    rec = article("Le porte-parole de la présidence, Jean Morel, a indiqué que la Valdorie avait bombardé Kessa. "
                  "Elle a aussi frappé Lunel mardi.")
    assert one_event(rec, "ASSAULT", "Valdorie", "Lunel").modality == "reported", describe(rec)


# --- planned: a conditional under a past verb of saying is a future seen from the past ---------------------
@pytest.mark.parametrize("text", [
    # evening daily style
    "Le premier ministre lusavien, Tomas Vedrin, a annoncé dans la nuit du 11 au 12 mars qu'il démissionnerait "
    "dès l'installation d'un conseil de transition.",
    # international radio style
    "Bloqué à l'étranger depuis plusieurs jours, le Premier ministre lusavien Tomas Vedrin a annoncé dans la nuit "
    "de lundi à mardi qu'il démissionnerait.",
])
def test_resignation_announced_under_a_verb_of_saying_is_planned(article, text):
    rec = article(text)
    evs = find_events(rec, "RETREAT", "Vedrin")
    assert evs and all(e.modality == "planned" for e in evs), describe(rec)


def test_hearsay_conditional_stays_reported(article):
    rec = article("Le chef de la milice aurait quitté la capitale, selon des témoins. L'armée aurait bombardé la ville de Kessa.")
    assert one_event(rec, "ASSAULT", "armée").modality == "reported", describe(rec)


# --- asserted: a decision announced by the one who takes it; claimed: "a annoncé avoir", "a revendiqué" ----
@pytest.mark.parametrize("text, etype, actor", [
    # pan-African weekly style
    ("La Valdorie a annoncé mardi la rupture de ses relations diplomatiques avec la Lusavie, qu'elle accuse "
     "d'actions hostiles.", "SANCTION", "Valdorie"),
    # Paris daily style
    ("Le ministère des Affaires étrangères a annoncé lundi la convocation de l'ambassadeur de Lusavie, "
     "Marc Tellier.", "ACCUSE", "ministère"),
])
def test_a_decision_announced_is_asserted(article, text, etype, actor):
    rec = article(text)
    evs = find_events(rec, etype, actor)
    assert evs and all(e.modality == "asserted" for e in evs), describe(rec)


def test_an_attack_announced_stays_claimed(article):
    rec = article("Le Hezbollah a revendiqué l'attaque contre la base de Nahal Oz.")
    assert one_event(rec, "ASSAULT", "Hezbollah").modality == "claimed", describe(rec)


# --- negation: an act the outlet says did not happen is no event; a denial needs a denier -----------------
@pytest.mark.parametrize("text, etype", [
    # Belgian daily style
    ("Aucune majorité ne se dessine au conseil communal, et le bourgmestre sortant, Michel Delvaux, n'a encore "
     "rencontré aucun des autres chefs de file.", "CONSULT"),
    # evening daily style
    ("Aucune des médiations successives, de Djedda à Manama, n'a produit de cessez-le-feu durable, et l'armée "
     "valdorienne n'a pas riposté aux tirs de la milice.", "ASSAULT"),
])
def test_negated_by_the_outlet_is_no_event(article, text, etype):
    rec = article(text)
    assert not find_events(rec, etype), describe(rec)


@pytest.mark.parametrize("text", [
    "« Nous n'avons jamais attaqué la ville de Kessa », a déclaré le porte-parole de la milice, Jean Morel.",
    "Le chef de la milice, Jean Morel, a affirmé mardi que la milice n'avait pas attaqué la ville de Kessa.",
])
def test_negated_by_someone_in_the_text_is_denied(article, text):
    rec = article(text)
    evs = find_events(rec, "ASSAULT")
    assert evs and all(e.modality == "denied" for e in evs), describe(rec)


# --- hypothetical, question: what no one in the text asserts is no event (CODING.md 4.1, 5) ----------------
@pytest.mark.parametrize("text, etype", [
    # evening daily style ("selon nos informations" is the outlet's own)
    ("Selon nos informations, la Commission pourrait lâcher du lest dès la semaine prochaine et débloquer "
     "l'aide à la Lusavie.", "CONCEDE"),
    # Paris daily style: a rhetorical question
    ("Faut-il sanctionner la Valdorie pour ses frappes contre la Lusavie ?", "SANCTION"),
])
def test_hypothetical_no_one_asserts_is_no_event(article, text, etype):
    rec = article(text)
    assert not find_events(rec, etype), describe(rec)


# --- reported-speech: an inverted speaker the parser took for an object, named or not ----------------------
@pytest.mark.parametrize("text, etype", [
    # Congolese radio style
    ("Le Soudan et le Tchad ont convenu d'un cessez-le-feu qui doit entrer en vigueur le 4 août à minuit, "
     "a annoncé mardi la présidence angolaise, à l'issue d'une réunion ministérielle.", "AGREE"),
    # Chinese agency style
    ("Le Soudan et le Tchad ont signé un accord de paix à Kunming, a annoncé vendredi la porte-parole "
     "de la diplomatie chinoise.", "AGREE"),
])
def test_inverted_speaker_without_a_name_reports(article, text, etype):
    rec = article(text)
    evs = find_events(rec, etype, "Soudan")
    assert evs and all(e.modality == "reported" for e in evs), describe(rec)
