"""Alembic environment for the registry's migrations.

Migrations run only programmatically (``registry db upgrade`` or the
creation of a fresh registry): the caller passes an open connection in
``config.attributes["connection"]``, so no ``alembic.ini`` is needed.
"""

from alembic import context

from registry.store._schema import VERSION_TABLE, metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table=VERSION_TABLE,
    render_as_batch=True,  # SQLite alters tables by copying them
)
with context.begin_transaction():
    context.run_migrations()
