"""Bulk inserts for the store's write path.

Each statement is compiled once per engine kind by SQLAlchemy (so the SQL,
including ``ON CONFLICT`` clauses, is SQLAlchemy's, for SQLite and
PostgreSQL alike) and its rows go straight to the driver's
``executemany``. This skips SQLAlchemy's per-row parameter processing,
which at a million claims costs more than the database's own work. Rows
must therefore be ready for the driver: JSON columns already serialised to
text, timestamps as :func:`driver_value` makes them. User text only ever
travels as parameters.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Dialect

from ._schema import UTCDateTime

Row = dict[str, Any]


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


def _insert_statement(dialect_name: str, table: sa.Table) -> Any:
    if dialect_name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


# Compiled statements by engine kind, table, columns and conflict clause.
_COMPILED: dict[tuple[Any, ...], tuple[str, tuple[str, ...], tuple[Callable[[Any], Any] | None, ...], bool]] = {}


def _compiled(
    dialect: Dialect, table: sa.Table, columns: tuple[str, ...], conflict: tuple[str, ...] | None,
    on_conflict: Callable[[Any], Any] | None,
) -> tuple[str, tuple[str, ...], tuple[Callable[[Any], Any] | None, ...], bool]:
    key = (type(dialect), dialect.paramstyle, table.name, columns, conflict, on_conflict)
    if key not in _COMPILED:
        statement = _insert_statement(dialect.name, table)
        if on_conflict is not None:
            statement = on_conflict(statement)
        elif conflict is not None:
            statement = statement.on_conflict_do_nothing(index_elements=list(conflict))
        compiled = statement.compile(dialect=dialect, column_keys=list(columns))
        names = tuple(compiled.positiontup) if compiled.positional else columns
        convert = _sqlite_time if dialect.name == "sqlite" else _aware_time
        converters = tuple(convert if isinstance(table.c[name].type, UTCDateTime) else None for name in names)
        _COMPILED[key] = (compiled.string, names, converters, bool(compiled.positional))
    return _COMPILED[key]


def insert_rows(
    connection: Connection, table: sa.Table, rows: Sequence[Row], *,
    conflict: tuple[str, ...] | None = None, on_conflict: Callable[[Any], Any] | None = None,
) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table``; with
    ``conflict``, rows whose key already exists are skipped; ``on_conflict``
    builds another ``ON CONFLICT`` clause from the dialect's insert statement
    (it must add no bound parameters of its own)."""
    if not rows:
        return
    columns = tuple(rows[0])
    sql, names, converters, positional = _compiled(connection.dialect, table, columns, conflict, on_conflict)
    pairs = tuple(zip(names, converters))
    if positional:
        params: list[Any] = [tuple(row[n] if c is None else c(row[n]) for n, c in pairs) for row in rows]
    else:
        params = [{n: row[n] if c is None else c(row[n]) for n, c in pairs} for row in rows]
    connection.exec_driver_sql(sql, params)
