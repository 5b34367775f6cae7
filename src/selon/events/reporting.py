"""Each event's sources and modality, from what the sources stage finds around its trigger.

Denied first (negated, denied by a governing trigger, governed by a verb of
avoidance), then irrealis (threatened, called for, planned, hypothetical, and the
types whose content has not happened: a threat, a demand, an offer), claimed by
a verb of claim, reported when attributed to someone other than the actor,
else asserted.  A threat formula without a threat verb is its speaker's; a
threatened act keeps its own type (CODING.md 4.5), beside the THREATEN that makes it.
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.clean import norm
from selon.events.arguments import Args
from selon.events.mentions import Mention
from selon.events.nesting import THREAT_MODES
from selon.events.triggers import Trigger
from selon.parse.context import DocContext
from selon.parse.subjects import subject_entities
from selon.parse.syntax import is_passive
from selon.sources.attribution import Attribution, outlet_subject, self_report
from selon.sources.lexicon import source_lexicon
from selon.sources.modality import (
    FORCE_TYPES,
    IRREALIS,
    VERBAL_TYPES,
    alleged,
    combine,
    governed_by_negation,
    irrealis,
    negated,
    self_claim,
)

# No type is irrealis in itself: a threat, a call or an agreement that was made is asserted or reported
# like any other act (eval/CODING.md 4.5); the act threatened or called for carries the irrealis.
INHERENT: dict[str, str] = {}


def set_modality(ctx: DocContext, m: Mention, attribution: Attribution, report_heads: set[int]) -> None:
    trig = m.trig
    sources, attributed = attribution.sources_for(trig, m.actors)
    m.sources = [s for s in [*m.extra_sources, *sources] if s]
    m.sources = list(dict.fromkeys(m.sources))
    outlet_negated = negated(ctx, trig) and not trig.spec.negative
    if outlet_negated and m.imposed != "denied" and not m.sources and ctx.in_quote(trig.head) is None:
        # "l'armée n'a pas riposté", "n'a encore rencontré aucun des chefs de file": an act the outlet
        # itself says did not happen is no event (CODING.md 4.1); a denial needs someone who denies
        m.modality = "denied"
        m.dropped = True
        return
    if m.imposed == "denied" or outlet_negated or governed_by_negation(ctx, trig):
        m.modality = "denied"
        return
    found = [x for x in (irrealis(ctx, trig, report_heads), m.imposed, INHERENT.get(m.type)) if x]
    if m.type == "THREATEN":  # "ils paieront le prix": the future is what is threatened, the threat is made
        found = [x for x in found if x not in ("planned", "threatened")]
    irr = [x for x in found if x in IRREALIS]
    if irr:
        m.modality = combine(irr)
        if m.modality == "planned" and quoted_threat(ctx, m):
            m.modality = "threatened"
            if not m.actors:
                m.args.actors = m.sources[:1]
        if m.modality == "hypothetical" and not m.sources and ctx.in_quote(trig.head) is None:
            # "Israël pourrait frapper l'Iran", "faut-il sanctionner Moscou ?": a possibility or a question
            # no one in the text asserts is no event (CODING.md 4.1, 5)
            m.dropped = True
        return
    if announced_decision(ctx, trig) and self_claim(ctx, m.actors, m.sources[:1] or m.actors[:1]):
        m.modality = "asserted"  # "l'Algérie a annoncé la rupture de ses relations": announcing it does it
        return
    if claimed_by_verb(ctx, trig):
        m.modality = "claimed"
        if m.actors and m.actors[0] not in m.sources:
            m.sources.insert(0, m.actors[0])
        return
    if attributed or m.sources:
        others = [s for s in m.sources if not self_claim(ctx, m.actors, [s])]
        if m.type in VERBAL_TYPES:
            # a statement reported by its own author is simply made; by someone else, reported
            m.modality = "reported" if others or not m.sources else "asserted"
        elif m.sources and self_claim(ctx, m.actors, m.sources[:1]):
            m.modality = "claimed"
        else:
            m.modality = "reported"
        return
    m.modality = "reported" if alleged(ctx, trig, report_heads) else "asserted"


def quoted_threat(ctx: DocContext, m: Mention) -> bool:
    """ "« Si un soldat franchit la rivière, nous frapperons leurs bases »", "« vos installations seront
    visées »": a strike, a seizure or a sanction to come, in the quoted words of the one who would carry
    it out (or with no one else named to do it), is threatened, not planned (CODING.md 4.5)."""
    if m.type not in FORCE_TYPES or m.threat is not None or not m.sources or ctx.in_quote(m.trig.head) is None:
        return False
    if not m.actors:
        return m.trig.nominal or is_passive(m.trig.head)
    return self_claim(ctx, m.actors, m.sources[:1])


def principal(ctx: DocContext, actor: str) -> str | None:
    """The group or state a person's role names: "le chef de la milice des Fils de l'Ardanie, X" -> the
    militia, "le ministre de la Défense du Valdoran, Y" -> Valdoran (one only, else none)."""
    e = ctx.entities.get(actor)
    if e is None or e.type != "PERSON" or not e.roles:
        return None
    roles = " ".join(f" {norm(r)} " for r in e.roles)
    found = [x.id for x in ctx.entities.values() if x.id != actor and x.type in ("ORG", "GPE")
             and any(f" {n} " in roles for n in ctx.names(x.id) if n)]
    return found[0] if len(found) == 1 else None


def threatened_by(ctx: DocContext, m: Mention) -> None:
    """The act a leader or spokesman threatens would be carried out by the group or state they speak
    for: it is theirs too (CODING.md 4.4, 4.5: the militia strikes, its chief threatens)."""
    if m.modality != "threatened" or len(m.actors) != 1:
        return
    org = principal(ctx, m.actors[0])
    if org is not None and org not in m.recipients:
        m.args.actors = [org, *m.actors]


def made_threat(m: Mention) -> Mention | None:
    """The THREATEN a threatened act stands for when no threat verb governs it ("« nous frapperons
    leurs bases », a déclaré X"): X threatens whom the act would target (CODING.md 4.5)."""
    if m.modality != "threatened" or m.threat is not None or not m.sources or m.dropped:
        return None
    speaker = m.sources[0]
    args = Args(actors=[speaker], recipients=[r for r in m.recipients if r != speaker], location=m.args.location)
    t = Mention(m.trig, "THREATEN", THREAT_MODES.get(m.type), args)
    t.sources, t.modality, t.date = list(m.sources), "asserted", None
    m.threat = t
    return t


def speaker_actor(m: Mention) -> None:
    """A threat said without a threat verb ("ils paieront le prix fort", "la riposte sera sévère") is the
    speaker's: the quotation's or the reported statement's.  With ``speaker: actor`` whoever the sentence
    names as subject is the one threatened; with ``fallback`` the speaker only fills a missing actor.
    No speaker, no actor: the event is then dropped rather than pinned on someone."""
    role = m.trig.spec.speaker
    if role is None or m.modality == "denied" or m.threat is not None:
        return  # under a threat verb the formula is the act threatened, its parties set (nesting.threatened_act)
    speaker = m.sources[0] if m.sources else None
    if role == "actor":
        named = [*m.actors, *m.recipients]
        m.args.actors = [speaker] if speaker else []
        m.args.recipients = [e for e in dict.fromkeys(named) if e != speaker]
    elif not m.actors and speaker:
        m.args.actors = [speaker]
        m.args.recipients = [e for e in m.recipients if e != speaker]


def as_target(ctx: DocContext, m: Mention) -> None:
    """ "considère les bases américaines comme des cibles légitimes": what is called a target is the
    recipient, whoever calls it so the actor, whether the parser hangs "comme ..." on the verb or on
    its object."""
    h = m.trig.head
    if m.trig.spec.speaker is None or h.head.i == h.i \
            or not any(c.dep_ == "case" and ctx.keys[c.i][1] == "comme" for c in h.children):
        return
    g = h.head
    verb: Token | None = None
    if g.pos_ in ("VERB", "AUX"):
        verb, g = g, next((c for c in g.children if c.dep_ == "obj"), g)
    elif g.dep_ == "obj" and g.head.pos_ == "VERB":
        verb = g.head
    if not m.actors and verb is not None:
        m.args.actors = subject_entities(ctx, verb)
    if not m.recipients and g is not verb and g.pos_ in ("NOUN", "PROPN"):
        m.args.recipients = [e for e in ctx.np_entities(g, "recipient") if e not in m.actors]


ANNOUNCED_DECISIONS = frozenset({"SANCTION", "CONSULT", "ACCUSE", "AID", "RETREAT", "CONCEDE", "AGREE",
                                 "COOPERATE", "SUPPORT", "REJECT", "REQUEST", "MOBILIZE"})


def announced_decision(ctx: DocContext, trig: Trigger) -> bool:
    """ "a annoncé la rupture de ses relations", "a annoncé lundi la convocation de l'ambassadeur": a state or
    official announcing its own decision makes it (CODING.md 4.5 keeps `claimed` for "a revendiqué",
    "a annoncé avoir", "affirme avoir"); a strike or a seizure announced stays a claim."""
    h = trig.head
    if not trig.nominal or trig.type not in ANNOUNCED_DECISIONS or h.dep_ != "obj" or h.head.i == h.i:
        return False
    return ctx.lemma(h.head) == "annoncer"


def claimed_by_verb(ctx: DocContext, trig: Trigger) -> bool:
    """ "X a revendiqué l'attaque", "les Brigades ont fait état du tir de missiles"."""
    h = trig.head
    if trig.nominal and any(c.dep_ == "acl" and ctx.lemma(c) in source_lexicon().claim_verbs and
                            any(a.dep_ == "obl:agent" or ctx.case_of(a) == "par" for a in c.children)
                            for c in h.children):
        return True  # "l'attentat de dimanche, revendiqué par le PKK"
    if not trig.nominal or h.head.i == h.i or h.dep_ not in ("obj", "obl:arg", "obl", "nmod"):
        return False
    gov = h.head
    lemma = ctx.lemma(gov)
    if lemma in source_lexicon().claim_verbs:
        return True
    if self_report(ctx, gov):
        subj = next((c for c in gov.children if c.dep_ == "nsubj"), None)
        return subj is not None and not outlet_subject(ctx, gov) and bool(ctx.np_entities(subj))
    return False
