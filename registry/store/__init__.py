"""The persistent claim registry (public submodule).

One claim seen in ten documents is one claim with ten appearances; every
check result and every human review is kept with who made it and when; a
team shares one registry on PostgreSQL, a single user keeps one in a SQLite
file. :func:`open_store` opens (or creates) it; checkers read it through
``ctx.store``, a :class:`RegistryReader`.

Where the registry is, its schema revisions and its errors: see
:mod:`registry.store._connect`; what is stored and how: see
:mod:`registry.store._store`; docs/store.md for users.
"""

from __future__ import annotations

from typing import Any

from ..errors import StoreError
from ._connect import (
    Location,
    check_sqlite_file,
    create_engine,
    default_db_path,
    known_revisions,
    lock_schema,
    migrate,
    refusal,
    resolve_location,
    schema_state,
    translated_errors,
    use_wal,
    write_transaction,
)
from ._records import ClaimLink, ClaimRecord, ClaimSummary, Review, StoredResult, StoredVerdict
from ._store import RegistryReader, RegistryStore, malformed_claim_id
from ._text import AUTO_LINK_THRESHOLD, SIMILARITY_MEASURE, SUGGEST_THRESHOLD, search_text, similarity

__all__ = [
    "AUTO_LINK_THRESHOLD",
    "ClaimLink",
    "ClaimRecord",
    "ClaimSummary",
    "Location",
    "RegistryReader",
    "RegistryStore",
    "Review",
    "SIMILARITY_MEASURE",
    "SUGGEST_THRESHOLD",
    "StoreError",
    "StoredResult",
    "StoredVerdict",
    "default_db_path",
    "malformed_claim_id",
    "open_store",
    "open_store_for_run",
    "resolve_location",
    "schema_revision",
    "search_text",
    "similarity",
    "upgrade_database",
]


def open_store(url: str | None = None, *, settings: Any = None, create: bool = True) -> RegistryStore:
    """Open the registry at ``url`` (else ``REGISTRY_DB``, config ``db``, or
    the default file), creating it at the newest schema revision when it is
    new and ``create`` is true. A registry at another revision, a foreign or
    corrupt file, or an unreachable server is a one-line :class:`StoreError`,
    and nothing is written to it."""
    location = resolve_location(url, settings)
    check_sqlite_file(location, create=create)
    engine = create_engine(location)
    try:
        with translated_errors(location):
            with engine.connect() as connection:
                state = schema_state(connection)
            problem = refusal(location, state, create=create)
            if problem:
                raise StoreError(problem)
            if location.is_sqlite:
                use_wal(engine)
            if state.revision is None:
                with write_transaction(engine) as connection:
                    lock_schema(connection)
                    # Another process may have created it since we looked.
                    state = schema_state(connection)
                    problem = refusal(location, state, create=create)
                    if problem:
                        raise StoreError(problem)
                    if state.revision is None:
                        migrate(connection)
    except BaseException:
        engine.dispose()
        raise
    return RegistryStore(engine, location)


def open_store_for_run(db: str | None, settings: Any) -> RegistryStore:
    """Open the registry for a ``registry check`` run (created if new)."""
    return open_store(db, settings=settings, create=True)


def schema_revision(url: str | None = None, *, settings: Any = None) -> tuple[str | None, str]:
    """The registry's schema revision (None for an empty database) and the
    newest one this package knows; nothing is written."""
    location = resolve_location(url, settings)
    check_sqlite_file(location, create=False)
    engine = create_engine(location)
    try:
        with translated_errors(location), engine.connect() as connection:
            state = schema_state(connection)
    finally:
        engine.dispose()
    return state.revision, known_revisions()[0]


def upgrade_database(url: str | None = None, *, settings: Any = None) -> tuple[str | None, str]:
    """Migrate the registry to the newest schema revision (creating it when
    new) and return the revisions before and after. A database of another
    application, or at a revision newer than this package knows, is refused."""
    location = resolve_location(url, settings)
    check_sqlite_file(location, create=True)
    engine = create_engine(location)
    head, revisions = known_revisions()
    try:
        with translated_errors(location):
            with engine.connect() as connection:
                state = schema_state(connection)
            problem = refusal(location, state, create=True)
            if problem and state.revision in revisions and state.revision != head:
                problem = None  # an older revision is what an upgrade is for
            if problem:
                raise StoreError(problem)
            if location.is_sqlite:
                use_wal(engine)
            with write_transaction(engine) as connection:
                lock_schema(connection)
                before = schema_state(connection).revision
                migrate(connection)
    finally:
        engine.dispose()
    return before, head
