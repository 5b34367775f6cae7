"""scripts/build_kb.py on a small Phoenix fixture: affiliation is not identity."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

COUNTRIES = """\
# a comment
IRAN_  [IRN]
+IRANIAN
+ISLAMIC_REPUBLIC_OF_IRAN
+TEHRAN_
+ISFAHAN_
+DASHT-E-KAVIR_DESERT_
REVOLUTIONARY_GUARD
+REVOLUTIONARY_GUARDS
+QUDS_FORCE
\t[IRNMIL]
HASSAN_HABIBI_  # CountryInfo.txt
\t[IRNGOV 890801-010801]
MOHAMMAD_KHATAMI
+HOJATOLISLAM_MOHAMMAD_KHATAMI_
\t[IRNELI 610101-970803]
\t[IRNGOV 970803-050803]
\t[IRNELI]
IMAD_TESTPERSON_  # CountryInfo.txt
\t[LBNELI]
"""
INTERNATIONAL = """\
NATO_
+NORTH_ATLANTIC_TREATY_ORGANIZATION_
\t[IGOWSTNAT]# NGO_Actors
JAVIER_SOLANA_\t[IGOWSTNAT 951205-991006] # IGOrulers.txt
UN_SECRETARY_GENERAL
\t[IGOUNO]
"""
MILNONSTATE = """\
HEZBOLLAH_ [LBNREB] #  kkl 21 Mar 13
+HIZBALLAH
+ISLAMIC_JIHAD_
+PARTY_OF_GOD_
+HASSAN_NASRALLAH
+SHEIKH_NASRALLAH
+NASRALLAH
+IMAD_MUGHNIYEH
+REVOLUTIONARY_JUSTICE_ORGANIZATION_

ZORRO_LIBERATION_FRONT_ [IRNREB] #  kkl 21 Mar 13
+ZLF
+ZORRO_LIBERATION_FRONT_OF_IRAN_
"""


@pytest.fixture(scope="module")
def build_kb():
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "scripts" / "build_kb.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_kb"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(build_kb, tmp_path_factory):
    d = tmp_path_factory.mktemp("phoenix")
    (d / "Phoenix.Countries.actors.txt").write_text(COUNTRIES, encoding="utf-8")
    (d / "Phoenix.International.actors.txt").write_text(INTERNATIONAL, encoding="utf-8")
    (d / "Phoenix.MilNonState.actors.txt").write_text(MILNONSTATE, encoding="utf-8")
    return build_kb.build(d)


def by_name(built, name, etype=None):
    for d in built.actors.values():
        if (d.name == name or name in d.aliases) and (etype is None or d.type == etype):
            return d
    raise AssertionError(f"{name} not built")


def test_parse_blocks_codes_and_dates(build_kb, tmp_path):
    path = tmp_path / "Phoenix.Countries.actors.txt"
    path.write_text(COUNTRIES, encoding="utf-8")
    blocks = {b.root: b for b in build_kb.parse_phoenix(path)}
    khatami = blocks["MOHAMMAD_KHATAMI"]
    assert khatami.synonyms == ["HOJATOLISLAM_MOHAMMAD_KHATAMI_"]
    assert [(c.code, c.start, c.end) for c in khatami.codes] == [
        ("IRNELI", "1961-01-01", "1997-08-03"), ("IRNGOV", "1997-08-03", "2005-08-03"), ("IRNELI", None, None)]
    assert blocks["HASSAN_HABIBI_"].comment.startswith("CountryInfo")
    assert build_kb.parse_code(">20070101").code == ">20070101"  # malformed codes are kept as text
    assert build_kb.parse_code("IGOUNO >20070101").start == "2007-01-01"
    assert build_kb.parse_code("---") is None


def test_display_names(build_kb):
    assert build_kb.display("ISMAIL_HANIYA_") == "Ismail Haniya"
    assert build_kb.display("AL-QASSAM_BRIGADES") == "Al-Qassam Brigades"
    assert build_kb.display("IZZ_AD-DIN_AL_QASSAM") == "Izz Ad-Din al Qassam"
    assert build_kb.display("ANSF", body=True) == "ANSF"
    assert build_kb.display("ALEP") == "Alep"  # a place


def test_country_block_keeps_names_and_splits_cities(built):
    iran = built.actors["Q794"]
    assert "Islamic Republic Of Iran" in iran.aliases or "Islamic Republic of Iran" in iran.aliases
    assert not {"Tehran", "Isfahan", "Iranian"} & set(iran.aliases)
    isfahan = by_name(built, "Isfahan")
    assert isfahan.type == "GPE" and isfahan.affiliations[0] == {
        "to": "Q794", "relation": "located_in", "source": "phoenix"}
    assert by_name(built, "Dasht-e-Kavir Desert").type == "LOC"


def test_curated_corrections_apply(built):
    irgc = built.actors["selon:org:irgc"]
    assert "Revolutionary Guards" in irgc.aliases
    assert "Quds Force" not in irgc.aliases  # a unit, not a name of the IRGC
    hezbollah = built.actors["Q41053"]
    assert "Hizballah" in hezbollah.aliases and "Islamic Jihad" not in hezbollah.aliases
    assert not any("Nasrallah" in a for a in hezbollah.aliases)


def test_persons_become_members_with_dates(built):
    khatami = by_name(built, "Mohammad Khatami", "PERSON")
    govs = [a for a in khatami.affiliations if a.get("role") == "government"]
    assert govs == [{"to": "Q794", "relation": "office", "source": "phoenix", "code": "IRNGOV", "role": "government",
                     "start": "1997-08-03", "end": "2005-08-03"}]
    solana = by_name(built, "Javier Solana", "PERSON")
    assert any(a["to"] == "Q7184" and a["start"] == "1995-12-05" for a in solana.affiliations)
    # Nasrallah listed under Hezbollah joins the curated person, who stays a person.
    nasrallah = built.actors["selon:per:hassan-nasrallah"]
    assert nasrallah.type == "PERSON"


def test_other_bodies_in_a_block_are_linked_not_merged(built):
    rjo = by_name(built, "Revolutionary Justice Organization")
    assert rjo.id != "Q41053" and {"to": "Q41053", "relation": "coded_as", "source": "phoenix"} in rjo.affiliations
    zlf = by_name(built, "Zorro Liberation Front")
    assert "ZLF" in zlf.aliases and zlf.country == "IR"


def test_positions_are_not_actors(built):
    with pytest.raises(AssertionError):
        by_name(built, "UN Secretary General")


def test_output_is_valid_kb(built, tmp_path):
    from selon.entities.kb import read_jsonl

    out = tmp_path / "actors.jsonl"
    built.write(out)
    actors = list(read_jsonl(out.read_text(encoding="utf-8").splitlines(), str(out)))
    assert len(actors) == len(built.actors) > 600
    ids = {a.id for a in actors}
    for line in out.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        for aff in data.get("affiliations", []):
            assert aff["to"] in ids


def test_distinct_actors_sharing_an_alias_fail_the_build(build_kb, built):
    a, b = built.actors["selon:org:quds-force"], built.actors["selon:org:al-quds-brigades"]
    b.aliases.append(a.aliases[0])
    try:
        with pytest.raises(SystemExit, match="must-not-merge"):
            built.check()
    finally:
        b.aliases.pop()
