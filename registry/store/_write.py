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

import contextlib
import functools
import gc
import hashlib
import json
import logging
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter
from typing import Any, TypeVar

import sqlalchemy as sa
from pydantic import TypeAdapter
from sqlalchemy.engine import Connection

from .._models import (
    Attribution,
    AttributionStatus,
    CheckResult,
    ClaimReport,
    Document,
    Evidence,
    FactCheck,
    Quantity,
    Source,
    Status,
)
from ._bulk import driver_time, insert_rows
from ._schema import UTCDateTime, appearances, check_results, claim_links, claims, documents, factchecks, quantities, verdicts
from ._text import (
    SIMILARITY_MEASURE,
    SUGGEST_THRESHOLD,
    link_key,
    link_state,
    search_text,
    search_tokens,
    trigram_similarity,
    trigrams,
)

log = logging.getLogger("registry.store")

#: Claims of its link key stored just before a new claim, compared with it
#: when looking for near duplicates.
LINK_CANDIDATES = 50
# Rows per statement where a list of keys becomes bound parameters (SQLite
# allows 32766 parameters per statement).
_CHUNK = 500

T = TypeVar("T")


def chunks(items: Sequence[T], size: int = _CHUNK) -> Iterable[Sequence[T]]:
    """``items`` in slices of ``size`` (for lists of bound parameters)."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a write builds and
    writes its rows, back on (if it was on) afterwards.

    A bulk write allocates several tuples and strings per claim and keeps
    them until the transaction ends, so the collector ran over and over
    (about 1,650 passes for 50,000 claims), each pass scanning the batch's
    models and rows again: 18 of about 100 us of CPU a claim. The rows hold
    no reference cycles, so nothing is kept that a pass would free; what the
    write leaves behind is collected by the next pass after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def document_key(uri: str, content_hash: str) -> str:
    """A stored document's id: one row per address and content."""
    return hashlib.sha256(f"{uri}\n{content_hash}".encode()).hexdigest()[:16]


def input_hash(claim_id: str, content_hash: str) -> str:
    """What a checker saw: the claim (its id is the hash of its normalised
    text) and the document it was read in."""
    return hashlib.sha256(f"{claim_id}\n{content_hash}".encode()).hexdigest()[:16]


# The columns of the rows built below, in the order of their values.
DOCUMENT_COLUMNS = ("id", "uri", "content_hash", "location", "title", "publisher", "author", "published",
                    "retrieved", "media_type", "text", "stored_at")
CLAIM_COLUMNS = ("id", "text", "search_text", "link_key", "claim_type", "first_seen")
APPEARANCE_COLUMNS = ("claim_pk", "document_id", "span_start", "span_end", "text", "speaker", "attribution",
                      "quantities", "checkworthiness", "checkworthy", "features", "seen_at")
QUANTITY_COLUMNS = ("appearance_pk", "position", "value", "unit_key")
RESULT_COLUMNS = ("claim_pk", "document_id", "checker", "version", "config_hash", "input_hash", "status",
                  "attribution_status", "confidence", "explanation", "evidence", "sources", "attribution",
                  "error", "elapsed_ms", "checked_at")
# The machine columns are filled only once a reviewer has set the verdict.
VERDICT_COLUMNS = ("claim_pk", "status", "attribution_status", "confidence", "explanation", "decided_by",
                   "origin", "updated_at")
LINK_COLUMNS = ("claim_pk", "other_pk", "similarity", "measure", "state", "created_at")

_APPEARANCE_KEY = itemgetter(0, 1, 2, 3)  # claim, document, span: the unique key


@dataclass
class PreparedDocument:
    """One document's rows (tuples of the columns above, ready for the
    driver, except that a claim key is still the claim's id: the key of a
    new claim is known only once it is stored), built before the
    transaction so that the write lock is held only for the database work."""

    document_row: tuple
    #: When the batch was stored (the rows hold it in the driver's form).
    stored_at: datetime
    claim_rows: dict[str, tuple] = field(default_factory=dict)
    appearance_rows: list[tuple] = field(default_factory=list)
    #: (position, value, unit key) of each quantity, by (claim id, span start, span end).
    quantity_rows: dict[tuple[str, int, int], list[tuple]] = field(default_factory=dict)
    result_rows: list[tuple] = field(default_factory=list)
    verdict_rows: dict[str, tuple] = field(default_factory=dict)
    factchecks: list[FactCheck] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.document_row[0]


# Pydantic's serialisers called directly (model_dump_json() and
# TypeAdapter.dump_json() without their Python wrappers, ~2 us a call, three
# calls a claim), leaving out the fields that are None. Every nullable field
# of these models defaults to None (a test checks it), so reading the JSON
# back gives the same objects. An attribution is mostly nulls (190 bytes
# of JSON against 55; the SQLite file at a million claims is 12% smaller),
# and skipping them is faster (1.5 against 2.5 us for an attribution).
# Rows stored earlier, with the nulls written out, read the same. (A dict
# inside, like ``Evidence.data``, keeps its nulls.)
_ATTRIBUTION_JSON = functools.partial(Attribution.__pydantic_serializer__.to_json, exclude_none=True)
_QUANTITIES_JSON = functools.partial(TypeAdapter(list[Quantity]).serializer.to_json, exclude_none=True)
_EVIDENCE_JSON = functools.partial(TypeAdapter(list[Evidence]).serializer.to_json, exclude_none=True)
_SOURCES_JSON = functools.partial(TypeAdapter(list[Source]).serializer.to_json, exclude_none=True)


# Statuses' stored values by member: a dict look-up instead of the enum's
# ``value`` property (about 1 us a read, four reads a claim).
_VALUE: dict[Status | AttributionStatus | None, str | None] = {
    None: None, **{member: member.value for member in (*Status, *AttributionStatus)},
}


def _json_list(to_json: Callable[[list[Any]], bytes], items: list[Any]) -> str:
    return to_json(items).decode() if items else "[]"


def prepare(
    document: Document, reports: Sequence[ClaimReport], config_hashes: dict[str, str], now: datetime,
    dialect_name: str,
) -> PreparedDocument:
    """The rows for one document, for ``dialect_name``'s driver; JSON
    columns are serialised here (see :mod:`registry.store._bulk`)."""
    to_driver = driver_time(dialect_name)
    stamp = to_driver(now)
    source = document.source
    uri = source.uri or document.location
    content_hash = document.content_hash
    doc_id = document_key(uri, content_hash)
    prepared = PreparedDocument((
        doc_id, uri, content_hash, document.location, source.title, source.publisher, source.author,
        to_driver(source.published), to_driver(source.retrieved), document.media_type, document.text, stamp,
    ), now)
    claim_rows, appearance_rows, result_rows = prepared.claim_rows, prepared.appearance_rows, prepared.result_rows
    text = document.text
    for report in reports:
        claim = report.id
        if claim not in claim_rows:
            tokens = search_tokens(report.text)
            claim_rows[claim] = (claim, report.text, " ".join(tokens), link_key(tokens), report.claim_type, stamp)
        attribution = report.attribution
        span = report.span
        start, end = span.start, span.end
        found = report.quantities
        seen_as = text[start:end]
        appearance_rows.append((
            claim, doc_id, start, end, "" if not seen_as or seen_as == report.text else seen_as,
            attribution.claimant if attribution else None,
            _ATTRIBUTION_JSON(attribution).decode() if attribution is not None else None,
            _json_list(_QUANTITIES_JSON, found), report.checkworthiness, report.checkworthy,
            json.dumps(report.features) if report.features else "{}", stamp,
        ))
        if found:
            prepared.quantity_rows[(claim, start, end)] = [
                (i, q.value, q.unit.casefold() if q.unit else None) for i, q in enumerate(found)
            ]
        seen_by = input_hash(claim, content_hash)
        for result in report.results:
            if result.cached:
                continue  # stored when it was computed
            result_rows.append(_result_row(result, claim, doc_id, config_hashes, seen_by, stamp))
        verdict = report.verdict
        status = _VALUE[verdict.status]
        attribution_status = _VALUE[verdict.attribution_status]
        prepared.verdict_rows[claim] = (
            claim, status, attribution_status, verdict.confidence, verdict.explanation, verdict.decided_by,
            "machine", stamp,
        )
    for item in document.metadata.get("factchecks") or ():
        try:
            prepared.factchecks.append(item if isinstance(item, FactCheck) else FactCheck.model_validate(item))
        except (TypeError, ValueError) as error:
            log.warning("%s: an embedded fact-check is not usable and is skipped: %s", document.location, error)
    return prepared


def _result_row(
    result: CheckResult, claim_id: str, doc_id: str | None, config_hashes: dict[str, str],
    seen_by: str, stamp: Any,
) -> tuple:
    attribution = result.attribution
    return (
        claim_id, doc_id, result.checker, result.version, config_hashes.get(result.checker, "none"), seen_by,
        _VALUE[result.status], _VALUE[result.attribution_status],
        result.confidence, result.explanation, _json_list(_EVIDENCE_JSON, result.evidence),
        _json_list(_SOURCES_JSON, result.sources),
        _ATTRIBUTION_JSON(attribution).decode() if attribution is not None else None,
        result.error, result.elapsed_ms, stamp,
    )


def factcheck_row(factcheck: FactCheck, now: datetime) -> dict[str, Any]:
    """The ``factchecks`` row of one fact-check."""
    row = factcheck.model_dump(exclude={"appearances"})
    row.update(id=factcheck.id, search_text=search_text(factcheck.claim_text),
               appearances=json.dumps(factcheck.appearances), imported_at=now)
    return row


def write_documents(connection: Connection, batch: Sequence[PreparedDocument]) -> None:
    """Write prepared documents in the caller's transaction, rows in key order."""
    document_rows = sorted({p.id: p.document_row for p in batch}.values(), key=itemgetter(0))
    insert_rows(connection, documents, DOCUMENT_COLUMNS, document_rows, key=("id",))

    claim_rows = sorted({k: r for p in batch for k, r in p.claim_rows.items()}.values(), key=itemgetter(0))
    key_of = _stored_claim_keys(connection, [row[0] for row in claim_rows])
    new_claims = [row for row in claim_rows if row[0] not in key_of]
    # Read before the new claims are stored, so that only the few stored
    # claims sharing their keys come back, not the new claims themselves.
    earlier = _newest_of_keys(connection, sorted({row[3] for row in new_claims})) if new_claims else {}
    key_of.update(insert_rows(connection, claims, CLAIM_COLUMNS, new_claims, key=("id",), returning=("id", "pk")))
    if len(key_of) < len(claim_rows):  # the rest were stored meanwhile by another writer
        key_of.update(_stored_claim_keys(connection, [row[0] for row in claim_rows if row[0] not in key_of]))

    # The rows were built with claim ids, the stored rows hold claim keys.
    appearance_rows = sorted(((key_of[row[0]], *row[1:]) for p in batch for row in p.appearance_rows),
                             key=_APPEARANCE_KEY)
    added = insert_rows(connection, appearances, APPEARANCE_COLUMNS, appearance_rows, key=APPEARANCE_COLUMNS[:4],
                        returning=("pk", *APPEARANCE_COLUMNS[:4]))
    _write_quantities(connection, batch, key_of, added)
    # By claim, like the results' index; the sort is stable, so each
    # claim's results keep their order.
    result_rows = sorted(((key_of[row[0]], *row[1:]) for p in batch for row in p.result_rows), key=itemgetter(0))
    insert_rows(connection, check_results, RESULT_COLUMNS, result_rows)
    # One verdict a claim (the last document's), sorted by key alone: a
    # key is unique, and comparing whole rows cost 3 us a claim.
    verdict_rows = sorted([(key_of[claim], *row[1:]) for claim, row in
                           {k: r for p in batch for k, r in p.verdict_rows.items()}.items()], key=itemgetter(0))
    insert_rows(connection, verdicts, VERDICT_COLUMNS, verdict_rows, key=("claim_pk",), on_conflict=_verdict_upsert)

    now = batch[0].stored_at
    if new_claims:
        _link_near_duplicates(connection, [(key_of[row[0]], row[2], row[3]) for row in new_claims], earlier,
                              driver_time(connection.dialect.name)(now))

    found = [fc for p in batch for fc in p.factchecks]
    if found:
        write_factchecks(connection, list({fc.id: factcheck_row(fc, now) for fc in found}.values()))


def _write_quantities(connection: Connection, batch: Sequence[PreparedDocument], key_of: dict[str, int],
                      added: list[tuple]) -> None:
    """The quantities of the appearances just ``added`` ((pk, claim key,
    document id, span start, span end) of each), under their stored keys.
    An appearance stored before came with its quantities, in its own
    transaction."""
    by_document = {p.id: p.quantity_rows for p in batch if p.quantity_rows}
    if not by_document:
        return
    claim_of = {key: claim for claim, key in key_of.items()}
    rows: list[tuple] = []
    for pk, claim_key, document, start, end in added:
        found = by_document.get(document)
        if found:
            rows.extend((pk, *row) for row in found.get((claim_of[claim_key], start, end), ()))
    rows.sort()  # by appearance and position: the pair is unique, so no more is compared
    insert_rows(connection, quantities, QUANTITY_COLUMNS, rows, key=("appearance_pk", "position"))


#: A verdict's columns, each with a ``machine_`` twin beside a reviewer's verdict.
VERDICT_FIELDS = ("status", "attribution_status", "confidence", "explanation", "decided_by")


def _verdict_upsert(statement: Any) -> Any:
    """Replace the machine verdict: the current verdict, or the machine
    columns beside a reviewer's verdict."""
    new = statement.excluded
    reviewed = verdicts.c.origin == sa.literal_column("'review'")
    return statement.on_conflict_do_update(
        index_elements=["claim_pk"],
        set_={
            **{name: sa.case((reviewed, verdicts.c[name]), else_=new[name]) for name in VERDICT_FIELDS},
            **{f"machine_{name}": sa.case((reviewed, new[name]), else_=verdicts.c[f"machine_{name}"])
               for name in VERDICT_FIELDS},
            "updated_at": new.updated_at,
        },
    )


def write_factchecks(connection: Connection, rows: list[dict[str, Any]]) -> int:
    """Insert or update fact-check rows (as :func:`factcheck_row` makes
    them); return how many were new."""
    known: set[str] = set()
    for chunk in chunks([r["id"] for r in rows]):
        known.update(connection.execute(sa.select(factchecks.c.id).where(factchecks.c.id.in_(chunk))).scalars())
    columns = tuple(column.name for column in factchecks.c if column.name in rows[0])  # the table's order
    to_driver = driver_time(connection.dialect.name)
    convert = [to_driver if isinstance(factchecks.c[c].type, UTCDateTime) else None for c in columns]
    insert_rows(connection, factchecks, columns,
                [tuple(r[c] if f is None else f(r[c]) for c, f in zip(columns, convert)) for r in rows],
                key=("id",), on_conflict=_factcheck_upsert)
    return len([r for r in rows if r["id"] not in known])


def _factcheck_upsert(statement: Any) -> Any:
    """A fact-check imported again replaces what was stored (its rating may
    have changed), keeping when it was first imported."""
    kept = {"pk", "id", "imported_at"}
    return statement.on_conflict_do_update(
        index_elements=["id"],
        set_={c.name: statement.excluded[c.name] for c in factchecks.c if c.name not in kept},
    )


# The statement below reads by a list of keys, given as one parameter (a JSON
# array for SQLite, an array for PostgreSQL) so that it is prepared once. On
# PostgreSQL each key is looked up in its own LATERAL subquery behind an
# OFFSET 0 fence, so the lookup goes through the key's index whatever the
# planner's statistics say: during a bulk load, before ANALYZE (or with
# autovacuum off), a plain "= ANY(keys)" becomes a scan of the whole table,
# and "ORDER BY pk DESC LIMIT" a walk of the whole table by pk.

# (pk, search text, link key) of the :newest claims of each link key.
# SQLite's link-key index holds the pk (its rowid), so the newest come from
# the index and the reading stops there; PostgreSQL reads the key's claims
# and keeps the newest.
_NEWEST_CLAIMS = {
    "sqlite": sa.text(
        "SELECT claims.pk, claims.search_text, claims.link_key FROM json_each(:keys) AS wanted "
        "JOIN claims ON claims.pk IN (SELECT candidate.pk FROM claims AS candidate "
        "WHERE candidate.link_key = wanted.value ORDER BY candidate.pk DESC LIMIT :newest)"
    ),
    "postgresql": sa.text(
        "SELECT newest.pk, newest.search_text, newest.link_key "
        "FROM unnest(CAST(:keys AS text[])) AS wanted(link_key) CROSS JOIN LATERAL ("
        "SELECT pk, search_text, link_key FROM ("
        "SELECT pk, search_text, link_key FROM claims WHERE claims.link_key = wanted.link_key OFFSET 0"
        ") AS same_key ORDER BY pk DESC LIMIT :newest) AS newest"
    ),
}


# The keys of those of a list of claim ids that are stored: one statement
# for a whole batch (not one per few hundred ids as bound parameters).
_STORED_CLAIMS = {
    "sqlite": sa.text("SELECT id, pk FROM claims WHERE id IN (SELECT value FROM json_each(:keys))"),
    "postgresql": sa.text("SELECT id, pk FROM claims WHERE id = ANY(CAST(:keys AS text[]))"),
}


def _keys_parameter(connection: Connection, keys: list[str]) -> str | list[str]:
    """A list of keys as the statements above take it."""
    return json.dumps(keys) if connection.dialect.name == "sqlite" else keys


def _stored_claim_keys(connection: Connection, ids: list[str]) -> dict[str, int]:
    """The key of each of ``ids`` that is stored, by id."""
    return dict(connection.execute(_STORED_CLAIMS[connection.dialect.name],
                                   {"keys": _keys_parameter(connection, ids)}).all())


def _newest_of_keys(connection: Connection, keys: list[str]) -> dict[str, list[tuple[int, str]]]:
    """(pk, search text) of the LINK_CANDIDATES newest stored claims of
    each link key, oldest first."""
    same_key: dict[str, list[tuple[int, str]]] = {}
    for pk, other_text, key in connection.execute(_NEWEST_CLAIMS[connection.dialect.name], {
        "keys": _keys_parameter(connection, keys), "newest": LINK_CANDIDATES,
    }):
        same_key.setdefault(key, []).append((pk, other_text))
    for stored in same_key.values():
        stored.sort()
    return same_key


def _link_near_duplicates(connection: Connection, new_claims: list[tuple[int, str, str]],
                          earlier: dict[str, list[tuple[int, str]]], stamp: Any) -> None:
    """Link each new claim ((key, search text, link key) of each, in the
    order they were stored) to the stored claims that state the same thing:
    the LINK_CANDIDATES claims with its link key stored just before it are
    compared with it by the measure and thresholds of
    :mod:`registry.store._text`. "Before it" is by key: the claims of its
    link key stored before the batch (``earlier``, from
    :func:`_newest_of_keys`), then the batch's new claims, so a batch finds
    the links that storing its claims one at a time would find, however many
    claims of one link key it brings. A link holds the lower key first."""
    new_by_key: dict[str, list[tuple[int, str]]] = {}
    for claim, search, key in new_claims:
        new_by_key.setdefault(key, []).append((claim, search))
    grams: dict[str, frozenset[str]] = {}
    links: dict[tuple[int, int], tuple] = {}
    for key, new in new_by_key.items():
        stored = earlier.get(key)
        if stored is None and len(new) == 1:
            continue  # nothing to compare with
        in_order = (stored or []) + new
        sets = []
        for _claim, search in in_order:
            if search not in grams:
                grams[search] = trigrams(search)
            sets.append(grams[search])
        for position in range(len(in_order) - len(new), len(in_order)):
            claim = in_order[position][0]
            mine = sets[position]
            for other in range(max(0, position - LINK_CANDIDATES), position):
                theirs = sets[other]
                # The similarity cannot exceed this bound (the smaller set
                # all shared; the same division, so the same rounding):
                # below the lower threshold, the intersection is not needed.
                # (Empty sets, which the measure treats apart, are not skipped.)
                if mine and theirs and (min(len(mine), len(theirs)) / math.sqrt(len(mine) * len(theirs))
                                        < SUGGEST_THRESHOLD):
                    continue
                score = trigram_similarity(mine, theirs)
                state = link_state(score)
                if state is not None:
                    first, second = sorted((claim, in_order[other][0]))
                    links[(first, second)] = (first, second, score, SIMILARITY_MEASURE, state, stamp)
    if links:
        insert_rows(connection, claim_links, LINK_COLUMNS, [links[key] for key in sorted(links)],
                    key=("claim_pk", "other_pk"))
