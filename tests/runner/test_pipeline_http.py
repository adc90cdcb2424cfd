"""The pipeline hands checkers the HTTP layer: a re-run of the same
documents is answered from the HTTP cache, with no request to the server."""

from __future__ import annotations

import asyncio
import json
import types

import pytest

from registry import Checker, CheckerError, CheckResult, Claim, Span, hookimpl
from registry._config import Settings
from registry._http import current_checker
from registry._pipeline import Pipeline
from registry._plugins import make_plugin_manager
from registry.cli import main

from ..core.test_pipeline import TEXT, Fixed, checker_plugin, sentence_plugin


class FetchPerClaim(Checker):
    """Looks every claim up on the test server with one GET."""

    name = "fetch-per-claim"
    version = "1"

    def __init__(self, base: str) -> None:
        self.base = base

    async def check(self, claim, ctx):
        response = await ctx.http.get(f"{self.base}/claims/{claim.id}")
        response.raise_for_status()
        return CheckResult(explanation=response.text)


def plugin(base: str):
    @hookimpl
    def extract_claims(document):
        claims, offset = [], 0
        for line in document.text.splitlines(keepends=True):
            if line.strip():
                claims.append(Claim(text=line.strip(), span=Span(start=offset, end=offset + len(line.rstrip())),
                                    checkworthy=True, checkworthiness=1.0))
            offset += len(line)
        return claims

    @hookimpl
    def register_checkers(register):
        register(FetchPerClaim(base))

    return types.SimpleNamespace(__name__="fetch-plugin", extract_claims=extract_claims,
                                 register_checkers=register_checkers)


async def test_a_rerun_makes_no_repeated_requests(server, tmp_path):
    document = tmp_path / "claims.txt"
    document.write_text("".join(f"Claim number {i} says 1{i} things.\n" for i in range(20)), encoding="utf-8")
    pm = make_plugin_manager(plugin(server.base), entry_points=False)
    settings = Settings(concurrency=8, raw={"http": {"cache_path": str(tmp_path / "http.db")}})

    first = await Pipeline(pm, settings).run([str(document)])
    assert server.total() == 20
    second = await Pipeline(pm, settings).run([str(document)])
    assert server.total() == 20

    explanations = [[r.explanation for r in report.results] for report in second.reports]
    assert explanations == [[r.explanation for r in report.results] for report in first.reports]
    assert explanations[0] == [f"/claims/{first.reports[0].id}"]
    assert second.checker_errors == 0

    refreshed = await Pipeline(pm, settings, refresh=True).run([str(document)])
    assert server.total() == 40 and refreshed.checker_errors == 0


class Offline(Checker):
    """Answers at once, without awaiting anything."""

    name = "offline"

    async def check(self, claim, ctx):
        return CheckResult(explanation=f"offline {claim.id}")


class SlowFetch(Checker):
    """One GET that the server answers after 0.15 s, inside a timeout scope of its own."""

    name = "slow-fetch"

    def __init__(self, base: str) -> None:
        self.base = base

    async def check(self, claim, ctx):
        async with asyncio.timeout(30):  # a scope bound to the task the check started in
            response = await ctx.http.get(f"{self.base}/slow/{claim.id}")
        return CheckResult(explanation=f"{response.text} in {current_checker.get()}")


class FetchThenRaise(Checker):
    name = "fetch-then-raise"

    def __init__(self, base: str) -> None:
        self.base = base

    async def check(self, claim, ctx):
        await ctx.http.get(f"{self.base}/raise/{claim.id}")
        raise ValueError(f"bad answer for {claim.id}")


class FetchThenHang(Checker):
    name = "fetch-then-hang"

    def __init__(self, base: str) -> None:
        self.base = base
        self.cancelled = 0

    async def check(self, claim, ctx):
        await ctx.http.get(f"{self.base}/hang-after/{claim.id}")
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            self.cancelled += 1
            raise


async def test_checks_that_wait_overlap_and_keep_timeouts_errors_and_http_counts(server, tmp_path):
    """Offline checks end in the task that starts them; checks that wait for
    the network overlap up to the concurrency limit, time out after the
    per-call timeout, and have their failures and requests put down to them."""
    document = tmp_path / "claims.txt"
    document.write_text("".join(f"Claim number {i} says 1{i} things.\n" for i in range(6)), encoding="utf-8")
    hang = FetchThenHang(server.base)
    checkers = [Offline(), SlowFetch(server.base), FetchThenRaise(server.base), hang]

    @hookimpl
    def register_checkers(register):
        for checker in checkers:
            register(checker)

    pm = make_plugin_manager(plugin(server.base), entry_points=False)
    pm.add_plugin(types.SimpleNamespace(__name__="more", register_checkers=register_checkers), "more")
    settings = Settings(timeout=1.0, concurrency=4, raw={"http": {"cache": False}})

    result = await Pipeline(pm, settings).run([str(document)])

    assert len(result.reports) == 6
    for report in result.reports:
        by_checker = {r.checker: r for r in report.results}
        assert list(by_checker) == ["fetch-per-claim", "offline", "slow-fetch", "fetch-then-raise", "fetch-then-hang"]
        assert by_checker["offline"].explanation == f"offline {report.id}"
        assert by_checker["slow-fetch"].explanation == f"/slow/{report.id} in slow-fetch"
        assert by_checker["fetch-then-raise"].error == f"ValueError: bad answer for {report.id}"
        assert by_checker["fetch-then-hang"].error == "timed out after 1 s"
        assert by_checker["fetch-then-hang"].elapsed_ms >= 1000
    assert hang.cancelled == 6
    assert 2 <= server.max_in_flight <= 4
    requests = {name: counters.requests for name, counters in result.http.by_checker.items() if counters.requests}
    assert requests == {"fetch-per-claim": 6, "slow-fetch": 6, "fetch-then-raise": 6, "fetch-then-hang": 6}
    assert result.stats["offline"].calls == 6 and result.stats["fetch-then-hang"].errors == 6


class AlwaysFailing(Checker):
    """Asks the test server's /always-500 about each claim; an error status is a CheckerError."""

    name = "always-failing"

    def __init__(self, base: str) -> None:
        self.base = base

    async def check(self, claim, ctx):
        response = await ctx.http.get(f"{self.base}/always-500")
        if response.is_error:
            raise CheckerError(f"the service answered HTTP {response.status_code}")
        return CheckResult(explanation=response.text)


async def test_repeated_server_errors_under_a_short_timeout_are_reported_as_server_errors(server, tmp_path):
    """Retries stop before a backoff that would end after the call's
    timeout, so the checker sees the last 500 instead of being timed out."""
    document = tmp_path / "claims.txt"
    document.write_text("Claim number 1 says 11 things.\n", encoding="utf-8")

    @hookimpl
    def register_checkers(register):
        register(AlwaysFailing(server.base))

    lines = types.SimpleNamespace(__name__="lines", extract_claims=plugin(server.base).extract_claims)
    failing = types.SimpleNamespace(__name__="failing", register_checkers=register_checkers)
    pm = make_plugin_manager(lines, failing, entry_points=False)
    # backoff 0.4 s then 0.8 s: the second retry would start 1.2 s after the first try
    settings = Settings(timeout=1.0, raw={"http": {"cache": False, "attempts": 4, "backoff_initial": 0.4,
                                                    "backoff_jitter": 0}})

    result = await Pipeline(pm, settings).run([str(document)])

    [report] = result.reports
    [outcome] = report.results
    assert outcome.error == "the service answered HTTP 500"
    assert outcome.elapsed_ms < 1000
    assert server.hits["/always-500"] == 2
    assert result.http.by_checker["always-failing"].retries == 1


@pytest.mark.parametrize("output_format", ["table", "json"])
def test_a_checker_failing_on_a_document_is_one_warning_line_and_the_run_goes_on(
        server, tmp_path, capsys, monkeypatch, output_format):
    """`registry check` against a service answering 500: one stderr line
    naming checker, document and reason; stdout as it always is."""
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    monkeypatch.setenv("REGISTRY_HTTP_ATTEMPTS", "1")
    pm = make_plugin_manager(sentence_plugin(), checker_plugin(AlwaysFailing(server.base), Fixed()), entry_points=False)
    code = main(["check", "--no-store", str(article), "-f", output_format], pm=pm)
    out, err = capsys.readouterr()
    assert code == 0
    assert err == (f"warning: checker 'always-failing' failed on 2 of 2 claims of {article}: "
                   "the service answered HTTP 500\n")
    if output_format == "json":
        records = json.loads(out)
        assert [r["status"] for r in records] == ["supported", "supported"]
        errors = {result["checker"]: result["error"] for r in records for result in r["results"]}
        assert errors == {"fixed": None, "always-failing": "the service answered HTTP 500"}
    else:
        assert "2 claims" in out and "supported" in out
