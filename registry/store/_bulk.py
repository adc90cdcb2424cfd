"""Bulk inserts for the store's write path.

Rows are tuples in the order of the column names given with them, ready
for the driver: JSON columns serialised to text, timestamps in the form
:func:`driver_time` gives. Nothing here touches a row's values.

SQLite gets ``INSERT … VALUES (…), (…), … ON CONFLICT`` statements of many
rows each (see :func:`_insert_sqlite` for why many), compiled by SQLAlchemy
once per table and columns. PostgreSQL gets one-row statements through the
driver's ``executemany`` for a few rows, and ``COPY`` for more: append-only rows
straight into their table, rows with a unique key into a temporary table
from which one ``INSERT … SELECT … ON CONFLICT`` (compiled by SQLAlchemy
like the other) moves them, so a row already stored is skipped or updated
exactly as on SQLite. Either way rows are written in the order given
(callers give them in key order, so that concurrent writers lock rows in
the same order).

Both skip SQLAlchemy's per-row parameter processing, which at a million
claims costs more than the database's own work. User text only ever
travels as parameters or as ``COPY`` data, never inside SQL.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from itertools import chain
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

#: Builds an ``ON CONFLICT`` clause from a dialect's insert statement.
ConflictClause = Callable[[Any], Any]


@functools.lru_cache(maxsize=256)  # a write stamps most rows with the same moment
def _sqlite_time(value: datetime | None) -> str | None:
    """The text SQLAlchemy's SQLite DATETIME type stores: naive UTC with microseconds."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _aware_time(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)  # naive means UTC throughout the registry


def driver_time(dialect_name: str) -> Callable[[datetime | None], Any]:
    """What turns a timestamp into the form ``dialect_name``'s driver
    stores; rows given to :func:`insert_rows` hold that form, converted
    once per value where they are built rather than row by row here."""
    return _sqlite_time if dialect_name == "sqlite" else _aware_time


def insert_rows(
    connection: Connection, table: sa.Table, columns: tuple[str, ...], rows: Sequence[tuple], *,
    key: tuple[str, ...] | None = None, on_conflict: ConflictClause | None = None, returning: tuple[str, ...] = (),
) -> list[Any]:
    """Insert ``rows`` (tuples of ``columns``, named in the table's order,
    timestamps as :func:`driver_time` makes them) into ``table``. With ``key``
    (the columns of a unique constraint), rows whose key is already stored
    are skipped, or handled by ``on_conflict``, which builds the ``ON
    CONFLICT`` clause from the dialect's insert statement (it must add no
    bound parameters of its own). Without ``key``, rows are appended.

    With ``returning`` (column names; only with ``key``), return those
    columns of the rows inserted, not of those skipped, in no particular
    order, instead of reading them back with another query."""
    if returning and key is None:
        raise ValueError("returning needs a key: appended rows are copied without it")
    if not rows:
        return []
    dialect_name = connection.dialect.name
    if dialect_name == "sqlite":
        return _insert_sqlite(connection, table, columns, rows, key, on_conflict, returning)
    if len(rows) >= COPY_FROM_ROWS:
        return _copy_rows(connection, table, columns, rows, key, on_conflict, returning)
    statement = _insert_statement(dialect_name, table, columns, key, on_conflict, returning)
    if not returning:
        connection.exec_driver_sql(statement, rows)
        return []
    # An executemany returns no rows: a statement per row (few rows come this way).
    return [found for row in rows for found in connection.exec_driver_sql(statement, row)]


#: Rows per SQLite statement (fewer where the parameter limit says so).
SQLITE_ROWS_PER_STATEMENT = 500


def _insert_sqlite(connection: Connection, table: sa.Table, columns: tuple[str, ...], rows: Sequence[tuple],
                   key: tuple[str, ...] | None, on_conflict: ConflictClause | None,
                   returning: tuple[str, ...]) -> list[Any]:
    """Many rows per statement: an FTS5 index kept current by an insert
    trigger (claims, fact-checks) writes its pending terms to disk at every
    statement that changes it (at the statement's savepoint), so a statement
    per row would cost a tiny index segment, and later merges, per claim:
    22 µs per claim against 8 µs in statements of 500."""
    import sqlite3

    limit = connection.connection.driver_connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per_statement = max(1, min(SQLITE_ROWS_PER_STATEMENT, limit // len(columns)))
    statement = _insert_statement("sqlite", table, columns, key, on_conflict, returning)
    whole = len(rows) - len(rows) % per_statement
    parameters = [tuple(chain.from_iterable(rows[start:start + per_statement]))
                  for start in range(0, whole, per_statement)]
    found: list[Any] = []
    if parameters and returning:  # an executemany returns no rows
        full = _values_for(statement, len(columns), per_statement)
        for values in parameters:
            found.extend(connection.exec_driver_sql(full, values).all())  # .all(): one fetch, not one a row
    elif parameters:
        connection.exec_driver_sql(_values_for(statement, len(columns), per_statement), parameters)
    if whole < len(rows):
        rest = rows[whole:]
        inserted = connection.exec_driver_sql(_values_for(statement, len(columns), len(rest)),
                                              tuple(chain.from_iterable(rest)))
        if returning:
            found.extend(inserted.all())
    return found


@functools.lru_cache(maxsize=256)
def _values_for(statement: str, width: int, count: int) -> str:
    """``statement`` (one row of ``width`` ``?`` parameters) taking ``count`` rows."""
    one = "(" + ", ".join("?" * width) + ")"
    if statement.count(one) != 1:
        raise AssertionError(f"not a one-row insert: {statement}")
    return statement.replace(one, ", ".join([one] * count))


@functools.lru_cache(maxsize=128)
def _insert_statement(dialect_name: str, table: sa.Table, columns: tuple[str, ...], key: tuple[str, ...] | None,
                      on_conflict: ConflictClause | None, returning: tuple[str, ...]) -> str:
    """``INSERT … VALUES (…) ON CONFLICT … RETURNING …`` with positional
    parameters in ``columns`` order."""
    if dialect_name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert, psycopg

        dialect: Any = psycopg.dialect(paramstyle="format")
    else:
        from sqlalchemy.dialects.sqlite import insert, pysqlite

        dialect = pysqlite.dialect()
    # inline(): no RETURNING of generated keys, which nothing here reads.
    statement = _with_returning(_with_conflict(insert(table).inline(), key, on_conflict), table, returning)
    compiled = statement.compile(dialect=dialect, column_keys=list(columns))
    if tuple(compiled.positiontup) != columns:  # the rows' order must be the statement's
        raise AssertionError(f"{table.name}: columns {columns} are not in the table's order")
    return compiled.string


def _with_returning(statement: Any, table: sa.Table, returning: tuple[str, ...]) -> Any:
    return statement.returning(*(table.c[name] for name in returning)) if returning else statement


def _with_conflict(statement: Any, key: tuple[str, ...] | None, on_conflict: ConflictClause | None) -> Any:
    if on_conflict is not None:
        return on_conflict(statement)
    if key is not None:
        return statement.on_conflict_do_nothing(index_elements=list(key))
    return statement


# -- PostgreSQL -----------------------------------------------------------------

#: From this many rows on, PostgreSQL gets them through ``COPY``. Fewer (the
#: rows of one document, as ``registry check`` writes, or of a few dozen) go
#: through ``executemany``: with 500 claims per transaction, creating the
#: staging tables cost more than ``COPY`` saved.
COPY_FROM_ROWS = 1000
_STAGING_PREFIX = "registry_staging_"


@functools.lru_cache(maxsize=64)
def _postgresql_move(table: sa.Table, columns: tuple[str, ...], key: tuple[str, ...],
                     on_conflict: ConflictClause | None, returning: tuple[str, ...]) -> str:
    """``INSERT INTO table … SELECT … FROM staging ON CONFLICT …``, the rows
    in the order they were copied (the staging table's physical order: it
    only ever received one ``COPY``)."""
    from sqlalchemy.dialects.postgresql import insert, psycopg

    staging = sa.table(_STAGING_PREFIX + table.name, *(sa.column(name) for name in (*columns, "ctid")))
    rows = sa.select(*(staging.c[name] for name in columns)).order_by(staging.c.ctid)
    statement = _with_returning(
        _with_conflict(insert(table).inline().from_select(list(columns), rows), key, on_conflict), table, returning)
    return str(statement.compile(dialect=psycopg.dialect()))


def _copy_rows(connection: Connection, table: sa.Table, columns: tuple[str, ...], rows: Sequence[tuple],
               key: tuple[str, ...] | None, on_conflict: ConflictClause | None,
               returning: tuple[str, ...]) -> list[Any]:
    from psycopg import sql

    names = sql.SQL(", ").join(sql.Identifier(name) for name in columns)
    target = sql.Identifier(table.name)
    if key is None:
        _copy(connection, sql.SQL("COPY {} ({}) FROM STDIN").format(target, names), rows)
        return []
    staging = sql.Identifier(_STAGING_PREFIX + table.name)
    # The staging table has the target's column types and no constraints; it
    # is dropped in the same transaction, so it never outlives the write.
    _run(connection, sql.SQL("CREATE TEMPORARY TABLE {} AS SELECT {} FROM {} WITH NO DATA")
         .format(staging, names, target))
    _copy(connection, sql.SQL("COPY {} ({}) FROM STDIN").format(staging, names), rows)
    moved = connection.exec_driver_sql(_postgresql_move(table, columns, key, on_conflict, returning))
    found = moved.all() if returning else []
    _run(connection, sql.SQL("DROP TABLE {}").format(staging))
    return found


def _run(connection: Connection, statement: Any) -> None:
    connection.exec_driver_sql(statement.as_string(connection.connection.driver_connection))


def _copy(connection: Connection, statement: Any, rows: Sequence[tuple]) -> None:
    """``COPY … FROM STDIN`` of ``rows`` in the connection's transaction; a
    driver error is raised as SQLAlchemy's, as for every other statement."""
    import psycopg

    driver = connection.connection.driver_connection
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    except psycopg.Error as error:
        raise sa.exc.DBAPIError.instance(statement.as_string(driver), None, error, psycopg.Error) from error
