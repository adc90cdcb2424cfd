"""The registry's tables as SQLAlchemy Core objects, for queries.

The tables are created and changed only by the Alembic migrations in
``registry/store/migrations``; this module must describe the newest
revision. Engine-specific full-text search objects (an FTS5 table in
SQLite, a generated ``tsvector`` column with a GIN index in PostgreSQL) live
only in the migrations and are reached through :mod:`registry.store._search`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    case,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator

#: Alembic's version table; named for this project so that a PostgreSQL
#: database shared with other applications keeps theirs apart.
VERSION_TABLE = "registry_schema_version"
#: The migrations' revisions, oldest first; the last one is what this module
#: describes. (A test checks this against the migration files.)
SCHEMA_REVISIONS = ("0001", "0002", "0003", "0004", "0005")


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite
    keeps no zone, so a naive value is UTC by convention)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        utc = aware.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


JSONValue = JSON().with_variant(JSONB(), "postgresql")

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", String(16), primary_key=True, comment="hash of uri and content hash"),
    Column("uri", Text, nullable=False, index=True),
    Column("content_hash", String(64), nullable=False),
    Column("location", Text, nullable=False),
    Column("title", Text),
    Column("publisher", Text),
    Column("author", Text),
    Column("published", UTCDateTime),
    Column("retrieved", UTCDateTime),
    Column("media_type", String(100), nullable=False),
    Column("text", Text, nullable=False),
    Column("stored_at", UTCDateTime, nullable=False),
)

claims = Table(
    "claims", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(16), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("search_text", Text, nullable=False),
    Column("link_key", Text, nullable=False, index=True, comment="near-duplicate candidates share it"),
    Column("claim_type", String(20), nullable=False),
    Column("first_seen", UTCDateTime, nullable=False),
)

# A claim's rows in the tables below refer to it by its integer key, not by
# its id (a hash): new claims get ascending keys, so the indexes led by the
# key are appended to rather than written at scattered pages.

appearances = Table(
    "appearances", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("claim_pk", Integer, ForeignKey("claims.pk"), nullable=False),
    Column("document_id", String(16), ForeignKey("documents.id"), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    # Empty when it is the claim's text (nearly always): see APPEARANCE_TEXT.
    Column("text", Text, nullable=False),
    Column("speaker", Text),
    Column("attribution", JSONValue),
    Column("quantities", JSONValue, nullable=False),
    Column("checkworthiness", Float, nullable=False),
    Column("checkworthy", Boolean, nullable=False),
    Column("features", JSONValue, nullable=False),
    Column("seen_at", UTCDateTime, nullable=False),
    Index("uq_appearance", "claim_pk", "document_id", "span_start", "span_end", unique=True),
)

#: An appearance's text as read: the claim's text where the stored one is
#: empty (an appearance is never stored empty otherwise: an empty span
#: takes the claim's text).
APPEARANCE_TEXT = case((appearances.c.text == "", claims.c.text), else_=appearances.c.text)

quantities = Table(
    "quantities", metadata,
    Column("appearance_pk", Integer, ForeignKey("appearances.pk"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("value", Float, nullable=False),
    Column("unit_key", Text, index=True, comment="lower-cased unit or counted noun"),
    # SQLite: the primary key is the table (no rowid table beside its index).
    sqlite_with_rowid=False,
)

check_results = Table(
    "check_results", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("claim_pk", Integer, ForeignKey("claims.pk"), nullable=False),
    Column("document_id", String(16), ForeignKey("documents.id")),
    Column("checker", Text, nullable=False),
    Column("version", Text, nullable=False),
    Column("config_hash", Text, nullable=False),
    Column("input_hash", String(16), nullable=False),
    Column("status", String(30)),
    Column("attribution_status", String(30)),
    Column("confidence", Float, nullable=False),
    Column("explanation", Text, nullable=False),
    Column("evidence", JSONValue, nullable=False),
    Column("sources", JSONValue, nullable=False),
    Column("attribution", JSONValue),
    Column("error", Text),
    Column("elapsed_ms", Float, nullable=False),
    Column("checked_at", UTCDateTime, nullable=False),
    # By claim only: the cache look-up filters a claim's few results.
    Index("ix_check_results_claim_pk", "claim_pk"),
)

reviews = Table(
    "reviews", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("claim_pk", Integer, ForeignKey("claims.pk"), nullable=False, index=True),
    Column("status", String(30), nullable=False),
    Column("attribution_status", String(30)),
    Column("note", Text, nullable=False),
    Column("evidence", JSONValue, nullable=False),
    Column("url", Text, comment="the published fact-check, if any"),
    Column("reviewer", Text, nullable=False),
    Column("reviewed_at", UTCDateTime, nullable=False),
)

verdicts = Table(
    "verdicts", metadata,
    # SQLite: the table's rowid, so the verdict is found without an index.
    Column("claim_pk", Integer, ForeignKey("claims.pk"), primary_key=True, autoincrement=False),
    Column("status", String(30), nullable=False),
    Column("attribution_status", String(30)),
    Column("confidence", Float, nullable=False),
    Column("explanation", Text, nullable=False),
    Column("decided_by", Text),
    Column("origin", String(10), nullable=False, comment="review or machine"),
    # The newest machine verdict beside a reviewer's verdict (NULL while
    # the machine verdict is the current one, which the columns above hold).
    Column("machine_status", String(30)),
    Column("machine_attribution_status", String(30)),
    Column("machine_confidence", Float),
    Column("machine_explanation", Text),
    Column("machine_decided_by", Text),
    Column("updated_at", UTCDateTime, nullable=False),
    # With the claim key last, `claims list` reads its page in index order.
    Index("ix_verdicts_status_updated", "status", "updated_at", "claim_pk"),
    Index("ix_verdicts_updated", "updated_at", "claim_pk"),
)

factchecks = Table(
    "factchecks", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(16), nullable=False, unique=True),
    Column("claim_text", Text, nullable=False),
    Column("search_text", Text, nullable=False),
    Column("claimant", Text),
    Column("claim_date", UTCDateTime),
    Column("rating", Text),
    Column("rating_value", Float),
    Column("best_rating", Float),
    Column("worst_rating", Float),
    Column("review_url", Text),
    Column("review_title", Text),
    Column("review_date", UTCDateTime),
    Column("publisher", Text),
    Column("publisher_site", Text),
    Column("language", Text),
    Column("appearances", JSONValue, nullable=False),
    Column("origin", Text),
    Column("imported_at", UTCDateTime, nullable=False),
)

claim_links = Table(
    "claim_links", metadata,
    Column("claim_pk", Integer, ForeignKey("claims.pk"), primary_key=True, comment="the lower key of the pair"),
    Column("other_pk", Integer, ForeignKey("claims.pk"), primary_key=True, index=True),
    Column("similarity", Float, nullable=False),
    Column("measure", String(30), nullable=False),
    Column("state", String(10), nullable=False, comment="linked or suggested"),
    Column("created_at", UTCDateTime, nullable=False),
)
