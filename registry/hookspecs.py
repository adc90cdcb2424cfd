"""Hook specifications: the contract between the core and every plugin.

A plugin is a module (or object) with functions decorated with
``registry.hookimpl`` whose names are the hooks below. Every hook is called
synchronously; concurrency lives in ``Checker.check``. The core calls each
implementation in isolation: one that raises is reported with its plugin's
name and the other implementations still run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pluggy

from ._models import Attribution, CheckResult, Claim, ClaimReport, Document, LoadOptions, Verdict
from .errors import DocumentError

if TYPE_CHECKING:
    import typer

    from ._checker import Checker

PROJECT_NAME = "claim_registry"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)


@hookspec
def register_checkers(register: Callable[[Checker], None]) -> None:
    """Register checker instances by calling ``register(checker)``.

    Runs once, when the plugin manager is set up, before any document is
    read. Every implementation is called; the return value is ignored. Two
    checkers with the same ``name`` are an error naming both plugins.
    """


@hookspec
def register_commands(app: typer.Typer) -> None:
    """Add subcommands to the ``registry`` command-line app.

    Runs once while ``build_app(pm)`` builds the CLI, so keep it cheap: import
    heavy dependencies inside the command functions, not at module level.
    A command that calls hooks takes a ``typer.Context`` argument: its
    ``obj`` is the plugin manager. Every implementation is called; the return
    value is ignored.
    """


@hookspec
def register_output_formats(
    register: Callable[[str, Callable[[Sequence[ClaimReport]], str]], None],
) -> None:
    """Register output formats by calling ``register(name, render)``.

    ``render(reports)`` receives the run's ``ClaimReport`` records and
    returns the text to print. Runs once, when the CLI is built. Every
    implementation is called; the return value is ignored. A name
    registered twice is an error naming both plugins.
    """


@hookspec(firstresult=True)
def load_document(location: str, options: LoadOptions) -> Document | None:
    """Read the document at ``location`` (a file path, ``-`` for standard
    input, or a URL) and return it, or None if this plugin cannot read it.
    ``options`` carries the run's limits (size, timeout, private hosts).

    Runs once per input location, after the core has expanded directories
    into files. firstresult: the first implementation that returns a
    ``Document`` wins. Raise ``registry.DocumentError`` for an input that
    this plugin is responsible for but cannot read.
    """


@hookspec(firstresult=True)
def expand_feed(location: str, options: LoadOptions, limit: int) -> list[str | DocumentError] | None:
    """Read the feed at ``location`` (a URL or a file given with ``registry
    check --feed``) and return the locations of its first ``limit`` items,
    or None if this plugin cannot read feeds.

    Runs once per ``--feed``, before any document is loaded; the items are
    then loaded like any other input. An item that cannot be used goes into
    the list as a ``registry.DocumentError`` (reported, the run goes on).
    firstresult: the first implementation that returns a list wins. Raise
    ``registry.DocumentError`` for a feed that cannot be read at all.
    """


@hookspec
def extract_claims(document: Document) -> list[Claim]:
    """Return the claims found in ``document``.

    Runs once per document, after it is loaded. Every implementation is
    called; their lists are merged and de-duplicated by claim id (the first
    claim with a given id wins). Spans must index ``document.text``.
    """


@hookspec(firstresult=True)
def attach_attribution(claim: Claim, document: Document) -> Attribution | None:
    """Return who made ``claim`` and how it reached ``document``, or None.

    Runs once per claim that has no attribution yet, after extraction and
    before the checkers. firstresult: the first non-None answer is used.
    """


@hookspec(firstresult=True)
def resolve_verdict(claim: Claim, results: list[CheckResult]) -> Verdict | None:
    """Combine the checkers' results for ``claim`` into one ``Verdict``.

    Runs once per claim, after every checker has answered or timed out.
    ``results`` excludes results with an ``error``. firstresult: the core's
    own implementation is ``trylast``, so any plugin may replace it.
    """


@hookspec
def claim_checked(claim: Claim, verdict: Verdict) -> None:
    """Be told that ``claim`` has its verdict (for exporters, webhooks, ...).

    Runs once per claim after ``resolve_verdict``. Every implementation is
    called; an exception is reported and never changes the verdict.
    """
