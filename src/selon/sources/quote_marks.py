"""Quotation marks in raw text: where quotations and colon-introduced speech begin and end.

« … », “ … ” and " … "; a French quotation running over several paragraphs
reopens each with «.  Pure string work on the text (no parse), linear in its
length.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

PAIRS = {"«": "»", "“": "”", '"': '"', "„": "“"}
OPENERS = re.compile('[«“"„]')
MAX_QUOTE = 6000  # characters; a longer unclosed stretch is not a quotation
STRIP = " \t\r\n\u00a0\u202f\u2009"


@dataclass
class QuoteSpan:
    start: int  # content offsets
    end: int
    open_i: int  # offset of the opening mark (or of the colon)
    close_i: int | None  # offset of the closing mark, None when the paragraph ends first
    colon: bool = False  # "X a déclaré : …" without quotation marks


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted stretches of a text, in order, outermost only.

    Linear: each opening mark is searched once (a one-character class), each closing mark with
    ``str.find`` bounded by the end of the line; a stretch found is skipped as a whole.
    """
    out: list[QuoteSpan] = []
    n = len(text)
    i = 0
    while True:
        m = OPENERS.search(text, i)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        closer = PAIRS[ch]
        limit = min(n, i + MAX_QUOTE)
        start = i + 1
        close: int | None = None
        end_at: int | None = None
        while True:
            line_end = text.find("\n", start, limit)
            stop = line_end if line_end != -1 else limit
            c = text.find(closer, start, stop)
            if c != -1:
                close = c
                break
            if line_end == -1:
                end_at = limit
                break
            k = line_end
            while k < limit and text[k] in STRIP:
                k += 1
            if ch == "«" and k < limit and text[k] == "«":
                start = k + 1  # a quotation running on over paragraphs reopens each of them
                continue
            end_at = line_end
            break
        if close is not None:
            out.append(QuoteSpan(i + 1, close, i, close))
            i = close + 1
        elif ch == "«" and end_at is not None:
            out.append(QuoteSpan(i + 1, end_at, i, None))  # unclosed: the quotation runs to the paragraph's end
            i = max(end_at, i + 1)
        else:
            i += 1
    return [strip_span(r, text) for r in out if text[r.start:r.end].strip(STRIP)]


def strip_span(r: QuoteSpan, text: str) -> QuoteSpan:
    s, e = r.start, r.end
    while s < e and text[s] in STRIP:
        s += 1
    while e > s and text[e - 1] in STRIP:
        e -= 1
    r.start, r.end = s, e
    return r


def after_colon(text: str, i: int) -> bool:
    return text[:i].rstrip(STRIP)[-1:] == ":"


def token_at(starts: list[int], char: int | None) -> int:
    if char is None:
        return 0
    return max(0, bisect.bisect_right(starts, char) - 1)
