"""Full-text search over claims and fact-checks, the same three queries on
both engines (SQLite: an FTS5 index; PostgreSQL: a ``tsvector`` column with
a GIN index):

- every word, newest first (``registry claims search``): the newest rows
  come first, so the answer is fast however common the words are;
- any word, best match first (what checkers ask for: BM25 in SQLite,
  ``ts_rank`` in PostgreSQL), leaving out the words too common to tell
  claims apart (see :data:`COMMON_ROWS`).

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


# Which words are too common to search by. Ranking costs time for every row
# that has a word of the query, and function words are in most rows: with
# them, a best-match search took 2 ms in a registry of 700 claims and most
# of a second at 300,000. A word in more than 1% of the rows also weighs
# less in the ranking (BM25 gives it at most ln 99, about 4.6, against
# about ln N for a word in one row: 10 to 14), and the rarer words of a
# claim still find its near duplicates. With a tenth instead of 1% and
# 5,000 rows instead of 1,000, the consistency checker's answers on 300
# synthetic articles were the same and the run 12% slower, and the reads
# benchmarks/store_scale.py times took 13 ms instead of 4 ms (median) at
# 20,000 claims.
#: A word in more than this share of the rows is left out of a best-match search ...
COMMON_SHARE = 0.01
#: ... and so is a word in more rows than this, whatever their share, which
#: bounds the time a search takes in a large registry ...
COMMON_ROWS = 1000
#: ... but a word in this many rows or fewer always counts (a small registry).
RARE_ROWS = 50

# The same statement on both engines: rows are never deleted, so the highest
# key stands for the number of rows (at least as many, where a rolled-back
# insert used a key), read from the end of the primary key's index.
_ROWS = {t: sa.text(f"SELECT coalesce(max(pk), 0) FROM {t}") for t in ("claims", "factchecks")}
_COUNT_UP_TO = {
    "sqlite": {t: sa.text(f"SELECT count(*) FROM (SELECT 1 FROM {t}_fts WHERE {t}_fts MATCH :query LIMIT :cap)")
               for t in ("claims", "factchecks")},
    "postgresql": {t: sa.text(f"SELECT count(*) FROM (SELECT 1 FROM {t} "
                              f"WHERE search_vector @@ to_tsquery('simple', :query) LIMIT :cap) AS found")
                   for t in ("claims", "factchecks")},
}


class WordCounts:
    """Which words are too common to search a table by (see
    :data:`COMMON_SHARE`), remembered: a checker searches with the same
    words claim after claim. A word's rows are counted, up to the limit the
    table's size gives, when the word is first asked about; as the registry
    grows during a run, a remembered answer may fall behind, in either
    direction, until the registry is opened again."""

    def __init__(self) -> None:
        self._common: dict[tuple[str, str], bool] = {}

    def too_common(self, connection: Connection, table: str, token: str) -> bool:
        common = self._common.get((table, token))
        if common is None:
            engine = connection.dialect.name
            rows = connection.execute(_ROWS[table]).scalar_one()
            limit = min(COMMON_ROWS, max(RARE_ROWS, int(rows * COMMON_SHARE)))
            query = tsquery_text([[token]]) if engine == "postgresql" else fts5_query([[token]])
            count = connection.execute(_COUNT_UP_TO[engine][table], {"query": query, "cap": limit + 1}).scalar_one()
            common = self._common[(table, token)] = count > limit
        return common


def best_with_any(connection: Connection, table: str, text: str, *, limit: int, counts: WordCounts) -> list[str]:
    """Ids of the rows of ``table`` sharing any word with ``text`` (but the
    words ``counts`` finds too common), best match first; none when every
    word of ``text`` is too common."""
    tokens = [token for token in dict.fromkeys(search_tokens(text))
              if not counts.too_common(connection, table, token)]
    if not tokens or limit <= 0:
        return []
    statements = {engine: by_table[table] for engine, by_table in _BEST.items()}
    return [row[0] for row in _run(connection, statements, [[token] for token in tokens], limit)]
