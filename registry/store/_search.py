"""Full-text search over claims and fact-checks, one function for both
engines: SQLite's FTS5 index ranked by BM25, PostgreSQL's ``tsvector``
with a GIN index ranked by ``ts_rank``.

Queries are :func:`registry.store._text.search_tokens` of the user's text,
so a number is found however its digits are grouped; they reach the
database only as bound parameters.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ._text import fts5_query, search_tokens, tsquery_text

# Fixed statements per engine and table; user text is only ever a parameter.
_SQLITE = {
    "claims": sa.text(
        "SELECT claims.id FROM claims_fts JOIN claims ON claims.pk = claims_fts.rowid "
        "WHERE claims_fts MATCH :query ORDER BY claims_fts.rank LIMIT :limit"
    ),
    "factchecks": sa.text(
        "SELECT factchecks.id FROM factchecks_fts JOIN factchecks ON factchecks.pk = factchecks_fts.rowid "
        "WHERE factchecks_fts MATCH :query ORDER BY factchecks_fts.rank LIMIT :limit"
    ),
}
_POSTGRESQL = {
    "claims": sa.text(
        "SELECT id FROM claims, to_tsquery('simple', :query) AS query "
        "WHERE search_vector @@ query ORDER BY ts_rank(search_vector, query) DESC, pk DESC LIMIT :limit"
    ),
    "factchecks": sa.text(
        "SELECT id FROM factchecks, to_tsquery('simple', :query) AS query "
        "WHERE search_vector @@ query ORDER BY ts_rank(search_vector, query) DESC, pk DESC LIMIT :limit"
    ),
}


def matching_ids(
    connection: Connection, table: str, text: str, *, limit: int, any_token: bool = False
) -> list[str]:
    """Ids of the rows of ``table`` (``claims`` or ``factchecks``) whose
    text has every word of ``text`` (any word with ``any_token``), best
    match first."""
    return matching_token_ids(connection, table, search_tokens(text), limit=limit, any_token=any_token)


def matching_token_ids(
    connection: Connection, table: str, tokens: list[str], *, limit: int, any_token: bool = False
) -> list[str]:
    """Like :func:`matching_ids` for tokens already in search form."""
    tokens = list(dict.fromkeys(tokens))
    if not tokens or limit <= 0:
        return []
    if connection.dialect.name == "postgresql":
        statement, query = _POSTGRESQL[table], tsquery_text(tokens, any_token=any_token)
    else:
        statement, query = _SQLITE[table], fts5_query(tokens, any_token=any_token)
    return [row[0] for row in connection.execute(statement, {"query": query, "limit": limit})]
