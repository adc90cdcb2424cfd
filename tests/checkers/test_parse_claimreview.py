"""registry.claimreview: every published shape of fact-checks, and bad input."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from registry import DocumentError, FactCheck
from registry.claimreview import load_claimreview_file, parse_claimreview_json

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "factchecktools"
SAMPLE = SHARED / "claims-search-sample.json"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "factchecks" / "fact-check-referendums.jsonld"

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checker.example/a",
    "headline": "No, the bridge did not collapse",
    "datePublished": "2024-03-02",
    "inLanguage": {"@type": "Language", "name": "English", "alternateName": "en"},
    "claimReviewed": "  The  bridge collapsed on Monday. ",
    "author": {"@type": "Organization", "name": "Checker", "url": "https://www.checker.example/"},
    "itemReviewed": {
        "@type": "Claim",
        "author": [{"@type": "Person", "name": "A. Mayor"}, "City Hall"],
        "firstAppearance": {"url": "https://news.example/1", "datePublished": "2024-03-01T08:00:00+01:00"},
        "appearance": ["https://news.example/1", {"url": "https://news.example/2"}],
    },
    "reviewRating": {"@type": "Rating", "ratingValue": "1", "bestRating": 5, "worstRating": "1",
                     "alternateName": "False"},
}


def test_a_single_claimreview_gives_every_field():
    [check] = parse_claimreview_json(REVIEW, origin="reviews.jsonld")
    assert check.claim_text == "The bridge collapsed on Monday."
    assert check.claimant == "A. Mayor, City Hall"
    assert check.claim_date == datetime(2024, 3, 1, 7, 0, tzinfo=UTC)
    assert check.rating == "False"
    assert (check.rating_value, check.best_rating, check.worst_rating) == (1.0, 5.0, 1.0)
    assert check.review_url == "https://checker.example/a"
    assert check.review_title == "No, the bridge did not collapse"
    assert check.review_date == datetime(2024, 3, 2, tzinfo=UTC)
    assert (check.publisher, check.publisher_site) == ("Checker", "checker.example")
    assert check.language == "en"
    assert check.appearances == ["https://news.example/1", "https://news.example/2"]
    assert check.origin == "reviews.jsonld"


def test_list_graph_nested_page_and_datafeed_shapes_give_the_same_review():
    page = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "a page", "mainEntity": REVIEW},
        {"@type": "Organization", "name": "Checker"},
    ]}
    feed = {"@context": "http://schema.org", "@type": "DataFeed",
            "dataFeedElement": [{"@type": "DataFeedItem", "item": [REVIEW, dict(REVIEW, url="https://checker.example/b")]},
                                {"@type": "DataFeedItem", "item": dict(REVIEW, url="https://checker.example/c")}]}
    typed_iri = dict(REVIEW, **{"@type": ["http://schema.org/ClaimReview"]})
    for data, count in ((page, 1), ([REVIEW, REVIEW], 2), (feed, 3), (typed_iri, 1)):
        found = parse_claimreview_json(data)
        assert len(found) == count
        assert {f.claim_text for f in found} == {"The bridge collapsed on Monday."}
    assert [f.review_url for f in parse_claimreview_json(feed)] == [
        "https://checker.example/a", "https://checker.example/b", "https://checker.example/c"]


def test_other_jsonld_and_an_empty_api_answer_give_nothing():
    assert parse_claimreview_json({"@type": "NewsArticle", "headline": "x"}) == []
    assert parse_claimreview_json({}) == []
    assert parse_claimreview_json({"nextPageToken": ""}) == []


def test_every_field_may_be_missing():
    minimal = {"@type": "ClaimReview", "claimReviewed": "Only the claim."}
    assert parse_claimreview_json(minimal) == [FactCheck(claim_text="Only the claim.")]
    api = {"claims": [{"text": "Only text", "claimReview": [{}]}, {"text": "No review"}]}
    assert parse_claimreview_json(api) == [FactCheck(claim_text="Only text")]


def test_review_without_claim_text_is_skipped_and_unparseable_dates_dropped(caplog):
    no_text = {"@type": "ClaimReview", "url": "https://checker.example/x"}
    odd_date = {"@type": "ClaimReview", "claimReviewed": "c", "datePublished": "last Tuesday",
                "reviewRating": {"name": "Pants on Fire", "ratingValue": "n/a"}}
    found = parse_claimreview_json([no_text, odd_date], origin="f.json")
    assert len(found) == 1
    assert found[0].review_date is None and found[0].rating == "Pants on Fire"
    assert found[0].rating_value is None
    assert "f.json" in caplog.text and "https://checker.example/x" in caplog.text


def test_the_real_fact_check_tools_sample():
    if not SAMPLE.exists():
        pytest.skip("shared Fact Check Tools sample absent")
    found = load_claimreview_file(SAMPLE)
    raw = json.loads(SAMPLE.read_text())
    assert len(found) == sum(len(c.get("claimReview", [])) for c in raw["claims"])
    first = found[0]
    assert first.claim_text == 'Silchar flooded due to "flood jihad"'
    assert first.publisher == "Alt News" and first.publisher_site == "altnews.in"
    assert first.rating == "False" and first.language == "en"
    assert first.review_date == datetime(2022, 7, 11, tzinfo=UTC)
    assert {f.rating for f in found} >= {"False", "FALSE", "false", "Misleading", "False Context"}


def test_the_team_example_file():
    found = load_claimreview_file(EXAMPLE)
    assert found and all(f.review_url and f.publisher == "Open Ledger Check" for f in found)
    assert found[0].rating == "Misleading"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (3, "expected a JSON object or list, got a number"),
        ("ClaimReview", "expected a JSON object or list, got a string"),
        ([REVIEW, 7], "item 1 is a number"),
        ({"claims": {"text": "x"}}, "'claims' is an object, not a list"),
        ({"claims": ["x"]}, "claims[0] is a string"),
        ({"claims": [{"text": "x", "claimReview": "False"}]}, "claims[0].claimReview is a string"),
        ({"claims": [{"text": "x", "claimReview": [None]}]}, "claims[0].claimReview[0] is null"),
        ({"@graph": "x"}, "@graph is a string"),
        ({"@type": "DataFeed", "dataFeedElement": 5}, "dataFeedElement is a number"),
        ({"results": []}, "not ClaimReview JSON-LD"),
    ],
)
def test_bad_shapes_name_the_input_and_the_reason(data, reason):
    with pytest.raises(DocumentError) as caught:
        parse_claimreview_json(data, origin="in.json")
    assert caught.value.location == "in.json"
    assert reason in str(caught.value)


def test_files_json_lines_and_bad_files(tmp_path):
    lines = tmp_path / "reviews.jsonl"
    lines.write_text("\n".join(json.dumps(dict(REVIEW, url=f"https://c.example/{i}")) for i in range(3)) + "\n")
    assert [f.review_url for f in load_claimreview_file(lines)] == [f"https://c.example/{i}" for i in range(3)]
    assert all(f.origin == str(lines) for f in load_claimreview_file(lines))
    broken = tmp_path / "broken.json"
    broken.write_text('{"claims": [')
    with pytest.raises(DocumentError, match="broken.json: invalid JSON"):
        load_claimreview_file(broken)
    with pytest.raises(DocumentError, match="missing.json: no such file"):
        load_claimreview_file(tmp_path / "missing.json")


def test_reviews_without_claim_text_are_named_to_the_caller_instead_of_logged(caplog):
    skipped: list[str] = []
    found = parse_claimreview_json([
        {"@type": "ClaimReview", "url": "https://checker.example/x"},
        {"@type": "ClaimReview", "headline": "Is it true?"},
        {"@type": "ClaimReview"},
        {"@type": "ClaimReview", "claimReviewed": "c"},
    ], origin="f.json", on_skipped=skipped.append)
    assert [f.claim_text for f in found] == ["c"]
    assert skipped == ["https://checker.example/x", "Is it true?", "a review with no URL or title"]
    assert caplog.text == ""
