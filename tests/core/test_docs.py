"""Docs that are derived from code stay current, and every hook is tested."""

from __future__ import annotations

import inspect
import runpy
from pathlib import Path

from registry import hookspecs

REPO = Path(__file__).resolve().parents[2]
generate = runpy.run_path(str(REPO / "docs" / "generate.py"))


def test_cli_reference_is_current():
    expected = generate["cli_reference"]()
    assert (REPO / "docs" / "cli.md").read_text(encoding="utf-8") == expected, (
        "docs/cli.md is stale: run python docs/generate.py")


def test_json_schema_is_current():
    expected = generate["json_schema"]()
    assert (REPO / "docs" / "reference" / "claim-report.schema.json").read_text(encoding="utf-8") == expected, (
        "the JSON schema is stale: run python docs/generate.py")


def hook_names() -> list[str]:
    return sorted(name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
                  if hasattr(fn, "claim_registry_spec"))


def test_every_hook_has_a_test_implementing_it():
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "tests").rglob("test_*.py"))
    untested = [name for name in hook_names() if f"def {name}(" not in tests]
    assert untested == []


def test_the_architecture_page_names_every_core_module():
    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = sorted(p.name for p in (REPO / "registry").glob("*.py") if p.name != "__main__.py")
    missing = [m for m in modules if f"`{m}`" not in page]
    assert missing == []
