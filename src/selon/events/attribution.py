"""Attribution (``sources``) and modality of events: who says so, and did it happen.

Sources come from attribution cues in the sentence ("selon X", "a rapporté
X", "citant X", "cité par X", "X a déclaré que ...", a quotation's speaker),
innermost first; a paragraph keeps its source until another is named, and a
lead that attributes the article to another outlet ("..., a rapporté le
WSJ") frames the events the article does not attribute otherwise.  The
article's own outlet is never a source unless the text cites it.

Modality, in order of precedence: ``denied`` (negated, or denied in the
text), ``hypothetical`` (if-clauses, "pourrait", questions), ``threatened`` /
``called-for`` / ``planned`` (governed by "menacer de", "appeler à",
"prévoir de", a future tense), then ``claimed`` (the actor's own report of a
material act), ``reported`` (attributed to someone else, or distanced with a
conditional: "aurait frappé"), else ``asserted``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from selon.clean import norm, rules
from selon.events.arguments import is_passive, subject_token
from selon.events.context import DEFINITE, DocContext, _dedupe, np_tokens
from selon.events.triggers import Trigger

PRIORITY = {"denied": 7, "hypothetical": 6, "threatened": 5, "called-for": 4, "planned": 3, "claimed": 2,
            "reported": 1, "asserted": 0}
FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})
IRREALIS = frozenset({"hypothetical", "threatened", "called-for", "planned"})
VERBAL_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "obj", "obl", "obl:arg", "obl:mod", "nmod", "acl", "advcl",
                             "nsubj:pass", "conj"})
MEDIA_NOUNS = frozenset({"journal", "quotidien", "hebdomadaire", "agence", "chaîne", "média", "site", "télévision",
                         "radio", "revue", "magazine", "organe", "publication"})
SKIP_NP = frozenset({"DET", "NUM", "ADJ", "PUNCT", "SPACE"})


def is_outlet(ctx: DocContext, eid: str) -> bool:
    """Whether an entity is a news outlet of the shipped profiles (data/outlets.yaml)."""
    known = rules().outlets
    return any(n in known for n in ctx.names(eid))


@dataclass
class Cue:
    """One attribution cue in a sentence and the sources it names."""

    tok: Token
    kind: str  # "report" (a verb of saying) or "marker" ("selon", "citant", "cité par")
    sources: list[str]
    anonymous: bool
    exclude: set[int] = field(default_factory=set)
    scope: set[int] | None = None  # when set, the only words the cue attributes ("X a déclaré que <scope>")

    def covers(self, i: int) -> bool:
        return i not in self.exclude and i != self.tok.i and (self.scope is None or i in self.scope)

    @property
    def named(self) -> bool:
        return bool(self.sources)


class Attribution:
    """Attribution cues of one document, found once, asked per event."""

    def __init__(self, ctx: DocContext, triggers: list[Trigger]) -> None:
        self.ctx = ctx
        self.trigger_heads = {t.head.i for t in triggers}
        self.by_sent: dict[int, list[Cue]] = {}
        self.last_named: list[str] = []
        self.outlets_seen: list[str] = []
        for n, sent in enumerate(ctx.sents):
            cues = self._sentence_cues(sent)
            if cues:
                self.by_sent[n] = cues
        # ", a rapporté l'agence Reuters." cut off as a sentence of its own by the parser: it reports the one before
        for n, cues in list(self.by_sent.items()):
            first = next((t for t in ctx.sents[n] if not t.is_space), None)
            if n and first is not None and first.text in (",", "—", "–") and \
                    ctx.para_of_sent[n] == ctx.para_of_sent[n - 1]:
                incises = [c for c in cues if c.scope is None]
                if incises:
                    self.by_sent.setdefault(n - 1, []).extend(incises)
        self.frame = self._frame()

    # --- finding cues ------------------------------------------------------------------------------------
    def _sentence_cues(self, sent: object) -> list[Cue]:
        ctx = self.ctx
        lex = ctx.lex
        doc = ctx.doc
        cues: list[Cue] = []
        span = sent  # a spaCy Span
        start, end = span.start, span.end  # type: ignore[attr-defined]
        i = start
        while i < end:
            if ctx.keys[i][1] not in lex.marker_starts and ctx.keys[i][0] not in lex.report_verbs:
                i += 1
                continue
            tok = doc[i]
            matched = False
            for seq in lex.source_markers:
                j = i
                for w in seq:
                    if j < end and ctx.keys[j][1] == w:
                        j += 1
                    else:
                        break
                else:
                    cue = self._marker(tok, j, end)
                    if cue is not None:
                        cues.append(cue)
                        i = j
                        matched = True
                    break
            if matched:
                continue
            if tok.pos_ in ("VERB", "ADJ") and ctx.lemma(tok) in lex.report_verbs and tok.i not in self.trigger_heads:
                cue = self._report(tok)
                if cue is not None:
                    cues.append(cue)
            i += 1
        for c in cues:
            self._remember(c)
        return cues

    def _remember(self, cue: Cue) -> None:
        if cue.sources:
            self.last_named = cue.sources
            for s in cue.sources:
                if is_outlet(self.ctx, s):
                    self.outlets_seen.append(s)

    def _source_np(self, tok: Token) -> tuple[list[str], bool, set[int]]:
        """Entities a source phrase names, whether it is anonymous, and its tokens."""
        ctx = self.ctx
        lex = ctx.lex
        head = tok
        for _ in range(4):
            if head.dep_ in ("nmod", "appos", "flat:name", "amod", "nummod") and head.head.pos_ in ("NOUN", "PROPN") \
                    and head.head.i < head.i and ctx.entity_of(head) is None:
                head = head.head
            else:
                break
        toks = np_tokens(head) | {tok.i}
        ents = [e for e in ctx.np_entities(head) if ctx.etype(e) in ("PERSON", "ORG", "GPE")]
        if ents:
            return ents, False, toks
        named = any(c.pos_ == "PROPN" for c in head.children if c.dep_ in ("appos", "flat:name", "nmod", "flat"))
        if ctx.has_key(head, lex.anaphoric_sources) and not named:
            det = next((c for c in head.children if c.dep_ == "det"), None)
            if det is not None and ctx.keys[det.i][1] in DEFINITE:
                # "le quotidien", "l'agence": the outlet cited last; "ce rapport": the source cited last
                media = ctx.has_key(head, MEDIA_NOUNS)
                back = self.outlets_seen[-1:] if media else self.last_named[:1]
                if back:
                    return list(back), False, toks
        return [], True, toks

    def _marker(self, tok: Token, after: int, end: int) -> Cue | None:
        ctx = self.ctx
        j = after
        while j < end and ctx.doc[j].pos_ in SKIP_NP and ctx.entity_of(ctx.doc[j]) is None:
            j += 1
        if j >= end:
            return None
        sources, anonymous, toks = self._source_np(ctx.doc[j])
        exclude = toks | set(range(tok.i, after))
        return Cue(tok, "marker", sources, anonymous, exclude)

    def _report(self, v: Token) -> Cue | None:
        """A verb of saying with its speaker ("X a déclaré que", "..., a rapporté le WSJ")."""
        ctx = self.ctx
        kids = list(v.children)
        if is_passive(v):
            return None  # "l'Iran n'était pas considéré comme ...": no speaker named
        subj = subject_token(v)
        has_content = any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in kids) or \
            any(ctx.keys[t.i][1] in ("que", "qu'", ":") for t in v.rights)
        objs = [c for c in kids if c.dep_ == "obj"]
        if objs and all(o.i in self.trigger_heads for o in objs) and ctx.lemma(v) not in ctx.lex.self_report_verbs:
            return None  # "a poursuivi ses frappes": a carrier of the event, not a report
        inverted = subj is None or subj.i > v.i
        prev = ctx.doc[v.i - 1] if v.i > 0 else None
        aux_first = min([v.i] + [c.i for c in kids if c.dep_.startswith("aux")])
        before = ctx.doc[aux_first - 1] if aux_first > 0 else None
        incise = inverted and before is not None and before.text in (",", "»", "”", '"', "—", "–")
        if not inverted and not has_content and before is not None and before.text == "," and subj.i < before.i:
            # "..., près du détroit, a rapporté l'agence IRNA.": the parser took a word of the report for
            # the subject and the inverted speaker for an object
            speaker = next((c for c in kids if c.i > v.i and c.dep_ in ("obj", "nmod", "obl:mod", "dep", "appos")
                            and (ctx.np_entities(c) or ctx.has_key(c, ctx.lex.anonymous_sources))), None)
            if speaker is not None:
                subj, incise = speaker, True
        if not (has_content or incise or objs):
            return None
        if subj is None:
            subj = next((c for c in kids if c.i > v.i and c.dep_ in ("obj", "nmod", "obl:mod", "dep", "appos")
                         and (ctx.np_entities(c) or ctx.has_key(c, ctx.lex.anonymous_sources))), None)
            if subj is None or not incise:
                return None
        sources, anonymous, toks = self._source_np(subj)
        exclude = toks | {v.i}
        # "ont indiqué des sources au quotidien américain": the outlet they spoke to is the outer source
        for c in kids:
            if c.i == subj.i:
                continue
            if ctx.case_of(c) in ("à", "à le", "au") and c.dep_ in ("obl", "obl:arg", "iobj", "nmod", "obl:mod"):
                outer, _, otoks = self._source_np(c)
                if outer and all(is_outlet(ctx, e) or ctx.etype(e) == "ORG" for e in outer):
                    sources = sources + [e for e in outer if e not in sources]
                    exclude |= otoks
        for c in subj.children:
            if ctx.case_of(c) in ("à", "à le", "au"):
                outer, _, otoks = self._source_np(c)
                if outer and all(is_outlet(ctx, e) for e in outer):  # not "l'ambassade d'Espagne à Moscou"
                    sources = sources + [e for e in outer if e not in sources]
                    exclude |= otoks
        del prev
        scope: set[int] | None = None
        if not incise:
            scope = set()
            for c in kids:
                if c.dep_ in ("ccomp", "xcomp", "obj", "parataxis", "advcl") and c.i > v.i:
                    scope.update(t.i for t in c.subtree)
            colon = next((t.i for t in v.rights if t.text == ":"), None)
            if colon is not None:
                scope.update(range(colon + 1, ctx.sentence(v).end))
        return Cue(v, "report", sources, anonymous and not sources, exclude, scope)

    def _frame(self) -> list[str]:
        """A lead paragraph that attributes the article to an outlet ("..., a rapporté le WSJ")."""
        ctx = self.ctx
        meta = ctx.doc._.selon_meta or {}
        title = meta.get("title_span")
        first_para: int | None = None
        for n, sent in enumerate(ctx.sents):
            if not sent.text.strip():
                continue
            if title and sent.start_char < title[1]:
                continue
            if first_para is None:
                first_para = ctx.para_of_sent[n]
            if ctx.para_of_sent[n] != first_para:
                break
            for cue in self.by_sent.get(n, []):
                outlets = [s for s in cue.sources if is_outlet(ctx, s)]
                if outlets:
                    return outlets
        return []

    # --- per event -----------------------------------------------------------------------------------------
    def sources_for(self, trig: Trigger) -> tuple[list[str], bool]:
        """The sources of an event (innermost first) and whether any attribution applies at all."""
        ctx = self.ctx
        n = ctx.sent_of[trig.head.i]
        cues = [c for c in self.by_sent.get(n, []) if c.covers(trig.head.i)]
        quote = ctx.in_quote(trig.head)
        out: list[str] = []
        attributed = False
        if quote is not None:
            attributed = True
            if quote[2]:
                out.append(quote[2])
        if not cues and quote is None and (trig.type not in VERBAL_TYPES or trig.spec.speaker):
            # a paragraph goes on reporting acts; a new statement by someone named is their own
            # (a threat without a verb of its own, "X paiera le prix fort", is still the reported speaker's)
            cues = self._inherited(n)
        if cues:
            attributed = True
            cues.sort(key=lambda c: self._distance(trig.head, c))
            for c in cues:
                out.extend(c.sources)
        elif quote is None and self.frame:
            attributed = True
            out.extend(self.frame)
        return _dedupe(out), attributed

    def _inherited(self, n: int) -> list[Cue]:
        """Cues of the previous sentences of the same paragraph ("Selon X, ... . Il ...")."""
        ctx = self.ctx
        para = ctx.para_of_sent[n]
        m = n - 1
        while m >= 0 and ctx.para_of_sent[m] == para:
            cues = [c for c in self.by_sent.get(m, []) if c.named or c.anonymous]
            if cues:
                return cues
            m -= 1
        return []

    def _distance(self, tok: Token, cue: Cue) -> int:
        """Cues that govern the event come first (innermost); others by kind and position."""
        steps = 0
        t = tok
        while t.head.i != t.i and steps < 12:
            t = t.head
            steps += 1
            if t.i == cue.tok.i:
                return steps
        # not governing it: "citant X" is nearer the event than the report it hangs on, "selon X" farther
        citing = cue.kind == "marker" and self.ctx.keys[cue.tok.i][1] in ("citant", "cité", "citée", "cités", "citées")
        rank = 0 if citing else 5 if cue.kind == "report" else 10
        return 20 + rank + min(abs(cue.tok.i - tok.i) // 10, 4)


def negated(ctx: DocContext, trig: Trigger) -> bool:
    """ "n'a pas attaqué", "aucune attaque", "sans attaquer", "n'a lancé aucune frappe"."""
    lex = ctx.lex
    h = trig.head
    if ctx.negative_child(h):
        return True
    for c in h.children:
        k = ctx.keys[c.i][1]
        if c.dep_ == "det" and k in lex.neg_determiners:
            return True
        if c.dep_ == "obj" and any(d.dep_ == "det" and ctx.keys[d.i][1] in lex.neg_determiners for d in c.children):
            return True  # "n'a envoyé aucun drone"
        if c.dep_ in ("case", "mark") and k in lex.neg_prepositions:
            return True
    if trig.nominal and h.head.i != h.i and ctx.negative_child(h.head) and \
            h.dep_ in ("obj", "obl:arg", "nsubj", "nsubj:pass") and \
            (ctx.lemma(h.head) in lex.light_verb_words or ctx.lemma(h.head) in ("avoir", "tenir", "produire")):
        return True  # "n'a pas lancé d'attaque"; not "n'a pas commenté ces accusations"
    return False


def irrealis(ctx: DocContext, trig: Trigger, report_heads: set[int]) -> str | None:
    """Hypothetical, threatened, called-for or planned, from the grammar around the trigger."""
    lex = ctx.lex
    h = trig.head
    found: str | None = None

    def better(m: str | None) -> None:
        nonlocal found
        if m and (found is None or PRIORITY[m] > PRIORITY[found]):
            found = m

    sent = ctx.sentence(h)
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if last is not None and last.text == "?":
        better("hypothetical")
    for c in h.children:
        k = ctx.keys[c.i]
        if c.dep_ == "amod" and (k[0] in lex.modal_adjectives or k[1] in lex.modal_adjectives):
            better(lex.modal_adjectives.get(k[1]) or lex.modal_adjectives.get(k[0]))
        if c.dep_ == "advmod" and (k[0] in lex.hypothetical_adverbs or k[1] in lex.hypothetical_adverbs):
            better("hypothetical")
    if not trig.nominal:
        tense = _tense(ctx, h, report_heads)
        better(tense if tense != "alleged" else None)
    t = h
    for _ in range(4):
        if _has_hypothetical_marker(ctx, t):
            better("hypothetical")
        if _purpose(ctx, t) and trig.type in FORCE_TYPES:
            better("planned")  # "pour lancer une vague d'attaques"; a cooperative aim is usually the deed itself
        if t.head.i == t.i or t.dep_ not in COMPLEMENT_DEPS | {"advcl", "acl:relcl"}:
            break
        link = t.dep_
        t = t.head
        k = ctx.keys[t.i]
        if link in ("xcomp", "ccomp", "obj", "obl", "obl:arg", "nmod", "acl"):
            modal = lex.modal_verbs.get(k[0]) if t.pos_ in ("VERB", "AUX") else None
            if modal == "planned" and k[0] == "aller" and "Inf" not in h.morph.get("VerbForm", []):
                modal = None
            better(modal)
            if t.pos_ in ("NOUN", "PROPN"):
                better(lex.modal_nouns.get(k[0]) or lex.modal_nouns.get(k[1]))
            if t.pos_ in ("VERB", "AUX"):
                tense = _tense(ctx, t, report_heads)
                if tense == "planned" and link in ("xcomp", "obj"):
                    better("planned")
        if t.pos_ in ("VERB", "AUX") and link in ("ccomp", "acl", "nmod", "obj") and ctx.negative_child(t) \
                and t.i != h.i:
            better("hypothetical")  # "n'ont pas vu de preuve que l'Iran avait dirigé l'attaque": unconfirmed
        if t.pos_ in ("VERB",) and t.i in report_heads:
            break
    return found


def _purpose(ctx: DocContext, t: Token) -> bool:
    """ "pour lancer une attaque", "afin de rencontrer": an aim, not a deed."""
    if t.dep_ not in ("advcl", "xcomp", "acl") or "Inf" not in t.morph.get("VerbForm", []):
        return False
    return any(c.dep_ == "mark" and ctx.keys[c.i][1] in ("pour", "afin") for c in t.children)


def _has_hypothetical_marker(ctx: DocContext, t: Token) -> bool:
    for c in t.children:
        if c.dep_ in ("mark", "case"):
            k = ctx.keys[c.i][1]
            if k in ("si", "s'"):
                return True
            if k == "en" and ctx.lemma(t) == "cas":
                return True
    return ctx.lemma(t) == "cas" and any(ctx.keys[c.i][1] == "en" for c in t.children)


def alleged(ctx: DocContext, trig: Trigger, report_heads: set[int]) -> bool:
    """ "aurait frappé", "prétendument": the outlet distances itself from what it reports."""
    h = trig.head
    if any(c.dep_ == "advmod" and ctx.has_key(c, ctx.lex.alleged_adverbs) for c in h.children):
        return True
    return not trig.nominal and _tense(ctx, h, report_heads) == "alleged"


def governed_by_negation(ctx: DocContext, trig: Trigger) -> bool:
    """ "a évité tout contact", "a renoncé à frapper", "empêcher X d'établir des liens"."""
    t = trig.head
    for _ in range(3):
        if t.head.i == t.i or t.dep_ not in ("xcomp", "ccomp", "obj", "obl", "obl:arg", "nmod"):
            return False
        t = t.head
        if ctx.lemma(t) in ctx.lex.neg_verbs:
            return True
    return False


def _tense(ctx: DocContext, v: Token, report_heads: set[int]) -> str | None:
    """Future -> planned; conditional -> planned under a past verb of saying, else alleged (reported)."""
    forms = [v, *(c for c in v.children if c.dep_.startswith("aux"))]
    if any("Fut" in f.morph.get("Tense", []) for f in forms):
        return "planned"
    for c in v.children:
        if c.dep_.startswith("aux") and ctx.lemma(c) == "aller" and "Inf" in v.morph.get("VerbForm", []):
            return "planned"
    if any("Cnd" in f.morph.get("Mood", []) for f in forms):
        if v.dep_ in ("ccomp", "xcomp") and v.head.i in report_heads:
            return "planned"
        return "alleged"
    return None


def self_claim(ctx: DocContext, actors: list[str], sources: list[str]) -> bool:
    """The source is the actor, or speaks for it (a person whose role names the actor)."""
    if not actors or not sources:
        return False
    src = sources[0]
    if src in actors:
        return True
    e = ctx.entities.get(src)
    if e is None or not e.roles:
        return False
    roles = " ".join(f" {norm(r)} " for r in e.roles)
    return any(f" {n} " in roles for a in actors for n in ctx.names(a))


def combine(modalities: list[str]) -> str:
    return max(modalities, key=lambda m: PRIORITY.get(m, 0)) if modalities else "asserted"
