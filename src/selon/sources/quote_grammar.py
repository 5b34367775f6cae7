"""Small parse tests the quotation speaker rules use: incise shapes, inverted clitics, agreement."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from selon.parse.context import DocContext


@dataclass
class SaidBy:
    """Who a quotation is said by, and how the text says so."""

    speaker: str | None
    how: str | None  # "incise" (right after it), "local" (its sentence), "before" (the sentence before), None
    gender: str | None = None


def passive_participle(t: Token) -> bool:
    """ "l'ONG, accusée de « … »": a past participle used as an adjective says who is accused, not who
    speaks."""
    return t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm", []) and "Past" in t.morph.get("Tense", []) \
        and t.dep_ in ("acl", "amod", "advcl", "appos", "conj") and not any(c.dep_.startswith("aux") for c in t.children)


def infinitives(form: str) -> tuple[str, ...]:
    """Infinitives a third-person present may come from: "estime" -> "estimer", "dit" -> "dire"."""
    if form.endswith("e"):
        return (form + "r",)
    if form.endswith("t"):
        return (form[:-1] + "re", form[:-1] + "r")
    return ()


def inverted_clitic(ctx: DocContext, t: Token) -> bool:
    """ "lance-t-il", "ajoute-t-elle": a word followed by an inverted subject pronoun."""
    if t.i + 1 >= len(ctx.doc):
        return False
    nxt = ctx.doc[t.i + 1]
    return nxt.text[:1] == "-" and nxt.text.lstrip("-").lower() in ("t", "t-", "il", "elle", "ils", "elles", "on")


def narrative_infinitive(ctx: DocContext, verb: Token) -> bool:
    """ "Et d'ajouter", "Et de conclure": "et de" opening the clause before the infinitive."""
    i = verb.i - 1
    if i < 1 or ctx.keys[i][1] not in ("de", "d'"):
        return False
    return ctx.keys[i - 1][1] == "et" and starts_sentence(ctx, i - 1)


def starts_sentence(ctx: DocContext, i: int) -> bool:
    j = i - 1
    while j >= 0 and ctx.doc[j].is_space and "\n" not in ctx.doc[j].text:
        j -= 1
    return j < 0 or ctx.doc[j].text in (".", "!", "?") or "\n" in ctx.doc[j].text or ctx.sent_of[j] != ctx.sent_of[i]


def comma_before(ctx: DocContext, i: int, stop: int) -> bool:
    """ "Pour l'économiste X, « … »": the phrase closes with a comma before the quotation, no verb in it."""
    for k in range(i + 1, stop):
        t = ctx.doc[k]
        if t.text == ",":
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


def incise_shaped(ctx: DocContext, verb: Token) -> bool:
    """ "», a déclaré X", ", a annoncé X": the verb group opens after a comma or a closing mark."""
    start = min([verb.i] + [c.i for c in verb.children if c.i < verb.i and (
        c.dep_.startswith("aux") or c.dep_.startswith("expl") or c.pos_ == "PRON")])
    i = start - 1
    while i >= 0 and ctx.doc[i].is_space:
        i -= 1
    return i >= 0 and ctx.doc[i].text in (",", "»", "”", '"')


def agrees(verb: Token, head: Token, subj: Token) -> bool:
    """Whether a subject-less verb can share a subject: "et a averti" (singular) does not take the plural
    subject of the clause the parser hung it on."""
    aux = next((c for c in verb.children if c.dep_.startswith("aux")), None)
    num = (aux or verb).morph.get("Number", [])
    snum = subj.morph.get("Number", [])
    return not (num and snum and num != snum)


def pronoun_gender(ctx: DocContext, tok: Token) -> str | None:
    k = ctx.keys[tok.i][1]
    if tok.pos_ != "PRON":
        return None
    return "Fem" if k in ("elle", "elles") else ("Masc" if k in ("il", "ils") else None)


def opens_sentence(ctx: DocContext, tok: Token) -> bool:
    i = tok.i - 1
    while i >= 0 and ctx.doc[i].is_space:
        i -= 1
    return i < 0 or ctx.doc[i].text in (".", "!", "?", "»", "”") or "\n" in ctx.doc[tok.i - 1].text
