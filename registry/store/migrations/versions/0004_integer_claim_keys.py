"""Integer claim keys: appearances, check results, reviews, verdicts and
near-duplicate links refer to a claim by ``claims.pk`` instead of its id.

A claim id is a hash, so every index led by it was written at a scattered
page for each new claim; at a million claims those indexes outgrow the page
cache and every batch rewrote most of their pages. New claims get ascending
keys, so the same indexes are now appended to. A verdict's key is its
SQLite rowid (no separate index), and the verdict indexes end with the
claim key, so ``claims list`` reads its page in index order (claims
active at the same moment newest-stored first). A verdict row keeps the
machine verdict in its machine columns only beside a reviewer's verdict
(they repeated the current verdict before). A link keeps the lower key of
its pair first, as it kept the lower id.

The five tables are rebuilt (copied with their keys translated, every row
and primary key kept); quantities, which refer to appearances, are copied
aside and back.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_NEW = "_0004"  # suffix of a table while it is built
_VERDICT_FIELDS = ("status", "attribution_status", "confidence", "explanation", "decided_by")


def _claim_key(name: str = "claim_pk", **kwargs) -> sa.Column:
    return sa.Column(name, sa.Integer, sa.ForeignKey("claims.pk"), nullable=False, **kwargs)


def _tables() -> dict[str, tuple[list[sa.Column], str]]:
    """Each rebuilt table: its columns, and the SELECT giving its rows from
    the old table (aliased ``old``) in column order."""
    return {
        "appearances": ([
            sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
            _claim_key(),
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
        ], "SELECT old.pk, claims.pk, old.document_id, old.span_start, old.span_end, old.text, old.speaker, "
           "old.attribution, old.quantities, old.checkworthiness, old.checkworthy, old.features, old.seen_at "
           "FROM appearances AS old JOIN claims ON claims.id = old.claim_id ORDER BY old.pk"),
        "check_results": ([
            sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
            _claim_key(),
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
        ], "SELECT old.pk, claims.pk, old.document_id, old.checker, old.version, old.config_hash, "
           "old.input_hash, old.status, old.attribution_status, old.confidence, old.explanation, old.evidence, "
           "old.sources, old.attribution, old.error, old.elapsed_ms, old.checked_at "
           "FROM check_results AS old JOIN claims ON claims.id = old.claim_id ORDER BY old.pk"),
        "reviews": ([
            sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
            _claim_key(),
            sa.Column("status", sa.String(30), nullable=False),
            sa.Column("attribution_status", sa.String(30)),
            sa.Column("note", sa.Text, nullable=False),
            sa.Column("evidence", JSON, nullable=False),
            sa.Column("url", sa.Text),
            sa.Column("reviewer", sa.Text, nullable=False),
            sa.Column("reviewed_at", TIMESTAMP, nullable=False),
        ], "SELECT old.pk, claims.pk, old.status, old.attribution_status, old.note, old.evidence, old.url, "
           "old.reviewer, old.reviewed_at FROM reviews AS old JOIN claims ON claims.id = old.claim_id ORDER BY old.pk"),
        "verdicts": ([
            _claim_key(primary_key=True, autoincrement=False),
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
        ], "SELECT claims.pk, old.status, old.attribution_status, old.confidence, old.explanation, "
           "old.decided_by, old.origin, " + ", ".join(
               f"CASE WHEN old.origin = 'review' THEN old.machine_{name} END" for name in _VERDICT_FIELDS
           ) + ", old.updated_at FROM verdicts AS old JOIN claims ON claims.id = old.claim_id ORDER BY claims.pk"),
        "claim_links": ([
            _claim_key(primary_key=True),
            _claim_key("other_pk", primary_key=True),
            sa.Column("similarity", sa.Float, nullable=False),
            sa.Column("measure", sa.String(30), nullable=False),
            sa.Column("state", sa.String(10), nullable=False),
            sa.Column("created_at", TIMESTAMP, nullable=False),
        ], "SELECT CASE WHEN one.pk < other.pk THEN one.pk ELSE other.pk END AS low, "
           "CASE WHEN one.pk < other.pk THEN other.pk ELSE one.pk END AS high, "
           "old.similarity, old.measure, old.state, old.created_at FROM claim_links AS old "
           "JOIN claims AS one ON one.id = old.claim_id JOIN claims AS other ON other.id = old.other_id "
           "ORDER BY low, high"),
    }


_INDEXES = (
    ("uq_appearance", "appearances", ["claim_pk", "document_id", "span_start", "span_end"], True),
    ("ix_check_results_claim_pk", "check_results", ["claim_pk"], False),
    ("ix_reviews_claim_pk", "reviews", ["claim_pk"], False),
    ("ix_verdicts_status_updated", "verdicts", ["status", "updated_at", "claim_pk"], False),
    ("ix_verdicts_updated", "verdicts", ["updated_at", "claim_pk"], False),
    ("ix_claim_links_other_pk", "claim_links", ["other_pk"], False),
)


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    tables = _tables()
    # Quantities refer to appearances, which are dropped and rebuilt.
    op.execute("CREATE TABLE quantities_aside AS SELECT * FROM quantities")
    op.drop_table("quantities")
    for name, (columns, select) in tables.items():
        op.create_table(name + _NEW, *columns)
        op.execute(f"INSERT INTO {name}{_NEW} {select}")
    for name, (columns, _select) in tables.items():
        op.drop_table(name)  # with its indexes (and its unique constraint)
        op.rename_table(name + _NEW, name)
        if postgres:
            _rename_built_objects(name, serial=columns[0].name == "pk")
    for index, table, columns, unique in _INDEXES:
        op.create_index(index, table, columns, unique=unique)
    op.create_table(
        "quantities",
        sa.Column("appearance_pk", sa.Integer, sa.ForeignKey("appearances.pk"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit_key", sa.Text),
    )
    op.execute("INSERT INTO quantities (appearance_pk, position, value, unit_key) "
               "SELECT appearance_pk, position, value, unit_key FROM quantities_aside "
               "ORDER BY appearance_pk, position")
    op.drop_table("quantities_aside")
    op.create_index("ix_quantities_unit_key", "quantities", ["unit_key"])


def _rename_built_objects(table: str, *, serial: bool) -> None:
    """PostgreSQL names a table's constraints and key sequence after the
    table they were made with; give them the names a table created as
    ``table`` has, and let the key sequence go on after the copied keys."""
    bind = op.get_bind()
    built = table + _NEW
    for name in bind.execute(sa.text(
        "SELECT conname FROM pg_constraint WHERE conrelid = CAST(:table AS regclass) AND starts_with(conname, :built)"
    ), {"table": table, "built": built}).scalars().all():
        op.execute(f'ALTER TABLE {table} RENAME CONSTRAINT "{name}" TO "{table + name[len(built):]}"')
    if serial:
        sequence = bind.execute(sa.text("SELECT pg_get_serial_sequence(:table, 'pk')"), {"table": table}).scalar_one()
        op.execute(f"ALTER SEQUENCE {sequence} RENAME TO {table}_pk_seq")
        op.execute(f"SELECT setval('{table}_pk_seq', (SELECT COALESCE(max(pk), 0) + 1 FROM {table}), false)")


def downgrade() -> None:
    raise NotImplementedError("revision 0004 cannot be undone in place; restore the backup taken before upgrading")
