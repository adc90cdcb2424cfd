"""Writing checked documents: each document's rows (document, claims,
appearances, quantities, check results, verdicts, fact-checks) built
before the transaction, then written in one transaction with
near-duplicate links for the claims it added.

Documents, claims, appearances and links have unique keys and are
inserted with ``ON CONFLICT DO NOTHING``, so a document stored twice (by a
re-run or by two processes at once) leaves one copy; check results are
appended; a claim's verdict row keeps a reviewer's verdict and replaces
the machine verdict. Rows are written in key order, so that concurrent
writers take row locks in the same order and cannot deadlock.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from pydantic import TypeAdapter
from sqlalchemy.engine import Connection

from .._models import CheckResult, ClaimReport, Document, Evidence, FactCheck, Quantity, Source
from ._bulk import insert_rows
from ._schema import appearances, check_results, claim_links, claims, documents, factchecks, quantities, verdicts
from ._text import SIMILARITY_MEASURE, link_key, link_state, search_text, search_tokens, trigram_similarity, trigrams

log = logging.getLogger("registry.store")

#: Claims compared with each new claim when looking for near duplicates.
LINK_CANDIDATES = 50
# Rows per statement where a list of keys becomes bound parameters (SQLite
# allows 32766 parameters per statement).
_CHUNK = 500

T = TypeVar("T")

_QUANTITIES = TypeAdapter(list[Quantity])
_EVIDENCE = TypeAdapter(list[Evidence])
_SOURCES = TypeAdapter(list[Source])


def chunks(items: Sequence[T], size: int = _CHUNK) -> Iterable[Sequence[T]]:
    """``items`` in slices of ``size`` (for lists of bound parameters)."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def document_key(uri: str, content_hash: str) -> str:
    """A stored document's id: one row per address and content."""
    return hashlib.sha256(f"{uri}\n{content_hash}".encode()).hexdigest()[:16]


def input_hash(claim_id: str, content_hash: str) -> str:
    """What a checker saw: the claim (its id is the hash of its normalised
    text) and the document it was read in."""
    return hashlib.sha256(f"{claim_id}\n{content_hash}".encode()).hexdigest()[:16]


@dataclass
class PreparedDocument:
    """One document's rows, built before the transaction so that the write
    lock is held only for the database work."""

    document_row: dict[str, Any]
    claim_rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    appearance_rows: list[dict[str, Any]] = field(default_factory=list)
    quantity_rows: dict[tuple[str, int, int], list[dict[str, Any]]] = field(default_factory=dict)
    result_rows: list[dict[str, Any]] = field(default_factory=list)
    verdict_rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    factchecks: list[FactCheck] = field(default_factory=list)


def _json(model: Any) -> str | None:
    return None if model is None else model.model_dump_json()


def _json_list(adapter: TypeAdapter, items: list[Any]) -> str:
    return adapter.dump_json(items).decode() if items else "[]"


def prepare(document: Document, reports: Sequence[ClaimReport], config_hashes: dict[str, str], now: datetime) -> PreparedDocument:
    """The rows for one document; JSON columns are serialised here (see
    :mod:`registry.store._bulk`)."""
    source = document.source
    uri = source.uri or document.location
    content_hash = document.content_hash
    doc_id = document_key(uri, content_hash)
    prepared = PreparedDocument({
        "id": doc_id, "uri": uri, "content_hash": content_hash, "location": document.location,
        "title": source.title, "publisher": source.publisher, "author": source.author,
        "published": source.published, "retrieved": source.retrieved,
        "media_type": document.media_type, "text": document.text, "stored_at": now,
    })
    for report in reports:
        tokens = search_tokens(report.text)
        prepared.claim_rows.setdefault(report.id, {
            "id": report.id, "text": report.text, "search_text": " ".join(tokens),
            "link_key": link_key(tokens), "claim_type": report.claim_type, "first_seen": now,
        })
        attribution = report.attribution
        prepared.appearance_rows.append({
            "claim_id": report.id, "document_id": doc_id,
            "span_start": report.span.start, "span_end": report.span.end,
            "text": document.text[report.span.start:report.span.end] or report.text,
            "speaker": attribution.claimant if attribution else None,
            "attribution": _json(attribution),
            "quantities": _json_list(_QUANTITIES, report.quantities),
            "checkworthiness": report.checkworthiness, "checkworthy": report.checkworthy,
            "features": json.dumps(report.features) if report.features else "{}", "seen_at": now,
        })
        if report.quantities:
            prepared.quantity_rows[(report.id, report.span.start, report.span.end)] = [
                {"position": i, "value": q.value, "unit_key": q.unit.casefold() if q.unit else None}
                for i, q in enumerate(report.quantities)
            ]
        seen_by = input_hash(report.id, content_hash)
        for result in report.results:
            if result.cached:
                continue  # stored when it was computed
            prepared.result_rows.append(_result_row(result, report.id, doc_id, config_hashes, seen_by, now))
        verdict = report.verdict
        status = verdict.status.value
        attribution_status = verdict.attribution_status.value if verdict.attribution_status else None
        prepared.verdict_rows[report.id] = {
            "claim_id": report.id, "status": status, "attribution_status": attribution_status,
            "confidence": verdict.confidence, "explanation": verdict.explanation,
            "decided_by": verdict.decided_by, "origin": "machine",
            "machine_status": status, "machine_attribution_status": attribution_status,
            "machine_confidence": verdict.confidence, "machine_explanation": verdict.explanation,
            "machine_decided_by": verdict.decided_by, "updated_at": now,
        }
    for item in document.metadata.get("factchecks") or ():
        try:
            prepared.factchecks.append(item if isinstance(item, FactCheck) else FactCheck.model_validate(item))
        except (TypeError, ValueError) as error:
            log.warning("%s: an embedded fact-check is not usable and is skipped: %s", document.location, error)
    return prepared


def _result_row(
    result: CheckResult, claim_id: str, doc_id: str | None, config_hashes: dict[str, str],
    seen_by: str, now: datetime,
) -> dict[str, Any]:
    return {
        "claim_id": claim_id, "document_id": doc_id, "checker": result.checker,
        "version": result.version, "config_hash": config_hashes.get(result.checker, "none"),
        "input_hash": seen_by,
        "status": result.status.value if result.status else None,
        "attribution_status": result.attribution_status.value if result.attribution_status else None,
        "confidence": result.confidence, "explanation": result.explanation,
        "evidence": _json_list(_EVIDENCE, result.evidence),
        "sources": _json_list(_SOURCES, result.sources),
        "attribution": _json(result.attribution),
        "error": result.error, "elapsed_ms": result.elapsed_ms, "checked_at": now,
    }


def factcheck_row(factcheck: FactCheck, now: datetime) -> dict[str, Any]:
    """The ``factchecks`` row of one fact-check."""
    row = factcheck.model_dump(exclude={"appearances"})
    row.update(id=factcheck.id, search_text=search_text(factcheck.claim_text),
               appearances=json.dumps(factcheck.appearances), imported_at=now)
    return row


def write_documents(connection: Connection, batch: Sequence[PreparedDocument]) -> None:
    """Write prepared documents in the caller's transaction, rows in key order."""
    document_rows = sorted({p.document_row["id"]: p.document_row for p in batch}.values(), key=lambda r: r["id"])
    insert_rows(connection, documents, document_rows, conflict=("id",))

    claim_rows = sorted({k: r for p in batch for k, r in p.claim_rows.items()}.values(), key=lambda r: r["id"])
    known: set[str] = set()
    for chunk in chunks([row["id"] for row in claim_rows]):
        known.update(connection.execute(sa.select(claims.c.id).where(claims.c.id.in_(chunk))).scalars())
    new_claims = [row for row in claim_rows if row["id"] not in known]
    insert_rows(connection, claims, new_claims, conflict=("id",))

    appearance_rows = sorted(
        (row for p in batch for row in p.appearance_rows),
        key=lambda r: (r["claim_id"], r["document_id"], r["span_start"], r["span_end"]),
    )
    insert_rows(connection, appearances, appearance_rows,
                conflict=("claim_id", "document_id", "span_start", "span_end"))
    _write_quantities(connection, batch)
    insert_rows(connection, check_results, [row for p in batch for row in p.result_rows])
    verdict_rows = sorted({k: r for p in batch for k, r in p.verdict_rows.items()}.values(), key=lambda r: r["claim_id"])
    insert_rows(connection, verdicts, verdict_rows, on_conflict=_verdict_upsert)

    now = batch[0].document_row["stored_at"]
    if new_claims:
        _link_near_duplicates(connection, new_claims, now)

    found = [fc for p in batch for fc in p.factchecks]
    if found:
        write_factchecks(connection, list({fc.id: factcheck_row(fc, now) for fc in found}.values()))


def _write_quantities(connection: Connection, batch: Sequence[PreparedDocument]) -> None:
    wanted = {
        (p.document_row["id"], *key): rows for p in batch for key, rows in p.quantity_rows.items()
    }
    if not wanted:
        return
    doc_ids = sorted({key[0] for key in wanted})
    rows: list[dict[str, Any]] = []
    for chunk in chunks(doc_ids):
        for pk, claim_id, doc_id, start, end in connection.execute(
            sa.select(appearances.c.pk, appearances.c.claim_id, appearances.c.document_id,
                      appearances.c.span_start, appearances.c.span_end)
            .where(appearances.c.document_id.in_(chunk))
        ):
            for row in wanted.get((doc_id, claim_id, start, end), ()):
                rows.append({"appearance_pk": pk} | row)
    rows.sort(key=lambda r: (r["appearance_pk"], r["position"]))
    insert_rows(connection, quantities, rows, conflict=("appearance_pk", "position"))


def _verdict_upsert(statement: Any) -> Any:
    """Replace the machine verdict; the current verdict too, unless a
    reviewer set it."""
    new = statement.excluded
    reviewed = verdicts.c.origin == sa.literal_column("'review'")

    def unless_reviewed(column: str) -> Any:
        return sa.case((reviewed, verdicts.c[column]), else_=new[column])

    return statement.on_conflict_do_update(
        index_elements=["claim_id"],
        set_={
            "status": unless_reviewed("status"),
            "attribution_status": unless_reviewed("attribution_status"),
            "confidence": unless_reviewed("confidence"),
            "explanation": unless_reviewed("explanation"),
            "decided_by": unless_reviewed("decided_by"),
            "machine_status": new.machine_status,
            "machine_attribution_status": new.machine_attribution_status,
            "machine_confidence": new.machine_confidence,
            "machine_explanation": new.machine_explanation,
            "machine_decided_by": new.machine_decided_by,
            "updated_at": new.updated_at,
        },
    )


def write_factchecks(connection: Connection, rows: list[dict[str, Any]]) -> int:
    """Insert or update fact-check rows; return how many were new."""
    known: set[str] = set()
    for chunk in chunks([r["id"] for r in rows]):
        known.update(connection.execute(sa.select(factchecks.c.id).where(factchecks.c.id.in_(chunk))).scalars())
    insert_rows(connection, factchecks, rows, on_conflict=_factcheck_upsert)
    return len([r for r in rows if r["id"] not in known])


def _factcheck_upsert(statement: Any) -> Any:
    """A fact-check imported again replaces what was stored (its rating may
    have changed), keeping when it was first imported."""
    kept = {"pk", "id", "imported_at"}
    return statement.on_conflict_do_update(
        index_elements=["id"],
        set_={c.name: statement.excluded[c.name] for c in factchecks.c if c.name not in kept},
    )


def _link_near_duplicates(connection: Connection, new_claims: list[dict[str, Any]], now: datetime) -> None:
    """Link each new claim to the stored claims that state the same thing:
    the most recent claims with its link key are compared with it by the
    measure and thresholds of :mod:`registry.store._text`."""
    by_key: dict[str, list[dict[str, Any]]] = {}
    for row in new_claims:
        by_key.setdefault(row["link_key"], []).append(row)
    grams: dict[str, frozenset[str]] = {}
    links: dict[tuple[str, str], dict[str, Any]] = {}
    for chunk in chunks(sorted(by_key)):
        recent = (
            sa.select(claims.c.id, claims.c.search_text, claims.c.link_key,
                      sa.func.row_number().over(partition_by=claims.c.link_key,
                                                order_by=claims.c.pk.desc()).label("recent"))
            .where(claims.c.link_key.in_(chunk))
            .subquery()
        )
        for other_id, other_text, key in connection.execute(
            sa.select(recent.c.id, recent.c.search_text, recent.c.link_key).where(recent.c.recent <= LINK_CANDIDATES)
        ):
            for row in by_key[key]:
                if other_id == row["id"]:
                    continue
                for text in (row["search_text"], other_text):
                    if text not in grams:
                        grams[text] = trigrams(text)
                score = trigram_similarity(grams[row["search_text"]], grams[other_text])
                state = link_state(score)
                if state is not None:
                    first, second = sorted((row["id"], other_id))
                    links[(first, second)] = {"claim_id": first, "other_id": second, "similarity": score,
                                              "measure": SIMILARITY_MEASURE, "state": state, "created_at": now}
    if links:
        insert_rows(connection, claim_links, [links[key] for key in sorted(links)], conflict=("claim_id", "other_id"))
