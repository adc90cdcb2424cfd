"""Helpers and pytest fixtures for testing claim-registry plugins.

Opt in from a ``conftest.py``::

    pytest_plugins = ["registry.testing"]

It is never loaded automatically (there is no ``pytest11`` entry point), so
installing claim-registry changes nobody's test run. The helpers work
without pytest; only the fixtures at the end of this module need it.

- :func:`make_plugin_manager` — a fresh plugin manager with only the
  plugins you give it (no installed third-party plugin leaks in).
- :func:`registered` — a plugin registered for the length of a ``with``.
- :func:`make_claim`, :func:`make_document` — valid models with defaults.
- :func:`check_claims` — run claims through the real checker stage of the
  pipeline (config validation, ``CheckContext``, timeouts, verdicts) with
  an ``httpx.MockTransport`` instead of the network.
- :func:`run_cli` — run the ``registry`` command line in-process and
  capture its exit code, standard output and standard error.
- :func:`record_hooks` — record every hook implementation call.
- :func:`assert_plugin_installed` — the distribution is installed and its
  ``claim_registry`` entry points load without a problem.
- :func:`write_distribution` — a throwaway installed distribution (a
  ``.dist-info`` folder) for tests of plugin loading.
- :class:`MockHTTP` — canned HTTP answers for ``httpx.MockTransport``.
- Fixtures: ``registry_pm``, ``registry_home``, ``mock_http``.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import io
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._config import Settings
from ._models import CheckResult, Claim, ClaimReport, Document, Source, Span
from ._plugins import (
    DIST_NAME,
    ENTRY_POINT_GROUP,
    PluginInfo,
    PluginManager,
    _normalise_dist,
    hookimpl,
)
from .errors import PluginLoadError

if TYPE_CHECKING:  # httpx is imported by the helpers that need it, not here
    import httpx

__all__ = [
    "CheckRun",
    "CliResult",
    "HookCall",
    "HookRecorder",
    "MockHTTP",
    "assert_plugin_installed",
    "builtin_entry_points",
    "check_claims",
    "make_claim",
    "make_document",
    "make_plugin_manager",
    "record_hooks",
    "registered",
    "run_cli",
    "write_distribution",
]

#: The location check_claims asks the pipeline to load; an URL so that the
#: core does not look for a file of that name.
_IN_MEMORY_LOCATION = "https://registry.testing/document"


# -- plugin managers -----------------------------------------------------------


def builtin_entry_points() -> list[importlib.metadata.EntryPoint]:
    """The ``claim_registry`` entry points of claim-registry itself (the
    built-in plugins such as ``rules``), and no other distribution's."""
    return [
        ep for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
        if ep.dist is not None and _normalise_dist(ep.dist.name) == DIST_NAME
    ]


def _plugin_name(pm: PluginManager, plugin: Any) -> str:
    base = getattr(plugin, "__name__", None) or type(plugin).__name__
    name, n = base, 1
    while pm.has_plugin(name):  # two instances of one class need two names
        n += 1
        name = f"{base}-{n}"
    return name


def make_plugin_manager(
    *plugins: Any,
    builtins: bool = False,
    strict: bool | None = True,
    report: Callable[[str], None] | None = None,
) -> PluginManager:
    """A fresh plugin manager: the core's own plugins, then (with
    ``builtins``) claim-registry's built-in plugins, then ``plugins``.

    Installed third-party plugins are never loaded. ``strict`` (the default)
    turns every plugin problem — a misspelled hook, a duplicate checker
    name, a hook that raises — into a :class:`registry.PluginLoadError`, so
    a mistake in the plugin under test fails the test; pass
    ``strict=False`` to collect them in ``pm.problems`` instead.
    """
    pm = PluginManager(strict=strict, report=report)
    pm.load_default_plugins()
    if builtins:
        pm.load_entry_points(entry_points=builtin_entry_points())
    for plugin in plugins:
        name = _plugin_name(pm, plugin)
        pm.add_plugin(plugin, name, PluginInfo(name=name))
    pm.check_pending_isolated()
    return pm


@contextlib.contextmanager
def registered(pm: PluginManager, plugin: Any, name: str | None = None) -> Iterator[str]:
    """Register ``plugin`` in ``pm`` for the body of the ``with`` block and
    unregister it afterwards; yields the name it was registered under."""
    name = name or _plugin_name(pm, plugin)
    pm.add_plugin(plugin, name, PluginInfo(name=name))
    pm.check_pending_isolated()
    try:
        yield name
    finally:
        pm.unregister(name=name)


# -- models --------------------------------------------------------------------


def make_claim(text: str, **fields: Any) -> Claim:
    """A :class:`registry.Claim` for ``text``: check-worthy, spanning the
    whole text, unless ``fields`` say otherwise."""
    values: dict[str, Any] = {
        "span": Span(start=0, end=len(text)),
        "checkworthy": True,
        "checkworthiness": 1.0,
    }
    values.update(fields)
    return Claim(text=text, **values)


def make_document(text: str, **fields: Any) -> Document:
    """A :class:`registry.Document` holding ``text``; ``fields`` override
    the defaults (location ``test-document.txt``, a titled source)."""
    values: dict[str, Any] = {
        "location": "test-document.txt",
        "source": Source(title="Test document", uri="file:///test-document.txt"),
    }
    values.update(fields)
    return Document(text=text, **values)


# -- the checker stage -----------------------------------------------------------


@dataclass
class CheckRun:
    """What :func:`check_claims` returns."""

    #: One report per claim, in the order of the claims, with its results
    #: and verdict (the records ``registry check --format json`` prints).
    reports: list[ClaimReport]
    #: Checkers that raised :class:`registry.CheckerUnavailable`: name → message.
    unavailable: dict[str, str]
    #: Notices the run printed (for example "checker 'x' unavailable: ...").
    notices: list[str]
    #: Plugin problems, when ``strict=False``.
    problems: list[str]

    def results(self, checker: str | None = None) -> list[CheckResult]:
        """Every :class:`registry.CheckResult`, claim by claim, optionally
        only those of ``checker``."""
        return [
            result for report in self.reports for result in report.results
            if checker is None or result.checker == checker
        ]


class _InMemorySource:
    """A plugin that 'loads' one document and 'extracts' the given claims."""

    def __init__(self, document: Document, claims: list[Claim]) -> None:
        self.document = document
        self.claims = claims

    @hookimpl(tryfirst=True)  # before any URL loader: it answers for its own location only
    def load_document(self, location: str) -> Document | None:
        return self.document if location == _IN_MEMORY_LOCATION else None

    @hookimpl
    def extract_claims(self, document: Document) -> list[Claim]:
        return self.claims if document is self.document else []


def _document_for(claims: list[Claim]) -> tuple[Document, list[Claim]]:
    """One document whose text is the claims, one a line, with each
    claim's span pointing at its line."""
    placed, offset = [], 0
    for claim in claims:
        placed.append(claim.model_copy(update={"span": Span(start=offset, end=offset + len(claim.text))}))
        offset += len(claim.text) + 1
    return make_document("\n".join(c.text for c in claims)), placed


async def check_claims(
    claims: Iterable[Claim | str],
    plugins: Sequence[Any] = (),
    *,
    config: Mapping[str, Mapping[str, Any]] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    document: Document | None = None,
    timeout: float = 10.0,
    http: Mapping[str, Any] | None = None,
    builtins: bool = False,
    strict: bool = True,
) -> CheckRun:
    """Check ``claims`` (models, or plain strings made into claims) with
    the checkers that ``plugins`` register, through the real pipeline.

    ``config`` is what ``registry.toml`` would hold under ``[checkers]``:
    ``{"checker-name": {"key": value}}``, validated against each checker's
    ``Config``. ``transport`` answers the checkers' HTTP requests (an
    ``httpx.MockTransport``; without one, requests would go to the
    network). ``document`` is the document the claims came from (by
    default, one made of the claims' texts). ``timeout`` is the per-call
    timeout. ``http`` is the ``[http]`` table: retries are off unless you
    set ``attempts``. Every claim is checked, check-worthy or not.
    """
    from ._pipeline import Pipeline  # imports httpx; only needed here

    given = [make_claim(c) if isinstance(c, str) else c for c in claims]
    if document is None:
        document, given = _document_for(given)
    pm = make_plugin_manager(*plugins, _InMemorySource(document, given), builtins=builtins, strict=strict)
    notices: list[str] = []
    settings = Settings(
        timeout=timeout,
        checkers={name: dict(values) for name, values in (config or {}).items()},
        raw={"http": dict(http) if http is not None else {"attempts": 1}},
    )
    pipeline = Pipeline(pm, settings, include_all=True, transport=transport, on_notice=notices.append)
    result = await pipeline.run([_IN_MEMORY_LOCATION])
    if result.failures:
        raise result.failures[0]
    return CheckRun(reports=result.reports, unavailable=dict(result.unavailable),
                    notices=notices, problems=list(pm.problems))


# -- the command line ----------------------------------------------------------


@dataclass
class CliResult:
    """What :func:`run_cli` captured."""

    exit_code: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_cli(
    args: Sequence[str],
    plugins: Sequence[Any] = (),
    *,
    builtins: bool = False,
    pm: PluginManager | None = None,
    input: str | bytes | None = None,
    env: Mapping[str, str | None] | None = None,
    strict: bool | None = None,
) -> CliResult:
    """Run ``registry ARGS`` in this process, as a user would, with a fresh
    plugin manager holding ``plugins`` (plus the built-in plugins with
    ``builtins``), or with ``pm``.

    ``input`` is standard input; ``env`` sets (or, with None, removes)
    environment variables for the run. Plugin problems are reported on the
    captured standard error, as the real tool does; ``strict=None`` follows
    ``REGISTRY_STRICT_PLUGINS``.
    """
    from .cli import EXIT_USAGE, main

    raw = input.encode("utf-8") if isinstance(input, str) else (input or b"")
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    stdout, stderr = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = stdin
    try:
        with _environment(env or {}), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                manager = pm if pm is not None else make_plugin_manager(*plugins, builtins=builtins, strict=strict)
            except PluginLoadError as exc:  # strict loading: reported as the real tool does
                print(f"error: {exc}", file=sys.stderr)
                return CliResult(EXIT_USAGE, stdout.getvalue(), stderr.getvalue())
            code = main(list(args), pm=manager)
    finally:
        sys.stdin = saved_stdin
    return CliResult(code, stdout.getvalue(), stderr.getvalue())


# -- hook calls ----------------------------------------------------------------


@dataclass
class HookCall:
    """One call of one hook implementation."""

    hook: str
    plugin: str
    kwargs: dict[str, Any]
    result: Any = None
    error: BaseException | None = None


@dataclass
class HookRecorder:
    """The calls :func:`record_hooks` saw, in order."""

    calls: list[HookCall] = field(default_factory=list)

    def named(self, hook: str) -> list[HookCall]:
        """The calls of ``hook``."""
        return [call for call in self.calls if call.hook == hook]

    def hooks(self) -> list[str]:
        """The hooks called, in order of their first call."""
        return list(dict.fromkeys(call.hook for call in self.calls))


@contextlib.contextmanager
def record_hooks(pm: PluginManager) -> Iterator[HookRecorder]:
    """Record every call of every hook implementation registered in ``pm``
    while the ``with`` block runs, whichever way the core calls it."""
    recorder = HookRecorder()
    originals = []
    for hook_name in dir(pm.hook):
        caller = getattr(pm.hook, hook_name)
        if not hasattr(caller, "get_hookimpls"):
            continue
        for impl in caller.get_hookimpls():
            originals.append((impl, impl.function))
            impl.function = _recording(impl.function, hook_name, impl.plugin_name, impl.argnames, recorder)
    try:
        yield recorder
    finally:
        for impl, function in originals:
            impl.function = function


def _recording(function: Callable, hook: str, plugin: str, argnames: Sequence[str],
               recorder: HookRecorder) -> Callable:
    def call(*args: Any, **kwargs: Any) -> Any:
        record = HookCall(hook, plugin, {**dict(zip(argnames, args)), **kwargs})
        recorder.calls.append(record)
        try:
            record.result = function(*args, **kwargs)
        except BaseException as exc:
            record.error = exc
            raise
        return record.result

    return call


# -- installed distributions ------------------------------------------------------


def assert_plugin_installed(distribution: str) -> list[PluginInfo]:
    """Assert that ``distribution`` is installed, declares ``claim_registry``
    entry points, and that they import and register without a problem
    (no misspelled hook, no duplicate checker or format name). Returns what
    ``registry plugins`` would say about each of them."""
    try:
        dist = importlib.metadata.distribution(distribution)
    except importlib.metadata.PackageNotFoundError:
        raise AssertionError(f"distribution {distribution!r} is not installed") from None
    entry_points = [ep for ep in dist.entry_points if ep.group == ENTRY_POINT_GROUP]
    if not entry_points:
        raise AssertionError(
            f"distribution {distribution!r} declares no entry point in the "
            f"{ENTRY_POINT_GROUP!r} group ([project.entry-points.{ENTRY_POINT_GROUP}] in pyproject.toml)"
        )
    problems: list[str] = []
    pm = PluginManager(strict=False, report=problems.append)
    pm.load_default_plugins()
    pm.load_entry_points(entry_points=builtin_entry_points() + entry_points)
    pm.check_pending_isolated()
    pm.checkers()
    pm.output_formats()
    if problems:
        raise AssertionError("\n".join(problems))
    missing = [ep.name for ep in entry_points if ep.name not in pm.info]
    if missing:
        raise AssertionError(f"entry points {missing} of {distribution!r} were not loaded "
                             "(disabled by REGISTRY_LOAD_PLUGINS or REGISTRY_DISABLE_PLUGINS?)")
    return [pm.info[ep.name] for ep in entry_points]


def write_distribution(
    site: str | Path,
    name: str,
    version: str = "1.0",
    *,
    files: Mapping[str, str] | None = None,
    entry_points: Mapping[str, str] | None = None,
) -> Path:
    """Write a minimal installed distribution into the folder ``site`` (put
    it on ``sys.path`` to 'install' it): the module ``files`` (path →
    source) and a ``<name>-<version>.dist-info`` folder whose
    ``entry_points.txt`` declares ``entry_points`` (entry-point name →
    ``module`` or ``module:attribute``) in the ``claim_registry`` group.
    Returns the ``.dist-info`` folder."""
    site = Path(site)
    for relative, source in (files or {}).items():
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")
    info = site / f"{re.sub(r'[-_.]+', '_', name)}-{version}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    lines = [f"[{ENTRY_POINT_GROUP}]"] + [f"{ep} = {target}" for ep, target in (entry_points or {}).items()]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return info


# -- HTTP ------------------------------------------------------------------------


class MockHTTP:
    """Canned answers for ``httpx.MockTransport``, and a log of requests.

    ``add("GET", url, json=...)`` answers requests for that URL: scheme,
    host, port and path must be equal, and every query parameter of
    ``url`` must be in the request (others may be too). The first matching
    route answers. A request that no route matches raises an
    ``AssertionError`` naming it (your checker then fails with that
    message), and is kept in ``unmatched``.
    """

    def __init__(self) -> None:
        self.routes: list[tuple[str, Any, Callable[[httpx.Request], httpx.Response]]] = []
        self.requests: list[httpx.Request] = []
        self.unmatched: list[httpx.Request] = []

    def add(
        self,
        method: str,
        url: str,
        *,
        json: Any = None,
        text: str | None = None,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        handler: Callable[[httpx.Request], httpx.Response] | None = None,
    ) -> None:
        """Answer ``method url`` with ``json`` or ``text`` and ``status``,
        or by calling ``handler(request)`` (which may also raise, e.g.
        ``httpx.ConnectError``)."""
        import httpx

        if handler is None:
            def handler(request: httpx.Request) -> httpx.Response:
                if text is not None:
                    return httpx.Response(status, text=text, headers=headers)
                return httpx.Response(status, json=json, headers=headers)

        self.routes.append((method.upper(), httpx.URL(url), handler))

    def get(self, url: str, **answer: Any) -> None:
        """``add("GET", url, ...)``."""
        self.add("GET", url, **answer)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        for method, url, handler in self.routes:
            if method == request.method and _url_matches(url, request.url):
                return handler(request)
        self.unmatched.append(request)
        raise AssertionError(f"mock_http has no answer for {request.method} {request.url}")

    @property
    def transport(self) -> httpx.MockTransport:
        """An ``httpx.MockTransport`` answering from these routes."""
        import httpx

        return httpx.MockTransport(self)


def _url_matches(route: httpx.URL, url: httpx.URL) -> bool:
    if (route.scheme, route.host, route.port, route.path) != (url.scheme, url.host, url.port, url.path):
        return False
    return all(url.params.get_list(key) == route.params.get_list(key) for key in route.params)


# -- pytest fixtures (only when pytest is installed) -------------------------------

try:
    import pytest
except ImportError:  # the helpers above work without pytest
    pytest = None

if pytest is not None:

    @pytest.fixture
    def registry_pm() -> PluginManager:
        """A fresh, strict plugin manager with only the core's own plugins;
        register yours with ``registered(registry_pm, plugin)`` or
        ``registry_pm.add_plugin(plugin, name)``."""
        return make_plugin_manager()

    @pytest.fixture
    def registry_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        """A temporary ``REGISTRY_HOME`` (registry database, HTTP cache);
        ``REGISTRY_DB`` and ``REGISTRY_CONFIG`` are unset."""
        home = tmp_path / "registry-home"
        home.mkdir()
        monkeypatch.setenv("REGISTRY_HOME", str(home))
        monkeypatch.delenv("REGISTRY_DB", raising=False)
        monkeypatch.delenv("REGISTRY_CONFIG", raising=False)
        return home

    @pytest.fixture
    def mock_http() -> MockHTTP:
        """A :class:`MockHTTP`: add answers, then pass ``mock_http.transport``
        to :func:`check_claims`."""
        return MockHTTP()
