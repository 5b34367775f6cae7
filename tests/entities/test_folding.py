"""Folding inside one article, on French articles written for these tests (the model runs: session fixture)."""

import pytest

from selon.entities.component import EntityLinker
from selon.entities.kb import KnowledgeBase, load_kb, read_user_kb
from selon.entities.lexicon import lexicon
from selon.nlp import MENTIONS

QODS = """Le chef de la Force Qods rencontre le Jihad islamique à Beyrouth

Le général Esmail Qaani, commandant de la Force Qods du Corps des gardiens de la révolution islamique (CGRI), \
s'est rendu lundi à Beyrouth, selon l'agence Tasnim. Le chef de la Force Quds y a rencontré Ziyad al-Nakhalah, \
secrétaire général du Jihad islamique palestinien, dont la branche armée, les Brigades al-Quds, a revendiqué \
mardi des tirs de roquettes vers Sdérot.

Les Brigades Ezzedine al-Qassam, aile militaire du Hamas, ont pour leur part annoncé la mort de trois \
combattants. Ismaël Qaani a salué « la fermeté de la résistance », tandis que les Gardiens de la révolution \
promettaient une riposte. Téhéran a démenti toute implication, a rapporté Fars News.
"""

SAHEL = """Sahel : le Front populaire pour la libération de l'Azawad revendique une attaque

Le Front populaire pour la libération de l'Azawad (FPLA) a revendiqué samedi l'attaque d'un convoi près de \
Kidal. Son porte-parole, Karim Benhaddou, a affirmé que le FPLA ne visait que des cibles militaires.

« Nous ne cherchons pas l'escalade », a déclaré M. Benhaddou à l'agence Reuters. Le colonel Mohammad Reza \
Talaei, conseiller militaire, et son homologue Hassan Rahimi ont été vus à Gao. Mohammed Reza Talaie aurait \
quitté la région dimanche, tandis que Hussein Rahimi, un autre officier, est resté sur place.

À la demande de Bamako, les autorités ont renforcé la sécurité.
"""

LIBAN = """Liban : Israël frappe le sud du pays

L'armée israélienne a frappé dimanche plusieurs positions du Hezbollah dans le sud du Liban, selon Al Mayadeen. \
La délégation française s'est rendue à Beyrouth pour rencontrer le président libanais Joseph Aoun.

Damas a condamné les frappes. Les relations entre Washington et Téhéran restent tendues, a souligné \
l'émissaire américain.

Lire aussi : Emmanuel Macron appelle au cessez-le-feu

L'opération « Flèches du Nord » lancée par Tsahal se poursuit, a indiqué Daniel Hagari, porte-parole de \
l'armée. Le porte-parole de Tsahal a ajouté que le Hezbollah avait tiré 40 roquettes.
"""


HEZBOLLAH = """Le numéro deux du Hezbollah menace Israël

Le secrétaire général adjoint du Hezbollah a averti dimanche qu'une offensive israélienne contre le Liban \
« ne resterait pas sans réponse ». Naïm Kassem s'exprimait lors d'une cérémonie à Beyrouth, selon la chaîne \
Al-Manar.

Cheikh Naim Qassem a également salué le rôle de l'Iran. Le ministre iranien des Affaires étrangères, Hossein \
Amir-Abdollahian, avait rencontré la veille le chef du Hezbollah, Hassan Nasrallah. M. Abdullahian a ensuite \
gagné Damas. Washington accuse Téhéran de soutenir les Houthis du Yémen.
"""


@pytest.fixture(scope="module")
def hezbollah(extract):
    return extract(HEZBOLLAH)


@pytest.fixture(scope="module")
def qods(extract):
    return extract(QODS)


@pytest.fixture(scope="module")
def sahel(extract):
    return extract(SAHEL)


@pytest.fixture(scope="module")
def liban(extract):
    return extract(LIBAN)


def entity(rec, name):
    """The entity one of whose names (name, alias, mention) is ``name``."""
    found = [e for e in rec.entities if name == e.name or name in e.aliases or name in {m.text for m in e.mentions}]
    assert len(found) == 1, f"{name!r}: {[(e.name, e.aliases) for e in found]}"
    return found[0]


def test_transliterations_titles_and_descriptions_fold_into_one_person(qods):
    qaani = entity(qods, "général Esmail Qaani")
    assert entity(qods, "Ismaël Qaani") is qaani
    assert qaani.type == "PERSON" and qaani.kb_id
    assert any(r.startswith("commandant de la Force Qods") for r in qaani.roles)
    assert "chef de la Force Quds" in qaani.roles  # "Le chef de la Force Quds y a rencontré…" is Qaani


def test_look_alike_bodies_stay_apart(qods):
    quds_force = entity(qods, "Force Qods")
    assert entity(qods, "Force Quds") is quds_force
    quds_brigades = entity(qods, "Brigades al-Quds")
    qassam = entity(qods, "Brigades Ezzedine al-Qassam")
    hamas, pij = entity(qods, "Hamas"), entity(qods, "Jihad islamique palestinien")
    assert len({id(x) for x in (quds_force, quds_brigades, qassam, hamas, pij)}) == 5


def test_acronym_and_kb_aliases_fold_but_state_and_guards_do_not(qods):
    irgc = entity(qods, "CGRI")
    assert entity(qods, "Gardiens de la révolution") is irgc
    iran = entity(qods, "Téhéran")  # "Téhéran a démenti": the state speaks through its capital
    assert iran.type == "GPE" and iran is not irgc and iran.kb_id == "Q794"


def test_outlets_are_organisations(qods):
    assert entity(qods, "Fars News").type == "ORG"
    assert entity(qods, "agence Tasnim").type == "ORG"


def test_acronym_defined_in_the_text(sahel):
    front = entity(sahel, "Front populaire pour la libération de l'Azawad")
    assert entity(sahel, "FPLA") is front and front.kb_id is None and front.type == "ORG"
    assert len([m for m in front.mentions if m.text == "FPLA"]) == 2


def test_surname_with_title_joins_the_full_name_and_gets_its_role(sahel):
    karim = entity(sahel, "Karim Benhaddou")
    assert entity(sahel, "M. Benhaddou") is karim
    assert karim.roles == ["porte-parole"]


def test_unknown_transliterations_fold_but_different_names_do_not(sahel):
    talaei = entity(sahel, "Mohammad Reza Talaei")
    assert entity(sahel, "Mohammed Reza Talaie") is talaei
    assert entity(sahel, "Hassan Rahimi") is not entity(sahel, "Hussein Rahimi")


def test_capital_as_actor_is_the_state(sahel, liban):
    assert entity(sahel, "Bamako").name == "Mali"  # "À la demande de Bamako"
    assert entity(liban, "Damas").name == "Syrie"  # "Damas a condamné"
    assert entity(liban, "Washington").kb_id == "Q30"
    assert entity(liban, "Téhéran").kb_id == "Q794"  # conjoined with Washington


def test_capital_as_place_stays_a_place(liban):
    beirut = entity(liban, "Beyrouth")  # "s'est rendue à Beyrouth"
    assert beirut.type == "GPE" and beirut.kb_id != "Q822"
    assert entity(liban, "Liban") is not beirut


def test_armed_group_is_not_its_country(liban):
    assert entity(liban, "Hezbollah") is not entity(liban, "Liban")
    army = entity(liban, "armée israélienne")
    assert entity(liban, "Tsahal") is army and army is not entity(liban, "Israël")


def test_roles_and_a_description_resolved_by_the_article(liban):
    hagari = entity(liban, "Daniel Hagari")
    assert "porte-parole de l'armée" in hagari.roles
    assert "porte-parole de Tsahal" in hagari.roles  # "Le porte-parole de Tsahal a ajouté"
    assert entity(liban, "Joseph Aoun").roles == ["président libanais"]


def test_description_resolved_through_the_kb_when_the_article_gives_no_role(hezbollah):
    qassem = entity(hezbollah, "Naïm Kassem")
    assert entity(hezbollah, "Cheikh Naim Qassem") is qassem
    # "Le secrétaire général adjoint du Hezbollah a averti…": the KB says who holds that post
    assert "secrétaire général adjoint du Hezbollah" in qassem.roles


def test_surname_transliteration_and_a_role_that_is_not_a_ministry(hezbollah):
    minister = entity(hezbollah, "Hossein Amir-Abdollahian")
    assert entity(hezbollah, "M. Abdullahian") is minister
    assert minister.roles == ["ministre iranien des Affaires étrangères"]
    names = {n for e in hezbollah.entities if e is not minister for n in [e.name, *e.aliases]}
    assert "ministre iranien des Affaires étrangères" not in names  # "ministre" is not "ministère"


def test_capital_as_object_of_an_accusation_is_the_state(hezbollah):
    assert entity(hezbollah, "Téhéran").kb_id == "Q794"
    assert entity(hezbollah, "Damas").kb_id != "Q858"  # "a gagné Damas": a place reached


def test_named_operation_is_an_event(liban):
    op = [e for e in liban.entities if e.type == "EVENT"]
    assert [e.name for e in op] == ["opération « Flèches du Nord »"]


def test_names_in_removed_boilerplate_are_not_entities(liban):
    names = {n for e in liban.entities for n in [e.name, *e.aliases]}
    assert "Emmanuel Macron" not in names and "Macron" not in names


def test_mentions_index_the_raw_text(qods, liban):
    for rec, text in ((qods, QODS), (liban, LIBAN)):
        for e in rec.entities:
            for m in e.mentions:
                assert text[m.start:m.end] == m.text
        firsts = [min(m.start for m in e.mentions) for e in rec.entities if e.mentions]
        assert firsts == sorted(firsts)
        assert [e.id for e in rec.entities] == [f"e{i}" for i in range(1, len(rec.entities) + 1)]


def test_doc_interface_for_later_components(extractor):
    doc = extractor.nlp(QODS)
    ents = {e.id: e for e in doc._.entities}
    spans = doc.spans[MENTIONS]
    assert spans and all(s._.entity_id in ents and s.label_ == ents[s._.entity_id].type for s in spans)
    assert all(s._.kb_id == ents[s._.entity_id].kb_id for s in spans)
    descriptions = [s for s in spans if s._.description]
    assert descriptions and all(ents[s._.entity_id].type == "PERSON" for s in descriptions)
    roles = doc.spans["selon_roles"]
    assert roles and all(ents[r._.entity_id].type == "PERSON" for r in roles)


def test_user_kb_names_a_new_actor(extractor, tmp_path):
    path = tmp_path / "kb.jsonl"
    path.write_text('{"id": "x:fpla", "name": "FPLA", "type": "ORG", "aliases": '
                    '["Front populaire pour la libération de l\'Azawad"]}\n', encoding="utf-8")
    shipped = load_kb()
    kb = KnowledgeBase([*shipped.actors.values(), *read_user_kb(str(path))], stoplist=shipped.stoplist)
    doc = EntityLinker(kb, lexicon())(extractor.nlp(SAHEL))
    front = [e for e in doc._.entities if e.kb_id == "x:fpla"]
    assert len(front) == 1 and front[0].name == "FPLA" and len(front[0].mentions) == 4


def test_empty_and_nameless_texts(extract):
    assert extract("").entities == []
    assert extract("il pleut, et alors ?\n\n\n").entities == []
