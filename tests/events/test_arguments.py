"""Actors and recipients from the parse: voice, coordination, prepositions, nominal events, pronouns."""

# The French sentences here are written for these tests: the statements and quotations are invented
# and are not reports of what the people or organisations named said or did.


from __future__ import annotations

from tests.records import describe, find_events, names, one_event


def test_active_voice(article):
    rec = article("Le Hezbollah a attaqué une position de l'armée israélienne près de Metoula.")
    ev = one_event(rec, "ASSAULT", "Hezbollah")
    assert "Hezbollah" not in names(rec, ev.recipients)


def test_passive_voice_with_agent(article):
    rec = article("Des roquettes ont été tirées par le Hamas sur Ashkelon.")
    ev = one_event(rec, "ASSAULT", "Hamas", "Ashkelon")
    assert ev.mode == "heavy-weapons"


def test_passive_voice_subject_is_recipient(article):
    rec = article("Le journaliste Ahmed Mansour a été arrêté par la police égyptienne au Caire.")
    ev = one_event(rec, "COERCE", recipient="Mansour")
    assert "Mansour" not in names(rec, ev.actors)


def test_passive_without_agent_has_no_actor(article):
    rec = article("Des roquettes ont été tirées sur Ashkelon depuis la bande de Gaza.")
    for ev in find_events(rec, "ASSAULT"):
        assert ev.actors == [], describe(rec)


def test_entre_x_et_y(article):
    rec = article("Une rencontre entre Antony Blinken et Sergueï Lavrov a eu lieu à Genève.")
    one_event(rec, "CONSULT", "Blinken", "Lavrov")


def test_avec(article):
    rec = article("Emmanuel Macron s'est entretenu avec Mahmoud Abbas à Ramallah.")
    ev = one_event(rec, "CONSULT", "Macron", "Abbas")
    assert names(rec, ev.location) == [] or "Ramallah" in names(rec, ev.location)


def test_coordinated_recipients(article):
    rec = article("Le ministre a rencontré les dirigeants du Hamas, du Hezbollah et du Jihad islamique à Beyrouth.")
    ev = one_event(rec, "CONSULT", recipient="Hamas")
    got = names(rec, ev.recipients)
    assert any("Hezbollah" in n for n in got) and any("Jihad" in n for n in got), describe(rec)
    assert not any("Beyrouth" in n for n in got)


def test_coordinated_actors(article):
    rec = article("Les États-Unis, la France et le Royaume-Uni ont condamné l'attaque contre l'ambassade.")
    ev = one_event(rec, "ACCUSE")
    got = names(rec, ev.actors)
    assert len(got) == 3, describe(rec)


def test_symmetric_meeting_of_coordinated_subjects(article):
    rec = article("Emmanuel Macron et Olaf Scholz se sont rencontrés à Berlin.")
    one_event(rec, "CONSULT", "Macron", "Scholz")


def test_nominal_event_with_target_and_claim(article):
    rec = article("Les Brigades al-Qods ont fait état du tir de missiles contre la base israélienne de Kissufim.")
    ev = one_event(rec, "ASSAULT", "Brigades al-Qods", "Kissufim")
    assert ev.mode == "missile" and ev.modality == "claimed"


def test_nominal_event_patient_frame_and_participle_agent(article):
    rec = article("La base de Kissufim a été samedi la cible d'attaques de drones lancées par le Hamas.")
    ev = one_event(rec, "ASSAULT", "Hamas", "Kissufim")
    assert ev.mode == "drone"


def test_relative_clause_subject(article):
    rec = article("Le ministre Sergueï Lavrov, qui a rencontré Ali Larijani à Moscou, a salué le rôle de l'Iran.")
    one_event(rec, "CONSULT", "Lavrov", "Larijani")
    one_event(rec, "SUPPORT", "Lavrov", "Iran")


def test_pronoun_subject_resolves_to_previous_subject(article):
    rec = article("Vladimir Poutine est arrivé à Ankara. Il a rencontré Recep Tayyip Erdogan au palais présidentiel.")
    one_event(rec, "CONSULT", "Poutine", "Erdogan")


def test_role_phrase_stands_for_its_organisation(article):
    rec = article("Le porte-parole du Hamas a dénoncé les frappes sur Rafah.")
    one_event(rec, "ACCUSE", "Hamas")


def test_nationality_adjective_points_at_state_in_text(article):
    rec = article("Israël a confirmé mardi que des soldats israéliens avaient été tués par le Hezbollah "
                  "près de la frontière avec le Liban.")
    one_event(rec, "ASSAULT", "Hezbollah", "Israël|israélienne")


def test_possessive_points_at_the_subject(article):
    rec = article("Avi Dichter a annoncé lors de sa visite à Moscou que les discussions avaient été utiles.")
    one_event(rec, "CONSULT", "Dichter", "Moscou")


def test_unknown_subject_gives_no_actor(article):
    rec = article("Des hommes armés ont attaqué un poste de police à Kirkouk.")
    for ev in find_events(rec, "ASSAULT"):
        assert ev.actors == [], describe(rec)


def test_object_control_verb_gives_the_object_as_actor(article):
    rec = article("L'Iran a accusé Israël d'avoir assassiné le scientifique Mohsen Fakhrizadeh.")
    ev = one_event(rec, "ASSAULT", "Israël", "Fakhrizadeh")
    assert ev.modality == "reported" and "Iran" in names(rec, ev.sources)


def test_no_event_without_participants(article):
    rec = article("Une explosion a secoué la ville dans la nuit, faisant plusieurs blessés.")
    assert rec.events == []


# --- shared subjects the parser loses, lists, groups, named roles (written for these tests) ----------------


def test_finite_conjunct_after_controlled_infinitive(article):
    # "et a appelé" hangs on the infinitive "bombarder", whose subject is the object of "accuser"
    rec = article("Le ministre grec des Affaires étrangères, Nikos Varelas, a accusé la Turquie de bombarder "
                  "des villages kurdes et a appelé l'Union européenne à réagir sans tarder.")
    one_event(rec, "REQUEST", "Varelas", "Union européenne")
    assert not find_events(rec, "REQUEST", "Turquie"), describe(rec)


def test_finite_conjunct_after_subordinate_clause(article):
    # "et a dénoncé" hangs on the verb of the "que" clause, whose plural subject does not agree
    rec = article("Le chef de la diplomatie algérienne, Karim Belhadi, a affirmé que les migrants n'étaient "
                  "pas passés par son territoire et a dénoncé le Maroc pour sa politique frontalière.")
    one_event(rec, "ACCUSE", "Belhadi", "Maroc")


def test_gerund_takes_main_subject(article):
    rec = article("Le Japon a condamné l'attaque, tout en demandant à l'Égypte et à la Jordanie "
                  "d'intervenir auprès des ravisseurs.")
    ev = one_event(rec, "REQUEST", "Japon", "Égypte")
    assert "Jordanie" in " ".join(names(rec, ev.recipients)), describe(rec)


def test_light_verb_prendre(article):
    rec = article("Le Brésil a indiqué avoir pris contact avec le Venezuela au sujet des réfugiés.")
    one_event(rec, "CONSULT", "Brésil", "Venezuela")


def test_role_of_role_with_two_names(article):
    # the second name, between commas, names the outer role (the spokesman), not the minister
    rec = article("Le porte-parole du Premier ministre libyen Abdel Karim Saïdi, Omar Benkhalifa, a condamné "
                  "l'attaque contre le port de Misrata.")
    one_event(rec, "ACCUSE", "Benkhalifa")
    assert not find_events(rec, "ACCUSE", "Saïdi"), describe(rec)


def test_list_of_genitives_closing_the_subject(article):
    rec = article("Les gouvernements du Tchad, du Cameroun et du Gabon ont dénoncé la décision de l'Union africaine.")
    ev = one_event(rec, "ACCUSE", "Tchad")
    got = " ".join(names(rec, ev.actors))
    assert "Cameroun" in got and "Gabon" in got, describe(rec)


def test_numbered_group_and_pronoun(article):
    rec = article("Le Tchad, le Cameroun et le Gabon ont quitté la conférence de Libreville. "
                  "Les trois pays dénoncent un traitement inéquitable. "
                  "Ils reprochent aussi à la Banque mondiale ses conditions de prêt.")
    ev = one_event(rec, "ACCUSE", "Tchad", "Banque mondiale")
    assert len(ev.actors) == 3, describe(rec)


def test_military_craft_with_demonym(article):
    rec = article("Les tensions entre les États-Unis et l'Iran ne retombent pas. Un avion de combat américain "
                  "a abattu un drone armé iranien au-dessus du golfe d'Oman.")
    one_event(rec, "ASSAULT", "États-Unis", "Iran")


def test_fronted_place_is_not_a_recipient(article):
    rec = article("À Niamey, le gouvernement nigérien a salué l'accord signé par ses voisins.")
    for ev in find_events(rec, "SUPPORT"):
        assert "Niamey" not in " ".join(names(rec, ev.recipients)), describe(rec)


def test_detached_participle_takes_main_subject(article):
    rec = article("La ministre Clara Delorme a pris la parole à Lyon, saluant le rôle de la diplomatie suisse.")
    one_event(rec, "SUPPORT", "Delorme")


def test_pronoun_in_reported_clause_is_the_speaker(article):
    rec = article("Le général Omar Diallo a rencontré le président Idriss Kaboré lundi. "
                  "Le Premier ministre, Amadou Sall, a déclaré qu'il était prêt à coopérer avec la junte.")
    for ev in find_events(rec, "AGREE") + find_events(rec, "COOPERATE"):
        assert "Sall" in " ".join(names(rec, ev.actors)), describe(rec)
    assert find_events(rec, "AGREE") or find_events(rec, "COOPERATE"), describe(rec)


def test_conjunct_after_perfect_infinitive(article):
    rec = article("Le chef du Parti paysan, Marek Horvat, a accusé le gouvernement d'avoir cédé aux banques "
                  "et a appelé ses partisans à manifester samedi devant le Parlement.")
    assert find_events(rec, actor="Horvat", etype="PROTEST") or find_events(rec, "REQUEST", "Horvat"), describe(rec)


def test_request_for_a_meeting_of_a_body(article):
    rec = article("La Chine a demandé une réunion d'urgence du Conseil de sécurité de l'ONU.")
    one_event(rec, "REQUEST", "Chine", "Conseil de sécurité")


def test_dative_clitic_points_to_the_subject_just_named(article):
    rec = article("Le président déchu Omar Kallé est arrivé à Rabat, où le Maroc lui a accordé l'asile.")
    one_event(rec, "AID", "Maroc", "Kallé")


def test_complement_hung_on_a_coordinated_adjective(article):
    rec = article("Le ministre Karim Saïdi a salué la réponse rapide et efficace de la Croix-Rouge aux inondations.")
    one_event(rec, "SUPPORT", "Saïdi", "Croix-Rouge")


def test_feminine_and_local_roles(article):
    rec = article("La préfète du Gard, Marie Lenoir, a reçu lundi les élus de Nîmes. "
                  "La préfète a ensuite interdit la manifestation prévue samedi.")
    one_event(rec, "COERCE", "Lenoir")
