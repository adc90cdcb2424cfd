"""The registry's commands: ``claims list|show|search``, ``review``,
``export``, ``import claimreview`` and ``db upgrade|info`` (a core plugin).

Every command takes ``--db`` (else ``REGISTRY_DB``, config ``db``, or the
default registry). Commands that only read refuse a registry that does not
exist yet instead of creating an empty one.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Callable, Iterator, Optional
from urllib.parse import urlsplit

import typer

from ._models import AttributionStatus, LoadOptions, Status
from ._plugins import hookimpl
from .errors import ConfigError, DocumentError, FetchError

if TYPE_CHECKING:
    from ._models import FactCheck
    from ._plugins import PluginManager
    from .store import ClaimRecord, ClaimSummary, RegistryStore

DbOption = Annotated[
    Optional[str],
    typer.Option("--db", help="Registry URL or file (default: $REGISTRY_DB, config db, or the user data directory)."),
]
ConfigOption = Annotated[
    Optional[Path],
    typer.Option("--config", help="Config file (default: $REGISTRY_CONFIG or ./registry.toml).", dir_okay=False),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="Output format: table or json.")]
ClaimIdArgument = Annotated[
    str, typer.Argument(help="The claim's id (16 hex digits), or a unique prefix of at least 4 of them."),
]

#: ``import claimreview URL --max-bytes`` by default: a fact-check dump is larger than a page.
IMPORT_MAX_BYTES = 50 * 1024 * 1024


def check_registry_url(db: str | None, settings: Any) -> None:
    """Refuse, as a configuration error (exit code 2), a registry URL
    (``--db``, ``REGISTRY_DB`` or config ``db``) with a scheme the store
    does not support or that cannot be parsed: the store reports it as a
    :class:`StoreError`, which the CLI reads as a registry that failed."""
    from .store import StoreError, resolve_location

    try:
        resolve_location(db, settings)
    except StoreError as exc:
        raise ConfigError(str(exc)) from None


@contextmanager
def _registry(db: str | None, config: Path | None, *, create: bool) -> Iterator[RegistryStore]:
    """The registry a command works on, closed when the command is done with it."""
    from ._config import load_settings
    from .store import open_store

    settings = load_settings(config)
    check_registry_url(db, settings)
    store = open_store(db, settings=settings, create=create)
    try:
        yield store
    finally:
        store.close()


def _choice(option: str, value: str, enum: type[Status] | type[AttributionStatus]) -> Any:
    try:
        return enum(value.strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise ConfigError(f"{option} {value!r}: unknown status (choose from {choices})") from None


def _check_format(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ConfigError(f"--format {value!r}: unknown format (choose from {', '.join(allowed)})")
    return value


def _check_claim_id(claim_id: str) -> None:
    """Refuse, as a usage error, an argument that cannot be a claim id."""
    from .store import malformed_claim_id

    problem = malformed_claim_id(claim_id)
    if problem:
        raise ConfigError(problem)


def _parse_since(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(f"--since {value!r}: not a date (use YYYY-MM-DD or an ISO 8601 time)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _default_reviewer() -> str:
    named = os.environ.get("REGISTRY_REVIEWER", "").strip()
    if named:
        return named
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        raise ConfigError("no reviewer name: pass --reviewer or set REGISTRY_REVIEWER") from None


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


# -- rendering ------------------------------------------------------------------


def _summary_table(rows: list[ClaimSummary]) -> str:
    import io
    import shutil

    from rich.console import Console
    from rich.table import Table

    tty = sys.stdout.isatty()
    table = Table(show_lines=False, expand=False)
    for name, ratio in (("Id", None), ("Claim", 5), ("Speakers", 2), ("Status", None), ("Decided by", None), ("Appearances", None)):
        table.add_column(name, overflow="fold", ratio=ratio)
    for row in rows:
        table.add_row(
            row.id, row.text, ", ".join(row.speakers) or "-",
            row.status.value + (" (review)" if row.origin == "review" else ""),
            row.decided_by or "-", str(row.appearances),
        )
    buffer = io.StringIO()
    width = shutil.get_terminal_size((160, 40)).columns if tty else 160
    console = Console(file=buffer, force_terminal=tty, no_color=not tty, width=width, highlight=False)
    console.print(table)
    console.print(f"{len(rows)} claim{'s' if len(rows) != 1 else ''}")
    return buffer.getvalue()


def _write_summaries(rows: list[ClaimSummary], output_format: str) -> None:
    sys.stdout.write(_json([r.model_dump(mode="json") for r in rows]) if output_format == "json" else _summary_table(rows))


def _record_text(record: ClaimRecord) -> str:
    verdict = record.verdict
    lines = [
        f"claim {record.id} ({record.claim_type})",
        f"  {record.text}",
        f"  status: {verdict.status.value} ({verdict.origin}, decided by {verdict.decided_by or '-'}, "
        f"confidence {verdict.confidence:.2f})",
    ]
    if verdict.explanation:
        lines.append(f"  why: {verdict.explanation}")
    if verdict.origin == "review" and verdict.machine:
        lines.append(f"  machine verdict: {verdict.machine.status.value} ({verdict.machine.decided_by or '-'})")
    lines.append(f"  first seen {record.first_seen:%Y-%m-%d %H:%M}, last seen {record.last_seen:%Y-%m-%d %H:%M}")
    lines.append(f"appearances ({len(record.appearances)}):")
    for a in record.appearances:
        where = a.source.title or a.source.uri or "?"
        who = a.attribution.claimant if a.attribution and a.attribution.claimant else "unattributed"
        published = f", {a.source.published:%Y-%m-%d}" if a.source.published else ""
        lines.append(f"  - {where}{published} [{a.span.start}:{a.span.end}] {who}")
        if a.source.uri and a.source.uri != where:
            lines.append(f"    {a.source.uri}")
    lines.append(f"check results ({len(record.results)}):")
    for r in record.results:
        outcome = f"error: {r.error}" if r.error else f"{r.status.value if r.status else '-'} {r.confidence:.2f}"
        lines.append(f"  - {r.checked_at:%Y-%m-%d %H:%M} {r.checker} {r.version}: {outcome}")
        if r.explanation:
            lines.append(f"    {r.explanation}")
        lines.extend(f"    evidence: {e.summary}" + (f" <{e.url}>" if e.url else "") for e in r.evidence)
    lines.append(f"reviews ({len(record.reviews)}):")
    for review in record.reviews:
        lines.append(f"  - {review.reviewed_at:%Y-%m-%d %H:%M} {review.reviewer}: {review.status.value}")
        if review.note:
            lines.append(f"    {review.note}")
        lines.extend(f"    evidence: {url}" for url in review.evidence)
        if review.url:
            lines.append(f"    published: {review.url}")
    if record.links:
        lines.append(f"near duplicates ({len(record.links)}):")
        lines.extend(f"  - {link.claim_id} {link.state} {link.similarity:.2f}: {link.text}" for link in record.links)
    return "\n".join(lines) + "\n"


# -- importing fact-checks ------------------------------------------------------

#: Skipped fact-checks named one by one in an import's warnings; the rest are counted.
SKIPPED_NAMED_AT_MOST = 20


def _warn_skipped(source: str, skipped: list[str]) -> None:
    """One stderr line per fact-check of ``source`` skipped for having no
    claim text, up to :data:`SKIPPED_NAMED_AT_MOST`, then one line counting
    the others: a large feed must not bury the summary."""
    reason = "no claim text (claimReviewed), skipped"
    for item in skipped[:SKIPPED_NAMED_AT_MOST]:
        typer.echo(f"warning: {source}: {item}: {reason}", err=True)
    if len(skipped) > SKIPPED_NAMED_AT_MOST:
        typer.echo(f"warning: {source}: and {len(skipped) - SKIPPED_NAMED_AT_MOST} more: {reason}", err=True)


#: What ``import claimreview URL`` asks for: fact-check data, else the fact-check page.
_ACCEPT_FACTCHECKS = "application/ld+json,application/json;q=0.9,text/html;q=0.8,application/xhtml+xml;q=0.8,*/*;q=0.1"


def _fetch_factchecks(
    pm: PluginManager, url: str, options: LoadOptions, on_skipped: Callable[[str], None],
) -> list[FactCheck]:
    """The fact-checks published at ``url``, fetched by :func:`registry.fetch.fetch`.

    A JSON response (ClaimReview JSON-LD, a DataFeed, a Fact Check Tools
    response) is parsed here. An HTML page (a fact-check article) goes to the
    ``load_document`` hook, whose web plugin reads the ClaimReview JSON-LD the
    page embeds into ``document.metadata["factchecks"]``; that loader fetches
    the page itself, so a page costs two requests.
    """
    from .claimreview import parse_claimreview_json
    from .fetch import fetch

    fetched = fetch(url, options, accept=_ACCEPT_FACTCHECKS)
    if fetched.is_html:
        return _page_factchecks(pm, url, options)
    try:
        data = json.loads(fetched.body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise FetchError(url, f"not JSON ({fetched.content_type_header or 'no content type'}): {error}") from None
    return parse_claimreview_json(data, origin=fetched.url, on_skipped=on_skipped)


def _page_factchecks(pm: PluginManager, url: str, options: LoadOptions) -> list[FactCheck]:
    answer = pm.call_first("load_document", location=url, options=options)
    if answer is None:
        raise DocumentError(url, "an HTML page, and no installed plugin reads web pages")
    _plugin, document = answer
    factchecks = document.metadata.get("factchecks") or []
    if not factchecks:
        raise DocumentError(url, "no ClaimReview fact-checks found in the page")
    return factchecks


# -- the commands -----------------------------------------------------------------


@hookimpl
def register_commands(app: typer.Typer) -> None:
    """Add the registry's commands (see the module docstring) to ``app``."""
    claims_app = typer.Typer(help="List, show and search the claims in the registry.", no_args_is_help=True)
    import_app = typer.Typer(help="Import published fact-checks into the registry.", no_args_is_help=True)
    db_app = typer.Typer(help="Create, migrate and inspect the registry database.", no_args_is_help=True)
    app.add_typer(claims_app, name="claims")
    app.add_typer(import_app, name="import")
    app.add_typer(db_app, name="db")

    @claims_app.command("list")
    def claims_list(
        status: Annotated[Optional[str], typer.Option("--status", help="Only claims with this current status.")] = None,
        speaker: Annotated[Optional[str], typer.Option("--speaker", help="Only claims attributed to a speaker whose name contains this.")] = None,
        since: Annotated[Optional[str], typer.Option("--since", help="Only claims seen or reviewed since this date (YYYY-MM-DD).")] = None,
        limit: Annotated[int, typer.Option("--limit", help="Show at most this many claims.", min=1)] = 50,
        output_format: FormatOption = "table",
        db: DbOption = None,
        config: ConfigOption = None,
    ) -> None:
        """List claims, most recently active first."""
        _check_format(output_format, ("table", "json"))
        wanted = _choice("--status", status, Status) if status else None
        moment = _parse_since(since) if since else None
        with _registry(db, config, create=False) as store:
            rows = store.list_claims(status=wanted, speaker=speaker, since=moment, limit=limit)
        _write_summaries(rows, output_format)

    @claims_app.command("show")
    def claims_show(
        claim_id: ClaimIdArgument,
        output_format: FormatOption = "table",
        db: DbOption = None,
        config: ConfigOption = None,
    ) -> None:
        """Show a claim with every appearance, check result and review."""
        _check_format(output_format, ("table", "json"))
        _check_claim_id(claim_id)
        with _registry(db, config, create=False) as store:
            record = store.claim(claim_id)
        sys.stdout.write(_json(record.model_dump(mode="json")) if output_format == "json" else _record_text(record))

    @claims_app.command("search")
    def claims_search(
        text: Annotated[str, typer.Argument(help="Words and numbers that must all appear in the claim.")],
        limit: Annotated[int, typer.Option("--limit", help="Show at most this many claims.", min=1)] = 20,
        output_format: FormatOption = "table",
        db: DbOption = None,
        config: ConfigOption = None,
    ) -> None:
        """Search the claims' text, numbers included, newest first."""
        _check_format(output_format, ("table", "json"))
        with _registry(db, config, create=False) as store:
            rows = store.search_claims(text, limit=limit)
        _write_summaries(rows, output_format)

    @app.command()
    def review(
        claim_id: ClaimIdArgument,
        status: Annotated[str, typer.Option("--status", help="Your verdict: supported, refuted, misleading, ...")],
        note: Annotated[str, typer.Option("--note", help="Why: what you checked and found.")] = "",
        evidence: Annotated[Optional[list[str]], typer.Option("--evidence", help="A URL backing the verdict (repeatable).")] = None,
        url: Annotated[Optional[str], typer.Option("--url", help="The published fact-check page, for ClaimReview export.")] = None,
        attribution_status: Annotated[Optional[str], typer.Option("--attribution-status", help="Did the named source say it: confirmed_primary, misattributed, ...")] = None,
        reviewer: Annotated[Optional[str], typer.Option("--reviewer", help="Who reviews (default: $REGISTRY_REVIEWER or your user name).")] = None,
        db: DbOption = None,
        config: ConfigOption = None,
    ) -> None:
        """Record a human verdict on a claim; it outranks every checker."""
        _check_claim_id(claim_id)
        verdict = _choice("--status", status, Status)
        attributed = _choice("--attribution-status", attribution_status, AttributionStatus) if attribution_status else None
        for link in [*(evidence or ()), *([url] if url else [])]:
            if urlsplit(link).scheme not in {"http", "https"}:
                raise ConfigError(f"{link!r}: not an http(s) URL")
        with _registry(db, config, create=False) as store:
            saved = store.add_review(
                claim_id, status=verdict, reviewer=reviewer or _default_reviewer(), note=note,
                evidence=evidence or (), url=url, attribution_status=attributed,
            )
        typer.echo(f"claim {saved.claim_id}: {saved.status.value} (reviewed by {saved.reviewer})")

    @app.command()
    def export(
        output_format: Annotated[str, typer.Option("--format", "-f", help="claimreview (JSON-LD), jsonl or csv.")] = "claimreview",
        status: Annotated[Optional[list[str]], typer.Option("--status", help="Only claims with this current status (repeatable).")] = None,
        include_machine: Annotated[bool, typer.Option("--include-machine", help="Also export claims no human has reviewed.")] = False,
        base_url: Annotated[Optional[str], typer.Option("--base-url", help="ClaimReview url for claims without a published review: this + claim id.")] = None,
        publisher: Annotated[Optional[str], typer.Option("--publisher", help="The organisation named as the ClaimReview author.")] = None,
        db: DbOption = None,
        config: ConfigOption = None,
    ) -> None:
        """Export reviewed claims as ClaimReview JSON-LD, JSON Lines or CSV."""
        from .store import _export

        _check_format(output_format, ("claimreview", "jsonl", "csv"))
        statuses = [_choice("--status", s, Status) for s in status or ()]
        if base_url is not None and urlsplit(base_url).scheme not in {"http", "https"}:
            raise ConfigError(f"--base-url {base_url!r}: not an http(s) URL")
        with _registry(db, config, create=False) as store:
            records, left_out = store.claims_for_export(statuses=statuses, include_machine=include_machine)
        if output_format == "claimreview":
            text = _export.render_claimreview_feed(records, base_url=base_url, publisher=publisher, now=datetime.now(UTC))
        elif output_format == "jsonl":
            text = _export.render_jsonl(records)
        else:
            text = _export.render_csv(records)
        sys.stdout.write(text)
        if left_out:
            typer.echo(f"{left_out} claim(s) without a human review left out (--include-machine exports them)", err=True)

    @import_app.command("claimreview")
    def import_claimreview(
        ctx: typer.Context,
        source: Annotated[str, typer.Argument(help="A JSON or JSON Lines file, or an http(s) URL (JSON, or a fact-check page).")],
        allow_private_hosts: Annotated[bool, typer.Option("--allow-private-hosts", help="Allow a URL on a private or local network.")] = False,
        timeout: Annotated[float, typer.Option("--timeout", help="Seconds allowed to download a URL.", min=0.1)] = 30.0,
        max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse a download larger than this.", min=1)] = IMPORT_MAX_BYTES,
        db: DbOption = None,
        config: ConfigOption = None,
    ) -> None:
        """Import fact-checks from ClaimReview JSON-LD, a Fact Check Tools response or a fact-check page."""
        from .claimreview import load_claimreview_file
        from .fetch import names_a_url

        skipped: list[str] = []
        if names_a_url(source):
            options = LoadOptions(max_bytes=max_bytes, timeout=timeout, allow_private_hosts=allow_private_hosts)
            found = _fetch_factchecks(ctx.obj, source, options, skipped.append)
        else:
            found = load_claimreview_file(source, on_skipped=skipped.append)
        _warn_skipped(source, skipped)
        new = 0
        with _registry(db, config, create=True) as store:
            new = store.add_factchecks(found)
        unrated = sum(1 for factcheck in found if not factcheck.rating and factcheck.rating_value is None)
        if unrated:  # said once they are stored: a registry that refused them stored nothing
            typer.echo(f"warning: {source}: {unrated} fact-check(s) with no rating (reviewRating): stored, "
                       "but they can give no claim a verdict", err=True)
        counted = f", {len(skipped)} skipped (no claim text)" if skipped else ""
        typer.echo(f"{source}: {len(found)} fact-check(s) read, {new} new, {len(found) - new} already known{counted}")

    @db_app.command("upgrade")
    def db_upgrade(db: DbOption = None, config: ConfigOption = None) -> None:
        """Create the registry or migrate it to the newest schema revision."""
        from ._config import load_settings
        from .store import resolve_location, upgrade_database

        settings = load_settings(config)
        check_registry_url(db, settings)
        before, after = upgrade_database(db, settings=settings)
        where = resolve_location(db, settings).shown
        if before == after:
            typer.echo(f"registry {where}: already at the newest schema revision {after}")
        else:
            typer.echo(f"registry {where}: schema revision {before or 'none (new)'} -> {after}")

    @db_app.command("info")
    def db_info(db: DbOption = None, config: ConfigOption = None) -> None:
        """Show where the registry is, its schema revision and what it holds."""
        from ._config import load_settings
        from .store import open_store, schema_revision

        settings = load_settings(config)
        check_registry_url(db, settings)
        store = open_store(db, settings=settings, create=False)
        try:
            counts = store.counts()
            where = store.location.shown
        finally:
            store.close()
        revision, _newest = schema_revision(db, settings=settings)
        typer.echo(f"registry {where} (schema revision {revision})")
        for name, count in counts.items():
            typer.echo(f"  {name}: {count}")
