"""An appearance's text is stored empty when it is its claim's text (read
back as the claim's text), and SQLite keeps quantities in a WITHOUT ROWID
table.

A claim is nearly always read in the words it was found in, so every
appearance repeated its claim's text (about 100 bytes a claim). An empty
text cannot be a real appearance's: one is never stored empty (an empty
span takes the claim's text), so it is free to mean "the claim's text";
rows written before keep their text and read the same.

SQLite stored each quantity in its rowid table and again in the index of
its primary key (appearance, position); WITHOUT ROWID, the primary key is
the table. PostgreSQL's table is left as it is (it has no rowid).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE appearances SET text = '' "
               "WHERE text = (SELECT claims.text FROM claims WHERE claims.pk = appearances.claim_pk)")
    if op.get_bind().dialect.name != "sqlite":
        return
    op.create_table(
        "quantities_0005",
        sa.Column("appearance_pk", sa.Integer, sa.ForeignKey("appearances.pk"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit_key", sa.Text),
        sqlite_with_rowid=False,
    )
    op.execute("INSERT INTO quantities_0005 (appearance_pk, position, value, unit_key) "
               "SELECT appearance_pk, position, value, unit_key FROM quantities ORDER BY appearance_pk, position")
    op.drop_table("quantities")  # with its unit index
    op.rename_table("quantities_0005", "quantities")
    op.create_index("ix_quantities_unit_key", "quantities", ["unit_key"])


def downgrade() -> None:
    raise NotImplementedError("revision 0005 cannot be undone in place; restore the backup taken before upgrading")
