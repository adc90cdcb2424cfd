"""examples/registry-worldbank: its own test suite passes against this
checkout (the slow test in test_installed.py installs it for real)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from registry._plugin_commands import render_template
from registry.testing import write_distribution

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "registry-worldbank"


@pytest.mark.slow
def test_the_example_plugins_own_tests_pass(tmp_path):
    site = tmp_path / "site"
    write_distribution(site, "registry-worldbank", "1.0.0", entry_points={"worldbank": "registry_worldbank"})
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    env["PYTHONPATH"] = os.pathsep.join([str(EXAMPLE / "src"), str(site)])
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=EXAMPLE,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:]
    assert " passed" in done.stdout and "failed" not in done.stdout


def _private_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
                 if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
        found += [n for n in names if n.split(".")[0] == "registry" and any(p.startswith("_") for p in n.split("."))]
    return found


def test_the_example_the_template_and_the_doc_examples_use_only_the_public_api():
    sources = {str(p.relative_to(EXAMPLE.parents[1])): p.read_text(encoding="utf-8")
               for p in [*EXAMPLE.rglob("*.py"), *(EXAMPLE.parents[1] / "docs" / "plugins").rglob("*.py")]}
    sources.update({f"template:{k}": v for k, v in render_template("acme").items() if k.endswith(".py")})
    assert len(sources) >= 8
    assert _private_imports("import registry._models\nfrom registry import _plugins, Claim\n") == [
        "registry._models", "registry._plugins"]
    assert {name: _private_imports(text) for name, text in sources.items() if _private_imports(text)} == {}
