"""What the quotes, sources and events stages know about one document: :class:`DocContext`.

Noun phrases are mapped to entities through the mentions, the dependency parse
and a few general rules (a named apposition, "le chef du Hamas" standing for
Hamas when no person is named, coordinated lists the parser split, pronouns and
definite descriptions pointing back to a recent subject — see
:mod:`selon.parse.coreference`).  One context is built per document by the first
stage that needs it and handed to the next through :func:`share_context`.
"""

from __future__ import annotations

from collections import OrderedDict

from spacy.tokens import Doc, Token

from selon.parse.coreference import Coreference
from selon.parse.words import DEFINITE, dedupe

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE"})  # a place or a named event does not act
PARTY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC"})
CLAUSE_DEPS = frozenset({"acl:relcl", "advcl", "ccomp", "parataxis", "csubj", "advcl:cleft"})
QUANTITY = frozenset({"millier", "milliers", "centaine", "centaines", "dizaine", "dizaines", "million", "millions",
                      "foule", "groupe", "nombre", "plupart", "partie", "majorité", "poignée", "quelques-uns",
                      "certains", "beaucoup", "foules"})
COORD_WORDS = frozenset({",", "et", "ou", "ainsi", "que", "notamment", "mais", "aussi", "y", "compris"})
COORD_SKIP = frozenset({"de", "le", "la", "les", "l'", "un", "une", "avec", "à", "son", "sa", "ses", "leur", "leurs"})
MAX_SUBTREE = 40  # tokens scanned inside one noun phrase
GROUP_WINDOW = 4  # sentences back for "les deux pays"
NUMBER_WORDS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9}
PERSON_GROUPS = frozenset({"homme", "hommes", "dirigeant", "dirigeants", "chef", "chefs", "ministre", "ministres",
                           "président", "présidents", "responsable", "responsables", "leader", "leaders", "femme",
                           "femmes", "diplomate", "diplomates"})
STATE_GROUPS = frozenset({"pays", "état", "états", "nation", "nations", "voisin", "voisins", "capitale", "capitales"})
MAX_SHARED = 64  # contexts kept for the next component; bounded, and nothing is stored on the Doc


class DocContext(Coreference):
    """Per-document lookups shared by quotes, attribution, triggers and arguments."""

    # --- noun phrases ------------------------------------------------------------------------------------
    def conjuncts(self, tok: Token) -> list[Token]:
        out: list[Token] = []
        stack = [c for c in tok.children if c.dep_ == "conj"]
        while stack and len(out) < 12:
            c = stack.pop(0)
            if c.pos_ in ("VERB", "AUX") or c.i in self.trigger_words or self.stolen_subject(c):
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
            out.extend(self.np_entity(h, role, depth))
        if out:
            last = max(max(t.i for t in h.subtree) for h in heads)
            out.extend(self.coordinated_after(last, role))
        allowed = ACTOR_TYPES if role == "actor" else PARTY_TYPES
        return dedupe(e for e in out if self.etype(e) in allowed)

    def np_entity(self, h: Token, role: str, depth: int) -> list[str]:
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
                return self.np_entity(g, role, depth + 1)
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
                    state = self.demonym_child(h)
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
            state = self.demonym_child(h)  # "les officiers russes", "le gouvernement ostrélien"
            for g in genitives:
                state = state or self.demonym_child(g)  # "des responsables de la sécurité iraniens"
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
            state = self.demonym_child(h)  # "des drones ostréliens", "trois soldats israéliens"
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
        return self._last_pair(h, n)

    def _last_pair(self, h: Token, n: int) -> list[str]:
        """ "Xi Jinping s'est entretenu avec Vladimir Poutine. Les deux chefs d'État ont signé ...": the only
        two persons (or states, for "les deux pays") named in the sentences just before."""
        kind = "PERSON" if self.keys[h.i][0] in PERSON_GROUPS else "GPE" if self.keys[h.i][0] in STATE_GROUPS else None
        if n != 2 or kind is None:
            return []
        here = self.sent_of[h.i]
        start = self.sents[max(0, here - 1)].start
        seen: list[str] = []
        for i in range(start, h.i):
            e = self.entity_of(self.doc[i])
            if e is not None and self.etype(e) == kind and e not in seen:
                seen.append(e)
        return seen if len(seen) == 2 else []

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
            if t.dep_ in CLAUSE_DEPS or (t.dep_ == "conj" and t.pos_ != "ADJ") or t.i in self.trigger_words or \
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


_SHARED: OrderedDict[int, DocContext] = OrderedDict()


def share_context(ctx: DocContext) -> None:
    """Leave a context for the next component of the pipeline to take (see :func:`shared_context`)."""
    _SHARED[id(ctx.doc)] = ctx
    while len(_SHARED) > MAX_SHARED:
        _SHARED.popitem(last=False)


def shared_context(doc: Doc) -> DocContext | None:
    """The context an earlier component built for this very doc, if any (taken, not copied)."""
    ctx = _SHARED.pop(id(doc), None)
    return ctx if ctx is not None and ctx.doc is doc else None
