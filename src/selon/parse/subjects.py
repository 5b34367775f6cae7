"""Who a verb's subject is (the actor of a verbal event, the speaker of a verb of saying), through passives, shared and lost subjects.

In the passive the agent ("par X") acts; a verb without a subject of its own
shares its host's (coordinated "et a appelé", controlled "a décidé de frapper",
a gerund "tout en demandant"); a bare named phrase the parser left dangling
before the verb is its subject.  When the parse gives nothing sure, no actor.
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.parse.context import DocContext
from selon.parse.syntax import clause_host, is_passive, is_tensed, np_top, subject_token

LEFT_SUBJECT_WINDOW = 12


def subject_entities(ctx: DocContext, v: Token, depth: int = 0) -> list[str]:
    """The actor(s) a verb's subject stands for, following shared subjects when the verb has none."""
    subj = subject_token(v)
    if subj is not None:
        if is_passive(v):
            agent = agent_of(ctx, v)
            return ctx.np_entities(agent) if agent is not None else []
        found = ctx.np_entities(subj)
        if found:
            return found
        if subj.i < v.i and intervening_subject(ctx, subj, v):
            return _left_subject(ctx, v)  # a far "subject" the parser borrowed, a named phrase dangling nearer
        cc = next((c for c in v.children if c.dep_ == "cc"), None)
        if not (v.dep_ == "ccomp" and cc is not None and subj.i < cc.i < v.i):
            return found
        # "X a déclaré que A était B et a salué C": "et a salué" is X's, the parser took B for its subject
    if depth < 3 and v.head.i != v.i:
        p = v.head
        if _gerund(ctx, v):
            host = clause_host(v)  # "X a condamné ..., tout en demandant à Y de ...": X asks
            return subject_entities(ctx, host, depth + 1) if host is not None else []
        if v.dep_ == "conj" and is_tensed(v):
            p = _finite_host(ctx, v)  # "X a accusé Y de mener ... et a appelé Z": X calls, not Y
        if v.dep_ == "acl" and p.pos_ in ("NOUN", "PROPN"):
            if "Fin" in v.morph.get("VerbForm", []) and "Ind" in v.morph.get("Mood", []):
                return ctx.np_entities(np_top(p))  # "Le commandant de la Force Qods contacte le Hamas" misparsed
            return []
        controlled = v.dep_ == "xcomp" or (v.dep_ == "advcl" and any(
            c.dep_ == "mark" and ctx.keys[c.i][1] in ("à", "de") for c in v.children))
        if controlled and ctx.lemma(p) in ctx.lex.object_control:
            obj = next((c for c in p.children if c.dep_ in ("obj", "iobj")), None)
            if obj is not None:
                return ctx.np_entities(obj) if obj.pos_ != "PRON" else []
        coordinated = v.dep_ in ("conj", "xcomp", "advcl") or (
            v.dep_ == "ccomp" and any(c.dep_ == "cc" for c in v.children))
        if coordinated and p.pos_ in ("VERB", "AUX", "ADJ", "NOUN") and not intervening_subject(ctx, p, v):
            return subject_entities(ctx, p, depth + 1)
    return _left_subject(ctx, v)


def _number(v: Token) -> str | None:
    """Grammatical number of a finite verb, from its tensed auxiliary or itself."""
    for t in [*(c for c in v.children if c.dep_.startswith("aux")), v]:
        if "Fin" in t.morph.get("VerbForm", []) or "Ind" in t.morph.get("Mood", []):
            num = t.morph.get("Number", [])
            if num:
                return num[0]
    return None


def _subject_number(ctx: DocContext, v: Token) -> str | None:
    subj = subject_token(v)
    if subj is None or subj.pos_ == "PRON" and ctx.keys[subj.i][1] in ("qui", "que", "qu'"):
        return None
    if any(c.dep_ == "conj" for c in subj.children):
        return "Plur"
    num = subj.morph.get("Number", [])
    return num[0] if num else None


def _finite_host(ctx: DocContext, v: Token) -> Token:
    """The verb a finite conjunct really coordinates with.  The parser often hangs "et a appelé"
    on the nearest verb, an infinitive ("accuse Y de mener ... et a appelé") or the verb of a
    subordinate clause whose subject does not agree ("a assuré que les auteurs n'étaient pas passés
    ... et a accusé"): climb to the first finite verb that can share its subject."""
    p = v.head
    num = _number(v)
    for _ in range(4):
        if p.head.i == p.i or p.pos_ not in ("VERB", "AUX", "ADJ"):
            break
        climb = p.dep_ in ("xcomp", "advcl", "ccomp", "acl", "conj", "obj", "acl:relcl")
        if climb and not is_tensed(p):
            p = p.head  # an infinitive or a participle shares no subject with a finite verb
            continue
        pn = _subject_number(ctx, p)
        if climb and p.dep_ != "conj" and num and pn and pn != num:
            p = p.head  # "que les auteurs (plural) ... et a (singular) accusé"
            continue
        break
    return p


def _gerund(ctx: DocContext, v: Token) -> bool:
    """ "en demandant", "tout en saluant", "..., a-t-il ajouté, saluant ...": a gerund or a detached
    present participle on a verb, whose subject is the main clause's."""
    if "Part" not in v.morph.get("VerbForm", []) or "Pres" not in v.morph.get("Tense", []):
        return False
    if subject_token(v) is not None:
        return False
    prev = [t for t in ctx.doc[max(v.sent.start, v.i - 2):v.i] if not t.is_space]
    if not prev:
        return False
    if ctx.keys[prev[-1].i][1] == "en":
        return True
    return prev[-1].text == "," and v.dep_ in ("advcl", "conj", "xcomp", "parataxis") and \
        v.head.pos_ in ("VERB", "AUX") and v.head.i < v.i


def agent_of(ctx: DocContext, v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ == "obl:agent" or (c.dep_ in ("obl", "obl:mod", "nmod") and ctx.case_of(c) == "par"):
            return c
    return None


def intervening_subject(ctx: DocContext, p: Token, v: Token) -> bool:
    """A bare named phrase left dangling between two verbs is the second one's subject the parser missed
    (a phrase that already is another verb's subject does not count)."""
    for t in ctx.tokens_between(p.i, v.i):
        if ctx.entity_of(t) and t.dep_ in ("obl:mod", "appos", "dep", "conj", "nmod") and \
                ctx.case_of(t) is None and t.i > p.i:
            sp = ctx.mention_at(t)
            if sp is not None and sp.root.i == t.i and ctx.case_of(sp.root) is None and t.i < v.i:
                return True
    return False


def _left_subject(ctx: DocContext, v: Token) -> list[str]:
    """Nearest bare named phrase left of a verb that lost its subject in the parse."""
    start = min([v.i] + [c.i for c in v.children if c.dep_.startswith("aux")])
    sent = ctx.sentence(v)
    i = start - 1
    steps = 0
    while i >= sent.start and steps < LEFT_SUBJECT_WINDOW:
        t = ctx.doc[i]
        steps += 1
        if (t.pos_ == "VERB" and ctx.lemma(t) not in ("avoir", "être")) or \
                (t.pos_ == "SCONJ" and ctx.keys[i][1] not in ("que", "qu'")):
            return []
        sp = ctx.mention_at(t)
        if sp is not None:
            top = np_top(sp.root)  # "Avi Dichter, ancien chef du Shin Bet, a annoncé": the whole phrase
            if top.i < sent.start or ctx.case_of(top) is not None or top.dep_ in ("obj", "iobj"):
                return []
            return ctx.np_entities(top) or [sp._.entity_id]
        i -= 1
    return []
