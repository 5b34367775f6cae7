"""Titles and names in a speaker's noun phrase: "le chef de l'État", "la porte-parole, Hélène Garnier".

A title stands for a person the article named before ("a déclaré le
ministre"), carries the name in apposition ("le ministre de l'Intérieur,
Laurent Mauduit"), or, for an unnamed spokesperson, speaks for a body ("un
porte-parole de l'entreprise").  The holder is found among the people named
before, by their known roles, the title's synonyms and gender.
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.clean import norm
from selon.parse.syntax import np_tokens
from selon.sources.speaker_cues import (
    ACTORS,
    INDEFINITE,
    NAME_PARTICLES,
    PRONOUN_SENTENCES,
    TITLE_PREFIXES,
    gender_of,
)
from selon.sources.speaker_memory import SpeakerMemory


class TitleSpeakers(SpeakerMemory):
    """Title and name resolution (a base of :class:`selon.sources.speakers.Speakers`)."""

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
        if people and (not self._has_genitive(head) or self._fixed_title(head)):
            recent = next((p for p in people if self.mentioned_within(p, before, PRONOUN_SENTENCES)
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
        for title, roles in self.cues.synonyms:  # "chef de la diplomatie" is a "ministre des affaires étrangères"
            if f" {title} " in f" {held} ":
                held = " ".join((held, *roles))
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

    def _fixed_title(self, head: Token) -> bool:
        """A title whose genitive is part of it ("le chef de l'État", "le chef de la diplomatie"), not the
        body it serves ("le porte-parole du Hamas")."""
        phrase = self.title_phrase(head)
        return any(phrase == t or phrase.startswith(t + " ") for t, _roles in self.cues.synonyms)

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
