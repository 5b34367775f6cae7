#!/usr/bin/env python3
"""Build the shipped actor knowledge base, ``src/selon/data/actors.jsonl``.

    python scripts/build_kb.py [--phoenix DIR] [--out FILE] [--report]

Sources, merged in this order (an earlier source wins an id or an alias):

1. ``data/actors_curated.yaml`` — actors written by us, in French and English,
   with must-not-merge pairs and corrections to the Phoenix dictionaries;
2. ``data/outlets.yaml`` — outlet profiles (country, owner, state affiliation);
3. states from pycountry / CLDR (via babel) / rigour (Wikidata QIDs), with
   ``data/actors_countries.yaml`` (French adjectives, capitals, extra names);
   each state also gets its armed forces, government and foreign ministry;
4. the Phoenix (PETRARCH2) actor dictionaries, MIT licence, converted.

Phoenix codes *affiliation*, not identity: a block lists under one
organisation its leaders, its wings and sometimes other groups (Islamic Jihad
under Hezbollah, the al-Quds Brigades under the Qassam Brigades), and a
country block lists its cities.  The conversion therefore keeps as aliases
only the synonyms that are demonstrably the same name (spelling or
transliteration variants, acronyms of it, the name plus a generic word);
persons become their own actors with a ``member_of`` affiliation (dated where
Phoenix dates the code); other organisations become their own actors with an
unverified ``coded_as`` link; cities become places ``located_in`` the state.
The curated file drops what is plainly wrong before any of this.
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import countrynames
import pycountry
import yaml
from babel import Locale
from rigour.territories import get_territory

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from selon.entities import normalize as nz  # noqa: E402
from selon.entities.lexicon import adjective_forms  # noqa: E402

DATA = ROOT / "src" / "selon" / "data"
DEFAULT_PHOENIX = ROOT.parent.parent / "shared" / "kb-sources" / "phoenix"
PHOENIX_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                 "Phoenix.MilNonState.actors.txt")

# -- vocabularies for telling persons, organisations and places apart -----------------------
ORG_WORDS = frozenset("""
army armies force forces front brigade brigades battalion battalions movement party parties organization
organisation organizations group groups council committee committees union association associations league
jihad corps guard guards militia militias rebels rebel command authority authorities ministry ministries
government agency agencies service services bank banks center centre institute institution foundation fund
commission court tribunal assembly parliament congress senate police news times tv radio press university
school college company corporation inc ltd society network alliance coalition bloc division regiment unit units
cells cell squad team club church tribe tribes mujahideen mujahidin taliban hizb harakat jamaat jamaa jaish
jaysh liwa liwaa kataib kata saraya sarayat ansar jund tanzim fatah national revolutionary islamic democratic
liberation resistance republic state kingdom people peoples popular patriotic socialist communist workers
federation confederation office bureau department directorate secretariat administration agency program
programme project mission operation operations consortium enterprise enterprises industries industry airlines
airways media television broadcasting newspaper herald post journal daily tribune gazette telegraph channel
brotherhood sisterhood order fraternity guerrilla guerrillas insurgents militants fighters soldiers troops
martyrs nuclei faction factions cartel gang mafia syndicate nations international world global european
african arab asian american regional provincial municipal city county district village province
""".split())
PLACE_WORDS = frozenset("""
desert mountains mountain mount river sea lake island islands valley plateau gulf strait bay coast peninsula
region province state city town village district county territory territories border crossing camp base
airport port harbour harbor canal hills hill plain plains forest oasis cape
""".split())
LOC_WORDS = frozenset("""
desert mountains mountain mount river sea lake island islands valley plateau gulf strait bay coast peninsula
canal hills hill plain plains forest oasis cape crossing base airport port harbour harbor camp
""".split())
PERSON_TITLES = frozenset("""
president prime minister general gen sheikh sheik shaikh shaykh sayyid sayyed seyyed sayed syed ayatollah
ayatullah hojatolislam hojatoleslam hojjatoleslam imam mullah maulana mawlana mawlawi emir amir king queen
prince princess sultan dr mr mrs ms colonel col lt lieutenant major captain capt admiral marshal brigadier
secretary senator governor chairman commander chief foreign defense defence interior deputy vice former
lord sir baron baroness jonkheer rev reverend father bishop archbishop cardinal pope rabbi mufti grand
crown field sergeant sgt commodore ambassador spokesman spokeswoman envoy premier chancellor speaker
""".split())
# A root or synonym naming a position, not a person or body ("UN Secretary General"): not an actor.
POSITION_WORDS = frozenset("""
secretary president minister chief spokesman spokeswoman envoy ambassador official officials representative
chairman head leader leaders commander premier chancellor governor mayor speaker director deputy
""".split())
KUNYA = frozenset({"abu", "abou", "abi", "umm", "oum", "ibn", "bin", "ben"})
ARTICLES = frozenset({"al", "el", "ul", "ad", "ed", "an", "ar", "as", "ash", "at", "az", "ud", "ur"})
LOWER_IN_NAMES = frozenset({"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "les", "di",
                            "da", "van", "von", "der", "den", "bin", "ben", "ibn", "al", "el", "y", "e", "et",
                            "d", "l", "to", "a"})
SECTORS = {
    "GOV": "government", "ELI": "elite", "MIL": "military", "REB": "rebel", "OPP": "opposition",
    "LEG": "legislature", "JUD": "judiciary", "SPY": "intelligence", "MED": "media", "BUS": "business",
    "PTY": "party", "COP": "police", "HLH": "health", "EDU": "education", "NGO": "ngo", "IGO": "igo",
    "REF": "refugees", "HRI": "human rights", "LAB": "labour", "AGR": "agriculture", "ENV": "environment",
    "CRM": "criminal", "DEV": "development", "UAF": "armed", "CVL": "civilian", "REL": "religious",
    "MUS": "muslim", "SEP": "separatist", "INS": "insurgent", "RAD": "radical", "IMG": "militant group",
}


# -- Phoenix parsing -----------------------------------------------------------------------
@dataclass
class Code:
    code: str
    start: str | None = None
    end: str | None = None


@dataclass
class Block:
    root: str
    synonyms: list[str]
    codes: list[Code]
    comment: str
    file: str
    line: int


_CODE = re.compile(r"\[([^\]]*)\]")


def _date(raw: str) -> str | None:
    raw = raw.strip()
    if not raw.isdigit():
        return None
    if len(raw) == 6:
        yy = int(raw[:2])
        raw = ("20" if yy <= 14 else "19") + raw
    if len(raw) != 8:
        return None
    y, m, d = raw[:4], raw[4:6], raw[6:]
    if m == "00" or int(m) > 12:
        return y
    if d == "00" or int(d) > 31:
        return f"{y}-{m}"
    return f"{y}-{m}-{d}"


def parse_code(text: str) -> Code | None:
    parts = text.split()
    if not parts or parts[0] in ("---",) or parts[0].startswith("~"):
        return None
    code = Code(parts[0].upper())
    if len(parts) > 1:
        rng = parts[1]
        if rng.startswith(">"):
            code.start = _date(rng[1:])
        elif rng.startswith("<"):
            code.end = _date(rng[1:])
        elif "-" in rng:
            a, b = rng.split("-", 1)
            code.start, code.end = _date(a), _date(b)
    return code


def parse_phoenix(path: Path) -> list[Block]:
    blocks: list[Block] = []
    group: list[Block] = []  # roots that the next code lines apply to
    coded = False  # whether that group has received codes already
    current: Block | None = None
    for n, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if raw.lstrip().startswith("#") or not raw.strip():
            continue
        body, _, comment = raw.partition("#")
        codes = [c for c in (parse_code(m) for m in _CODE.findall(body)) if c]
        name = _CODE.sub(" ", body).strip()
        if name.startswith("+"):
            if current is not None and name[1:].strip():
                current.synonyms.append(name[1:].strip())
        elif name:
            current = Block("_".join(name.split()), [], [], comment.strip(), path.name, n)
            blocks.append(current)
            if coded:  # a root after coded ones starts a new group
                group, coded = [], False
            group.append(current)
        if codes or "[" in body:  # "[---]" codes nothing but still closes the group
            for b in group:
                b.codes.extend(codes)
            coded = True
    return blocks


# -- names -----------------------------------------------------------------------------------
def tokens(phoenix_name: str) -> list[str]:
    """Words of a Phoenix name, lower case ("AL-QASSAM_BRIGADES_" -> [al, qassam, brigades])."""
    return [w for w in re.split(r"[_\s\-.,()/+]+", phoenix_name.lower()) if w]


def display(phoenix_name: str, body: bool = False) -> str:
    """Readable form of a Phoenix name: "ISMAIL_HANIYA_" -> "Ismail Haniya"; a body's "ANSF" stays an acronym."""
    text = " ".join(phoenix_name.strip("_ ").replace("_", " ").split())
    if body and re.fullmatch(r"[A-Z]{2,4}", text):
        return text  # a short one-word name of a body is an acronym: "IDF", "ANSF", "UNDP"
    out = []
    for i, word in enumerate(re.split(r"(\s+|-)", text)):
        if not word or word.isspace() or word == "-":
            out.append(word)
            continue
        low = word.lower()
        bare = re.sub(r"[^a-z]", "", low)
        if bare and not re.search(r"[aeiouy]", bare) and len(bare) <= 6:
            out.append(word.upper())
        elif low in LOWER_IN_NAMES and i > 0:
            out.append(low)
        else:
            out.append("'".join(p[:1].upper() + p[1:] for p in low.split("'")) if "'" in low and not
                       low.startswith(("d'", "l'")) else low[:1].upper() + low[1:])
    result = "".join(out)
    return result[:1].upper() + result[1:]


def slug(text: str) -> str:
    return "-".join(nz.words(text))[:80] or "x"


# -- classification ----------------------------------------------------------------------------
def strip_titles(ws: list[str], demonyms: set[str]) -> list[str]:
    i = 0
    while i < len(ws) - 1 and (ws[i] in PERSON_TITLES or ws[i] in demonyms):
        i += 1
    return ws[i:]


def is_position(ws: list[str], given: set[str]) -> bool:
    """A position or role, not a named actor ("UN Secretary General", "World Bank President")."""
    if not any(w in POSITION_WORDS for w in ws):
        return False
    named = [w for w in ws if w not in POSITION_WORDS and w not in PERSON_TITLES and w not in ORG_WORDS]
    return not any(w in given for w in named) and len(ws) <= 6


def classify(ws: list[str], comment: str, given: set[str], demonyms: set[str]) -> str:
    if "countryinfo" in comment.lower() or "igorulers" in comment.lower():
        return "PERSON"
    core = strip_titles(ws, demonyms)
    if any(w in ORG_WORDS for w in core):
        return "ORG"
    if 1 <= len(core) <= 5 and (core[0] in given or core[0] in KUNYA) and len(core) >= 2:
        return "PERSON"
    if ws and ws[0] in PERSON_TITLES and ws[0] not in ("foreign", "defense", "defence", "interior") and len(core) >= 1 \
            and not any(w in PLACE_WORDS for w in core):
        return "PERSON"
    if any(w in LOC_WORDS for w in core):
        return "LOC"
    return "ORG"


def person_core(ws: list[str], demonyms: set[str]) -> list[str]:
    return [w for w in strip_titles(ws, demonyms) if w not in ARTICLES and len(w) > 1] or ws


def surname_code(ws: list[str], demonyms: set[str]) -> str:
    core = person_core(ws, demonyms)
    return nz.phon(core[-1]) if core else ""


def same_org_name(a: list[str], b: list[str]) -> bool:
    """Two organisation names that are one name: variants, acronym of it, or it plus generic words."""
    ca = [w for w in a if w not in nz.FUNCTION_WORDS and w not in ARTICLES]
    cb = [w for w in b if w not in nz.FUNCTION_WORDS and w not in ARTICLES]
    if not ca or not cb:
        return False
    sa, sb = " ".join(ca), " ".join(cb)
    if sa == sb or nz.plausible_variant(sa, sb) and nz.phon_key(ca) == nz.phon_key(cb):
        return True
    if len(ca) == 1 and len(cb) == 1 and len(ca[0]) >= 5 and nz.plausible_variant(sa, sb):
        return True
    ia = "".join(w[0] for w in ca if w not in ("and", "for", "on", "in"))
    ib = "".join(w[0] for w in cb if w not in ("and", "for", "on", "in"))
    if (len(ca) == 1 and len(ca[0]) >= 2 and ca[0] == ib) or (len(cb) == 1 and len(cb[0]) >= 2 and cb[0] == ia):
        return True
    generic = {"group", "organization", "organisation", "movement", "party", "the", "forces", "force"}
    xa, xb = set(ca) - generic, set(cb) - generic
    return bool(xa) and xa == xb


# -- the KB being built ----------------------------------------------------------------------
@dataclass
class Draft:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    affiliations: list[dict[str, Any]] = field(default_factory=list)
    distinct: list[str] = field(default_factory=list)
    capital_of: str | None = None
    outlet: dict[str, Any] | None = None
    source: str = "phoenix"
    codes: list[str] = field(default_factory=list)

    def add_alias(self, alias: str) -> None:
        alias = nz.squash_spaces(alias)
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "type": self.type}
        out["aliases"] = sorted(set(self.aliases) - {self.name}, key=lambda s: (nz.fold(s), s))
        for k in ("country", "capital_of", "outlet"):
            if getattr(self, k):
                out[k] = getattr(self, k)
        if self.affiliations:
            seen: set[str] = set()
            affs = []
            for a in self.affiliations:
                sig = json.dumps(a, sort_keys=True)
                if sig not in seen:
                    seen.add(sig)
                    affs.append(a)
            out["affiliations"] = affs
        if self.distinct:
            out["distinct"] = sorted(set(self.distinct))
        if self.codes:
            out["codes"] = sorted(set(self.codes))
        out["source"] = self.source
        return out


class Builder:
    def __init__(self, phoenix_dir: Path) -> None:
        self.phoenix_dir = phoenix_dir
        self.curated: dict[str, Any] = yaml.safe_load((DATA / "actors_curated.yaml").read_text(encoding="utf-8"))
        self.countries_data: dict[str, Any] = yaml.safe_load(
            (DATA / "actors_countries.yaml").read_text(encoding="utf-8"))
        self.actors: dict[str, Draft] = {}
        self.key_owner: dict[tuple[str, str], str] = {}  # (type, key) -> id of a curated/state actor
        self.alpha3: dict[str, str] = {}  # CAMEO/ISO alpha-3 -> ISO alpha-2
        self.country_id: dict[str, str] = {}  # ISO alpha-2 -> actor id
        self.demonyms: set[str] = set()
        self.stats: Counter[str] = Counter()
        self.notes: list[str] = []

    # -- helpers --------------------------------------------------------------
    def new_id(self, prefix: str, name: str, country: str | None = None) -> str:
        base = f"selon:{prefix}:{slug(name)}"
        if base not in self.actors:
            return base
        if country:
            alt = f"{base}-{country.lower()}"
            if alt not in self.actors:
                return alt
        n = 2
        while f"{base}-{n}" in self.actors:
            n += 1
        return f"{base}-{n}"

    def add(self, draft: Draft) -> Draft:
        if draft.id in self.actors:
            raise SystemExit(f"duplicate actor id {draft.id}")
        self.actors[draft.id] = draft
        if draft.source in ("curated", "outlets", "countries", "generated"):
            for name in [draft.name, *draft.aliases]:
                self.key_owner.setdefault((draft.type, nz.key(name)), draft.id)
        return draft

    def owner_of(self, etype: str, name: str) -> Draft | None:
        found = self.key_owner.get((etype, nz.key(name)))
        return self.actors.get(found) if found else None

    # -- 1. curated -------------------------------------------------------------
    def load_curated(self) -> None:
        for entry in self.curated.get("actors", []):
            aliases = entry.get("aliases") or []
            if isinstance(aliases, dict):
                aliases = [a for lang in aliases.values() for a in (lang or [])]
            d = Draft(id=entry["id"], name=entry["name"], type=entry["type"], country=entry.get("country"),
                      source="curated", capital_of=entry.get("capital_of"))
            for a in aliases:
                d.add_alias(a)
            for aff in entry.get("affiliations") or []:
                d.affiliations.append({"source": "curated", **aff})
            self.add(d)

    def load_distinct(self) -> None:
        """Must-not-merge pairs from the curated file (after every source has created its actors)."""
        for a, b in self.curated.get("distinct", []):
            for x, y in ((a, b), (b, a)):
                if x not in self.actors:
                    raise SystemExit(f"distinct pair names unknown actor {x}")
                self.actors[x].distinct.append(y)

    # -- 2. outlets ----------------------------------------------------------------
    def load_outlets(self) -> None:
        for entry in yaml.safe_load((DATA / "outlets.yaml").read_text(encoding="utf-8")):
            existing = self.owner_of("ORG", entry["name"])
            profile = {k: entry[k] for k in ("country", "owner", "state_affiliated", "kind", "domains")
                       if entry.get(k) is not None}
            if existing is not None:
                d = existing
            else:
                d = self.add(Draft(id=entry.get("kb_id") or self.new_id("outlet", entry["name"]),
                                   name=entry["name"], type="ORG", country=entry.get("country"), source="outlets"))
            d.outlet = profile
            for a in entry.get("aliases") or []:
                d.add_alias(a)
                self.key_owner.setdefault(("ORG", nz.key(a)), d.id)
            self.stats["outlets"] += 1

    # -- 3. states --------------------------------------------------------------------
    def load_states(self) -> None:
        fr_names = Locale("fr").territories
        en_names = Locale("en").territories
        fr_iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
        extra = self.countries_data.get("countries", {})
        for c in pycountry.countries:
            a2 = c.alpha_2
            self.alpha3[c.alpha_3] = a2
            info = extra.get(a2) or {}
            terr = get_territory(a2.lower())
            qid = terr.qid if terr is not None and terr.qid else None
            name_fr = info.get("name") or fr_names.get(a2) or fr_iso.gettext(c.name)
            cid = info.get("id") or qid or f"selon:gpe:{a2.lower()}"
            if cid in self.actors:  # curated already (e.g. with more aliases)
                d = self.actors[cid]
            else:
                d = self.add(Draft(id=cid, name=name_fr, type="GPE", country=a2, source="countries"))
            names = [name_fr, en_names.get(a2), c.name, getattr(c, "common_name", None),
                     getattr(c, "official_name", None), *(info.get("aliases") or [])]
            off = getattr(c, "official_name", None)
            if off:
                names.append(fr_iso.gettext(off))
            if terr is not None:
                names += [terr.name, terr.full_name]
            for n in names:
                if n and "," not in n and "\n" not in n:
                    d.add_alias(n)
                    self.key_owner.setdefault(("GPE", nz.key(n)), d.id)
            self.country_id[a2] = d.id
            self.stats["states"] += 1
        for code, a2 in (self.countries_data.get("cameo_codes") or {}).items():
            self.alpha3[code] = a2
        self.demonyms = self._english_demonyms()

    def _english_demonyms(self) -> set[str]:
        """English adjectives of nationality seen in Phoenix ("iranian", "israeli"): stripped from names."""
        out: set[str] = set()
        for info in (self.countries_data.get("countries") or {}).values():
            for adj in info.get("en_adj") or []:
                out.add(nz.fold(adj))
        return out

    def load_state_bodies(self) -> None:
        """Capitals (metonyms), armed forces, government and foreign ministry of every state we describe."""
        for a2, info in (self.countries_data.get("countries") or {}).items():
            cid = self.country_id.get(a2)
            if cid is None:
                self.notes.append(f"actors_countries.yaml: unknown country code {a2}")
                continue
            state = self.actors[cid]
            caps = info.get("capital") or []
            if caps:
                existing = self.owner_of("GPE", caps[0])
                if existing is not None and existing.id != cid and existing.type == "GPE":
                    cap = existing
                else:
                    cap = self.add(Draft(id=self.new_id("gpe", caps[0], a2), name=caps[0], type="GPE", country=a2,
                                         source="countries"))
                cap.capital_of = cid
                for n in caps:
                    cap.add_alias(n)
                    self.key_owner.setdefault(("GPE", nz.key(n)), cap.id)
                cap.affiliations.append({"to": cid, "relation": "capital_of", "source": "countries"})
            adj = info.get("adj")
            if not adj:
                continue
            forms = adjective_forms(adj, info.get("adj_f"))
            state.add_alias(f"État {forms['ms']}")  # "l'État libanais"
            self.key_owner.setdefault(("GPE", nz.key(f"État {forms['ms']}")), cid)
            en = (info.get("en_adj") or [None])[0]
            bodies = {
                "mil": ("armée {fs}", ["armée {fs}", "forces armées {fp}", "militaires {mp}", "soldats {mp}",
                                       "officiers {mp}", "troupes {fp}"],
                        ["{en} army", "{en} armed forces", "{en} military"], "military_of"),
                "gov": ("gouvernement {ms}", ["gouvernement {ms}", "autorités {fp}", "exécutif {ms}"],
                        ["{en} government"], "government_of"),
                "mfa": ("ministère {ms} des Affaires étrangères",
                        ["ministère {ms} des Affaires étrangères", "ministère des Affaires étrangères {ms}",
                         "diplomatie {fs}"], ["{en} Foreign Ministry", "{en} foreign ministry"], "ministry_of"),
            }
            for kind, (name_t, fr_t, en_t, relation) in bodies.items():
                bid = f"selon:{kind}:{a2.lower()}"
                name = name_t.format(**forms)
                if bid in self.actors:
                    d = self.actors[bid]
                else:
                    d = self.add(Draft(id=bid, name=name[:1].upper() + name[1:], type="ORG", country=a2,
                                       source="generated"))
                for t in fr_t:
                    d.add_alias(t.format(**forms))
                if en:
                    for t in en_t:
                        d.add_alias(t.format(en=en))
                for n in d.aliases:
                    self.key_owner.setdefault(("ORG", nz.key(n)), d.id)
                d.affiliations.append({"to": cid, "relation": relation, "source": "generated"})
                d.distinct.append(cid)
                state.distinct.append(bid)
                self.stats["state bodies"] += 1

    # -- 4. Phoenix ------------------------------------------------------------------------------
    def load_phoenix(self) -> None:
        blocks: list[Block] = []
        for name in PHOENIX_FILES:
            path = self.phoenix_dir / name
            if not path.is_file():
                raise SystemExit(f"missing Phoenix file {path}")
            blocks.extend(parse_phoenix(path))
        fixes = self.curated.get("phoenix_fixes") or {}
        drop_roots = {r.strip("_").upper() for r in fixes.get("drop_roots") or []}
        drop_syn = {k.strip("_").upper(): {s.strip("_").upper() for s in v}
                    for k, v in (fixes.get("drop_synonyms") or {}).items()}
        adopt = {k.strip("_").upper(): v for k, v in (fixes.get("adopt") or {}).items()}
        self.code_orgs: dict[str, str] = fixes.get("code_orgs") or {}
        given: set[str] = set()
        for b in blocks:
            if "countryinfo" in b.comment.lower() or "igorulers" in b.comment.lower():
                ws = strip_titles(tokens(b.root), self.demonyms)
                if len(ws) >= 2 and len(ws[0]) >= 3 and ws[0] not in ORG_WORDS and ws[0] not in ARTICLES:
                    given.add(ws[0])
        given -= ORG_WORDS | PLACE_WORDS | self.demonyms
        self.given = given
        self.stats["phoenix blocks"] = len(blocks)
        persons_by_key: dict[tuple[str, str], Draft] = {}
        for b in blocks:
            root = b.root.strip("_").upper()
            if root in drop_roots:
                self.stats["phoenix roots dropped (curated)"] += 1
                continue
            syns = [s for s in b.synonyms if s.strip("_").upper() not in drop_syn.get(root, set())]
            self.stats["phoenix synonyms dropped (curated)"] += len(b.synonyms) - len(syns)
            self._convert(b, syns, adopt.get(root), persons_by_key)

    def _country_of(self, codes: list[Code]) -> str | None:
        for c in codes:
            a2 = self.alpha3.get(c.code[:3])
            if a2:
                return a2
        return None

    def _code_affiliations(self, codes: list[Code]) -> list[dict[str, Any]]:
        out = []
        for c in codes:
            target = None
            for prefix in sorted(self.code_orgs, key=len, reverse=True):
                if c.code.startswith(prefix):
                    target = self.code_orgs[prefix]
                    break
            sector = None
            a2 = self.alpha3.get(c.code[:3])
            if target is None and a2:
                target = self.country_id.get(a2)
                rest = c.code[3:6]
                sector = SECTORS.get(rest, rest.lower() or None)
            if target is None:
                continue
            aff: dict[str, Any] = {"to": target, "relation": "office" if sector else "member_of",
                                   "source": "phoenix", "code": c.code}
            if sector:
                aff["role"] = sector
            if c.start:
                aff["start"] = c.start
            if c.end:
                aff["end"] = c.end
            out.append(aff)
        return out

    def _convert(self, b: Block, syns: list[str], adopt_id: str | None,
                 persons_by_key: dict[tuple[str, str], Draft]) -> None:
        ws = tokens(b.root)
        if not ws or len(ws) > 14:
            return
        country = self._country_of(b.codes)
        code_strs = [c.code for c in b.codes]
        # A country block: the state's own spelling variants are aliases; its cities are places in it.
        a2_root = None
        if len(b.codes) == 1 and len(b.codes[0].code) == 3 and self.alpha3.get(b.codes[0].code):
            a2_root = self.alpha3[b.codes[0].code]
        if a2_root and b.file.startswith("Phoenix.Countries") and a2_root in self.country_id \
                and countrynames.to_code(display(b.root)) == a2_root:
            self._country_block(self.actors[self.country_id[a2_root]], b.root, syns)
            return
        etype = classify(ws, b.comment, self.given, self.demonyms)
        if etype != "PERSON" and is_position(ws, self.given):
            self.stats["phoenix positions skipped"] += 1
            return
        if adopt_id:
            if adopt_id not in self.actors:
                raise SystemExit(f"phoenix_fixes.adopt names unknown actor {adopt_id}")
            head = self.actors[adopt_id]
        elif etype == "PERSON":
            head = self._person(b.root, country, code_strs, persons_by_key, b)
        else:
            region = len(b.codes) == 1 and len(b.codes[0].code) == 6 and b.codes[0].code[:3] in self.alpha3 \
                and b.codes[0].code[3:] not in SECTORS and b.file.startswith("Phoenix.Countries") \
                and not any(w in ORG_WORDS for w in ws)
            if region:
                etype = "GPE"
            name = display(b.root, body=etype == "ORG")
            head = self.owner_of(etype, name)
            if head is None:
                head = self.add(Draft(id=self.new_id(etype.lower()[:3], name, country),
                                      name=name, type=etype, country=country, codes=code_strs))
                self.stats[f"phoenix {etype}"] += 1
            if etype == "GPE" and country and country in self.country_id and head.source == "phoenix":
                head.affiliations.append({"to": self.country_id[country], "relation": "located_in",
                                          "source": "phoenix"})
        if head.type != "PERSON" and head.source == "phoenix":
            head.affiliations.extend(a for a in self._code_affiliations(b.codes) if a["relation"] == "member_of")
        head_ws = [tokens(b.root)] + [tokens(a) for a in head.aliases]
        for syn in syns:
            sws = tokens(syn)
            if not sws or len(sws) > 14:
                continue
            stype = classify(sws, "", self.given, self.demonyms)
            if head.type == "PERSON":
                if stype == "PERSON" or len(person_core(sws, self.demonyms)) == 1:
                    if surname_code(sws, self.demonyms) == surname_code(tokens(b.root), self.demonyms) or \
                            surname_code(sws, self.demonyms) in {surname_code(h, self.demonyms) for h in head_ws}:
                        head.add_alias(display(" ".join(person_core(sws, self.demonyms))))
                        continue
                    other = self._person(syn, country, code_strs, persons_by_key, b)
                    self.stats["phoenix persons split from a person block"] += 1
                    del other
                continue  # a body listed under a person is a position or an error
            if stype == "PERSON":
                p = self._person(syn, country, code_strs, persons_by_key, b)
                p.affiliations.append({"to": head.id, "relation": "member_of", "source": "phoenix",
                                       **_dates(b.codes)})
                self.stats["phoenix persons split from an organisation"] += 1
                continue
            if is_position(sws, self.given):
                continue
            body = head.type == "ORG"
            if any(same_org_name(sws, h) for h in head_ws) or (
                    head.source != "phoenix" and self.owner_of(head.type, display(syn, body)) is head):
                head.add_alias(display(syn, body))
                head_ws.append(sws)
                continue
            # A different body coded with this one: its own actor, linked but not merged.
            stype = "LOC" if any(w in LOC_WORDS for w in sws) else ("ORG" if head.type == "ORG" else stype)
            other = self.owner_of(stype, display(syn, stype == "ORG"))
            if other is None:
                name = display(syn, stype == "ORG")
                other = self.add(Draft(id=self.new_id(stype.lower()[:3], name, country), name=name,
                                       type=stype, country=country, codes=code_strs))
                self.stats[f"phoenix {stype} split from a block"] += 1
            if other.source == "phoenix" and other.id != head.id:
                other.affiliations.append({"to": head.id, "relation": "coded_as", "source": "phoenix"})

    def _country_block(self, state: Draft, root: str, syns: list[str]) -> None:
        a2 = state.country
        known = [tokens(n) for n in [root, state.name, *state.aliases]]
        known_words = {w for ws in known for w in ws if len(w) > 3 and w not in ("state", "republic", "kingdom")}
        for syn in syns:
            sws = tokens(syn)
            name = display(syn)
            if not sws:
                continue
            if nz.fold(name) in self.demonyms or _looks_adjectival(sws, known_words):
                continue
            # The state's own name: a spelling variant of a known name, or a longer form containing it
            # ("Islamic Republic of Iran").  countrynames alone is not enough: it maps capitals too.
            variant = any(nz.plausible_variant(" ".join(sws), " ".join(k)) for k in known)
            if variant or (len(sws) >= 2 and known_words & set(sws) and countrynames.to_code(name) == a2):
                state.add_alias(name)
                continue
            if len(sws) >= 3 and not any(w in PLACE_WORDS for w in sws) and ("of" in sws or "the" in sws):
                continue  # nicknames ("the graveyard of empires") and historical states
            etype = "LOC" if any(w in LOC_WORDS for w in sws) else "GPE"
            place = self.owner_of(etype, name)
            if place is None:
                place = self.add(Draft(id=self.new_id(etype.lower(), name, a2), name=name, type=etype, country=a2))
                self.stats[f"phoenix {etype} places"] += 1
            if place.source == "phoenix":
                place.affiliations.append({"to": state.id, "relation": "located_in", "source": "phoenix"})

    def _person(self, phoenix_name: str, country: str | None, codes: list[str],
                persons_by_key: dict[tuple[str, str], Draft], b: Block) -> Draft:
        ws = person_core(tokens(phoenix_name), self.demonyms)
        name = display(" ".join(ws))
        full = [w for w in ws if len(w) > 1]
        k = (" ".join(full), country or "")
        existing = persons_by_key.get(k) or self.owner_of("PERSON", name)
        if existing is not None:
            if existing.source == "phoenix":
                existing.affiliations.extend(self._code_affiliations(b.codes))
                existing.codes.extend(codes)
            return existing
        p = self.add(Draft(id=self.new_id("per", name, country), name=name, type="PERSON", country=country,
                           codes=list(codes)))
        p.affiliations.extend(self._code_affiliations(b.codes))
        persons_by_key[k] = p
        self.stats["phoenix PERSON"] += 1
        return p

    def drop_person_orgs(self) -> None:
        """Phoenix lists some leaders inside an organisation block ("XI_JINPING [CHNGOV]"), which made an
        ORG of a person the persons file also has: the person is the actor; the stray ORG goes, unless
        another actor points at it."""
        persons = {nz.key(d.name) for d in self.actors.values() if d.type == "PERSON"}
        candidates = {d.id: nz.key(d.name) for d in self.actors.values()
                      if d.type == "ORG" and d.source == "phoenix" and nz.key(d.name) in persons}
        cited = {o for d in self.actors.values() for o in d.distinct}
        for d in self.actors.values():  # a citation by the person of that same name does not count
            cited.update(aff.get("to") for aff in d.affiliations
                         if aff.get("to") in candidates and nz.key(d.name) != candidates[aff.get("to")])
        stray = set(candidates) - cited
        for actor_id in stray:
            del self.actors[actor_id]
        for d in self.actors.values():
            d.affiliations = [aff for aff in d.affiliations if aff.get("to") not in stray]
        self.stats["phoenix ORG that were persons, dropped"] += len(stray)

    # -- checks and output -----------------------------------------------------------------------
    def check(self) -> None:
        keys: dict[str, set[str]] = defaultdict(set)
        for d in self.actors.values():
            for n in [d.name, *d.aliases]:
                keys[nz.key(n)].add(d.id)
            for other in d.distinct:
                if other not in self.actors:
                    raise SystemExit(f"{d.id}: distinct names unknown actor {other}")
            for aff in d.affiliations:
                if aff.get("to") not in self.actors:
                    raise SystemExit(f"{d.id}: affiliation to unknown actor {aff.get('to')}")
        for d in self.actors.values():
            for other in d.distinct:
                shared = {nz.key(n) for n in [d.name, *d.aliases]} & \
                         {nz.key(n) for n in [self.actors[other].name, *self.actors[other].aliases]}
                if shared:
                    raise SystemExit(f"must-not-merge actors {d.id} and {other} share aliases {sorted(shared)}")

    def write(self, out: Path) -> None:
        with out.open("w", encoding="utf-8") as fh:
            for d in self.actors.values():
                fh.write(json.dumps(d.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n")


def _dates(codes: list[Code]) -> dict[str, str]:
    out = {}
    for c in codes:
        if c.start:
            out["start"] = c.start
        if c.end:
            out["end"] = c.end
        if out:
            break
    return out


def _looks_adjectival(ws: list[str], known_words: set[str]) -> bool:
    """"Iranian", "Israelis", "Syrien": an adjective or a people derived from the state's name."""
    w = ws[-1]
    return len(ws) == 1 and any(w[:4] == k[:4] for k in known_words) and w not in known_words and w.endswith(
        ("ian", "ians", "ese", "ish", "is", "im", "i", "ans", "an", "ien", "iens", "ais", "ois"))


def build(phoenix_dir: Path) -> Builder:
    b = Builder(phoenix_dir)
    b.load_curated()
    b.load_outlets()
    b.load_states()
    b.load_state_bodies()
    b.load_phoenix()
    b.load_distinct()
    b.drop_person_orgs()
    b.check()
    return b


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phoenix", type=Path, default=DEFAULT_PHOENIX, help="directory of the Phoenix .actors.txt files")
    ap.add_argument("--out", type=Path, default=DATA / "actors.jsonl")
    ap.add_argument("--report", action="store_true", help="print counts by type and source")
    args = ap.parse_args(list(argv) if argv is not None else None)
    b = build(args.phoenix)
    b.write(args.out)
    if args.out.resolve() == (DATA / "actors.jsonl").resolve():
        from selon.entities.kb import INDEX_FILE, KnowledgeBase, read_shipped, write_index
        from selon.entities.lexicon import lexicon

        n = write_index(KnowledgeBase(read_shipped(), stoplist=lexicon().not_names), DATA / INDEX_FILE)
        print(f"{n} alias keys -> {DATA / INDEX_FILE}", file=sys.stderr)
    by_type = Counter(d.type for d in b.actors.values())
    by_source = Counter(d.source for d in b.actors.values())
    print(f"{len(b.actors)} actors -> {args.out}", file=sys.stderr)
    if args.report:
        print("by type:", dict(sorted(by_type.items())), file=sys.stderr)
        print("by source:", dict(sorted(by_source.items())), file=sys.stderr)
        for k, v in sorted(b.stats.items()):
            print(f"  {k}: {v}", file=sys.stderr)
        for note in b.notes:
            print("note:", note, file=sys.stderr)
    return 0


def iter_actor_lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


if __name__ == "__main__":
    sys.exit(main())
