"""Imported fact-checks (ClaimReview) with full-text search, and links
between near-duplicate claims.

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-21
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "factchecks",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(16), nullable=False, unique=True),
        sa.Column("claim_text", sa.Text, nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.Column("claimant", sa.Text),
        sa.Column("claim_date", TIMESTAMP),
        sa.Column("rating", sa.Text),
        sa.Column("rating_value", sa.Float),
        sa.Column("best_rating", sa.Float),
        sa.Column("worst_rating", sa.Float),
        sa.Column("review_url", sa.Text),
        sa.Column("review_title", sa.Text),
        sa.Column("review_date", TIMESTAMP),
        sa.Column("publisher", sa.Text),
        sa.Column("publisher_site", sa.Text),
        sa.Column("language", sa.Text),
        sa.Column("appearances", JSON, nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column("imported_at", TIMESTAMP, nullable=False),
    )
    op.create_table(
        "claim_links",
        sa.Column("claim_id", sa.String(16), sa.ForeignKey("claims.id"), primary_key=True),
        sa.Column("other_id", sa.String(16), sa.ForeignKey("claims.id"), primary_key=True),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Column("measure", sa.String(30), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
    )
    op.create_index("ix_claim_links_other_id", "claim_links", ["other_id"])

    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE factchecks ADD COLUMN search_vector tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
        )
        op.execute("CREATE INDEX ix_factchecks_search ON factchecks USING gin (search_vector)")
    else:
        # Re-importing a fact-check updates its row, so the FTS5 index
        # follows updates as well as inserts.
        op.execute(
            "CREATE VIRTUAL TABLE factchecks_fts USING fts5("
            "search_text, content='factchecks', content_rowid='pk', "
            "tokenize=\"unicode61 remove_diacritics 0 tokenchars '.'\")"
        )
        op.execute(
            "CREATE TRIGGER factchecks_fts_insert AFTER INSERT ON factchecks BEGIN "
            "INSERT INTO factchecks_fts(rowid, search_text) VALUES (new.pk, new.search_text); END"
        )
        op.execute(
            "CREATE TRIGGER factchecks_fts_update AFTER UPDATE OF search_text ON factchecks BEGIN "
            "INSERT INTO factchecks_fts(factchecks_fts, rowid, search_text) "
            "VALUES ('delete', old.pk, old.search_text); "
            "INSERT INTO factchecks_fts(rowid, search_text) VALUES (new.pk, new.search_text); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER factchecks_fts_update")
        op.execute("DROP TRIGGER factchecks_fts_insert")
        op.execute("DROP TABLE factchecks_fts")
    op.drop_table("claim_links")
    op.drop_table("factchecks")
