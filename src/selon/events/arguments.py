"""Who acts and at whom: actors, recipients and location of a trigger, from the dependency parse.

Verbs: subject and object in the active voice, the agent ("par X") and the
passive subject in the passive, prepositional targets ("contre", "sur",
"avec", "entre X et Y"), shared subjects of coordinated and controlled
verbs, relative pronouns and pronoun subjects.  Nouns: their own
complements ("la rencontre entre X et Y", "les frappes du Hamas contre X",
"attaques lancées par X"), the subject of a verb that carries them ("X a
lancé une attaque"), possessives ("sa visite"), and patient frames ("la base
a été la cible de ...").  When the parse gives nothing sure, the role stays
empty: no actor is better than a wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from selon.events.incise import inverted_subject, quoted_subject
from selon.events.lexicon import event_lexicon
from selon.events.reactions import answered_party, reaction_recipients, relative_object
from selon.events.triggers import Trigger
from selon.parse.context import DocContext
from selon.parse.subjects import agent_of, subject_entities
from selon.parse.syntax import is_passive, subject_token
from selon.parse.words import POSSESSIVE, dedupe
from selon.sources.attribution import outlet_subject, self_report

TARGET_CASES = frozenset({"contre", "sur", "envers", "vers", "à l'encontre", "à l'encontre de", "visant"})
WITH_CASES = frozenset({"avec", "auprès", "auprès de", "aux côtés de", "à côté de"})
PLACE_CASES = frozenset({"à", "dans", "en", "près", "près de", "au large de", "à proximité de", "au", "aux",
                         "depuis", "à le"})
GENITIVE_CASES = frozenset({"de", "de le", "des"})
OBL_DEPS = frozenset({"obl", "obl:arg", "obl:mod", "obl:agent", "nmod", "iobj", "obj", "advcl", "dep"})
SYMMETRIC = frozenset({"CONSULT", "COOPERATE"})
# Cases that name the other party inside a verb's object: "ses relations avec Kigali", "des frappes contre X".
OBJECT_CASES = TARGET_CASES | frozenset({"avec"})
DATIVE_CASES = frozenset({"à", "à le", "au", "aux"})
RECEIVER_TYPES = ("PERSON", "ORG", "GPE")
# Types where "à X" names who it is for ("une aide à Gaza", "demander à l'Iran"), not where it happens.
DATIVE_TYPES = frozenset({"AID", "REQUEST", "SUPPORT", "AGREE", "CONCEDE", "RETREAT", "THREATEN", "ACCUSE"})
# A noun of sanction takes its target with "à" too: "des sanctions à la Biélorussie".
NOUN_DATIVE_TYPES = DATIVE_TYPES | {"SANCTION"}
# Verbs whose subject phrase is an occurrence of the nominal event: "une rencontre a eu lieu entre X et Y".
OCCURRENCE = frozenset({"avoir", "tenir", "dérouler", "produire", "intervenir", "survenir", "commencer", "éclater",
                        "reprendre", "poursuivre", "cibler", "viser", "frapper", "toucher", "faire", "constituer"})
SKIP_LEFT_POS = frozenset({"ADV", "AUX", "PUNCT", "SPACE", "PART", "CCONJ"})


@dataclass
class Args:
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    location: str | None = None
    type: str = ""  # the trigger's PLOVER type (read by the reactions to it)


def fronted(ctx: DocContext, c: Token, v: Token) -> bool:
    """A prepositional phrase before the verb and its subject, closed by a comma: a setting."""
    if c.i > v.i:
        return False
    end = max(t.i for t in c.subtree)
    return end + 1 < len(ctx.doc) and ctx.doc[end + 1].text == ","


def _target_pps(ctx: DocContext, tok: Token, depth: int = 2, cases: frozenset[str] = TARGET_CASES) -> list[Token]:
    """Prepositional targets ("sur Israël", "contre la base") in a phrase, a couple of levels down."""
    out: list[Token] = []
    frontier = [tok]
    for _ in range(depth):
        nxt: list[Token] = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in ("acl:relcl", "ccomp", "advcl", "parataxis") or c.i in ctx.trigger_words:
                    continue
                if ctx.case_of(c) in cases:
                    out.append(c)
                nxt.append(c)
        frontier = nxt
    return out


def between(ctx: DocContext, c: Token) -> tuple[list[str], list[str]]:
    """ "entre X et Y": X acts, Y receives (each side resolved on its own, so an unknown X stays empty)."""
    first = [e for e in ctx.np_entity(c, "actor", 0)]
    rest: list[str] = []
    for conj in ctx.conjuncts(c):
        rest.extend(ctx.np_entity(conj, "actor", 0))
    if rest or first:
        last = max(t.i for t in c.subtree)
        rest.extend(ctx.coordinated_after(last, "actor"))
    return first, [r for r in rest if r not in first]


def _city(ctx: DocContext, eid: str) -> bool:
    """A town rather than a state: a GPE the KB does not list as a state (its generated places and cities)."""
    e = ctx.entities.get(eid)
    return e is not None and e.type == "GPE" and (e.kb_id is None or e.kb_id.startswith("selon:gpe:"))


def _party(ctx: DocContext, eid: str) -> bool:
    """A person, body or state that can receive an act (a town named with "à" is where it happens)."""
    return ctx.etype(eid) in RECEIVER_TYPES and not _city(ctx, eid)


def _place_or_party(ctx: DocContext, c: Token, args: Args, visit: bool, dative: bool = False,
                    trig_type: str = "") -> None:
    """A phrase with "à"/"dans"/"en": a place where it happens, or the party it goes to."""
    ents = ctx.np_entities(c, "target")
    if not ents:
        return
    places = [e for e in ents if ctx.etype(e) in ("GPE", "LOC")]
    if dative and ctx.case_of(c) in ("à", "à le", "au", "aux") and ctx.etype(ents[0]) != "LOC" \
            and not (trig_type == "AGREE" and _city(ctx, ents[0])):  # "ont signé à Bamako": where, not with whom
        args.recipients.extend(e for e in ents if ctx.etype(e) in ("PERSON", "ORG", "GPE"))
        return  # "a fourni une aide à Gaza", "a demandé à l'Iran de ..."
    if len(places) == len(ents):
        if visit and not args.recipients:
            args.recipients.extend(places)
        elif args.location is None:
            args.location = places[0]
    elif dative and ctx.etype(ents[0]) in ("PERSON", "ORG"):
        args.recipients.extend(e for e in ents if ctx.etype(e) in ("PERSON", "ORG", "GPE"))


def _object_dative(ctx: DocContext, o: Token) -> list[str]:
    """ "livrera trente avions de combat à l'Ukraine": the parser often hangs the dative on the object's
    last noun; a state, body or person there is whom it goes to (a town is where: "à Bamako")."""
    out: list[str] = []
    for pp in _target_pps(ctx, o, depth=3, cases=DATIVE_CASES):
        ents = ctx.np_entities(pp, "target")
        if ents and _party(ctx, ents[0]):
            out.extend(e for e in ents if ctx.etype(e) in RECEIVER_TYPES)
    return out


def _noun_conjunct_subject(ctx: DocContext, v: Token) -> list[str]:
    """ "X a revendiqué la saisie du Galaxy Leader et menacé de ...": a participle the parser coordinated
    with the noun just before it shares the subject of the verb that noun depends on."""
    if v.dep_ != "conj" or v.head.pos_ not in ("NOUN", "PROPN") or "Part" not in v.morph.get("VerbForm", []) \
            or any(c.dep_.startswith("aux") for c in v.children):
        return []
    t = v.head
    for _ in range(4):
        if t.head.i == t.i:
            return []
        t = t.head
        if t.pos_ == "VERB":
            if "Part" in t.morph.get("VerbForm", []) and any(c.dep_.startswith("aux") for c in t.children):
                return subject_entities(ctx, t)
            return []
    return []


def verbal_args(ctx: DocContext, trig: Trigger, mode: str | None, events: dict[int, Args]) -> Args:
    v = trig.head
    args = Args()
    # a verb the lexicon enters as pronominal takes "être" in compound tenses without being passive:
    # "le Hamas s'en est pris à Israël"
    passive = is_passive(v) and not (trig.spec.reflexive is True and ctx.reflexive(v))
    visit = mode == "visit"
    if passive:
        agent = agent_of(ctx, v)
        if agent is not None:
            args.actors = ctx.np_entities(agent)
        subj = subject_token(v)
        if subj is not None:
            args.recipients = ctx.np_entities(subj, "recipient")
    else:
        args.actors = subject_entities(ctx, v)
        subj = subject_token(v)
        if not args.actors and subj is not None and is_passive(v):
            args.actors = ctx.np_entities(subj)  # the pronominal verb's own subject ("le Hamas s'en est pris")
        if not args.actors and subj is None:
            args.actors = _noun_conjunct_subject(ctx, v)
        if not args.actors and v.dep_ == "acl" and "Part" in v.morph.get("VerbForm", []) and \
                v.head.pos_ in ("NOUN", "PROPN"):
            # "la base visée par des tirs": a participle on a noun names what suffers the act
            agent = agent_of(ctx, v)
            if agent is not None:
                args.actors = ctx.np_entities(agent)
            args.recipients = ctx.np_entities(v.head, "recipient")
        inverted = inverted_subject(ctx, v)
        if inverted is not None:  # "« ... », a accusé dimanche le chef de l'opposition": who speaks acts
            args.actors = ctx.np_entities(inverted)
            if trig.type == "ACCUSE":
                args.recipients.extend(quoted_subject(ctx, v))  # the accused: whom the quotation is about
        nounish = v.pos_ in ("NOUN", "PROPN")  # a verb the tagger took for a noun: "l'Iran attaque Israël"
        for o in (c for c in v.children if c is not inverted and (c.dep_ in ("obj", "iobj")
                  or (nounish and c.dep_ == "nmod" and ctx.case_of(c) is None))):
            back = reaction_recipients(ctx, trig.type, o, events, args.actors)
            if back:  # "Joe Biden a condamné l'attaque": whoever attacked, a sentence or two back
                args.recipients.extend(back)
                continue
            if o.i in events:  # the object is itself an event: "a condamné les frappes de X" -> X
                args.recipients.extend(events[o.i].actors)
                continue
            if o.pos_ == "PRON" and ctx.keys[o.i][1] in ("lui", "leur") and o.dep_ == "iobj" and o.i < v.i:
                # "Assad est arrivé à Moscou, où la Russie lui a accordé l'asile": the subject just named
                args.recipients.extend(ctx.possessor(o, args.actors))
                continue
            if o.pos_ == "PRON" and ctx.keys[o.i][1] in ("les", "le", "la", "l'", "lui", "leur"):
                continue  # object clitics point anywhere; better none than a wrong one
            args.recipients.extend(ctx.np_entities(o, "recipient"))
            for pp in _target_pps(ctx, o, cases=OBJECT_CASES):  # "a fermé sa frontière avec le Rwanda"
                args.recipients.extend(ctx.np_entities(pp, "target"))
            if trig.type in DATIVE_TYPES or trig.spec.dative:
                args.recipients.extend(_object_dative(ctx, o))
    words = [v, *(ctx.doc[i] for i in range(trig.start, trig.end) if i != v.i)]
    for c in (k for w in words for k in w.children if not trig.start <= k.i < trig.end):
        if c.dep_ not in OBL_DEPS or c.i in ctx.trigger_words and c.dep_ not in ("obl", "obl:arg", "obl:mod"):
            continue
        case = ctx.case_of(c)
        if case is None:
            continue
        if case in TARGET_CASES or case in WITH_CASES:
            args.recipients.extend(ctx.np_entities(c, "target"))
        elif case == "entre":
            first, rest = between(ctx, c)
            if not args.actors:
                args.actors = first
                args.recipients.extend(rest)
            else:
                args.recipients.extend(first + rest)
        elif case in PLACE_CASES:
            # a fronted "À Lorvane, le gouvernement a salué ...": where it is said, not to whom
            _place_or_party(ctx, c, args, visit,
                            (trig.type in DATIVE_TYPES or trig.spec.dative) and not fronted(ctx, c, v), trig.type)
    for w in words[1:]:
        det = next((c for c in w.children if c.dep_ == "det" and ctx.keys[c.i][1] in POSSESSIVE), None)
        if det is not None and w.pos_ == "NOUN" and not args.recipients:
            args.recipients = ctx.possessor(det, args.actors)  # "se sont rangés de son côté"
    if trig.spec.swap:
        args.actors, args.recipients = args.recipients, args.actors
    if trig.spec.embed == "deny":
        args.recipients = []  # what is denied is content, not a party ("toute implication de l'Iran")
    has_obj = any(c.dep_ in ("obj", "iobj") for c in v.children)
    relative = [c for c in v.children if c.dep_ == "obj" and ctx.keys[c.i][1] in ("que", "qu'", "qu’")]
    if (not has_obj or relative) and not args.recipients and not passive:
        args.recipients = relative_object(ctx, v, events, args.actors)  # "le Rwanda, qu'il accuse de ..."
    if trig.type == "REJECT" and not args.recipients:
        args.recipients = answered_party(ctx, v, events, args.actors)  # "Le M23 a rejeté ces accusations"
    _split_symmetric(trig, args, ctx.reflexive(v) or not has_obj)
    return _clean(args)


def nominal_args(ctx: DocContext, trig: Trigger, mode: str | None, events: dict[int, Args]) -> Args:
    n = trig.head
    args = Args()
    visit = mode == "visit"
    possessive = False
    genitive: list[Token] = []
    for h in [n, *trig.extra]:
        for c in h.children:
            if c.dep_ == "det" and ctx.keys[c.i][1] in POSSESSIVE:
                possessive = True
                continue
            if c.dep_ == "acl":
                agent = agent_of(ctx, c)
                if agent is not None:
                    args.actors.extend(ctx.np_entities(agent))
                if ctx.lemma(c) == "viser":
                    for o in c.children:
                        if o.dep_ == "obj":
                            args.recipients.extend(ctx.np_entities(o, "recipient"))
                continue
            case = ctx.case_of(c)
            if case is None:
                continue
            if case == "entre":
                first, rest = between(ctx, c)
                args.actors.extend(first)
                args.recipients.extend(rest)
            elif case in WITH_CASES or case in TARGET_CASES:
                args.recipients.extend(ctx.np_entities(c, "target"))
            elif case == "par":
                args.actors.extend(ctx.np_entities(c))
            elif case in GENITIVE_CASES and c.i not in ctx.trigger_words:
                genitive.append(c)
                if ctx.entity_of(c) is None:
                    for gc in c.children:  # "la proposition de trêve présentée par la France"
                        agent = agent_of(ctx, gc) if gc.dep_ == "acl" else None
                        if agent is not None:
                            args.actors.extend(ctx.np_entities(agent))
            elif case in PLACE_CASES:
                _place_or_party(ctx, c, args, visit, trig.type in NOUN_DATIVE_TYPES, trig.type)
    for g in genitive:
        role = "recipient" if trig.spec.genitive == "recipient" else "actor"  # "l'expulsion de l'ONG X"
        ents = [e for e in ctx.np_entities(g, role) if ctx.etype(e) != "EVENT"]
        for e in ents:
            kind = ctx.etype(e)
            how = trig.spec.genitive
            if how == "recipient" or kind == "LOC" or (how == "auto" and kind == "GPE"):
                args.recipients.append(e)
            elif not args.actors or args.actors == [e]:
                args.actors.append(e)
            else:
                args.recipients.append(e)
    if not args.recipients:
        for pp in _target_pps(ctx, n):  # "une attaque de drones et de missiles contre Israël"
            args.recipients.extend(ctx.np_entities(pp, "target"))
    for c in n.children:
        if (c.dep_ == "amod" or c.dep_ == "acl" and c.pos_ == "ADJ") and not args.actors:
            state = ctx.demonym(c)  # "les frappes israéliennes", "l'invasion russe"
            if state and state not in args.recipients:
                args.actors.append(state)
    gov = n.head if n.head.i != n.i else None
    if gov is not None:
        _from_governor(ctx, trig, gov, args, possessive)
    if not args.actors and not args.recipients:
        _occurrence(ctx, n, args)
    _split_symmetric(trig, args)
    return _clean(args)


def _from_governor(ctx: DocContext, trig: Trigger, gov: Token, args: Args, possessive: bool) -> None:
    """Arguments a nominal event takes from the verb or noun it depends on."""
    n = trig.head
    lex = ctx.lex
    glemma = ctx.lemma(gov)
    dep = n.dep_
    reporting = self_report(ctx, gov)
    light = (glemma in lex.light_verb_words and not _il_y_a(ctx, gov)) or reporting
    if not args.actors and (gov.pos_ in ("VERB", "AUX", "ADJ") or reporting) and \
            dep in ("obj", "obl:arg", "obl", "nsubj:pass", "xcomp", "nmod", "ccomp"):
        if light and not outlet_subject(ctx, gov):
            args.actors = subject_entities(ctx, gov)
    if glemma in event_lexicon().patient_heads and dep in ("nmod", "obl", "obl:arg", "obj", "xcomp"):
        subj = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubj:pass")), None) or \
            next((t for t in gov.subtree if t.i < gov.i and t.dep_ in ("nsubj", "nsubj:pass")), None)
        if subj is not None:
            args.recipients.extend(ctx.np_entities(subj, "recipient"))
    if possessive and not args.actors:
        if gov.pos_ in ("ADV", "ADP") and gov.head.i != gov.i:
            gov = gov.head  # "lors de sa visite"
        if gov.pos_ in ("VERB", "AUX"):
            args.actors = subject_entities(ctx, gov)
        elif gov.pos_ in ("NOUN", "PROPN"):
            args.actors = ctx.np_entities(gov) if ctx.entity_of(gov) else []
    if (light or dep in ("nsubj", "nsubj:pass") and glemma in OCCURRENCE) and gov.pos_ in ("VERB", "AUX", "NOUN"):
        for c in gov.children:
            if c.i == n.i or c.i < n.i and dep not in ("nsubj", "nsubj:pass"):
                continue
            case = ctx.case_of(c)
            if case in TARGET_CASES or case in WITH_CASES:
                args.recipients.extend(ctx.np_entities(c, "target"))
            elif case == "entre":
                first, rest = between(ctx, c)
                if not args.actors:
                    args.actors = first
                    args.recipients.extend(rest)
                else:
                    args.recipients.extend(first + rest)
            elif case in DATIVE_CASES and light and (trig.type in NOUN_DATIVE_TYPES or trig.spec.dative) \
                    and c.i > n.i and dep == "obj":  # "a imposé des sanctions à X", "a apporté son soutien à Y"
                args.recipients.extend(e for e in ctx.np_entities(c, "target") if _party(ctx, e))
    if not args.recipients and (gov.pos_ in ("VERB", "AUX") or reporting) and light:
        # "X a fait état du tir de missiles contre la base": the target hangs on the verb, after the noun
        for c in _target_pps(ctx, gov):
            if c.i > n.i:
                args.recipients.extend(ctx.np_entities(c, "target"))


def _il_y_a(ctx: DocContext, gov: Token) -> bool:
    """ "il y a une semaine": "avoir" with "y" is no carrier of an event."""
    return any(c.dep_.startswith("expl") or ctx.keys[c.i][1] == "y" for c in gov.children)


def _occurrence(ctx: DocContext, n: Token, args: Args) -> None:
    """"La semaine dernière une rencontre a eu lieu entre X et Y" with the noun hung on the wrong phrase:
    climb to the phrase that is the subject of an occurrence verb and take that verb's "entre"/"avec"."""
    top = n
    for _ in range(3):
        if top.dep_ in ("nmod", "appos") and top.head.pos_ in ("NOUN", "PROPN"):
            top = top.head
        else:
            break
    if top is n or top.dep_ not in ("nsubj", "nsubj:pass") or ctx.lemma(top.head) not in OCCURRENCE:
        return
    for c in top.head.children:
        case = ctx.case_of(c)
        if case == "entre":
            first, rest = between(ctx, c)
            args.actors.extend(first)
            args.recipients.extend(rest)
        elif case in WITH_CASES:
            args.recipients.extend(ctx.np_entities(c, "target"))


def _split_symmetric(trig: Trigger, args: Args, reciprocal: bool = True) -> None:
    """ "X et Y se sont rencontrés": the first named acts, the others receive (as "entre X et Y");
    not when they met someone else ("X et Y l'ont rencontré").  "X et Y ont signé un accord" is
    signed with each other, whatever else the sentence names."""
    if trig.type == "AGREE" and len(args.actors) > 1:
        args.recipients = [*args.actors[1:], *args.recipients]
        args.actors = args.actors[:1]
    elif trig.type in SYMMETRIC and reciprocal and not args.recipients and len(args.actors) > 1:
        args.recipients = args.actors[1:]
        args.actors = args.actors[:1]


def _clean(args: Args) -> Args:
    args.actors = dedupe(args.actors)
    args.recipients = [r for r in dedupe(args.recipients) if r not in args.actors]
    if args.location in args.actors or args.location in args.recipients:
        args.location = None
    return args


def extract_args(ctx: DocContext, trig: Trigger, mode: str | None, events: dict[int, Args]) -> Args:
    if trig.nominal and not any(c.dep_ in ("nsubj", "nsubj:pass") for c in trig.head.children):
        args = nominal_args(ctx, trig, mode, events)
    else:  # a verb, or a noun with a subject (a verb mis-tagged)
        args = verbal_args(ctx, trig, mode, events)
    args.type = trig.type
    return args
