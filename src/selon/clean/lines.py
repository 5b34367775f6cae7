"""What kind of boilerplate one line is: share widgets, prompts, credits, bylines, source lines, captions.

Each rule is a family read from ``data/boilerplate.yaml``; a line longer than
``MAX_BOILERPLATE_LINE`` is article text and never fed to them.
"""

from __future__ import annotations

import re

from selon.clean.rules import MAX_BOILERPLATE_LINE, Line, Rules, canonical_outlet, norm, rules


def line_language(text: str) -> str | None:
    """The language a short line is written in, by function words; None when unclear."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 6:
        return None
    counts = {lang: sum(1 for w in words if w in sw) for lang, sw in rules().stopwords.items()}
    best = max(counts, key=lambda k: counts[k])
    second = max((v for k, v in counts.items() if k != best), default=0)
    if counts[best] >= 3 and counts[best] > 2 * second:
        return best
    return None


def _is_share(key: str, r: Rules) -> bool:
    if key in r.share:
        return True
    words = key.split()
    counts = [w for w in words if w.isdigit()]  # "Commentaires (34)", "Réagir (12)"
    if counts and len(counts) <= 2:
        words = [w for w in words if not w.isdigit()]
        if " ".join(words) in r.share:
            return True
    return 0 < len(words) <= 10 and all(w in r.share_words for w in words) and len(words) >= 2


def _starts(key: str, prefixes: tuple[str, ...]) -> bool:
    return any(key == p or key.startswith(p + " ") for p in prefixes)


def _is_prompt(key: str, r: Rules) -> bool:
    """A newsletter or subscription prompt: "Newsletter Afrique : recevez ...", "Inscrivez-vous ..."."""
    if len(key) > 200:
        return False
    if _starts(key, r.prompt_prefixes):
        return True
    head = " ".join(key.split()[:4])
    return any(f" {w} " in f" {head} " for w in r.prompt_words)


def _is_agency_credit(key: str, r: Rules) -> bool:
    """"Avec agences", "(avec AFP)", "Avec l'AFP et Reuters": a wire credit line."""
    if len(key) > 60:
        return False
    for lead in r.credit_leads:
        if key.startswith(lead + " "):
            rest = key[len(lead) + 1:].split()
            return bool(rest) and all(w in r.credit_words for w in rest)
    return False


def _is_credit_line(text: str, r: Rules) -> bool:
    """"(Reportage X ; édité par Y)": the parenthesised staff credit that closes a wire story."""
    if len(text) > 300 or not (text.startswith("(") and text.endswith(")")):
        return False
    return _starts(norm(text[1:-1]), r.credit_lines)


def copyright_outlet(text: str) -> str | None:
    """The publisher named by a closing copyright line ("© Le Courrier de Lyon", "© 2024 Agence X. Tous droits réservés")."""
    if len(text) > 120:
        return None
    m = re.match(r"^(?:©|\([cC]\)|[Cc]opyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?", text)
    if not m:
        return None
    name = re.split(r"\s[-–|]\s|[.,;]\s|\.$|\s(?:tous droits|all rights)", text[m.end():], maxsplit=1,
                    flags=re.IGNORECASE)[0].strip()
    words = name.split()
    if not words or len(words) > 6 or "/" in name or not name[:1].isupper():
        return None
    if any(norm(w) in ("photo", "photos", "archives", "archive", "illustration", "image", "images") for w in words):
        return None
    return canonical_outlet(name)


def has_credit(text: str, r: Rules) -> bool:
    for pat in r.credits:
        for m in pat.finditer(text):
            if len(text) <= 160 or m.start() < 25 or m.end() > len(text) - 60:
                return True
    return False


def classify(line: Line, r: Rules) -> tuple[str, dict[str, str]] | None:
    """The boilerplate kind of one line (position-independent rules), with what it tells."""
    text = line.text
    if len(text) > MAX_BOILERPLATE_LINE:
        return None
    key = norm(text)
    m = r.source_line.match(text)
    if m:
        return "source-line", {"outlet": m.group("outlet")}
    if re.fullmatch(r"(?:https?://|www\.)\S+", text):
        return "source-line", {"url": text}
    if not key:
        return ("other", {}) if len(text) <= 3 else None
    if _is_share(key, r):
        return "share", {}
    if any(key == p or key.startswith(p + " ") for p in r.related):
        return "related", {"prefix_only": "1" if key in r.related else ""}
    if any(key == p or key.startswith(p + " ") for p in r.other):
        return "other", {}
    if _is_prompt(key, r):
        return "other", {}
    if _is_agency_credit(key, r) or _is_credit_line(text, r):
        return "byline", {}
    for pat in r.published:
        pm = pat.match(text)
        if pm and len(text) <= 120:
            return "byline", {"published": pm.group("date")}
    if has_credit(text, r):
        return "caption", {}
    if r.platform.match(text) and len(text) <= 300:
        return "caption", {}
    return None
