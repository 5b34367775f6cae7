"""The word lists of ``data/actors_lexicon.yaml`` and ``data/actors_countries.yaml``, compiled once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP

from selon.data import load_yaml
from selon.entities import normalize as nz


@dataclass(frozen=True)
class Lexicon:
    not_names: frozenset[str]
    stop_words: frozenset[str]
    titles: frozenset[str]  # folded, one or more words
    person_titles: frozenset[str]  # folded, one word: titles no place or body name starts with
    institution_heads: frozenset[str]  # folded, one word: lower-case heads of body names ("ministère")
    max_title: int
    roles: dict[str, str]  # folded role phrase -> group
    role_starts: frozenset[str]  # first words of the role phrases
    max_role: int
    role_verbs: dict[str, str]  # folded verb -> role noun
    role_modifiers: frozenset[str]
    agentive_nouns: frozenset[str]
    agentive_preps: frozenset[str]
    government_nouns: frozenset[str]
    non_agentive_verbs: frozenset[str]
    agentive_object_verbs: frozenset[str]
    loc_heads: frozenset[str]
    event_heads: frozenset[str]
    demonyms: dict[str, str]  # folded plural noun ("russes") -> ISO country code
    adjectives: dict[str, str]  # folded adjective of nationality, any form ("israélienne") -> ISO code


@cache
def lexicon() -> Lexicon:
    data = load_yaml("actors_lexicon.yaml")
    countries = load_yaml("actors_countries.yaml").get("countries") or {}
    roles: dict[str, str] = {}
    for group, phrases in (data.get("role_groups") or {}).items():
        for p in phrases:
            roles.setdefault(nz.fold(p), group)
    titles = frozenset(nz.fold(t) for t in data.get("titles") or [])
    demonyms: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    for code, info in countries.items():
        adj = (info or {}).get("adj")
        if adj:
            forms = adjective_forms(adj, info.get("adj_f"))
            demonyms.setdefault(nz.fold(forms["mp"]), str(code))
            for form in forms.values():
                adjectives.setdefault(nz.fold(form), str(code))
    metonymy = data.get("metonymy") or {}
    stop = frozenset(nz.fold(w) for w in (FR_STOP | EN_STOP))
    return Lexicon(
        not_names=frozenset(nz.fold(w) for w in data.get("not_names") or []) | stop,
        stop_words=stop,
        titles=titles,
        person_titles=frozenset(nz.fold(t) for t in data.get("person_titles") or []),
        institution_heads=frozenset(nz.fold(t) for t in data.get("institution_heads") or []),
        max_title=max((len(t.split()) for t in titles), default=1),
        roles=roles,
        role_starts=frozenset(r.split(" ", 1)[0] for r in roles),
        max_role=max((len(r.split()) for r in roles), default=1),
        role_verbs={nz.fold(k): v for k, v in (data.get("role_verbs") or {}).items()},
        role_modifiers=frozenset(nz.fold(w) for w in data.get("role_modifiers") or []),
        agentive_nouns=frozenset(nz.fold(w) for w in metonymy.get("agentive_nouns") or []),
        agentive_preps=frozenset(nz.fold(w) for w in metonymy.get("agentive_prepositions") or []),
        government_nouns=frozenset(nz.fold(w) for w in metonymy.get("government_nouns") or []),
        non_agentive_verbs=frozenset(nz.fold(w) for w in metonymy.get("non_agentive_verbs") or []),
        agentive_object_verbs=frozenset(nz.fold(w) for w in metonymy.get("agentive_object_verbs") or []),
        loc_heads=frozenset(nz.fold(w) for w in data.get("loc_heads") or []),
        event_heads=frozenset(nz.fold(w) for w in data.get("event_heads") or []),
        demonyms=demonyms,
        adjectives=adjectives,
    )


def adjective_forms(ms: str, fs: str | None = None) -> dict[str, str]:
    """A French adjective of nationality in four forms (ms, fs, mp, fp): iranien, iranienne, iraniens, iraniennes."""
    if fs is None:
        if ms.endswith(("ien", "éen")):
            fs = ms + "ne"
        elif ms.endswith("e"):
            fs = ms
        else:
            fs = ms + "e"
    mp = ms if ms.endswith(("s", "x")) else ms + "s"
    return {"ms": ms, "fs": fs, "mp": mp, "fp": fs + "s"}
