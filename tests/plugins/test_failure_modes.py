"""A broken or outdated plugin never breaks the tool: each failure is one
line naming the plugin and its distribution, the rest of the tool works,
and REGISTRY_STRICT_PLUGINS=1 makes the same line fatal.

The plugins are real throwaway distributions (a ``.dist-info`` with
``entry_points.txt`` on ``sys.path``), loaded through entry points.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from registry import PluginLoadError
from registry.testing import run_cli, write_distribution

from .conftest import BROKEN, GOOD, Broken, checker_plugin, module_name

CHECK = ["check", "--no-store", "--timeout", "0.3", "--format", "json"]


def plugin_names(cli_result) -> list[str]:
    assert cli_result.exit_code == 0, cli_result.stderr
    return [entry["name"] for entry in json.loads(cli_result.stdout)]


@pytest.mark.parametrize("broken", BROKEN, ids=lambda b: b.name)
def test_a_broken_plugin_is_one_line_and_the_tool_still_works(site, document, broken: Broken):
    site.add("good", GOOD)
    site.add(broken.name, broken.source)
    lines: list[str] = []
    pm = site.plugin_manager(report=lines.append)

    listed = plugin_names(run_cli(["plugins"], pm=pm))
    assert "good" in listed
    checked = run_cli([*CHECK, str(document)], pm=pm)

    assert lines == [broken.message]
    assert checked.exit_code == 0, checked.stderr
    first, second = json.loads(checked.stdout)
    assert first["text"] == "Germany has 84 million inhabitants."
    echo = [r for r in first["results"] if r["checker"] == "echo"]
    assert [(r["status"], r["error"]) for r in echo] == [("supported", None)]
    assert first["verdict"] == {"status": "supported", "attribution_status": "unattributed",
                                "confidence": 0.9, "explanation": "has a number", "decided_by": "echo"}
    assert second["status"] == "supported"


@pytest.mark.parametrize("broken", BROKEN, ids=lambda b: b.name)
def test_strict_mode_makes_the_same_line_fatal(site, document, broken: Broken):
    site.add("good", GOOD)
    site.add(broken.name, broken.source)
    if broken.when == "load":
        with pytest.raises(PluginLoadError) as raised:
            site.plugin_manager(strict=True)
        assert str(raised.value) == broken.message
        return
    pm = site.plugin_manager(strict=True)
    checked = run_cli([*CHECK, str(document)], pm=pm)
    assert (checked.exit_code, checked.stdout, checked.stderr) == (2, "", f"error: {broken.message}\n")


def test_a_failing_checker_is_reported_once_per_run_and_every_failure_is_in_its_result(site, document):
    site.add("good", GOOD)
    site.add("always", checker_plugin("always", "        raise ValueError('boom')").replace(
        '        if "Germany" not in claim.text:\n            return None', ""))
    lines: list[str] = []
    checked = run_cli([*CHECK, str(document)], pm=site.plugin_manager(report=lines.append))
    assert checked.exit_code == 0
    assert len(lines) == 1 and lines[0].startswith("checker 'always' of plugin 'always' (dist registry-always 1.0): "
                                                    "ValueError: boom (claim ")
    errors = [r["error"] for report in json.loads(checked.stdout) for r in report["results"]
              if r["checker"] == "always"]
    assert errors == ["ValueError: boom", "ValueError: boom"]


def test_a_hook_wrapper_is_reported_and_not_called(site, document):
    site.add("good", GOOD)
    site.add("wrapper", "from registry import hookimpl\n\n\n@hookimpl(wrapper=True)\n"
                        "def extract_claims(document):\n    raise AssertionError('called')\n    yield\n")
    lines: list[str] = []
    checked = run_cli([*CHECK, str(document)], pm=site.plugin_manager(report=lines.append))
    assert lines == ["plugin 'wrapper' (dist registry-wrapper 1.0) implements 'extract_claims' as a hook "
                     "wrapper, which claim-registry does not support; it is ignored"]
    assert [r["text"] for r in json.loads(checked.stdout)] == [
        "Germany has 84 million inhabitants.", "The city opened 12 tram lines in 2023."]


def test_a_hook_with_wrong_argument_names_is_refused_at_registration(site):
    site.add("bad-args", "from registry import hookimpl\n\n\n@hookimpl\ndef extract_claims(doc):\n    return []\n")
    lines: list[str] = []
    pm = site.plugin_manager(report=lines.append)
    [line] = lines
    assert line.startswith("plugin 'bad-args' (dist registry-bad-args 1.0) failed to register: "
                           "PluginValidationError: ")
    assert "'doc'" in line and "\n" not in line
    assert not pm.has_plugin("bad-args")


def test_a_plugin_that_exits_on_import_does_not_end_the_tool(site):
    site.add("exits", "import sys\nsys.exit('no GPU found')\n")
    lines: list[str] = []
    site.plugin_manager(report=lines.append)
    assert lines == ["plugin 'exits' (dist registry-exits 1.0) failed to load: SystemExit: no GPU found"]


def test_a_failing_register_commands_keeps_the_cli(site):
    site.add("bad-command", "from registry import hookimpl\n\n\n@hookimpl\ndef register_commands(app):\n"
                            "    raise ImportError('No module named rich_click')\n")
    lines: list[str] = []
    helped = run_cli(["--help"], pm=site.plugin_manager(report=lines.append))
    assert lines == ["plugin 'bad-command' (dist registry-bad-command 1.0) failed in register_commands: "
                     "ImportError: No module named rich_click"]
    assert helped.exit_code == 0 and "check" in helped.stdout


@pytest.mark.slow
def test_the_installed_tool_reports_every_broken_plugin_once_on_stderr(tmp_path, document):
    """The real console script, each throwaway distribution in its own
    folder on PYTHONPATH (the good one first, so it keeps its checker name)."""
    folders = []
    for name, source in [("good", GOOD), *((b.name, b.source) for b in BROKEN)]:
        folder = tmp_path / f"site-{name}"
        module = module_name(name)
        write_distribution(folder, f"registry-{name}", "1.0", files={f"{module}/__init__.py": source},
                           entry_points={name: module})
        folders.append(str(folder))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(folders),
           "REGISTRY_LOAD_PLUGINS": ",".join(f"registry-{n}" for n in ["good", *(b.name for b in BROKEN)])}
    registry = [sys.executable, "-m", "registry"]

    listed = subprocess.run([*registry, "plugins"], env=env, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert {p["name"] for p in json.loads(listed.stdout)} == {
        "good", "misspelled", "taken-name", "raising", "hanging", "wrong-type", "wrong-claims"}
    load_lines = [b.message for b in BROKEN if b.when == "load"]
    assert sorted(listed.stderr.splitlines()) == sorted(load_lines)

    checked = subprocess.run([*registry, *CHECK, "--all", str(document)], env=env,
                             capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    lines = [re.sub(r"\(claim [0-9a-f]{16}\)", "(claim ID)", line) for line in checked.stderr.splitlines()]
    for broken in BROKEN:
        expected = re.sub(r"\(claim [0-9a-f]{16}\)", "(claim ID)", broken.message)
        assert lines.count(expected) == 1, (expected, checked.stderr)
    germany = [r for r in json.loads(checked.stdout) if r["text"] == "Germany has 84 million inhabitants."]
    assert germany and {"echo", "raising", "hanging", "wrong-type"} <= {r["checker"] for r in germany[0]["results"]}

    env["REGISTRY_STRICT_PLUGINS"] = "1"
    strict = subprocess.run([*registry, "plugins"], env=env, capture_output=True, text=True, timeout=60)
    assert (strict.returncode, strict.stdout, strict.stderr) == (2, "", f"error: {load_lines[0]}\n")
