"""What speaker resolution remembers of one document: who was named where, who was quoted last.

The person mentions outside quotations (a name inside a quotation is spoken of,
not speaking), the distances between sentences counted in narrative sentences
(a long quotation does not push a name out of reach), the speakers already
resolved, the organisation named last.  :mod:`selon.sources.speaker_titles` and
:mod:`selon.sources.speakers` read from it.
"""

from __future__ import annotations

import bisect

from selon.parse.context import DocContext
from selon.sources.speaker_cues import (
    CHAIN_SENTENCES,
    ORG_SENTENCES,
    PRONOUN_SENTENCES,
    RECENT_MENTIONS,
    Said,
    cues,
    gender_of,
)

SENTENCE_END = frozenset(".!?…»”\":;")


class SpeakerMemory:
    """The mentions, distances and resolved speakers of one document; quotations are fed in text order."""

    def __init__(self, ctx: DocContext, quoted: list[tuple[int, int]]) -> None:
        self.ctx = ctx
        self.cues = cues()
        doc = ctx.doc
        self.in_quote = [False] * len(doc)
        for a, b in quoted:  # token index ranges of quotation contents
            for i in range(max(0, a), min(len(doc), b)):
                self.in_quote[i] = True
        # rank of each sentence counting only sentences with words outside quotations: a long quotation
        # between a name and "a-t-il ajouté" does not push the name out of reach; nor does a parse that cut
        # a sentence inside a hyphenated name ("à Addis-Abeba"): a sentence counts once it ends
        self.narrative: list[int] = []
        rank = 0
        words = False
        for s in ctx.sents:
            self.narrative.append(rank)
            words = words or any(not self.in_quote[t.i] and not t.is_punct and not t.is_space for t in s)
            if words and _ends(s.text):
                rank += 1
                words = False
        self.said: list[Said] = []
        self._people: list[tuple[int, str]] | None = None  # (token index, PERSON entity) of mentions, in order
        self._subject_pos: list[int] | None = None
        self._genders: dict[str, set[str]] = {}

    # --- distances -----------------------------------------------------------------------------------------
    def distance(self, i: int, j: int) -> int:
        """Narrative sentences from token i back to token j (j before i)."""
        return self.narrative[self.ctx.sent_of[i]] - self.narrative[self.ctx.sent_of[j]]

    def person_mentions(self) -> list[tuple[int, str]]:
        if self._people is None:
            seen: list[tuple[int, str]] = []
            for t in self.ctx.doc:
                if self.in_quote[t.i]:
                    continue
                sp = self.ctx.mention_at(t)
                if sp is not None and sp.start == t.i and self.ctx.etype(sp._.entity_id) == "PERSON":
                    seen.append((t.i, sp._.entity_id))
                    g = gender_of(t) if t.pos_ == "PROPN" and len(sp) > 1 else None  # a first name's gender
                    if g:
                        self._genders.setdefault(sp._.entity_id, set()).add(g)
            self._people = seen
        return self._people

    def person_index(self, before: int) -> int:
        """How many person mentions come before a token."""
        return bisect.bisect_left(self.person_mentions(), (before, ""))

    def person_gender(self, person: str) -> str | None:
        """The gender the first names of a person's mentions agree on, if any."""
        self.person_mentions()
        gs = self._genders.get(person, set())
        return next(iter(gs)) if len(gs) == 1 else None

    def recent_people(self, before: int) -> list[str]:
        """PERSON entities named outside quotations before a token, most recent first (the last
        RECENT_MENTIONS mentions: a long article does not make each lookup long)."""
        people = self.person_mentions()
        k = bisect.bisect_left(people, (before, ""))
        out: list[str] = []
        for _i, e in reversed(people[max(0, k - RECENT_MENTIONS):k]):
            if e not in out:
                out.append(e)
        return out

    def add(self, i: int, entity: str, gender: str | None) -> None:
        self.said.append(Said(i, entity, gender))

    def current(self, before: int) -> str | None:
        """Whoever speaks now: the last speaker quoted, else the person the last sentences are about
        ("Et d'ajouter : « … »")."""
        last = self.last_said(before)
        if last is not None:
            return last.entity
        subjects = self.ctx.subjects()
        for s in reversed(subjects[:self.subject_index(before)]):
            if not self.in_quote[s.i]:
                persons = [e for e in s.entities if self.ctx.etype(e) == "PERSON"]
                return persons[0] if persons and self.distance(before, s.i) <= PRONOUN_SENTENCES else None
        return None

    def last_said(self, before: int, window: int = CHAIN_SENTENCES) -> Said | None:
        for s in reversed(self.said):
            if s.i < before:
                return s if self.distance(before, s.i) <= window else None
        return None

    def mentioned_within(self, person: str, before: int, window: int) -> bool:
        people = self.person_mentions()
        k = bisect.bisect_left(people, (before, ""))
        for i, e in reversed(people[max(0, k - RECENT_MENTIONS):k]):
            if self.distance(before, i) > window:
                return False
            if e == person:
                return True
        return False

    def recent_org(self, before: int) -> str | None:
        """The organisation named last before a token, within a few sentences."""
        ctx = self.ctx
        start = ctx.sents[max(0, ctx.sent_of[before] - 12)].start
        for i in range(before - 1, start - 1, -1):
            if self.in_quote[i]:
                continue
            e = ctx.entity_of(ctx.doc[i])
            if e is not None and ctx.etype(e) == "ORG":
                return e if self.distance(before, i) <= ORG_SENTENCES else None
        return None

    def subject_index(self, before: int) -> int:
        """How many resolved subjects come before a token (their positions, read once)."""
        if self._subject_pos is None:
            self._subject_pos = [s.i for s in self.ctx.subjects()]
        return bisect.bisect_left(self._subject_pos, before)


def _ends(text: str) -> bool:
    """Whether a parsed sentence ends as a written one does (a mark closing it, a line break)."""
    tail = text.rstrip(" ")
    return not tail.strip() or "\n" in tail[-2:] or tail.rstrip()[-1:] in SENTENCE_END


def first_person(ctx: DocContext, ents: list[str]) -> str | None:
    persons = [e for e in ents if ctx.etype(e) == "PERSON"]
    found = persons or ents
    return found[0] if found else None
