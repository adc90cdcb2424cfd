"""A newsroom's claim-registry plugin, implementing every hook once.

docs/plugins/plugin-hooks.md shows each hook with its example from this
file, and tests/plugins/test_hook_examples.py runs them all, so the examples
cannot drift from the API. (A checker plugin is built step by step in
docs/plugins/writing-plugins.md.)
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import typer

from registry import Attribution, Claim, Document, DocumentError, Source, Span, Status, Verdict, hookimpl

AUDIT_LOG = "NEWSROOM_AUDIT_LOG"
_SAID = re.compile(r"^(?P<speaker>(?:[A-Z][\w.-]+ )*[A-Z][\w.-]+) (?P<cue>said|says|told|claimed)\b")
_PERCENT = re.compile(r"[^.!?\n]*\d+(?:\.\d+)?\s?%[^.!?\n]*[.!?]")


# -- load_document ---------------------------------------------------------
@hookimpl
def load_document(location, options):
    """Read the desk's JSON exports: {"title": ..., "outlet": ..., "text": ...}."""
    if not location.endswith(".json"):
        return None  # not ours: the next loader tries
    path = Path(location)
    if path.stat().st_size > options.max_bytes:
        raise DocumentError(location, f"larger than {options.max_bytes} bytes")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DocumentError(location, f"not a newsroom export: {exc}") from None
    return Document(location=location, text=data["text"], media_type="application/json",
                    source=Source(uri=path.resolve().as_uri(), title=data.get("title"),
                                  publisher=data.get("outlet")))


# -- expand_feed -----------------------------------------------------------
@hookimpl
def expand_feed(location, options, limit):
    """A reading list (a .readinglist file) is a feed: one location a line."""
    if not location.endswith(".readinglist"):
        return None
    try:
        lines = Path(location).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DocumentError(location, f"cannot read the reading list: {exc.strerror}") from None
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")][:limit]


# -- extract_claims --------------------------------------------------------
@hookimpl
def extract_claims(document):
    """Every sentence with a percentage is a check-worthy claim."""
    claims = []
    for match in _PERCENT.finditer(document.text):
        text = match.group().strip()
        start = match.start() + match.group().index(text)
        claims.append(Claim(text=text, span=Span(start=start, end=start + len(text)),
                            claim_type="quantity", checkworthy=True, checkworthiness=0.8))
    return claims


# -- attach_attribution ----------------------------------------------------
@hookimpl
def attach_attribution(claim, document):
    """'Jane Doe said ...' at the start of a claim names its speaker."""
    match = _SAID.match(claim.text)
    if match is None:
        return None  # the next plugin (or nobody) attributes it
    return Attribution(speaker=match["speaker"], cue=match["cue"], modality="statement",
                       direct_quote=False, confidence=0.7)


# -- resolve_verdict -------------------------------------------------------
@hookimpl(tryfirst=True)
def resolve_verdict(claim, results):
    """The desk's own checker has the last word whenever it concluded."""
    for result in results:
        if result.checker == "desk" and result.status is not None and result.status.conclusive:
            return Verdict(status=result.status, confidence=result.confidence,
                           explanation=f"desk: {result.explanation}", decided_by="desk")
    return None  # let the default rule combine the results


# -- claim_checked ---------------------------------------------------------
@hookimpl
def claim_checked(claim, verdict):
    """Append every verdict to an audit log, if NEWSROOM_AUDIT_LOG names one."""
    log = os.environ.get(AUDIT_LOG)
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"claim": claim.id, "status": verdict.status.value}) + "\n")


# -- register_output_formats -----------------------------------------------
def render_markdown(reports):
    """One Markdown table row per claim."""
    rows = ["| claim | speaker | status |", "|---|---|---|"]
    for report in reports:
        speaker = report.attribution.claimant if report.attribution else None
        rows.append(f"| {report.text} | {speaker or '-'} | {report.status.value} |")
    return "\n".join(rows) + "\n"


@hookimpl
def register_output_formats(register):
    register("markdown", render_markdown)  # registry check --format markdown


# -- register_commands -----------------------------------------------------
@hookimpl
def register_commands(app):
    @app.command("audit")
    def audit(log: Path):
        """Count the statuses in a newsroom audit log."""
        # A heavy dependency (pandas, a model) would be imported here, when
        # the command runs, never at module level: `registry --help` stays fast.
        counts = Counter(json.loads(line)["status"] for line in log.read_text(encoding="utf-8").splitlines())
        for status in Status:
            if counts[status.value]:
                typer.echo(f"{status.value}: {counts[status.value]}")
