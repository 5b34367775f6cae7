"""A reporting clause set after a quotation: "« Ce gouvernement a vendu nos forêts », a accusé dimanche X".

The parser takes the inverted subject (X) for an object and may hang a noun of the quotation on the
verb as its subject, which swaps accuser and accused.  These helpers read the clause by its place
after the closing quotation mark instead.
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.parse.context import DocContext

CLOSING = ("»", "\u201d", '"')


def inverted_subject(ctx: DocContext, v: Token) -> Token | None:
    """The subject of a reporting clause set after a quotation, which the parser takes for an object:
    "« Ce gouvernement a vendu nos forêts », a accusé dimanche le chef de l'opposition, X."."""
    first = min([v.i, *(c.i for c in v.children if c.dep_.startswith("aux"))])
    j = first - 1
    while j >= 0 and ctx.doc[j].is_space:
        j -= 1
    if j < 0 or ctx.doc[j].text not in (",", *CLOSING):
        return None
    before = ctx.doc[max(0, j - 1)].text
    if ctx.doc[j].text == "," and before not in CLOSING:
        return None
    if any(c.dep_ in ("nsubj", "nsubj:pass", "expl:subj") and c.i > j for c in v.children):
        return None  # (a "subject" inside the quotation is the parser's mistake)
    return next((c for c in v.children if c.dep_ in ("obj", "nsubj") and c.i > v.i and c.pos_ in ("NOUN", "PROPN")),
                None)


def quoted_subject(ctx: DocContext, v: Token) -> list[str]:
    """The subject of the quotation just before a reporting verb ("« Ce gouvernement a vendu nos forêts »,
    a accusé X": the government); none when the speaker talks of themselves ("nous", "je")."""
    j = min([v.i, *(c.i for c in v.children if c.dep_.startswith("aux"))]) - 1
    while j >= 0 and ctx.doc[j].text in (",", " ") or j >= 0 and ctx.doc[j].is_space:
        j -= 1
    if j < 0 or ctx.doc[j].text not in CLOSING:
        return []
    head = ctx.doc[j].head
    if head.i >= j or head.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
        return []
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < j), None)
    if subj is None or subj.pos_ == "PRON":
        return []
    return ctx.np_entities(subj, "recipient")
