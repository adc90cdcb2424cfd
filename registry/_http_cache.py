"""Where the run's HTTP cache keeps responses: a hishel storage backend on
the standard library's ``sqlite3``.

hishel decides what is cached and serves it; this module only stores. It
exists because hishel's own asynchronous SQLite storage hands every cursor
call to a worker thread (about 70 thread hops per cached request), which
made a first, cache-filling run 1.6 times slower than the same run without
a cache (see docs/benchmarks.md, "Concurrency"). Here each lookup or write is
one short synchronous statement in the event loop (WAL journal,
``synchronous=NORMAL``: no disk flush per write).

Secrets never reach the disk: request headers are not stored, and URL query
parameters that carry credentials (``key``, ``token``, ...) are stored
redacted. Lookups use hishel's key (a hash of the method and the full URL),
so redaction never mixes up two requests.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from hishel import AsyncBaseStorage, Entry, Headers, Request, Response

logger = logging.getLogger("registry.http")

SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    id TEXT PRIMARY KEY,
    cache_key TEXT NOT NULL,
    method TEXT NOT NULL,
    url TEXT NOT NULL,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    stored_at REAL NOT NULL,
    expires_at REAL
);
CREATE INDEX IF NOT EXISTS responses_by_key ON responses (cache_key, stored_at);
"""

CREDENTIAL_PARAMETERS = frozenset({
    "key", "api_key", "apikey", "access_token", "token", "auth", "password", "secret", "signature", "sig",
})


def redact_url(url: str) -> str:
    """``url`` with the values of credential-like query parameters replaced."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    query = [
        (name, "REDACTED" if name.lower() in CREDENTIAL_PARAMETERS else value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _headers_to_json(headers: Headers) -> str:
    return json.dumps([[name, value] for name in headers for value in headers.get_list(name) or []])


def _headers_from_json(text: str) -> Headers:
    grouped: dict[str, list[str]] = {}
    for name, value in json.loads(text):
        grouped.setdefault(name, []).append(value)
    return Headers(grouped)


async def _one_chunk(body: bytes) -> AsyncIterator[bytes]:
    yield body


class SqliteCacheStorage(AsyncBaseStorage):
    """Complete responses in one SQLite table, expired after their TTL.

    Follows hishel's storage contract: an entry becomes visible once its body
    has been read to the end; a body larger than ``max_stream_size`` is
    passed on but not stored; a storage failure is logged and never fails a
    request. Idle-time expiry (TTI) is not supported: the registry sets none.
    """

    def __init__(self, path: Path, *, default_ttl: float | None = None, max_stream_size: int | None = 20 * 1024 * 1024) -> None:
        super().__init__(default_ttl=default_ttl, max_stream_size=max_stream_size)
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._unusable = False

    def _connection(self) -> sqlite3.Connection | None:
        """The open database, or None once it proved unusable (said once)."""
        if self._db is None and not self._unusable:
            try:
                db = sqlite3.connect(self.path, isolation_level=None, timeout=5.0)
                try:
                    db.execute("PRAGMA journal_mode=WAL")
                except sqlite3.OperationalError:  # another process holds the lock; rollback journal will do
                    pass
                db.execute("PRAGMA synchronous=NORMAL")
                db.executescript(SCHEMA)
                db.execute("DELETE FROM responses WHERE expires_at IS NOT NULL AND expires_at <= ?", (time.time(),))
            except sqlite3.Error as exc:
                self._unusable = True
                logger.warning("HTTP cache %s: unusable, continuing without it: %s", self.path, exc)
                return None
            self._db = db
        return self._db

    async def create_entry(
        self, request: Request, response: Response, key: str, *, ttl: float | None = None, tti: float | None = None,
    ) -> Entry:
        entry_id = uuid.uuid4()
        now = time.time()
        expires_at, _ = self._limits(ttl, None, now)
        limit = self.max_stream_size

        async def saving_body() -> AsyncIterator[bytes]:
            chunks: list[bytes] = []
            size = 0
            assert response.stream is not None and hasattr(response.stream, "__aiter__")
            async for chunk in response.stream:
                yield chunk
                size += len(chunk)
                if limit is None or size <= limit:
                    chunks.append(chunk)
            # Reached only when the consumer read the whole body.
            if limit is None or size <= limit:
                self._save(entry_id, key, request, response, b"".join(chunks), now, expires_at)

        return Entry(
            id=entry_id, request=request,
            response=Response(status_code=response.status_code, headers=response.headers, stream=saving_body()),
        )

    def _save(
        self, entry_id: uuid.UUID, key: str, request: Request, response: Response, body: bytes,
        stored_at: float, expires_at: float | None,
    ) -> None:
        db = self._connection()
        if db is None:
            return
        try:
            db.execute(
                "INSERT INTO responses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (str(entry_id), key, request.method, redact_url(request.url), response.status_code,
                 _headers_to_json(response.headers), body, stored_at, expires_at),
            )
        except sqlite3.Error as exc:
            logger.warning("HTTP cache %s: cannot store a response: %s", self.path, exc)

    async def get_entries(self, key: str) -> list[Entry]:
        db = self._connection()
        if db is None:
            return []
        try:
            rows = db.execute(
                "SELECT id, method, url, status, headers, body FROM responses "
                "WHERE cache_key = ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY stored_at DESC",
                (key, time.time()),
            ).fetchall()
        except sqlite3.Error as exc:
            logger.warning("HTTP cache %s: cannot read: %s", self.path, exc)
            return []
        return [
            Entry(
                id=uuid.UUID(entry_id),
                request=Request(method=method, url=url),
                response=Response(status_code=status, headers=_headers_from_json(headers), stream=_one_chunk(body)),
            )
            for entry_id, method, url, status, headers, body in rows
        ]

    async def update_headers(self, id: uuid.UUID, headers: Headers) -> None:
        self._execute("UPDATE responses SET headers = ? WHERE id = ?", (_headers_to_json(headers), str(id)))

    async def remove_entry(self, id: uuid.UUID) -> None:
        self._execute("DELETE FROM responses WHERE id = ?", (str(id),))

    def _execute(self, sql: str, parameters: tuple) -> None:
        db = self._connection()
        if db is None:
            return
        try:
            db.execute(sql, parameters)
        except sqlite3.Error as exc:
            logger.warning("HTTP cache %s: %s", self.path, exc)

    async def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
