"""Reactions to an earlier act: "Joe Biden a condamné l'attaque", "Kigali a regretté une décision unilatérale".

News reports an act, then the reactions to it, naming the act again only by a noun ("l'attaque",
"cette prise de pouvoir", "la décision").  Whoever condemns, welcomes, rejects or protests against
that act reacts to whoever did it: the recipient is the actor of the act the noun points back to,
the nearest one before it in the last sentences, of the same type when the noun is itself an event.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from spacy.tokens import Token

from selon.parse.context import DocContext

REACTION_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT", "PROTEST"})
# Nouns that name an act without a type of its own ("a regretté une décision unilatérale").
ACT_NOUNS = frozenset({"décision", "mesure", "mesures", "annonce", "initiative", "geste", "choix", "verdict",
                       "jugement", "résolution", "vote", "démarche", "projet", "opération", "offensive"})
WINDOW = 2  # sentences back


class Told(Protocol):
    """What is known of an event found earlier (events.arguments.Args)."""
    actors: list[str]
    type: str


def reaction_recipients(ctx: DocContext, v_type: str, o: Token, events: Mapping[int, Told],
                        actors: list[str]) -> list[str]:
    """The actors of the act an object noun points back to, when a reaction verb takes it."""
    if v_type not in REACTION_TYPES or o.pos_ != "NOUN" or ctx.entity_of(o) is not None:
        return []
    own = events.get(o.i)
    if own is not None and own.actors:
        return []  # "les frappes de X": its own phrase names who did it
    if own is None and ctx.lemma(o) not in ACT_NOUNS and ctx.keys[o.i][1] not in ACT_NOUNS:
        return []
    want = own.type if own is not None else None
    first = ctx.sents[max(0, ctx.sent_of[o.i] - WINDOW)].start
    for k in sorted((k for k in events if first <= k < o.i), reverse=True):
        if want is not None and events[k].type != want:
            continue
        found = [a for a in events[k].actors if a not in actors]
        if found:
            return found
    return []


def relative_object(ctx: DocContext, v: Token, events: Mapping[int, Told], actors: list[str]) -> list[str]:
    """The antecedent of an object relative the parser did not link: "le Rwanda, qu'il accuse de ...",
    "le gouvernement indien, que Justin Trudeau avait mis en cause"; and "..., ce que Kigali dément": the
    clause before, whose actor made the claim denied."""
    doc = ctx.doc
    sent = ctx.sentence(v)
    q = None
    for i in range(v.i - 1, max(sent.start, v.i - 7) - 1, -1):
        key = ctx.keys[i][1]
        if key in ("que", "qu'", "qu’"):
            q = i
            break
        if doc[i].text in (",", ";", ":", "«", "»") or doc[i].pos_ in ("VERB", "ADP"):
            return []
    if q is None or q - 2 < sent.start:
        return []
    if ctx.keys[q - 1][1] == "ce" and doc[q - 2].text == ",":
        claim = events.get(doc[q - 1].head.i)  # the clause "ce" resumes, when the parser says which
        if claim is not None and [a for a in claim.actors if a not in actors]:
            return [a for a in claim.actors if a not in actors]
        for k in sorted((k for k in events if sent.start <= k < q), reverse=True):
            found = [a for a in events[k].actors if a not in actors]
            if found:
                return found
        return []
    if doc[q - 1].text != ",":
        return []
    ent = ctx.entity_of(doc[q - 2])
    return [ent] if ent is not None and ent not in actors and ctx.etype(ent) in ("PERSON", "ORG", "GPE") else []
