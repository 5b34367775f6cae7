"""Language identification per article (py3langid, offline, 97 languages)."""

from __future__ import annotations

import py3langid

_MIN_CHARS = 20


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text."""
    sample = " ".join(text[:20000].split())[:5000]  # never split a whole 50 MB text to look at 5,000 chars
    if len(sample) < _MIN_CHARS:
        return None
    lang, _score = py3langid.classify(sample)
    return str(lang)
