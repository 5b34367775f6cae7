"""Event mentions: one trigger with its arguments, before mentions of the same event are folded.

"Les frappes ... . Cette attaque ...": two mentions, one event.  Mentions of the
same type whose words match (the same stem, or an anaphoric "cette attaque")
and whose parties are compatible fold into the fuller one; the evidence of a
record is its trigger's sentence, clear of boilerplate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selon.events.arguments import Args
from selon.events.triggers import Trigger
from selon.parse.context import DocContext
from selon.parse.words import DEFINITE
from selon.record import Span
from selon.sources.modality import IRREALIS, combine

SYMMETRIC = frozenset({"CONSULT", "COOPERATE"})
DEMONSTRATIVE = frozenset({"ce", "cet", "cette", "ces"})
MIN_STEM = 5  # "rencontre"/"rencontré", "frappe"/"frapper": the same event word


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
    threat: Mention | None = None  # the THREATEN that threatens this act ("menace de frapper": the strike)
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


def stem_match(a: Trigger, b: Trigger) -> bool:
    la, lb = a.head.lemma_.lower(), b.head.lemma_.lower()
    if la == lb:
        return True
    n = 0
    for x, y in zip(la, lb, strict=False):
        if x != y:
            break
        n += 1
    return n >= MIN_STEM


def anaphoric(ctx: DocContext, trig: Trigger) -> bool:
    return trig.nominal and any(c.dep_ == "det" and ctx.keys[c.i][1] in DEFINITE for c in trig.head.children)


def demonstrative(ctx: DocContext, trig: Trigger) -> bool:
    return trig.nominal and any(c.dep_ == "det" and ctx.keys[c.i][1] in DEMONSTRATIVE for c in trig.head.children)


def realis(m: Mention) -> bool:
    return m.modality not in IRREALIS


def same_event(ctx: DocContext, a: Mention, b: Mention) -> bool:
    if a.type != b.type or realis(a) != realis(b) or (not realis(a) and a.modality != b.modality):
        return False
    if a.date and b.date and a.date != b.date:
        return False
    if not (stem_match(a.trig, b.trig) or anaphoric(ctx, b.trig) or anaphoric(ctx, a.trig)):
        return False
    if demonstrative(ctx, b.trig) and (stem_match(a.trig, b.trig) or not (b.actors or b.recipients)):
        return True  # "cette rencontre" is the meeting just told, whoever it names
    if not (b.actors or b.recipients) and not anaphoric(ctx, b.trig):
        return False  # "ils se rencontraient à Bagdad": another meeting, not this one
    if a.type in SYMMETRIC:
        pa, pb = set(a.actors) | set(a.recipients), set(b.actors) | set(b.recipients)
        return pa <= pb or pb <= pa
    sub = set(a.actors) <= set(b.actors) and set(a.recipients) <= set(b.recipients)
    sup = set(b.actors) <= set(a.actors) and set(b.recipients) <= set(a.recipients)
    return sub or sup


def absorb(target: Mention, m: Mention) -> None:
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


def fold(ctx: DocContext, live: list[Mention]) -> list[Mention]:
    """Mentions of the same event (same type and word, one adding nothing new) become one record."""
    out: list[Mention] = []
    for m in live:
        target = next((o for o in reversed(out) if same_event(ctx, o, m)), None)
        if target is None:
            out.append(m)
            continue
        absorb(target, m)
    for m in out:
        if m.denies is not None:
            m.denies = m.denies.root()
    return out


def evidence_of(ctx: DocContext, m: Mention, removed: list[object]) -> Span:
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
