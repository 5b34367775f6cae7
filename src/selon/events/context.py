"""What the event components know about one document: words, entity mentions, sentences, paragraphs.

Mentions come from ``doc.spans["selon_mentions"]`` (``span._.entity_id``), the
entities from ``doc._.entities``; nothing here depends on how the entities
component found them.  Noun phrases are mapped to entities through the
mentions, the dependency parse and a few general rules (a named apposition,
"le chef du Hamas" standing for Hamas when no person is named, pronouns and
definite descriptions pointing back to a recent subject).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from selon.clean import norm
from selon.events.lexicon import Lexicon, token_keys, word_key
from selon.nlp import MENTIONS
from selon.record import Entity, Quote

CASE_DEPS = ("case",)
NOMINAL_DEPS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:arg", "obl:mod", "obl:agent", "nmod",
                          "appos", "conj", "flat:name", "flat", "root", "ROOT", "dep", "xcomp", "expl:subj"})
CLAUSE_DEPS = frozenset({"acl:relcl", "advcl", "ccomp", "parataxis", "csubj", "advcl:cleft"})
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE"})  # a place or a named event does not act
PARTY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC"})
SINGULAR_PRONOUNS = frozenset({"il", "elle", "celui-ci", "celle-ci"})
PLURAL_PRONOUNS = frozenset({"ils", "elles", "ceux-ci", "celles-ci"})
FIRST_PERSON = frozenset({"je", "j'", "nous", "moi", "me", "m'"})
RELATIVE = frozenset({"qui", "lequel", "laquelle", "lesquels", "lesquelles"})
DEFINITE = frozenset({"le", "la", "les", "l'", "ce", "cet", "cette", "ces"})
POSSESSIVE = frozenset({"son", "sa", "ses", "leur", "leurs"})
LEADER_ROLES = frozenset({"chef", "commandant", "dirigeant", "leader", "patron", "numéro", "président", "guide",
                          "secrétaire", "commandement"})
QUANTITY = frozenset({"millier", "milliers", "centaine", "centaines", "dizaine", "dizaines", "million", "millions",
                      "foule", "groupe", "nombre", "plupart", "partie", "majorité", "poignée", "quelques-uns",
                      "certains", "beaucoup", "foules"})
COORD_WORDS = frozenset({",", "et", "ou", "ainsi", "que", "notamment", "mais", "aussi", "y", "compris"})
COORD_SKIP = frozenset({"de", "le", "la", "les", "l'", "un", "une", "avec", "à", "son", "sa", "ses", "leur", "leurs"})
MAX_SUBTREE = 40  # tokens scanned inside one noun phrase
PRONOUN_WINDOW = 2  # sentences back
IMPERSONAL = frozenset({"falloir", "agir", "sembler", "paraître", "exister", "valoir", "arriver", "rester", "pleuvoir"})
GROUP_WINDOW = 4  # sentences back for "les deux pays"
NUMBER_WORDS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9}


@dataclass
class Subject:
    """A clause subject already resolved to entities (for pronouns further on)."""

    i: int
    sent: int
    entities: list[str]
    plural: bool


class DocContext:
    """Per-document lookups shared by triggers, arguments and attribution."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.text = doc.text  # Doc.text joins every token on each call: read it once
        self.keys: list[tuple[str, str]] = [token_keys(t) for t in doc]
        self.entities: dict[str, Entity] = {e.id: e for e in (doc._.entities or [])}
        self._mentions: dict[int, list[Span]] = {}
        spans: Iterable[Span] = doc.spans[MENTIONS] if MENTIONS in doc.spans else []
        for sp in spans:
            if sp._.entity_id not in self.entities:
                continue
            for i in range(sp.start, sp.end):
                self._mentions.setdefault(i, []).append(sp)
        for lst in self._mentions.values():
            lst.sort(key=len)
        self.sents: list[Span] = [s for s in doc.sents]
        self.sent_of: list[int] = [0] * len(doc)
        self.para_of_sent: list[int] = []
        para = 0
        prev_end = 0
        for n, s in enumerate(self.sents):
            for i in range(s.start, s.end):
                self.sent_of[i] = n
            first = next((t.idx for t in s if not t.is_space), s.end_char)
            if n and "\n" in self.text[prev_end:first]:
                para += 1
            self.para_of_sent.append(para)
            last = next((t for t in reversed(s) if not t.is_space), None)
            if last is not None:
                prev_end = last.idx + len(last.text)
        self.quotes: list[tuple[int, int, str | None]] = []
        self.set_quotes(doc._.quotes or [])
        self._subjects: list[Subject] | None = None
        self._triggers: set[int] = set()
        self._norm_names: dict[str, set[str]] = {}
        self._states: dict[str, str] | None = None

    # --- words -------------------------------------------------------------------------------------------
    def lemma(self, tok: Token) -> str:
        return self.keys[tok.i][0]

    def has_key(self, tok: Token, words: frozenset[str] | set[str]) -> bool:
        k = self.keys[tok.i]
        return k[0] in words or k[1] in words

    def case_of(self, tok: Token) -> str | None:
        """The preposition introducing a nominal ("contre" in "contre Israël"), as a key."""
        for c in tok.children:
            if c.dep_ == "case" or (c.dep_ == "mark" and c.pos_ == "ADP"):
                key = self.keys[c.i][1]
                for f in c.children:
                    if f.dep_ == "fixed":
                        key = f"{key} {self.keys[f.i][1]}"
                return key
        return None

    def reflexive(self, tok: Token) -> bool:
        return any(c.dep_.startswith("expl") or (c.pos_ == "PRON" and self.keys[c.i][1] in ("se", "s'")
                   and c.dep_ in ("obj", "iobj", "expl:comp", "expl:pv", "expl:pass"))
                   for c in tok.children)

    def negative_child(self, tok: Token) -> bool:
        lex = self.lex
        kids = list(tok.children)
        has_ne = any(self.keys[c.i][1] in ("ne", "n'") for c in kids)
        for c in kids:
            k = self.keys[c.i][1]
            if k in lex.neg_strong:
                return True
            if has_ne and k in lex.neg_with_ne:
                return True
        return False

    # --- entities ----------------------------------------------------------------------------------------
    def mention_at(self, tok: Token) -> Span | None:
        """The mention that best covers a token: the smallest rooted at it, else the smallest holding it."""
        spans = self._mentions.get(tok.i)
        if not spans:
            return None
        for sp in spans:
            if sp.root.i == tok.i:
                return sp
        return spans[0]

    def entity_of(self, tok: Token) -> str | None:
        sp = self.mention_at(tok)
        return sp._.entity_id if sp is not None else None

    def etype(self, eid: str) -> str | None:
        e = self.entities.get(eid)
        return e.type if e else None

    def names(self, eid: str) -> set[str]:
        """Normalised names, aliases and mention texts of an entity."""
        if eid not in self._norm_names:
            e = self.entities.get(eid)
            out: set[str] = set()
            if e is not None:
                for s in [e.name, *e.aliases, *(m.text for m in e.mentions)]:
                    n = norm(s)
                    if n:
                        out.add(n)
            self._norm_names[eid] = out
        return self._norm_names[eid]

    def set_quotes(self, quotes: Iterable[Quote]) -> None:
        self.quotes = [(q.start, q.end, q.speaker) for q in quotes]
        self._subjects = None  # first-person subjects inside quotations resolve to their speakers

    def set_triggers(self, indices: Iterable[int]) -> None:
        self._triggers = set(indices)

    def in_quote(self, tok: Token) -> tuple[int, int, str | None] | None:
        for q in self.quotes:
            if q[0] <= tok.idx < q[1]:
                return q
        return None

    # --- noun phrases ------------------------------------------------------------------------------------
    def conjuncts(self, tok: Token) -> list[Token]:
        out: list[Token] = []
        stack = [c for c in tok.children if c.dep_ == "conj"]
        while stack and len(out) < 12:
            c = stack.pop(0)
            if c.pos_ in ("VERB", "AUX") or c.i in self._triggers or self.stolen_subject(c):
                continue
            out.append(c)
            stack.extend(g for g in c.children if g.dep_ == "conj")
        return out

    def stolen_subject(self, c: Token) -> bool:
        """A "conjunct" that is really the subject of the next verb, which the parser left without one:
        "... tuer le peuple palestinien, les États-Unis et les pays européens se sont rangés"."""
        end = max(t.i for t in c.subtree)
        sent_end = self.sents[self.sent_of[c.i]].end
        for i in range(end + 1, min(sent_end, end + 10)):
            t = self.doc[i]
            if t.text in (",", ";", ":", "(", "«", "»"):
                return False  # an incise (", ont indiqué des sources"), not a clause of its own
            if t.pos_ == "VERB":
                finite = "Fin" in t.morph.get("VerbForm", []) or any(k.dep_.startswith("aux") for k in t.children)
                return finite and not any(k.dep_ in ("nsubj", "nsubj:pass", "expl:subj") for k in t.children)
            if t.pos_ not in ("CCONJ", "DET", "NOUN", "PROPN", "ADJ", "PRON", "AUX", "PUNCT", "SPACE", "ADP"):
                return False
        return False

    def np_entities(self, tok: Token, role: str = "actor", depth: int = 0) -> list[str]:
        """Entities a noun phrase (with its coordinated phrases) stands for; [] when unsure."""
        out: list[str] = []
        heads = [tok, *self.conjuncts(tok)]
        if tok.dep_ in ("nsubj", "nsubj:pass") and depth == 0:
            out.extend(self.coordinated_before(tok))
        for h in heads:
            out.extend(self._np_entity(h, role, depth))
        if out:
            last = max(max(t.i for t in h.subtree) for h in heads)
            out.extend(self.coordinated_after(last, role))
        allowed = ACTOR_TYPES if role == "actor" else PARTY_TYPES
        return _dedupe(e for e in out if self.etype(e) in allowed)

    def _np_entity(self, h: Token, role: str, depth: int) -> list[str]:
        if depth > 3:
            return []
        e = self.entity_of(h)
        if e is not None:
            return [e]
        k = self.keys[h.i]
        if h.pos_ == "PRON":
            return self.resolve_pronoun(h)
        named = [c for c in h.children if c.dep_ in ("appos", "flat:name", "flat", "nmod")
                 and self.case_of(c) is None and self.entity_of(c)
                 and (c.pos_ == "PROPN" or (c.dep_ == "appos" and self.mention_at(c).root.i == c.i))]  # type: ignore[union-attr]
        if named:
            persons = [c for c in named if self.etype(self.entity_of(c) or "") == "PERSON"]
            return [self.entity_of((persons or named)[0]) or ""]
        genitives = [c for c in h.children if c.dep_ in ("nmod", "obl:arg", "obl:mod", "obl") and
                     self.case_of(c) in ("de", "de le", "des")]
        if k[0] in QUANTITY or k[1] in QUANTITY:
            for g in genitives:  # "des milliers de partisans du Hezbollah"
                return self._np_entity(g, role, depth + 1)
        is_role = k[0] in self.lex.role_nouns or k[1] in self.lex.role_nouns or \
            k[0] in self.lex.group_nouns or k[1] in self.lex.group_nouns
        if is_role:
            own = self._own_name_after_genitive(genitives)
            if own:
                return [own]  # "le porte-parole du ministre X, Y, a dit": Y speaks, not X
            for g in genitives:
                ents = self.np_entities(g, role, depth + 1)
                ents = [x for x in ents if self.etype(x) in ("ORG", "GPE", "PERSON")]
                ents += [x for s in self._sibling_genitives(g, genitives) for x in self.np_entities(s, role, depth + 1)
                         if x not in ents and self.etype(x) == self.etype(ents[0] if ents else "")]
                if ents and all(self.etype(x) in ("GPE", "LOC") for x in ents):
                    state = self._demonym_child(h)
                    if state:
                        return [state]  # "les forces russes de Crimée", "un drone iranien au-dessus du golfe"
                if ents:
                    singular = "Plur" not in h.morph.get("Number", [])
                    person = self.person_with_role(k[0], ents[0]) if singular else None
                    return [person] if person else ents
            for c in h.children:  # "le chef du Hamas Ismail Haniyeh" parsed with the name under the role
                if c.dep_ in ("appos", "flat:name") and self.entity_of(c):
                    return [self.entity_of(c) or ""]
        if is_role:
            state = self._demonym_child(h)  # "les officiers russes", "le gouvernement ostrélien"
            for g in genitives:
                state = state or self._demonym_child(g)  # "des responsables de la sécurité iraniens"
            if state:
                return [state]
        det = next((c for c in h.children if c.dep_ == "det"), None)
        if det is not None and self.keys[det.i][1] in ("les", "ces") and h.pos_ == "NOUN":
            group = self.numbered_group(h)  # "les trois pays", "ces deux dirigeants"
            if group:
                return group
        if det is not None and self.keys[det.i][1] in DEFINITE and h.pos_ == "NOUN":
            ante = self.definite_antecedent(h)
            if ante:
                return ante
        if role in ("recipient", "target"):
            for g in genitives:
                ents = self.np_entities(g, role, depth + 1)
                if ents:
                    return ents
            found = self.first_mention_in(h, clauses=role == "recipient")
            if found:
                return [found]
            state = self._demonym_child(h)  # "des drones ostréliens", "trois soldats israéliens"
            if state:
                return [state]
        return []

    def _sibling_genitives(self, g: Token, genitives: list[Token]) -> list[Token]:
        """ "les régimes du Mali, du Tchad et du Niger" parsed as three complements of "régimes":
        the later ones, when only commas and "et" separate them from the first."""
        out: list[Token] = []
        prev_end = max(t.i for t in g.subtree)
        for s in genitives:
            if s.i <= g.i:
                continue
            lo = min(t.i for t in s.subtree)
            gap = [self.keys[i][1] for i in range(prev_end + 1, lo)]
            if not gap or any(w not in (",", "et", "ou") for w in gap) or not self.entity_of(s):
                break
            out.append(s)
            prev_end = max(t.i for t in s.subtree)
        return out

    def _own_name_after_genitive(self, genitives: list[Token]) -> str | None:
        """A role noun whose complement is another role with its name, then a second name between
        commas: "le conseiller du président Karim Ossa, Paul Lenoir, a déclaré" -> Paul Lenoir."""
        for g in genitives:
            if not (self.keys[g.i][0] in self.lex.role_nouns or self.keys[g.i][1] in self.lex.role_nouns):
                continue
            names = [c for c in g.children if c.dep_ == "appos" and c.i > g.i and self.entity_of(c)
                     and self.etype(self.entity_of(c) or "") == "PERSON"]
            if len(names) >= 2 and self.entity_of(names[-1]) != self.entity_of(names[0]):
                last = names[-1]
                before = self.doc[last.i - 1] if last.i > 0 else None
                if before is not None and before.text == ",":
                    return self.entity_of(last)
        return None

    def numbered_group(self, h: Token) -> list[str]:
        """ "les trois pays" -> the three parties last named together as a subject, a few sentences back."""
        num = next((c for c in h.children if c.dep_ == "nummod"), None)
        if num is None:
            return []
        n = NUMBER_WORDS.get(self.keys[num.i][1]) or (int(num.text) if num.text.isdigit() else 0)
        if not 2 <= n <= 9:
            return []
        here = self.sent_of[h.i]
        for s in reversed(self._subjects or []):
            if s.i >= h.i:
                continue
            if s.sent < here - GROUP_WINDOW:
                break
            if len(s.entities) == n:
                return list(s.entities)
        return []

    def coordinated_after(self, last: int, role: str) -> list[str]:
        """Entities coordinated after a phrase the parser left unattached: "du Hamas, du Hezbollah et du Jihad"."""
        doc = self.doc
        if last >= len(doc) - 1:
            return []
        end = self.sents[self.sent_of[last]].end
        out: list[str] = []
        conjoined: list[bool] = []  # whether each item came after "et"/"ou"/"ainsi que" (not a bare comma)
        i = last + 1
        while i < end:
            j = i
            sep = False
            conj = False
            while j < end and (self.keys[j][1] in COORD_WORDS or self.keys[j][1] in COORD_SKIP
                               or doc[j].is_space):
                if self.keys[j][1] in (",", "et", "ou", "ainsi"):
                    sep = True
                if self.keys[j][1] in ("et", "ou", "ainsi"):
                    conj = True
                j += 1
            if not sep or j >= end:
                break
            # a role noun before the name: "et le chef du Hezbollah Hassan Nasrallah"
            k = j
            while k < end and k < j + 4 and not self.entity_of(doc[k]) and (
                    self.keys[k][0] in self.lex.role_nouns or self.keys[k][0] in self.lex.group_nouns
                    or self.keys[k][1] in COORD_SKIP or doc[k].pos_ == "ADJ"):
                k += 1
            if k >= end:
                break
            sp = self.mention_at(doc[k])
            if sp is None or sp.start < k - 0 and sp.start < j:
                break
            if sp.root.dep_ in ("nsubj", "nsubj:pass") and sp.root.head.i > sp.end - 1:
                break  # the subject of a new clause
            if out and (self.etype(sp._.entity_id) == "LOC") != (self.etype(out[0]) == "LOC"):
                break  # "David Dietlin, ..., rue de la Libération": a place does not join a list of parties
            nxt = sp.end
            if nxt < end and conj and doc[nxt].pos_ in ("VERB", "AUX") and self._closes_subject(doc[nxt], last):
                out.append(sp._.entity_id)  # "Les régimes du Mali, du Tchad et du Niger ont annoncé"
                conjoined.append(conj)
                break
            if nxt < end and (doc[nxt].pos_ in ("VERB", "AUX") or
                              (doc[nxt].pos_ in ("NOUN", "ADJ") and not doc[nxt].is_punct)):
                break
            out.append(sp._.entity_id)
            conjoined.append(conj)
            i = nxt
        # "A, B et C" is a list; "A, les États-Unis riposteront" is not: drop trailing comma-only items
        while conjoined and not conjoined[-1]:
            conjoined.pop()
            out.pop()
        return out

    def _closes_subject(self, verb: Token, last: int) -> bool:
        """Whether the list that runs to ``verb`` is inside that verb's own subject phrase."""
        v = verb if verb.pos_ == "VERB" or verb.dep_ not in ("aux", "aux:tense", "aux:pass", "cop") else verb.head
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubj:pass") and c.i < verb.i:
                lo = min(t.i for t in c.subtree)
                if lo <= last < verb.i:
                    return True
        return False

    def coordinated_before(self, tok: Token) -> list[str]:
        """"Les États-Unis, la France et le Royaume-Uni ont condamné": the list opens the sentence, and the
        parser attached only its later items to the verb."""
        doc = self.doc
        start = min(t.i for t in tok.subtree)
        sent_start = start
        while sent_start > 0 and not (doc[sent_start - 1].is_space and "\n" in doc[sent_start - 1].text) \
                and doc[sent_start - 1].text not in (".", "!", "?", ";") and start - sent_start < 30:
            sent_start -= 1  # the parser may cut a sentence inside the list; a line or a full stop bounds it
        found: list[str] = []
        i = start - 1
        while i >= sent_start:
            while i >= sent_start and doc[i].pos_ == "DET":
                i -= 1
            if i < sent_start or doc[i].text != ",":
                return []
            i -= 1
            sp = self.mention_at(doc[i]) if i >= sent_start else None
            if sp is None or self.case_of(sp.root) is not None:
                return []
            found.insert(0, sp._.entity_id)
            i = sp.start - 1
            while i >= sent_start and doc[i].pos_ == "DET":
                i -= 1
            if i < sent_start:
                return found  # the list starts the sentence
            if doc[i].text != ",":
                return []
        return []

    def first_mention_in(self, h: Token, clauses: bool = True) -> str | None:
        """The first entity named inside a noun phrase, not crossing into a clause or another event
        (nor into a participle clause, unless ``clauses``: "la position prise par l'Iran")."""
        stack = [c for c in h.children]
        seen = 0
        best: tuple[int, str] | None = None
        while stack and seen < MAX_SUBTREE:
            t = stack.pop()
            seen += 1
            if t.dep_ in CLAUSE_DEPS or (t.dep_ == "conj" and t.pos_ != "ADJ") or t.i in self._triggers or \
                    (not clauses and t.dep_ == "acl"):
                continue  # a coordinated adjective may carry the complement: "la réponse unique et réussie de X"
            case = self.case_of(t)
            if case is not None and case not in ("de", "de le", "des", "par"):
                continue  # "quatre otages à Rafah": a place or circumstance, not whose they are
            e = self.entity_of(t)
            if e is not None and self.etype(e) != "EVENT":
                if best is None or t.i < best[0]:
                    best = (t.i, e)
                continue
            stack.extend(t.children)
        return best[1] if best else None

    def _demonym_child(self, h: Token) -> str | None:
        """The state a nationality adjective on a noun names; also one the parser hung a level lower,
        on an adjective ("un drone armé turc") or on a bare complement ("un avion de combat américain")."""
        near: list[Token] = []
        for c in h.children:
            if c.dep_ == "amod" or (c.dep_ == "acl" and c.pos_ == "ADJ"):  # "le gouvernement brescan" (acl)
                state = self.demonym(c)
                if state:
                    return state
                near.extend(g for g in c.children if g.dep_ in ("amod", "xcomp", "conj") and g.i > c.i)
            elif c.dep_ == "nmod" and self.case_of(c) == "de" and c.i == h.i + 2 and \
                    not any(g.dep_ == "det" for g in c.children):
                near.extend(g for g in c.children if g.dep_ == "amod" and g.i > c.i)
        for t in near:
            state = self.demonym(t)
            if state:
                return state
        return None

    def demonym(self, adj: Token) -> str | None:
        """The state a nationality adjective names, among the document's states ("israélienne" -> Israël).

        French demonyms mostly add a suffix to the country's stem (iran-ien, russ-e/russ-ie,
        liban-ais, syr-ien/syr-ie); a few irregular ones are listed in the data."""
        if adj.pos_ != "ADJ":
            return None
        word = norm(adj.text)
        if not word or " " in word:
            return None
        if self._states is None:
            self._states = {}
            for e in self.entities.values():
                if e.type != "GPE":
                    continue
                for n in self.names(e.id):
                    if " " not in n and len(n) > 3:
                        self._states.setdefault(_stem(n, COUNTRY_ENDINGS), e.id)
        irregular = self.lex.demonyms.get(word) or self.lex.demonyms.get(_stem(word, DEMONYM_ENDINGS))
        if irregular:
            for e in self.entities.values():
                if e.type == "GPE" and norm(irregular) in self.names(e.id):
                    return e.id
            return None
        stem = _stem(word, DEMONYM_ENDINGS)
        return self._states.get(stem) if len(stem) > 2 else None

    def person_with_role(self, role_word: str, org: str) -> str | None:
        """The one person in the document whose known role is this role of this organisation."""
        org_names = self.names(org)
        if not org_names:
            return None
        words = LEADER_ROLES if role_word in LEADER_ROLES else {role_word}
        found = []
        for e in self.entities.values():
            if e.type != "PERSON" or not e.roles:
                continue
            for r in e.roles:
                nr = f" {norm(r)} "
                if any(f" {w} " in nr for w in words) and any(f" {n} " in nr for n in org_names):
                    found.append(e.id)
                    break
        return found[0] if len(found) == 1 else None

    def definite_antecedent(self, h: Token) -> list[str]:
        """ "la base" -> the entity named with "la base ..." in a recent sentence."""
        lemma = self.keys[h.i][0]
        role = lemma in self.lex.role_nouns  # "le ministre": only a person named as minister before
        first = max(0, self.sent_of[h.i] - 3)
        start = self.sents[first].start
        for i in range(h.i - 1, start - 1, -1):
            t = self.doc[i]
            if self.keys[i][0] != lemma or t.pos_ not in ("NOUN", "PROPN"):
                continue
            if role:
                named = [self.entity_of(c) for c in t.children if c.dep_ in ("appos", "flat:name", "flat")]
                persons = [e for e in named if e and self.etype(e) == "PERSON"]
                if persons:
                    return persons[:1]
                continue
            if self.entity_of(t):
                return [self.entity_of(t) or ""]
            found = self.first_mention_in(t)
            if found:
                return [found]
        return []

    # --- pronouns ----------------------------------------------------------------------------------------
    def subjects(self) -> list[Subject]:
        """Resolved clause subjects in document order; built incrementally, so a pronoun subject
        resolves through the subjects before it (chains of "il")."""
        if self._subjects is None:
            self._subjects = []
            for t in self.doc:
                if t.dep_ not in ("nsubj", "nsubj:pass"):
                    continue
                ents = self.np_entities(t)
                if ents:
                    plural = len(ents) > 1 or "Plur" in t.morph.get("Number", [])
                    self._subjects.append(Subject(t.i, self.sent_of[t.i], ents, plural))
        return self._subjects

    def resolve_pronoun(self, tok: Token) -> list[str]:
        k = self.keys[tok.i][1]
        if k in RELATIVE and tok.head.dep_ == "acl:relcl" and tok.head.head.i != tok.i:
            ante = tok.head.head
            if any(c.dep_ == "cop" for c in ante.children):
                subj = next((c for c in ante.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
                if subj is not None:
                    ante = subj  # "Qaani est un général iranien qui a ...": the relative is about Qaani
            return self.np_entities(ante)
        if k in FIRST_PERSON:
            q = self.in_quote(tok)
            return [q[2]] if q and q[2] else []
        if k in SINGULAR_PRONOUNS:
            plural = False
        elif k in PLURAL_PRONOUNS:
            plural = True
        else:
            return []
        speaker = self._reporting_subject(tok, plural)
        if speaker:
            return speaker  # "X a déclaré qu'il était prêt à ...": X
        return self._antecedent(tok, plural)

    def _reporting_subject(self, tok: Token, plural: bool) -> list[str]:
        """The subject of the speech verb whose "que" clause a subject pronoun opens, when it agrees."""
        if tok.dep_ not in ("nsubj", "nsubj:pass"):
            return []
        v = tok.head
        if v.dep_ != "ccomp" or v.head.i == v.i or self.keys[v.i][0] in IMPERSONAL:
            return []
        if any(c.dep_ in ("csubj", "ccomp", "xcomp") and any(
                m.dep_ == "mark" and self.keys[m.i][1] in ("de", "que", "qu'") for m in c.children)
                for c in v.children) and any(c.dep_ == "cop" for c in v.children):
            return []  # "il est nécessaire de ...", impersonal
        g = v.head
        if not (self.has_key(g, self.lex.report_verbs) or self.has_key(g, self.lex.speech_verbs)):
            return []
        subj = next((c for c in g.children if c.dep_ == "nsubj" and c.i < tok.i), None)
        if subj is None or subj.pos_ == "PRON":
            return []
        ents = self.np_entities(subj)
        if not ents or (len(ents) > 1 or "Plur" in subj.morph.get("Number", [])) != plural:
            return []
        return ents

    def _antecedent(self, tok: Token, plural: bool) -> list[str]:
        here = self.sent_of[tok.i]
        fallback: list[str] = []
        for s in reversed(self.subjects()):
            if s.i >= tok.i:
                continue
            if s.sent < here - PRONOUN_WINDOW:
                break
            if s.plural == plural:
                return s.entities
            if plural and not fallback and len(s.entities) == 1:
                fallback = s.entities
        if not plural:
            start = self.sents[max(0, here - PRONOUN_WINDOW)].start
            for i in range(tok.i - 1, start - 1, -1):
                e = self.entity_of(self.doc[i])
                if e is not None and self.etype(e) == "PERSON":
                    return [e]
        return fallback

    def possessor(self, det: Token, exclude: list[str]) -> list[str]:
        """Whom "son"/"sa"/"ses"/"leur" points back to: the nearest earlier subject that is not the actor."""
        plural = self.keys[det.i][1] in ("leur", "leurs")
        here = self.sent_of[det.i]
        for s in reversed(self.subjects()):
            if s.i >= det.i:
                continue
            if s.sent < here - 1:
                break
            if set(s.entities) <= set(exclude):
                continue
            if s.plural == plural or not plural:
                return [e for e in s.entities if e not in exclude]
        return []

    # --- misc --------------------------------------------------------------------------------------------
    def sentence(self, tok: Token) -> Span:
        return self.sents[self.sent_of[tok.i]]

    def tokens_between(self, a: int, b: int) -> Iterator[Token]:
        for i in range(min(a, b) + 1, max(a, b)):
            yield self.doc[i]

    def key_in(self, tok: Token, words: Iterable[str]) -> bool:
        ws = {word_key(w) for w in words}
        return self.has_key(tok, ws)


NP_DEPS = frozenset({"det", "amod", "nmod", "appos", "flat:name", "flat", "nummod", "case", "fixed", "compound"})


def np_tokens(head: Token, limit: int = 15) -> set[int]:
    """The words of a noun phrase: its head and nominal dependents, not the clauses hung on it."""
    out = {head.i}
    stack = [c for c in head.children if c.dep_ in NP_DEPS]
    while stack:
        t = stack.pop()
        if abs(t.i - head.i) > limit:
            continue
        out.add(t.i)
        stack.extend(c for c in t.children if c.dep_ in NP_DEPS)
    return out


DEMONYM_ENDINGS = ("iennes", "iens", "ienne", "ien", "aises", "aise", "ais", "oises", "oise", "ois", "aines",
                   "aine", "ains", "ain", "ites", "ite", "ins", "ines", "ine", "in", "es", "e", "s")
COUNTRY_ENDINGS = ("ie", "e")


def _stem(word: str, endings: tuple[str, ...]) -> str:
    for end in endings:
        if word.endswith(end) and len(word) - len(end) >= 3:
            return word[: -len(end)]
    return word


def _dedupe(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for x in items:
        if x and x not in out:
            out.append(x)
    return out
