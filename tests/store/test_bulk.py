"""The batched write path (``RegistryStore.save_documents`` with many
documents per transaction): it stores exactly what one document per
transaction stores, keeps every guarantee of the store (unique keys,
idempotent re-ingest, search and links right after the commit, a review
outranking later checks, one transaction per batch), on both engines.

The batches here are large enough for PostgreSQL's ``COPY`` path and for
SQLite's statements of many rows (with a remainder); their documents and
links go the way of small sets."""

from __future__ import annotations

import gc
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from registry import (
    Attribution,
    CheckResult,
    ClaimReport,
    Document,
    Evidence,
    FactCheck,
    Quantity,
    Source,
    Span,
    Stance,
    Status,
    Verdict,
    claim_id,
)
from registry.errors import StoreError
from registry.store import open_store

from .conftest import POSTGRES_URL, count, postgres_schema_url, query

PLACES = ["Kyiv", "Prague", "Port Alder", "Brno", "Lviv", "Ostrava", "Odesa", "Plzen", "Dnipro", "Liberec"]
UNITS = ["troops", "jobs", "homes", "tonnes", "flights"]
CLAIMS_PER_DOCUMENT = 10


def without_number(n: int) -> bool:
    return n % 11 == 0


def rewords_the_one_before(n: int) -> bool:
    """Claim n states claim n - 1 again, digits not grouped: a near duplicate."""
    return n % 7 == 0 and not without_number(n) and not without_number(n - 1)


def claim(n: int) -> tuple[str, int | None]:
    """The text of claim n and the number it states."""
    if without_number(n):
        return f"Officials in {PLACES[n % 10]} abandoned the railway modernisation plan reference{n:04d}", None
    if rewords_the_one_before(n):
        value = 1000 + (n - 1) * 37
        return f"Over {value} {UNITS[(n - 1) % 5]} were counted in {PLACES[(n - 1) % 10]} last year", value
    value = 1000 + n * 37
    return f"Over {value:,} {UNITS[n % 5]} were counted in {PLACES[n % 10]} last year", value


def text_of(n: int) -> str:
    return claim(n)[0]


def make_document(number: int) -> tuple[Document, list[ClaimReport], dict[str, str]]:
    source = Source(uri=f"https://news.example/story/{number}", title=f"Story {number}", publisher="Example News",
                    published=datetime(2024, 1, 1 + number % 28, 6, 30))  # naive: means UTC
    lines, reports, offset = [], [], 0
    for i in range(CLAIMS_PER_DOCUMENT):
        text, value = claim(number * CLAIMS_PER_DOCUMENT + i)
        prefix = f"Speaker {i} said: "
        start = offset + len(prefix)
        lines.append(prefix + text + ".")
        offset += len(lines[-1]) + 1
        quantities = [] if value is None else [Quantity(value=value, unit="Troops", text=f"{value:,} troops")]
        status = [Status.SUPPORTED, Status.REFUTED, Status.UNVERIFIED][i % 3]
        results = [
            CheckResult(checker="consistency", version="1", status=status, confidence=0.7,
                        explanation="compared with other reports", elapsed_ms=1.5),
            CheckResult(checker="claimreview", version="2", status=Status.NOT_ENOUGH_EVIDENCE, confidence=0.3,
                        explanation="no review", elapsed_ms=2.5,
                        evidence=[Evidence(stance=Stance.NEUTRAL, kind="factcheck", summary="nearest 'review'",
                                           url=f"https://factcheck.example/{number}/{i}")]),
        ]
        reports.append(ClaimReport(
            id=claim_id(text), text=text, span=Span(start=start, end=start + len(text)), source=source,
            attribution=Attribution(speaker=f"Speaker {i}", cue="said", confidence=0.9), quantities=quantities,
            claim_type="quantity" if quantities else "other", checkworthiness=0.8, checkworthy=True,
            features={"numbers": float(len(quantities))}, status=status, attribution_status=None,
            verdict=Verdict(status=status, confidence=0.7, explanation="from consistency", decided_by="consistency"),
            results=results,
        ))
    document = Document(location=source.uri, text="\n".join(lines) + "\n", source=source)
    return document, reports, {"consistency": "c0ffee"}


# 123 documents of 10 claims: 1,230 claims and 2,460 results in one transaction.
BATCH = [make_document(n) for n in range(123)]
CLAIMS = len(BATCH) * CLAIMS_PER_DOCUMENT
REWORDINGS = [n for n in range(CLAIMS) if rewords_the_one_before(n)]
TABLES = ("documents", "claims", "appearances", "quantities", "verdicts", "claim_links")


def stored(url: str) -> dict:
    """What a registry holds, without the moments of writing."""
    store = open_store(url)
    try:
        ids = [row[0] for row in query(url, "SELECT id FROM claims ORDER BY id")]
        records = {}
        for cid in ids:
            record = store.claim(cid).model_dump(mode="json", exclude={"first_seen", "last_seen"})
            record["verdict"].pop("updated_at")
            for appearance in record["appearances"]:
                appearance.pop("seen")
            for result in record["results"]:
                result.pop("checked_at")
            records[cid] = record
    finally:
        store.close()
    return records


def test_a_batch_stores_what_one_document_per_transaction_stores(db_url, another_db_url):
    store = open_store(another_db_url)
    try:
        for document, reports, hashes in BATCH:
            store.save_document(document, reports, hashes)
    finally:
        store.close()
    store = open_store(db_url)
    try:
        store.save_documents(BATCH)
    finally:
        store.close()

    expected = {"documents": len(BATCH), "claims": CLAIMS, "appearances": CLAIMS,
                "quantities": CLAIMS - len([n for n in range(CLAIMS) if without_number(n)]),
                "verdicts": CLAIMS, "claim_links": len(REWORDINGS)}
    assert {t: count(db_url, t) for t in TABLES} == expected
    assert {t: count(another_db_url, t) for t in TABLES} == expected
    assert count(db_url, "check_results") == count(another_db_url, "check_results") == 2 * CLAIMS
    records = stored(db_url)
    assert records == stored(another_db_url)

    n = REWORDINGS[0]
    assert [(link["text"], link["state"], link["similarity"]) for link in records[claim_id(text_of(n - 1))]["links"]] \
        == [(text_of(n), "linked", 1.0)]
    document, reports, _ = BATCH[0]
    first = records[reports[1].id]
    assert first["appearances"][0]["source"]["published"] == "2024-01-01T06:30:00Z"
    assert first["appearances"][0]["quantities"] == [q.model_dump(mode="json") for q in reports[1].quantities]
    assert first["appearances"][0]["text"] == text_of(1)
    assert first["results"][1]["evidence"][0]["summary"] == "nearest 'review'"
    assert query(db_url, "SELECT DISTINCT unit_key FROM quantities") == [("troops",)]


@pytest.fixture
def another_db_url(db_url, tmp_path) -> Iterator[str]:
    """A second registry, on the engine of ``db_url``."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'another.db'}"
        return
    import psycopg
    from psycopg import sql

    schema = f"store_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield postgres_schema_url(schema)
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
            connection.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def test_a_batch_stored_again_adds_only_its_new_results(db_url):
    store = open_store(db_url)
    try:
        store.save_documents(BATCH)
        first = {t: count(db_url, t) for t in TABLES}
        store.save_documents(BATCH)
        assert {t: count(db_url, t) for t in TABLES} == first
        assert count(db_url, "check_results") == 2 * 2 * CLAIMS  # append-only, as with --refresh
    finally:
        store.close()


def test_a_batch_is_searchable_and_linked_as_soon_as_it_is_committed(db_url):
    n = 420  # the first claim of document 42 rewords the last one of document 41
    assert rewords_the_one_before(n) and without_number(110)
    store = open_store(db_url)
    try:
        store.save_documents(BATCH[:42])
        assert [s.text for s in store.search_claims("reference0110")] == [text_of(110)]
        assert store.claim(claim_id(text_of(n - 1))).links == []
        store.save_documents(BATCH[42:])
        # claim 50: "Over 2,850 ... in Kyiv", found with the digits grouped or not
        assert [s.text for s in store.search_claims("2850 kyiv")] == [text_of(50)]
        assert [s.text for s in store.search_claims("2,850 KYIV")] == [text_of(50)]
        links = store.claim(claim_id(text_of(n - 1))).links
    finally:
        store.close()
    assert [(link.text, link.state) for link in links] == [(text_of(n), "linked")]


def test_a_review_outranks_the_machine_verdicts_of_a_later_batch(db_url):
    reviewed = claim_id(text_of(3))
    store = open_store(db_url)
    try:
        store.save_documents(BATCH)
        # Claims active at the same moment: the one stored last first (a
        # batch stores its new claims in id order).
        assert [s.id for s in store.list_claims(limit=5)] == sorted(
            {r.id for _d, reports, _h in BATCH for r in reports}, reverse=True)[:5]
        first_machine = store.claim(reviewed).verdict
        store.add_review(reviewed, status=Status.MISLEADING, reviewer="Ada", note="context missing")
        assert store.claim(reviewed).verdict.machine == first_machine.machine == Verdict(
            **first_machine.model_dump(include=set(Verdict.model_fields)))
        changed = [
            (document, [r.model_copy(update={"verdict": Verdict(status=Status.MIXED, confidence=0.5,
                                                                 decided_by="rules")}) for r in reports], hashes)
            for document, reports, hashes in BATCH
        ]
        store.save_documents(changed)
        verdict = store.claim(reviewed).verdict
        other = store.claim(claim_id(text_of(4))).verdict
    finally:
        store.close()
    assert (verdict.status, verdict.origin, verdict.decided_by) == (Status.MISLEADING, "review", "Ada")
    assert (verdict.machine.status, verdict.machine.decided_by) == (Status.MIXED, "rules")
    assert (other.status, other.origin, other.decided_by) == (Status.MIXED, "machine", "rules")


def test_many_factchecks_keep_their_order_and_are_updated_when_imported_again(db_url):
    items = [FactCheck(claim_text=f"Claim number {n} about {PLACES[n % 10]}", rating="False",
                       review_url=f"https://factcheck.example/review/{n}", publisher="Checkers")
             for n in range(1200, 0, -1)]
    store = open_store(db_url)
    try:
        assert store.add_factchecks(items) == 1200
        assert store.add_factchecks([item.model_copy(update={"rating": "Mostly false"}) for item in items]) == 0
        kept = store.factchecks()
        found = store.search_factchecks("number 17 Plzen", limit=1)
    finally:
        store.close()
    assert [fc.claim_text for fc in kept] == [fc.claim_text for fc in items]
    assert {fc.rating for fc in kept} == {"Mostly false"}
    assert [fc.claim_text for fc in found] == ["Claim number 17 about Plzen"]


def test_a_batch_the_database_refuses_leaves_nothing(postgres_url):
    """PostgreSQL refuses text with a NUL character; the results come late in
    the batch, after its documents, claims and appearances."""
    document, reports, hashes = BATCH[-1]
    broken = reports[:-1] + [reports[-1].model_copy(update={"results": [
        reports[-1].results[0].model_copy(update={"explanation": "cut\x00off"})]})]
    store = open_store(postgres_url)
    try:
        with pytest.raises(StoreError) as raised:
            store.save_documents([*BATCH[:-1], (document, broken, hashes)])
    finally:
        store.close()
    assert "\n" not in str(raised.value) and "0x00" in str(raised.value)
    assert {t: count(postgres_url, t) for t in (*TABLES, "check_results")} == dict.fromkeys(
        (*TABLES, "check_results"), 0)


def test_timestamps_are_utc_whatever_the_session_time_zone(postgres_url):
    """COPY sends timestamps as text; a naive one must not be read in the
    session's zone."""
    url = sa.make_url(postgres_url)
    tokyo = url.update_query_dict({"options": url.query["options"] + " -ctimezone=Asia/Tokyo"})
    tokyo_url = tokyo.render_as_string(hide_password=False)
    store = open_store(tokyo_url)
    try:
        store.save_documents(BATCH)
        published = store.appearances(claim_id(text_of(1)))[0].source.published
    finally:
        store.close()
    assert published == datetime(2024, 1, 1, 6, 30, tzinfo=UTC)
    assert query(postgres_url, "SELECT count(*) FROM documents WHERE published = '2024-01-01 06:30+00'") == [
        (len(range(0, len(BATCH), 28)),)]  # documents 0, 28, 56, ...


def test_a_batch_links_what_storing_its_claims_one_at_a_time_links(db_url, another_db_url):
    """Sixty wordings of one statement (one link key) in one batch: each is
    compared with the fifty stored just before it, as when they come one
    document at a time."""
    syllables = ["ka", "lo", "mi", "te", "ru", "sa", "ve", "no"]
    texts = [f"Ukraine has lost over 125,000 troops since June according to {syllables[i // 8]}{syllables[i % 8]}dan"
             for i in range(60)]
    documents = []
    for text in sorted(texts, key=claim_id):  # a batch stores its claims in id order
        document, reports, hashes = make_document(0)
        report = reports[0].model_copy(update={"id": claim_id(text), "text": text, "span": Span(start=0, end=len(text)),
                                               "quantities": []})
        source = document.source.model_copy(update={"uri": f"https://news.example/{claim_id(text)}"})
        documents.append((document.model_copy(update={"text": text, "source": source}), [report], hashes))
    store = open_store(another_db_url)
    try:
        for document in documents:
            store.save_documents([document])
    finally:
        store.close()
    store = open_store(db_url)
    try:
        store.save_documents(documents)
    finally:
        store.close()
    pairs = ("SELECT one.id, other.id, state FROM claim_links JOIN claims AS one ON one.pk = claim_pk "
             "JOIN claims AS other ON other.pk = other_pk ORDER BY one.id, other.id")
    assert query(db_url, pairs) == query(another_db_url, pairs)
    # each claim with the (up to) fifty before it: 0 + 1 + ... + 49, then 50 for each of the last ten
    assert len(query(db_url, pairs)) == sum(range(50)) + 10 * 50


def test_a_batch_is_written_without_garbage_collection_passes(tmp_path):
    """The rows of a batch hold no reference cycles, and the collector's
    passes over the batch's models cost a fifth of the write's CPU: at most
    one pass runs, as the collector comes back on after the write (dozens
    for this batch before). It stays off when the caller had turned it off."""
    passes: list[int] = []

    def count_pass(phase: str, _info: dict) -> None:
        if phase == "start":
            passes.append(1)

    store = open_store(f"sqlite:///{tmp_path / 'registry.db'}")
    gc.callbacks.append(count_pass)
    try:
        store.save_documents(BATCH)
        assert len(passes) <= 1 and gc.isenabled()
        gc.disable()
        store.save_documents(BATCH)
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.callbacks.remove(count_pass)
        store.close()
    assert count(f"sqlite:///{tmp_path / 'registry.db'}", "claims") == CLAIMS


def test_an_appearance_keeps_its_own_words_and_leaves_its_claims_to_the_claim(db_url):
    """An appearance in the claim's own words is stored with an empty text
    (schema 0005) and read back with the claim's; one in other words keeps
    them."""
    document, reports, hashes = BATCH[0]
    other_words = reports[1].model_copy(update={"span": Span(start=reports[1].span.start,
                                                             end=reports[1].span.start + 4)})
    store = open_store(db_url)
    try:
        store.save_documents([(document, [reports[0], other_words], hashes)])
        read = [store.claim(report.id).appearances[0].text for report in reports[:2]]
    finally:
        store.close()
    assert read == [text_of(0), "Over"]
    assert query(db_url, "SELECT text FROM appearances ORDER BY text") == [("",), ("Over",)]
