"""PLOVER events with arguments, attribution and modality: the ``selon_events`` component.

Steps, per document: triggers from the lexicon (triggers.py); actors,
recipients and location from the parse (arguments.py); events nested in
others ("a demandé une rencontre", "menace de frapper", "a nié avoir
attaqué", "appelle au boycott") folded as the lexicon says; modality and
sources (attribution.py); PLOVER's own recoding of intentions (a planned
meeting is AGREE, a planned or threatened attack is THREATEN); mentions of
the same event folded into one record; ids, dates, evidence.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from selon.events.arguments import Args, extract_args, is_passive, subject_entities
from selon.events.attribution import (
    IRREALIS,
    VERBAL_TYPES,
    Attribution,
    alleged,
    combine,
    governed_by_negation,
    irrealis,
    negated,
    self_claim,
)
from selon.events.context import DEFINITE, DocContext
from selon.events.lexicon import Lexicon, lexicon
from selon.events.quotes import shared_context
from selon.events.triggers import Trigger, find_triggers, mode_of
from selon.record import Event, Quote, Span

log = logging.getLogger(__name__)

EMBED_DEPS = frozenset({"xcomp", "ccomp", "obj", "obl:arg", "obl", "nmod", "acl"})
# Types whose content has not happened when the act is done: a threat, a demand, an offer.
INHERENT = {"THREATEN": "threatened", "REQUEST": "called-for", "AGREE": "planned"}
SYMMETRIC = frozenset({"CONSULT", "COOPERATE"})
ANONYMOUS_OK = frozenset({"PROTEST", "COERCE"})  # events of crowds and police, often with no one named
THREAT_MODES = {"ASSAULT": "violence", "SANCTION": "relations", "MOBILIZE": "violence"}
COERCE_THREAT_MODES = {"arrest": "arrest", "deport": "expel", "seize": "territory"}
ISO_DATE = re.compile(r"^\d{4}-(?:\d{2}(?:-\d{2})?|W\d{2})$")
COPULAS = frozenset({"être", "constituer", "représenter", "marquer", "devenir", "rester"})
DEMONSTRATIVE = frozenset({"ce", "cet", "cette", "ces"})
MIN_STEM = 5
LINEAR_GOVERNOR = 16  # words between a verb taking events and a nominal event the parser hung elsewhere  # "rencontre"/"rencontré", "frappe"/"frapper": the same event word


@Language.factory("selon_events")
def make_events(nlp: Language, name: str) -> EventFinder:
    return EventFinder()


@dataclass
class Mention:
    """One mention of an event in the text, before mentions of the same event are folded."""

    trig: Trigger
    type: str
    mode: str | None
    args: Args
    imposed: str | None = None  # modality set by a governing trigger ("a nié avoir ...": denied)
    extra_sources: list[str] = field(default_factory=list)
    modality: str = "asserted"
    sources: list[str] = field(default_factory=list)
    dropped: bool = False
    denies: Mention | None = None
    denies_quote: str | None = None
    merged: list[Mention] = field(default_factory=list)
    into: Mention | None = None
    date: str | None = None
    id: str = ""

    @property
    def actors(self) -> list[str]:
        return self.args.actors

    @property
    def recipients(self) -> list[str]:
        return self.args.recipients

    def root(self) -> Mention:
        m = self
        while m.into is not None:
            m = m.into
        return m


class EventFinder:
    """Sets ``doc._.events`` (list of record.Event)."""

    def __init__(self) -> None:
        self.lex: Lexicon = lexicon()

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.events = self.find(doc, shared_context(doc))  # built by selon_quotes on this same doc
        except Exception:  # a bug here must not lose the rest of the record; it is logged, not hidden
            log.warning("event extraction failed; the record has no events", exc_info=True)
            doc._.events = []
        return doc

    def find(self, doc: Doc, ctx: DocContext | None = None) -> list[Event]:
        if not len(doc):
            return []
        if ctx is None or ctx.doc is not doc:
            ctx = DocContext(doc, self.lex)
        ctx.set_quotes(doc._.quotes or [])
        if not ctx.text.strip():
            return []
        triggers = find_triggers(ctx)
        if not triggers:
            return []
        ctx.set_triggers([t.head.i for t in triggers] + [x.i for t in triggers for x in t.extra])
        ctx.subjects()
        attribution = Attribution(ctx, triggers)
        report_heads = {c.tok.i for cues in attribution.by_sent.values() for c in cues if c.kind == "report"}
        by_head: dict[int, Mention] = {}
        done: dict[int, Args] = {}
        for trig in sorted(triggers, key=lambda t: (not t.nominal, t.start)):
            mode = mode_of(ctx, trig)
            args = extract_args(ctx, trig, mode, done)
            done[trig.head.i] = args
            by_head[trig.head.i] = Mention(trig, trig.type, mode, args)
        mentions = sorted(by_head.values(), key=lambda m: m.trig.start)
        self._participles(mentions, by_head)
        self._predicates(ctx, mentions, by_head)
        self._embed(ctx, mentions, by_head)
        for m in mentions:
            if not m.dropped:
                self._modality(ctx, m, attribution, report_heads)
                self._speaker_actor(m)
                self._as_target(ctx, m)
        live = [m for m in mentions if not m.dropped]
        events = [m for m in self._fold(ctx, live) if self._keep(ctx, m)]
        self._deny_targets(ctx, events, doc._.quotes or [])
        return self._records(ctx, events)

    # --- nested events -------------------------------------------------------------------------------------
    def _governor(self, ctx: DocContext, m: Mention, by_head: dict[int, Mention]) -> Mention | None:
        t = m.trig.head
        through: list[Token] = []
        for _ in range(3):
            if t.head.i == t.i or t.dep_ not in EMBED_DEPS:
                break
            t = t.head
            g = by_head.get(t.i)
            if g is not None and g is not m:
                if g.trig.spec.embed == "deny" and any(ctx.has_key(x, self.lex.denied_objects) for x in through):
                    return None  # "a démenti toute implication de l'Iran dans l'attaque": not the attack itself
                return g if g.trig.spec.embed else None
            through.append(t)
        return self._linear_governor(ctx, m, by_head)

    def _linear_governor(self, ctx: DocContext, m: Mention, by_head: dict[int, Mention]) -> Mention | None:
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

    def _embed(self, ctx: DocContext, mentions: list[Mention], by_head: dict[int, Mention]) -> None:
        deferred: set[int] = set()
        for m in mentions:
            g = self._governor(ctx, m, by_head)
            if g is None or g.dropped:
                continue
            how = g.trig.spec.embed
            if how == "deny" and ctx.has_key(m.trig.head, self.lex.denied_objects):
                continue  # "a démenti ces accusations": what is denied is told elsewhere (see _deny_targets)
            if how == "absorb":
                if not g.recipients:
                    g.args.recipients = [a for a in m.actors if a not in g.actors] + \
                        [r for r in m.recipients if r not in g.actors]
                if not g.recipients and m.trig.nominal and g.type == "REQUEST":
                    # "a demandé une réunion d'urgence du Conseil de sécurité": the body asked to meet
                    g.args.recipients = [e for e in ctx.np_entities(m.trig.head, "recipient")
                                         if e not in g.actors and ctx.etype(e) in ("ORG", "PERSON", "GPE")]
                if g.mode is None:
                    g.mode = self._mode_from(g.type, m)
                m.dropped = True
            elif how == "defer":
                m.imposed = g.trig.spec.modality
                if not m.actors:
                    m.args.actors = list(g.actors)
                deferred.add(id(g))
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
        for m in mentions:
            if id(m) in deferred:
                m.dropped = True

    def _predicates(self, ctx: DocContext, mentions: list[Mention], by_head: dict[int, Mention]) -> None:
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

    def _participles(self, mentions: list[Mention], by_head: dict[int, Mention]) -> None:
        """A participle on an event noun describes that event: "une frappe visant le consulat";
        an event noun object of a verb of the same event is that event: "a fourni une aide"."""
        for m in mentions:
            h = m.trig.head
            g = by_head.get(h.head.i)
            if m.trig.nominal and g is not None and g is not m and not g.trig.nominal and g.type == m.type \
                    and h.dep_ in ("obj", "obl:arg", "obl", "nsubj:pass"):
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

    def _mode_from(self, gtype: str, m: Mention) -> str | None:
        cues = self.lex.modes.get(gtype) or {}
        for k in (m.trig.head.lemma_.lower(), m.trig.head.text.lower()):
            if k in cues:
                return cues[k]
        if gtype == "THREATEN":
            return THREAT_MODES.get(m.type)
        if gtype in ("REQUEST", "REJECT"):
            return {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "RETREAT": "yield",
                    "CONCEDE": "yield"}.get(m.type)
        return None

    # --- modality and sources --------------------------------------------------------------------------------
    def _modality(self, ctx: DocContext, m: Mention, attribution: Attribution, report_heads: set[int]) -> None:
        trig = m.trig
        sources, attributed = attribution.sources_for(trig)
        m.sources = [s for s in [*m.extra_sources, *sources] if s]
        m.sources = list(dict.fromkeys(m.sources))
        if m.imposed == "denied" or (negated(ctx, trig) and not trig.spec.negative) \
                or governed_by_negation(ctx, trig):
            m.modality = "denied"
            return
        found = [x for x in (irrealis(ctx, trig, report_heads), m.imposed, INHERENT.get(m.type)) if x]
        irr = [x for x in found if x in IRREALIS]
        if irr:
            m.modality = combine(irr)
            self._recode(m)
            return
        if _claimed_by_verb(ctx, trig):
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

    @staticmethod
    def _speaker_actor(m: Mention) -> None:
        """A threat said without a threat verb ("ils paieront le prix fort", "la riposte sera sévère") is the
        speaker's: the quotation's or the reported statement's.  With ``speaker: actor`` whoever the sentence
        names as subject is the one threatened; with ``fallback`` the speaker only fills a missing actor.
        No speaker, no actor: the event is then dropped rather than pinned on someone."""
        role = m.trig.spec.speaker
        if role is None or m.modality == "denied":
            return
        speaker = m.sources[0] if m.sources else None
        if role == "actor":
            named = [*m.actors, *m.recipients]
            m.args.actors = [speaker] if speaker else []
            m.args.recipients = [e for e in dict.fromkeys(named) if e != speaker]
        elif not m.actors and speaker:
            m.args.actors = [speaker]
            m.args.recipients = [e for e in m.recipients if e != speaker]

    @staticmethod
    def _as_target(ctx: DocContext, m: Mention) -> None:
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

    def _recode(self, m: Mention) -> None:
        """A planned or threatened strike or sanction is a THREATEN (PLOVER codes threats by their own
        category); a plain intention keeps its act's type with the modality ``planned`` ("se rendra à X"
        is a planned CONSULT, "prévoit de reprendre ses distributions" a planned AID), as the annotation
        conventions of the held-out set do."""
        if m.modality in ("planned", "threatened") and m.type in ("ASSAULT", "SANCTION"):
            m.mode = THREAT_MODES.get(m.type)
            m.type, m.modality = "THREATEN", "threatened"
        elif m.modality == "threatened" and m.type == "COERCE":
            m.mode = COERCE_THREAT_MODES.get(m.mode or "", "restrict")
            m.type, m.modality = "THREATEN", "threatened"

    def _keep(self, ctx: DocContext, m: Mention) -> bool:
        """An event needs someone in it; an unreal or denied one needs someone doing it."""
        if not m.actors and not m.recipients:
            # "des milliers de personnes ont manifesté à X", "214 personnes ont été interpellées, selon Y":
            # a street event with unnamed people, kept when it happened somewhere named or someone vouches
            return m.type in ANONYMOUS_OK and m.modality in ("asserted", "reported") and not m.trig.nominal \
                and ctx.in_quote(m.trig.head) is None \
                and (m.args.location is not None or bool(m.sources) and is_passive(m.trig.head))
        if m.modality in IRREALIS | {"denied"} and not m.actors:
            return False
        return True

    # --- denials ----------------------------------------------------------------------------------------------
    def _deny_targets(self, ctx: DocContext, live: list[Mention], quotes: list[Quote]) -> None:
        """A denial with no event of its own points at what it denies earlier in the article."""
        for g in live:
            if g.type != "REJECT" or g.trig.spec.embed != "deny":
                continue
            if g.denies is not None:
                if g.denies.dropped or g.denies not in live:
                    g.denies = None
                continue
            before = [m for m in live if m.trig.start < g.trig.start and m is not g and m.type != "REJECT"]
            obj = next((c for c in g.trig.head.children if c.dep_ in ("obj", "nmod", "obl:arg")), None)
            h = g.trig.head
            window = [ctx.keys[i][1] for i in range(max(ctx.sentence(h).start, h.i - 6), h.i)]
            if any(a == "ce" and b in ("que", "qu'") for a, b in zip(window, window[1:], strict=False)):
                # "Velsa accuse Dornak de soutenir ce mouvement, ce que l'Ostrélie dément"
                same = [m for m in before if ctx.sent_of[m.trig.head.i] == ctx.sent_of[g.trig.head.i]
                        and m.type != "ACCUSE"]
                if same:
                    g.denies = same[-1]
                    same[-1].modality = "denied"
                continue
            if obj is None:
                continue
            if ctx.has_key(obj, self.lex.denied_speech):
                start = g.trig.head.idx
                prior = [q for q in quotes if q.end <= start and q.speaker not in g.actors]
                if prior:
                    g.denies_quote = prior[-1].id
                continue
            if not ctx.has_key(obj, self.lex.denied_objects):
                continue
            # "toute implication de l'Iran": whose involvement is denied (else the denier's own)
            party = set(ctx.np_entities(next((c for c in obj.children if ctx.case_of(c) in ("de", "de le")),
                                             obj), "target")) if any(ctx.case_of(c) in ("de", "de le")
                                                                      for c in obj.children) else set()
            party |= set(g.actors)
            others = [m for m in live if m is not g and m.type not in ("REJECT", "ACCUSE")
                      and set(m.actors) & party and m.modality in ("reported", "claimed", "asserted")]
            others.sort(key=lambda m: abs(m.trig.start - g.trig.start))
            target = others[0] if others else None
            if target is None:
                target = next((m for m in reversed(before) if m.type == "ACCUSE"
                               and set(m.recipients) & set(g.actors)), None)
            if target is not None:
                g.denies = target
                if target.type != "ACCUSE":
                    target.modality = "denied"

    # --- one record per event ---------------------------------------------------------------------------------
    def _fold(self, ctx: DocContext, live: list[Mention]) -> list[Mention]:
        """Mentions of the same event (same type and word, one adding nothing new) become one record."""
        out: list[Mention] = []
        for m in live:
            target = next((o for o in reversed(out) if _same_event(ctx, o, m)), None)
            if target is None:
                out.append(m)
                continue
            _absorb(target, m)
        for m in out:
            if m.denies is not None:
                m.denies = m.denies.root()
        return out

    def _records(self, ctx: DocContext, events: list[Mention]) -> list[Event]:
        doc = ctx.doc
        meta = doc._.selon_meta or {}
        removed = meta.get("removed") or []
        for n, m in enumerate(sorted(events, key=lambda e: e.trig.start), 1):
            m.id = f"v{n}"
        out: list[Event] = []
        for m in sorted(events, key=lambda e: e.trig.start):
            evidence = _evidence(ctx, m, removed)
            t0 = doc[m.trig.start]
            t1 = doc[m.trig.end - 1]
            trigger = Span(t0.idx, t1.idx + len(t1.text), ctx.text[t0.idx:t1.idx + len(t1.text)])
            denies = m.denies.root().id if m.denies is not None else m.denies_quote
            out.append(Event(
                id=m.id, type=m.type, mode=m.mode, actors=list(m.actors), recipients=list(m.recipients),
                date=m.date or _event_date(doc, evidence, t0.idx, m.trig.head), location=m.args.location,
                modality=m.modality, sources=list(m.sources), evidence=evidence,
                denies=denies if m.type == "REJECT" else None, trigger=trigger,
            ))
        return out


def _times_module() -> object:
    from selon.events import times

    return times


def _claimed_by_verb(ctx: DocContext, trig: Trigger) -> bool:
    """ "X a revendiqué l'attaque", "les Brigades ont fait état du tir de missiles"."""
    h = trig.head
    if trig.nominal and any(c.dep_ == "acl" and ctx.lemma(c) in ctx.lex.claim_verbs and
                            any(a.dep_ == "obl:agent" or ctx.case_of(a) == "par" for a in c.children)
                            for c in h.children):
        return True  # "l'attentat de dimanche, revendiqué par le PKK"
    if not trig.nominal or h.head.i == h.i or h.dep_ not in ("obj", "obl:arg", "obl", "nmod"):
        return False
    gov = h.head
    lemma = ctx.lemma(gov)
    lex = ctx.lex
    if lemma in lex.claim_verbs:
        return True
    from selon.events.arguments import _self_report

    if _self_report(ctx, gov):
        from selon.events.arguments import _outlet_subject

        subj = next((c for c in gov.children if c.dep_ == "nsubj"), None)
        return subj is not None and not _outlet_subject(ctx, gov) and bool(ctx.np_entities(subj))
    return False


def _stem_match(a: Trigger, b: Trigger) -> bool:
    la, lb = a.head.lemma_.lower(), b.head.lemma_.lower()
    if la == lb:
        return True
    n = 0
    for x, y in zip(la, lb, strict=False):
        if x != y:
            break
        n += 1
    return n >= MIN_STEM


def _anaphoric(ctx: DocContext, trig: Trigger) -> bool:
    return trig.nominal and any(c.dep_ == "det" and ctx.keys[c.i][1] in DEFINITE for c in trig.head.children)


def _demonstrative(ctx: DocContext, trig: Trigger) -> bool:
    return trig.nominal and any(c.dep_ == "det" and ctx.keys[c.i][1] in DEMONSTRATIVE for c in trig.head.children)


def _realis(m: Mention) -> bool:
    return m.modality not in IRREALIS


def _same_event(ctx: DocContext, a: Mention, b: Mention) -> bool:
    if a.type != b.type or _realis(a) != _realis(b) or (not _realis(a) and a.modality != b.modality):
        return False
    if a.date and b.date and a.date != b.date:
        return False
    if not (_stem_match(a.trig, b.trig) or _anaphoric(ctx, b.trig) or _anaphoric(ctx, a.trig)):
        return False
    if _demonstrative(ctx, b.trig) and (_stem_match(a.trig, b.trig) or not (b.actors or b.recipients)):
        return True  # "cette rencontre" is the meeting just told, whoever it names
    if not (b.actors or b.recipients) and not _anaphoric(ctx, b.trig):
        return False  # "ils se rencontraient à Bagdad": another meeting, not this one
    if a.type in SYMMETRIC:
        pa, pb = set(a.actors) | set(a.recipients), set(b.actors) | set(b.recipients)
        return pa <= pb or pb <= pa
    sub = set(a.actors) <= set(b.actors) and set(a.recipients) <= set(b.recipients)
    sup = set(b.actors) <= set(a.actors) and set(b.recipients) <= set(a.recipients)
    return sub or sup


def _absorb(target: Mention, m: Mention) -> None:
    """Fold mention m into target; the fuller mention gives the evidence."""
    if len(m.actors) + len(m.recipients) > len(target.actors) + len(target.recipients):
        target.trig, m.trig = m.trig, target.trig
        target.args, m.args = m.args, target.args
        target.mode = m.mode or target.mode
    else:
        target.mode = target.mode or m.mode
    for a in m.actors:
        if a not in target.actors and a not in target.recipients:
            (target.recipients if target.type in SYMMETRIC else target.args.actors).append(a)
    for r in m.recipients:
        if r not in target.recipients and r not in target.actors:
            target.args.recipients.append(r)
    target.modality = combine([target.modality, m.modality])
    target.sources = list(dict.fromkeys([*target.sources, *m.sources]))
    target.args.location = target.args.location or m.args.location
    target.denies = target.denies or m.denies
    target.denies_quote = target.denies_quote or m.denies_quote
    target.merged.append(m)
    m.into = target


def _evidence(ctx: DocContext, m: Mention, removed: list[object]) -> Span:
    """The trigger's sentence, trimmed, never running into a removed (boilerplate) stretch."""
    sent = ctx.sentence(m.trig.head)
    start, end = sent.start_char, sent.end_char
    anchor = m.trig.head.idx
    for r in removed:
        rs, re_ = getattr(r, "start", None), getattr(r, "end", None)
        if rs is None or re_ is None or re_ <= start or rs >= end:
            continue
        if re_ <= anchor:
            start = max(start, re_)
        elif rs > anchor:
            end = min(end, rs)
    text = ctx.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


def _verb_above(tok: Token) -> Token:
    """The verb a word belongs to: itself, or the first verb up its chain of heads."""
    t = tok
    for _ in range(5):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def _clause_times(doc: Doc, times: list[Any], evidence: Span, trigger: Token | None) -> list[Any]:
    """The sentence's time expressions that can date the event of ``trigger``.

    "Les trois pays, réunis depuis septembre, accusent ...", "l'accord, conclu en juillet 2022":
    a time in a participle or relative clause of another word, or the start of a span ("depuis"),
    dates something else.  Times attached to the trigger's own verb come first."""
    inside = [t for t in times if evidence.start <= t.start and t.end <= evidence.end]
    if trigger is None or not doc.has_annotation("DEP"):
        return inside
    home = _verb_above(trigger)
    own: list[Any] = []
    kept: list[Any] = []
    for t in inside:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            kept.append(t)
            continue
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.lower_ in ("depuis", "jusqu'", "jusque", "dès"):
            continue
        v = _verb_above(span.root)
        if v.i == home.i:
            own.append(t)
            continue
        ancestors = {a.i for a in trigger.ancestors}
        if v.dep_ in ("acl", "acl:relcl") and v.i not in ancestors:
            continue
        kept.append(t)
    return own or kept


def _event_date(doc: Doc, evidence: Span, anchor: int, trigger: Token | None = None) -> str | None:
    """The event's date from the time expressions of its clause (``doc._.times``).

    The times component owns the choice (``selon.events.times.event_date``); without it, the
    day or month nearest the trigger.  A bare year does not date an event ("la guerre de 2006").
    """
    times = _clause_times(doc, doc._.times or [], evidence, trigger)
    helper = getattr(_times_module(), "event_date", None)
    if callable(helper):
        try:
            value = helper(times, evidence.start, evidence.end)
            return value if isinstance(value, str) or value is None else None
        except TypeError:  # an older or newer signature: fall back to ours
            log.debug("times.event_date has another signature; using the nearest date", exc_info=True)
    best: tuple[int, str] | None = None
    for t in times:
        if t.start < evidence.start or t.end > evidence.end or t.type != "DATE" or not t.value:
            continue
        if not ISO_DATE.match(t.value):
            continue
        dist = abs(t.start - anchor)
        if best is None or dist < best[0]:
            best = (dist, t.value)
    return best[1] if best else None
