"""Folding mentions into one entity per real-world actor inside one document.

Order of evidence, strongest first:

1. the KB: mentions linked to the same actor are one entity (aliases,
   transliterations, acronyms the KB lists); two different KB actors are never
   merged, and an actor the KB marks distinct from another never absorbs it;
2. acronyms defined in the text ("Corps des gardiens de la révolution islamique (CGRI)");
3. names: the same name up to case, accents and function words; a
   transliteration of it (same phonetic key, close spelling); a person's
   surname alone, or with a title, when one person of the document bears it;
   an acronym whose letters are the initials of a body's name.

A capital joins its state only when the article uses it as an actor ("à la
demande de Damas", "les objectifs de Téhéran"), never as a place ("à Beyrouth").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from selon.entities import normalize as nz
from selon.entities.kb import KnowledgeBase
from selon.entities.lexicon import Lexicon
from selon.entities.mentions import Mention

MAX_CACHED_ACTORS = 20_000


@dataclass
class Role:
    text: str
    group: str | None
    org: int | None  # cluster index of the body the role is held in
    state: str | None = None  # ISO code of a nationality adjective ("Premier ministre israélien")
    start: int = -1
    end: int = -1


@dataclass
class Cluster:
    index: int
    mentions: list[Mention] = field(default_factory=list)
    kb_id: str | None = None
    etype: str = "ORG"
    roles: list[Role] = field(default_factory=list)

    @property
    def first(self) -> int:
        """Where the actor is first named (a description does not name it)."""
        named = [m.span_start for m in self.mentions if m.source != "descriptor"]
        return min(named or [m.span_start for m in self.mentions])


class Resolver:
    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon) -> None:
        self.kb = kb
        self.lex = lexicon
        self._keys: dict[str, list[str]] = {}  # KB actor -> the name keys of all its names (kept across documents)

    def _actor_keys(self, kb_id: str) -> list[str]:
        """The index keys of a KB actor's names, computed once per process (a state has dozens of names)."""
        keys = self._keys.get(kb_id)
        if keys is None:
            if len(self._keys) > MAX_CACHED_ACTORS:
                self._keys.clear()
            keys = [k for name in self.kb.actors[kb_id].names()
                    for k in _stored_keys(nz.content_words(nz.words(name)), name)]
            self._keys[kb_id] = keys
        return keys

    def __call__(self, doc: Doc, mentions: list[Mention]) -> list[Cluster]:
        self._names: dict[int, tuple[str, list[str]]] = {}  # id(mention) -> (name text, content words)
        clusters: list[Cluster] = []
        by_kb: dict[str, Cluster] = {}
        index: dict[str, set[int]] = {}  # name keys -> clusters, so that a name is compared with few others

        def new(kb_id: str | None, etype: str) -> Cluster:
            c = Cluster(len(clusters), kb_id=kb_id, etype=etype)
            clusters.append(c)
            if kb_id:
                by_kb[kb_id] = c
                for k in self._actor_keys(kb_id):
                    index.setdefault(k, set()).add(c.index)
            return c

        def join(c: Cluster, m: Mention) -> None:
            c.mentions.append(m)
            m.cluster = c.index
            text = m.name_text(doc)
            for k in _stored_keys(nz.content_words(nz.words(text)), text):
                index.setdefault(k, set()).add(c.index)

        self._choose_kb(mentions)
        # 1. strong KB links
        for m in mentions:
            if m.kb and not m.weak:
                kb_id = m.kb[0]
                join(by_kb.get(kb_id) or new(kb_id, self.kb.actors[kb_id].type), m)
        # capitals used as actors become their state
        for c in list(clusters):
            actor = self.kb.get(c.kb_id)
            if actor is None or not actor.capital_of or not c.mentions:
                continue
            if any(self._agentive(doc, m) for m in c.mentions):
                target = by_kb.get(actor.capital_of) or new(actor.capital_of, "GPE")
                for m in c.mentions:
                    join(target, m)
                c.mentions = []
                del by_kb[c.kb_id]  # type: ignore[arg-type]
        # 2. acronyms defined in the text
        for m in mentions:
            if m.cluster < 0 and m.acronym_of is not None and m.acronym_of.cluster >= 0:
                join(clusters[m.acronym_of.cluster], m)
        # 3. names: full names first, then short forms that refer back to them
        pending = [m for m in mentions if m.cluster < 0]
        # a defined acronym ("(RN)") joins its long form before any bare use of it is compared
        pending.sort(key=lambda m: (-(m.end - m.start), m.acronym_of is None, m.start))
        for m in pending:
            long_form = m.acronym_of
            if long_form is not None and long_form.cluster >= 0 and not (
                    m.kb and clusters[long_form.cluster].kb_id not in (None, m.kb[0])):
                join(clusters[long_form.cluster], m)
                continue
            found = self._attach(doc, m, clusters, index)
            if found is not None:
                join(found, m)
            elif m.kb:
                kb_id = m.kb[0]
                join(by_kb.get(kb_id) or new(kb_id, self.kb.actors[kb_id].type), m)
            else:
                join(new(None, m.etype), m)
        clusters = [c for c in clusters if c.mentions]
        for c in clusters:
            c.mentions.sort(key=lambda m: m.start)
            if c.kb_id is None:
                c.etype = _majority([m.etype for m in c.mentions])
                if c.etype == "PERSON" and self._place_like(doc, c):
                    c.etype = "GPE"
        return clusters

    def _place_like(self, doc: Doc, c: Cluster) -> bool:
        """A one-word "person" the article writes with an article ("la Karvonie", "l'Ostrélie", "en Ostrélie")."""
        if any(m.end - m.start != 1 for m in c.mentions):
            return False
        for m in c.mentions:
            if m.span_start > 0 and nz.fold(doc[m.span_start - 1].text) in ("la", "l", "le", "en", "au"):
                return True
        return False

    # -- KB choice ---------------------------------------------------------------
    def _choose_kb(self, mentions: list[Mention]) -> None:
        """Among several actors an alias names, prefer one the document names unambiguously elsewhere."""
        sure = Counter(m.kb[0] for m in mentions if len(m.kb) == 1)
        for m in mentions:
            if len(m.kb) > 1:
                m.kb.sort(key=lambda k: (-sure[k], self.kb.actors[k].priority))
            if m.kb:
                actor = self.kb.actors[m.kb[0]]
                m.etype = actor.type

    # -- metonymy --------------------------------------------------------------
    def _agentive(self, doc: Doc, m: Mention) -> bool:
        root = doc[m.start:m.end].root
        if self._agentive_at(doc, m.start, root):
            return True
        if self._subject_by_position(doc, m) or self._government_there(doc, m):
            return True
        # "entre Washington et Téhéran": a conjunct shares the context of the first
        if m.start >= 2 and doc[m.start - 1].lower_ in ("et", "ou"):
            end = m.start - 1
            j = end - 1
            while j > 0 and (doc[j - 1].pos_ == "PROPN" or doc[j - 1].text in "-'’") and "\n" not in doc[j - 1].text:
                j -= 1
            if doc[j].pos_ == "PROPN":
                return self._agentive_at(doc, j, doc[j:end].root)
        return False

    def _subject_by_position(self, doc: Doc, m: Mention) -> bool:
        """A capital right before a finite verb, alone or with other names ("Madrid et Lisbonne signent").

        Headlines ("Yémen : Washington et Londres frappent ...") are parsed badly; the word order is enough.
        """
        if m.start > 0 and nz.fold(doc[m.start - 1].text) in ("a", "au", "en", "de", "d", "du", "dans", "vers", "sur"):
            return False  # "à Moscou", "de Kiev": a place or a complement, whatever follows
        j = m.end
        n = len(doc)
        for _ in range(6):  # over "et Londres", "et la Grande-Bretagne"
            if j < n and doc[j].lower_ in ("et", "ou") and j + 1 < n and doc[j + 1].pos_ in ("PROPN", "DET"):
                j += 2
                while j < n and (doc[j].pos_ == "PROPN" or doc[j].text in "-'’"):
                    j += 1
                continue
            break
        while j < n and doc[j].lower_ in ("ne", "n'", "n’", "se", "s'", "s’", "lui", "leur", "y", "en"):
            j += 1
        if j >= n or "\n" in doc[j - 1].whitespace_:
            return False
        tok = doc[j]
        if tok.pos_ not in ("VERB", "AUX") or "Fin" not in tok.morph.get("VerbForm", []):
            return False
        verb = tok.head if tok.pos_ == "AUX" and tok.head.pos_ == "VERB" else tok
        return nz.fold(verb.lemma_) not in self.lex.non_agentive_verbs and nz.fold(tok.lemma_) not in (
            "etre", "se trouver")

    def _government_there(self, doc: Doc, m: Mention) -> bool:
        """"À Rome, le porte-parole de la présidence a démenti": the government speaking from its capital."""
        if m.start < 1 or doc[m.start - 1].lower_ not in ("à", "a") or not doc[m.start - 1].is_sent_start:
            return False
        j = m.end
        if j >= len(doc) or doc[j].text != ",":
            return False
        for k in range(j + 1, min(len(doc), j + 4)):
            word = nz.fold(doc[k].text)
            if word in self.lex.government_nouns:
                after = [t for t in doc[k + 1:k + 4] if t.pos_ != "DET"]
                # "le porte-parole du Hezbollah" names another body, not the government
                return not (after and after[0].lower_ in ("du", "de", "des", "d'", "d’") and len(after) > 1
                            and after[1].text[:1].isupper())
            if doc[k].pos_ not in ("DET", "ADJ"):
                return False
        return False

    def _agentive_at(self, doc: Doc, start: int, root: Token) -> bool:
        if root.dep_ == "nsubj" and any(c.dep_ == "cop" for c in root.head.children):
            return False  # "Beyrouth est une ville ancienne": a copula describes the place
        if root.dep_ in ("nsubj", "nsubj:pass") and nz.fold(root.head.lemma_) not in self.lex.non_agentive_verbs:
            return True
        if root.dep_ in ("obj", "iobj") and nz.fold(root.head.lemma_) in self.lex.agentive_object_verbs:
            return True
        if start == 0:
            return False
        prev = doc[start - 1]
        if nz.fold(prev.text) in self.lex.agentive_preps:
            return True
        if nz.fold(prev.text) in ("de", "d", "du"):
            j = start - 2
            while j >= 0 and doc[j].pos_ == "DET":
                j -= 1
            if j >= 0 and nz.fold(doc[j].text) in self.lex.agentive_nouns:
                return True
        return False

    # -- name rules --------------------------------------------------------------
    def _attach(self, doc: Doc, m: Mention, clusters: list[Cluster], index: dict[str, set[int]]) -> Cluster | None:
        text = m.name_text(doc)
        ws = nz.content_words(nz.words(text))
        if not ws:
            return None
        if m.etype == "PERSON" and len(ws) == 2 and ws[0] in nz.FUNCTION_WORDS:
            ws = ws[1:]  # "al-Shurafi" is the surname "Shurafi" with its article
        key = " ".join(ws)
        near: set[int] = set()
        for k in _lookup_keys(ws, text):
            near |= index.get(k, set())
        if len(ws) == 1 and m.etype != "PERSON" and not m.kb and text[:1].isupper() and 3 <= len(text) <= 8 and (
                nz.is_acronym(text) or len(text) >= 4):
            # an acronym may skip or keep the letters of function words ("CEDEAO"): no initials key finds
            # its long form, so it is compared with the longer names that start with its first letter
            near |= index.get(f"L:{ws[0][0]}", set())
        candidates: list[tuple[int, Cluster]] = []
        for i in sorted(near):
            c = clusters[i]
            if not c.mentions or not (self._compatible(m, c) or self._same_unknown_name(doc, m, key, c)):
                continue
            score = self._name_score(doc, m, ws, key, c)
            if score:
                candidates.append((score, c))
        if not candidates:
            return None
        best = max(s for s, _ in candidates)
        top = [c for s, c in candidates if s == best]
        if len(top) > 1:  # a short form two people share: the nearest one mentioned before it
            before = [c for c in top if c.first < m.start]
            top = sorted(before or top, key=lambda c: -max(x.start for x in c.mentions if x.start < m.start)
                         if before else c.first)
        return top[0]

    def _compatible(self, m: Mention, c: Cluster) -> bool:
        if m.kb and c.kb_id and not m.weak:
            if m.kb[0] != c.kb_id or self.kb.distinct(m.kb[0], c.kb_id):
                return False
        ctype = c.etype if c.kb_id else _majority([x.etype for x in c.mentions])
        return (m.etype == "PERSON") == (ctype == "PERSON") and (m.etype == "EVENT") == (ctype == "EVENT")

    def _name_words(self, doc: Doc, x: Mention) -> tuple[str, list[str]]:
        """A mention's name and content words, computed once per document (big clusters are compared often)."""
        got = self._names.get(id(x))
        if got is None:
            text = x.name_text(doc)
            got = self._names[id(x)] = (text, nz.content_words(nz.words(text)))
        return got

    def _same_unknown_name(self, doc: Doc, m: Mention, key: str, c: Cluster) -> bool:
        """The very same name, known to no KB, read as a person here and as a place there: one actor.

        The model types an unknown name by its context ("la Estmarie" a place, "Estmarie a rappelé" a
        person); the article does not name two actors with one word.
        """
        if m.kb or c.kb_id or m.etype == "EVENT" or c.etype == "EVENT":
            return False
        return any(x.source != "descriptor" and nz.key(x.name_text(doc)) == key for x in c.mentions)

    def _name_score(self, doc: Doc, m: Mention, ws: list[str], key: str, c: Cluster) -> int:
        best = 0
        for x in c.mentions:
            if x.source == "descriptor":
                continue
            xtext, xws = self._name_words(doc, x)
            if not xws:
                continue
            xkey = " ".join(xws)
            if xkey == key:
                return 4
            if nz.variant_words(xws, ws):
                best = max(best, 3)
            elif m.etype == "PERSON" and len(ws) < len(xws) and _surname_of(ws, xws):
                best = max(best, 2)
            elif m.etype != "PERSON" and len(ws) == 1 and len(ws[0]) >= 3 and _acronym_of(m.name_text(doc), xtext, xws):
                best = max(best, 2)
            elif m.etype not in ("PERSON", "GPE", "LOC") and len(ws) == 1 and len(xws) >= 2 and xws[0] == ws[0] and \
                    ws[0] not in self.lex.not_names and len(ws[0]) >= 4:
                best = max(best, 1)  # "les Gardiens" for "les Gardiens de la révolution" (a place "Brenna" is not "Brenna Posten")
        if best == 0 and c.kb_id and m.etype != "PERSON":
            actor = self.kb.actors[c.kb_id]
            if any(nz.key(a) == key for a in actor.names()):
                best = 3
        if best == 0 and c.kb_id and m.etype == "PERSON":
            actor = self.kb.actors[c.kb_id]
            for name in actor.names():
                aws = nz.content_words(nz.words(name))
                # a transliteration of a name the KB lists ("Ahmed al-Chareh" for "Ahmed al-Charaa")
                if aws == ws or nz.variant_words(aws, ws) or (len(ws) < len(aws) and _surname_of(ws, aws)):
                    best = 2
                    break
        return best


def _stored_keys(ws: list[str], text: str) -> list[str]:
    """Keys under which a cluster is found by the names it holds (see ``_lookup_keys``)."""
    if not ws:
        return []
    keys = [f"k:{' '.join(ws)}", f"p:{nz.phon_key(ws)}", f"s:{nz.phon(ws[-1])}"]
    if len(ws) >= 2:
        keys += [f"i:{nz.initials(text)}", f"h:{ws[0]}", f"L:{ws[0][0]}"]
    return keys


def _lookup_keys(ws: list[str], text: str) -> list[str]:
    """Keys of the clusters a name may belong to: same name, same sound, same surname, its acronym, its head."""
    keys = [f"k:{' '.join(ws)}", f"p:{nz.phon_key(ws)}", f"s:{nz.phon(ws[-1])}"]
    if len(ws) == 1:
        keys += [f"i:{ws[0].upper()}", f"h:{ws[0]}"]
    return keys


def _acronym_of(short: str, long: str, long_words: list[str]) -> bool:
    """"CGRI" for "Corps des gardiens de la révolution islamique"; a word-like acronym ("Cédéao", "Otan")
    only for a name of three content words or more, where a chance fit is unlikely."""
    if len(long_words) < 2:
        return False
    if nz.is_acronym(short):
        return nz.acronym_fits(short, long)
    return short[:1].isupper() and len(short) >= 4 and len(long_words) >= 3 and nz.acronym_fits(short, long)


def _surname_of(short: list[str], full: list[str]) -> bool:
    """"Qaani" of "Ismail Qaani", "Assad" of "Bachar al-Assad": the last words, up to transliteration."""
    return nz.variant_words(short, full[-len(short):])


def _majority(types: list[str]) -> str:
    counts = Counter(types)
    top = max(counts.values())
    for t in types:
        if counts[t] == top:
            return t
    return types[0]
