"""The word classes several stages share, compiled once from the data files.

Noun phrases are resolved to entities (:mod:`selon.parse.context`) through
role nouns ("le ministre"), group nouns ("les deux pays"), nationality
adjectives and the verbs of saying around pronouns; the entities, sources and
events stages read the same lists.  They live in ``data/plover_fr.yaml``
(``role_nouns``, ``group_nouns``, ``demonyms``, ``light_verbs``, ``object_control``) and
``data/attribution_fr.yaml`` (``report_verbs``, ``speech_verbs``); the
stage-specific tables of those files are compiled by
:mod:`selon.events.lexicon` and :mod:`selon.sources.lexicon`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from selon.data import load_yaml
from selon.parse.words import keys_of, norm_word, word_key


class LexiconError(ValueError):
    """A lexicon data file is malformed (raised at load time, with the entry at fault)."""


@dataclass(frozen=True)
class WordLexicon:
    role_nouns: frozenset[str]
    group_nouns: frozenset[str]
    demonyms: dict[str, str]  # irregular nationality adjective (normalised) -> country name
    report_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    light_verbs: dict[str, str | None]  # verbs that carry a nominal event -> the modality they lend
    light_verb_words: frozenset[str]
    object_control: frozenset[str]  # "exhorter X à": the object is the subject of the infinitive


def build_words(plover: dict[str, Any], attribution: dict[str, Any]) -> WordLexicon:
    """Compile the shared word classes of the two data files (already parsed)."""
    light = {word_key(str(k)): v for k, v in (plover.get("light_verbs") or {}).items()}
    return WordLexicon(
        role_nouns=keys_of(plover.get("role_nouns")), group_nouns=keys_of(plover.get("group_nouns")),
        demonyms={norm_word(str(k)): str(v) for k, v in (plover.get("demonyms") or {}).items()},
        report_verbs=keys_of(attribution.get("report_verbs")), speech_verbs=keys_of(attribution.get("speech_verbs")),
        light_verbs=light, light_verb_words=frozenset(light),
        object_control=keys_of(plover.get("object_control")),
    )


@cache
def word_lexicon() -> WordLexicon:
    """The shipped French word classes, compiled once per process."""
    return build_words(load_yaml("plover_fr.yaml"), load_yaml("attribution_fr.yaml"))
