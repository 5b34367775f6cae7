"""The French event lexicons (``data/plover_fr.yaml``, ``data/attribution_fr.yaml``), compiled once.

Words are compared through :func:`word_key` (lower case, straight apostrophes,
contracted articles expanded: "du" -> "de", "aux" -> "à"), so a lexicon entry
written as a dictionary form matches what the lemmatizer or the text gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from spacy.tokens import Token

from selon.data import load_yaml
from selon.record import EVENT_TYPES, MODALITIES

_APOS = str.maketrans({"’": "'", "`": "'", "´": "'", "ʼ": "'"})
_CONTRACTED = {"du": "de", "au": "à", "aux": "à", "d'": "de", "l'": "le", "s'": "se", "qu'": "que",
               "n'": "ne", "j'": "je", "m'": "me", "t'": "te", "c'": "ce", "jusqu'": "jusque", "lorsqu'": "lorsque",
               "puisqu'": "puisque"}
# Determiners are left out of multiword patterns and skipped in the text: "mettre fin à la/leur coopération".
DETERMINERS = frozenset({"le", "la", "les", "l'", "un", "une", "des", "son", "sa", "ses", "leur", "leurs", "ce",
                         "cet", "cette", "ces", "mon", "ma", "mes", "notre", "nos", "votre", "vos", "tout", "toute",
                         "tous", "toutes"})
REFLEXIVE = frozenset({"se", "s'", "me", "m'", "te", "t'", "nous", "vous"})
EMBEDS = ("absorb", "defer", "deny", "report")
GENITIVES = ("actor", "recipient", "auto")
SPEAKER_ROLES = ("actor", "fallback")


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    w = word.lower().translate(_APOS)
    if len(w) > 2 and w[0] == "-" and w[1].isalpha():
        w = w[1:]  # inverted subject clitics: "a-t-il" -> "-il" -> "il"
    return _CONTRACTED.get(w, w)


def norm_word(word: str) -> str:
    """Lower case without accents (as selon.clean.norm), for names."""
    from selon.clean import norm

    return norm(word)


def token_keys(tok: Token) -> tuple[str, str]:
    """The comparison keys of a token: its lemma and its form."""
    return word_key(tok.lemma_), word_key(tok.text)


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

    @property
    def lemma(self) -> str:
        return self.words[0]


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Spec, ...]]
    nouns: dict[str, tuple[Spec, ...]]
    phrases: dict[str, tuple[Spec, ...]]  # first word -> specs
    modes: dict[str, dict[str, str]]  # type -> cue word -> mode
    light_verbs: dict[str, str | None]
    patient_heads: frozenset[str]
    object_control: frozenset[str]
    demonyms: dict[str, str]
    verb_forms: dict[str, str]
    role_nouns: frozenset[str]
    group_nouns: frozenset[str]
    report_verbs: frozenset[str]
    speech_verbs: frozenset[str]
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
    light_verb_words: frozenset[str] = field(default=frozenset())


class LexiconError(ValueError):
    """A lexicon data file is malformed (raised at load time, with the entry at fault)."""


def _keys(words: Any) -> frozenset[str]:
    if words is None:
        return frozenset()
    if isinstance(words, str):
        words = [words]
    return frozenset(word_key(str(w)) for w in words)


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
        with_=_keys(entry.get("with")), without=_keys(entry.get("without")), heads=_keys(entry.get("heads")),
        reflexive=reflexive, intransitive=bool(entry.get("intransitive", False)),
        obj_entity=bool(entry.get("obj_entity", False)), swap=bool(entry.get("swap", False)),
        genitive=genitive, embed=embed, modality=modality, future=bool(entry.get("future", False)),
        negative=bool(entry.get("negative", False)), speaker=speaker,
    )


def _ordered(specs: dict[str, list[Spec]]) -> dict[str, tuple[Spec, ...]]:
    """Constrained entries are tried before bare ones: "tirer des roquettes" before any bare "tirer"."""
    return {k: tuple(sorted(v, key=lambda s: (not s.with_, not s.heads, not s.future))) for k, v in specs.items()}


def _sequences(items: Any) -> tuple[tuple[str, ...], ...]:
    out = []
    for item in items or []:
        words = tuple(word_key(w) for w in str(item).replace("’", "'").replace("'", "' ").split())
        if words:
            out.append(words)
    return tuple(out)


def build(plover: dict[str, Any], attribution: dict[str, Any]) -> Lexicon:
    """Compile the two data files (already parsed) into lookup tables."""
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
    light = {word_key(str(k)): v for k, v in (plover.get("light_verbs") or {}).items()}
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
    return Lexicon(
        verbs=_ordered(verbs), nouns=_ordered(nouns),
        phrases={k: tuple(sorted(v, key=lambda s: -len(s.words))) for k, v in phrases.items()},
        modes=modes, light_verbs=light, light_verb_words=frozenset(light),
        patient_heads=_keys(plover.get("patient_heads")),
        object_control=_keys(plover.get("object_control")),
        demonyms={norm_word(str(k)): str(v) for k, v in (plover.get("demonyms") or {}).items()},
        verb_forms={word_key(str(k)): word_key(str(v)) for k, v in (plover.get("verb_forms") or {}).items()},
        role_nouns=_keys(plover.get("role_nouns")), group_nouns=_keys(plover.get("group_nouns")),
        report_verbs=_keys(attribution.get("report_verbs")), speech_verbs=_keys(attribution.get("speech_verbs")),
        report_phrases=_sequences(attribution.get("report_phrases")),
        source_markers=_sequences(attribution.get("source_markers")),
        marker_starts=frozenset(s[0] for s in _sequences(attribution.get("source_markers"))),
        anonymous_sources=_keys(attribution.get("anonymous_sources")),
        anaphoric_sources=_keys(attribution.get("anaphoric_sources")),
        deny_verbs=_keys(attribution.get("deny_verbs")), denied_objects=_keys(attribution.get("denied_objects")),
        denied_speech=_keys(attribution.get("denied_speech")),
        claim_verbs=_keys(attribution.get("claim_verbs")),
        self_report_verbs=_keys(attribution.get("self_report_verbs")),
        neg_strong=_keys(neg.get("strong")), neg_with_ne=_keys(neg.get("with_ne")),
        neg_determiners=_keys(neg.get("determiners")), neg_prepositions=_keys(neg.get("prepositions")),
        neg_verbs=_keys(neg.get("verbs")),
        modal_verbs=modal_verbs,
        modal_nouns={word_key(str(k)): str(v) for k, v in (mod.get("nouns") or {}).items()},
        modal_adjectives={word_key(str(k)): str(v) for k, v in (mod.get("adjectives") or {}).items()},
        hypothetical_markers=_sequences(mod.get("hypothetical_markers")),
        hypothetical_adverbs=_keys(mod.get("hypothetical_adverbs")),
        alleged_adverbs=_keys(mod.get("alleged_adverbs")),
    )


@cache
def lexicon() -> Lexicon:
    """The shipped French lexicon, compiled once per process."""
    return build(load_yaml("plover_fr.yaml"), load_yaml("attribution_fr.yaml"))
