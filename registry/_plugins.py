"""The plugin manager: loading plugins in isolation, calling hooks in
isolation, and collecting the checkers and output formats they register."""

from __future__ import annotations

import importlib.metadata
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pluggy

from . import hookspecs
from ._checker import Checker
from ._models import ClaimReport
from .errors import DocumentError, PluginLoadError

ENTRY_POINT_GROUP = hookspecs.PROJECT_NAME
PLUGIN_API_VERSION = 1
"""The version of the plugin API this core implements. A plugin module may
declare ``REGISTRY_PLUGIN_API = N``; a plugin asking for a newer N than this
is refused at load time."""

DIST_NAME = "claim-registry"

#: The core's own plugins: registered first, cannot be disabled.
DEFAULT_PLUGINS = ("registry._loaders", "registry._verdict", "registry._outputs", "registry._plugin_commands", "registry._store_commands")

hookimpl = pluggy.HookimplMarker(hookspecs.PROJECT_NAME)

Render = Callable[[Sequence[ClaimReport]], str]


@dataclass
class PluginInfo:
    """What ``registry plugins`` says about one plugin."""

    name: str
    distribution: str | None = None
    version: str | None = None
    entry_point: str | None = None
    builtin: bool = False
    hooks: list[str] = field(default_factory=list)


def _normalise_dist(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _env_list(name: str) -> set[str] | None:
    value = os.environ.get(name)
    if value is None:
        return None
    return {_normalise_dist(item.strip()) for item in value.split(",") if item.strip()}


def _strict_from_env() -> bool:
    return os.environ.get("REGISTRY_STRICT_PLUGINS", "").strip().lower() in {"1", "true", "yes"}


class PluginManager(pluggy.PluginManager):
    """A pluggy plugin manager that never lets one plugin break the tool.

    Problems (a plugin that fails to import, a misspelled hook, a duplicate
    checker name, a hook implementation that raises) are reported through
    ``report`` as one line each and collected in ``problems``; with
    ``strict`` they raise :class:`PluginLoadError` instead.
    """

    def __init__(self, *, strict: bool | None = None, report: Callable[[str], None] | None = None):
        super().__init__(hookspecs.PROJECT_NAME)
        self.add_hookspecs(hookspecs)
        self.strict = _strict_from_env() if strict is None else strict
        self.problems: list[str] = []
        self._report = report or _print_to_stderr
        self.info: dict[str, PluginInfo] = {}
        self._checkers: dict[str, tuple[Checker, str]] | None = None
        self._formats: dict[str, tuple[Render, str]] | None = None
        # The implementations call_each calls, per hook: hooks such as
        # resolve_verdict are called once per claim.
        self._to_call: dict[str, list[pluggy.HookImpl]] = {}

    # -- reporting ---------------------------------------------------------

    def describe(self, plugin_name: str) -> str:
        """``plugin 'name' (dist d 1.0)``: how problem lines name a plugin."""
        info = self.info.get(plugin_name)
        if info is None or info.distribution is None:
            return f"plugin '{plugin_name}'"
        return f"plugin '{plugin_name}' (dist {info.distribution} {info.version or '?'})"

    def problem(self, message: str) -> None:
        """Report one plugin problem; fatal in strict mode."""
        if self.strict:
            raise PluginLoadError(message)
        self.problems.append(message)
        self._report(message)

    # -- registration ------------------------------------------------------

    def add_plugin(self, plugin: Any, name: str, info: PluginInfo | None = None) -> None:
        """Register ``plugin`` under ``name`` and record what it implements."""
        self.register(plugin, name=name)
        record = info or PluginInfo(name=name)
        record.hooks = sorted(
            caller.name for caller in self.get_hookcallers(plugin) or () if caller.name
        )
        self.info[name] = record
        self._checkers = None
        self._formats = None

    def register(self, plugin: Any, name: str | None = None) -> str | None:
        registered = super().register(plugin, name)
        self._to_call.clear()
        return registered

    def unregister(self, plugin: Any = None, name: str | None = None) -> Any:
        """Unregister a plugin and forget its record, checkers and formats."""
        if name is None:
            name = self.get_name(plugin)
        removed = super().unregister(plugin, name)
        self.info.pop(name, None)
        self._checkers = None
        self._formats = None
        self._to_call.clear()
        return removed

    def load_default_plugins(self) -> None:
        """Register the core's own plugins (:data:`DEFAULT_PLUGINS`)."""
        import importlib

        for module_name in DEFAULT_PLUGINS:
            module = importlib.import_module(module_name)
            self.add_plugin(
                module,
                module_name,
                PluginInfo(name=module_name, distribution=DIST_NAME, builtin=True),
            )

    def load_entry_points(self, entry_points: Iterable[Any] | None = None) -> None:
        """Import and register every ``claim_registry`` entry point, each in
        isolation, honouring REGISTRY_LOAD_PLUGINS and REGISTRY_DISABLE_PLUGINS.

        A distribution seen twice on ``sys.path`` is loaded once.
        """
        allowed = _env_list("REGISTRY_LOAD_PLUGINS")
        disabled = _env_list("REGISTRY_DISABLE_PLUGINS") or set()
        if entry_points is None:
            entry_points = importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
        # Built-ins first, so that a third-party plugin can never take a
        # built-in checker's name, whatever the order of sys.path.
        entry_points = sorted(entry_points, key=lambda ep: not (ep.dist and _normalise_dist(ep.dist.name) == DIST_NAME))
        seen: set[tuple[str, str]] = set()
        for ep in entry_points:
            dist_name = _normalise_dist(ep.dist.name) if ep.dist else "unknown"
            dist_version = ep.dist.version if ep.dist else None
            if (dist_name, ep.name) in seen:
                continue
            seen.add((dist_name, ep.name))
            builtin = dist_name == DIST_NAME
            if allowed is not None and not builtin and dist_name not in allowed:
                continue
            if dist_name in disabled or _normalise_dist(ep.name) in disabled:
                continue
            if self.has_plugin(ep.name):
                continue
            label = f"plugin '{ep.name}' (dist {dist_name} {dist_version or '?'})"
            try:
                plugin = ep.load()
                _check_api_version(plugin)
            except (Exception, SystemExit) as exc:  # one broken plugin never breaks the tool
                self.problem(f"{label} failed to load: {_one_line(exc)}")
                continue
            try:
                self.add_plugin(
                    plugin,
                    ep.name,
                    PluginInfo(
                        name=ep.name,
                        distribution=dist_name,
                        version=dist_version,
                        entry_point=ep.value,
                        builtin=builtin,
                    ),
                )
            except Exception as exc:
                self.problem(f"{label} failed to register: {_one_line(exc)}")

    def check_pending_isolated(self) -> None:
        """Report hook implementations that match no hook specification
        (a misspelled hook name) and hook wrappers (each implementation is
        called on its own, so a wrapper has nothing to wrap) with the plugin
        and the hook; they are never called."""
        for name in dir(self.hook):
            caller = getattr(self.hook, name)
            if not isinstance(caller, pluggy.HookCaller):
                continue
            for impl in caller.get_hookimpls():
                if caller.spec is None and not impl.optionalhook:
                    self.problem(
                        f"{self.describe(impl.plugin_name)} implements unknown hook '{name}' "
                        "(misspelled?); it is ignored"
                    )
                elif caller.spec is not None and (impl.wrapper or impl.hookwrapper):
                    self.problem(
                        f"{self.describe(impl.plugin_name)} implements '{name}' as a hook wrapper, "
                        "which claim-registry does not support; it is ignored"
                    )

    # -- isolated hook calls -----------------------------------------------

    def call_each(self, hook_name: str, *, firstresult: bool = False, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call every implementation of ``hook_name`` in pluggy's order, each
        in isolation, and return ``(plugin_name, result)`` pairs for the ones
        that returned something other than None.

        An implementation that raises is reported with its plugin's name and
        skipped, except for :class:`DocumentError`, which is about the input,
        not the plugin, and propagates. With ``firstresult`` the first non-None result ends the call.
        """
        impls = self._to_call.get(hook_name)
        if impls is None:
            impls = self._to_call[hook_name] = _plain(getattr(self.hook, hook_name).get_hookimpls())
        results: list[tuple[str, Any]] = []
        for impl in impls:
            try:
                result = impl.function(*(kwargs[arg] for arg in impl.argnames))
            except (PluginLoadError, DocumentError):
                raise  # strict-mode failures, and a loader's verdict on its input
            except Exception as exc:
                self.problem(f"{self.describe(impl.plugin_name)} failed in {hook_name}: {_one_line(exc)}")
                continue
            if result is not None:
                results.append((impl.plugin_name, result))
                if firstresult:
                    break
        return results

    def call_first(self, hook_name: str, **kwargs: Any) -> tuple[str, Any] | None:
        """Like :meth:`call_each` with ``firstresult``: the first answer or None."""
        answers = self.call_each(hook_name, firstresult=True, **kwargs)
        return answers[0] if answers else None

    # -- what plugins registered -------------------------------------------

    def checkers(self) -> dict[str, tuple[Checker, str]]:
        """Registered checkers by name, each with the plugin that registered it."""
        if self._checkers is None:
            found: dict[str, tuple[Checker, str]] = {}
            # registration order: a name already taken stays with the plugin loaded first
            for impl in reversed(_plain(self.hook.register_checkers.get_hookimpls())):

                def register(checker: Checker, _plugin: str = impl.plugin_name) -> None:
                    if not isinstance(checker, Checker):
                        self.problem(
                            f"{self.describe(_plugin)} registered {checker!r}, which is not a "
                            "registry.Checker instance; it is ignored"
                        )
                        return
                    if not checker.name:
                        self.problem(f"{self.describe(_plugin)} registered a checker without a name")
                        return
                    if checker.name in found:
                        self.problem(
                            f"checker name '{checker.name}' registered by {self.describe(_plugin)} "
                            f"is already taken by {self.describe(found[checker.name][1])}; "
                            f"the one from '{found[checker.name][1]}' is kept"
                        )
                        return
                    found[checker.name] = (checker, _plugin)

                self._call_registration(impl, "register_checkers", register)
            self._checkers = found
        return self._checkers

    def output_formats(self) -> dict[str, tuple[Render, str]]:
        """Registered output formats by name, each with its plugin's name."""
        if self._formats is None:
            found: dict[str, tuple[Render, str]] = {}
            for impl in reversed(_plain(self.hook.register_output_formats.get_hookimpls())):

                def register(name: str, render: Render, _plugin: str = impl.plugin_name) -> None:
                    if name in found:
                        self.problem(
                            f"output format '{name}' registered by {self.describe(_plugin)} is "
                            f"already taken by {self.describe(found[name][1])}"
                        )
                        return
                    found[name] = (render, _plugin)

                self._call_registration(impl, "register_output_formats", register)
            self._formats = found
        return self._formats

    def _call_registration(self, impl: pluggy.HookImpl, hook_name: str, register: Callable) -> None:
        try:
            impl.function(register)
        except PluginLoadError:
            raise
        except Exception as exc:
            self.problem(f"{self.describe(impl.plugin_name)} failed in {hook_name}: {_one_line(exc)}")


def _plain(impls: list[pluggy.HookImpl]) -> list[pluggy.HookImpl]:
    """The implementations to call, in pluggy's order (last registered
    first), without the hook wrappers that check_pending_isolated reports."""
    return [impl for impl in reversed(impls) if not (impl.wrapper or impl.hookwrapper)]


def _check_api_version(plugin: Any) -> None:
    wanted = getattr(plugin, "REGISTRY_PLUGIN_API", None)
    if wanted is not None and int(wanted) > PLUGIN_API_VERSION:
        raise PluginLoadError(
            f"needs plugin API {wanted}, this claim-registry provides {PLUGIN_API_VERSION}; "
            "upgrade claim-registry"
        )


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if not isinstance(exc, PluginLoadError) else text


def _print_to_stderr(message: str) -> None:
    print(message, file=sys.stderr)


def make_plugin_manager(
    *plugins: Any,
    entry_points: bool = True,
    strict: bool | None = None,
    report: Callable[[str], None] | None = None,
) -> PluginManager:
    """Build a plugin manager with the core's plugins, then (if
    ``entry_points``) every installed ``claim_registry`` plugin, then
    ``plugins`` given here; then report misspelled hooks."""
    pm = PluginManager(strict=strict, report=report)
    pm.load_default_plugins()
    if entry_points:
        pm.load_entry_points()
    for plugin in plugins:
        name = getattr(plugin, "__name__", None) or type(plugin).__name__
        pm.add_plugin(plugin, name, PluginInfo(name=name))
    pm.check_pending_isolated()
    return pm
