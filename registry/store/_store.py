"""The registry's API: :class:`RegistryReader` answers checkers and the
``registry claims`` commands; :class:`RegistryStore` adds the writes of
``registry check``, ``review`` and ``import`` (rows and the write
transaction: :mod:`registry.store._write`).

Each write is one transaction, retried when the database reports a
deadlock, a serialisation failure or a lock held too long. A claim's
verdict row is recomputed on every write: the newest human review outranks
any machine verdict.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from pydantic import TypeAdapter
from sqlalchemy.engine import Connection, Engine

from .._models import (
    Appearance,
    Attribution,
    AttributionStatus,
    CheckResult,
    ClaimReport,
    Document,
    Evidence,
    FactCheck,
    Quantity,
    Source,
    Span,
    Status,
    Verdict,
)
from ..errors import StoreError
from . import _search
from ._connect import Location, translated_errors, write_transaction
from ._write import (
    VERDICT_FIELDS,
    chunks,
    collector_paused,
    factcheck_row,
    prepare,
    write_documents,
    write_factchecks,
)
from ._records import ClaimLink, ClaimRecord, ClaimSummary, Review, StoredResult, StoredVerdict
from ._schema import (
    APPEARANCE_TEXT,
    appearances,
    check_results,
    claim_links,
    claims,
    documents,
    factchecks,
    quantities,
    reviews,
    verdicts,
)

log = logging.getLogger("registry.store")

T = TypeVar("T")

def _now() -> datetime:
    return datetime.now(UTC)


def malformed_claim_id(claim_id: str) -> str | None:
    """Why ``claim_id`` cannot name a claim (a claim id is 16 hex digits; a
    prefix of at least 4 names one too), or None when it can."""
    wanted = claim_id.strip().lower()
    if not (4 <= len(wanted) <= 16) or any(ch not in "0123456789abcdef" for ch in wanted):
        return f"claim id {claim_id!r}: not a claim id (4 to 16 hex digits)"
    return None


def _is_transient(error: Exception) -> bool:
    """A write that another transaction made fail and that can simply be retried."""
    original = getattr(error, "orig", None)
    if getattr(original, "sqlstate", None) in {"40P01", "40001"}:  # deadlock, serialisation
        return True
    return "database is locked" in str(original or "").lower()


def _database_call(method: Callable[..., T]) -> Callable[..., T]:
    """Report database failures of ``method`` as one-line StoreErrors."""

    @functools.wraps(method)
    def wrapper(self: RegistryReader, *args: Any, **kwargs: Any) -> T:
        with translated_errors(self.location):
            return method(self, *args, **kwargs)

    return wrapper


def _status(value: str | None) -> Status | None:
    return Status(value) if value else None


def _attribution_status(value: str | None) -> AttributionStatus | None:
    return AttributionStatus(value) if value else None


# -- reading ------------------------------------------------------------------

# A claim's rows hold its key; what is read from them names it by its id.
_CLAIM_ID = claims.c.id.label("claim_id")

# The JSON columns are read as the stored text and parsed by pydantic's own
# JSON validation: the same objects as decoding them in Python and
# validating the dicts, without that pass through Python objects (checkers
# read appearances for every claim they check).
_APPEARANCE_COLUMNS = (
    _CLAIM_ID, APPEARANCE_TEXT.label("text"), appearances.c.span_start, appearances.c.span_end,
    sa.cast(appearances.c.attribution, sa.Text).label("attribution"),
    sa.cast(appearances.c.quantities, sa.Text).label("quantities"), appearances.c.checkworthiness,
    appearances.c.seen_at, documents.c.uri, documents.c.title, documents.c.publisher,
    documents.c.author, documents.c.published, documents.c.retrieved,
)
_ATTRIBUTION_FROM_JSON = TypeAdapter(Attribution | None).validate_json
_QUANTITIES_FROM_JSON = TypeAdapter(list[Quantity]).validate_json


def _appearances_query() -> sa.Select:
    """Appearances with their claim's id and their document's source."""
    return (
        sa.select(*_APPEARANCE_COLUMNS)
        .join_from(appearances, claims, claims.c.pk == appearances.c.claim_pk)
        .join(documents, documents.c.id == appearances.c.document_id)
    )


# The statements checkers make for every claim they check, built once.
_APPEARANCES_OF_CLAIM = (
    _appearances_query().where(claims.c.id == sa.bindparam("claim_id"))
    .order_by(appearances.c.seen_at, appearances.c.pk)
)
# The keys of the appearances of some claims, with the time each was stored
# as the database holds it (ISO text in SQLite, which sorts as the time
# does): only its order is read, so it is not converted.
_APPEARANCE_KEYS = (
    sa.select(appearances.c.pk, _CLAIM_ID, sa.type_coerce(appearances.c.seen_at, sa.String).label("seen_at"))
    .join_from(appearances, claims, claims.c.pk == appearances.c.claim_pk)
    .where(claims.c.id.in_(sa.bindparam("ids", expanding=True)))
)
_APPEARANCES_BY_KEY = (
    _appearances_query().add_columns(appearances.c.pk.label("pk"))
    .where(appearances.c.pk.in_(sa.bindparam("pks", expanding=True)))
)

_RESULT_COLUMNS = (*(column for column in check_results.c if column.name != "claim_pk"), _CLAIM_ID)


def _results_query(*columns: Any) -> sa.Select:
    """Check results with their claim's id (and ``columns``)."""
    return sa.select(*_RESULT_COLUMNS, *columns).join_from(check_results, claims,
                                                           claims.c.pk == check_results.c.claim_pk)


def _appearances(rows: Iterable[Any]) -> list[Appearance]:
    """Appearances of rows of :func:`_appearances_query`, in their order;
    the appearances of one document share its :class:`Source`."""
    sources: dict[Any, Source] = {}
    found = []
    for row in rows:
        source_key = (row.uri, row.title, row.publisher, row.author, row.published, row.retrieved)
        source = sources.get(source_key)
        if source is None:
            source = sources[source_key] = Source(
                uri=row.uri, title=row.title, publisher=row.publisher, author=row.author,
                published=row.published, retrieved=row.retrieved)
        found.append(Appearance(
            claim_id=row.claim_id, text=row.text, span=Span(start=row.span_start, end=row.span_end),
            source=source, attribution=_ATTRIBUTION_FROM_JSON(row.attribution) if row.attribution else None,
            quantities=_QUANTITIES_FROM_JSON(row.quantities) if row.quantities else [],
            checkworthiness=row.checkworthiness, seen=row.seen_at,
        ))
    return found


def _stored_result(row: Any) -> StoredResult:
    return StoredResult(
        claim_id=row.claim_id, checker=row.checker, version=row.version, status=_status(row.status),
        attribution_status=_attribution_status(row.attribution_status), confidence=row.confidence,
        explanation=row.explanation, evidence=[Evidence.model_validate(e) for e in row.evidence or ()],
        sources=[Source.model_validate(s) for s in row.sources or ()],
        attribution=Attribution.model_validate(row.attribution) if row.attribution else None,
        error=row.error, elapsed_ms=row.elapsed_ms, document_uri=row.uri,
        config_hash=row.config_hash, input_hash=row.input_hash, checked_at=row.checked_at,
    )


def _review(row: Any) -> Review:
    return Review(
        claim_id=row.claim_id, status=Status(row.status),
        attribution_status=_attribution_status(row.attribution_status), note=row.note,
        evidence=list(row.evidence or ()), url=row.url, reviewer=row.reviewer, reviewed_at=row.reviewed_at,
    )


def _current_verdict(row: Any) -> Verdict:
    """The verdict in a verdicts row's current columns."""
    return Verdict(
        status=Status(row.status), attribution_status=_attribution_status(row.attribution_status),
        confidence=row.confidence, explanation=row.explanation, decided_by=row.decided_by,
    )


def _stored_verdict(row: Any) -> StoredVerdict:
    current = _current_verdict(row)
    machine = current  # a machine verdict is kept in the machine columns only beside a review
    if row.origin == "review":
        machine = Verdict(
            status=Status(row.machine_status),
            attribution_status=_attribution_status(row.machine_attribution_status),
            confidence=row.machine_confidence or 0.0, explanation=row.machine_explanation or "",
            decided_by=row.machine_decided_by,
        ) if row.machine_status else None
    return StoredVerdict(**dict(current), origin=row.origin, updated_at=row.updated_at, machine=machine)


def _factcheck(row: Any) -> FactCheck:
    return FactCheck(
        claim_text=row.claim_text, claimant=row.claimant, claim_date=row.claim_date, rating=row.rating,
        rating_value=row.rating_value, best_rating=row.best_rating, worst_rating=row.worst_rating,
        review_url=row.review_url, review_title=row.review_title, review_date=row.review_date,
        publisher=row.publisher, publisher_site=row.publisher_site, language=row.language,
        appearances=list(row.appearances or ()), origin=row.origin,
    )


_FACTCHECK_COLUMNS = [c for c in factchecks.c if c.name not in {"pk", "search_text", "imported_at"}]


class RegistryReader:
    """Read access to a registry: what checkers get as ``ctx.store``, and
    the queries behind ``registry claims``."""

    def __init__(self, engine: Engine, location: Location) -> None:
        self.engine = engine
        self.location = location
        self._word_counts = _search.WordCounts()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.location.shown}>"

    # -- for checkers -----------------------------------------------------------

    @_database_call
    def appearances(self, claim_id: str) -> list[Appearance]:
        """Every stored appearance of the claim, oldest first."""
        with self.engine.connect() as connection:
            return _appearances(connection.execute(_APPEARANCES_OF_CLAIM, {"claim_id": claim_id}))

    @_database_call
    def search_appearances(self, text: str, limit: int = 20) -> list[Appearance]:
        """Appearances of the stored claims that share words with ``text``,
        best match first (candidates for near duplicates and corroboration)."""
        with self.engine.connect() as connection:
            ids = _search.best_with_any(connection, "claims", text, limit=limit, counts=self._word_counts)
            if not ids:
                return []
            # Which appearances, from their keys alone: a claim published a
            # thousand times is read in full only as far as ``limit`` goes.
            order = {claim_id: i for i, claim_id in enumerate(ids)}
            keys = connection.execute(_APPEARANCE_KEYS, {"ids": ids}).all()
            chosen = [row.pk for row in sorted(keys, key=lambda r: (order[r.claim_id], r.seen_at, r.pk))[:limit]]
            rank = {pk: i for i, pk in enumerate(chosen)}
            rows = sorted(connection.execute(_APPEARANCES_BY_KEY, {"pks": chosen}), key=lambda r: rank[r.pk])
        return _appearances(rows)

    @_database_call
    def appearances_with_quantities(self, unit: str | None = None, limit: int = 1000) -> list[Appearance]:
        """Appearances that state quantities (of ``unit`` or counted noun,
        case-insensitive, when given), newest first."""
        with_quantities = sa.select(quantities.c.appearance_pk)
        if unit is not None:
            with_quantities = with_quantities.where(quantities.c.unit_key == unit.casefold())
        query = (
            _appearances_query()
            .where(appearances.c.pk.in_(with_quantities))
            .order_by(appearances.c.seen_at.desc(), appearances.c.document_id, appearances.c.span_start)
            .limit(limit)
        )
        with self.engine.connect() as connection:
            return _appearances(connection.execute(query))

    @_database_call
    def factchecks(self, limit: int | None = None) -> list[FactCheck]:
        """Stored fact-checks, in the order they were first imported."""
        query = sa.select(*_FACTCHECK_COLUMNS).order_by(factchecks.c.pk)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as connection:
            return [_factcheck(row) for row in connection.execute(query)]

    @_database_call
    def search_factchecks(self, text: str, limit: int = 20) -> list[FactCheck]:
        """Fact-checks whose claim shares words with ``text``, best match first."""
        with self.engine.connect() as connection:
            ids = _search.best_with_any(connection, "factchecks", text, limit=limit, counts=self._word_counts)
            if not ids:
                return []
            rows = connection.execute(sa.select(*_FACTCHECK_COLUMNS).where(factchecks.c.id.in_(ids)))
            by_id = {row.id: _factcheck(row) for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    # -- for the registry commands ----------------------------------------------

    @_database_call
    def resolve_claim_id(self, claim_id: str) -> str:
        """The full id of the claim ``claim_id`` names (a whole id or a
        unique prefix of at least 4 hex digits)."""
        problem = malformed_claim_id(claim_id)
        if problem:
            raise StoreError(problem)
        wanted = claim_id.strip().lower()
        with self.engine.connect() as connection:
            if connection.execute(sa.select(claims.c.id).where(claims.c.id == wanted)).first():
                return wanted
            # Ids are hex, so every id starting with the prefix sorts below prefix + "g".
            found = connection.execute(
                sa.select(claims.c.id).where(claims.c.id >= wanted, claims.c.id < wanted + "g").limit(2)
            ).scalars().all()
        if not found:
            raise StoreError(f"claim id {claim_id}: no such claim in registry {self.location.shown}")
        if len(found) > 1:
            raise StoreError(f"claim id {claim_id}: more than one claim starts with it; give more digits")
        return found[0]

    @_database_call
    def claim(self, claim_id: str) -> ClaimRecord:
        """Everything known about one claim (``claim_id`` may be a unique prefix)."""
        full_id = self.resolve_claim_id(claim_id)
        with self.engine.connect() as connection:
            claim_row = connection.execute(sa.select(claims).where(claims.c.id == full_id)).one()
            pk = claim_row.pk
            verdict_row = connection.execute(sa.select(verdicts).where(verdicts.c.claim_pk == pk)).one()
            found = _appearances(connection.execute(
                _appearances_query().where(appearances.c.claim_pk == pk).order_by(appearances.c.seen_at, appearances.c.pk)
            ))
            results = [_stored_result(row) for row in connection.execute(
                _results_query(documents.c.uri)
                .outerjoin(documents, documents.c.id == check_results.c.document_id)
                .where(check_results.c.claim_pk == pk)
                .order_by(check_results.c.pk)
            )]
            review_rows = [_review(row) for row in connection.execute(
                sa.select(reviews, sa.literal(full_id).label("claim_id"))
                .where(reviews.c.claim_pk == pk).order_by(reviews.c.pk)
            )]
            links = self._links(connection, pk)
        return ClaimRecord(
            id=full_id, text=claim_row.text, claim_type=claim_row.claim_type,
            first_seen=claim_row.first_seen,
            last_seen=max((a.seen for a in found if a.seen), default=claim_row.first_seen),
            verdict=_stored_verdict(verdict_row), appearances=found, results=results,
            reviews=review_rows, links=links,
        )

    def _links(self, connection: Connection, pk: int) -> list[ClaimLink]:
        other = sa.case((claim_links.c.claim_pk == pk, claim_links.c.other_pk),
                        else_=claim_links.c.claim_pk).label("other")
        linked = (
            sa.select(other, claim_links.c.similarity, claim_links.c.measure, claim_links.c.state)
            .where(sa.or_(claim_links.c.claim_pk == pk, claim_links.c.other_pk == pk))
            .subquery()
        )
        query = (
            sa.select(linked, claims.c.id, claims.c.text)
            .join(claims, claims.c.pk == linked.c.other)
            .order_by(linked.c.similarity.desc(), claims.c.id)
        )
        return [
            ClaimLink(claim_id=row.id, text=row.text, similarity=round(row.similarity, 4),
                      measure=row.measure, state=row.state)
            for row in connection.execute(query)
        ]

    @_database_call
    def list_claims(
        self, *, status: Status | None = None, speaker: str | None = None,
        since: datetime | None = None, limit: int = 50,
    ) -> list[ClaimSummary]:
        """Claims by most recent activity (stored, re-checked or reviewed)
        first, filtered by current status, speaker (case-insensitive part of
        the name) and activity since a time."""
        # Claims active at the same moment: the one stored last first (the
        # order of the verdicts' indexes).
        query = (
            sa.select(claims.c.id).join_from(verdicts, claims, claims.c.pk == verdicts.c.claim_pk)
            .order_by(verdicts.c.updated_at.desc(), verdicts.c.claim_pk.desc())
        )
        if status is not None:
            query = query.where(verdicts.c.status == status.value)
        if since is not None:
            query = query.where(verdicts.c.updated_at >= since)
        if speaker:
            query = query.where(
                sa.select(appearances.c.pk)
                .where(appearances.c.claim_pk == verdicts.c.claim_pk,
                       sa.func.lower(appearances.c.speaker).contains(speaker.casefold(), autoescape=True))
                .exists()
            )
        with self.engine.connect() as connection:
            ids = connection.execute(query.limit(limit)).scalars().all()
            return self._summaries(connection, ids)

    @_database_call
    def search_claims(self, text: str, limit: int = 20) -> list[ClaimSummary]:
        """Claims whose text has every word and number of ``text``, newest first."""
        with self.engine.connect() as connection:
            return self._summaries(connection, _search.newest_with_all(connection, "claims", text, limit=limit))

    def _summaries(self, connection: Connection, ids: Sequence[str]) -> list[ClaimSummary]:
        if not ids:
            return []
        count = (
            sa.select(sa.func.count()).where(appearances.c.claim_pk == claims.c.pk)
            .scalar_subquery().label("appearance_count")
        )
        rows = []
        speakers: dict[int, list[str]] = {}
        for chunk in chunks(ids):
            found = connection.execute(
                sa.select(claims.c.pk, claims.c.id, claims.c.text, claims.c.claim_type, claims.c.first_seen, count,
                          verdicts.c.status, verdicts.c.origin, verdicts.c.decided_by,
                          verdicts.c.confidence, verdicts.c.updated_at)
                .join(verdicts, verdicts.c.claim_pk == claims.c.pk)
                .where(claims.c.id.in_(chunk))
            ).all()
            rows.extend(found)
            for pk, name in connection.execute(
                sa.select(appearances.c.claim_pk, appearances.c.speaker).distinct()
                .where(appearances.c.claim_pk.in_([row.pk for row in found]), appearances.c.speaker.is_not(None))
                .order_by(appearances.c.speaker)
            ):
                speakers.setdefault(pk, []).append(name)
        by_id = {
            row.id: ClaimSummary(
                id=row.id, text=row.text, claim_type=row.claim_type, status=Status(row.status),
                origin=row.origin, decided_by=row.decided_by, confidence=row.confidence,
                speakers=speakers.get(row.pk, []), appearances=row.appearance_count,
                first_seen=row.first_seen, updated_at=row.updated_at,
            )
            for row in rows
        }
        return [by_id[i] for i in ids if i in by_id]

    @_database_call
    def claims_for_export(
        self, *, statuses: Sequence[Status] = (), include_machine: bool = False,
    ) -> tuple[list[ClaimRecord], int]:
        """The claims to export (reviewed ones, or every one with
        ``include_machine``) with the given current statuses, oldest first,
        and how many machine-only claims were left out."""
        query = (
            sa.select(_CLAIM_ID, verdicts.c.origin).join_from(verdicts, claims, claims.c.pk == verdicts.c.claim_pk)
            .order_by(verdicts.c.updated_at, verdicts.c.claim_pk)
        )
        if statuses:
            query = query.where(verdicts.c.status.in_([s.value for s in statuses]))
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        chosen = [row.claim_id for row in rows if include_machine or row.origin == "review"]
        return [self.claim(claim_id) for claim_id in chosen], len(rows) - len(chosen)

    @_database_call
    def counts(self) -> dict[str, int]:
        """How many rows each kind of record has (``registry db info``)."""
        tables = {"documents": documents, "claims": claims, "appearances": appearances,
                  "check_results": check_results, "reviews": reviews, "factchecks": factchecks,
                  "claim_links": claim_links}
        with self.engine.connect() as connection:
            return {name: connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                    for name, table in tables.items()}

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


class RegistryStore(RegistryReader):
    """Read and write access to a registry (see the module docstring)."""

    @_database_call
    def cached_result(self, checker: str, version: str, config_hash: str, claim_id: str) -> CheckResult | None:
        """The newest successful result of this checker version and config
        for this claim, or None; failed checks are never reused."""
        query = (
            _results_query(sa.null().label("uri"))
            .where(claims.c.id == claim_id, check_results.c.checker == checker,
                   check_results.c.version == version, check_results.c.config_hash == config_hash,
                   check_results.c.error.is_(None))
            .order_by(check_results.c.pk.desc())
            .limit(1)
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            return None
        stored = _stored_result(row)
        return CheckResult(**stored.model_dump(include=set(CheckResult.model_fields)))

    @_database_call
    def reviewed_verdicts(self, claim_ids: Sequence[str]) -> dict[str, Verdict]:
        """The current verdict of each of ``claim_ids`` that a reviewer has
        decided (the newest review's), by claim id; claims without a review
        are left out."""
        found: dict[str, Verdict] = {}
        with self.engine.connect() as connection:
            for chunk in chunks(list(dict.fromkeys(claim_ids))):
                rows = connection.execute(
                    sa.select(claims.c.id, *(verdicts.c[name] for name in VERDICT_FIELDS))
                    .join_from(verdicts, claims, claims.c.pk == verdicts.c.claim_pk)
                    .where(claims.c.id.in_(chunk), verdicts.c.origin == "review")
                )
                found.update((row.id, _current_verdict(row)) for row in rows)
        return found

    def save_document(self, document: Document, reports: list[ClaimReport], config_hashes: dict[str, str]) -> None:
        """Store one checked document in one transaction: the document, its
        claims and appearances, new check results, verdicts, near-duplicate
        links and any fact-checks found on it."""
        self.save_documents([(document, reports, config_hashes)])

    @_database_call
    def save_documents(
        self, batch: Sequence[tuple[Document, Sequence[ClaimReport], dict[str, str]]],
    ) -> None:
        """Store several checked documents in one transaction (bulk loads);
        the same rows as :meth:`save_document` for each."""
        now = _now()
        dialect_name = self.engine.dialect.name
        with collector_paused():
            prepared = [prepare(document, reports, hashes, now, dialect_name) for document, reports, hashes in batch]
            self._write(lambda connection: write_documents(connection, prepared))

    def _write(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in one write transaction, again when another
        transaction made it fail (deadlock, serialisation, lock timeout)."""
        import stamina

        @stamina.retry(on=_is_transient, attempts=5, wait_initial=0.05, wait_max=2.0)
        def attempt() -> T:
            with write_transaction(self.engine) as connection:
                return work(connection)

        return attempt()

    @_database_call
    def add_factchecks(self, items: Sequence[FactCheck]) -> int:
        """Store fact-checks (an item already stored, by :attr:`FactCheck.id`,
        is updated) and return how many were new."""
        if not items:
            return 0  # nothing to write (and no transaction to open for it)
        now = _now()
        rows = list({fc.id: factcheck_row(fc, now) for fc in items}.values())
        return self._write(lambda connection: write_factchecks(connection, rows))

    @_database_call
    def add_review(
        self, claim_id: str, *, status: Status, reviewer: str, note: str = "",
        evidence: Sequence[str] = (), url: str | None = None,
        attribution_status: AttributionStatus | None = None,
    ) -> Review:
        """Record a reviewer's verdict on a claim; it becomes the claim's
        current verdict."""
        if not reviewer.strip():
            raise StoreError("reviewer: must not be empty")
        full_id = self.resolve_claim_id(claim_id)
        review = Review(
            claim_id=full_id, status=status, attribution_status=attribution_status, note=note,
            evidence=list(evidence), url=url, reviewer=reviewer.strip(), reviewed_at=_now(),
        )
        def write(connection: Connection) -> None:
            pk = connection.execute(sa.select(claims.c.pk).where(claims.c.id == full_id)).scalar_one()
            connection.execute(reviews.insert().values(**review.model_dump(mode="python", exclude={"claim_id"}) | {
                "claim_pk": pk, "status": status.value,
                "attribution_status": attribution_status.value if attribution_status else None,
            }))
            # A machine verdict moves to the machine columns (the right-hand
            # sides read the row as it was).
            machine = verdicts.c.origin == "machine"
            connection.execute(
                verdicts.update().where(verdicts.c.claim_pk == pk).values(
                    status=status.value,
                    attribution_status=(attribution_status.value if attribution_status else sa.case(
                        (machine, verdicts.c.attribution_status), else_=verdicts.c.machine_attribution_status)),
                    confidence=1.0, explanation=note, decided_by=review.reviewer, origin="review",
                    updated_at=review.reviewed_at,
                    **{f"machine_{name}": sa.case((machine, verdicts.c[name]), else_=verdicts.c[f"machine_{name}"])
                       for name in VERDICT_FIELDS},
                )
            )

        self._write(write)
        return review


