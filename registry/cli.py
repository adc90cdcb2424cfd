"""The ``registry`` command-line interface, built by :func:`build_app`.

Exit codes: 0 success; 1 some inputs failed (or, with ``--strict``, a
checker failed) or the registry could not be used; 2 usage or configuration
error; 130 interrupted.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ._loaders import DOCUMENT_SUFFIXES
from ._plugins import PluginManager, Render, _one_line, make_plugin_manager
from .errors import ConfigError, PluginLoadError, RegistryError

if TYPE_CHECKING:
    from ._models import ClaimReport

EXIT_OK = 0
EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

ConfigOption = Annotated[
    Optional[Path],
    typer.Option("--config", help="Config file (default: $REGISTRY_CONFIG or ./registry.toml).", dir_okay=False),
]


def build_app(pm: PluginManager) -> typer.Typer:
    """Build the CLI for the plugins in ``pm``; plugins add commands through
    ``register_commands``, and a command reaches ``pm`` as ``typer.Context.obj``."""
    app = typer.Typer(
        name="registry",
        help="Find the claims in documents, attribute them, check them and keep them in a registry.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )

    @app.callback()
    def _root(
        ctx: typer.Context,
        debug: Annotated[bool, typer.Option("--debug", help="Show the Python traceback of an error instead of its one line; give it before the command (registry --debug check ...), or set REGISTRY_DEBUG=1.")] = False,
    ) -> None:
        """Find the claims in documents, attribute them, check them and keep them in a registry."""
        ctx.obj = pm  # plugin commands that call hooks find the plugin manager here

    @app.command()
    def check(
        locations: Annotated[Optional[list[str]], typer.Argument(help=f"Files, directories (their {' '.join(sorted(DOCUMENT_SUFFIXES))} files, hidden ones left out), URLs, or - for standard input.", show_default=False, metavar="PATH|URL|-")] = None,
        output_format: Annotated[str, typer.Option("--format", "-f", help="Output format: table, json, jsonl or one a plugin adds.")] = "table",
        include_all: Annotated[bool, typer.Option("--all", help="Also report the claims judged not check-worthy.")] = False,
        explain: Annotated[bool, typer.Option("--explain", help="Show the features behind each check-worthiness score.")] = False,
        config: ConfigOption = None,
        strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when any checker failed on any claim.")] = False,
        max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse documents larger than this.", min=1)] = 20 * 1024 * 1024,
        timeout: Annotated[Optional[float], typer.Option("--timeout", help="Seconds allowed per checker call and per URL fetch (default 10).", min=0.001)] = None,
        concurrency: Annotated[Optional[int], typer.Option("--concurrency", help="Checker calls at once (default 16).", min=1)] = None,
        stats: Annotated[bool, typer.Option("--stats", help="Print per-checker calls, cache hits, errors and time on stderr.")] = False,
        no_store: Annotated[bool, typer.Option("--no-store", help="Do not write to the registry.")] = False,
        db: Annotated[Optional[str], typer.Option("--db", help="Registry URL (default: $REGISTRY_DB, config db, or the user data directory).")] = None,
        refresh: Annotated[bool, typer.Option("--refresh", help="Ignore cached check results.")] = False,
        feeds: Annotated[Optional[list[str]], typer.Option("--feed", help="Also check the items of this RSS or Atom feed (URL or file; repeatable).", metavar="URL")] = None,
        limit: Annotated[int, typer.Option("--limit", help="Items read from each --feed.", min=1)] = 50,
        allow_private_hosts: Annotated[bool, typer.Option("--allow-private-hosts", help="Allow URLs whose host is private, loopback or link-local.")] = False,
    ) -> None:
        """Check the claims in documents and report source, attribution and status.

        A directory's other files are skipped, counted in one line on stderr.
        """
        import asyncio

        from ._config import load_settings
        from ._models import LoadOptions
        from ._pipeline import Pipeline, expand_feeds, expand_locations
        from ._store_commands import check_registry_url
        from .store import open_store_for_run

        formats = pm.output_formats()
        if output_format not in formats:
            raise ConfigError(f"--format {output_format}: unknown format (choose from {', '.join(sorted(formats))})")
        settings = load_settings(config)
        if timeout is not None:
            settings.timeout = timeout
        if concurrency is not None:
            settings.concurrency = concurrency
        if not locations and not feeds:
            raise ConfigError("nothing to check: give files, directories, URLs, - or --feed URL")
        load_options = LoadOptions(max_bytes=max_bytes, timeout=settings.timeout, allow_private_hosts=allow_private_hosts)
        store = None
        if not no_store:
            check_registry_url(db, settings)
            store = open_store_for_run(db, settings)
        inputs = [*(locations or ()), *expand_feeds(pm, feeds or (), load_options, limit)]
        items = list(expand_locations(inputs, on_skipped=_warn))
        with _progress(len(items)) as advance:
            pipeline = Pipeline(
                pm, settings, store=store, include_all=include_all, refresh=refresh,
                load_options=load_options,
                on_document=advance, on_notice=_warn,
            )
            try:
                result = asyncio.run(pipeline.run(items))
            except KeyboardInterrupt:
                _warn("interrupted: documents already checked are kept; the one in progress is not")
                raise typer.Exit(EXIT_INTERRUPTED) from None
            finally:
                if store is not None:
                    store.close()
        for failure in result.failures:
            _warn(f"error: {failure}")
        reports = result.reports if include_all else [r for r in result.reports if r.checkworthy]
        render, plugin = formats[output_format]
        if output_format == "table":
            from ._outputs import render_table

            # a table of nothing says nothing when every input failed
            text = render_table(reports, explain=explain) if result.documents else ""
        else:
            text = _render_with_plugin(pm, output_format, render, plugin, reports)
        sys.stdout.write(text)
        if stats:
            for name, s in sorted(result.stats.items()):
                web = result.http.by_checker.get(name)
                http = (f"; HTTP {web.requests} requests, {web.cache_hits} cache hits, "
                        f"{web.retries} retries, {web.errors} errors") if web else ""
                _warn(f"checker {name}: {s.calls} calls, {s.cache_hits} cached results, "
                      f"{s.errors} errors, {s.seconds:.2f} s{http}")
        if result.failures:
            raise typer.Exit(EXIT_INPUT_FAILED)
        if strict and result.checker_errors:
            _warn(f"error: {result.checker_errors} checker call(s) failed (--strict)")
            raise typer.Exit(EXIT_INPUT_FAILED)

    @app.command()
    def plugins(
        show_all: Annotated[bool, typer.Option("--all", help="Include the built-in plugins.")] = False,
    ) -> None:
        """List the installed plugins as JSON."""
        listed = [
            {
                "name": info.name,
                "distribution": info.distribution,
                "version": info.version,
                "entry_point": info.entry_point,
                "builtin": info.builtin,
                "hooks": info.hooks,
            }
            for info in pm.info.values()
            if show_all or not info.builtin
        ]
        typer.echo(json.dumps(listed, indent=2))

    @app.command()
    def checkers(
        output_format: Annotated[str, typer.Option("--format", "-f", help="Output format: text or json.")] = "text",
    ) -> None:
        """List the registered checkers with their version and plugin."""
        rows = [
            {"name": name, "version": checker.version, "plugin": plugin,
             "config": sorted(checker.Config.model_fields) if checker.Config else []}
            for name, (checker, plugin) in sorted(pm.checkers().items())
        ]
        if output_format == "json":
            typer.echo(json.dumps(rows, indent=2))
        elif output_format == "text":
            for row in rows:
                typer.echo(f"{row['name']} {row['version']} (plugin {row['plugin']})")
        else:
            raise ConfigError(f"--format {output_format}: unknown format (choose from text, json)")

    pm.call_each("register_commands", app=app)
    return app


def _render_with_plugin(
    pm: PluginManager, output_format: str, render: Render, plugin: str, reports: Sequence[ClaimReport],
) -> str:
    """The text of a plugin's output format; a renderer that raises or
    returns something else than text is the plugin's failure, reported in
    one line (the traceback only with ``--debug``)."""
    try:
        text = render(reports)
    except Exception as exc:
        raise PluginLoadError(f"{pm.describe(plugin)} failed in output format '{output_format}': {_one_line(exc)}") from exc
    if not isinstance(text, str):
        raise PluginLoadError(f"{pm.describe(plugin)} returned {type(text).__name__} from output format "
                              f"'{output_format}', not text")
    return text


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


class _progress:
    """A progress bar on stderr for runs of more than a few documents, only
    when stderr is a terminal; otherwise a no-op."""

    THRESHOLD = 3

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar = None

    def __enter__(self):
        if self.total > self.THRESHOLD and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            task = self.bar.add_task("checking", total=self.total)
            return lambda: self.bar.advance(task)
        return lambda: None

    def __exit__(self, *exc_info) -> None:
        if self.bar is not None:
            self.bar.stop()


def main(argv: list[str] | None = None, pm: PluginManager | None = None) -> int:
    """Run the ``registry`` command line with ``argv`` and return the exit
    code; ``pm`` defaults to one with every installed plugin."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or os.environ.get("REGISTRY_DEBUG") == "1"
    try:
        app = build_app(pm if pm is not None else make_plugin_manager())
        app(args=args, prog_name="registry")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_INPUT_FAILED)
    except KeyboardInterrupt:
        _warn("interrupted")
        return EXIT_INTERRUPTED
    except RegistryError as exc:
        if debug:
            raise
        _warn(f"error: {exc}")
        return EXIT_USAGE if isinstance(exc, (ConfigError, PluginLoadError)) else EXIT_INPUT_FAILED
    return EXIT_OK
