"""Trigger coverage: the verbs, nouns and light-verb phrases of French news for each PLOVER type,
typed as eval/CODING.md 4.2 says (signing is AGREE, a release is CONCEDE)."""

# The French sentences here are written for these tests: the statements are invented
# and are not reports of what the people or organisations named said or did.

from __future__ import annotations

from tests.records import describe, find_events, one_event


def test_unlemmatized_present_tense_finds_its_infinitive(article):
    """ "réclame", "conteste": forms the lemmatizer leaves as they are still name their verb."""
    rec = article("La France réclame la libération immédiate de l'opposant Jean Mabiala.")
    one_event(rec, "REQUEST", "France")
    rec = article("Le Hamas conteste fermement ces accusations d'Israël.")
    one_event(rec, "REJECT", "Hamas")


def test_noun_used_with_a_copula_is_not_a_present_tense(article):
    """ "a été cible des attaques": "cible" is a noun, not "cibler" in the present."""
    rec = article("La base de Nevatim a été cible des attaques de drones lancées par le Hezbollah.")
    assert not [e for e in rec.events if e.trigger and e.trigger.text == "cible"], describe(rec)


def test_killed_during_the_night_is_assault(article):
    """ "a été tué dans la nuit": the time phrase with "dans" does not hide the killing."""
    rec = article("Le chef du Hamas, Ismaïl Haniyeh, a été tué dans la nuit à Téhéran par Israël.")
    assert find_events(rec, "ASSAULT"), describe(rec)


def test_signing_a_treaty_is_agree(article):
    """ "ont signé une charte / un traité": AGREE, not SUPPORT."""
    rec = article("Le Mali et le Niger ont signé samedi à Bamako une charte de défense commune.")
    one_event(rec, "AGREE", "Mali")
    assert not find_events(rec, "SUPPORT"), describe(rec)


def test_agreed_truce_is_agree(article):
    """ "un cessez-le-feu conclu / entré en vigueur": a ceasefire agreed."""
    rec = article("Le cessez-le-feu conclu entre Israël et le Hezbollah est entré en vigueur mercredi.")
    assert find_events(rec, "AGREE"), describe(rec)


def test_release_of_hostages_is_concede(article):
    """ "a libéré", "la libération de": a release is CONCEDE (CODING.md 4.2)."""
    rec = article("Le Hamas a libéré quatre otages à Rafah.")
    ev = one_event(rec, "CONCEDE", "Hamas")
    assert ev.mode == "release", describe(rec)
    rec = article("La Cedeao a exigé la libération immédiate du président Mohamed Bazoum.")
    assert find_events(rec, "REQUEST", "Cedeao"), describe(rec)


def test_handing_over_a_captive_is_concede(article):
    """ "a remis à l'Inde le pilote": the return of a person or property."""
    rec = article("Le Pakistan a remis vendredi à l'Inde le pilote capturé deux jours plus tôt.")
    one_event(rec, "CONCEDE", "Pakistan")


def test_retort_is_reject(article):
    """ "X a rétorqué que": a rebuff."""
    rec = article("Le ministre Hugues Lanternier a rétorqué que la loi serait appliquée.")
    one_event(rec, "REJECT", "Lanternier")


def test_quoted_warning_is_threaten(article):
    """ "a averti : « ... seront visées »": a warning with a quotation."""
    rec = article("Le chef de la milice, Koro Zemet, a averti dimanche : « Vos installations seront visées ».")
    one_event(rec, "THREATEN", "Zemet")


def test_host_receiving_a_delegation_is_consult(article):
    """ "a reçu une délégation": the host meets visitors who are not named."""
    rec = article("Le préfet Jean Dumas a reçu une délégation de la FNSEA en fin d'après-midi.")
    assert find_events(rec, "CONSULT"), describe(rec)


def test_customs_surtax_is_sanction(article):
    """ "a imposé une surtaxe de 100 %": a trade penalty."""
    rec = article("Le Canada a imposé une surtaxe de 100 % sur les véhicules électriques fabriqués en Chine.")
    one_event(rec, "SANCTION", "Canada")


def test_joint_force_is_cooperate(article):
    """ "des exercices conjoints", "une force conjointe": joint military action."""
    rec = article("Le Mali et le Niger ont lancé mardi des exercices conjoints à leur frontière.")
    ev = one_event(rec, "COOPERATE")
    assert ev.mode == "military", describe(rec)


def test_toppling_a_president_is_coerce(article):
    """ "avoir renversé le président": a coup."""
    rec = article("Des militaires ont annoncé avoir renversé le président Mohamed Bazoum au Niger.")
    assert find_events(rec, "COERCE", recipient="Bazoum"), describe(rec)


def test_delivering_fighter_jets_is_aid(article):
    """ "livrera trente avions F-16 à l'Ukraine": military aid."""
    rec = article("La Belgique livrera trente avions de combat F-16 à l'Ukraine d'ici 2028.")
    ev = one_event(rec, "AID", "Belgique")
    assert ev.mode == "military", describe(rec)


def test_judging_a_call_shameful_is_accuse(article):
    """ "a jugé « honteux » les appels de": a condemnation through a judgement word."""
    rec = article("Benyamin Netanyahou a jugé « honteux » les appels d'Emmanuel Macron.")
    one_event(rec, "ACCUSE", "Netanyahou")
