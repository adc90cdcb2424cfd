"""The run's HTTP layer against a real server on 127.0.0.1: retries (429
with Retry-After, 5xx, dropped connections), the per-host limit, the cache,
timeouts, and its settings."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import httpx
import pytest

from registry._config import Settings
from registry._http import HttpConfig, build_http_client, http_config, retry_after_seconds
from registry.errors import ConfigError

FAST_RETRIES = {"backoff_initial": 0.01, "backoff_max": 0.05, "backoff_jitter": 0.0}


def settings(concurrency=16, timeout=5.0, **http):
    return Settings(concurrency=concurrency, timeout=timeout, raw={"http": {**FAST_RETRIES, **http}})


async def test_a_500_is_retried_and_the_success_returned(server):
    async with build_http_client(settings(cache=False)) as http:
        response = await http.get(server.base + "/500-then-200")
    assert (response.status_code, response.text) == (200, "recovered")
    assert server.hits["/500-then-200"] == 2
    assert http.stats.total.retries == 1 and http.stats.total.requests == 2


async def test_retries_stop_after_the_configured_attempts_and_return_the_last_response(server):
    async with build_http_client(settings(cache=False, attempts=3)) as http:
        response = await http.get(server.base + "/always-500")
    assert (response.status_code, response.text) == (500, "down")
    assert server.hits["/always-500"] == 3


async def test_429_waits_as_long_as_retry_after_says(server):
    started = time.perf_counter()
    async with build_http_client(settings(cache=False)) as http:
        response = await http.get(server.base + "/429-retry-after-1")
    waited = time.perf_counter() - started
    assert (response.status_code, response.text) == (200, "thanks")
    assert server.hits["/429-retry-after-1"] == 2
    # the configured backoff is 10-50 ms: only Retry-After explains a 1 s wait
    assert 0.95 <= waited < 3


async def test_a_retry_after_beyond_the_maximum_is_not_waited_for(server):
    started = time.perf_counter()
    async with build_http_client(settings(cache=False, retry_after_max=5)) as http:
        response = await http.get(server.base + "/429-retry-after-long")
    assert response.status_code == 429 and response.text == "come back tomorrow"
    assert server.hits["/429-retry-after-long"] == 1
    assert time.perf_counter() - started < 1


async def test_a_dropped_connection_is_retried(server):
    async with build_http_client(settings(cache=False)) as http:
        response = await http.get(server.base + "/drop-once")
    assert response.text == "second time lucky"
    assert server.hits["/drop-once"] == 2


async def test_a_post_is_not_retried_after_a_server_error(server):
    async with build_http_client(settings(cache=False)) as http:
        response = await http.post(server.base + "/always-500", content=b"{}")
    assert response.status_code == 500
    assert server.hits["/always-500"] == 1


async def test_the_timeout_applies_to_each_try_and_the_error_surfaces(server):
    started = time.perf_counter()
    async with build_http_client(settings(cache=False, timeout=0.2, attempts=2)) as http:
        with pytest.raises(httpx.ReadTimeout):
            await http.get(server.base + "/hang")
    assert server.hits["/hang"] == 2
    assert time.perf_counter() - started < 1.2
    assert http.stats.total.errors == 1


async def test_a_connection_refused_is_retried_then_raised():
    async with build_http_client(settings(cache=False, attempts=2)) as http:
        with pytest.raises(httpx.ConnectError):
            await http.get("http://127.0.0.1:9/")  # the discard port: nothing listens
    assert http.stats.total.retries == 1


async def test_the_per_host_limit_caps_requests_in_flight(server):
    async with build_http_client(settings(concurrency=32, cache=False, per_host=3)) as http:
        responses = await asyncio.gather(*(http.get(f"{server.base}/slow/{i}") for i in range(12)))
    assert all(r.status_code == 200 for r in responses)
    assert server.total() == 12
    assert server.max_in_flight == 3


async def test_the_global_limit_caps_requests_in_flight(server):
    async with build_http_client(settings(concurrency=2, cache=False, per_host=10)) as http:
        await asyncio.gather(*(http.get(f"{server.base}/slow/{i}") for i in range(6)))
    assert server.max_in_flight == 2


async def test_without_limits_the_server_sees_the_requests_at_once(server):
    """The counterpart of the limit tests: the server can see concurrency."""
    async with build_http_client(settings(concurrency=32, cache=False, per_host=32)) as http:
        await asyncio.gather(*(http.get(f"{server.base}/slow/{i}") for i in range(12)))
    assert server.max_in_flight >= 10


async def test_a_cached_get_is_not_requested_again_even_by_a_new_client(server, tmp_path):
    config = settings(cache_path=str(tmp_path / "http.db"))
    urls = [f"{server.base}/page/{i}" for i in range(5)]
    async with build_http_client(config) as http:
        first = [(await http.get(url)).text for url in urls]
    assert server.total() == 5
    async with build_http_client(config) as http:
        second = [(await http.get(url)).text for url in urls]
    assert second == first == [f"/page/{i}" for i in range(5)]
    assert server.total() == 5
    assert http.stats.total.cache_hits == 5 and http.stats.total.requests == 0


async def test_errors_are_not_cached(server, tmp_path):
    config = settings(cache_path=str(tmp_path / "http.db"), attempts=1)
    for _ in range(2):
        async with build_http_client(config) as http:
            assert (await http.get(server.base + "/always-500")).status_code == 500
    assert server.hits["/always-500"] == 2


async def test_refresh_bypasses_the_cache(server, tmp_path):
    config = settings(cache_path=str(tmp_path / "http.db"))
    async with build_http_client(config) as http:
        await http.get(server.base + "/page")
    async with build_http_client(config, refresh=True) as http:
        await http.get(server.base + "/page")
    assert server.hits["/page"] == 2


async def test_the_cache_lives_in_the_registry_home_by_default(server, monkeypatch, tmp_path):
    monkeypatch.setenv("REGISTRY_HOME", str(tmp_path / "home"))
    async with build_http_client(settings()) as http:
        await http.get(server.base + "/page")
    assert (tmp_path / "home" / "cache" / "http.db").is_file()


def test_retry_after_reads_seconds_and_http_dates():
    now = datetime(2024, 1, 8, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Mon, 08 Jan 2024 12:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds("Mon, 08 Jan 2024 11:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def test_http_settings_come_from_the_file_and_the_environment(monkeypatch):
    monkeypatch.setenv("REGISTRY_HTTP_PER_HOST", "5")
    config = http_config(Settings(raw={"http": {"attempts": 2, "per_host": 9}}))
    assert (config.attempts, config.per_host) == (2, 5)
    monkeypatch.delenv("REGISTRY_HTTP_PER_HOST")
    assert http_config(Settings()) == HttpConfig()


def test_a_bad_http_setting_is_one_line_naming_the_key():
    with pytest.raises(ConfigError) as caught:
        http_config(Settings(raw={"http": {"per_host": 0}}))
    assert str(caught.value).startswith("config [http] per_host:")
    assert "\n" not in str(caught.value)


async def test_an_injected_transport_with_read_responses_never_leaks_request_slots():
    """httpx.MockTransport answers with responses already read and closed;
    their slots must come back at once, or the run stalls after `concurrency`."""
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=b"hello"))
    async with build_http_client(settings(concurrency=2, per_host=1), transport=transport) as http:
        texts = await asyncio.wait_for(
            asyncio.gather(*(http.get(f"https://example.org/{i}") for i in range(10))), timeout=5)
    assert [r.text for r in texts] == ["hello"] * 10
    assert http.stats.total.cache_hits == 0  # an injected transport is not cached unless asked


def test_retries_print_nothing_on_stderr(server):
    """A retried request in a fresh interpreter, logging unconfigured (as in
    the CLI): no per-retry warning reaches stderr."""
    import subprocess
    import sys

    code = (
        "import asyncio\n"
        "from registry._config import Settings\n"
        "from registry._http import build_http_client\n"
        "async def main():\n"
        f"    s = Settings(raw={{'http': {FAST_RETRIES!r} | {{'cache': False}}}})\n"
        "    async with build_http_client(s) as http:\n"
        f"        print((await http.get('{server.base}/500-then-200')).text)\n"
        "asyncio.run(main())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "recovered\n", "")
    assert server.hits["/500-then-200"] == 2
