"""The ``sources`` checker: what is on record about the outlet and the claimant.

It annotates each claim with signals from a table (CSV) about the
document's publisher (matched by its name or its web domain) and about the
claimant (the attribution's speaker, organisation and the other names of its
chain). A signal is evidence about a source — ``source_signal``, stance
``neutral`` — and never a verdict on the claim: the result has no status.

The table ships as ``sources.csv`` beside this module; a user points the
checker at their own with ``[checkers.sources] table = "path.csv"`` or
``REGISTRY_SOURCES_TABLE``. Columns (docs/checkers.md, "sources"):

``match``  names or domains, separated by ``|`` ("rt.com|RT|Russia Today")
``kind``   ``outlet`` or ``claimant``
``label``  the signal, e.g. state-affiliated, interested party, independent monitor
``note``   what a reader should know, in one sentence
``basis``  why the row says so (the public record it rests on)
``date``   when the row was written or last checked (YYYY-MM-DD)

Names match case-insensitively after dropping a leading "the", possessive
"'s" and punctuation; a domain matches its host and every subdomain.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, field_validator

from registry import Attribution, Checker, CheckResult, Claim, CheckContext, Evidence, Stance, hookimpl

__all__ = ["BUILTIN_TABLE", "SourceRow", "SourcesChecker", "TableError", "load_table"]

BUILTIN_TABLE = Path(__file__).with_name("sources.csv")
COLUMNS = ("match", "kind", "label", "note", "basis", "date")
KINDS = ("outlet", "claimant")
_DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class SourceRow:
    """One row of the table."""

    names: tuple[str, ...]
    domains: tuple[str, ...]
    kind: str
    label: str
    note: str
    basis: str
    date: date
    line: int


@lru_cache(maxsize=4096)  # every claim of a document asks again for its publisher and claimant
def normalise_name(name: str) -> str:
    """Case, a leading "the", possessives and punctuation do not matter."""
    text = re.sub(r"['’]s\b", "", name.casefold())
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


class TableError(ValueError):
    """A sources table that cannot be used; the message names the file and line."""


def load_table(path: Path) -> list[SourceRow]:
    """Read and check a sources table (see the module docstring)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise TableError(f"sources table {path}: missing column(s) {', '.join(missing)}")
            return [_row(path, reader.line_num, record) for record in reader]
    except OSError as exc:
        raise TableError(f"sources table {path}: cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise TableError(f"sources table {path}: not a UTF-8 CSV file: {exc}") from None


def _row(path: Path, line: int, record: dict[str, str | None]) -> SourceRow:
    def field(name: str) -> str:
        return (record.get(name) or "").strip()

    where = f"sources table {path}: line {line}"
    kind = field("kind").lower()
    if kind not in KINDS:
        raise TableError(f"{where}: kind must be outlet or claimant, not {field('kind')!r}")
    matches = [m.strip() for m in field("match").split("|") if m.strip()]
    if not matches:
        raise TableError(f"{where}: match is empty")
    if not field("label"):
        raise TableError(f"{where}: label is empty")
    if not field("basis"):
        raise TableError(f"{where}: basis is empty (say why the row says so)")
    try:
        written = date.fromisoformat(field("date"))
    except ValueError:
        raise TableError(f"{where}: date must be YYYY-MM-DD, not {field('date')!r}") from None
    domains = tuple(m.lower() for m in matches if kind == "outlet" and _DOMAIN.match(m.lower()))
    names = tuple(normalise_name(m) for m in matches if m.lower() not in domains)
    return SourceRow(names=names, domains=domains, kind=kind, label=field("label"), note=field("note"),
                     basis=field("basis"), date=written, line=line)


class SourcesChecker(Checker):
    """Signals about the outlet and the claimant from a sources table."""

    name = "sources"
    version = "1"
    # The answer depends on the table's content, which the config hash (its
    # path) does not see; a lookup costs less than reading a cached result.
    cache_results = False

    class Config(BaseModel):
        table: Path | None = Field(
            default=None, description="A sources CSV replacing the built-in table (REGISTRY_SOURCES_TABLE).",
        )

        @field_validator("table")
        @classmethod
        def _readable(cls, value: Path | None) -> Path | None:
            if value is not None:
                load_table(value)  # a bad table is refused when the run starts, not claim by claim
            return value

    def __init__(self) -> None:
        self._tables: dict[tuple[Path, float], _Table] = {}
        # The table of the document being checked, looked up once per document (``ctx``).
        self._current: tuple[CheckContext, Path, _Table] | None = None

    def table(self, path: Path) -> _Table:
        """The table at ``path``, read again only when the file changes."""
        key = (path, path.stat().st_mtime)
        if key not in self._tables:
            self._tables[key] = _Table(load_table(path), path)
        return self._tables[key]

    async def check(self, claim: Claim, ctx: CheckContext) -> CheckResult | None:
        path = (ctx.config.table if ctx.config is not None else None) or BUILTIN_TABLE
        current = self._current
        if current is None or current[0] is not ctx or current[1] != path:
            # the file is looked at again for each document, not for each of its claims
            current = self._current = (ctx, path, self.table(path))
        source = ctx.document.source
        return current[2].result(source.publisher, source.uri, claim.attribution)


class _Table:
    """One sources table, indexed, with the results it has given: a claim's
    result depends only on its outlet and claimant names, which many claims share."""

    def __init__(self, rows: list[SourceRow], path: Path) -> None:
        self.rows = rows
        self.path = path
        self._claimants: dict[str, list[SourceRow]] = {}
        for row in rows:
            if row.kind == "claimant":
                for name in dict.fromkeys(row.names):
                    self._claimants.setdefault(name, []).append(row)
        self._outlets: dict[tuple[str | None, str | None], list[tuple[str, SourceRow]]] = {}
        # claimant rows by name as written: a run names the same people and bodies again and again
        self._named: dict[str, list[SourceRow]] = {}
        self._results: dict[tuple[Any, ...], CheckResult | None] = {}

    def result(self, publisher: str | None, uri: str | None, attribution: Attribution | None) -> CheckResult | None:
        """The signals about the outlet, then the claimant; None without any."""
        outlets = self._outlets.get((publisher, uri))
        if outlets is None:
            outlets = self._outlets[(publisher, uri)] = _outlet_rows(self.rows, publisher, uri)
        claimants = self._claimant_rows(attribution)
        key = (tuple((shown, row.line) for shown, row in outlets), tuple((shown, row.line) for shown, row in claimants))
        if key not in self._results:
            evidence = [_signal("outlet", shown, row, self.path) for shown, row in outlets]
            evidence += [_signal("claimant", shown, row, self.path) for shown, row in claimants]
            self._results[key] = CheckResult(
                status=None,
                explanation="; ".join(e.summary for e in evidence),
                evidence=evidence,
            ) if evidence else None
        return self._results[key]

    def _claimant_rows(self, attribution: Attribution | None) -> list[tuple[str, SourceRow]]:
        """The claimant rows matching the attribution's speaker, organisation
        and the other names of its chain, each row once, with the name it matched."""
        if attribution is None:
            return []
        names = [attribution.speaker, attribution.organization] + [
            link.name for link in attribution.chain if link.kind in ("speaker", "organization")
        ]
        found: list[tuple[str, SourceRow]] = []
        seen_rows: set[int] = set()
        for name in dict.fromkeys(n for n in names if n):
            rows = self._named.get(name)
            if rows is None:
                rows = self._named[name] = self._claimants.get(normalise_name(name), [])
            for row in rows:
                if row.line not in seen_rows:
                    seen_rows.add(row.line)
                    found.append((name, row))
        return found


@lru_cache(maxsize=1024)
def _host(uri: str | None) -> str | None:
    if not uri:
        return None
    host = urlsplit(uri).hostname
    return host.lower() if host else None


def _outlet_rows(rows: list[SourceRow], publisher: str | None, uri: str | None) -> list[tuple[str, SourceRow]]:
    host = _host(uri)
    wanted = normalise_name(publisher) if publisher else None
    found = []
    for row in rows:
        if row.kind != "outlet":
            continue
        if wanted and wanted in row.names:
            found.append((publisher or "", row))
        elif host and any(host == d or host.endswith("." + d) for d in row.domains):
            found.append((publisher or host, row))
    return found


def _signal(subject: str, shown: str, row: SourceRow, table: Path) -> Evidence:
    note = f" — {row.note}" if row.note else ""
    return Evidence(
        kind="source_signal",
        stance=Stance.NEUTRAL,
        summary=f"{subject} {shown}: {row.label}{note} (basis: {row.basis}; as of {row.date.isoformat()})",
        publisher=shown if subject == "outlet" else None,
        claimant=shown if subject == "claimant" else None,
        data={"subject": subject, "name": shown, "label": row.label, "note": row.note, "basis": row.basis,
              "date": row.date.isoformat(), "table": str(table), "line": row.line},
    )


@hookimpl
def register_checkers(register) -> None:
    register(SourcesChecker())
