"""Roles from appositions and titles, and definite descriptions resolved to the person they describe.

- right apposition: "Ismail Haniyeh, chef du bureau politique du Hamas, ..."
  and "le général Qaani, qui dirige la force Qods" (a role verb);
- left apposition: "le chef du Hamas Ismail Haniyeh", "son adjoint Saleh al-Arouri",
  "le Premier ministre israélien Benjamin Netanyahou";
- a title that names a function: "le président Bachar al-Assad".

A description with no name ("le chef de la Force Quds", "le secrétaire
général adjoint du Hezbollah") becomes a mention of the one person of the
document who holds that function in that body, per a role the article gave
them or, failing that, per the KB's affiliations; it stays unresolved when
zero or several people qualify.
"""

from __future__ import annotations

from spacy.tokens import Doc

from selon.entities import normalize as nz
from selon.entities.kb import KnowledgeBase
from selon.entities.lexicon import Lexicon
from selon.entities.mentions import Mention
from selon.entities.resolve import Cluster, Role
from selon.entities.ruler import Word

_STOP = frozenset({",", ";", ":", "(", ")", "[", "]", ".", "!", "?", "«", "»", "\"", "“", "”", "—", "–"})
_DETS = frozenset({"le", "la", "l", "son", "sa", "leur", "notre", "votre", "un", "une", "ce", "cet", "cette"})
_PLURAL_DETS = frozenset({"les", "des", "ses", "leurs", "ces"})
_COMPLEMENT_POS = frozenset({"ADJ", "ADP", "DET", "NOUN", "PROPN", "NUM"})
MAX_ROLE_TOKENS = 20
MAX_LEFT_WINDOW = 12


class RoleFinder:
    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon) -> None:
        self.kb = kb
        self.lex = lexicon

    def __call__(self, doc: Doc, mentions: list[Mention], clusters: list[Cluster], words: list[Word]) -> list[Mention]:
        """Attach roles to person clusters; return the description mentions added to clusters."""
        folded = [""] * len(doc)
        for w in words:
            folded[w.tok] = f"{folded[w.tok]} {w.text}" if folded[w.tok] else w.text
        self._folded = folded
        by_index = {c.index: c for c in clusters}
        owner = {}  # token -> mention
        for m in mentions:
            if m.cluster >= 0:
                for t in range(m.span_start, m.end):
                    owner[t] = m
        used: set[int] = set()
        for c in clusters:
            if c.etype != "PERSON":
                continue
            for m in c.mentions:
                for role in (self._right(doc, m, owner, by_index), self._left(doc, m, owner, by_index),
                             self._title(doc, m)):
                    if role is not None:
                        c.roles.append(role)
                        used.update(range(role.start, role.end))
        return self._descriptions(doc, owner, by_index, clusters, used)

    # -- role phrases ------------------------------------------------------------
    def _role_at(self, doc: Doc, i: int) -> tuple[int, str] | None:
        """(end, group) of the longest role phrase starting at token i."""
        folded = self._folded
        first = folded[i].split(" ", 1)[0]
        if first not in self.lex.role_starts:
            return None
        for size in range(min(self.lex.max_role, len(folded) - i), 0, -1):
            parts = folded[i:i + size]
            if "" in parts:
                continue
            group = self.lex.roles.get(" ".join(parts))
            if group:
                return i + size, group
        return None

    def _extent(self, doc: Doc, start: int, owner: dict[int, Mention]) -> int:
        """Where a role phrase starting at ``start`` ends: before punctuation, a verb, a clause or a person."""
        j = start
        limit = min(len(doc), start + MAX_ROLE_TOKENS)
        while j < limit:
            t = doc[j]
            if t.text in _STOP or "\n" in t.text or "\n" in doc[j - 1].whitespace_ and j > start:
                break
            if t.pos_ in ("VERB", "AUX", "PRON", "SCONJ") or t.lower_ in ("qui", "que", "dont"):
                break
            if t.lower_ in ("et", "ou") and not (j + 1 < limit and doc[j + 1].pos_ in ("ADP", "DET")):
                break
            m = owner.get(j)
            if m is not None and m.etype == "PERSON":
                break
            j += 1
        while j > start and doc[j - 1].pos_ in ("ADP", "DET", "CCONJ"):
            j -= 1
        return j

    def _make(self, doc: Doc, start: int, end: int, group: str | None, owner: dict[int, Mention],
              by_index: dict[int, Cluster], prefix: str | None = None) -> Role:
        org = None
        state = None
        for t in range(start, end):
            m = owner.get(t)
            if m is not None and m.etype in ("ORG", "GPE") and m.cluster >= 0:
                org = m.cluster
                break
            code = self.lex.adjectives.get(nz.fold(doc[t].text))
            if code and state is None and doc[t].pos_ == "ADJ":
                state = code
        text = nz.squash_spaces(doc[start:end].text)
        if prefix:
            text = f"{prefix} {_de(text)}"
        return Role(text, group, org, state, start, end)

    def _right(self, doc: Doc, m: Mention, owner: dict[int, Mention], by_index: dict[int, Cluster]) -> Role | None:
        k = m.end
        if k >= len(doc) or doc[k].text != ",":
            return None
        k += 1
        if k < len(doc) and doc[k].lower_ == "qui" and k + 1 < len(doc):
            noun = self.lex.role_verbs.get(nz.fold(doc[k + 1].text))
            if noun is None:
                return None
            end = self._extent(doc, k + 2, owner)
            if end <= k + 2:
                return None
            return self._make(doc, k + 2, end, self.lex.roles.get(nz.fold(noun)), owner, by_index, prefix=noun)
        while k < len(doc) and nz.fold(doc[k].text) in _DETS:
            k += 1
        start = k
        while k < len(doc) and nz.fold(doc[k].text) in self.lex.role_modifiers:
            k += 1
        found = self._role_at(doc, k)
        if found is None:
            return None
        end = max(found[0], self._extent(doc, found[0], owner))
        return self._make(doc, start, end, found[1], owner, by_index)

    def _left(self, doc: Doc, m: Mention, owner: dict[int, Mention], by_index: dict[int, Cluster]) -> Role | None:
        s = m.span_start - 1
        if s >= 0 and doc[s].text == ",":
            s -= 1
        if s < 0:
            return None
        if doc[s].pos_ == "ADP" or nz.fold(doc[s].text) in ("de", "d", "du", "des"):
            return None  # "directeur de cabinet de Jacques Delors": the person is the complement
        sent_start = doc[m.start].sent.start
        lo = max(sent_start, s - MAX_LEFT_WINDOW)
        best: tuple[int, tuple[int, str]] | None = None
        for j in range(s, lo - 1, -1):
            t = doc[j]
            other = owner.get(j)
            if t.text in _STOP or "\n" in t.text or (other is not None and other.etype == "PERSON") or (
                    t.pos_ not in _COMPLEMENT_POS and other is None):
                break
            found = self._role_at(doc, j)
            if found is not None and found[0] <= s + 1 and (best is None or found[0] >= best[1][0]
                                                          or nz.fold(doc[found[0]].text) in ("de", "d", "du", "des")):
                # the outermost role whose complement reaches the name:
                # "le porte-parole du Premier ministre israélien, Mark Regev" -> "porte-parole …"
                best = (j, found)
        if best is None:
            return None
        start, found = best
        while start > lo and nz.fold(doc[start - 1].text) in self.lex.role_modifiers:
            start -= 1
        before = doc[start - 1] if start > sent_start else None
        if before is not None and before.pos_ in ("NOUN", "PROPN") and owner.get(before.i) is None:
            return None
        if before is not None and nz.fold(before.text) in _PLURAL_DETS:
            return None
        return self._make(doc, start, s + 1, found[1], owner, by_index)

    def _title(self, doc: Doc, m: Mention) -> Role | None:
        if m.title_start is None:
            return None
        text = nz.squash_spaces(doc[m.title_start:m.start].text)
        group = self.lex.roles.get(nz.fold(text))
        if group is None:
            return None
        return Role(text, group, None, None, m.title_start, m.start)

    # -- descriptions ----------------------------------------------------------------
    def _descriptions(self, doc: Doc, owner: dict[int, Mention], by_index: dict[int, Cluster],
                      clusters: list[Cluster], used: set[int]) -> list[Mention]:
        added: list[Mention] = []
        meta = doc._.selon_meta if doc.has_extension("selon_meta") else None
        published = meta.get("published") if isinstance(meta, dict) else None
        persons = [c for c in clusters if c.etype == "PERSON"]
        if not persons:
            return added
        i = 0
        n = len(doc)
        while i < n:
            if i in used or i in owner:
                i += 1
                continue
            found = self._role_at(doc, i)
            if found is None:
                i += 1
                continue
            end_role, group = found
            start = i
            while start > 0 and nz.fold(doc[start - 1].text) in self.lex.role_modifiers:
                start -= 1
            prev = doc[start - 1] if start > 0 else None
            definite = prev is None or doc[start].is_sent_start or "\n" in prev.text or \
                nz.fold(prev.text) in ("le", "la", "l")
            if not definite:
                i = end_role
                continue
            end = self._extent(doc, end_role, owner)
            nxt = end if end < n else None
            if nxt is not None and (doc[nxt].text == "," and nxt + 1 < n and owner.get(nxt + 1) is not None
                                    and owner[nxt + 1].etype == "PERSON"):
                i = end
                continue
            role = self._make(doc, start, end, group, owner, by_index)
            if role.org is None and role.state is None:
                i = end
                continue
            # the description ends with the body it names ("le chef de la Force Quds")
            org_end = end
            if role.org is not None:
                for t in range(start, end):
                    if owner.get(t) is not None and owner[t].cluster == role.org:
                        org_end = owner[t].end
                        break
            target = self._holder(role, persons, by_index, published)
            if target is not None:
                m = Mention(start, org_end if role.org is not None else end, "PERSON", [], "descriptor")
                m.cluster = target.index
                target.mentions.append(m)
                target.roles.append(Role(nz.squash_spaces(doc[start:end].text), group, role.org, role.state,
                                         start, end))
                added.append(m)
            i = end
        return added

    def _holder(self, role: Role, persons: list[Cluster], by_index: dict[int, Cluster],
                published: str | None = None) -> Cluster | None:
        """The one person of the document holding this role, from the article's roles, else the KB."""
        same = [c for c in persons if any(r.group == role.group and _same_place(r, role) for r in c.roles)]
        if len(same) == 1:
            return same[0]
        if same or role.org is None:
            return None
        org_kb = by_index[role.org].kb_id
        if org_kb is None:
            return None
        kb_same = []
        for c in persons:
            actor = self.kb.get(c.kb_id)
            if actor is None:
                continue
            for aff in actor.affiliations:
                if aff.get("to") == org_kb and _held_at(aff, published) and \
                        self.lex.roles.get(nz.fold(str(aff.get("role") or ""))) == role.group:
                    kb_same.append(c)
                    break
        return kb_same[0] if len(kb_same) == 1 else None


def _held_at(aff: dict, published: str | None) -> bool:
    """Whether a KB affiliation held on the publication date (any date when it is unknown)."""
    if not published:
        return True
    start, end = str(aff.get("start") or ""), str(aff.get("end") or "")
    return (not start or start[:len(published)] <= published) and (not end or published[:len(end)] <= end)


def _same_place(a: Role, b: Role) -> bool:
    if a.org is not None and b.org is not None:
        return a.org == b.org
    return a.state is not None and a.state == b.state and a.org is None and b.org is None


def _de(text: str) -> str:
    """"la force Qods" -> "de la force Qods", "le Hamas" -> "du Hamas"."""
    low = text.lower()
    if low.startswith("le "):
        return "du " + text[3:]
    if low.startswith("les "):
        return "des " + text[4:]
    if low.startswith(("l'", "l’")) or low[:1] in "aeiouyéèêh":
        return "d'" + text if not low.startswith(("l'", "l’")) else "de " + text
    return "de " + text
