"""The quotation lexicon (``data/quotes_fr.yaml``) and the small facts speaker resolution keeps.

Verbs that introduce quotations, person titles and their synonyms,
spokesperson titles, nouns of organisations, bodies and documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from selon.clean import norm
from selon.data import load_yaml
from selon.parse.words import keys_of

ACTORS = ("PERSON", "ORG", "GPE")
PRONOUN_SENTENCES = 2  # narrative sentences back to a pronoun's antecedent
CHAIN_SENTENCES = 4  # narrative sentences a speaker stays the current one
RECENT_MENTIONS = 200  # person mentions looked back through for a title's holder
ORG_SENTENCES = 4  # narrative sentences back to the organisation "l'entreprise" refers to
SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj")
INVERTED_DEPS = ("nsubj", "obj", "appos", "dep", "flat:name", "nmod", "obl:mod", "obl")
INDEFINITE = frozenset({"un", "une"})
DEFINITE_OR_POSSESSIVE = frozenset({"le", "la", "les", "l'", "ce", "cet", "cette", "ces", "son", "sa", "ses",
                                    "leur", "leurs", "notre", "nos"})
CLITIC_T = frozenset({"t", "-t", "-t-"})
TITLE_PREFIXES = ("vice-", "sous-", "ex-", "co-", "pro-", "vice ", "ancien ", "ancienne ")
NAME_PARTICLES = frozenset({"al", "al-", "el", "el-", "-", "ben", "bin", "ibn", "abou", "abu", "de", "du", "da", "van",
                            "von", "der", "del", "della", "di", "le", "la", "ould", "ag", "'"})


@dataclass(frozen=True)
class Cues:
    """The quotation lexicon (data/quotes_fr.yaml), as comparison keys."""

    verbs: frozenset[str]
    titles: frozenset[str]
    synonyms: tuple[tuple[str, tuple[str, ...]], ...]  # normalised title -> normalised role phrases
    spokespeople: frozenset[str]
    org_nouns: frozenset[str]
    body_nouns: frozenset[str]
    document_nouns: frozenset[str]
    generic_titles: frozenset[str]
    speech_nouns: frozenset[str]
    relay_verbs: frozenset[str]
    title_markers: frozenset[str]


@cache
def cues() -> Cues:
    data = load_yaml("quotes_fr.yaml")
    synonyms = tuple((norm(k), tuple(norm(v) for v in vs)) for k, vs in (data.get("title_synonyms") or {}).items())
    return Cues(verbs=keys_of(data.get("quote_verbs")), titles=keys_of(data.get("person_titles")), synonyms=synonyms,
                spokespeople=keys_of(data.get("spokesperson_titles")), org_nouns=keys_of(data.get("organisation_nouns")),
                body_nouns=keys_of(data.get("body_nouns")), document_nouns=keys_of(data.get("document_nouns")),
                generic_titles=keys_of(data.get("generic_titles")),
                speech_nouns=keys_of(data.get("speech_nouns")), relay_verbs=keys_of(data.get("relay_verbs")),
                title_markers=keys_of(data.get("title_markers")))


def gender_of(tok: Token) -> str | None:
    """ "Masc"/"Fem" when the word says it (a noun, a first name, a pronoun), else None."""
    g = tok.morph.get("Gender", [])
    return g[0] if len(g) == 1 else None


@dataclass
class Said:
    """A quotation's resolved speaker, as a candidate for the next "a-t-il ajouté"."""

    i: int  # token index where the attribution was read (the quotation's closing mark)
    entity: str
    gender: str | None
