"""Events told inside other events, and one event told twice.

"a demandé une rencontre" (the meeting is what is asked: absorbed), "appelle au
boycott" (both kept: the call, and the boycott called for, CODING.md 4.5), "menace de frapper X"
(both kept: the threat, at X, and the strike threatened), "a nié avoir attaqué"
(both kept, the attack denied), "accuse X d'avoir attaqué" (both kept, the
attack reported); "une frappe visant le consulat" (the participle describes the
strike), "cette rencontre a constitué la première rencontre entre X et Y".  How
each trigger embeds is set in the lexicon (``embed``).
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.events.lexicon import event_lexicon
from selon.events.mentions import Mention
from selon.parse.context import DocContext
from selon.sources.lexicon import source_lexicon

EMBED_DEPS = frozenset({"xcomp", "ccomp", "obj", "obl:arg", "obl", "nmod", "acl"})
COPULAS = frozenset({"être", "constituer", "représenter", "marquer", "devenir", "rester"})
THREAT_MODES = {"ASSAULT": "violence", "SANCTION": "relations", "MOBILIZE": "violence"}
FORMULA_ACTS = {"violence": "ASSAULT", "restrict": "SANCTION", "relations": "SANCTION"}  # a threat's mode -> act
LINEAR_GOVERNOR = 16  # words between a verb taking events and a nominal event the parser hung elsewhere


def phrase_top(ctx: DocContext, m: Mention) -> Token:
    """The word of a multiword trigger that hangs outside it: "châtiment" of "juste châtiment"."""
    t = m.trig.head
    for _ in range(m.trig.end - m.trig.start):
        if t.head.i == t.i or not m.trig.start <= t.head.i < m.trig.end:
            return t
        t = t.head
    return m.trig.head


def governor(ctx: DocContext, m: Mention, by_head: dict[int, Mention]) -> Mention | None:
    t = phrase_top(ctx, m)
    through: list[Token] = []
    prev = t
    for _ in range(3):
        if t.head.i == t.i or t.dep_ not in EMBED_DEPS and not (prev is not t and hung_infinitive(ctx, prev)):
            break
        prev, t = t, t.head
        g = by_head.get(t.i)
        if g is not None and g is not m:
            if g.trig.spec.embed == "deny" and any(ctx.has_key(x, source_lexicon().denied_objects) for x in through):
                return None  # "a démenti toute implication de l'Iran dans l'attaque": not the attack itself
            return g if g.trig.spec.embed else None
        through.append(t)
    return linear_governor(ctx, m, by_head)


def hung_infinitive(ctx: DocContext, t: Token) -> bool:
    """ "a menacé jeudi dans une vidéo de s'en prendre à X": an infinitive with "de" the parser hung on
    the noun of a setting just before it belongs to the verb the setting belongs to."""
    return t.dep_ == "acl" and "Inf" in t.morph.get("VerbForm", []) and t.head.dep_ == "obl:mod" \
        and any(c.dep_ == "mark" and ctx.keys[c.i][1] in ("de", "d'") for c in t.children)


def linear_governor(ctx: DocContext, m: Mention, by_head: dict[int, Mention]) -> Mention | None:
    """A nominal event the parser hung elsewhere, right after a verb that takes events:
    "a demandé, il y a une semaine, une rencontre avec ..."."""
    if not m.trig.nominal or m.actors:
        return None
    n = m.trig.head
    sent = ctx.sentence(n)
    for i in range(n.i - 1, max(sent.start, n.i - LINEAR_GOVERNOR) - 1, -1):
        g = by_head.get(i)
        if g is not None:
            if g.trig.nominal or g.trig.spec.embed not in ("absorb", "defer"):
                return None
            if any(c.dep_ in ("obj", "ccomp", "xcomp", "obl:arg") for c in g.trig.head.children):
                return None  # it has its own complement
            return g
        t = ctx.doc[i]
        if t.pos_ == "VERB" and t.dep_ not in ("advcl", "acl", "parataxis") or t.text in (".", ";", ":"):
            return None
    return None


def embed(ctx: DocContext, mentions: list[Mention], by_head: dict[int, Mention]) -> None:
    for m in mentions:
        g = governor(ctx, m, by_head)
        if g is None or g.dropped:
            continue
        how = g.trig.spec.embed
        if how == "deny" and ctx.has_key(m.trig.head, source_lexicon().denied_objects):
            continue  # "a démenti ces accusations": what is denied is told elsewhere (see _deny_targets)
        if how == "defer" and g.trig.spec.modality == "threatened" and warned_against(ctx, m, g):
            how = "absorb"  # "a mis en garde contre toute participation": the act warned against is not threatened
        if how == "absorb":
            if not g.recipients:
                g.args.recipients = [a for a in m.actors if a not in g.actors] + \
                    [r for r in m.recipients if r not in g.actors]
            if not g.recipients and m.trig.nominal and g.type == "REQUEST":
                # "a demandé une réunion d'urgence du Conseil de sécurité": the body asked to meet
                g.args.recipients = [e for e in ctx.np_entities(m.trig.head, "recipient")
                                     if e not in g.actors and ctx.etype(e) in ("ORG", "PERSON", "GPE")]
            if g.mode is None:
                g.mode = mode_from(g.type, m)
            m.dropped = True
        elif how == "defer":
            m.imposed = g.trig.spec.modality
            if m.imposed == "threatened":
                threatened_act(g, m)
            if not m.actors:
                m.args.actors = list(g.actors)
                m.args.recipients = [r for r in m.recipients if r not in g.actors]
            if m.imposed == "threatened":
                threat_of(g, m)
        elif how == "deny":
            m.imposed = "denied"
            if not m.actors:
                m.args.actors = list(g.actors)
                m.args.recipients = [r for r in m.recipients if r not in g.actors]
            g.denies = m
        elif how == "report":
            if not m.actors:
                m.args.actors = list(g.recipients)
            m.extra_sources = [*g.actors, *m.extra_sources]


def warned_against(ctx: DocContext, m: Mention, g: Mention) -> bool:
    """ "met en garde contre toute participation", "avertit contre une escalade": what is warned against
    is someone else's act (or a danger), not an act the warner threatens."""
    t = m.trig.head
    for _ in range(4):
        if any(c.dep_ == "case" and ctx.keys[c.i][1] == "contre" for c in t.children):
            return True
        if t.head.i == t.i or t.head.i == g.trig.head.i:
            return False
        t = t.head
    return False


def threatened_act(g: Mention, m: Mention) -> None:
    """What a threat verb threatens.  A threat formula under it ("a averti que X paierait un prix élevé",
    "a promis un juste châtiment") is no second threat but the act threatened: an ASSAULT (a SANCTION for
    restrictions) by the one who threatens, at whom the formula names (CODING.md 4.5)."""
    m.threat = g
    role = m.trig.spec.speaker
    if m.type != "THREATEN" or role is None:
        return
    m.type, m.mode = FORMULA_ACTS.get(m.mode or "", "ASSAULT"), None
    if role == "actor" or not m.actors:
        named = [*m.actors, *m.recipients]
        m.args.actors = list(g.actors)
        m.args.recipients = [e for e in dict.fromkeys(named) if e not in g.actors]


def threat_of(g: Mention, m: Mention) -> None:
    """ "a menacé de frapper X": the threat is made at whom the act threatened would target
    (CODING.md 4.5: THREATEN X -> Y beside the act X -> Y, threatened), in the mode of that act; and the
    one threatened is the target of an act that names none ("a menacé X d'une guerre civile")."""
    if not g.recipients:
        g.args.recipients = [r for r in m.recipients if r not in g.actors]
    if not m.recipients:
        m.args.recipients = [r for r in g.recipients if r not in m.actors]  # "a promis à X un châtiment"
    if g.mode is None:
        g.mode = mode_from(g.type, m)


def predicates(ctx: DocContext, mentions: list[Mention], by_head: dict[int, Mention]) -> None:
    """"cette rencontre a constitué la première rencontre entre X et Y": one event, described twice."""
    for m in mentions:
        h = m.trig.head
        if not m.trig.nominal or h.head.i == h.i:
            continue
        verb = h.head if ctx.lemma(h.head) in COPULAS and h.dep_ in ("obj", "xcomp", "obl:arg") else h
        if verb is h and not any(c.dep_ == "cop" for c in h.children):
            continue
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        g = by_head.get(subj.i) if subj is not None else None
        if g is None or g is m or g.type != m.type or not g.trig.nominal:
            continue
        g.args.actors = g.actors or list(m.actors)
        g.args.recipients = g.recipients or [r for r in m.recipients if r not in g.actors]
        m.dropped = True


def participles(mentions: list[Mention], by_head: dict[int, Mention]) -> None:
    """A participle on an event noun describes that event: "une frappe visant le consulat";
    an event noun object of a verb of the same event is that event: "a fourni une aide"."""
    for m in mentions:
        h = m.trig.head
        g = by_head.get(h.head.i)
        if m.trig.nominal and g is not None and g is not m and not g.trig.nominal and g.type == m.type \
                and h.dep_ in ("obj", "obl:arg", "obl", "nsubj:pass") \
                and not (m.trig.spec.speaker and g.trig.spec.modality == "threatened"):
            g.args.recipients = g.recipients or [r for r in m.recipients if r not in g.actors]
            g.args.actors = g.actors or [a for a in m.actors if a not in g.recipients]
            g.mode = g.mode or m.mode
            m.dropped = True
    for m in mentions:
        if m.dropped:
            continue
        h = m.trig.head
        if m.trig.nominal or h.dep_ not in ("acl", "advcl") or "Part" not in h.morph.get("VerbForm", []):
            continue
        g = by_head.get(h.head.i)
        if g is None and h.head.dep_ == "nmod":
            g = by_head.get(h.head.head.i)  # "des attaques de drones lancées par X"
        if g is None and "Pres" in h.morph.get("Tense", []):
            # "une « agression » visant le bâtiment", parsed loosely: the event noun just before
            g = next((by_head[i] for i in range(h.i - 1, max(h.i - 6, -1), -1)
                      if i in by_head and by_head[i].trig.nominal), None)
        if g is None or not g.trig.nominal or g is m:
            continue
        if not g.recipients:
            g.args.recipients = [r for r in m.recipients if r not in g.actors]
        if not g.actors:
            g.args.actors = [a for a in m.actors if a not in g.recipients]
        m.dropped = True


def mode_from(gtype: str, m: Mention) -> str | None:
    cues = event_lexicon().modes.get(gtype) or {}
    for k in (m.trig.head.lemma_.lower(), m.trig.head.text.lower()):
        if k in cues:
            return cues[k]
    if gtype == "THREATEN":
        return THREAT_MODES.get(m.type)
    if gtype in ("REQUEST", "REJECT"):
        return {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "RETREAT": "yield",
                "CONCEDE": "yield"}.get(m.type)
    return None
