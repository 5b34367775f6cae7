"""Modality of an event from the grammar around its word: did it happen, and who says it did.

In order of precedence: ``denied`` (negated, or governed by a verb of
avoidance), ``hypothetical`` (if-clauses, "pourrait", questions),
``threatened`` / ``called-for`` / ``planned`` (governed by "menacer de",
"appeler à", "prévoir de", a future tense), ``claimed`` (the actor's own
report), ``reported`` (distanced with a conditional: "aurait frappé"), else
``asserted``.  The events stage combines these with the sources of
:mod:`selon.sources.attribution`.
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.clean import norm
from selon.parse.context import DocContext
from selon.sources.lexicon import source_lexicon
from selon.sources.predicate import Predicate

PRIORITY = {"denied": 7, "hypothetical": 6, "threatened": 5, "called-for": 4, "planned": 3, "claimed": 2,
            "reported": 1, "asserted": 0}
FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})
IRREALIS = frozenset({"hypothetical", "threatened", "called-for", "planned"})
VERBAL_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "obj", "obl", "obl:arg", "obl:mod", "nmod", "acl", "advcl",
                             "nsubj:pass", "conj"})


def negative_child(ctx: DocContext, tok: Token) -> bool:
    """A negation word on a word: "ne ... pas", "jamais", "ni"."""
    lex = source_lexicon()
    kids = list(tok.children)
    has_ne = any(ctx.keys[c.i][1] in ("ne", "n'") for c in kids)
    for c in kids:
        k = ctx.keys[c.i][1]
        if k in lex.neg_strong:
            return True
        if has_ne and k in lex.neg_with_ne:
            return True
    return False


def negated(ctx: DocContext, trig: Predicate) -> bool:
    """ "n'a pas attaqué", "aucune attaque", "sans attaquer", "n'a lancé aucune frappe"."""
    lex = source_lexicon()
    h = trig.head
    if negative_child(ctx, h):
        return True
    for c in h.children:
        k = ctx.keys[c.i][1]
        if c.dep_ == "det" and k in lex.neg_determiners:
            return True
        if c.dep_ == "obj" and any(d.dep_ == "det" and ctx.keys[d.i][1] in lex.neg_determiners for d in c.children):
            return True  # "n'a envoyé aucun drone"
        if c.dep_ in ("obj", "nsubj", "advmod") and k in lex.neg_determiners and any(ctx.keys[d.i][1] in ("ne", "n'")
                                                                            for d in h.children):
            return True  # "n'a rencontré aucun des chefs de file", "aucun n'a attaqué"
        if c.dep_ in ("case", "mark") and k in lex.neg_prepositions:
            return True
    if trig.nominal and h.head.i != h.i and negative_child(ctx, h.head) and \
            h.dep_ in ("obj", "obl:arg", "nsubj", "nsubj:pass") and \
            (ctx.lemma(h.head) in ctx.lex.light_verb_words or ctx.lemma(h.head) in ("avoir", "tenir", "produire")):
        return True  # "n'a pas lancé d'attaque"; not "n'a pas commenté ces accusations"
    return False


def irrealis(ctx: DocContext, trig: Predicate, report_heads: set[int]) -> str | None:
    """Hypothetical, threatened, called-for or planned, from the grammar around the trigger."""
    lex = source_lexicon()
    h = trig.head
    found: str | None = None

    def better(m: str | None) -> None:
        nonlocal found
        if m and (found is None or PRIORITY[m] > PRIORITY[found]):
            found = m

    sent = ctx.sentence(h)
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if last is not None and last.text == "?":
        better("hypothetical")
    for c in h.children:
        k = ctx.keys[c.i]
        if c.dep_ == "amod" and (k[0] in lex.modal_adjectives or k[1] in lex.modal_adjectives):
            better(lex.modal_adjectives.get(k[1]) or lex.modal_adjectives.get(k[0]))
        if c.dep_ == "advmod" and (k[0] in lex.hypothetical_adverbs or k[1] in lex.hypothetical_adverbs):
            better("hypothetical")
    if not trig.nominal:
        tense = _tense(ctx, h, report_heads)
        better(tense if tense != "alleged" else None)
    t = h
    for _ in range(4):
        if _has_hypothetical_marker(ctx, t):
            better("hypothetical")
        if _purpose(ctx, t) and trig.type in FORCE_TYPES:
            better("planned")  # "pour lancer une vague d'attaques"; a cooperative aim is usually the deed itself
        if t.head.i == t.i or t.dep_ not in COMPLEMENT_DEPS | {"advcl", "acl:relcl"}:
            break
        link = t.dep_
        t = t.head
        k = ctx.keys[t.i]
        if link in ("xcomp", "ccomp", "obj", "obl", "obl:arg", "nmod", "acl"):
            modal = lex.modal_verbs.get(k[0]) if t.pos_ in ("VERB", "AUX") else None
            if modal == "planned" and k[0] == "aller" and "Inf" not in h.morph.get("VerbForm", []):
                modal = None
            better(modal)
            if t.pos_ in ("NOUN", "PROPN"):
                better(lex.modal_nouns.get(k[0]) or lex.modal_nouns.get(k[1]))
            if t.pos_ in ("VERB", "AUX"):
                tense = _tense(ctx, t, report_heads)
                if tense == "planned" and link in ("xcomp", "obj"):
                    better("planned")
        if t.pos_ in ("VERB", "AUX") and link in ("ccomp", "acl", "nmod", "obj") and negative_child(ctx, t) \
                and t.i != h.i:
            better("hypothetical")  # "n'ont pas vu de preuve que l'Iran avait dirigé l'attaque": unconfirmed
        if t.pos_ in ("VERB",) and t.i in report_heads:
            break
    return found


def _purpose(ctx: DocContext, t: Token) -> bool:
    """ "pour lancer une attaque", "afin de rencontrer": an aim, not a deed."""
    if t.dep_ not in ("advcl", "xcomp", "acl") or "Inf" not in t.morph.get("VerbForm", []):
        return False
    return any(c.dep_ == "mark" and ctx.keys[c.i][1] in ("pour", "afin") for c in t.children)


def _has_hypothetical_marker(ctx: DocContext, t: Token) -> bool:
    for c in t.children:
        if c.dep_ in ("mark", "case"):
            k = ctx.keys[c.i][1]
            if k in ("si", "s'"):
                return True
            if k == "en" and ctx.lemma(t) == "cas":
                return True
    return ctx.lemma(t) == "cas" and any(ctx.keys[c.i][1] == "en" for c in t.children)


def alleged(ctx: DocContext, trig: Predicate, report_heads: set[int]) -> bool:
    """ "aurait frappé", "prétendument": the outlet distances itself from what it reports."""
    h = trig.head
    if any(c.dep_ == "advmod" and ctx.has_key(c, source_lexicon().alleged_adverbs) for c in h.children):
        return True
    return not trig.nominal and _tense(ctx, h, report_heads) == "alleged"


def governed_by_negation(ctx: DocContext, trig: Predicate) -> bool:
    """ "a évité tout contact", "a renoncé à frapper", "empêcher X d'établir des liens"."""
    t = trig.head
    for _ in range(3):
        if t.head.i == t.i or t.dep_ not in ("xcomp", "ccomp", "obj", "obl", "obl:arg", "nmod"):
            return False
        t = t.head
        if ctx.lemma(t) in source_lexicon().neg_verbs:
            return True
    return False


FUTURE_ENDINGS = ("ai", "as", "a", "ons", "ez", "ont")
CONDITIONAL_ENDINGS = ("ais", "ait", "ions", "iez", "aient")


def tense_by_form(t: Token) -> str | None:
    """ "Fut" or "Cnd" from how a verb is written, where the tagger read a present or an imperfect:
    "frapperons", "paierait" are the infinitive (or its stem) and an ending."""
    if "Fin" not in t.morph.get("VerbForm", []) or t.pos_ not in ("VERB", "AUX"):
        return None
    form, lemma = t.text.lower(), t.lemma_.lower()
    stems = [lemma] if lemma.endswith(("er", "ir")) else [lemma[:-1]] if lemma.endswith("re") else []
    if lemma.endswith("yer"):
        stems.append(lemma[:-3] + "ier")  # "payer" -> "paierait"
    for stem in stems:
        if len(stem) > 2 and form.startswith(stem):
            rest = form[len(stem):]
            if rest in FUTURE_ENDINGS:
                return "Fut"
            if rest in CONDITIONAL_ENDINGS:
                return "Cnd"
    return None


def is_future(t: Token) -> bool:
    return "Fut" in t.morph.get("Tense", []) or tense_by_form(t) == "Fut"


def is_conditional(t: Token) -> bool:
    return "Cnd" in t.morph.get("Mood", []) or tense_by_form(t) == "Cnd"


def _tense(ctx: DocContext, v: Token, report_heads: set[int]) -> str | None:
    """Future -> planned; conditional -> planned under a past verb of saying, else alleged (reported)."""
    forms = [v, *(c for c in v.children if c.dep_.startswith("aux"))]
    if any(is_future(f) for f in forms):
        return "planned"
    for c in v.children:
        if c.dep_.startswith("aux") and ctx.lemma(c) == "aller" and "Inf" in v.morph.get("VerbForm", []):
            return "planned"
    if any(is_conditional(f) for f in forms):
        if v.dep_ in ("ccomp", "xcomp") and v.head.i in report_heads or _said_before(ctx, v):
            return "planned"
        return "alleged"
    return None


def _said_before(ctx: DocContext, v: Token) -> bool:
    """ "a annoncé dans la nuit de lundi à mardi qu'il démissionnerait": a conditional introduced by "que"
    right after a past verb of saying (only its complements between) is a future seen from the past,
    however the parser hung the clause."""
    que = next((c for c in v.children if ctx.keys[c.i][1] in ("que", "qu'") and c.i < v.i), None)
    if que is None:
        return False
    sent = ctx.sentence(v)
    for i in range(que.i - 1, max(sent.start, que.i - 12) - 1, -1):
        t = ctx.doc[i]
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "aux:tense", "aux:pass"):
            past = "Past" in t.morph.get("Tense", []) or any(
                c.dep_.startswith("aux") and "Imp" in c.morph.get("Tense", []) for c in t.children)
            return ctx.lemma(t) in ctx.lex.report_verbs and past
        if t.text in (".", ";", ":", "«", "»", "?", "!"):
            return False
    return False


def self_claim(ctx: DocContext, actors: list[str], sources: list[str]) -> bool:
    """The source is the actor, or speaks for it (a person whose role names the actor)."""
    if not actors or not sources:
        return False
    src = sources[0]
    if src in actors:
        return True
    e = ctx.entities.get(src)
    if e is None or not e.roles:
        return False
    roles = " ".join(f" {norm(r)} " for r in e.roles)
    return any(f" {n} " in roles for a in actors for n in ctx.names(a))


def combine(modalities: list[str]) -> str:
    return max(modalities, key=lambda m: PRIORITY.get(m, 0)) if modalities else "asserted"
