"""Narrower indexes on the write path: check results indexed by claim only,
appearances without an index by document.

The result cache is looked up by claim id, checker, version and config
hash; a claim has a few results, so an index by claim id finds them and
the rest is a filter. The index is a third of the old one's size, and
it serves ``claims show`` (a claim's results in order) as well.
Appearances were indexed by document for no query (they are read by claim,
and a document is never deleted). Both indexes are keyed by hashes, so each
new row wrote to a scattered page of each: at a million claims they outgrow
the page cache.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_appearances_document_id", table_name="appearances")
    op.drop_index("ix_check_results_cache", table_name="check_results")
    op.create_index("ix_check_results_claim_id", "check_results", ["claim_id"])


def downgrade() -> None:
    op.drop_index("ix_check_results_claim_id", table_name="check_results")
    op.create_index("ix_check_results_cache", "check_results", ["claim_id", "checker", "version", "config_hash"])
    op.create_index("ix_appearances_document_id", "appearances", ["document_id"])
