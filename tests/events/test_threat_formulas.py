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


# A threat keeps the act it threatens (CODING.md 4.2, 4.5, 9): the THREATEN, made (asserted or reported),
# by the one who threatens, at whom the act would target; and the act itself, of its own type, `threatened`.


def threatened(rec, etype: str, actor: str | None = None, recipient: str | None = None):
    ev = one_event(rec, etype, actor, recipient)
    assert ev.modality == "threatened", describe(rec)
    return ev


THREAT_VERB_INFINITIVE = [
    ("BEYROUTH (AFP) - Le Hezbollah a menacé mardi de frapper Haïfa si les bombardements israéliens se poursuivent.",
     "Hezbollah", "Haïfa|Haifa"),
    ("Le Hezbollah menace de frapper Haïfa. C'est ce qu'a affirmé ce matin le mouvement chiite sur sa chaîne "
     "de télévision.", "Hezbollah", "Haïfa|Haifa"),
]


@pytest.mark.parametrize("text,actor,target", THREAT_VERB_INFINITIVE)
def test_threat_verb_keeps_the_act_threatened(article, text, actor, target):
    """ "menace de frapper X": THREATEN at X, and the strike on X, threatened (not folded into the threat)."""
    rec = article(text)
    threat(rec, actor, target)
    threatened(rec, "ASSAULT", actor, target)


S_EN_PRENDRE = [
    ("TÉHÉRAN (Reuters) - L'Iran a menacé lundi de s'en prendre aux navires des États-Unis dans le détroit "
     "d'Ormuz.", "Iran", "États-Unis"),
    ("Au micro de notre envoyé spécial, le chef des Houthis a encore menacé ce matin de s'en prendre à Israël.",
     "Houthis", "Israël"),
]


@pytest.mark.parametrize("text,actor,target", S_EN_PRENDRE)
def test_threat_to_s_en_prendre_a(article, text, actor, target):
    """ "s'en prendre à X" is an attack on X; under "menacer de", threatened, and the threat is at X."""
    rec = article(text)
    threat(rec, actor, target)
    threatened(rec, "ASSAULT", actor, target)


def test_s_en_prendre_a_in_a_compound_tense_is_no_passive(article):
    rec = article("Le Hamas s'en est pris à Israël, selon l'AFP.")
    one_event(rec, "ASSAULT", "Hamas", "Israël")


FORMULA_UNDER_THREAT_VERB = [
    ("JÉRUSALEM (AFP) - Benjamin Netanyahou a averti dimanche que le Hezbollah paierait un prix élevé pour cette "
     "attaque.", "Netanyahou", "Hezbollah"),
    ("Le Premier ministre israélien l'a redit ce soir sur les ondes : Benjamin Netanyahou a averti que le Hamas "
     "paierait cher.", "Netanyahou", "Hamas"),
]


@pytest.mark.parametrize("text,actor,target", FORMULA_UNDER_THREAT_VERB)
def test_formula_under_a_threat_verb_is_the_act_threatened(article, text, actor, target):
    """ "a averti que X paierait un prix élevé": the warning is the THREATEN at X; what X will pay, the
    strike threatened (a conditional under the threat verb is its future)."""
    rec = article(text)
    threat(rec, actor, target)
    threatened(rec, "ASSAULT", actor, target)
    assert len(find_events(rec, "THREATEN")) == 1, describe(rec)


PROMISED_PUNISHMENT = [
    ("TÉHÉRAN (AFP) - Le guide suprême Ali Khamenei a promis mercredi un châtiment sévère à Israël.",
     "Khamenei", "Israël"),
    ("Ce matin à Téhéran, Ali Khamenei a promis à Israël un juste châtiment, rapporte notre correspondante.",
     "Khamenei", "Israël"),
]


@pytest.mark.parametrize("text,actor,target", PROMISED_PUNISHMENT)
def test_promised_punishment(article, text, actor, target):
    """ "a promis un châtiment sévère à X": THREATEN at X and the punishment threatened, aimed at X."""
    rec = article(text)
    threat(rec, actor, target)
    threatened(rec, "ASSAULT", actor, target)


THREAT_CONDITIONAL = [
    ("BEYROUTH (AFP) - « Si Israël bombarde encore Beyrouth, nous frapperons Tel-Aviv », a déclaré mardi le chef "
     "du Hezbollah, Hassan Nasrallah.", "Nasrallah", "Tel-Aviv|Tel Aviv"),
    ("Hassan Nasrallah était l'invité de notre journal ce soir. « Si Israël attaque Beyrouth, nous bombarderons "
     "Haïfa », a-t-il lancé.", "Nasrallah", "Haïfa|Haifa"),
]


@pytest.mark.parametrize("text,speaker,target", THREAT_CONDITIONAL)
def test_threat_conditional_in_the_speakers_quote(article, text, speaker, target):
    """ "« si ..., nous frapperons X »": the strike is threatened (not planned, not claimed: the tagger's
    present for "frapperons" aside), and the speaker threatens X (CODING.md 4.5, threat-conditional)."""
    rec = article(text)
    threatened(rec, "ASSAULT", speaker, target)
    threat(rec, speaker, target)


THREAT_FUTURE_PASSIVE = [
    ("TÉHÉRAN (AFP) - « Les bases des États-Unis seront visées », a déclaré mardi le commandant des Gardiens de la "
     "révolution, Hossein Salami.", "Salami", "États-Unis"),
    ("Réaction ce soir à Téhéran. « Les bases des États-Unis dans la région seront visées », a lancé Hossein Salami "
     "à la télévision d'État.", "Salami", "États-Unis"),
]


@pytest.mark.parametrize("text,speaker,target", THREAT_FUTURE_PASSIVE)
def test_threat_future_passive_in_the_speakers_quote(article, text, speaker, target):
    """ "« leurs bases seront visées »": no one else named to strike, the speaker threatens the strike."""
    rec = article(text)
    threatened(rec, "ASSAULT", speaker, target)
    threat(rec, speaker, target)


WARNED_AGAINST = [
    "MOSCOU (AFP) - Le Kremlin a mis en garde l'Allemagne contre toute livraison d'armes à l'Ukraine.",
    "La Russie met en garde la Moldavie contre tout rapprochement avec l'Otan, a rapporté notre correspondant.",
]


@pytest.mark.parametrize("text", WARNED_AGAINST)
def test_what_is_warned_against_is_not_threatened(article, text):
    """ "met en garde X contre toute livraison d'armes": X's act, warned against, is no act of the warner."""
    rec = article(text)
    threat(rec, "Russie")
    assert not [e for e in rec.events if e.modality == "threatened"], describe(rec)


PLANNED_NOT_THREATENED = [
    "OTTAWA (AFP) - Le Canada imposera à partir d'octobre des sanctions contre la Chine, a annoncé lundi Justin "
    "Trudeau.",
    "Annonce ce matin à Ottawa : le Canada imposera des sanctions contre la Chine dès le mois prochain.",
]


@pytest.mark.parametrize("text", PLANNED_NOT_THREATENED)
def test_announced_sanction_stays_a_planned_sanction(article, text):
    """A measure announced, not in anyone's threat, keeps its type: no THREATEN (CODING.md 4.5, planned)."""
    rec = article(text)
    assert not find_events(rec, "THREATEN"), describe(rec)
    assert all(e.modality != "threatened" for e in find_events(rec, "SANCTION")), describe(rec)


THREAT_BY_A_LEADER = [
    ("GAZA (AFP) - Le chef de la branche armée du Hamas, Mohammed Deif, a menacé jeudi de frapper Tel-Aviv.",
     "Deif", "Hamas", "Tel-Aviv|Tel Aviv"),
    ("Dans un message diffusé ce soir, le porte-parole du Hezbollah, Mohammad Afif, a menacé de bombarder Haïfa.",
     "Afif", "Hezbollah", "Haïfa|Haifa"),
]


@pytest.mark.parametrize("text,person,group,target", THREAT_BY_A_LEADER)
def test_act_threatened_by_a_leader_is_the_groups(article, text, person, group, target):
    """The chief or spokesman threatens; the strike threatened would be the group's (and theirs)."""
    rec = article(text)
    ev = threat(rec, person, target)
    assert not any(group.lower() in n.lower() for n in names(rec, ev.actors)), describe(rec)
    act = threatened(rec, "ASSAULT", group, target)
    assert any(person.lower() in n.lower() for n in names(rec, act.actors)), describe(rec)
