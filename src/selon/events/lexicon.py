"""The French trigger lexicon for the sixteen PLOVER event types (``data/plover_fr.yaml``), compiled once.

Each entry says which word or phrase signals which type, with the conditions
written in the data file (``with``, ``without``, ``heads``, ``reflexive``, ...; see
its header).  Words are compared through :func:`selon.parse.words.word_key`.
The word classes the other stages share (role nouns, demonyms, light verbs)
are compiled by :mod:`selon.parse.lexicon`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from selon.data import load_yaml
from selon.parse.lexicon import LexiconError
from selon.parse.words import DETERMINERS, keys_of, word_key
from selon.record import EVENT_TYPES, MODALITIES

EMBEDS = ("absorb", "defer", "deny", "report")
GENITIVES = ("actor", "recipient", "auto")
SPEAKER_ROLES = ("actor", "fallback")


@dataclass(frozen=True)
class Spec:
    """One lexicon entry: a word or phrase that signals an event of ``type``."""

    type: str
    pos: str  # VERB, NOUN or PHRASE
    words: tuple[str, ...]  # comparison keys; one word except for phrases
    mode: str | None = None
    with_: frozenset[str] = frozenset()
    without: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()
    reflexive: bool | None = None
    intransitive: bool = False
    obj_entity: bool = False
    swap: bool = False
    genitive: str = "actor"
    embed: str | None = None
    modality: str | None = None
    future: bool = False  # counts only in the future tense ("nous riposterons", not "a riposté")
    negative: bool = False  # the formula holds a negation ("ne restera pas impunie"): required, not a denial
    speaker: str | None = None  # actor: the statement's speaker is the actor; fallback: only when none is parsed
    dative: bool = False  # "à X" names the party the act is aimed at ("s'en prendre à X"), not a place

    @property
    def lemma(self) -> str:
        return self.words[0]


@dataclass(frozen=True)
class EventLexicon:
    verbs: dict[str, tuple[Spec, ...]]
    nouns: dict[str, tuple[Spec, ...]]
    phrases: dict[str, tuple[Spec, ...]]  # first word -> specs
    modes: dict[str, dict[str, str]]  # type -> cue word -> mode
    patient_heads: frozenset[str]
    verb_forms: dict[str, str]


def _phrase_words(text: str) -> tuple[tuple[str, ...], bool]:
    """Keys of a phrase without its determiners, and whether it starts with a reflexive clitic."""
    raw = text.replace("’", "'").replace("'", "' ").split()
    words = [word_key(w) for w in raw if w]
    reflexive = bool(words) and words[0] in ("se", "s'")
    if reflexive:
        words = words[1:]
    words = [w for w in words if w not in DETERMINERS]
    return tuple(words), reflexive


def _spec(etype: str, pos: str, entry: Any) -> Spec:
    if isinstance(entry, str):
        entry = {"lemma": entry}
    if not isinstance(entry, dict):
        raise LexiconError(f"{etype}/{pos}: entry must be a word or a mapping, got {entry!r}")
    reflexive = entry.get("reflexive")
    if pos == "PHRASE":
        if "words" not in entry:
            raise LexiconError(f"{etype}: phrase entry without `words`: {entry!r}")
        words, refl = _phrase_words(str(entry["words"]))
        if not words:
            raise LexiconError(f"{etype}: empty phrase {entry!r}")
        if refl:
            reflexive = True
    else:
        if "lemma" not in entry:
            raise LexiconError(f"{etype}/{pos}: entry without `lemma`: {entry!r}")
        words = (word_key(str(entry["lemma"])),)
    embed = entry.get("embed")
    if embed is not None and embed not in EMBEDS:
        raise LexiconError(f"{etype}: unknown embed {embed!r} in {entry!r}")
    genitive = entry.get("genitive", "actor")
    if genitive not in GENITIVES:
        raise LexiconError(f"{etype}: unknown genitive {genitive!r} in {entry!r}")
    modality = entry.get("modality")
    if modality is not None and modality not in MODALITIES:
        raise LexiconError(f"{etype}: unknown modality {modality!r} in {entry!r}")
    speaker = entry.get("speaker")
    if speaker is not None and speaker not in SPEAKER_ROLES:
        raise LexiconError(f"{etype}: unknown speaker role {speaker!r} in {entry!r}")
    return Spec(
        type=etype, pos=pos, words=words, mode=entry.get("mode"),
        with_=keys_of(entry.get("with")), without=keys_of(entry.get("without")), heads=keys_of(entry.get("heads")),
        reflexive=reflexive, intransitive=bool(entry.get("intransitive", False)),
        obj_entity=bool(entry.get("obj_entity", False)), swap=bool(entry.get("swap", False)),
        genitive=genitive, embed=embed, modality=modality, future=bool(entry.get("future", False)),
        negative=bool(entry.get("negative", False)), speaker=speaker, dative=bool(entry.get("dative", False)),
    )


def _ordered(specs: dict[str, list[Spec]]) -> dict[str, tuple[Spec, ...]]:
    """Constrained entries are tried before bare ones: "tirer des roquettes" before any bare "tirer"."""
    return {k: tuple(sorted(v, key=lambda s: (not s.with_, not s.heads, not s.future))) for k, v in specs.items()}


def build(plover: dict[str, Any]) -> EventLexicon:
    """Compile the trigger data file (already parsed) into lookup tables."""
    verbs: dict[str, list[Spec]] = {}
    nouns: dict[str, list[Spec]] = {}
    phrases: dict[str, list[Spec]] = {}
    modes: dict[str, dict[str, str]] = {}
    types = plover.get("types") or {}
    for etype, body in types.items():
        if etype not in EVENT_TYPES:
            raise LexiconError(f"unknown PLOVER type {etype!r}")
        body = body or {}
        modes[etype] = {word_key(str(k)): str(v) for k, v in (body.get("modes") or {}).items()}
        for entry in body.get("verbs") or []:
            spec = _spec(etype, "VERB", entry)
            verbs.setdefault(spec.lemma, []).append(spec)
        for entry in body.get("nouns") or []:
            spec = _spec(etype, "NOUN", entry)
            nouns.setdefault(spec.lemma, []).append(spec)
        for entry in body.get("phrases") or []:
            spec = _spec(etype, "PHRASE", entry)
            phrases.setdefault(spec.words[0], []).append(spec)
    return EventLexicon(
        verbs=_ordered(verbs), nouns=_ordered(nouns),
        phrases={k: tuple(sorted(v, key=lambda s: -len(s.words))) for k, v in phrases.items()},
        modes=modes,
        patient_heads=keys_of(plover.get("patient_heads")),
        verb_forms={word_key(str(k)): word_key(str(v)) for k, v in (plover.get("verb_forms") or {}).items()},
    )


@cache
def event_lexicon() -> EventLexicon:
    """The shipped French trigger lexicon, compiled once per process."""
    return build(load_yaml("plover_fr.yaml"))
