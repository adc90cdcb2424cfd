"""What the registry keeps: one claim per statement with one appearance per
place, append-only results reused as a cache, verdicts where a review
outranks the machine, full-text search with numbers, near-duplicate links,
fact-checks, and the read API checkers get as ``ctx.store``."""

from __future__ import annotations

import json

import pytest

from registry import Document, FactCheck, Source, Status, claim_id
from registry.store import RegistryReader, open_store

from .conftest import cli, count, query, write_documents

PESKOV = """Dmitry Peskov: Ukraine has lost over 125,000 troops since June [false]
The ministry counted 16,000 pieces of heavy equipment destroyed
Buses ran late on 23.6 per cent of trips last year [true]
"""
FOLLOW_UP = """Ukraine has lost over 125000 troops since June [false]
Olena Kovalenko: Ukraine has lost more than 125,000 troops since June [false]
Ukraine has lost over 120,000 troops since June [false]
Prices in Prague rose faster than wages in the spring
"""


@pytest.fixture
def docs(tmp_path):
    return write_documents(tmp_path / "docs", {"a-peskov.txt": PESKOV, "b-follow-up.txt": FOLLOW_UP})


def check(capsys, db_url, *args):
    code, out, err = cli(capsys, "check", "--db", db_url, "--format", "json", "--stats", *args)
    assert code == 0, err
    return json.loads(out), err


def test_rechecking_adds_no_duplicates_and_reuses_results(capsys, db_url, docs):
    reports, err = check(capsys, db_url, str(docs))
    assert len(reports) == 7
    assert "checker verdict-in-text: 7 calls, 0 cached results" in err
    tables = ("documents", "claims", "appearances", "check_results", "verdicts", "quantities")
    first = {table: count(db_url, table) for table in tables}
    assert first == {"documents": 2, "claims": 7, "appearances": 7, "check_results": 7,
                     "verdicts": 7, "quantities": 6}

    reports_again, err = check(capsys, db_url, str(docs))
    assert "checker verdict-in-text: 0 calls, 7 cached results" in err
    assert {table: count(db_url, table) for table in tables} == first
    assert [r["status"] for r in reports_again] == [r["status"] for r in reports]
    assert all(r["results"][0]["cached"] for r in reports_again)

    _, err = check(capsys, db_url, "--refresh", str(docs))
    assert "checker verdict-in-text: 7 calls, 0 cached results" in err
    assert count(db_url, "check_results") == 14  # append-only: the fresh results are added
    assert count(db_url, "claims") == 7 and count(db_url, "appearances") == 7


def test_the_same_claim_in_two_documents_is_one_claim_with_two_appearances(capsys, db_url, tmp_path):
    docs = write_documents(tmp_path / "docs", {
        "one.md": "---\ntitle: First\nurl: https://one.example/a\npublished: 2024-01-02\n---\nInflation hit 7.5 per cent in May\n",
        "two.md": "---\ntitle: Second\nurl: https://two.example/b\n---\n\nInflation hit 7.5 per cent in May\n",
    })
    check(capsys, db_url, str(docs))
    cid = claim_id("Inflation hit 7.5 per cent in May")
    assert count(db_url, "claims") == 1
    store = open_store(db_url)
    try:
        found = store.appearances(cid)
    finally:
        store.close()
    assert [(a.source.uri, a.source.title) for a in found] == [
        ("https://one.example/a", "First"), ("https://two.example/b", "Second")]
    assert found[0].source.published.isoformat() == "2024-01-02T00:00:00+00:00"
    assert found[0].quantities[0].value == 7.5 and found[0].quantities[0].unit == "per"


def test_an_edited_document_keeps_both_versions(capsys, db_url, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Mia Wong: 40 bridges were closed\n", encoding="utf-8")
    check(capsys, db_url, str(path))
    path.write_text("Correction first.\nMia Wong: 40 bridges were closed\n", encoding="utf-8")
    check(capsys, db_url, str(path))
    assert count(db_url, "documents") == 2
    spans = query(db_url, "SELECT span_start FROM appearances JOIN claims ON claims.pk = claim_pk "
                          "WHERE claims.id = :c ORDER BY span_start",
                  c=claim_id("40 bridges were closed"))
    assert spans == [(10,), (28,)]


def test_failed_checks_are_kept_but_never_reused(capsys, db_url, tmp_path):
    docs = write_documents(tmp_path / "docs", {"a.txt": "The dam holds 3 billion litres [boom]\n"})
    reports, err = check(capsys, db_url, str(docs))
    assert reports[0]["results"][0]["error"] == "the checker broke on purpose"
    _, err = check(capsys, db_url, str(docs))
    assert "1 calls, 0 cached results, 1 errors" in err
    assert query(db_url, "SELECT count(*), count(error) FROM check_results") == [(2, 2)]


def test_a_review_outranks_the_machine_and_survives_rechecks(capsys, db_url, docs):
    check(capsys, db_url, str(docs))
    cid = claim_id("Buses ran late on 23.6 per cent of trips last year [true]")
    code, out, err = cli(capsys, "review", cid[:8], "--status", "misleading", "--note", "Only weekday trips",
                         "--evidence", "https://audit.example/report", "--reviewer", "Ana Costa", "--db", db_url)
    assert (code, err) == (0, "")
    assert out == f"claim {cid}: misleading (reviewed by Ana Costa)\n"
    check(capsys, db_url, "--refresh", str(docs))
    store = open_store(db_url)
    try:
        record = store.claim(cid)
    finally:
        store.close()
    assert record.verdict.status is Status.MISLEADING and record.verdict.origin == "review"
    assert record.verdict.decided_by == "Ana Costa" and record.verdict.explanation == "Only weekday trips"
    assert record.verdict.machine.status is Status.SUPPORTED
    assert [r.status for r in record.reviews] == [Status.MISLEADING]
    assert record.reviews[0].evidence == ["https://audit.example/report"]
    assert len(record.results) == 2

    cli(capsys, "review", cid, "--status", "supported", "--reviewer", "Ben Ode", "--db", db_url)
    record = open_store(db_url).claim(cid)
    assert record.verdict.status is Status.SUPPORTED and record.verdict.decided_by == "Ben Ode"
    assert [r.reviewer for r in record.reviews] == ["Ana Costa", "Ben Ode"]


def test_search_finds_numbers_however_they_are_grouped(capsys, db_url, docs):
    check(capsys, db_url, str(docs))
    store = open_store(db_url)
    try:
        def texts(query_text):
            return sorted(s.text for s in store.search_claims(query_text))

        over = "Ukraine has lost over 125,000 troops since June [false]"
        over_plain = "Ukraine has lost over 125000 troops since June [false]"
        more = "Ukraine has lost more than 125,000 troops since June [false]"
        assert texts("125,000 troops") == sorted([over, over_plain, more])
        assert texts("125000 TROOPS") == sorted([over, over_plain, more])
        assert texts("125\u202f000 troops") == sorted([over, over_plain, more])
        assert texts("120,000") == ["Ukraine has lost over 120,000 troops since June [false]"]
        assert texts("23.6 per cent") == ["Buses ran late on 23.6 per cent of trips last year [true]"]
        assert texts("23 per cent") == []
        assert texts("Prágue") == ["Prices in Prague rose faster than wages in the spring"]
        assert texts("troops zebra") == []
        assert texts('"; DROP TABLE claims; --') == []
        assert texts("troops OR NOT NEAR(*) AND") == []
        assert texts("") == []
        assert count(db_url, "claims") == 7
    finally:
        store.close()


def test_near_duplicates_are_linked_or_suggested(capsys, db_url, docs):
    check(capsys, db_url, str(docs))
    store = open_store(db_url)
    try:
        over = claim_id("Ukraine has lost over 125,000 troops since June [false]")
        links = {link.text: (link.state, link.similarity) for link in store.claim(over).links}
    finally:
        store.close()
    # Only the digit grouping differs: the same statement.
    assert links["Ukraine has lost over 125000 troops since June [false]"] == ("linked", 1.0)
    # Other words, same numbers: a suggestion for a reviewer.
    state, score = links["Ukraine has lost more than 125,000 troops since June [false]"]
    assert state == "suggested" and 0.7 <= score < 0.9
    # Another number is another claim, however alike the words: never compared.
    assert "Ukraine has lost over 120,000 troops since June [false]" not in links
    assert "Prices in Prague rose faster than wages in the spring" not in links
    assert query(db_url, "SELECT count(*) FROM claim_links WHERE claim_pk >= other_pk") == [(0,)]


def test_claims_without_numbers_are_linked_through_their_words(capsys, db_url, tmp_path):
    docs = write_documents(tmp_path / "docs", {
        "a.txt": "The governor vetoed the transparency legislation yesterday\n",
        "b.txt": "Yesterday the governor vetoed the transparency legislation\nThe senator praised the harvest festival\n",
    })
    check(capsys, db_url, str(docs))
    store = open_store(db_url)
    try:
        links = store.claim(claim_id("The governor vetoed the transparency legislation yesterday")).links
    finally:
        store.close()
    assert [(link.text, link.state) for link in links] == [
        ("Yesterday the governor vetoed the transparency legislation", "linked")]


def test_the_reader_api_for_checkers(capsys, db_url, docs):
    check(capsys, db_url, str(docs))
    store = open_store(db_url)
    try:
        assert isinstance(store, RegistryReader)
        troops = store.appearances_with_quantities("Troops")
        assert sorted(a.quantities[0].value for a in troops) == [120000.0, 125000.0, 125000.0, 125000.0]
        assert {a.source.uri.rsplit("/", 1)[1] for a in troops} == {"a-peskov.txt", "b-follow-up.txt"}
        assert len(store.appearances_with_quantities()) == 6
        newest = store.appearances_with_quantities("troops", limit=2)
        assert len(newest) == 2 and newest[0].seen >= newest[1].seen >= max(a.seen for a in troops[2:])
        peskov = store.appearances(claim_id("Ukraine has lost over 125,000 troops since June [false]"))
        assert peskov[0].attribution.speaker == "Dmitry Peskov"
        near = store.search_appearances("Kyiv says 125,000 troops is false", limit=3)
        assert len(near) == 3 and all("125" in a.text for a in near)
        assert store.search_appearances("nothing matches this") == []
    finally:
        store.close()


def test_best_match_search_returns_the_oldest_appearances_of_the_best_claims_up_to_the_limit(capsys, db_url, tmp_path):
    same = "The harbour dredging removed 40,000 tonnes of silt"
    docs = write_documents(tmp_path / "docs", {f"{n}.txt": f"{same}\nStory number {n} about ferries\n" for n in range(5)})
    check(capsys, db_url, str(docs))
    store = open_store(db_url)
    try:
        found = store.search_appearances("dredging silt in the harbour", limit=3)
        everywhere = store.appearances(claim_id(same))
    finally:
        store.close()
    assert len(everywhere) == 5
    assert [(a.text, a.source.uri) for a in found] == [(a.text, a.source.uri) for a in everywhere[:3]]


def test_best_match_search_leaves_out_words_too_common_to_tell_claims_apart(capsys, db_url, tmp_path):
    # 120 claims, each saying "officials reported": in more than 1% of the
    # rows and more than 50, so those words no longer find anything; a claim's
    # own words still do.
    lines = [f"Officials reported {n} new cases in district {n}" for n in range(119)]
    lines.append("Officials reported a zeppelin over the harbour")
    docs = write_documents(tmp_path / "docs", {"cases.txt": "\n".join(lines) + "\n"})
    check(capsys, db_url, str(docs))
    store = open_store(db_url)
    try:
        assert store.search_appearances("Officials reported it", limit=5) == []
        found = store.search_appearances("Officials reported a zeppelin", limit=5)
        assert [a.text for a in found] == ["Officials reported a zeppelin over the harbour"]
        district = store.search_appearances("officials reported cases in district 7", limit=2)
        assert district[0].text == "Officials reported 7 new cases in district 7"
    finally:
        store.close()


FACTCHECKS = [
    FactCheck(claim_text="Ukraine lost 125,000 troops in the counteroffensive", claimant="Russian MoD",
              rating="False", review_url="https://checker.example/125k", publisher="Checker"),
    FactCheck(claim_text="Prague prices rose faster than wages", rating="Mostly true",
              review_url="https://checker.example/prague", publisher="Checker"),
]


def test_factchecks_are_stored_once_and_searchable(db_url):
    store = open_store(db_url)
    try:
        assert store.add_factchecks([]) == 0  # an import that read nothing usable
        assert store.add_factchecks(FACTCHECKS) == 2
        assert store.add_factchecks([FACTCHECKS[0].model_copy(update={"rating": "Misleading"})]) == 0
        assert count(db_url, "factchecks") == 2
        assert [fc.rating for fc in store.factchecks()] == ["Misleading", "Mostly true"]
        assert store.factchecks(limit=1)[0].review_url == "https://checker.example/125k"
        found = store.search_factchecks("did Ukraine lose 125000 troops?")
        assert found[0].review_url == "https://checker.example/125k"
        assert [fc.review_url for fc in store.search_factchecks("misleading")] == []
        assert store.search_factchecks("prices wages")[0].claim_text == "Prague prices rose faster than wages"
    finally:
        store.close()


def test_factchecks_embedded_in_a_document_are_stored_with_it(db_url):
    document = Document(location="https://news.example/x", text="Nothing to see.",
                        source=Source(uri="https://news.example/x"),
                        metadata={"factchecks": [FACTCHECKS[0], FACTCHECKS[1].model_dump(), {"rating": "no text"}]})
    store = open_store(db_url)
    try:
        store.save_document(document, [], {})
        store.save_document(document, [], {})
        assert sorted(fc.review_url for fc in store.factchecks()) == [
            "https://checker.example/125k", "https://checker.example/prague"]
    finally:
        store.close()
    assert count(db_url, "documents") == 1
