"""Each of the sixteen PLOVER types, and their modes, from French sentences."""

# The French sentences here are written for these tests: the statements and quotations are invented
# and are not reports of what the people or organisations named said or did.


from __future__ import annotations

import pytest

from tests.records import describe, find_events, names, one_event

CASES = [
    # (sentence, type, actor, recipient, mode)
    ("L'Iran a accepté de reprendre les négociations avec les États-Unis.", "AGREE", "Iran", "États-Unis", None),
    ("Emmanuel Macron s'est entretenu au téléphone avec Vladimir Poutine.", "CONSULT", "Macron", "Poutine",
     "phone"),
    ("Le président Joe Biden a salué le courage de Volodymyr Zelensky.", "SUPPORT", "Biden", "Zelensky", None),
    ("L'Égypte a levé l'état d'urgence dans le Sinaï.", "CONCEDE", "Égypte", None, None),
    ("La Jordanie coopère avec l'Égypte dans la lutte contre le terrorisme.", "COOPERATE", "Jordanie", "Égypte",
     None),
    ("Le Qatar a fourni une aide humanitaire à la population de Gaza.", "AID", "Qatar", "Gaza", "humanitarian"),
    ("La Russie a retiré ses troupes de la région de Kiev.", "RETREAT", "Russie", None, "withdraw"),
    ("L'Union européenne a demandé à l'Iran de libérer les prisonniers.", "REQUEST", "Union européenne", "Iran",
     "yield"),
    ("L'Iran a accusé Israël d'avoir assassiné le scientifique Mohsen Fakhrizadeh.", "ACCUSE", "Iran", "Israël",
     "allege"),
    ("Le Hezbollah a rejeté la proposition de trêve présentée par la France.", "REJECT", "Hezbollah", "France",
     None),
    ("Le Hezbollah a menacé de frapper Tel-Aviv.", "THREATEN", "Hezbollah", "Tel Aviv", "violence"),
    ("Des milliers de partisans du Hezbollah ont manifesté à Beyrouth contre Israël.", "PROTEST", "Hezbollah",
     "Israël", "demo"),
    ("Les États-Unis ont imposé de nouvelles sanctions contre la Russie.", "SANCTION", "États-Unis", "Russie",
     "discontinue"),
    ("La Russie a déployé des milliers de soldats à la frontière avec l'Ukraine.", "MOBILIZE", "Russie", None,
     "troops"),
    ("L'Iran a arrêté la militante Narges Mohammadi.", "COERCE", "Iran", "Mohammadi", "arrest"),
    ("Mardi, Israël a bombardé la bande de Gaza.", "ASSAULT", "Israël", "Gaza", None),
]


@pytest.mark.parametrize(("sentence", "etype", "actor", "recipient", "mode"), CASES,
                         ids=[c[1] for c in CASES])
def test_each_plover_type(article, sentence, etype, actor, recipient, mode):
    rec = article(sentence)
    ev = one_event(rec, etype, actor, recipient)
    if mode:
        assert ev.mode == mode, describe(rec)


@pytest.mark.parametrize(("sentence", "etype", "mode"), [
    ("Des roquettes ont été tirées par le Hamas sur Ashkelon.", "ASSAULT", "heavy-weapons"),
    ("Le Hezbollah a lancé une attaque de drones contre Haïfa.", "ASSAULT", "drone"),
    ("Le Hezbollah a ouvert le feu sur une patrouille près de Metoula.", "ASSAULT", "firearms"),
    ("Antony Blinken a effectué une visite à Riyad.", "CONSULT", "visit"),
    ("La Turquie a envoyé des renforts militaires en Syrie.", "MOBILIZE", "troops"),
    ("Le Maroc a rompu ses relations diplomatiques avec l'Algérie.", "SANCTION", "discontinue"),
    ("Le Parlement européen a ouvert une enquête sur le Qatar.", "ACCUSE", "investigate"),
])
def test_modes(article, sentence, etype, mode):
    rec = article(sentence)
    ev = one_event(rec, etype)
    assert ev.mode == mode, describe(rec)


@pytest.mark.parametrize("sentence", [
    "Le ministre a tiré les leçons de la crise avec la Jordanie.",
    "La crise a frappé l'économie du Liban.",
    "Le Liban a organisé une conférence de presse à Beyrouth.",
    "La France a mis en place une aide à l'Égypte avec l'aide de l'Union européenne.",
])
def test_not_events(article, sentence):
    rec = article(sentence)
    assert not [e for e in rec.events if e.type in ("ASSAULT", "CONSULT")], describe(rec)


def test_words_inside_names_are_not_triggers(article):
    rec = article("L'Opération Bouclier du Nord a été évoquée par Benyamin Netanyahou à Jérusalem.")
    assert all(e.trigger is None or "Bouclier" not in e.trigger.text for e in rec.events)


# --- trigger families (sentences written for these tests) --------------------------------------------------


def test_halting_own_operations_is_retreat(article):
    rec = article("Le groupe armé Ansar al-Jabal a annoncé la suspension de ses opérations contre l'armée malienne.")
    assert find_events(rec, "RETREAT"), describe(rec)


def test_reopening_border_posts_is_retreat(article):
    rec = article("Le Bénin a rouvert mardi deux postes frontières avec le Niger.")
    assert find_events(rec, "RETREAT", "Bénin"), describe(rec)


def test_seizing_a_ship_is_coerce(article):
    rec = article("La Grèce accuse l'Iran de piraterie. Les garde-côtes iraniens se sont emparés d'un pétrolier "
                  "grec dans le golfe d'Oman.")
    assert find_events(rec, "COERCE"), describe(rec)


def test_dissolving_a_group_is_coerce_and_its_threat(article):
    rec = article("Le ministre de l'Intérieur, Paul Marchal, a menacé de dissoudre le collectif Terre Libre.")
    one_event(rec, "THREATEN", "Marchal")


def test_blowing_up_is_assault(article):
    rec = article("Des combattants de l'État islamique ont fait sauter un pont près de Raqqa.")
    assert find_events(rec, "ASSAULT"), describe(rec)


def test_regret_is_accuse(article):
    rec = article("Le secrétaire général de l'ONU, Antonio Guterres, a vivement regretté la décision de la Hongrie.")
    one_event(rec, "ACCUSE", "Guterres")


def test_ending_participation_is_sanction(article):
    rec = article("La Pologne a annoncé la fin de sa participation au programme européen de défense.")
    one_event(rec, "SANCTION", "Pologne")


def test_expulsion_genitive_is_the_expelled(article):
    rec = article("Le gouvernement malien a ordonné l'expulsion de l'ONG Action Sahel.")
    ev = one_event(rec, "COERCE", recipient="Action Sahel")
    assert "Action Sahel" not in " ".join(names(rec, ev.actors)), describe(rec)


def test_food_distribution_is_aid(article):
    rec = article("Le Programme alimentaire mondial a repris ses distributions alimentaires à Goma.")
    assert find_events(rec, "AID"), describe(rec)


def test_crowd_protest_with_a_place_is_kept(article):
    rec = article("Des milliers de personnes ont manifesté dimanche à Toulouse contre la réforme des retraites.")
    assert find_events(rec, "PROTEST"), describe(rec)


def test_anonymous_arrests_with_a_source_are_kept(article):
    rec = article("Selon l'agence Reuters, 57 personnes ont été interpellées en marge du cortège à Bordeaux.")
    assert find_events(rec, "COERCE"), describe(rec)


def test_unnamed_event_in_a_quotation_is_not_kept(article):
    rec = article("« C'est ce rassemblement qu'il faut interdire », a déclaré la maire de Nantes, Johanna Rolland.")
    assert not [e for e in rec.events if not e.actors and not e.recipients], describe(rec)


def test_summoning_an_envoy_names_his_state_as_recipient(article):
    rec = article("Le ministre serbe Ivica Dačić a annoncé la convocation de l'ambassadeur de Croatie à Belgrade.")
    ev = one_event(rec, "ACCUSE", recipient="Croatie")
    assert "Croatie" not in " ".join(names(rec, ev.actors)), describe(rec)
