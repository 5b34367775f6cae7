"""Reactions to an earlier act: "Joe Biden a condamné l'attaque", "Kigali a regretté une décision unilatérale".

News reports an act, then the reactions to it, naming the act again only by a noun ("l'attaque",
"cette prise de pouvoir", "la décision").  Whoever condemns, welcomes, rejects or protests against
that act reacts to whoever did it: the recipient is the actor of the act the noun points back to,
the nearest one before it in the last sentences, of the same type when the noun is itself an event.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Protocol

from spacy.tokens import Token

from selon.data import load_yaml
from selon.parse.context import DocContext
from selon.parse.words import keys_of

REACTION_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT", "PROTEST"})
WINDOW = 2  # sentences back


@cache
def act_nouns() -> frozenset[str]:
    """Nouns that name an act, or judge one, without a type of their own (``data/reactions_fr.yaml``)."""
    data = load_yaml("reactions_fr.yaml")
    return keys_of(data.get("act_nouns")) | keys_of(data.get("judgement_nouns"))


class Told(Protocol):
    """What is known of an event found earlier (events.arguments.Args)."""
    actors: list[str]
    type: str


def _earlier(ctx: DocContext, at: Token, events: Mapping[int, object]) -> list[int]:
    """Heads of the events before ``at`` in its sentence and the WINDOW before, nearest first."""
    first = ctx.sents[max(0, ctx.sent_of[at.i] - WINDOW)].start
    return sorted((k for k in events if first <= k < at.i), reverse=True)


def reaction_recipients(ctx: DocContext, v_type: str, o: Token, events: Mapping[int, Told],
                        actors: list[str]) -> list[str]:
    """The actors of the act an object noun points back to, when a reaction verb takes it."""
    if v_type not in REACTION_TYPES or o.pos_ != "NOUN" or ctx.entity_of(o) is not None:
        return []
    own = events.get(o.i)
    if own is not None and own.actors:
        return []  # "les frappes de X": its own phrase names who did it
    judged = ctx.has_key(o, act_nouns())
    if own is None and not judged:
        return []
    state = ctx.demonym_child(o)  # "un acte de terrorisme iranien": the adjective names whom it blames
    if state is not None and state not in actors:
        return [state]
    # an event noun looks back for an act of its own type; a noun that judges ("une « agression »")
    # for any act when none of its type was told
    wants = [own.type] if own is not None else []
    if not wants or judged:
        wants.append("")
    earlier = _earlier(ctx, o, events)
    for want in wants:
        for k in earlier:
            if want and events[k].type != want:
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


# Acts aimed at a party that the party's refusal or denial answers.
ANSWERED_TYPES = frozenset({"ACCUSE", "REQUEST", "THREATEN"})


class Aimed(Told, Protocol):
    recipients: list[str]


def answered_party(ctx: DocContext, at: Token, events: Mapping[int, Aimed], actors: list[str]) -> list[str]:
    """Who a refusal or denial answers: "Le gouvernement accuse le M23 ... Le M23 a rejeté ces accusations",
    "Paris a demandé à Alger de ...; Alger a refusé".  The nearest accusation, demand or threat aimed at the
    one who refuses, in this sentence or the ones just before; its authors are the recipients."""
    if not actors:
        return []
    for k in _earlier(ctx, at, events):
        e = events[k]
        if e.type in ANSWERED_TYPES and set(e.recipients) & set(actors):
            found = [a for a in e.actors if a not in actors]
            if found:
                return found
    return []
