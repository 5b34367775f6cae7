"""PLOVER events with arguments, attribution and modality: the ``selon_events`` component.

Reads the entities (``doc._.entities`` and their mention spans), the quotations
(``doc._.quotes``) and the time expressions (``doc._.times``); sets
``doc._.events`` (record.Event list).  Steps, per document: triggers from the
lexicon (triggers.py); actors, recipients and location from the parse
(arguments.py, subjects.py); events nested in others folded as the lexicon says
(nesting.py); sources and modality from the sources stage (reporting.py);
denials linked to what they deny (denials.py); mentions of the same event folded
into one record (mentions.py); ids, dates (dates.py), evidence.
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from selon.events.arguments import Args, extract_args
from selon.events.dates import event_date
from selon.events.denials import deny_targets
from selon.events.mentions import Mention, evidence_of, fold
from selon.events.nesting import embed, participles, predicates
from selon.events.reporting import as_target, made_threat, set_modality, speaker_actor, threatened_by
from selon.events.triggers import find_triggers, mode_of
from selon.parse.context import DocContext, shared_context
from selon.parse.lexicon import WordLexicon, word_lexicon
from selon.parse.syntax import is_passive
from selon.record import Event, Span
from selon.sources.attribution import Attribution
from selon.sources.modality import IRREALIS

log = logging.getLogger(__name__)

ANONYMOUS_OK = frozenset({"PROTEST", "COERCE"})  # events of crowds and police, often with no one named


@Language.factory("selon_events")
def make_events(nlp: Language, name: str) -> EventFinder:
    return EventFinder()


class EventFinder:
    """Sets ``doc._.events`` (list of record.Event)."""

    def __init__(self) -> None:
        self.lex: WordLexicon = word_lexicon()

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
        participles(mentions, by_head)
        predicates(ctx, mentions, by_head)
        embed(ctx, mentions, by_head)
        for m in mentions:
            if not m.dropped:
                set_modality(ctx, m, attribution, report_heads)
                speaker_actor(m)
                as_target(ctx, m)
        made = [t for t in (made_threat(m) for m in mentions) if t is not None]
        for m in mentions:
            threatened_by(ctx, m)
        mentions = sorted(mentions + made, key=lambda m: m.trig.start)
        live = [m for m in mentions if not m.dropped]
        events = [m for m in fold(ctx, live) if self._keep(ctx, m)]
        deny_targets(ctx, events, doc._.quotes or [])
        return self._records(ctx, events)

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

    def _records(self, ctx: DocContext, events: list[Mention]) -> list[Event]:
        doc = ctx.doc
        meta = doc._.selon_meta or {}
        removed = meta.get("removed") or []
        for n, m in enumerate(sorted(events, key=lambda e: e.trig.start), 1):
            m.id = f"v{n}"
        out: list[Event] = []
        for m in sorted(events, key=lambda e: e.trig.start):
            evidence = evidence_of(ctx, m, removed)
            t0 = doc[m.trig.start]
            t1 = doc[m.trig.end - 1]
            trigger = Span(t0.idx, t1.idx + len(t1.text), ctx.text[t0.idx:t1.idx + len(t1.text)])
            denies = m.denies.root().id if m.denies is not None else m.denies_quote
            out.append(Event(
                id=m.id, type=m.type, mode=m.mode, actors=list(m.actors), recipients=list(m.recipients),
                date=m.date or event_date(doc, evidence, m.trig.head), location=m.args.location,
                modality=m.modality, sources=list(m.sources), evidence=evidence,
                denies=denies if m.type == "REJECT" else None, trigger=trigger,
            ))
        return out
