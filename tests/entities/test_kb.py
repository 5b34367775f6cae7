import json
from collections import Counter

import pytest

from selon.entities import kb as kbmod
from selon.entities.kb import KBError, KnowledgeBase, load_kb, read_user_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def test_shipped_kb_is_large_and_covers_every_type(kb):
    assert len(kb) >= 10_000
    by_type = Counter(a.type for a in kb.actors.values())
    assert by_type["PERSON"] > 5000 and by_type["ORG"] > 1000 and by_type["GPE"] > 200
    assert by_type["LOC"] > 0 and by_type["EVENT"] > 0
    assert {a.source for a in kb.actors.values()} >= {"curated", "outlets", "countries", "generated", "phoenix"}


def test_precomputed_index_is_current(kb):
    # A stale index would make every process re-index the KB (slow); rebuild with scripts/build_kb.py.
    assert kbmod.read_index() is not None


def _one(kb, name, etype):
    found = [a for a in kb.lookup(name) if a.type == etype]
    assert found, f"{name} not in the KB"
    return found[0]


def test_states_have_french_and_english_names_and_qids(kb):
    iran = _one(kb, "Iran", "GPE")
    assert iran.id == "Q794"
    assert _one(kb, "République islamique d'Iran", "GPE").id == "Q794"
    assert _one(kb, "Etats-Unis", "GPE").id == _one(kb, "United States", "GPE").id == "Q30"
    assert _one(kb, "Arabie saoudite", "GPE").id == _one(kb, "Saudi Arabia", "GPE").id
    assert kb.state("IR") == "Q794"


def test_capitals_are_places_of_their_own_linked_to_the_state(kb):
    teheran = _one(kb, "Téhéran", "GPE")
    assert teheran.id != "Q794" and teheran.capital_of == "Q794"
    tel_aviv = _one(kb, "Tel-Aviv", "GPE")  # a city of Israel, not Israel
    assert tel_aviv.id != kb.state("IL") and not tel_aviv.capital_of


def test_look_alikes_are_distinct_actors(kb):
    quds_force = _one(kb, "Force Qods", "ORG")
    quds_brigades = _one(kb, "Brigades al-Qods", "ORG")
    qassam = _one(kb, "Brigades Ezzedine al-Qassam", "ORG")
    assert len({quds_force.id, quds_brigades.id, qassam.id}) == 3
    assert kb.distinct(quds_force.id, quds_brigades.id)
    assert kb.distinct(quds_force.id, qassam.id)
    assert kb.distinct(qassam.id, quds_brigades.id)
    irgc = _one(kb, "CGRI", "ORG")
    assert _one(kb, "IRGC", "ORG").id == irgc.id
    assert kb.distinct(irgc.id, "Q794") and kb.distinct(irgc.id, quds_force.id)
    assert kb.distinct(_one(kb, "Hezbollah", "ORG").id, _one(kb, "Liban", "GPE").id)
    assert kb.distinct(_one(kb, "Hamas", "ORG").id, _one(kb, "Jihad islamique", "ORG").id)


def test_phoenix_affiliation_is_not_identity(kb):
    # Phoenix lists Nasrallah and "Islamic Jihad" under Hezbollah: a member and another group, not aliases.
    hezbollah = _one(kb, "Hezbollah", "ORG")
    names = {a.lower() for a in hezbollah.names()}
    assert "islamic jihad" not in names and "hassan nasrallah" not in names
    nasrallah = _one(kb, "Hassan Nasrallah", "PERSON")
    assert any(a["to"] == hezbollah.id and a["relation"] == "member_of" for a in nasrallah.affiliations)
    pij = _one(kb, "Islamic Jihad", "ORG")
    assert pij.id != hezbollah.id
    # The al-Quds Brigades Phoenix codes with the Qassam Brigades belong to Islamic Jihad.
    qassam = _one(kb, "Qassam Brigades", "ORG")
    assert "al-quds brigades" not in {a.lower() for a in qassam.names()}
    assert any(a["to"] == pij.id for a in _one(kb, "Al-Quds Brigades", "ORG").affiliations)


def test_persons_from_phoenix_carry_dated_offices(kb):
    khatami = _one(kb, "Mohammad Khatami", "PERSON")
    offices = [a for a in khatami.affiliations if a["to"] == "Q794" and a.get("role") == "government"]
    assert any(a.get("start") == "1997-08-03" and a.get("end") == "2005-08-03" for a in offices)


def test_outlets_are_organisations_with_their_profile(kb):
    fars = _one(kb, "Fars News", "ORG")
    assert fars.outlet and fars.outlet["country"] == "IR" and fars.outlet["state_affiliated"] is True


def test_state_bodies_are_generated_from_french_adjectives(kb):
    army = _one(kb, "armée russe", "ORG")
    assert _one(kb, "forces armées russes", "ORG").id == army.id == _one(kb, "officiers russes", "ORG").id
    assert kb.distinct(army.id, kb.state("RU"))
    idf = _one(kb, "Tsahal", "ORG")
    assert _one(kb, "armée israélienne", "ORG").id == idf.id


def test_common_words_are_not_recognisable_aliases(kb):
    for word in ("Sur", "Force", "Front", "Zero", "Monde"):
        assert not any(len(h.folded.split()) == 1 for h in kb.exact.get(word.lower(), [])), word


def test_user_kb_jsonl_extends_and_corrects(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "x:fpla", "name": "Front populaire de l'Azawad", "type": "ORG",
                    "aliases": ["FPLA", "Front de l'Azawad"], "distinct": ["Q912"]}),
        "# a comment",
        json.dumps({"id": "Q41053", "name": "Hezbollah", "type": "ORG", "aliases": ["Hizb"]}),
    ]), encoding="utf-8")
    actors = read_user_kb(str(path))
    assert [a.id for a in actors] == ["x:fpla", "Q41053"] and all(a.source == "user" for a in actors)
    kb = KnowledgeBase([*kbmod.read_shipped()[:2000], *actors])
    assert kb.lookup("FPLA")[0].id == "x:fpla"
    assert kb.distinct("x:fpla", "Q912")


def test_user_kb_yaml(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("actors:\n  - {id: 'x:1', name: Amadou Koufa, type: PERSON, aliases: [Koufa]}\n",
                    encoding="utf-8")
    assert read_user_kb(str(path))[0].name == "Amadou Koufa"


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "not JSON"),
    ('{"id": "x", "name": "A"}', "missing type"),
    ('{"id": "x", "name": "A", "type": "ANIMAL"}', "is not one of"),
    ('{"id": "x", "name": "A", "type": "ORG", "aliases": "A"}', "aliases must be a list"),
    ('["a list"]', "expected a JSON object"),
])
def test_bad_user_kb_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KBError, match=message) as err:
        read_user_kb(str(path))
    assert "bad.jsonl:1" in str(err.value)


def test_missing_user_kb(tmp_path):
    with pytest.raises(KBError, match="no such KB file"):
        read_user_kb(str(tmp_path / "nope.jsonl"))


def test_kb_is_built_from_the_current_outlet_profiles(kb):
    # outlets.yaml is shared with cleaning: after editing it, rebuild the KB (scripts/build_kb.py).
    from selon.data import load_yaml

    for outlet in load_yaml("outlets.yaml"):
        found = [a for a in kb.find(outlet["name"]) if a.type == "ORG" and a.outlet]
        assert found, f"outlet {outlet['name']!r} missing from actors.jsonl: run scripts/build_kb.py"


@pytest.mark.parametrize("name", ["Xi Jinping", "Hu Jintao", "Yeltsin"])
def test_leaders_phoenix_listed_in_an_organisation_block_are_persons_only(kb, name):
    """Phoenix codes a leader inside a government block ("XI_JINPING [CHNGOV]"); the KB keeps the person."""
    types = {a.type for a in kb.find(name)}
    assert types == {"PERSON"}, types
