"""Comparison keys for names: folded words, content-word keys, phonetic keys, initials.

One function family serves both the knowledge base (aliases) and the text
(tokens), so that an alias and its occurrence in an article always produce
the same key.  Keys ignore case, accents and punctuation ("Ismaïl" = "Ismail",
"Tel-Aviv" = "Tel Aviv"), French and Arabic function words inside names
("Brigades d'Izz al-Din al-Qassam" = "Brigades Izz al-Din al-Qassam",
"Bachar el-Assad" = "Bachar al-Assad"), and, in the phonetic key,
transliteration variants (Qods/Quds, Ismail/Esmail, Haniyeh/Haniyah) through
rigour's metaphone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rigour.text import is_levenshtein_plausible, levenshtein, metaphone

# Words that never carry a name's identity: French articles and prepositions,
# the Arabic article in its common transliterations, the English article.
FUNCTION_WORDS = frozenset({
    "de", "du", "des", "d", "l", "la", "le", "les", "a", "au", "aux", "en", "et",
    "al", "el", "the", "of", "and",
})
_APOSTROPHES = str.maketrans({"’": " ", "'": " ", "`": " ", "´": " ", "ʼ": " ", "‘": " "})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Arabic article assimilated to the next consonant ("ad-Din", "ash-Sham", "ar-Rahman").
_ASSIMILATED = re.compile(r"\b(?:a|e|u)([dnrstz]|sh|th)-(?=\1)", re.IGNORECASE)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case ASCII with punctuation as single spaces ("Ismaïl al-Haniyé" -> "ismail al haniye")."""
    if "-" in text:
        text = _ASSIMILATED.sub("al-", text)
    if text.isascii():
        return _NON_ALNUM.sub(" ", text.lower()).strip()
    return _NON_ALNUM.sub(" ", strip_accents(text.translate(_APOSTROPHES).lower())).strip()


def strip_accents(text: str) -> str:
    """"Ismaïl Haniyé" -> "Ismail Haniye" (ligatures spelt out: "œ" -> "oe")."""
    if text.isascii():
        return text
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return fold(text).split()


def content_words(ws: list[str]) -> list[str]:
    """Drop function words, unless that would leave fewer than two words of a longer name.

    "Brigades d'Izz al-Din" keeps [brigades, izz, din]; "Le Monde" stays [le, monde]
    (a single remaining word would make a common noun an alias).
    """
    kept = [w for w in ws if w not in FUNCTION_WORDS]
    if len(ws) >= 2 and len(kept) < 2:
        return [w for w in ws if w not in ("l", "d")] or ws
    return kept


def key(text: str) -> str:
    """The exact comparison key of a name: its content words joined by spaces."""
    return " ".join(content_words(words(text)))


@lru_cache(maxsize=200_000)
def phon(word: str) -> str:
    """Phonetic code of one folded word; an initial vowel is coded "A" (Ismail = Esmail, Obeida = Ubaidah)."""
    if word.isdigit():
        return word
    # French transliteration writes "ch" where English writes "sh" (Chareh/Sharaa, Chourafi/Shurafi);
    # metaphone would read "chr" as a K.
    code = metaphone(word.replace("ch", "sh")) or word
    if code[0] in "AEIOU":
        code = "A" + code[1:]
    return code


def phon_key(ws: list[str]) -> str:
    return " ".join(phon(w) for w in ws)


def plausible_variant(a: str, b: str) -> bool:
    """Two folded names close enough in spelling to be transliterations of each other."""
    return a == b or is_levenshtein_plausible(a, b, max_edits=4, max_percent=0.25)


def variant_words(a: list[str], b: list[str]) -> bool:
    """Word by word transliterations: same sound and one letter apart (two from six letters on).

    "Ismael Qaani" / "Ismail Qaani", "Force Quds" / "Force Qods", "Abdullahian" / "Abdollahian";
    not "David Byrne" / "David Bruney" nor "Hassan" / "Hussein".
    """
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        if phon(x) != phon(y) or min(len(x), len(y)) < 4:
            return False
        if levenshtein(x, y) > (1 if max(len(x), len(y)) <= 5 else 2):
            return False
    return True


def same_name(a: str, b: str) -> bool:
    """Two names that are the same once transliteration is ignored (same phonetic key, close spelling)."""
    wa, wb = content_words(words(a)), content_words(words(b))
    if not wa or not wb or len(wa) != len(wb):
        return False
    if wa == wb:
        return True
    return variant_words(wa, wb)


def initials(text: str) -> str:
    """Upper-case initials of the content words ("Corps des gardiens de la révolution islamique" -> "CGRI")."""
    return "".join(w[0] for w in content_words(words(text)) if w and not w.isdigit()).upper()


def acronym_fits(abbr: str, name: str) -> bool:
    """Whether ``abbr`` spells the initials of ``name``, where function words may or may not give a letter.

    "CEDEAO" / "Communauté économique des États de l'Afrique de l'Ouest" (the "des" counts, "de" and "l'"
    do not), "CGRI" / "Corps des gardiens de la révolution islamique"; every content word gives its letter.
    """
    letters = fold(abbr).replace(" ", "")
    ws = [w for w in words(name) if not w.isdigit()]
    if not letters or not ws or len(ws) > 16 or len(letters) > len(ws):
        return False
    reach = {0}  # positions in ``letters`` reachable after the words read so far
    for w in ws:
        nxt = set()
        for pos in reach:
            if pos < len(letters) and letters[pos] == w[0]:
                nxt.add(pos + 1)
            if w in FUNCTION_WORDS:
                nxt.add(pos)  # a function word may give no letter
        reach = nxt
        if not reach:
            return False
    return len(letters) in reach


def is_acronym(text: str) -> bool:
    """"CGRI", "IRGC", "U.N." (two to eight capitals, dots allowed)."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def squash_spaces(text: str) -> str:
    """Display form: every run of whitespace (including no-break spaces and newlines) as one space."""
    return " ".join(text.split())
