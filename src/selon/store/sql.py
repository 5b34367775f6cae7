"""The store behind one small interface: SQLite by default, PostgreSQL for teams.

All SQL goes through SQLAlchemy Core with bound parameters; nothing is built
from strings that users or articles control.  Each article is written in one
transaction; re-ingesting the same bytes is a no-op (content hash).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, insert, inspect, or_, select, text
from sqlalchemy.engine import Connection

from selon.record import Record
from selon.store import fts
from selon.store import schema as s

DEFAULT_DB = "selon.db"
SETUP_LOCK = 5309  # PostgreSQL advisory lock keys (5310: the corpus view, selon.corpus.merge)


def resolve_url(db: str | None) -> str:
    """``--db`` value (a path or a URL), else ``$SELON_DB``, else ``./selon.db``, as an SQLAlchemy URL."""
    db = db or os.environ.get("SELON_DB") or DEFAULT_DB
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return f"sqlite:///{db}"


class Store:
    def __init__(self, db: str | None = None) -> None:
        self.url = resolve_url(db)
        self.dialect = "postgresql" if self.url.startswith("postgresql") else "sqlite"
        self.engine: Engine = create_engine(self.url, future=True)
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            event.listen(self.engine, "before_cursor_execute", _no_nul, retval=True)
        self._setup()

    # -- schema -------------------------------------------------------------
    def _setup(self) -> None:
        with self.engine.begin() as conn:
            if self.dialect == "postgresql":  # two processes opening a new database: one creates, one waits
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SETUP_LOCK})
            # Only the missing tables (what create_all does), found in one catalogue query, not one per table.
            existing = set(inspect(conn).get_table_names())
            missing = [t for t in s.metadata.sorted_tables if t.name not in existing]
            if missing:
                s.metadata.create_all(conn, tables=missing)
            if self.dialect == "sqlite":
                conn.execute(text(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
                    "title, body, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
                ))
            else:
                fts.setup_postgresql(conn)
            version = conn.execute(select(s.meta_table.c.value).where(s.meta_table.c.key == "schema_version")).scalar()
            if version is None:
                conn.execute(insert(s.meta_table).values(key="schema_version", value=str(s.SCHEMA_VERSION)))

    @property
    def shown_url(self) -> str:
        """The store's URL fit for a terminal or a log: never its password."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------
    def has(self, sha256: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(s.articles.c.id).where(s.articles.c.sha256 == sha256)).first() is not None

    def add(self, record: Record, raw_text: str) -> int | None:
        """Store one record in its own transaction; None when these bytes are already stored."""
        sha = record.sha256 or record.id
        from selon.corpus import merge  # the corpus view follows each insert (selon.corpus)

        with self.engine.begin() as conn:
            # PostgreSQL: one article writer at a time, like SQLite.  Two writers each inserting new actors
            # would otherwise wait on each other's uncommitted rows (a deadlock when their orders cross).
            merge.write_lock(conn)
            if conn.execute(select(s.articles.c.id).where(s.articles.c.sha256 == sha)).first():
                return None
            art_id = self._insert(conn, record, raw_text, sha)
            if art_id is None:  # a concurrent ingest stored the same bytes first
                return None
            merge.add_article(conn, art_id)
            return art_id

    def _insert_ignore(self, table: Any, key: str) -> Any:
        """INSERT that does nothing when ``key`` is taken: another writer may have stored it since we looked."""
        if self.dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            return sqlite_insert(table).on_conflict_do_nothing(index_elements=[key])
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing(index_elements=[key])

    def _insert(self, conn: Connection, rec: Record, raw_text: str, sha: str) -> int | None:
        from selon.store import actors  # (writing only: the name normalisation it needs stays out of reads)

        art_id = conn.execute(self._insert_ignore(s.articles, "sha256").values(
            sha256=sha, doc_id=rec.id, path=rec.path, url=rec.url, title=rec.title, outlet=rec.outlet,
            published=rec.published, language=rec.language, raw_text=raw_text, body=rec.body,
            record=rec.to_json(), ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
        ).returning(s.articles.c.id)).scalar()
        if art_id is None:  # a concurrent ingest stored the same bytes first
            return None
        if self.dialect == "sqlite":
            conn.execute(text("INSERT INTO articles_fts(rowid, title, body) VALUES (:id, :title, :body)"),
                         {"id": art_id, "title": rec.title or "", "body": rec.body})
        ent_ids: dict[str, int] = {}
        for ent in rec.entities:
            actor_id = actors.link_actor(conn, ent)
            eid = conn.execute(insert(s.entities).values(
                article_id=art_id, local_id=ent.id, name=ent.name, type=ent.type, kb_id=ent.kb_id,
                actor_id=actor_id,
            ).returning(s.entities.c.id)).scalar_one()
            ent_ids[ent.id] = eid
            actors.record_entity(conn, actor_id, art_id, eid, ent)
            if ent.mentions:
                conn.execute(insert(s.mentions), [
                    {"entity_id": eid, "start": m.start, "end": m.end, "text": m.text} for m in ent.mentions
                ])
        for ev in rec.events:
            vid = conn.execute(insert(s.events).values(
                article_id=art_id, local_id=ev.id, type=ev.type, mode=ev.mode, date=ev.date,
                location=ev.location, modality=ev.modality, denies=ev.denies,
                evidence_start=ev.evidence.start, evidence_end=ev.evidence.end, evidence_text=ev.evidence.text,
            ).returning(s.events.c.id)).scalar_one()
            args = [
                {"event_id": vid, "role": role, "position": i, "entity_id": ent_ids[local]}
                for role, locals_ in (("actor", ev.actors), ("recipient", ev.recipients), ("source", ev.sources))
                for i, local in enumerate(locals_) if local in ent_ids
            ]
            if args:
                conn.execute(insert(s.event_args), args)
        if rec.quotes:
            conn.execute(insert(s.quotes), [
                {"article_id": art_id, "local_id": q.id, "speaker_entity_id": ent_ids.get(q.speaker or ""),
                 "start": q.start, "end": q.end, "text": q.text} for q in rec.quotes
            ])
        if rec.times:
            conn.execute(insert(s.times), [
                {"article_id": art_id, "start": t.start, "end": t.end, "text": t.text, "type": t.type,
                 "value": t.value, "inferred": bool(t.inferred)} for t in rec.times
            ])
        if rec.removed:
            conn.execute(insert(s.removed), [
                {"article_id": art_id, "start": r.start, "end": r.end, "kind": r.kind} for r in rec.removed
            ])
        return int(art_id)

    # -- reading ------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        tables = {"articles": s.articles, "entities": s.entities, "mentions": s.mentions, "actors": s.actors,
                  "events": s.events, "quotes": s.quotes, "times": s.times}
        with self.engine.connect() as conn:
            out = {name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                   for name, t in tables.items()}
            out["outlets"] = int(conn.execute(select(func.count(func.distinct(s.articles.c.outlet)))).scalar_one())
        return out

    def articles(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        a = s.articles
        n_events = select(func.count()).where(s.events.c.article_id == a.c.id).scalar_subquery()
        q = (select(a.c.id, a.c.doc_id, a.c.sha256, a.c.path, a.c.title, a.c.outlet, a.c.published,
                    a.c.language, n_events.label("events"))
             .order_by(a.c.id).limit(limit).offset(offset))
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(q)]

    def find_article(self, ident: str) -> dict[str, Any] | None:
        """An article by store id, input id, or a sha256 prefix (at least 6 hex digits)."""
        a = s.articles
        conds = [a.c.doc_id == ident]
        if ident.isdigit() and int(ident) <= s.MAX_ID:
            conds.append(a.c.id == int(ident))
        if len(ident) >= 6 and all(c in "0123456789abcdef" for c in ident.lower()):
            conds.append(a.c.sha256.startswith(ident.lower(), autoescape=True))
        with self.engine.connect() as conn:
            row = conn.execute(select(a).where(or_(*conds)).order_by(a.c.id).limit(1)).first()
        return dict(row._mapping) if row else None

    def record(self, ident: str) -> Record | None:
        row = self.find_article(ident)
        return Record.from_dict(json.loads(row["record"])) if row else None

    def iter_records(self) -> Iterator[Record]:
        with self.engine.connect() as conn:
            for row in conn.execution_options(stream_results=True).execute(
                    select(s.articles.c.record).order_by(s.articles.c.id)):
                yield Record.from_json(row[0])

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over titles and bodies (FTS5 on SQLite, tsvector on PostgreSQL): articles with
        every word of ``query``, whatever its case and accents; the words are data, never query syntax."""
        terms = fts.terms(query)
        if not terms:
            return []
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                rows = conn.execute(text(fts.SQLITE_SEARCH), {"q": fts.sqlite_match(terms), "n": limit})
                return [dict(r._mapping) for r in rows]
            rows = conn.execute(text(fts.POSTGRESQL_SEARCH), {"q": " ".join(terms), "n": limit})
            return [{**{k: v for k, v in r._mapping.items() if k != "body"}, "snippet": fts.snippet(r.body, terms)}
                    for r in rows]


def _no_nul(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
            _executemany: bool) -> tuple[str, Any]:
    """PostgreSQL text cannot hold NUL: a user's ``?q=%00`` or ``--outlet $'\\0'`` would be a query error.
    Each NUL becomes U+FFFD, one character for one, so it matches nothing and stored offsets stay true."""
    return statement, _scrub(parameters)


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_scrub(v) for v in value)
    return value


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()
