"""Who speaks a quotation: from the subject of a verb of saying to a speaker entity.

A subject is rarely the plain name: it is a pronoun ("a-t-il ajouté"), a title
standing for a person the article named before ("a déclaré le chef de
l'État"), a title with the name in apposition ("la porte-parole du ministère,
Hélène Garnier"), an unnamed spokesperson who speaks for an organisation ("un
porte-parole de l'entreprise"), an institution ("le gouvernement canadien"),
or someone relaying another's words ("a rapporté les propos du président").
:class:`Speakers` resolves these against the entity mentions outside the
quotations (a name inside a quotation is spoken of, not speaking), the people's
known roles, and the speakers of the quotations before.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from selon.clean import norm
from selon.parse.context import DocContext
from selon.parse.syntax import np_tokens
from selon.parse.words import PLURAL_PRONOUNS, RELATIVE, SINGULAR_PRONOUNS
from selon.sources.lexicon import source_lexicon
from selon.sources.speaker_cues import (
    ACTORS,
    CHAIN_SENTENCES,
    CLITIC_T,
    DEFINITE_OR_POSSESSIVE,
    INDEFINITE,
    INVERTED_DEPS,
    NAME_PARTICLES,
    ORG_SENTENCES,
    PRONOUN_SENTENCES,
    RECENT_MENTIONS,
    SUBJECT_DEPS,
    TITLE_PREFIXES,
    Said,
    cues,
    gender_of,
)

__all__ = ["CLITIC_T", "INVERTED_DEPS", "SUBJECT_DEPS", "Speakers", "first_person", "gender_of"]


class Speakers:
    """Speaker resolution for one document; quotations are fed in text order."""

    def __init__(self, ctx: DocContext, quoted: list[tuple[int, int]]) -> None:
        self.ctx = ctx
        self.cues = cues()
        doc = ctx.doc
        self.in_quote = [False] * len(doc)
        for a, b in quoted:  # token index ranges of quotation contents
            for i in range(max(0, a), min(len(doc), b)):
                self.in_quote[i] = True
        # rank of each sentence counting only sentences with words outside quotations: a long quotation
        # between a name and "a-t-il ajouté" does not push the name out of reach
        self.narrative: list[int] = []
        rank = 0
        for s in ctx.sents:
            self.narrative.append(rank)
            if any(not self.in_quote[t.i] and not t.is_punct and not t.is_space for t in s):
                rank += 1
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
        for s in reversed(subjects[:self._subject_index(before)]):
            if not self.in_quote[s.i]:
                persons = [e for e in s.entities if self.ctx.etype(e) == "PERSON"]
                return persons[0] if persons and self.distance(before, s.i) <= PRONOUN_SENTENCES else None
        return None

    def last_said(self, before: int, window: int = CHAIN_SENTENCES) -> Said | None:
        for s in reversed(self.said):
            if s.i < before:
                return s if self.distance(before, s.i) <= window else None
        return None

    # --- noun phrases --------------------------------------------------------------------------------------
    def np_speaker(self, head: Token, before: int, speaking: bool = False) -> str | None:
        """The entity a subject noun phrase stands for, as a speaker (``speaking``: the subject of a verb
        of saying, so a person or a body even when the noun is no title: "ajoute l'infirmière")."""
        ctx = self.ctx
        k = ctx.keys[head.i]
        if head.pos_ == "PRON":
            if k[1] in SINGULAR_PRONOUNS or k[1] in PLURAL_PRONOUNS or k[1] in ("lui", "eux"):
                return self.pronoun_speaker(head, min(before, head.i))  # "Il a ajouté que Tokyo « … »"
            if k[1] in RELATIVE:
                ents = [e for e in ctx.resolve_pronoun(head) if ctx.etype(e) in ACTORS]
                return first_person(ctx, ents)
            return None
        if k[1] in ("dernier", "dernière") and any(ctx.keys[c.i][1] in ("ce", "cette") for c in head.children):
            people = self.recent_people(head.i)  # "a assuré ce dernier": the person named last
            return people[0] if people else None
        e = ctx.entity_of(head)
        named = self.named_person(head)
        if named and (e is None or ctx.etype(e) != "PERSON" or self._titled(head)):
            return named  # "Maître Éric Dupond", "le ministre, Laurent Mauduit": the name, not the title
        if e is not None and ctx.etype(e) == "PERSON":
            return e
        if named:
            return named
        if e is not None and ctx.etype(e) in ACTORS:
            return e
        singular = "Plur" not in head.morph.get("Number", [])
        det = next((ctx.keys[c.i][1] for c in head.children if c.dep_ in ("det", "det:poss")), None)
        if singular and self.is_title(head):
            found = self.title_speaker(head, before, det)
            if found:
                return found
        if det in DEFINITE_OR_POSSESSIVE and (k[0] in self.cues.org_nouns or k[1] in self.cues.org_nouns):
            org = self.recent_org(head.i)
            if org:
                return org
        ents = [x for x in ctx.np_entities(head) if ctx.etype(x) in ACTORS]
        if ents:
            return first_person(ctx, ents)
        if singular and speaking and self._descriptor(head, det):
            return self.title_speaker(head, before, det)
        return None

    def _titled(self, head: Token) -> bool:
        """A head word that is a title before a name ("Maître", "Docteur", "ministre")."""
        m = self.ctx.mention_at(head)
        return self.is_title(head) or head.pos_ == "NOUN" or (m is not None and len(m) == 1)

    def _descriptor(self, head: Token, det: str | None) -> bool:
        """A definite common noun that, as the subject of a verb of saying, describes a person ("l'élue",
        "l'infirmière"), not a document, a body or a group."""
        k = self.ctx.keys[head.i]
        lex = self.ctx.lex
        src = source_lexicon()
        if head.pos_ != "NOUN" or det not in DEFINITE_OR_POSSESSIVE:
            return False
        excluded = (src.anaphoric_sources, src.anonymous_sources, lex.group_nouns, self.cues.org_nouns,
                    self.cues.body_nouns)
        return not any(k[0] in ws or k[1] in ws for ws in excluded)

    def is_title(self, head: Token) -> bool:
        if head.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return False
        for w in self.ctx.keys[head.i]:
            for prefix in TITLE_PREFIXES:  # "vice-ministre", "ex-président", "sous-préfet"
                if w.startswith(prefix) and len(w) > len(prefix) + 2:
                    w = w[len(prefix):]
                    break
            if w in self.cues.titles or w in self.ctx.lex.role_nouns:
                return True
        return False

    def named_person(self, head: Token) -> str | None:
        """A person named inside the phrase ("le ministre de l'Intérieur, Laurent Mauduit") or in
        apposition right after it, wherever the parser hung the name."""
        ctx = self.ctx
        doc = ctx.doc
        words = sorted(np_tokens(head, limit=25))
        title = self.is_title(head)
        # the name hangs on the head or on an apposition of it, not inside a genitive ("la directrice de
        # l'école Jules-Ferry, Anne Roux": Anne Roux, not Jules Ferry)
        holders = {head.i} | {c.i for c in head.children if c.dep_ in ("appos", "flat:name", "flat")}
        for i in words:
            if i == head.i or self.in_quote[i]:
                continue
            m = ctx.mention_at(doc[i])
            if m is None or ctx.etype(m._.entity_id) != "PERSON":
                continue
            if m.root.head.i in holders and ctx.case_of(m.root) is None or m.root.i in holders or \
                    m.root.dep_ == "appos" and m.start > 0 and doc[m.start - 1].text == ",":
                return m._.entity_id  # ", Claire Fontenay" set off by a comma names the whole phrase
        if title:  # "le ministre de la Coopération, Jonas Lindqvist": a name in apposition to a title is
            for i in words:  # the holder's, whatever type the entities gave it
                sp = ctx.mention_at(doc[i])
                if sp is not None and sp.root.dep_ == "appos" and sp.root.head.i == head.i and i != head.i \
                        and ctx.etype(sp._.entity_id) in ("ORG", "GPE") and len(sp) > 1 and sp.root.pos_ == "PROPN":
                    return sp._.entity_id
        # ", Kaja Kallas," after a long title the parser split off: the name closes the phrase
        end = max(words) + 1
        sent_end = ctx.sentence(head).end
        j = end
        while j < sent_end and j < end + 12 and doc[j].text != ",":
            if doc[j].pos_ in ("VERB", "AUX") or doc[j].text in ("«", "»", ".", ":", ";"):
                return None
            j += 1
        if j < sent_end and doc[j].text == "," and j + 1 < sent_end:
            return self.name_run(j + 1, title)
        return None

    def name_run(self, i: int, title: bool) -> str | None:
        """The person a run of capitalised words names, closed by a comma ("Nasser Kanaani,"), even when
        the mentions cut it in two or type it wrongly."""
        ctx = self.ctx
        doc = ctx.doc
        k = i
        while k < len(doc) and k < i + 6 and (doc[k].text[:1].isupper() or doc[k].text in NAME_PARTICLES):
            k += 1
        if k == i or k < len(doc) and not (doc[k].is_punct or doc[k].is_space or doc[k].pos_ == "ADP"):
            return None  # the name must end there: "…, Sébastien Lecornu." / ", Kaja Kallas, lors de"
        found = [ctx.entity_of(doc[n]) for n in range(i, k)]
        persons = [e for e in found if e and ctx.etype(e) == "PERSON"]
        if persons:
            return persons[-1]
        named = self.name_at(i, k)
        if named:
            return named
        orgs = [e for e in found if e and ctx.etype(e) == "ORG"]
        return orgs[0] if title and orgs and len(set(found)) == 1 else None

    def name_at(self, i: int, stop: int | None = None) -> str | None:
        """An entity whose name is written at token i though no mention covers it (a parse that cut the
        sentence inside the name): "Maëlle Dorsan" matched against the document's entity names."""
        ctx = self.ctx
        doc = ctx.doc
        k = i
        limit = min(len(doc), stop if stop is not None else i + 5)
        while k < limit and (doc[k].text[:1].isupper() or doc[k].text in NAME_PARTICLES):
            k += 1
        if k == i:
            return None
        words = norm(" ".join(t.text for t in doc[i:k]))
        if not words:
            return None
        exact = [e for e in ctx.entities if ctx.etype(e) in ACTORS and words in ctx.names(e)]
        if len(exact) == 1:
            return exact[0]
        last = words.split()[-1]
        if len(last) < 4:
            return None
        by_surname = [e for e in ctx.entities if ctx.etype(e) == "PERSON"
                      and any(n.split()[-1] == last for n in ctx.names(e))]
        return by_surname[0] if len(by_surname) == 1 else None

    def title_speaker(self, head: Token, before: int, det: str | None) -> str | None:
        """ "le chef de l'État", "le ministre", "un porte-parole de l'entreprise": who holds the title."""
        ctx = self.ctx
        k = ctx.keys[head.i]
        spokes = k[0] in self.cues.spokespeople or k[1] in self.cues.spokespeople
        if spokes and det in INDEFINITE:
            org = self.genitive_org(head)
            if org:
                return org  # an unnamed spokesperson speaks for the organisation
        person = self.role_holder(head, before)
        if person:
            return person
        if spokes:
            org = self.genitive_org(head)
            if org:
                return org
        if det in INDEFINITE:
            return None  # "un diplomate": someone not named
        last = self.last_said(before)
        if last is not None and ctx.etype(last.entity) == "PERSON" and not self._other_genitive(head, last.entity) \
                and self._may_hold(head, last.entity, last.gender):
            return last.entity  # "a ajouté le ministre": the speaker just quoted
        people = self.recent_people(before)
        if people and not self._has_genitive(head):
            recent = next((p for p in people if self._mentioned_within(p, before, PRONOUN_SENTENCES)
                           and self._may_hold(head, p, None)), None)
            if recent:
                return recent
        org = self.genitive_org(head)
        return org

    def _may_hold(self, head: Token, person: str, gender: str | None) -> bool:
        """Whether a title can be this person's: "le préfet" is not the deputy quoted before (her known
        roles say another office, her pronoun another gender); a generic title ("le responsable",
        "l'élu") fits anyone."""
        g = gender_of(head)
        gender = gender or self.person_gender(person)
        if g and gender and g != gender:
            return False
        ent = self.ctx.entities.get(person)
        k = self.ctx.keys[head.i]
        if ent is None or not ent.roles or k[0] in self.cues.generic_titles or k[1] in self.cues.generic_titles:
            return True
        words = {norm(head.text), norm(head.lemma_)}
        for title, roles in self.cues.synonyms:
            if title in words:
                words.update(roles)
        stems = {w[:5] for w in words if len(w) >= 5}  # "directrice" / "directeur", "députée" / "député"
        held = " ".join(norm(r) for r in ent.roles)
        return any(f" {w} " in f" {held} " for w in words) or any(x[:5] in stems for x in held.split())

    def role_holder(self, head: Token, before: int) -> str | None:
        """The person, among those named before, whose known role is this title."""
        ctx = self.ctx
        phrase = self.title_phrase(head)
        if not phrase:
            return None
        head_word = norm(head.text)
        head_lemma = norm(head.lemma_)
        full: list[str] = [phrase]
        words: list[str] = [w for w in {head_word, head_lemma} if w]
        for title, roles in self.cues.synonyms:
            if phrase == title or phrase.startswith(title + " "):
                full.extend(roles)
            if head_lemma == title or head_word == title:
                words.extend(roles)
        best: tuple[int, str] | None = None
        for rank, p in enumerate(self.recent_people(before)):
            ent = ctx.entities.get(p)
            if ent is None or not ent.roles:
                continue
            held = [f" {norm(r)} " for r in ent.roles]
            if any(f" {f} " in r or r.strip() in f" {phrase} " for f in full for r in held):
                return p
            if best is None and any(f" {w} " in r for w in words for r in held):
                best = (rank, p)
        return best[1] if best else None

    def title_phrase(self, head: Token) -> str:
        """The title's words without determiner or clauses: "chef de l'État", "ministre"."""
        ctx = self.ctx
        idx = sorted(i for i in np_tokens(head, limit=15) if i >= head.i)
        out: list[str] = []
        for i in idx:
            t = ctx.doc[i]
            if t.text in (",", "(", ")") or ctx.entity_of(t) and ctx.etype(ctx.entity_of(t) or "") == "PERSON":
                break
            out.append(t.text)
        return norm(" ".join(out))

    def genitive_org(self, head: Token) -> str | None:
        """ "porte-parole du Hamas" -> Hamas; "de l'entreprise" -> the company named before."""
        ctx = self.ctx
        for c in head.children:
            if c.dep_ not in ("nmod", "obl:arg", "obl:mod", "obl") or ctx.case_of(c) not in ("de", "de le", "des"):
                continue
            e = ctx.entity_of(c)
            if e is not None and ctx.etype(e) in ("ORG", "GPE"):
                return e
            kc = ctx.keys[c.i]
            if kc[0] in self.cues.org_nouns or kc[1] in self.cues.org_nouns:
                org = self.recent_org(c.i)
                if org:
                    return org
            ents = [x for x in ctx.np_entities(c) if ctx.etype(x) in ("ORG", "GPE")]
            if ents:
                return ents[0]
        return None

    def _has_genitive(self, head: Token) -> bool:
        return any(c.dep_ in ("nmod", "obl:arg") and self.ctx.case_of(c) in ("de", "de le", "des")
                   for c in head.children)

    def _other_genitive(self, head: Token, person: str) -> bool:
        """ "le porte-parole du Hamas" after a speaker whose known role is with another body: the title
        says it is someone else (a role naming no body, or none known, says nothing)."""
        ctx = self.ctx
        org = self.genitive_org(head)
        ent = ctx.entities.get(person)
        if org is None or ent is None or not ent.roles:
            return False
        roles = [f" {norm(r)} " for r in ent.roles]
        if any(f" {n} " in r for n in ctx.names(org) for r in roles):
            return False
        others = [e for e in ctx.entities if e != org and ctx.etype(e) in ("ORG", "GPE")]
        return any(f" {n} " in r for e in others for n in ctx.names(e) if len(n) > 2 for r in roles)

    def _mentioned_within(self, person: str, before: int, window: int) -> bool:
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

    # --- pronouns ------------------------------------------------------------------------------------------
    def pronoun_speaker(self, pron: Token, before: int) -> str | None:
        """ "il"/"elle" (or "selon lui"): the most recent fitting subject or speaker outside quotations."""
        ctx = self.ctx
        k = ctx.keys[pron.i][1]
        plural = k in PLURAL_PRONOUNS or k == "eux"
        gender = "Fem" if k in ("elle", "elles", "celle-ci", "celles-ci") else (
            "Masc" if k in ("il", "ils", "lui", "eux", "celui-ci", "ceux-ci") else None)
        cands: list[tuple[int, list[str], str | None, bool]] = []
        subjects = ctx.subjects()
        upto = self._subject_index(before)
        for s in reversed(subjects[:upto]):
            if self.distance(before, s.i) > PRONOUN_SENTENCES:
                break
            if self.in_quote[s.i] or s.i == pron.i:
                continue
            cands.append((s.i, s.entities, self._subject_gender(ctx.doc[s.i]), s.plural))
        for said in reversed(self.said):
            if said.i >= before:
                continue
            if self.distance(before, said.i) > CHAIN_SENTENCES:
                break
            cands.append((said.i, [said.entity], said.gender, False))
        cands.sort(key=lambda c: -c[0])
        for _i, ents, g, pl in cands:
            if pl != plural:
                continue
            if g is None and len(ents) == 1 and ctx.etype(ents[0]) == "PERSON":
                g = self.person_gender(ents[0])
            if gender and g and g != gender and not plural:
                continue
            actors = [e for e in ents if ctx.etype(e) in ACTORS]
            if actors:
                return first_person(ctx, actors)
        if not plural:  # a person named outside quotations, not as a subject
            for p in self.recent_people(before):
                if self._mentioned_within(p, before, PRONOUN_SENTENCES):
                    return p
                break
        return None

    def _subject_index(self, before: int) -> int:
        """How many resolved subjects come before a token (their positions, read once)."""
        if self._subject_pos is None:
            self._subject_pos = [s.i for s in self.ctx.subjects()]
        return bisect.bisect_left(self._subject_pos, before)

    def _subject_gender(self, tok: Token) -> str | None:
        g = gender_of(tok)
        if g is None and tok.pos_ == "PROPN":
            return None
        return g


def first_person(ctx: DocContext, ents: list[str]) -> str | None:
    persons = [e for e in ents if ctx.etype(e) == "PERSON"]
    found = persons or ents
    return found[0] if found else None
