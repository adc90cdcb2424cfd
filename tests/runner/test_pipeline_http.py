"""The pipeline hands checkers the HTTP layer: a re-run of the same
documents is answered from the HTTP cache, with no request to the server."""

from __future__ import annotations

import types

from registry import Checker, CheckResult, Claim, Span, hookimpl
from registry._config import Settings
from registry._pipeline import Pipeline
from registry._plugins import make_plugin_manager


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
