"""Full-text search on both backends: the same words find the same articles.

SQLite indexes titles and bodies with FTS5 (``unicode61 remove_diacritics 2``); PostgreSQL with a
generated ``tsvector`` column under a GIN index, over the text folded the same way (lower case, no
accents), since user queries are folded too (``selon.clean.norm``: "Israël" and "israel" are one word).
A query is a list of words, passed as a bound parameter: quotes, operators and SQL in it are data.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from sqlalchemy import text
from sqlalchemy.engine import Connection

from selon.store import schema as s

MAX_TERMS = 32  # a pasted paragraph is not a search; the first words are enough to find it

SQLITE_SEARCH = (
    "SELECT a.id, a.doc_id, a.title, a.outlet, a.published, "
    "snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet "
    "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
    "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :n"
)
# Every word must be there (plainto_tsquery ANDs them), as with the quoted FTS5 terms above; the GIN
# index on tsv answers the @@ (tests/store/test_sql.py checks the plan).
POSTGRESQL_SEARCH = (
    "SELECT id, doc_id, title, outlet, published, body FROM articles "
    "WHERE tsv @@ plainto_tsquery('simple', :q) "
    "ORDER BY ts_rank(tsv, plainto_tsquery('simple', :q)) DESC, id LIMIT :n"
)

TSV_VERSION = "3"  # 1: unfolded text (accented words could not be found); 3: folded
_LIGATURES = (("œ", "oe"), ("Œ", "OE"), ("æ", "ae"), ("Æ", "AE"), ("ß", "ss"))
_NO_DECOMPOSITION = {"ø": "o", "đ": "d", "ð": "d", "ł": "l", "ı": "i", "ħ": "h", "ŧ": "t"}


@cache
def _fold_chars() -> tuple[str, str]:
    """Latin letters with diacritics and their bare lower-case letters (for SQL translate(), 1:1).

    Both cases are listed: lower() on PostgreSQL leaves non-ASCII letters alone in a database whose
    LC_CTYPE is C, and to_tsvector lower-cases what is ASCII anyway."""
    src, dst = [], []
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        d = unicodedata.normalize("NFD", ch)
        if len(d) > 1 and d[0].isascii() and d[0].isalpha() and all(unicodedata.combining(c) for c in d[1:]):
            src.append(ch)
            dst.append(d[0].lower())
    for k, v in _NO_DECOMPOSITION.items():
        src += [k, k.upper()]
        dst += [v, v]
    return "".join(src), "".join(dst)


@cache
def _fold_table() -> dict[int, str]:
    src, dst = _fold_chars()
    table = {ord(a): b for a, b in zip(src, dst, strict=True)}
    table.update({ord(a): b for a, b in _LIGATURES})
    return table


def fold(word: str) -> str:
    """A word as the indexes and queries hold it: lower case, no accents, ligatures spelt out."""
    return word.translate(_fold_table()).lower()


def folded_sql(expr: str) -> str:
    """SQL folding ``expr`` like :func:`fold` (immutable functions only: it feeds a generated column)."""
    out = expr
    for a, b in _LIGATURES:
        out = f"replace({out}, '{a}', '{b}')"
    src, dst = _fold_chars()  # letters of ours, no quote among them
    return f"translate({out}, '{src}', '{dst}')"


def setup_postgresql(conn: Connection) -> None:
    """The tsvector column and its GIN index; an index of an older kind is rebuilt."""
    version = conn.execute(text("SELECT value FROM selon_meta WHERE key = 'postgresql_tsv'")).scalar()
    if version == TSV_VERSION:
        return
    conn.execute(text("ALTER TABLE articles DROP COLUMN IF EXISTS tsv"))  # its index goes with it
    conn.execute(text(
        "ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', "
        + folded_sql("coalesce(title, '') || ' ' || body") + ")) STORED"
    ))
    conn.execute(text("CREATE INDEX ix_articles_tsv ON articles USING GIN (tsv)"))
    conn.execute(s.meta_table.delete().where(s.meta_table.c.key == "postgresql_tsv"))
    conn.execute(s.meta_table.insert().values(key="postgresql_tsv", value=TSV_VERSION))


def terms(query: str) -> list[str]:
    """The words of a user query, folded (as both indexes hold them)."""
    from selon.clean import norm  # (lazy: the cleaning rules load data; only a search needs them)

    return [t for t in norm(query.replace("\x00", " ")).split() if t][:MAX_TERMS]


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def sqlite_match(words: list[str]) -> str:
    """An FTS5 query with every word, each quoted (data, not syntax).  FTS5 strips accents but keeps
    ligatures, while queries spell them out ("cœur" -> "coeur"): such a word also matches as "cœur"."""
    out = []
    for w in words:
        lig = w.replace("oe", "œ").replace("ae", "æ")
        out.append(f"({_quoted(w)} OR {_quoted(lig)})" if lig != w else _quoted(w))
    return " AND ".join(out)


_WORD = re.compile(r"\w+")


def snippet(body: str, words: list[str], width: int = 12) -> str:
    """About ``width`` words of ``body`` from just before the first match, matches in [brackets] (as FTS5's
    snippet); reads the body only as far as it needs."""
    want = set(words)
    toks: list[re.Match[str]] = []
    first = None
    for i, m in enumerate(_WORD.finditer(body)):
        toks.append(m)
        if first is None and fold(m.group()) in want:
            first = i
        if first is not None and i >= max(0, first - 2) + width:
            break  # one word past the window: enough to know there is more
    if not toks:
        return ""
    start = max(0, first - 2) if first is not None else 0
    end = min(len(toks), start + width)
    out, pos = [], toks[start].start()
    for m in toks[start:end]:
        out.append(body[pos:m.start()])
        out.append(f"[{m.group()}]" if fold(m.group()) in want else m.group())
        pos = m.end()
    more = end < len(toks) or _WORD.search(body, pos) is not None
    return ("…" if start else "") + "".join(out) + ("…" if more else "")
