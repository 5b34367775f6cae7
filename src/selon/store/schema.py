"""The store's tables (SQLAlchemy Core): one schema for SQLite and PostgreSQL.

Articles keep their raw text and content hash; every entity, event, quote
and time row keeps the offsets into that text.  Per-article rows are written
in the article's own transaction, so an article is either whole or absent.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

SCHEMA_VERSION = 1
MAX_ID = 2**31 - 1  # ids are INTEGER: 32-bit on PostgreSQL; a larger one names nothing (never a query error)
metadata = MetaData()

meta_table = Table(
    "selon_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("doc_id", Text, nullable=False),
    Column("path", Text),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", String(32)),
    Column("language", String(16)),
    Column("raw_text", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("record", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
    Index("ix_articles_doc_id", "doc_id"),
    Index("ix_articles_outlet", "outlet"),
)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("kb_id", String(64)),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=True),
    UniqueConstraint("article_id", "local_id"),
    Index("ix_entities_actor", "actor_id"),
    Index("ix_entities_kb", "kb_id"),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_mentions_entity", "entity_id"),
)

actors = Table(
    "actors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("kb_id", String(64)),
    Index("ix_actors_name", "name"),
)

# Cross-document actors (selon.store.actors): what each actor was called, and the roles
# articles gave it, each with its source article; affiliations from the knowledge base.
actor_aliases = Table(
    "actor_aliases", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("norm", Text, nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Index("ix_actor_aliases_actor", "actor_id"),
    Index("ix_actor_aliases_norm", "norm"),
)

actor_roles = Table(
    "actor_roles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("role", Text, nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Index("ix_actor_roles_actor", "actor_id"),
)

actor_affiliations = Table(
    "actor_affiliations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("relation", String(32), nullable=False),
    Column("target_kb_id", String(64), nullable=False),
    Column("target_name", Text, nullable=False),
    Column("role", Text),
    Column("start", String(32)),
    Column("end", String(32)),
    Column("source", String(32), nullable=False),
    Index("ix_actor_affiliations_actor", "actor_id"),
)

# Keys under which an actor without a KB id can be found again (its name; its name's sound, for
# transliterations checked by spelling), so that "Ismael Qaani" and "Ismail Qaani" are one actor.
actor_keys = Table(
    "actor_keys", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("value", Text, nullable=False),
    UniqueConstraint("actor_id", "kind", "value"),
    Index("ix_actor_keys_value", "kind", "value"),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(32), nullable=False),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("date", String(32)),
    Column("location", Text),
    Column("modality", String(16), nullable=False),
    Column("denies", String(32)),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    UniqueConstraint("article_id", "local_id"),
    Index("ix_events_type", "type"),
    Index("ix_events_date", "date"),
)

event_args = Table(
    "event_args", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(16), nullable=False),  # actor | recipient | source
    Column("position", Integer, nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Index("ix_event_args_event", "event_id"),
    Index("ix_event_args_entity", "entity_id"),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(32)),
    Column("speaker_entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE")),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_quotes_article", "article_id"),
)

times = Table(
    "times", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", String(64)),
    Column("inferred", Boolean, nullable=False, default=False),
    Index("ix_times_article", "article_id"),
)

removed = Table(
    "removed", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Index("ix_removed_article", "article_id"),
)

# -- the corpus view (selon.corpus): reports merged into corpus events ---------------------------------
# Derived data: ``selon corpus rebuild`` recomputes all of it from the per-article tables, and the
# store keeps it current after each insert.  A corpus event is a set of reports (rows of ``events``);
# every report keeps its own row, so a merge can always be inspected and undone.

UNDATED = "9999-12-31"  # date_key of events that cannot be placed in time: they sort last

corpus_events = Table(
    "corpus_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("signature", Text, nullable=False),
    Column("date", String(32)),
    Column("date_precision", String(9), nullable=False),  # day | week | month | published | year | none
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("date_key", String(10), nullable=False),  # date_start, or UNDATED: the sort key
    Column("location", Text),
    Column("modality", String(16), nullable=False),
    Column("modalities", Text, nullable=False),  # JSON {modality: reports}
    Column("outlets", Text, nullable=False),  # JSON [outlet, ...]
    Column("n_reports", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    Index("ix_corpus_events_date", "date_key", "id"),
    Index("ix_corpus_events_type", "type", "date_key"),
)

corpus_reports = Table(
    "corpus_reports", metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("corpus_event_id", Integer, ForeignKey("corpus_events.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("signature", Text, nullable=False),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("date_precision", String(9), nullable=False),
    Index("ix_corpus_reports_corpus", "corpus_event_id"),
    Index("ix_corpus_reports_signature", "signature", "date_start"),
)

# Who takes part in each corpus event; the event's type and dates are copied here so that an actor's
# timeline, activity and ties are read from one covering index, in date order.
corpus_event_actors = Table(
    "corpus_event_actors", metadata,
    Column("corpus_event_id", Integer, ForeignKey("corpus_events.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(16), nullable=False),  # actor | recipient | source
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(16), nullable=False),
    Column("date_key", String(10), nullable=False),
    Column("date_end", String(10)),
    UniqueConstraint("corpus_event_id", "role", "actor_id"),
    Index("ix_corpus_event_actors_actor", "actor_id", "date_key", "corpus_event_id", "role", "type"),
)

# The actor network, aggregated: one row per (actor, recipient, event type) — or per pair of co-actors
# of events without a recipient (directed false, source < target).  Kept current with the corpus events.
corpus_ties = Table(
    "corpus_ties", metadata,
    Column("source_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True),
    Column("target_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True),
    Column("type", String(16), primary_key=True),
    Column("directed", Boolean, primary_key=True),
    Column("weight", Integer, nullable=False),
    Column("first", String(10)),
    Column("last", String(10)),
    Index("ix_corpus_ties_target", "target_id", "source_id"),
)

# Tie weights summed over types and directions, stored both ways round: an actor's strongest partners
# are the first rows of its (a, weight) index, however many partners it has.
corpus_pairs = Table(
    "corpus_pairs", metadata,
    Column("a", Integer, ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True),
    Column("b", Integer, ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True),
    Column("weight", Integer, nullable=False),
    Index("ix_corpus_pairs_strongest", "a", "weight"),
)

# How many corpus events each actor takes part in (as actor or recipient), and when: sizes the network.
corpus_actor_stats = Table(
    "corpus_actor_stats", metadata,
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True),
    Column("events", Integer, nullable=False),
    Column("first", String(10)),
    Column("last", String(10)),
    Index("ix_corpus_actor_stats_events", "events"),
)

corpus_links = Table(
    "corpus_links", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("from_event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("to_event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),  # denies
    Column("rule", String(32), nullable=False),  # explicit | quote | actor-window
    UniqueConstraint("from_event_id", "to_event_id", "kind"),
    Index("ix_corpus_links_to", "to_event_id"),
)
