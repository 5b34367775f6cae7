"""Attribution: who the text says an event comes from (the record's ``sources``).

Sources come from attribution cues in the sentence ("selon X", "a rapporté
X", "citant X", "cité par X", "X a déclaré que ...", a quotation's speaker),
innermost first; a paragraph keeps its source until another is named, and a
lead that attributes the article to another outlet ("..., a rapporté le
WSJ") frames the events the article does not attribute otherwise.  The
article's own outlet is never a source unless the text cites it.

Modality is read by :mod:`selon.sources.modality`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from selon.clean import rules
from selon.parse.context import DocContext
from selon.parse.syntax import is_passive, np_tokens, subject_token
from selon.parse.words import DEFINITE, dedupe
from selon.sources.lexicon import source_lexicon
from selon.sources.modality import VERBAL_TYPES
from selon.sources.predicate import Predicate

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

    def __init__(self, ctx: DocContext, triggers: Sequence[Predicate]) -> None:
        self.ctx = ctx
        self.src = source_lexicon()
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
        lex = self.src
        words = ctx.lex
        doc = ctx.doc
        cues: list[Cue] = []
        span = sent  # a spaCy Span
        start, end = span.start, span.end  # type: ignore[attr-defined]
        i = start
        while i < end:
            if ctx.keys[i][1] not in lex.marker_starts and ctx.keys[i][0] not in words.report_verbs:
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
            if tok.pos_ in ("VERB", "ADJ") and ctx.lemma(tok) in words.report_verbs and tok.i not in self.trigger_heads:
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
        lex = self.src
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
        return Cue(tok, "marker", sources, anonymous, exclude, marker_scope(tok))

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
        if objs and all(o.i in self.trigger_heads for o in objs) and ctx.lemma(v) not in self.src.self_report_verbs:
            return None  # "a poursuivi ses frappes": a carrier of the event, not a report
        inverted = subj is None or subj.i > v.i
        prev = ctx.doc[v.i - 1] if v.i > 0 else None
        aux_first = min([v.i] + [c.i for c in kids if c.dep_.startswith("aux")])
        before = ctx.doc[aux_first - 1] if aux_first > 0 else None
        incise = inverted and before is not None and before.text in (",", "»", "”", '"', "—", "–")
        if not inverted and not has_content and before is not None and before.text == "," and subj is not None and subj.i < before.i:
            # "..., près du détroit, a rapporté l'agence IRNA.": the parser took a word of the report for
            # the subject and the inverted speaker for an object
            speaker = next((c for c in kids if c.i > v.i and c.dep_ in ("obj", "nmod", "obl:mod", "dep", "appos")
                            and (ctx.np_entities(c) or ctx.has_key(c, self.src.anonymous_sources))), None)
            if speaker is not None:
                subj, incise = speaker, True
        if not (has_content or incise or objs):
            return None
        if subj is None:
            subj = next((c for c in kids if c.i > v.i and c.dep_ in ("obj", "nmod", "obl:mod", "dep", "appos")
                         and (ctx.np_entities(c) or ctx.has_key(c, self.src.anonymous_sources))), None)
            if subj is None and incise:
                # "..., a annoncé mardi la présidence angolaise": whoever the incise names speaks, named or not
                subj = next((c for c in kids if c.i > v.i and c.dep_ == "obj" and c.pos_ in ("NOUN", "PROPN")
                             and any(d.dep_ == "det" for d in c.children)), None)
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
    def sources_for(self, trig: Predicate, actors: Sequence[str] = ()) -> tuple[list[str], bool]:
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
        if not cues and quote is None and (trig.type not in VERBAL_TYPES or trig.speaker_role):
            # a paragraph goes on reporting acts; a new statement by someone named is their own
            # (a threat without a verb of its own, "X paiera le prix fort", is still the reported speaker's)
            cues = self._inherited(n, actors)
        if cues:
            attributed = True
            cues.sort(key=lambda c: self._distance(trig.head, c))
            for c in cues:
                out.extend(c.sources)
        elif quote is None and self.frame:
            attributed = True
            out.extend(self.frame)
        return dedupe(out), attributed

    def _inherited(self, n: int, actors: Sequence[str] = ()) -> list[Cue]:
        """Cues of the previous sentences of the same paragraph ("Selon X, ... . Il ..."); not a quotation's
        verb, nor, for someone else's act, the verb by which X tells of its own ("X affirme avoir ...")."""
        ctx = self.ctx
        para = ctx.para_of_sent[n]
        m = n - 1
        while m >= 0 and ctx.para_of_sent[m] == para:
            cues = [c for c in self.by_sent.get(m, []) if (c.named or c.anonymous) and
                    not (c.kind == "marker" and c.scope is not None) and not self._quoting(c, m) and
                    not (actors and self_told(c) and not set(c.sources) & set(actors))]
            if cues:
                return cues
            m -= 1
        return []

    def _quoting(self, cue: Cue, n: int) -> bool:
        """A verb that introduces a direct quotation ("« ... », a lancé X", "X a déclaré : « ... »"): the
        quotation closes what X says; the next sentence is the outlet's own narration again."""
        ctx = self.ctx
        said = [t for t in ctx.sents[n] if cue.covers(t.i) and not (t.is_punct or t.is_space)]
        quoted = [t for t in said if ctx.in_quote(t) is not None]
        return bool(quoted) and len(quoted) * 2 >= len(said)

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


def self_told(cue: Cue) -> bool:
    """ "X affirme avoir intercepté ...", "X a annoncé avoir renversé ...": X tells of its own act (an
    infinitive complement with no subject of its own)."""
    if cue.kind != "report" or not cue.sources:
        return False
    return any(c.dep_ == "xcomp" and any("Inf" in x.morph.get("VerbForm", []) for x in (c, *c.children)
                                         if x is c or x.dep_.startswith("aux"))
               for c in cue.tok.children)


NOUN_CLAUSE_DEPS = frozenset({"acl", "acl:relcl", "appos", "amod"})


def marker_scope(tok: Token) -> set[int] | None:
    """What a "selon X" inside a clause that describes a noun attributes: that clause only ("un cargo lié
    selon eux à Israël", "les bases d'où décollent, selon lui, les drones", "les informations selon
    lesquelles elle aurait ..."); said of the sentence's own clause, the whole sentence (None)."""
    np_head = tok.head
    if np_head.i == tok.i:
        return None
    gov = np_head.head
    for _ in range(6):
        if gov.dep_ in NOUN_CLAUSE_DEPS and gov.pos_ in ("VERB", "AUX", "ADJ") or gov.dep_ == "advcl" \
                and "Part" in gov.morph.get("VerbForm", []) and "Past" in gov.morph.get("Tense", []):
            return {t.i for t in gov.subtree}  # ", lié selon elles à ...": a participle set off after the noun
        if gov.head.i == gov.i or gov.pos_ in ("VERB", "AUX") and gov.dep_ not in ("xcomp", "conj"):
            return None
        gov = gov.head
    return None


def self_report(ctx: DocContext, gov: Token) -> bool:
    """A verb by which an actor reports its own act: "a revendiqué", "a annoncé avoir", "a fait état de"."""
    lex = source_lexicon()
    if ctx.lemma(gov) in lex.self_report_verbs or ctx.lemma(gov) in lex.claim_verbs:
        return True
    if ctx.lemma(gov) == "faire" and any(ctx.lemma(c) == "état" and c.dep_ == "obj" for c in gov.children):
        return True
    # "X a fait état de": parsed with "état" as the head
    return ctx.lemma(gov) == "état" and any(ctx.lemma(t) == "faire" for t in (*gov.children, gov.head))


def outlet_subject(ctx: DocContext, gov: Token) -> bool:
    """A news outlet reporting an event is its source, not its actor."""
    if ctx.lemma(gov) in ctx.lex.light_verb_words and ctx.lemma(gov) not in source_lexicon().claim_verbs:
        return False
    subj = next((c for c in gov.children if c.dep_ in ("nsubj",)), None)
    if subj is None:
        return False
    ents = ctx.np_entities(subj)
    return any(is_outlet(ctx, e) for e in ents) or ctx.has_key(subj, source_lexicon().anonymous_sources)
