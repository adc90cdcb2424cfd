"""Choosing plugins: REGISTRY_LOAD_PLUGINS, REGISTRY_DISABLE_PLUGINS (built-ins
included, the core's own plugins excepted), and one load per distribution."""

from __future__ import annotations

import importlib.metadata
import json

import pytest

from registry._plugins import DEFAULT_PLUGINS, ENTRY_POINT_GROUP, PluginManager
from registry.testing import run_cli, write_distribution

from .conftest import GOOD, checker_plugin

OTHER = checker_plugin("other", "        return None")


def loaded(pm: PluginManager) -> set[str]:
    return {name for name, info in pm.info.items() if not info.builtin}


def builtin_entry_point_names(pm: PluginManager) -> set[str]:
    return {name for name, info in pm.info.items() if info.builtin and info.entry_point}


@pytest.fixture
def two_plugins(site):
    site.add("good", GOOD)
    site.add("other", OTHER)
    return site


@pytest.mark.parametrize(("value", "expected"), [
    ("registry-good", {"good"}),
    ("Registry_Good, registry-other", {"good", "other"}),  # names are normalised
    ("", set()),                                           # none but the built-ins
])
def test_load_plugins_selects_distributions(two_plugins, monkeypatch, value, expected):
    monkeypatch.setenv("REGISTRY_LOAD_PLUGINS", value)
    pm = two_plugins.plugin_manager(builtins=True)
    assert loaded(pm) == expected
    assert "rules" in builtin_entry_point_names(pm)  # built-ins are never left out by the allow list


@pytest.mark.parametrize("value", ["registry-other", "other"])  # distribution or entry-point name
def test_disable_plugins_leaves_a_plugin_out(two_plugins, monkeypatch, value):
    monkeypatch.setenv("REGISTRY_DISABLE_PLUGINS", value)
    assert loaded(two_plugins.plugin_manager(builtins=True)) == {"good"}


def test_a_builtin_can_be_disabled(two_plugins, monkeypatch, document):
    monkeypatch.setenv("REGISTRY_DISABLE_PLUGINS", "rules")
    pm = two_plugins.plugin_manager(builtins=True)
    assert "rules" not in pm.info
    listed = run_cli(["plugins", "--all"], pm=pm)
    names = [p["name"] for p in json.loads(listed.stdout)]
    assert "rules" not in names and "good" in names
    # the good plugin's extractor alone now finds the claims
    checked = run_cli(["check", "--no-store", "-f", "json", str(document)], pm=pm)
    assert [r["text"] for r in json.loads(checked.stdout)] == [
        "Germany has 84 million inhabitants.", "The city opened 12 tram lines in 2023."]


def test_the_cores_own_plugins_cannot_be_disabled(two_plugins, monkeypatch, document):
    monkeypatch.setenv("REGISTRY_DISABLE_PLUGINS", ",".join([*DEFAULT_PLUGINS, "claim-registry"]))
    pm = two_plugins.plugin_manager(builtins=True)
    assert builtin_entry_point_names(pm) == set()  # every built-in entry point is off ...
    assert set(DEFAULT_PLUGINS) <= set(pm.info)      # ... but not the core's file loader, verdict, formats
    checked = run_cli(["check", "--no-store", "-f", "jsonl", str(document)], pm=pm)
    assert checked.exit_code == 0 and checked.stdout.count("\n") == 2


def test_the_same_distribution_twice_on_sys_path_is_loaded_once(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, version in ((first, "1.0"), (second, "2.0")):
        write_distribution(folder, "registry-twice", version,
                           files={"registry_twice/__init__.py": GOOD}, entry_points={"twice": "registry_twice"})
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    monkeypatch.setenv("REGISTRY_LOAD_PLUGINS", "registry-twice")
    problems: list[str] = []

    pm = PluginManager(strict=False, report=problems.append)
    pm.load_entry_points()  # what `registry` does: every installed distribution
    explicit = [ep for d in importlib.metadata.distributions(path=[str(first), str(second)])
                for ep in d.entry_points if ep.group == ENTRY_POINT_GROUP]
    assert len(explicit) == 2
    pm.load_entry_points(entry_points=explicit)  # both copies passed in: still one

    assert problems == []
    assert loaded(pm) == {"twice"}
    assert pm.info["twice"].version == "1.0"  # the first on sys.path, as Python imports it
    assert [name for name, (_, plugin) in pm.checkers().items() if plugin == "twice"] == ["echo"]
