"""A fact-check page that publishes schema.org ClaimReview yields its
fact-checks, on the document and, after ``registry check``, in the registry."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from registry import FactCheck, LoadOptions
from registry.store import open_store
from registry_web import load_document

from .conftest import page_text

FACT_CHECK_URL = "https://checkdesk.example/fact-check/617000-troops"


def test_a_fact_check_page_gives_its_claim_reviews(site, caplog):
    page = site.page("/fact-check/617000-troops", page_text("factcheck.html"))
    site.redirect("/fc/42", page)

    with caplog.at_level(logging.WARNING, logger="registry.web"):
        document = load_document(site.url("/fc/42"), LoadOptions(allow_private_hosts=True))

    factchecks = document.metadata["factchecks"]
    assert all(isinstance(f, FactCheck) for f in factchecks)
    troops, economy = factchecks
    assert troops.claim_text == "617,000 Russian troops are deployed in Ukraine"
    assert troops.claimant == "Dmitry Peskov"
    assert troops.rating == "Misleading"
    assert (troops.rating_value, troops.best_rating, troops.worst_rating) == (2, 5, 1)
    assert troops.review_url == FACT_CHECK_URL
    assert troops.review_date == datetime(2023, 12, 18, tzinfo=UTC)
    assert troops.publisher == "CheckDesk"
    assert troops.appearances == ["https://ledger.example/2023/12/15/peskov-nbc-interview"]
    assert troops.origin == page  # where it was read: the URL after redirects
    assert economy.claim_text == "The Russian economy grew by 3.5 percent in 2023"
    assert economy.rating == "Mostly true"
    # the truncated BreadcrumbList block is skipped, loudly, and costs nothing else
    assert any("JSON-LD block is not valid JSON" in r.getMessage() for r in caplog.records)
    assert "Western estimates range between 360,000 and 470,000" in document.text


def test_a_page_without_claim_review_has_no_factchecks(site):
    url = site.page("/a", page_text("article.html"))
    document = load_document(url, LoadOptions(allow_private_hosts=True))
    assert "factchecks" not in document.metadata


def test_one_malformed_claim_review_does_not_cost_the_others(site, caplog):
    html = page_text("factcheck.html").replace(
        "</head>",
        '<script type="application/ld+json">{"@type": "WebPage", "@graph": "not a list"}</script>\n'
        '<script type="application/ld+json">{"@context": "https://schema.org", "name": "no type"}</script>\n'
        "</head>",
    )
    url = site.page("/fc", html)
    with caplog.at_level(logging.WARNING, logger="registry.web"):
        document = load_document(url, LoadOptions(allow_private_hosts=True))
    claims = [f.claim_text for f in document.metadata["factchecks"]]
    assert claims == ["617,000 Russian troops are deployed in Ukraine",
                      "The Russian economy grew by 3.5 percent in 2023"]
    skipped = [r.getMessage() for r in caplog.records if "ClaimReview data skipped" in r.getMessage()]
    assert skipped == [f"{url}: ClaimReview data skipped: $.@graph is a string, not a list or object"]


def test_a_checked_fact_check_page_puts_its_fact_checks_and_sources_in_the_registry(site, check, tmp_path):
    factcheck = site.page("/fact-check/617000-troops", page_text("factcheck.html"))
    article = site.page("/2023/12/15/peskov-nbc-interview", page_text("article.html"))
    db = f"sqlite:///{tmp_path / 'registry.db'}"

    run = check("--allow-private-hosts", factcheck, article, db=db)

    assert run.code == 0, run.errors
    store = open_store(db, create=False)
    try:
        stored = {f.claim_text: f for f in store.factchecks()}
        assert set(stored) == {"617,000 Russian troops are deployed in Ukraine",
                               "The Russian economy grew by 3.5 percent in 2023"}
        assert stored["617,000 Russian troops are deployed in Ukraine"].origin == factcheck
        report = next(r for r in run.reports if "617,000 Russian troops are currently deployed" in r["text"])
        [appearance] = store.appearances(report["id"])
        assert appearance.source.uri == article
        assert appearance.source.title == "Kremlin says 617,000 troops are in Ukraine"
        assert appearance.source.publisher == "The Northern Ledger"
        assert appearance.source.author == "Maria Lindqvist"
        assert appearance.source.published == datetime(2023, 12, 15, 14, 30, tzinfo=UTC)
    finally:
        store.close()


def test_the_claimreview_checker_matches_a_later_claim_against_a_harvested_fact_check(site, check, tmp_path):
    import registry_claimreview
    import registry_web

    factcheck = site.page("/fact-check/617000-troops", page_text("factcheck.html"))
    article = site.page("/2023/12/15/peskov-nbc-interview", page_text("article.html"))
    db = f"sqlite:///{tmp_path / 'registry.db'}"
    plugins = (registry_web, registry_claimreview)

    first = check("--allow-private-hosts", factcheck, db=db, plugins=plugins)
    second = check("--allow-private-hosts", article, db=db, plugins=plugins)

    assert first.code == second.code == 0, first.errors + second.errors
    headline = next(r for r in second.reports if r["text"] == "Kremlin says 617,000 troops are in Ukraine")
    [result] = [r for r in headline["results"] if r["checker"] == "claimreview"]
    assert result["status"] == "misleading"
    assert [(e["kind"], e["url"], e["rating"]) for e in result["evidence"]][0] == (
        "factcheck", FACT_CHECK_URL, "Misleading")
