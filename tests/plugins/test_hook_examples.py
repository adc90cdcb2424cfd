"""The example plugin of docs/plugins/plugin-hooks.md (every hook once)
really works, through the real command line, and the hooks run in the
documented order."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from registry import Checker, CheckResult, LoadOptions, Status, hookimpl
from registry.testing import check_claims, make_plugin_manager, record_hooks, run_cli

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "plugins" / "examples" / "newsroom.py"
TEXT = "Jane Doe said unemployment fell to 4.1% in May. The weather was fine. Prices rose 3% last year."


@pytest.fixture(scope="module")
def newsroom():
    spec = importlib.util.spec_from_file_location("registry_newsroom", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def export(tmp_path) -> Path:
    path = tmp_path / "budget.json"
    path.write_text(json.dumps({"title": "Budget day", "outlet": "Daily Planet", "text": TEXT}), encoding="utf-8")
    return path


def test_a_json_export_is_loaded_extracted_attributed_and_rendered_as_markdown(newsroom, export):
    result = run_cli(["check", "--no-store", "--format", "markdown", str(export)], plugins=[newsroom])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "| claim | speaker | status |\n"
        "|---|---|---|\n"
        "| Jane Doe said unemployment fell to 4.1% in May. | Jane Doe | unverified |\n"
        "| Prices rose 3% last year. | - | unverified |\n"
    )
    as_json = json.loads(run_cli(["check", "--no-store", "-f", "json", str(export)], plugins=[newsroom]).stdout)
    assert as_json[0]["source"]["title"] == "Budget day"
    assert as_json[0]["source"]["publisher"] == "Daily Planet"
    assert as_json[0]["attribution"]["cue"] == "said"
    assert as_json[0]["attribution"]["attributed_by"] == "registry_newsroom"


def test_a_broken_export_is_a_one_line_input_error(newsroom, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run_cli(["check", "--no-store", str(bad)], plugins=[newsroom])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {bad}: not a newsroom export: Expecting property name")
    assert result.stderr.count("\n") == 1


def test_a_reading_list_is_a_feed(newsroom, export, tmp_path):
    reading_list = tmp_path / "monday.readinglist"
    reading_list.write_text(f"# Monday\n{export}\n\nhttps://example.org/a\nhttps://example.org/b\n", encoding="utf-8")
    pm = make_plugin_manager(newsroom)
    plugin, items = pm.call_first("expand_feed", location=str(reading_list), options=LoadOptions(), limit=2)
    assert (plugin, items) == ("registry_newsroom", [str(export), "https://example.org/a"])
    assert pm.call_first("expand_feed", location="https://example.org/rss", options=LoadOptions(), limit=2) is None


class Desk(Checker):
    name = "desk"
    version = "1"

    async def check(self, claim, ctx):
        return CheckResult(status=Status.REFUTED, confidence=0.4, explanation="the desk disagrees")


class Confident(Checker):
    name = "confident"
    version = "1"

    async def check(self, claim, ctx):
        return CheckResult(status=Status.SUPPORTED, confidence=0.95, explanation="looks right")


class Checkers:
    @hookimpl
    def register_checkers(self, register):
        register(Desk())
        register(Confident())


async def test_the_desk_has_the_last_word(newsroom):
    run = await check_claims(["Prices rose 3% last year."], plugins=[newsroom, Checkers()])
    assert run.reports[0].verdict.model_dump() == {
        "status": Status.REFUTED, "attribution_status": None, "confidence": 0.4,
        "explanation": "desk: the desk disagrees", "decided_by": "desk"}
    # without the newsroom plugin, the default rule lets the confident checker decide
    run = await check_claims(["Prices rose 3% last year."], plugins=[Checkers()])
    assert run.reports[0].verdict.decided_by == "confident"


def test_verdicts_go_to_the_audit_log_and_the_audit_command_counts_them(newsroom, export, tmp_path):
    log = tmp_path / "audit.jsonl"
    run_cli(["check", "--no-store", str(export)], plugins=[newsroom], env={"NEWSROOM_AUDIT_LOG": str(log)})
    assert [json.loads(line)["status"] for line in log.read_text(encoding="utf-8").splitlines()] == [
        "unverified", "unverified"]
    result = run_cli(["audit", str(log)], plugins=[newsroom])
    assert (result.exit_code, result.stdout) == (0, "unverified: 2\n")


def test_hooks_run_in_the_documented_order(newsroom, export):
    """The order drawn in plugin-hooks.md's lifecycle diagram."""
    pm = make_plugin_manager(newsroom, Checkers())
    with record_hooks(pm) as recorder:
        assert run_cli(["check", "--no-store", str(export)], pm=pm).exit_code == 0
    assert recorder.hooks() == [
        "register_commands", "register_output_formats", "register_checkers", "load_document",
        "extract_claims", "attach_attribution", "resolve_verdict", "claim_checked",
    ]
    [load] = [call for call in recorder.named("load_document") if call.plugin == "registry_newsroom"]
    assert load.kwargs["location"] == str(export) and load.result.source.title == "Budget day"
