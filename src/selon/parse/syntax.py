"""Parse helpers on single tokens, shared by the sources and events stages.

They read only the dependency parse and morphology of spaCy tokens: no
entities, no lexicon, no document state (that is :mod:`selon.parse.context`).
"""

from __future__ import annotations

from spacy.tokens import Token


def is_passive(v: Token) -> bool:
    kids = list(v.children)
    if any(c.dep_ == "aux:pass" for c in kids):
        return True
    return any(c.dep_ == "nsubj:pass" for c in kids) and any(c.dep_.startswith("aux") and c.lemma_ == "être"
                                                            for c in kids)


def is_finite(v: Token) -> bool:
    return "Fin" in v.morph.get("VerbForm", []) or any(c.dep_.startswith("aux") for c in v.children)


def is_tensed(v: Token) -> bool:
    """Finite in person: the verb or its auxiliary is conjugated ("a appelé"), not "d'avoir cédé"."""
    return any("Fin" in t.morph.get("VerbForm", []) or t.morph.get("Mood", []) != []
               for t in [v, *(c for c in v.children if c.dep_.startswith("aux"))]
               if "Inf" not in t.morph.get("VerbForm", []))


def subject_token(v: Token) -> Token | None:
    """The subject of a verb; of two (a parse error), the one nearest before it."""
    subs = [c for c in v.children if c.dep_ in ("nsubj", "nsubj:pass")]
    if len(subs) > 1:
        before = [c for c in subs if c.i < v.i]
        return before[-1] if before else subs[0]
    return subs[0] if subs else None


def np_top(tok: Token) -> Token:
    """Climb nmod links to the head of a whole noun phrase ("Force" -> "commandant")."""
    t = tok
    for _ in range(4):
        if t.dep_ in ("nmod", "flat:name", "appos") and t.head.pos_ in ("NOUN", "PROPN"):
            t = t.head
        else:
            break
    return t


def clause_host(v: Token) -> Token | None:
    """The nearest finite verb above a gerund (the parser may hang it on an adverb), else the root."""
    t = v.head
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") and t.i != v.i and is_finite(t):
            return t
        if t.head.i == t.i:
            break
        t = t.head
    root = v.sent.root
    return root if root.i != v.i and root.pos_ in ("VERB", "AUX") else None


NP_DEPS = frozenset({"det", "amod", "nmod", "appos", "flat:name", "flat", "nummod", "case", "fixed", "compound"})


def np_tokens(head: Token, limit: int = 15) -> set[int]:
    """The words of a noun phrase: its head and nominal dependents, not the clauses hung on it."""
    out = {head.i}
    stack = [c for c in head.children if c.dep_ in NP_DEPS]
    while stack:
        t = stack.pop()
        if abs(t.i - head.i) > limit:
            continue
        out.add(t.i)
        stack.extend(c for c in t.children if c.dep_ in NP_DEPS)
    return out
