"""Full-text search over claims and fact-checks, the same three queries on
both engines (SQLite: an FTS5 index; PostgreSQL: a ``tsvector`` column with
a GIN index):

- every word, newest first (``registry claims search``): the newest rows
  come first, so the answer is fast however common the words are;
- any word, best match first (what checkers ask for: BM25 in SQLite,
  ``ts_rank`` in PostgreSQL).

Queries are :func:`registry.store._text.search_tokens` of the user's text,
so a number is found however its digits are grouped; they reach the
database only as bound parameters.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ._text import fts5_query, search_tokens, tsquery_text


def _sqlite(table: str, order: str) -> sa.TextClause:
    return sa.text(
        f"SELECT id FROM {table}_fts JOIN {table} ON {table}.pk = {table}_fts.rowid "
        f"WHERE {table}_fts MATCH :query {order} LIMIT :limit"
    )


def _postgresql(table: str, order: str) -> sa.TextClause:
    return sa.text(
        f"SELECT id FROM {table}, to_tsquery('simple', :query) AS query "
        f"WHERE search_vector @@ query {order} LIMIT :limit"
    )


# Fixed statements (table names are ours, never the user's); user text is
# only ever the :query parameter.
_NEWEST = {
    "sqlite": {t: _sqlite(t, f"ORDER BY {t}_fts.rowid DESC") for t in ("claims", "factchecks")},
    "postgresql": {t: _postgresql(t, "ORDER BY pk DESC") for t in ("claims", "factchecks")},
}
_BEST = {
    "sqlite": {t: _sqlite(t, f"ORDER BY {t}_fts.rank") for t in ("claims", "factchecks")},
    "postgresql": {t: _postgresql(t, "ORDER BY ts_rank(search_vector, query) DESC, pk DESC")
                   for t in ("claims", "factchecks")},
}
def _run(connection: Connection, statements: dict[str, sa.TextClause], groups: list[list[str]], limit: int) -> list[sa.Row]:
    if connection.dialect.name == "postgresql":
        statement, query = statements["postgresql"], tsquery_text(groups)
    else:
        statement, query = statements["sqlite"], fts5_query(groups)
    return connection.execute(statement, {"query": query, "limit": limit}).all()


def newest_with_all(connection: Connection, table: str, text: str, *, limit: int) -> list[str]:
    """Ids of the rows of ``table`` whose text has every word and number of
    ``text``, newest first."""
    tokens = list(dict.fromkeys(search_tokens(text)))
    if not tokens or limit <= 0:
        return []
    statements = {engine: by_table[table] for engine, by_table in _NEWEST.items()}
    return [row[0] for row in _run(connection, statements, [tokens], limit)]


def best_with_any(connection: Connection, table: str, text: str, *, limit: int) -> list[str]:
    """Ids of the rows of ``table`` sharing any word with ``text``, best match first."""
    tokens = list(dict.fromkeys(search_tokens(text)))
    if not tokens or limit <= 0:
        return []
    statements = {engine: by_table[table] for engine, by_table in _BEST.items()}
    return [row[0] for row in _run(connection, statements, [[token] for token in tokens], limit)]
