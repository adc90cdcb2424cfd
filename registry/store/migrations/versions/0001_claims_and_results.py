"""Documents, claims, appearances, quantities, check results, reviews,
verdicts, and full-text search over claims.

Revision ID: 0001
Revises:
Create Date: 2026-01-20
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("uri", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("published", TIMESTAMP),
        sa.Column("retrieved", TIMESTAMP),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("stored_at", TIMESTAMP, nullable=False),
    )
    op.create_index("ix_documents_uri", "documents", ["uri"])

    op.create_table(
        "claims",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(16), nullable=False, unique=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.Column("link_key", sa.Text, nullable=False),
        sa.Column("claim_type", sa.String(20), nullable=False),
        sa.Column("first_seen", TIMESTAMP, nullable=False),
    )
    op.create_index("ix_claims_link_key", "claims", ["link_key"])

    op.create_table(
        "appearances",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("claim_id", sa.String(16), sa.ForeignKey("claims.id"), nullable=False),
        sa.Column("document_id", sa.String(16), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("attribution", JSON),
        sa.Column("quantities", JSON, nullable=False),
        sa.Column("checkworthiness", sa.Float, nullable=False),
        sa.Column("checkworthy", sa.Boolean, nullable=False),
        sa.Column("features", JSON, nullable=False),
        sa.Column("seen_at", TIMESTAMP, nullable=False),
        sa.UniqueConstraint("claim_id", "document_id", "span_start", "span_end", name="uq_appearance"),
    )
    op.create_index("ix_appearances_document_id", "appearances", ["document_id"])

    op.create_table(
        "quantities",
        sa.Column("appearance_pk", sa.Integer, sa.ForeignKey("appearances.pk"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit_key", sa.Text),
    )
    op.create_index("ix_quantities_unit_key", "quantities", ["unit_key"])

    op.create_table(
        "check_results",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("claim_id", sa.String(16), sa.ForeignKey("claims.id"), nullable=False),
        sa.Column("document_id", sa.String(16), sa.ForeignKey("documents.id")),
        sa.Column("checker", sa.Text, nullable=False),
        sa.Column("version", sa.Text, nullable=False),
        sa.Column("config_hash", sa.Text, nullable=False),
        sa.Column("input_hash", sa.String(16), nullable=False),
        sa.Column("status", sa.String(30)),
        sa.Column("attribution_status", sa.String(30)),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("evidence", JSON, nullable=False),
        sa.Column("sources", JSON, nullable=False),
        sa.Column("attribution", JSON),
        sa.Column("error", sa.Text),
        sa.Column("elapsed_ms", sa.Float, nullable=False),
        sa.Column("checked_at", TIMESTAMP, nullable=False),
    )
    op.create_index("ix_check_results_cache", "check_results", ["claim_id", "checker", "version", "config_hash"])

    op.create_table(
        "reviews",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("claim_id", sa.String(16), sa.ForeignKey("claims.id"), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("attribution_status", sa.String(30)),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("evidence", JSON, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("reviewer", sa.Text, nullable=False),
        sa.Column("reviewed_at", TIMESTAMP, nullable=False),
    )
    op.create_index("ix_reviews_claim_id", "reviews", ["claim_id"])

    op.create_table(
        "verdicts",
        sa.Column("claim_id", sa.String(16), sa.ForeignKey("claims.id"), primary_key=True),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("attribution_status", sa.String(30)),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("decided_by", sa.Text),
        sa.Column("origin", sa.String(10), nullable=False),
        sa.Column("machine_status", sa.String(30)),
        sa.Column("machine_attribution_status", sa.String(30)),
        sa.Column("machine_confidence", sa.Float),
        sa.Column("machine_explanation", sa.Text),
        sa.Column("machine_decided_by", sa.Text),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
    )
    op.create_index("ix_verdicts_status_updated", "verdicts", ["status", "updated_at"])
    op.create_index("ix_verdicts_updated", "verdicts", ["updated_at"])

    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE claims ADD COLUMN search_vector tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
        )
        op.execute("CREATE INDEX ix_claims_search ON claims USING gin (search_vector)")
    else:
        # An external-content FTS5 index over claims.search_text. Claims are
        # never updated or deleted, so an insert trigger keeps it current.
        op.execute(
            "CREATE VIRTUAL TABLE claims_fts USING fts5("
            "search_text, content='claims', content_rowid='pk', "
            "tokenize=\"unicode61 remove_diacritics 0 tokenchars '.'\")"
        )
        op.execute(
            "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "
            "INSERT INTO claims_fts(rowid, search_text) VALUES (new.pk, new.search_text); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER claims_fts_insert")
        op.execute("DROP TABLE claims_fts")
    for table in ("verdicts", "reviews", "check_results", "quantities", "appearances", "claims", "documents"):
        op.drop_table(table)
