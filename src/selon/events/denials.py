"""What a denial denies: "le Hamas a démenti ces informations" points back at the report it rejects.

A REJECT with no event of its own ("a démenti ces accusations", "ce que X
dément", "a démenti ses propos") is linked to the event or quotation earlier in
the article that it is about, and that event becomes ``denied``.
"""

from __future__ import annotations

from selon.events.mentions import Mention
from selon.parse.context import DocContext
from selon.record import Quote
from selon.sources.lexicon import source_lexicon


def deny_targets(ctx: DocContext, live: list[Mention], quotes: list[Quote]) -> None:
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
        if ctx.has_key(obj, source_lexicon().denied_speech):
            start = g.trig.head.idx
            prior = [q for q in quotes if q.end <= start and q.speaker not in g.actors]
            if prior:
                g.denies_quote = prior[-1].id
            continue
        if not ctx.has_key(obj, source_lexicon().denied_objects):
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
