"""Event triggers: the words of a sentence that name a PLOVER event, found through the lexicon.

A trigger is a verb ("a bombardé"), a noun ("les frappes", "une rencontre") or
a multiword form ("ouvrir le feu", "mettre en garde"), each with the
constraints its lexicon entry sets (an object word, a reflexive clitic, a
governing verb).  Words inside an entity name are never triggers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from selon.events.lexicon import Spec, event_lexicon
from selon.parse.context import DocContext
from selon.sources.modality import is_conditional, is_future, negative_child

WINDOW = 6  # words after a trigger that count as its phrase for `with` and mode cues
MAX_GAPS = 3  # auxiliaries, adverbs and determiners skipped inside a multiword form
GAP_POS = frozenset({"AUX", "ADV", "DET", "SPACE"})
TIME_NOUNS = frozenset({"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "matin", "soir",
                        "nuit", "journée", "semaine", "week-end", "mois", "an", "année", "veille", "lendemain",
                        "après-midi", "soirée", "matinée", "jour", "fois"})


@dataclass
class Trigger:
    spec: Spec
    head: Token
    start: int  # token range of the trigger words
    end: int
    extra: list[Token] = field(default_factory=list)  # coordinated nouns of the same type ("attaques et bombardements")

    @property
    def nominal(self) -> bool:
        return self.spec.pos == "NOUN" or (self.spec.pos == "PHRASE" and self.head.pos_ in ("NOUN", "PROPN"))

    @property
    def type(self) -> str:
        return self.spec.type

    @property
    def speaker_role(self) -> str | None:
        return self.spec.speaker


def is_verbal(tok: Token) -> bool:
    pos = tok.pos_  # read first: most tokens are neither, and their children need not be walked
    if not (pos == "VERB" or (pos == "ADJ" and "Part" in tok.morph.get("VerbForm", []))):
        return False
    return not any(c.dep_ == "det" for c in tok.children)


def is_nominal(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ in ("VERB", "ADJ") and any(c.dep_ == "det" for c in tok.children))


def phrase_scope(ctx: DocContext, tok: Token) -> list[Token]:
    """The words that make up a trigger's phrase: dependents two levels down, its head, the next few words."""
    out: list[Token] = [tok.head] if tok.head.i != tok.i else []
    for c in tok.children:
        out.append(c)
        out.extend(c.children)
    sent_end = ctx.sentence(tok).end
    out.extend(ctx.doc[i] for i in range(tok.i + 1, min(sent_end, tok.i + 1 + WINDOW)))
    return out


def _without_scope(tok: Token) -> list[Token]:
    out: list[Token] = [tok.head] if tok.head.i != tok.i and tok.pos_ in ("NOUN", "PROPN") else []
    for c in tok.children:
        out.append(c)
        out.extend(g for g in c.children if not (g.pos_ == "ADP" and tok.pos_ in ("NOUN", "PROPN")))
    return out


def _future_in_past(t: Token) -> bool:
    """ "a averti que X paierait un prix élevé": a conditional in a clause of a threat verb is its future."""
    if not is_conditional(t):
        return False
    v = t.head if t.dep_.startswith("aux") or t.dep_ == "cop" else t
    return v.dep_ == "ccomp" and v.head.pos_ == "VERB" and \
        any(s.type == "THREATEN" for s in event_lexicon().verbs.get(v.head.lemma_.lower(), ()))


def _future(ctx: DocContext, tok: Token, start: int, end: int) -> bool:
    """ "riposterons", "la riposte sera", "va riposter": said of what is to come."""
    words = [ctx.doc[i] for i in range(start, end)] + [c for c in tok.children if c.dep_.startswith("aux")]
    if tok.head.i != tok.i:
        words.append(tok.head)
        words.extend(c for c in tok.head.children if c.dep_ in ("cop", "aux"))
    if any(is_future(t) for t in words):
        return True
    if any(_future_in_past(t) for t in words):
        return True
    if "Inf" not in tok.morph.get("VerbForm", []):
        return False
    goers = [c for c in tok.children if c.dep_.startswith("aux")] + ([tok.head] if tok.head.i != tok.i else [])
    return any(ctx.keys[g.i][0] == "aller" and "Pres" in g.morph.get("Tense", []) for g in goers)


def _satisfied(ctx: DocContext, spec: Spec, tok: Token, start: int, end: int) -> bool:
    if spec.reflexive is True and not ctx.reflexive(tok):
        return False
    if spec.reflexive is False and ctx.reflexive(tok):
        return False
    if spec.intransitive and any(c.dep_ == "obj" and ctx.keys[c.i][0] not in TIME_NOUNS for c in tok.children):
        return False  # "ont manifesté dimanche": a day taken for an object is no object
    if spec.negative and not (negative_child(ctx, tok) or (
            any(ctx.keys[c.i][1] in ("ne", "n'") for c in tok.children)
            and any(ctx.keys[i][1] == "ni" for i in range(start, end)))):
        return False  # "ne restera pas impunie", "ne restera ni sans réponse ni impunie"
    if spec.future and not _future(ctx, tok, start, end):
        return False
    if spec.heads:
        gov = tok.head
        if gov.i == tok.i or not ctx.has_key(gov, spec.heads):
            return False
    if spec.with_:
        words = [t for t in phrase_scope(ctx, tok) if not start <= t.i < end]
        if not any(ctx.has_key(t, spec.with_) for t in words):
            return False
    if spec.without and any(ctx.has_key(t, spec.without) for t in _without_scope(tok)
                            if not start <= t.i < end):
        return False
    if spec.obj_entity:
        objs = [c for c in tok.children if c.dep_ in ("obj", "nsubj:pass")]
        if spec.embed == "absorb":
            # "a ordonné l'expulsion de l'ONG": the object is an event, the order gives way to it
            nouns = event_lexicon().nouns
            objs = [o for o in objs if not (ctx.keys[o.i][0] in nouns or ctx.keys[o.i][1] in nouns)]
        if not any(ctx.np_entities(o, "recipient") for o in objs):
            return False
    return True


def first_group(key: str) -> str | None:
    """ "réclame", "demandent": a present-tense form the lemmatizer left as it is, as its infinitive."""
    for end, stem in (("ent", 2), ("es", 1), ("e", 0)):
        if key.endswith(end) and len(key) > len(end) + 2:
            return key[: len(key) - stem] + "r"
    return None


def verb_specs(verbs: dict[str, tuple[Spec, ...]], tok: Token, k: tuple[str, str]) -> tuple[Spec, ...]:
    """The verb entries of a token by its lemma, its form, or the infinitive of an unlemmatized form.

    A form with a copula is a noun taken for a verb ("a été cible de"), not a present tense.
    """
    specs = verbs.get(k[0], ()) or verbs.get(k[1], ())
    if not specs and k[0] == k[1] and "Fin" in tok.morph.get("VerbForm", []) \
            and not any(c.dep_ == "cop" for c in tok.children):
        inf = first_group(k[0])
        specs = verbs.get(inf, ()) if inf else ()
    return specs


def _match_phrase(ctx: DocContext, i: int, words: tuple[str, ...]) -> int | None:
    """End of a multiword form starting at token i, skipping a few auxiliaries/adverbs/determiners."""
    doc = ctx.doc
    end = ctx.sentence(doc[i]).end
    j = i + 1
    gaps = 0
    for w in words[1:]:
        while j < end and w not in ctx.keys[j] and doc[j].pos_ in GAP_POS and gaps < MAX_GAPS:
            j += 1
            gaps += 1
        if j >= end or w not in ctx.keys[j]:
            return None
        j += 1
    return j


def find_triggers(ctx: DocContext) -> list[Trigger]:
    """All triggers of a document, in text order, one per word."""
    lex = event_lexicon()
    doc = ctx.doc
    found: list[Trigger] = []
    taken: set[int] = set()
    for tok in doc:
        if tok.is_space or tok.is_punct or tok.i in taken:
            continue
        k = ctx.keys[tok.i]
        phrase_specs = lex.phrases.get(k[0], ()) + (lex.phrases.get(k[1], ()) if k[1] != k[0] else ())
        for spec in phrase_specs:
            end = _match_phrase(ctx, tok.i, spec.words) if len(spec.words) > 1 else tok.i + 1
            if end is None or any(ctx.entity_of(doc[x]) for x in range(tok.i, end)):
                continue
            if _satisfied(ctx, spec, tok, tok.i, end):
                found.append(Trigger(spec, tok, tok.i, end))
                taken.update(range(tok.i, end))
                break
    for tok in doc:
        if tok.i in taken or tok.is_space or tok.is_punct:
            continue
        k = ctx.keys[tok.i]
        specs: tuple[Spec, ...] = ()
        if is_verbal(tok):
            specs = verb_specs(lex.verbs, tok, k)
        elif k[1] in lex.verb_forms and not any(c.dep_ == "det" for c in tok.children):
            specs = lex.verbs.get(lex.verb_forms[k[1]], ())  # "l'Iran dément" tagged as an adjective
        elif is_nominal(tok):
            specs = lex.nouns.get(k[0], ()) or lex.nouns.get(k[1], ())
        if not specs or ctx.entity_of(tok) is not None:  # a word of a name is no trigger
            continue
        for spec in specs:
            if _satisfied(ctx, spec, tok, tok.i, tok.i + 1):
                found.append(Trigger(spec, tok, tok.i, tok.i + 1))
                taken.add(tok.i)
                break
    found.sort(key=lambda t: t.start)
    return _fold_coordinated(found)


def _fold_coordinated(triggers: list[Trigger]) -> list[Trigger]:
    """ "des attaques et des bombardements du régime": one event, its arguments shared."""
    by_head = {t.head.i: t for t in triggers}
    out: list[Trigger] = []
    for t in triggers:
        first = by_head.get(t.head.head.i)
        if t.nominal and t.head.dep_ == "conj" and first is not None and first is not t and \
                first.nominal and first.type == t.type:
            first.extra.append(t.head)
            continue
        out.append(t)
    return out


def mode_of(ctx: DocContext, trig: Trigger) -> str | None:
    """The PLOVER mode: the entry's own, else the nearest mode cue in the trigger's phrase."""
    if trig.spec.mode:
        return trig.spec.mode
    cues = event_lexicon().modes.get(trig.type) or {}
    if not cues:
        return None
    best: tuple[int, str] | None = None
    target: set[int] = set()
    if not trig.nominal and not trig.spec.with_ and trig.type in ("ASSAULT", "COERCE"):
        # "a frappé les installations nucléaires": the object is the target, not the weapon
        for c in trig.head.children:
            if c.dep_ in ("obj", "nsubj:pass"):
                target.update(t.i for t in c.subtree)
    for tok in [trig.head, *trig.extra]:
        for t in [tok, *phrase_scope(ctx, tok)]:
            if t.i in target:
                continue
            k = ctx.keys[t.i]
            mode = cues.get(k[0]) or cues.get(k[1])
            if mode:
                dist = abs(t.i - tok.i)
                if best is None or dist < best[0]:
                    best = (dist, mode)
    return best[1] if best else None
