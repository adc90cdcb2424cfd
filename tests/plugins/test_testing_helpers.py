"""registry.testing: the helpers and fixtures plugin authors test with."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import types

import httpx
import pytest
from pydantic import BaseModel, SecretStr

from registry import (
    Checker,
    CheckerError,
    CheckerUnavailable,
    CheckResult,
    ConfigError,
    PluginLoadError,
    Status,
    claim_id,
    hookimpl,
)
from registry._plugins import DEFAULT_PLUGINS
from registry.testing import (
    MockHTTP,
    assert_plugin_installed,
    check_claims,
    make_claim,
    make_document,
    make_plugin_manager,
    record_hooks,
    registered,
    run_cli,
)

from .conftest import GOOD, checker_plugin


class Lookup(Checker):
    """Asks an API about the claim, with a key from its config."""

    name = "lookup"
    version = "2.1"

    class Config(BaseModel):
        base_url: str = "https://api.test"
        api_key: SecretStr | None = None

    async def check(self, claim, ctx):
        if ctx.config.api_key is None:
            raise CheckerUnavailable("no key")
        response = await ctx.http.get(f"{ctx.config.base_url}/lookup", params={"q": claim.text},
                                      headers={"X-Key": ctx.config.api_key.get_secret_value()})
        if response.status_code != 200:
            raise CheckerError(f"HTTP {response.status_code}")
        return CheckResult(status=Status(response.json()["status"]), confidence=0.8,
                           explanation=f"{ctx.document.location}: {len(ctx.claims)} claims")


def plugin_of(*checkers, name="lookups"):
    @hookimpl
    def register_checkers(register):
        for checker in checkers:
            register(checker)

    return types.SimpleNamespace(__name__=name, register_checkers=register_checkers)


KEYED = {"lookup": {"api_key": "k-123"}}


# -- make_plugin_manager / registered ---------------------------------------------


def test_a_fresh_plugin_manager_holds_only_the_core_and_the_given_plugins(site):
    site.add("foreign", GOOD)  # installed on sys.path, yet never loaded
    pm = make_plugin_manager(plugin_of(Lookup()))
    assert set(pm.info) == {*DEFAULT_PLUGINS, "lookups"}
    assert list(pm.checkers()) == ["lookup"]
    with_builtins = make_plugin_manager(builtins=True)
    assert "rules" in with_builtins.info and "foreign" not in with_builtins.info


def test_it_is_strict_unless_asked_not_to_be():
    @hookimpl
    def extract_claim(document):
        return []

    sloppy = types.SimpleNamespace(__name__="sloppy", extract_claim=extract_claim)
    with pytest.raises(PluginLoadError, match="plugin 'sloppy' implements unknown hook 'extract_claim'"):
        make_plugin_manager(sloppy)
    lenient = make_plugin_manager(sloppy, strict=False, report=lambda line: None)
    assert lenient.problems == ["plugin 'sloppy' implements unknown hook 'extract_claim' (misspelled?); it is ignored"]


def test_two_instances_of_one_plugin_class_get_two_names():
    class Twice:
        @hookimpl
        def extract_claims(self, document):
            return []

    pm = make_plugin_manager(Twice(), Twice())
    assert {"Twice", "Twice-2"} <= set(pm.info)


def test_registered_adds_a_plugin_for_the_with_block_only(registry_pm):
    assert registry_pm.checkers() == {}
    with registered(registry_pm, plugin_of(Lookup())) as name:
        assert name == "lookups"
        assert list(registry_pm.checkers()) == ["lookup"]
        assert "lookups" in registry_pm.info
    assert registry_pm.checkers() == {} and "lookups" not in registry_pm.info


# -- models -------------------------------------------------------------------


def test_make_claim_and_make_document_fill_in_valid_defaults():
    claim = make_claim("Germany has 84 million inhabitants.", claim_type="quantity")
    assert (claim.span.start, claim.span.end, claim.checkworthy, claim.claim_type) == (0, 35, True, "quantity")
    assert claim.id == claim_id("Germany has 84 million inhabitants.")
    document = make_document("text", location="a.md")
    assert (document.location, document.source.title) == ("a.md", "Test document")


# -- check_claims ---------------------------------------------------------------


async def test_check_claims_runs_the_checker_with_config_http_and_context(mock_http):
    mock_http.get("https://api.test/lookup", json={"status": "supported"})
    run = await check_claims(["Claim one has 1 number.", make_claim("Claim two has 2.")],
                             plugins=[plugin_of(Lookup())], config=KEYED, transport=mock_http.transport)
    assert [r.status for r in run.results("lookup")] == [Status.SUPPORTED, Status.SUPPORTED]
    assert run.results("lookup")[0].explanation == "test-document.txt: 2 claims"
    assert run.results("lookup")[0].version == "2.1"
    assert [r.verdict.decided_by for r in run.reports] == ["lookup", "lookup"]
    assert [r.url.params["q"] for r in mock_http.requests] == ["Claim one has 1 number.", "Claim two has 2."]
    assert {r.headers["X-Key"] for r in mock_http.requests} == {"k-123"}
    assert run.reports[0].span.start == 0 and run.reports[1].span.start == len("Claim one has 1 number.") + 1


async def test_check_claims_uses_the_given_document(mock_http):
    mock_http.get("https://api.test/lookup", json={"status": "refuted"})
    document = make_document("Intro. Prices rose 4% in May.", location="news.md")
    claim = make_claim("Prices rose 4% in May.", span={"start": 7, "end": 29})
    run = await check_claims([claim], plugins=[plugin_of(Lookup())], config=KEYED, document=document,
                             transport=mock_http.transport)
    assert run.results("lookup")[0].explanation == "news.md: 1 claims"
    assert run.reports[0].source.title == "Test document"


async def test_check_claims_reports_unavailable_checkers_once(mock_http):
    run = await check_claims(["One 1.", "Two 2."], plugins=[plugin_of(Lookup())], transport=mock_http.transport)
    assert run.unavailable == {"lookup": "no key"}
    assert run.notices == ["checker 'lookup' unavailable: no key"]
    assert run.results() == []


async def test_check_claims_validates_the_config():
    with pytest.raises(ConfigError, match="checker 'lookup': base_url: Input should be a valid string"):
        await check_claims(["x 1"], plugins=[plugin_of(Lookup())], config={"lookup": {"base_url": 5}})


async def test_check_claims_does_not_retry_unless_asked(mock_http):
    mock_http.get("https://api.test/lookup", status=503, json={})
    run = await check_claims(["One 1."], plugins=[plugin_of(Lookup())], config=KEYED, transport=mock_http.transport)
    assert run.results("lookup")[0].error == "HTTP 503"
    assert len(mock_http.requests) == 1
    retried = MockHTTP()
    retried.get("https://api.test/lookup", status=503, json={})
    await check_claims(["One 1."], plugins=[plugin_of(Lookup())], config=KEYED, transport=retried.transport,
                       http={"attempts": 3, "backoff_initial": 0, "backoff_jitter": 0})
    assert len(retried.requests) == 3


class Slow(Checker):
    name = "slow"

    async def check(self, claim, ctx):
        await asyncio.sleep(5)


async def test_a_checker_bug_fails_the_test_unless_strict_is_off():
    with pytest.raises(PluginLoadError, match=r"checker 'slow' of plugin 'lookups': timed out after 0.05 s"):
        await check_claims(["One 1."], plugins=[plugin_of(Slow())], timeout=0.05)
    run = await check_claims(["One 1."], plugins=[plugin_of(Slow())], timeout=0.05, strict=False)
    assert run.results("slow")[0].error == "timed out after 0.05 s"
    assert run.problems == [f"checker 'slow' of plugin 'lookups': timed out after 0.05 s (claim {run.reports[0].id})"]


# -- run_cli ----------------------------------------------------------------------


def test_run_cli_captures_exit_code_and_both_streams():
    result = run_cli(["checkers"], plugins=[plugin_of(Lookup())])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "lookup 2.1 (plugin lookups)\n", "")
    bad = run_cli(["checkers", "--format", "yaml"])
    assert (bad.exit_code, bad.stdout, bad.stderr) == (
        2, "", "error: --format yaml: unknown format (choose from text, json)\n")


def test_run_cli_feeds_standard_input_and_sets_the_environment(monkeypatch):
    monkeypatch.setenv("REGISTRY_LOOKUP_API_KEY", "outer")

    seen = {}

    class Peek(Checker):
        name = "peek"

        async def check(self, claim, ctx):
            import os

            seen["key"] = os.environ.get("REGISTRY_LOOKUP_API_KEY")
            return CheckResult(status=Status.SUPPORTED, confidence=1.0)

    result = run_cli(["check", "-", "--no-store", "-f", "jsonl"], builtins=True, plugins=[plugin_of(Peek())],
                     input="Germany has 84 million inhabitants.\n", env={"REGISTRY_LOOKUP_API_KEY": None})
    assert result.exit_code == 0, result.stderr
    assert '"status": "supported"' in result.stdout
    assert seen == {"key": None}
    import os

    assert os.environ["REGISTRY_LOOKUP_API_KEY"] == "outer"  # restored afterwards


def test_run_cli_reports_a_strict_load_failure_like_the_tool():
    result = run_cli(["plugins"], env={"REGISTRY_STRICT_PLUGINS": "1"},
                     plugins=[types.SimpleNamespace(__name__="odd", extract_claim=hookimpl(lambda document: []))])
    assert (result.exit_code, result.stderr) == (
        2, "error: plugin 'odd' implements unknown hook 'extract_claim' (misspelled?); it is ignored\n")


# -- record_hooks -------------------------------------------------------------------


def test_record_hooks_sees_every_implementation_call_and_then_lets_go():
    pm = make_plugin_manager(plugin_of(Lookup()))
    with record_hooks(pm) as recorder:
        pm.checkers()
        pm.call_each("resolve_verdict", claim=make_claim("x 1"), results=[])
    [registration] = recorder.named("register_checkers")
    assert registration.plugin == "lookups" and registration.error is None
    [verdict] = recorder.named("resolve_verdict")
    assert verdict.plugin == "registry._verdict" and verdict.result.status is Status.UNVERIFIED
    assert recorder.hooks() == ["register_checkers", "resolve_verdict"]
    pm.call_each("resolve_verdict", claim=make_claim("x 1"), results=[])
    assert len(recorder.calls) == 2  # no longer recording


# -- assert_plugin_installed ----------------------------------------------------------


def test_assert_plugin_installed_accepts_a_clean_plugin(site):
    site.add("good", GOOD)
    [info] = assert_plugin_installed("registry-good")
    assert (info.name, info.distribution, info.version, info.entry_point) == (
        "good", "registry-good", "1.0", "registry_good")
    assert info.hooks == ["extract_claims", "register_checkers"]


def test_assert_plugin_installed_names_what_is_wrong(site):
    with pytest.raises(AssertionError, match="distribution 'registry-absent' is not installed"):
        assert_plugin_installed("registry-absent")
    site.add("dupe", checker_plugin("echo", "        return None") + GOOD.split("class Echo")[0]
             + "\n@hookimpl\ndef register_checkers(register):\n    register(Broken())\n    register(Broken())\n")
    with pytest.raises(AssertionError, match="checker name 'echo' registered by plugin 'dupe'"):
        assert_plugin_installed("registry-dupe")


# -- MockHTTP and the fixtures ---------------------------------------------------------


async def test_mock_http_matches_path_and_given_query_parameters_only(mock_http):
    mock_http.get("https://api.test/v1/items?kind=a", json={"kind": "a"})
    mock_http.get("https://api.test/v1/items", text="any other")
    async with httpx.AsyncClient(transport=mock_http.transport) as client:
        assert (await client.get("https://api.test/v1/items", params={"kind": "a", "page": "2"})).json() == {"kind": "a"}
        assert (await client.get("https://api.test/v1/items?kind=b")).text == "any other"
        with pytest.raises(AssertionError, match="mock_http has no answer for POST https://api.test/v1/items"):
            await client.post("https://api.test/v1/items")
    assert [r.method for r in mock_http.unmatched] == ["POST"]
    assert len(mock_http.requests) == 3


def test_registry_home_is_a_fresh_folder_and_clears_the_database_setting(registry_home, tmp_path):
    import os

    assert registry_home.is_dir() and registry_home.parent == tmp_path
    assert os.environ["REGISTRY_HOME"] == str(registry_home)
    assert "REGISTRY_DB" not in os.environ


def test_importing_registry_testing_imports_no_http_client():
    done = subprocess.run([sys.executable, "-c", "import sys, registry.testing; print('httpx' in sys.modules)"],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout == "False\n", done.stderr

