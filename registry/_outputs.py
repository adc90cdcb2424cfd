"""The core's output formats: ``table`` (rich), ``json`` and ``jsonl``."""

from __future__ import annotations

import io
import json
import shutil
import sys
from collections.abc import Callable, Sequence

from pydantic import TypeAdapter

from ._models import ClaimReport
from ._plugins import hookimpl

_STATUS_STYLE = {
    "supported": "green", "mostly_supported": "green", "mixed": "yellow",
    "mostly_refuted": "red", "refuted": "bold red", "misleading": "red",
    "conflicting_evidence": "magenta", "not_enough_evidence": "yellow", "unverified": "dim",
}


@hookimpl
def register_output_formats(register: Callable) -> None:
    register("table", render_table)
    register("json", render_json)
    register("jsonl", render_jsonl)


# pydantic's serializer writes JSON in Rust: about six times faster than
# json.dumps over model_dump() for a large run, with the same text.
_REPORT_LIST = TypeAdapter(list[ClaimReport])


def render_json(reports: Sequence[ClaimReport]) -> str:
    return _REPORT_LIST.dump_json(list(reports), indent=2).decode("utf-8") + "\n"


def render_jsonl(reports: Sequence[ClaimReport]) -> str:
    # json.dumps keeps the usual ", " and ": " separators on each line
    return "".join(json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n" for r in reports)


def describe_attribution(report: ClaimReport) -> str:
    """One cell: speaker (role, organisation), the attributing words, the
    relaying medium and interviewer, the modality. A claim with no source in
    the text belongs to the document's publisher."""
    a = report.attribution
    if a is None or a.claimant is None:
        publisher = report.source.publisher
        return f"unattributed\n(the publisher, {publisher})" if publisher else "unattributed"
    who = a.speaker or a.organization or ""
    details = [d for d in (a.role, a.organization if a.speaker else None) if d]
    lines = [f"{who} ({', '.join(details)})" if details else who]
    if a.cue:
        lines.append(f"“{a.cue}”")
    if a.medium:
        lines.append(f"via {a.medium}" + (f" ({a.interviewer})" if a.interviewer else ""))
    if a.modality:
        lines.append(a.modality)
    return "\n".join(lines)


def describe_source(report: ClaimReport) -> str:
    s = report.source
    lines = [s.title or s.uri or ""]
    if s.publisher:
        lines.append(s.publisher)
    if s.published:
        lines.append(s.published.date().isoformat())
    return "\n".join(line for line in lines if line)


def describe_features(report: ClaimReport) -> str:
    top = sorted(report.features.items(), key=lambda kv: abs(kv[1]), reverse=True)
    listed = ", ".join(f"{name} {value:+.2f}" for name, value in top if value)
    return f"{report.checkworthiness:.2f} {report.claim_type}" + (f": {listed}" if listed else "")


def render_table(reports: Sequence[ClaimReport], *, explain: bool = False) -> str:
    """A rich table, one row per claim; colour only when stdout is a terminal,
    and cells wrap instead of being cut so status and speaker stay visible."""
    from rich.console import Console
    from rich.table import Table

    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((160, 40)).columns if tty else 160
    table = Table(show_lines=True, expand=False)
    table.add_column("Claim", overflow="fold", ratio=5)
    table.add_column("Attribution", overflow="fold", ratio=2)
    table.add_column("Source", overflow="fold", ratio=2)
    table.add_column("Status", overflow="fold", no_wrap=False, min_width=12)
    table.add_column("Decided by", overflow="fold", min_width=10)
    if explain:
        table.add_column("Check-worthiness", overflow="fold", ratio=2)
    for report in reports:
        status = report.status.value
        if report.attribution_status:
            status += f"\n{report.attribution_status.value}"
        cells = [
            report.text,
            describe_attribution(report),
            describe_source(report),
            f"[{_STATUS_STYLE.get(report.status.value, '')}]{status}[/]",
            report.verdict.decided_by or "-",
        ]
        if explain:
            cells.append(describe_features(report))
        table.add_row(*cells)
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=tty, no_color=not tty, width=width, highlight=False)
    console.print(table)
    console.print(f"{len(reports)} claim{'s' if len(reports) != 1 else ''}")
    return buffer.getvalue()
