"""Sources (who says so, innermost first) and every modality."""

# The French sentences here are written for these tests: the statements and quotations are invented
# and are not reports of what the people or organisations named said or did.


from __future__ import annotations

import pytest

from tests.records import describe, find_events, names, one_event


def test_asserted(article):
    rec = article("Le Maroc a rompu ses relations diplomatiques avec l'Algérie.")
    ev = one_event(rec, "SANCTION", "Maroc", "Algérie")
    assert ev.modality == "asserted" and ev.sources == []


@pytest.mark.parametrize("text", [
    "Selon l'agence Reuters, la Russie a bombardé Kharkiv dans la nuit.",
    "La Russie a bombardé Kharkiv dans la nuit, a rapporté l'agence Reuters.",
    "Cité par Reuters, un responsable a indiqué que la Russie avait bombardé Kharkiv.",
    "D'après Reuters, la Russie a bombardé Kharkiv dans la nuit.",
])
def test_reported_with_named_source(article, text):
    rec = article(text)
    ev = one_event(rec, "ASSAULT", "Russie", "Kharkiv")
    assert ev.modality == "reported", describe(rec)
    assert "Reuters" in names(rec, ev.sources), describe(rec)


def test_reported_by_anonymous_sources(article):
    rec = article("Des sources ont déclaré que l'Iran avait livré des drones à la Russie.")
    ev = one_event(rec, "AID", "Iran", "Russie")
    assert ev.modality == "reported" and ev.sources == []


def test_sources_innermost_first(article):
    rec = article("Le Hezbollah a tiré des roquettes sur Israël, a rapporté l'agence Reuters, citant Naftali Bennett.")
    ev = one_event(rec, "ASSAULT", "Hezbollah", "Israël")
    srcs = names(rec, ev.sources)
    assert ev.modality == "reported"
    assert "Reuters" in srcs[-1], describe(rec)
    if len(srcs) > 1:
        assert "Bennett" in srcs[0]


def test_speaker_of_reported_speech_is_the_source(article):
    rec = article("Antony Blinken a déclaré que la Russie avait attaqué Kiev avec des missiles.")
    ev = one_event(rec, "ASSAULT", "Russie", "Kiev")
    assert ev.modality == "reported" and names(rec, ev.sources)[0].endswith("Blinken")


def test_attribution_carries_on_in_the_paragraph(article):
    rec = article("Selon Reuters, la Russie a bombardé Kharkiv lundi. Elle a aussi frappé Odessa mardi.")
    ev = one_event(rec, "ASSAULT", "Russie", "Odessa")
    assert ev.modality == "reported" and "Reuters" in names(rec, ev.sources), describe(rec)


def test_the_articles_own_outlet_is_not_a_source(extract):
    rec = extract("Tension au Liban\n\nLe Hezbollah a tiré des roquettes sur Israël.\n\nSOURCE: Press TV\n")
    ev = one_event(rec, "ASSAULT", "Hezbollah", "Israël")
    assert ev.modality == "asserted" and ev.sources == []


def test_claimed_by_the_actor(article):
    rec = article("Le Hamas a revendiqué l'attaque contre la base de Nahal Oz.")
    ev = one_event(rec, "ASSAULT", "Hamas")
    assert ev.modality == "claimed"


def test_claimed_in_own_statement(article):
    rec = article("Le Hezbollah a affirmé avoir frappé une base militaire à Haïfa.")
    ev = one_event(rec, "ASSAULT", "Hezbollah")
    assert ev.modality == "claimed", describe(rec)


def test_denied_by_negation(article):
    """Negated by someone in the text: denied; negated by the outlet itself: no event (CODING.md 4.1)."""
    rec = article("Téhéran a affirmé jeudi que l'Iran n'avait pas attaqué l'Arabie saoudite.")
    ev = one_event(rec, "ASSAULT", "Iran")
    assert ev.modality == "denied"
    rec = article("L'Iran n'a pas attaqué l'Arabie saoudite.")
    assert not find_events(rec, "ASSAULT"), describe(rec)


def test_denied_by_denial_verb_links_the_denial(article):
    rec = article("Le Hezbollah a nié avoir attaqué Israël.")
    denial = one_event(rec, "REJECT", "Hezbollah")
    attack = one_event(rec, "ASSAULT", "Hezbollah")
    assert attack.modality == "denied"
    assert denial.denies == attack.id


def test_planned_meeting_keeps_its_type(article):
    rec = article("Emmanuel Macron rencontrera Volodymyr Zelensky la semaine prochaine à Paris.")
    ev = one_event(rec, "CONSULT", "Macron")
    assert ev.modality == "planned"


def test_planned_ban_is_planned_coerce(article):
    rec = article("Le gouvernement tchèque prévoit d'interdire les rassemblements devant le Parlement.")
    ev = one_event(rec, "COERCE")
    assert ev.modality == "planned", describe(rec)


def test_a_threat_made_is_asserted_not_threatened(article):
    """The act of threatening happened (CODING.md 4.5); only the act threatened is irrealis."""
    rec = article("Le Hezbollah menace de frapper Tel-Aviv.")
    ev = one_event(rec, "THREATEN", "Hezbollah", "Tel Aviv")
    assert ev.modality == "asserted" and ev.mode == "violence"
    rec = article("Le Hezbollah a averti jeudi que les bases israéliennes seraient visées, selon Al-Manar.")
    assert [e.modality for e in find_events(rec, "THREATEN")] == ["reported"]


def test_called_for(article):
    """The call is a REQUEST that was made; the act called for is called-for (CODING.md 4.5)."""
    rec = article("Le Hamas appelle au boycott des produits américains.")
    ev = one_event(rec, "SANCTION", "Hamas")
    assert ev.modality == "called-for"
    assert one_event(rec, "REQUEST", "Hamas").modality == "asserted"


def test_hypothetical_if_clause(article):
    """A hypothesis someone in the text makes is hypothetical; the outlet's own is no event (CODING.md 5)."""
    rec = article("Selon le ministre Jean Morel, si l'Iran attaque Israël, la région s'embrasera.")
    ev = one_event(rec, "ASSAULT", "Iran", "Israël")
    assert ev.modality == "hypothetical", describe(rec)
    rec = article("Si l'Iran attaque Israël, la région s'embrasera.")
    assert not find_events(rec, "ASSAULT"), describe(rec)


def test_hypothetical_pourrait(article):
    rec = article("Israël pourrait frapper l'Iran dans les prochains jours, selon le ministre Jean Morel.")
    ev = one_event(rec, "ASSAULT", "Israël", "Iran")
    assert ev.modality == "hypothetical", describe(rec)
    rec = article("Israël pourrait frapper l'Iran dans les prochains jours.")
    assert not find_events(rec, "ASSAULT"), describe(rec)


def test_alleged_conditional_is_reported(article):
    rec = article("Le Hezbollah aurait tiré des roquettes sur Israël dans la nuit.")
    ev = one_event(rec, "ASSAULT", "Hezbollah", "Israël")
    assert ev.modality == "reported" and ev.sources == []


def test_restrictive_ne_que_is_not_negation(article):
    rec = article("Le Hezbollah n'a eu qu'une seule rencontre avec la Russie.")
    ev = one_event(rec, "CONSULT", "Hezbollah")
    assert ev.modality != "denied", describe(rec)


def test_demonstrative_takes_the_attribution_back_to_the_event(article):
    rec = article("Une rencontre a eu lieu entre le Hezbollah et la Russie à Alep.\n\n"
                  "Selon le quotidien Al-Akhbar, cette rencontre était la première.")
    ev = one_event(rec, "CONSULT", "Hezbollah", "Russie")
    assert ev.modality == "reported" and len([e for e in rec.events if e.type == "CONSULT"]) == 1


def test_incise_report_with_misparsed_subject(article):
    # the parser may take a word of the report for the subject of the incise verb
    rec = article("La marine égyptienne a arraisonné samedi un cargo chypriote près du port de "
                  "Damiette, et l'a escorté vers Alexandrie, a rapporté l'agence Reuters.")
    assert rec.events, describe(rec)
    for ev in rec.events:
        assert ev.modality in ("reported", "claimed"), describe(rec)


def test_attack_claimed_by_participle(article):
    rec = article("L'attentat commis lundi contre un marché de Mogadiscio, revendiqué par les shebab, "
                  "a fait douze morts.")
    ev = one_event(rec, "ASSAULT", "shebab|Chabab")
    assert ev.modality == "claimed", describe(rec)
