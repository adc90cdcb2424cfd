"""How a hook is deprecated: its spec gets pluggy's ``warn_on_impl`` (or
``warn_on_impl_args`` for one argument), so every plugin implementing it
gets a warning naming the plugin's function when it is registered. No hook
is deprecated yet; this shows the mechanism on a throwaway spec."""

from __future__ import annotations

import types
import warnings

import pluggy
import pytest

from registry import hookimpl
from registry._plugins import PluginManager
from registry.hookspecs import PROJECT_NAME

hookspec = pluggy.HookspecMarker(PROJECT_NAME)


def deprecated_specs() -> types.ModuleType:
    specs = types.ModuleType("old_specs")

    @hookspec(warn_on_impl=DeprecationWarning("old_hook is deprecated: implement new_hook instead"))
    def old_hook(claim):
        """A hook on its way out."""

    @hookspec(warn_on_impl_args={"legacy": DeprecationWarning("new_hook(legacy) is deprecated")})
    def new_hook(claim, legacy):
        """A hook with an argument on its way out."""

    specs.old_hook, specs.new_hook = old_hook, new_hook
    return specs


def test_implementing_a_deprecated_hook_warns_at_registration():
    pm = PluginManager(strict=True)
    pm.add_hookspecs(deprecated_specs())

    @hookimpl
    def old_hook(claim):
        return claim

    with pytest.warns(DeprecationWarning, match="old_hook is deprecated: implement new_hook instead") as caught:
        pm.add_plugin(types.SimpleNamespace(__name__="outdated", old_hook=old_hook), "outdated")
    assert caught[0].filename == __file__  # the warning points at the plugin's own function
    assert pm.hook.old_hook(claim="c") == ["c"]  # it still works while deprecated


def test_a_deprecated_argument_warns_only_plugins_that_use_it():
    pm = PluginManager(strict=True)
    pm.add_hookspecs(deprecated_specs())

    @hookimpl
    def new_hook(claim, legacy):
        return legacy

    @hookimpl
    def new_hook_current(claim):
        return claim

    with pytest.warns(DeprecationWarning, match=r"new_hook\(legacy\) is deprecated"):
        pm.add_plugin(types.SimpleNamespace(__name__="old-style", new_hook=new_hook), "old-style")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pm.add_plugin(types.SimpleNamespace(__name__="new-style", new_hook=new_hook_current), "new-style")
