"""The run's shared HTTP client, as checkers see it through ``ctx.http``.

One ``httpx.AsyncClient`` per run, whose transport is a stack of layers
(outermost first):

1. an HTTP cache for GET/HEAD (hishel's transport over the SQLite storage of
   :mod:`registry._http_cache`, under the registry home or the user cache
   directory): a successful response is kept for ``cache_ttl`` seconds
   whatever its caching headers say, so a re-run makes no repeated requests;
2. retries with exponential backoff and jitter (stamina) for 429, 5xx and
   transport errors, honouring ``Retry-After``;
3. a global limit and a per-host limit on requests in flight (a slot is held
   until the response body is closed);
4. the network: pools of at most 8 connections each (HTTP/2 when ``h2`` is
   installed; see :class:`ShardedPoolTransport`), or the transport a test
   injects.

Settings come from the ``[http]`` table of ``registry.toml`` and
``REGISTRY_HTTP_<KEY>`` variables (see :class:`HttpConfig`); the run's
``concurrency`` is the global limit and ``timeout`` the per-request timeout.
Counters (:class:`HttpStats`) are kept per checker: the pipeline names the
checker making a call with :data:`current_checker`, and the end of its
per-call timeout with :data:`call_deadline`, past which no retry waits.
"""

from __future__ import annotations

import asyncio
import contextvars
import email.utils
import importlib.util
import logging
import os
from collections import defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import stamina
from pydantic import BaseModel, Field

from ._config import validate_table
from .errors import ConfigError

logger = logging.getLogger("registry.http")
# stamina logs every scheduled retry at WARNING; with no logging configured
# Python would print each one to stderr. Retries are counted in HttpStats
# instead; an application that configures logging still receives them.
logging.getLogger("stamina").addHandler(logging.NullHandler())

#: The checker on whose behalf the current task makes HTTP requests (set by
#: the pipeline around each ``Checker.check`` call); None outside checkers.
current_checker: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "registry_current_checker", default=None
)

#: When the checker call of the current task must end, in the event loop's
#: time (set by the pipeline around each ``Checker.check`` call); None
#: outside checkers. Retries give up before a wait that would end after it.
call_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "registry_call_deadline", default=None
)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Methods that may be sent twice without changing anything on the server.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
ENV_PREFIX = "REGISTRY_HTTP_"
#: Connections per pool of :class:`ShardedPoolTransport`.
POOL_SHARD_SIZE = 8


class HttpConfig(BaseModel):
    """The ``[http]`` table of ``registry.toml``; every key can be
    overridden by ``REGISTRY_HTTP_<KEY>``."""

    per_host: int = Field(default=8, ge=1, description="Requests in flight to one host.")
    attempts: int = Field(default=4, ge=1, description="Tries per request, the first included.")
    backoff_initial: float = Field(default=0.5, ge=0, description="First wait before a retry (s).")
    backoff_max: float = Field(default=10.0, ge=0, description="Longest wait between retries (s).")
    backoff_jitter: float = Field(default=1.0, ge=0, description="Random extra wait, at most (s).")
    retry_after_max: float = Field(
        default=30.0, ge=0,
        description="A Retry-After longer than this is not waited for: the response is returned.",
    )
    http2: bool = Field(default=True, description="Use HTTP/2 where the server offers it and h2 is installed.")
    cache: bool | None = Field(
        default=None,
        description="HTTP cache for GET/HEAD; default on, except when a test injects a transport.",
    )
    cache_ttl: float = Field(default=86400.0, gt=0, description="Seconds a cached response is reused.")
    cache_path: Path | None = Field(default=None, description="SQLite file of the HTTP cache.")


def http_config(settings: Any) -> HttpConfig:
    """Validate the ``[http]`` table of ``settings.raw`` with its environment
    overrides; a bad value is a one-line :class:`ConfigError` naming the key."""
    table = settings.raw.get("http", {}) if settings is not None else {}
    if not isinstance(table, dict):
        raise ConfigError("config [http]: must be a table")
    return validate_table(table, HttpConfig, ENV_PREFIX, "config [http]")


def default_cache_path() -> Path:
    """``$REGISTRY_HOME/cache/http.db``, else ``http.db`` in the user cache directory."""
    home = os.environ.get("REGISTRY_HOME")
    if home:
        return Path(home) / "cache" / "http.db"
    import platformdirs

    return Path(platformdirs.user_cache_dir("claim-registry")) / "http.db"


@dataclass
class HttpCounters:
    """What the HTTP layer did for one checker (or outside checkers)."""

    requests: int = 0
    """Requests sent to the network, each retry included."""
    cache_hits: int = 0
    retries: int = 0
    errors: int = 0
    """Requests that failed for good (transport error after the last try)."""


@dataclass
class HttpStats:
    """Counters per checker name (None: requests made outside any checker)."""

    by_checker: dict[str | None, HttpCounters] = field(default_factory=lambda: defaultdict(HttpCounters))

    def current(self) -> HttpCounters:
        return self.by_checker[current_checker.get()]

    @property
    def total(self) -> HttpCounters:
        """The sum over every checker."""
        summed = HttpCounters()
        for counters in self.by_checker.values():
            summed.requests += counters.requests
            summed.cache_hits += counters.cache_hits
            summed.retries += counters.retries
            summed.errors += counters.errors
        return summed


class RegistryHttpClient(httpx.AsyncClient):
    """The ``httpx.AsyncClient`` of a run, with its :class:`HttpStats`."""

    def __init__(self, *args: Any, stats: HttpStats, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stats = stats


# -- layer 3: limits on requests in flight -------------------------------------


class _ReleasingStream(httpx.AsyncByteStream):
    """A response body that gives its request slots back when closed."""

    def __init__(self, inner: httpx.AsyncByteStream, release: Any) -> None:
        self._inner = inner
        self._release = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._inner.aclose()
        finally:
            self._release()


class LimitingTransport(httpx.AsyncBaseTransport):
    """At most ``total`` requests in flight, and ``per_host`` to any one
    host (scheme, host, port). A request holds its slots until its response
    body is closed, so a slow body counts as a request in flight."""

    def __init__(self, inner: httpx.AsyncBaseTransport, *, total: int, per_host: int, stats: HttpStats) -> None:
        self._inner = inner
        self._total = asyncio.Semaphore(total)
        self._per_host_limit = per_host
        self._per_host: dict[tuple[str, str, int | None], asyncio.Semaphore] = {}
        self._stats = stats

    def _host_semaphore(self, url: httpx.URL) -> asyncio.Semaphore:
        key = (url.scheme, url.host, url.port)
        if key not in self._per_host:
            self._per_host[key] = asyncio.Semaphore(self._per_host_limit)
        return self._per_host[key]

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        host = self._host_semaphore(request.url)
        # The per-host slot first: a request waiting for a busy host must not
        # hold one of the global slots that other hosts could use.
        await host.acquire()
        try:
            await self._total.acquire()
        except BaseException:
            host.release()
            raise
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                self._total.release()
                host.release()

        try:
            self._stats.current().requests += 1
            response = await self._inner.handle_async_request(request)
        except BaseException:
            release()
            raise
        if response.is_closed:  # already read (an in-memory response from a test transport)
            release()
            return response
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _ReleasingStream(response.stream, release)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


class ShardedPoolTransport(httpx.AsyncBaseTransport):
    """Several small connection pools instead of one large one, each request
    going to the pool with the fewest requests in flight.

    httpcore's pool re-examines every connection it holds (a socket poll
    each) whenever a request starts or ends, so its cost grows with the
    square of the pool size; pools of :data:`POOL_SHARD_SIZE` connections
    keep a run at concurrency 32 from spending its CPU there.
    """

    def __init__(self, total: int, *, http2: bool) -> None:
        shards = max(1, -(-total // POOL_SHARD_SIZE))
        size = -(-total // shards)
        self._pools = [
            httpx.AsyncHTTPTransport(
                http2=http2, limits=httpx.Limits(max_connections=size, max_keepalive_connections=size),
            )
            for _ in range(shards)
        ]
        self._busy = [0] * shards

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        shard = min(range(len(self._pools)), key=self._busy.__getitem__)
        self._busy[shard] += 1
        done = False

        def finished() -> None:
            nonlocal done
            if not done:
                done = True
                self._busy[shard] -= 1

        try:
            response = await self._pools[shard].handle_async_request(request)
        except BaseException:
            finished()
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _ReleasingStream(response.stream, finished)
        return response

    async def aclose(self) -> None:
        for pool in self._pools:
            await pool.aclose()


# -- layer 2: retries ----------------------------------------------------------


class _RetryableStatus(Exception):
    """A response whose status says "try again later"; carries the response
    (already read) so the last one can be returned to the caller."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an
    HTTP date), or None when absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _time_left_in_call() -> float | None:
    """Seconds until :data:`call_deadline`, or None outside a checker call.
    Never 0, which stamina reads as "no retries" and warns about: past the
    deadline the call is being cancelled anyway."""
    deadline = call_deadline.get()
    if deadline is None:
        return None
    return max(deadline - asyncio.get_running_loop().time(), 0.001)


class RetryingTransport(httpx.AsyncBaseTransport):
    """Retries 429/5xx responses and transport errors with exponential
    backoff and jitter (stamina). ``Retry-After`` replaces the backoff; one
    longer than ``retry_after_max`` ends the retries. Requests that are not
    idempotent are retried only when the server cannot have acted on them
    (429, or no connection). Inside a checker call no retry is made whose
    wait would end after the call's deadline (:data:`call_deadline`), so
    the checker sees the server's answer instead of being timed out while
    waiting. When the tries run out the last response is returned, or the
    last transport error raised."""

    def __init__(self, inner: httpx.AsyncBaseTransport, config: HttpConfig, stats: HttpStats) -> None:
        self._inner = inner
        self._config = config
        self._stats = stats

    def _backoff_hook(self, request: httpx.Request) -> Any:
        idempotent = request.method in IDEMPOTENT_METHODS

        def should_retry(exc: Exception) -> bool | float:
            if isinstance(exc, _RetryableStatus):
                if not idempotent and exc.response.status_code != 429:
                    return False
                wait = retry_after_seconds(exc.response.headers.get("Retry-After"))
                if wait is None:
                    return True
                return wait if wait <= self._config.retry_after_max else False
            if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout)):
                return True
            return idempotent and isinstance(exc, httpx.TransportError)

        return should_retry

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        counters = self._stats.current()
        tries = 0
        try:
            async for attempt in stamina.retry_context(
                on=self._backoff_hook(request),
                attempts=self._config.attempts,
                timeout=_time_left_in_call(),  # stamina stops before a wait that would end after it
                wait_initial=self._config.backoff_initial,
                wait_max=self._config.backoff_max,
                wait_jitter=self._config.backoff_jitter,
            ):
                with attempt:
                    tries += 1
                    if tries > 1:
                        counters.retries += 1
                        logger.debug("retrying %s %s (try %d)", request.method, request.url, tries)
                    response = await self._inner.handle_async_request(request)
                    if response.status_code in RETRY_STATUSES:
                        await response.aread()  # kept: returned if this was the last try
                        raise _RetryableStatus(response)
                    return response
        except _RetryableStatus as exc:
            return exc.response
        except httpx.TransportError:
            counters.errors += 1
            raise
        raise AssertionError("unreachable: stamina either returns or raises")

    async def aclose(self) -> None:
        await self._inner.aclose()


# -- layer 1: cache ------------------------------------------------------------


class _CacheCountingTransport(httpx.AsyncBaseTransport):
    """Counts the responses the cache answered (hishel marks them)."""

    def __init__(self, inner: httpx.AsyncBaseTransport, stats: HttpStats) -> None:
        self._inner = inner
        self._stats = stats

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        status = response.extensions.get("caching")
        if status and status.get("from_cache"):
            self._stats.current().cache_hits += 1
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def _cached(inner: httpx.AsyncBaseTransport, config: HttpConfig, stats: HttpStats) -> httpx.AsyncBaseTransport:
    from hishel.httpx import AsyncCacheTransport

    from ._http_cache import SqliteCacheStorage

    path = config.cache_path or default_cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"HTTP cache {path}: cannot create its directory: {exc.strerror}") from None
    storage = SqliteCacheStorage(path, default_ttl=config.cache_ttl)
    return _CacheCountingTransport(AsyncCacheTransport(inner, storage=storage), stats)


def http2_available() -> bool:
    """True when the optional ``h2`` package (HTTP/2 for httpx) is installed."""
    return importlib.util.find_spec("h2") is not None


def build_http_client(
    settings: Any,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    refresh: bool = False,
    user_agent: str | None = None,
) -> RegistryHttpClient:
    """The run's shared client (use it as ``async with``).

    ``settings`` is the run's :class:`registry._config.Settings`
    (``concurrency``: global limit on requests in flight; ``timeout``: per
    request; ``[http]``: :class:`HttpConfig`). ``transport`` replaces the
    network transport only: limits and retries still apply, the cache only
    when ``[http] cache`` asks for it. ``refresh`` bypasses the cache for
    reading and writing.
    """
    config = http_config(settings)
    concurrency = settings.concurrency
    stats = HttpStats()
    network = transport or ShardedPoolTransport(concurrency, http2=config.http2 and http2_available())
    stack: httpx.AsyncBaseTransport = RetryingTransport(
        LimitingTransport(network, total=concurrency, per_host=config.per_host, stats=stats), config, stats,
    )
    use_cache = config.cache if config.cache is not None else transport is None
    if use_cache and not refresh:
        stack = _cached(stack, config, stats)
    headers = {"User-Agent": user_agent} if user_agent else None
    return RegistryHttpClient(
        transport=stack, timeout=settings.timeout, headers=headers, follow_redirects=True, stats=stats,
    )
