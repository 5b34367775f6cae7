"""Word comparison keys shared by every stage: how a lexicon entry meets a token.

Words are compared through :func:`word_key` (lower case, straight apostrophes,
contracted articles expanded: "du" -> "de", "aux" -> "à"), so a lexicon entry
written as a dictionary form matches what the lemmatizer or the text gives.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from selon.clean import norm

_APOS = str.maketrans({"’": "'", "`": "'", "´": "'", "ʼ": "'"})
_CONTRACTED = {"du": "de", "au": "à", "aux": "à", "d'": "de", "l'": "le", "s'": "se", "qu'": "que",
               "n'": "ne", "j'": "je", "m'": "me", "t'": "te", "c'": "ce", "jusqu'": "jusque", "lorsqu'": "lorsque",
               "puisqu'": "puisque"}
# Determiners are left out of multiword patterns and skipped in the text: "mettre fin à la/leur coopération".
DETERMINERS = frozenset({"le", "la", "les", "l'", "un", "une", "des", "son", "sa", "ses", "leur", "leurs", "ce",
                         "cet", "cette", "ces", "mon", "ma", "mes", "notre", "nos", "votre", "vos", "tout", "toute",
                         "tous", "toutes"})
# Closed-class words that point at people and things: pronouns, articles, possessives.
SINGULAR_PRONOUNS = frozenset({"il", "elle", "celui-ci", "celle-ci"})
PLURAL_PRONOUNS = frozenset({"ils", "elles", "ceux-ci", "celles-ci"})
FIRST_PERSON = frozenset({"je", "j'", "nous", "moi", "me", "m'"})
RELATIVE = frozenset({"qui", "lequel", "laquelle", "lesquels", "lesquelles"})
DEFINITE = frozenset({"le", "la", "les", "l'", "ce", "cet", "cette", "ces"})
POSSESSIVE = frozenset({"son", "sa", "ses", "leur", "leurs"})
REFLEXIVE = frozenset({"se", "s'", "me", "m'", "te", "t'", "nous", "vous"})


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    w = word.lower().translate(_APOS)
    if len(w) > 2 and w[0] == "-" and w[1].isalpha():
        w = w[1:]  # inverted subject clitics: "a-t-il" -> "-il" -> "il"
    return _CONTRACTED.get(w, w)


def norm_word(word: str) -> str:
    """Lower case without accents (as selon.clean.norm), for names."""
    return norm(word)


def token_keys(tok: Token) -> tuple[str, str]:
    """The comparison keys of a token: its lemma and its form."""
    return word_key(tok.lemma_), word_key(tok.text)


def keys_of(words: Any) -> frozenset[str]:
    """The comparison keys of a word or a list of words from a data file (None: none)."""
    if words is None:
        return frozenset()
    if isinstance(words, str):
        words = [words]
    return frozenset(word_key(str(w)) for w in words)


def sequences_of(items: Any) -> tuple[tuple[str, ...], ...]:
    """Multiword entries of a data file as sequences of keys ("d'après" -> ("de", "après"))."""
    out = []
    for item in items or []:
        seq = tuple(word_key(w) for w in str(item).replace("’", "'").replace("'", "' ").split())
        if seq:
            out.append(seq)
    return tuple(out)


def dedupe(items: Iterable[str]) -> list[str]:
    """Items in first-seen order, empty ones dropped (entity id lists)."""
    out: list[str] = []
    for x in items:
        if x and x not in out:
            out.append(x)
    return out
