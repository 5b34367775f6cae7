"""The attribution and modality lexicon (``data/attribution_fr.yaml``), compiled once.

Source markers ("selon", "citant", "d'après"), anonymous and anaphoric sources
("des sources", "le quotidien"), verbs of denial and of claim, negation, and the
verbs, nouns and adjectives that make an act planned, threatened, called for or
hypothetical.  The verbs of saying themselves are shared with the other stages
(:mod:`selon.parse.lexicon`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from selon.data import load_yaml
from selon.parse.lexicon import LexiconError
from selon.parse.words import keys_of, sequences_of, word_key
from selon.record import MODALITIES


@dataclass(frozen=True)
class SourceLexicon:
    report_phrases: tuple[tuple[str, ...], ...]
    source_markers: tuple[tuple[str, ...], ...]
    marker_starts: frozenset[str]
    anonymous_sources: frozenset[str]
    anaphoric_sources: frozenset[str]
    deny_verbs: frozenset[str]
    denied_objects: frozenset[str]
    denied_speech: frozenset[str]
    claim_verbs: frozenset[str]
    self_report_verbs: frozenset[str]
    neg_strong: frozenset[str]
    neg_with_ne: frozenset[str]
    neg_determiners: frozenset[str]
    neg_prepositions: frozenset[str]
    neg_verbs: frozenset[str]
    modal_verbs: dict[str, str]
    modal_nouns: dict[str, str]
    modal_adjectives: dict[str, str]
    hypothetical_markers: tuple[tuple[str, ...], ...]
    hypothetical_adverbs: frozenset[str]
    alleged_adverbs: frozenset[str]


def build_sources(attribution: dict[str, Any]) -> SourceLexicon:
    """Compile the attribution data file (already parsed) into lookup tables."""
    neg = attribution.get("negation") or {}
    mod = attribution.get("modality") or {}
    modal_verbs: dict[str, str] = {}
    for modality in ("planned", "threatened", "called-for", "hypothetical"):
        for w in mod.get(modality) or []:
            modal_verbs.setdefault(word_key(str(w)), modality)
    for table in (mod.get("nouns") or {}, mod.get("adjectives") or {}):
        for v in table.values():
            if v not in MODALITIES:
                raise LexiconError(f"unknown modality {v!r} in attribution data")
    markers = sequences_of(attribution.get("source_markers"))
    return SourceLexicon(
        report_phrases=sequences_of(attribution.get("report_phrases")),
        source_markers=markers,
        marker_starts=frozenset(s[0] for s in markers),
        anonymous_sources=keys_of(attribution.get("anonymous_sources")),
        anaphoric_sources=keys_of(attribution.get("anaphoric_sources")),
        deny_verbs=keys_of(attribution.get("deny_verbs")), denied_objects=keys_of(attribution.get("denied_objects")),
        denied_speech=keys_of(attribution.get("denied_speech")),
        claim_verbs=keys_of(attribution.get("claim_verbs")),
        self_report_verbs=keys_of(attribution.get("self_report_verbs")),
        neg_strong=keys_of(neg.get("strong")), neg_with_ne=keys_of(neg.get("with_ne")),
        neg_determiners=keys_of(neg.get("determiners")), neg_prepositions=keys_of(neg.get("prepositions")),
        neg_verbs=keys_of(neg.get("verbs")),
        modal_verbs=modal_verbs,
        modal_nouns={word_key(str(k)): str(v) for k, v in (mod.get("nouns") or {}).items()},
        modal_adjectives={word_key(str(k)): str(v) for k, v in (mod.get("adjectives") or {}).items()},
        hypothetical_markers=sequences_of(mod.get("hypothetical_markers")),
        hypothetical_adverbs=keys_of(mod.get("hypothetical_adverbs")),
        alleged_adverbs=keys_of(mod.get("alleged_adverbs")),
    )


@cache
def source_lexicon() -> SourceLexicon:
    """The shipped French attribution lexicon, compiled once per process."""
    return build_sources(load_yaml("attribution_fr.yaml"))
