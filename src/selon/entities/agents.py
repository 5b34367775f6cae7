"""Groups named by a common noun: "la junte", "les rebelles", "l'armée", "la police", "les manifestants".

The French press names most actors outside the capitals' diplomacy this way, and an event coder
that only knows names drops them (PETRARCH codes them with its agents dictionary and the country
from context).  The nouns and their sectors are data (``data/agents_fr.yaml``).  A mention is made
where such a noun heads a definite or plural noun phrase that no name already covers; its span is
the noun with its adjectives ("armée malienne", "forces spéciales guinéennes").  An army or a
government whose country is known (a nationality adjective, "de la RDC", or the one country the
document gives that sector) is the KB's generated actor for it ("selon:mil:ml"), so "l'armée" and
"l'armée malienne" are one entity; other groups are entities of their own, one per noun phrase
text, folded by the resolver like names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy
from spacy.attrs import POS
from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Doc, Token

from selon.data import load_yaml
from selon.entities import normalize as nz
from selon.entities.kb import KnowledgeBase
from selon.entities.lexicon import Lexicon
from selon.entities.mentions import Mention
from selon.entities.resolve import Cluster

# Determiners that make a group definite, or a plural count of it ("des", "de" after a quantity).
DETERMINERS = frozenset({"le", "la", "les", "l", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs",
                         "des", "du", "de", "d", "aux", "au", "plusieurs", "nombreux", "nombreuses", "certains",
                         "certaines", "quelques", "tous", "toutes", "notre", "nos", "votre", "vos"})
# Sectors where a named body in the complement is the group itself ("les rebelles du M23" is the M23,
# "l'armée du Hezbollah" the Hezbollah): no mention of their own there.
NAMED_BY_COMPLEMENT = frozenset({"military", "government", "junta", "rebels", "jihadists", "opposition", "police",
                                 "supporters", "management"})
GENITIVE_CASES = frozenset({"de", "du", "des", "d"})
NOUN_IDS = numpy.array([NOUN, PROPN], dtype="uint64")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")  # a word, not a token the tokenizer left with its period


@dataclass(frozen=True)
class AgentTable:
    forms: dict[tuple[str, ...], tuple[str, bool]]  # folded words -> (sector, needs a country)
    kb_sector: dict[str, str]  # sector -> prefix of the KB's generated state actors ("mil")
    etype: dict[str, str]  # sector -> entity type
    max_words: int
    first_words: frozenset[str]  # the first word of every form: most tokens stop at this look-up


@cache
def agent_table() -> AgentTable:
    """The shipped agent nouns (``data/agents_fr.yaml``), compiled once per process."""
    data = load_yaml("agents_fr.yaml").get("sectors") or {}
    forms: dict[tuple[str, ...], tuple[str, bool]] = {}
    kb_sector: dict[str, str] = {}
    etype: dict[str, str] = {}
    for sector, info in data.items():
        etype[str(sector)] = str(info.get("type") or "ORG")
        if info.get("kb"):
            kb_sector[str(sector)] = str(info["kb"])
        for qualified, key in ((False, "nouns"), (True, "qualified")):
            for noun in info.get(key) or []:
                for ws in _variants(nz.words(nz.fold(str(noun)))):
                    forms.setdefault(ws, (str(sector), qualified))
    return AgentTable(forms, kb_sector, etype, max((len(k) for k in forms), default=1),
                      frozenset(k[0] for k in forms))


def _variants(ws: list[str]) -> list[tuple[str, ...]]:
    """The form and its other number on the first word ("policiers" / "policier", "autorité" / "autorités")."""
    if not ws:
        return []
    head = ws[0]
    other = head[:-1] if head.endswith("s") and len(head) > 3 else head + "s"
    return [tuple(ws), (other, *ws[1:])]


@dataclass
class Agent:
    """A group mention with its sector and country (ISO code, or None when the phrase does not say)."""
    mention: Mention
    sector: str
    country: str | None


def find_agents(doc: Doc, mentions: list[Mention], kb: KnowledgeBase, lex: Lexicon) -> list[Agent]:
    """Mentions of groups named by a common noun, outside the names already found."""
    table = agent_table()
    taken: dict[int, Mention] = {t: m for m in mentions for t in range(m.span_start, m.end)}
    found: list[Agent] = []
    after = 0  # tokens before this index are inside a group found already
    for i in _noun_candidates(doc, table):
        if i < after:
            continue
        hit = _match(doc, i, table, taken)
        if hit is None:
            continue
        end, sector, qualified = hit
        head = doc[i]
        end = _adjectives(doc, head, end, taken)
        after = end
        if not _definite(doc, i) or _named_complement(head, end, taken, sector, table.etype[sector]):
            continue
        country = _country(doc, head, i, end, taken, kb, lex)
        if qualified and country is None:
            continue
        found.append(Agent(Mention(i, end, table.etype[sector], [], "agent"), sector, country))
    _link_states(found, mentions, table, kb)
    return found


def _noun_candidates(doc: Doc, table: AgentTable) -> list[int]:
    """Indexes of the nouns whose word or lemma starts an agent form (read from the arrays, not token by token)."""
    if not len(doc):
        return []
    pos = doc.to_array([POS])
    out = []
    for i in numpy.flatnonzero(numpy.isin(pos, NOUN_IDS)).tolist():
        tok = doc[i]
        if _first_word(tok.text) in table.first_words or _first_word(tok.lemma_) in table.first_words:
            out.append(i)
    return out


def _match(doc: Doc, i: int, table: AgentTable, taken: dict[int, Mention]) -> tuple[int, str, bool] | None:
    """The longest agent form starting at token i: (end, sector, needs a country)."""
    tok = doc[i]
    if i in taken or (tok.text[:1].isupper() and not tok.is_sent_start) \
            or not WORD.fullmatch(tok.text):
        return None
    for n in range(min(table.max_words, len(doc) - i), 0, -1):
        if any(j in taken for j in range(i, i + n)):
            continue
        per_token = [nz.words(nz.fold(t.text)) for t in doc[i:i + n]]
        if not all(per_token):  # a punctuation token is not part of the form
            continue
        ws = tuple(w for t_words in per_token for w in t_words)
        got = table.forms.get(ws)
        if got is None and n == 1:
            got = table.forms.get(tuple(nz.words(nz.fold(tok.lemma_))))
        if got is not None:
            return i + n, got[0], got[1]
    return None


@lru_cache(maxsize=50_000)
def _first_word(text: str) -> str:
    """The first folded word of a token ("marins-pêcheurs" -> "marins")."""
    return nz.fold(text).split(" ", 1)[0]


def _definite(doc: Doc, i: int) -> bool:
    """A determiner (or a count) before the noun, over adjectives: "les forces", "des milliers de manifestants",
    "les nombreux manifestants"; not "une armée de ..." (indefinite singular) nor a bare noun in a title."""
    j = i - 1
    while j >= 0 and doc[j].pos_ == "ADJ":
        j -= 1
    if j < 0:
        return False
    prev = doc[j]
    word = nz.fold(prev.text).rstrip("'’")
    if word in ("un", "une"):  # like_num says yes to the indefinite article
        return False
    return word in DETERMINERS or prev.pos_ == "NUM" or prev.like_num


def _named_complement(head: Token, end: int, taken: dict[int, Mention], sector: str, etype: str) -> bool:
    """ "les rebelles du M23", "l'armée du Hezbollah", "la base militaire de Kissufim": a named body in the
    noun's complement or apposition is the group itself, and a named place the site itself; so are
    several states ("les gouvernements du Tchad, du Cameroun et du Gabon" are three)."""
    if sector not in NAMED_BY_COMPLEMENT and etype != "LOC":
        return False
    states = 0
    after = {c.i: c for c in head.children if c.dep_ in ("nmod", "appos", "flat:name") and c.i > head.i}
    doc = head.doc
    if end + 1 < len(doc) and nz.fold(doc[end].text).rstrip("'’") in GENITIVE_CASES and end + 1 in taken:
        after.setdefault(end + 1, doc[end + 1])  # "la base militaire israélienne de Kisofim", under the adjective
    for c in after.values():
        m = taken.get(c.i)
        if m is None:
            continue
        if etype == "LOC" or not (m.etype == "GPE" and m.kb):  # a state or city says whose group it is
            return True
        states += 1 + sum(1 for g in c.children if g.dep_ == "conj" and g.i in taken)
    return states > 1


def _adjectives(doc: Doc, head: Token, end: int, taken: dict[int, Mention]) -> int:
    """The span goes on over the adjectives right after it ("armée malienne", "forces spéciales guinéennes")."""
    j = end
    while j < len(doc) and j not in taken and doc[j].head.i in range(head.i, j) and (
            doc[j].pos_ == "ADJ" or doc[j].dep_ == "amod" and doc[j].text.islower()):  # "kényans" tagged PROPN
        j += 1
    return j


def _country(doc: Doc, head: Token, start: int, end: int, taken: dict[int, Mention], kb: KnowledgeBase,
             lex: Lexicon) -> str | None:
    """The ISO code of the group's country: a nationality adjective in the span, or a state or city
    in a "de" complement ("l'armée du Mali", "les autorités de Kinshasa")."""
    for t in doc[start:end]:
        code = lex.adjectives.get(nz.fold(t.text))
        if code:
            return code
    for c in head.children:
        if c.dep_ != "nmod" or c.i < end:
            continue
        case = next((nz.fold(g.text).rstrip("'’") for g in c.children if g.dep_ == "case"), None)
        m = taken.get(c.i)
        if case in GENITIVE_CASES and m is not None and m.kb and m.etype == "GPE":
            actor = kb.get(m.kb[0])
            if actor is not None and actor.country:
                return actor.country
    return None


def _link_states(found: list[Agent], mentions: list[Mention], table: AgentTable,
                 kb: KnowledgeBase) -> None:
    """An army or a government is the KB's actor for its country; with no country in its phrase, the one
    country the document gives that sector (an earlier "armée malienne", a named "Gouvernement malien")."""
    known: dict[str, set[str]] = {}
    for m in mentions:
        for s, prefix in table.kb_sector.items():
            if m.kb and m.kb[0].startswith(f"selon:{prefix}:"):
                known.setdefault(s, set()).add(m.kb[0].rsplit(":", 1)[1].upper())
    for a in found:
        if a.country and a.sector in table.kb_sector:
            known.setdefault(a.sector, set()).add(a.country)
    for a in found:
        sector_prefix = table.kb_sector.get(a.sector)
        if sector_prefix is None:
            continue
        codes = known.get(a.sector) or set()
        code = a.country or (next(iter(codes)) if len(codes) == 1 else None)
        actor_id = f"selon:{sector_prefix}:{code.lower()}" if code else None
        if actor_id and kb.get(actor_id) is not None:
            a.mention.kb = [actor_id]


def fold_sectors(clusters: list[Cluster], agents: list[Agent]) -> list[Cluster]:
    """One entity per group of the story: the group mentions of one sector and country that the KB does
    not know are one actor whatever noun names them ("les manifestants" / "les protestataires",
    "les syndicats" / "l'intersyndicale"); a mention with no country joins the sector's one country."""
    by_mention = {id(a.mention): a for a in agents}
    groups: dict[str, list[tuple[Cluster, str | None]]] = {}
    for c in clusters:
        own = [by_mention.get(id(m)) for m in c.mentions]
        if c.kb_id or not own or any(a is None for a in own):
            continue
        sectors = {a.sector for a in own if a}
        countries = {a.country for a in own if a and a.country}
        if len(sectors) == 1 and len(countries) <= 1:
            groups.setdefault(sectors.pop(), []).append((c, next(iter(countries), None)))
    for members in groups.values():
        countries = {country for _, country in members if country}
        if len(countries) > 1:
            continue  # "les policiers kényans" and "la police haïtienne" are two forces
        first = members[0][0]
        for c, _ in members[1:]:
            for m in c.mentions:
                m.cluster = first.index
            first.mentions.extend(c.mentions)
            c.mentions = []
    return [c for c in clusters if c.mentions]
