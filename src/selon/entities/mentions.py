"""Candidate mentions: the model's named entities, the KB ruler's matches, acronyms and named events.

The KB knows better than the model where a known name starts and ends and
what it is (the model tags "Fars News" as a person, runs "Hezbollah Hassan
Nasrallah" into one name, misses "Force Qods"); the model finds the names the
KB does not know.  So KB matches are kept, model entities fill the gaps, and
a model entity that overlaps a KB match is dropped, except where it only adds
given names to a known person or a country complement to a known body
("Jihad islamique de la Palestine").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from selon.entities import normalize as nz
from selon.entities.kb import KnowledgeBase
from selon.entities.lexicon import Lexicon
from selon.entities.ruler import Match, Word

NER_TYPES = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "GPE", "GPE": "GPE", "MISC": "MISC"}
_EDGE_POS = {"DET", "ADP", "PUNCT", "CCONJ", "SCONJ", "PRON", "SPACE", "AUX", "VERB"}
_QUOTES_OPEN = frozenset("«\"“‘")
_QUOTES_CLOSE = frozenset("»\"”’")


@dataclass
class Mention:
    start: int  # token index (the name, without titles)
    end: int
    etype: str
    kb: list[str] = field(default_factory=list)  # candidate KB actors, best first
    source: str = "ner"  # ner | kb | acronym | event | demonym | descriptor
    title_start: int | None = None  # where the mention starts when titles precede the name
    exact: bool = True
    weak: bool = False  # a bare surname or a people's name: linked only if nothing better in the text
    acronym_of: Mention | None = None
    cluster: int = -1

    @property
    def span_start(self) -> int:
        return self.title_start if self.title_start is not None else self.start

    def text(self, doc: Doc) -> str:
        return nz.squash_spaces(doc[self.span_start:self.end].text)

    def name_text(self, doc: Doc) -> str:
        return nz.squash_spaces(doc[self.start:self.end].text)


def clean_ner(doc: Doc, ent: Span) -> list[tuple[int, int]]:
    """The named parts of a model entity: split at line breaks, edges of determiners and punctuation cut."""
    pieces: list[tuple[int, int]] = []
    start = ent.start
    for i in range(ent.start, ent.end + 1):
        gap = i < ent.end and _is_gap(doc[i].text)
        boundary = i == ent.end or gap or (i > ent.start and "\n" in doc[i - 1].whitespace_)
        if boundary:
            if i > start:
                pieces.append((start, i))
            start = i + 1 if gap else i
    out = []
    for s, e in pieces:
        while s < e and (doc[s].pos_ in _EDGE_POS or doc[s].is_punct or doc[s].text.lower() in ("l'", "d'", "l’", "d’")):
            s += 1
        while e > s and (doc[e - 1].is_punct or doc[e - 1].pos_ in ("DET", "ADP", "CCONJ", "PUNCT")):
            e -= 1
        if e - s >= 2 and nz.is_acronym(doc[s].text) and all(t.text[:1].islower() for t in doc[s + 1:e]):
            e = s + 1  # "RN conduite", "UE réunie": an acronym, then words of the sentence
        if e > s and any(c.isupper() for c in doc[s:e].text) and e - s <= 12:
            out.append((s, e))
    return out


def _is_gap(text: str) -> bool:
    """A line break or a blanked stretch of boilerplate (a no-break space inside a name is neither)."""
    return not text.strip() and ("\n" in text or len(text) >= 3)


def ner_type(doc: Doc, start: int, end: int, label: str, lex: Lexicon) -> str | None:
    etype = NER_TYPES.get(label)
    if etype is None:
        return None
    if etype == "GPE":
        head = nz.fold(doc[start].text)
        if head in lex.loc_heads:
            return "LOC"
    if etype == "MISC":
        return "EVENT" if nz.fold(doc[start].text) in lex.event_heads else None
    return etype


def collect(doc: Doc, matches: list[Match], kb: KnowledgeBase, lex: Lexicon, words: list[Word]) -> list[Mention]:
    """Non-overlapping candidate mentions in text order."""
    taken: dict[int, Mention] = {}
    mentions: list[Mention] = []

    def place(m: Mention) -> None:
        mentions.append(m)
        for t in range(m.start, m.end):
            taken[t] = m

    for match in matches:
        actor = kb.actors[match.hits[0].actor]
        ids = list(dict.fromkeys(h.actor for h in match.hits))
        weak = actor.type == "PERSON" and match.end - match.start == 1
        place(Mention(match.start, match.end, actor.type, ids, "kb", exact=match.exact, weak=weak))
    for m in mentions:
        _capitalised_article_name(doc, m, kb, taken)

    for ent in doc.ents:
        for s, e in clean_ner(doc, ent):
            etype = ner_type(doc, s, e, ent.label_, lex)
            if etype is None:
                continue
            title_start = None
            if etype == "PERSON":  # "M. Eltsine", "reine Elizabeth": the title is not the name
                t0 = _skip_titles(doc, s, e, lex)
                if t0 > s:
                    title_start, s = s, t0
            s2 = _skip_role(doc, s, e, lex)  # "Premier ministre israélien Benjamin Netanyahou"
            if s2 > s:
                title_start, s = None, s2
            if s >= e or _not_a_name(doc, s, e, etype, lex):
                continue
            inside = sorted({id(taken[t]): taken[t] for t in range(s, e) if t in taken}.values(),
                            key=lambda m: m.start)
            if not inside:
                place(Mention(s, e, etype, title_start=title_start))
                continue
            replaced = _merge_with_kb(doc, s, e, etype, inside, kb, lex, taken)
            if replaced:
                for old in inside:
                    mentions.remove(old)
                place(Mention(s, e, etype, title_start=title_start))
    mentions = [m for m in mentions if all(taken.get(t) is m for t in range(m.start, m.end))]
    _given_names(doc, mentions, kb, taken)
    mentions.extend(_demonyms(doc, taken, kb, lex, words))
    mentions.extend(_named_events(doc, taken, lex, words))
    mentions.sort(key=lambda m: m.start)
    _titles(doc, mentions, lex)
    return mentions


def _capitalised_article_name(doc: Doc, m: Mention, kb: KnowledgeBase, taken: dict[int, Mention]) -> None:
    """"À gauche, La France insoumise, ...": a capitalised article inside a sentence opens a name, so a
    country followed by lower-case adjectives there is part of a body's name, not the country."""
    if not m.kb or kb.actors[m.kb[0]].type != "GPE" or m.start < 2:
        return
    det = doc[m.start - 1]
    if det.text not in ("La", "Le", "Les", "L'", "L’") or det.is_sent_start or doc[m.start - 2].text in ".!?«\"“:—–-":
        return
    if "\n" in doc[m.start - 2].whitespace_ or "\n" in doc[m.start - 2].text:
        return
    end = m.end
    while end < len(doc) and end - m.end < 3 and doc[end].text[:1].islower() and doc[end].pos_ in ("ADJ", "VERB") \
            and end not in taken and "\n" not in doc[end - 1].whitespace_:
        end += 1
    if end == m.end:
        return
    m.start, m.end, m.etype, m.kb, m.source, m.weak = m.start - 1, end, "ORG", [], "ner", False
    for t in range(m.start, m.end):
        taken[t] = m


def _given_names(doc: Doc, mentions: list[Mention], kb: KnowledgeBase, taken: dict[int, Mention]) -> None:
    """A converted dictionary's town that is a person's given name: "Nasser" in "Nasser Kanaani".

    A one-word place right before a person's name, on the same line with nothing between, starts it;
    states and capitals keep their name ("Israël Katz" is handled by the KB's persons).
    """
    by_start = {m.span_start: m for m in mentions if m.etype == "PERSON" and not m.kb}
    drop = []
    for m in mentions:
        if m.source != "kb" or m.end - m.start != 1 or not m.kb:
            continue
        actor = kb.actors[m.kb[0]]
        if actor.type not in ("GPE", "LOC") or actor.source != "phoenix" or actor.capital_of:
            continue
        person = by_start.get(m.end)
        if person is None or doc[m.start].whitespace_ != " ":
            continue
        person.start = m.start
        if person.title_start is not None:
            person.title_start = None
        for t in range(m.start, m.end):
            taken[t] = person
        drop.append(m)
    for m in drop:
        mentions.remove(m)


# Lower-case words that may start a name ("al-Assad", "de Gaulle", "ben Salmane", "van Rompuy").
NAME_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "de", "du", "des", "d", "da", "di",
                            "del", "della", "van", "von", "der", "den", "ben", "bin", "ibn", "abu", "abou", "ould",
                            "ag", "le", "la", "l", "mc", "mac"})


def _skip_role(doc: Doc, s: int, e: int, lex: Lexicon) -> int:
    """Where the name starts in a model entity that begins with a role ("Premier ministre israélien X").

    ``e`` (no name) when the role has a complement instead: "président de la République".
    """
    for size in range(min(lex.max_role, e - s), 0, -1):
        if nz.fold(doc[s:s + size].text) in lex.roles:
            i = s + size
            while i < e and (doc[i].is_punct or (doc[i].text[:1].islower() and doc[i].pos_ == "ADJ")):
                i += 1
            if i < e and (doc[i].text[:1].islower() or doc[i].pos_ in ("ADP", "DET")):
                return e
            return i
    return s


def _not_a_name(doc: Doc, s: int, e: int, etype: str, lex: Lexicon) -> bool:
    """Model entities that are not names: a capitalised common word, a role, an adjective of nationality."""
    first = doc[s]
    if etype == "ORG" and nz.fold(first.text) in lex.institution_heads and e - s >= 3 and \
            any(t.text[:1].isupper() for t in doc[s + 1:e]):
        return False  # "ministère turc de la Défense": a body whose name starts with a common noun
    if etype in ("PERSON", "ORG") and first.text[:1].islower():
        if nz.fold(first.text) not in NAME_PARTICLES:
            return True  # "ministres des Affaires étrangères", "karvonien de la Défense": a name starts with a capital
        if s + 1 < e and (doc[s + 1].text[:1].islower() or doc[s + 1].pos_ == "DET"):
            return True  # "de la République" (left of a title), not "de Gaulle"
    if e - s == 1:
        folded = nz.fold(first.text)
        if folded in lex.adjectives or folded in lex.demonyms:
            return True  # "Luxembourgeoise"; "les Russes" is handled as a people
        if first.pos_ in ("ADV", "VERB", "ADJ", "AUX", "DET", "PRON", "ADP", "CCONJ", "SCONJ", "NUM"):
            return True
        if first.pos_ == "NOUN" and (first.is_sent_start or first.text.isupper()):
            return True  # "Suicide", "Rythmes" at the start of a sentence
        if etype != "PERSON" and folded in lex.not_names:
            return True
    return False


def _skip_titles(doc: Doc, s: int, e: int, lex: Lexicon) -> int:
    i = s
    while i < e - 1:
        size = _title_at(doc, i, lex)
        if not size or i + size >= e:
            break
        i += size
    return i


def _title_at(doc: Doc, i: int, lex: Lexicon) -> int:
    """Length of the title starting at token i (0 if none)."""
    for size in range(min(lex.max_title, len(doc) - i), 0, -1):
        span = doc[i:i + size]
        if all(t.is_alpha or t.text.endswith(".") and t.text[:-1].isalpha() for t in span) and \
                nz.fold(span.text) in lex.titles:
            return size
    return 0


def _merge_with_kb(doc: Doc, s: int, e: int, etype: str, inside: list[Mention], kb: KnowledgeBase,
                   lex: Lexicon, taken: dict[int, Mention]) -> bool:
    """A model entity overlapping KB matches: widen one KB match to it, or leave the KB matches alone.

    Returns True when the model entity should replace the KB match: a different
    person who shares a surname with a known one ("Ibrahim Sinwar" is not Yahya
    Sinwar) or whose name is longer than a known one ("Mohammad Reza Talaei"),
    or a person the model sees where the KB has a one-word place or body
    from a converted dictionary (states and capitals keep their name: "Riyad" is Riyadh).
    """
    if len(inside) != 1:
        return False
    m = inside[0]
    actor = kb.get(m.kb[0] if m.kb else None)
    if actor is None or m.start < s or m.end > e:
        return False
    if m.start == s and m.end == e:
        return etype == "PERSON" and actor.type != "PERSON" and e - s == 1 and actor.source == "phoenix"
    if etype == "PERSON" and actor.type != "PERSON" and m.end - m.start == 1 and e - s >= 2:
        return True  # "Nasser Kanani" is a man, whatever place "Nasser" may also name
    left = doc[s:m.start]
    right = doc[m.end:e]
    if actor.type == "PERSON" and etype == "PERSON":
        if m.weak or right.text.strip():
            return True  # a longer name: "Mohammad Reza Talaei" is not the KB's "Mohammad Reza"
        # Given names or initials the KB lacks before a known name ("Sayyed Hassan Nasrallah").
        if not right.text.strip() and all(t.text[:1].isupper() and nz.fold(t.text) not in lex.roles
                                          for t in left if not t.is_punct):
            _widen(m, s, e, taken)
        return False
    if actor.type in ("ORG", "EVENT") and m.start == s and right.text.strip():
        # A known body plus a country ("Jihad islamique de la Palestine", "Hezbollah libanais").
        rest = [t for t in right if not (t.is_punct or t.pos_ in ("DET", "ADP"))]
        if rest and all(t.pos_ in ("ADJ", "PROPN") for t in rest) and not any(
                t.i in taken and taken[t.i] is not m for t in right):
            folded = nz.fold(" ".join(t.text for t in rest))
            if any(a.type == "GPE" for a in kb.lookup(folded)) or all(t.pos_ == "ADJ" for t in rest):
                _widen(m, s, e, taken)
    return False


def _widen(m: Mention, s: int, e: int, taken: dict[int, Mention]) -> None:
    m.start, m.end = s, e
    m.weak = False
    for t in range(s, e):
        taken[t] = m


def _demonyms(doc: Doc, taken: dict[int, Mention], kb: KnowledgeBase, lex: Lexicon,
              words: list[Word]) -> list[Mention]:
    """Capitalised peoples ("les Russes", "les Iraniens") stand for their state."""
    out = []
    for w in words:
        code = lex.demonyms.get(w.text)
        if code is None or w.case == "L" or w.tok in taken or w.tok == 0:
            continue
        tok = doc[w.tok]
        if tok.is_sent_start or doc[tok.i - 1].lower_ not in ("les", "des", "aux", "ces"):
            continue
        state = kb.state(code)
        if state:
            m = Mention(tok.i, tok.i + 1, "GPE", [state], "demonym", weak=True)
            taken[tok.i] = m
            out.append(m)
    return out


def _named_events(doc: Doc, taken: dict[int, Mention], lex: Lexicon, words: list[Word]) -> list[Mention]:
    """"opération « Bordure protectrice »", "l'opération Déluge d'Al-Aqsa": an event head, then a name."""
    out = []
    n = len(doc)
    for w in words:
        if w.text not in ("operation", "offensive") or w.tok in taken:
            continue
        tok = doc[w.tok]
        j = tok.i + 1
        quoted = j < n and doc[j].text in _QUOTES_OPEN
        if quoted:
            j += 1
        k = j
        limit = min(n, j + (10 if quoted else 6))
        while k < limit and k not in taken:
            t = doc[k]
            if quoted and t.text in _QUOTES_CLOSE:
                break
            if "\n" in t.text or t.is_space or (t.is_punct and t.text not in "-'’"):
                break
            if not quoted and not (t.text[:1].isupper() or t.lower_ in ("de", "d'", "d’", "du", "des", "la", "al", "-")):
                break
            k += 1
        while k > j and doc[k - 1].lower_ in ("de", "d'", "d’", "du", "des", "la", "al", "-"):
            k -= 1
        if k > j and doc[j].text[:1].isupper():
            end = k + 1 if quoted and k < n and doc[k].text in _QUOTES_CLOSE else k
            m = Mention(tok.i, end, "EVENT", [], "event")
            for t_i in range(tok.i, end):
                taken[t_i] = m
            out.append(m)
    return out


def _titles(doc: Doc, mentions: list[Mention], lex: Lexicon) -> None:
    """Extend person mentions over the titles right before them ("le général Qaani" -> "général Qaani").

    A name the model took for a place or a body is a person when a title stands right before it
    ("M. al-Shurafi", "le général Harrak").
    """
    for m in mentions:
        if m.etype in ("GPE", "ORG") and m.source == "ner" and m.title_start is None:
            if m.span_start > 0 and nz.fold(doc[m.span_start - 1].text) in lex.person_titles:
                m.etype = "PERSON"
            elif m.end - m.start >= 2 and nz.fold(doc[m.start].text) in lex.person_titles:
                m.etype = "PERSON"
                m.title_start, m.start = m.start, m.start + 1
        if m.etype != "PERSON":
            continue
        s = m.span_start
        while s > 0:
            found = 0
            for size in range(min(lex.max_title, s), 0, -1):
                if _title_at(doc, s - size, lex) == size:
                    found = size
                    break
            if not found:
                break
            s -= found
        if s < m.span_start:
            m.title_start = s


def _long_form(doc: Doc, i: int, abbr: str, mentions: list[Mention]) -> Mention | None:
    """The name right before "(ABBR)" whose initials it spells, when the model cut or missed it.

    "Fédération nordique du rail (FNR)", "Front de libération du Karvan (FLK)" read as a
    body plus a place: the words from a capitalised one up to the parenthesis, if the acronym fits
    them all.  Mentions inside it (a place, a part of the name) give way to it; a KB body does not.
    """
    if not nz.is_acronym(abbr) or len(abbr.replace(".", "")) < 2:
        return None
    for s in range(i - 1, max(-1, i - 11), -1):
        tok = doc[s]
        if "\n" in tok.text or "\n" in tok.whitespace_ or (tok.is_punct and tok.text not in "-'’"):
            return None
        if not tok.text[:1].isupper() or not nz.acronym_fits(abbr, doc[s:i].text):
            continue
        inside = [m for m in mentions if m.start < i and m.end > s]
        if any(m.start < s or m.end > i for m in inside):
            return None
        if any(m.kb and m.etype not in ("GPE", "LOC") for m in inside):
            return None
        for m in inside:
            mentions.remove(m)
        return Mention(s, i, "ORG", [], "acronym")
    return None


def acronyms(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Acronyms defined in the text: "Organisation de libération de la Palestine (OLP)" and "OLP (...)".

    Returns new mentions for acronyms the other sources missed; an acronym
    already found is tied to its long form through ``acronym_of``.
    """
    by_start = {m.start: m for m in mentions}
    by_end = {m.end: m for m in mentions}
    taken = {t for m in mentions for t in range(m.span_start, m.end)}
    out = []
    defined: dict[str, Mention] = {}
    texts = [t.text for t in doc]  # one pass over the tokens; the loops below read the strings
    n = len(texts)
    for i in range(n - 2):
        if texts[i] != "(" or texts[i + 2] != ")":
            continue
        abbr = doc[i + 1]
        long_m = by_end.get(i)
        if long_m is None or not nz.initials(doc[long_m.start:long_m.end].text).startswith(
                abbr.text.replace(".", "")[:2]):
            found = _long_form(doc, i, abbr.text, mentions)
            if found is not None:
                long_m = found
                out.append(found)
                by_end[i] = found
                taken.update(range(found.start, found.end))
        if long_m is not None and nz.is_acronym(abbr.text) and \
                nz.initials(doc[long_m.start:long_m.end].text).startswith(abbr.text.replace(".", "")[:2]):
            short = by_start.get(i + 1)
            if short is None:
                short = Mention(i + 1, i + 2, long_m.etype, [], "acronym")
                out.append(short)
                taken.add(i + 1)
            short.acronym_of = long_m
            defined.setdefault(abbr.text, long_m)
    # an acronym the model missed that spells a body named in the text ("la CEDEAO" after its long name)
    bodies = [m for m in mentions + out if m.etype == "ORG" and m.end - m.start >= 3]
    for i, text in enumerate(texts):
        if len(text) < 3 or not text[:1].isupper() or i in taken or text in defined or not nz.is_acronym(text):
            continue
        long_m = next((b for b in bodies if len(nz.content_words(nz.words(doc[b.start:b.end].text))) >= 3
                       and nz.acronym_fits(text, doc[b.start:b.end].text)), None)
        if long_m is not None:
            defined[text] = long_m
    if defined:  # the acronym used again anywhere in the article
        for i, text in enumerate(texts):
            long_m = defined.get(text)
            if long_m is not None and i not in taken:
                out.append(Mention(i, i + 1, long_m.etype, [], "acronym", acronym_of=long_m))
                taken.add(i)
    return out
