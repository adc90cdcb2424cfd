"""`registry plugin new NAME`: the project it writes, and that project's
own tests passing out of the box."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from registry._plugin_commands import render_template
from registry.testing import run_cli, write_distribution


def test_it_writes_a_complete_project(tmp_path):
    target = tmp_path / "acme"
    result = run_cli(["plugin", "new", "acme-numbers", "--directory", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Created registry-acme-numbers in {target}",
        "  .gitignore",
        "  README.md",
        "  pyproject.toml",
        "  src/registry_acme_numbers/__init__.py",
        "  src/registry_acme_numbers/checker.py",
        "  tests/conftest.py",
        "  tests/test_checker.py",
        f"Next: cd {target} && pip install -e '.[test]' && pytest && registry checkers",
    ]
    project = tomllib.loads((target / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["name"] == "registry-acme-numbers"
    assert project["project"]["entry-points"]["claim_registry"] == {"acme-numbers": "registry_acme_numbers"}
    assert project["build-system"]["build-backend"] == "hatchling.build"
    assert project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["src/registry_acme_numbers"]
    checker = (target / "src/registry_acme_numbers/checker.py").read_text(encoding="utf-8")
    assert 'name = "acme-numbers"' in checker and "class AcmeNumbersChecker(Checker):" in checker
    assert "REGISTRY_ACME_NUMBERS_API_KEY" in checker
    assert "$" not in "".join(render_template("acme-numbers").values()).replace("${", "")


def test_the_default_folder_is_registry_dash_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_cli(["plugin", "new", "registry-population"]).exit_code == 0  # the prefix is not doubled
    assert (tmp_path / "registry-population" / "src" / "registry_population" / "checker.py").is_file()


@pytest.mark.parametrize("name", ["Acme", "acme_numbers", "9lives", "acme--x", "acme-", ""])
def test_a_bad_name_is_a_usage_error_and_writes_nothing(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    result = run_cli(["plugin", "new", name])
    assert result.exit_code == 2
    assert result.stderr == (f"error: plugin name {name!r}: use lower-case letters, digits and single "
                             "hyphens, starting with a letter (e.g. 'population')\n")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_never_overwritten(tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    result = run_cli(["plugin", "new", "acme", "-d", str(target)])
    assert (result.exit_code, result.stderr) == (2, f"error: {target}: already exists and is not an empty folder\n")
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]  # no staging folder left behind


def test_an_empty_folder_is_used(tmp_path):
    target = tmp_path / "empty"
    target.mkdir()
    assert run_cli(["plugin", "new", "acme", "-d", str(target)]).exit_code == 0
    assert (target / "pyproject.toml").is_file()


@pytest.mark.slow
def test_the_generated_tests_pass_out_of_the_box(tmp_path):
    """The generated project's own pytest run, without installing it: its
    source folder on PYTHONPATH and its .dist-info beside (the slow test in
    test_installed.py does the real pip install)."""
    target = tmp_path / "registry-acme"
    assert run_cli(["plugin", "new", "acme", "-d", str(target)]).exit_code == 0
    site = tmp_path / "site"
    write_distribution(site, "registry-acme", "0.1.0", entry_points={"acme": "registry_acme"})
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target / "src"), str(site)])}
    env = {k: v for k, v in env.items() if not k.startswith("REGISTRY_")}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=target,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "7 passed" in done.stdout
