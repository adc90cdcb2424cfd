"""``registry import claimreview URL`` through the safe fetch: fact-check
pages read by the web plugin, JSON decoded from gzip, the same refusals
(private hosts on every redirect hop, size limit) as ``registry check``."""

from __future__ import annotations

import gzip
import json

import pytest

import registry_web
from registry._plugins import make_plugin_manager
from registry.cli import main
from registry.store import open_store

from .conftest import page_text

REFUSED = "refused (--allow-private-hosts allows it)"
TROOPS = "617,000 Russian troops are deployed in Ukraine"
ECONOMY = "The Russian economy grew by 3.5 percent in 2023"
CLAIM_REVIEW = {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "Claim one",
                "url": "https://fc.example/1", "author": {"@type": "Organization", "name": "FC"},
                "reviewRating": {"@type": "Rating", "alternateName": "False"}}


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'registry.db'}"


@pytest.fixture
def import_claimreview(capsys, db):
    """Run ``registry import claimreview ARGS --db DB`` with the web plugin;
    return exit code, stdout and stderr."""

    def run(*args: str) -> tuple[int, str, str]:
        pm = make_plugin_manager(registry_web, entry_points=False)
        code = main(["import", "claimreview", *args, "--db", db], pm=pm)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def stored(db: str) -> dict[str, object]:
    store = open_store(db, create=False)
    try:
        return {f.claim_text: f for f in store.factchecks()}
    finally:
        store.close()


def test_a_fact_check_page_is_imported_through_the_web_plugin(site, import_claimreview, db):
    url = site.page("/factcheck.html", page_text("factcheck.html"))

    code, out, err = import_claimreview(url, "--allow-private-hosts")

    assert (code, err) == (0, ""), err
    assert out == f"{url}: 2 fact-check(s) read, 2 new, 0 already known\n"
    factchecks = stored(db)
    assert set(factchecks) == {TROOPS, ECONOMY}
    troops = factchecks[TROOPS]
    assert (troops.rating, troops.claimant, troops.publisher) == ("Misleading", "Dmitry Peskov", "CheckDesk")
    assert troops.review_url == "https://checkdesk.example/fact-check/617000-troops"
    assert troops.origin == url

    code, out, err = import_claimreview(url, "--allow-private-hosts")
    assert out == f"{url}: 2 fact-check(s) read, 0 new, 2 already known\n"


def test_a_redirect_to_a_private_address_is_refused_for_import(site, import_claimreview, db, tmp_path,
                                                               loopback_counts_as_public):
    # another loopback address: refused like any private one, and on this machine should the check fail
    port = site.base.rsplit(":", 1)[1]
    private = f"http://127.0.0.2:{port}/feed.json"
    hop = site.redirect("/claims", private)

    code, out, err = import_claimreview(hop)

    assert (code, out) == (1, "")
    assert err == f"error: {hop}: redirected to {private}: 127.0.0.2 is a private or local address; {REFUSED}\n"
    assert [s.path for s in site.seen] == ["/claims"]
    assert not (tmp_path / "registry.db").exists()  # nothing written, not even an empty registry


def test_a_redirect_to_a_private_name_is_refused_for_import(site, import_claimreview, fake_dns,
                                                            loopback_counts_as_public):
    fake_dns["admin.test"] = ["127.0.0.1", "127.0.0.2"]  # one refused address is enough
    port = site.base.rsplit(":", 1)[1]
    site.page("/claims.json", json.dumps(CLAIM_REVIEW), content_type="application/json")
    hop = site.redirect("/claims", f"http://admin.test:{port}/claims.json")

    code, _, err = import_claimreview(hop)

    assert code == 1
    assert err == (f"error: {hop}: redirected to http://admin.test:{port}/claims.json: host admin.test resolves "
                   f"to a private or local address (127.0.0.2); {REFUSED}\n")
    assert [s.path for s in site.seen] == ["/claims"]


def test_json_after_a_redirect_and_gzip_is_imported_with_the_final_url_as_origin(site, import_claimreview, db):
    body = gzip.compress(json.dumps(CLAIM_REVIEW).encode())
    final = site.page("/data/claims.json", body, content_type="application/ld+json",
                      headers={"Content-Encoding": "gzip"})
    hop = site.redirect("/claims", "/data/claims.json")

    code, out, err = import_claimreview(hop, "--allow-private-hosts")

    assert (code, err) == (0, ""), err
    assert out == f"{hop}: 1 fact-check(s) read, 1 new, 0 already known\n"
    assert stored(db)["Claim one"].origin == final
    assert site.requests_to("/data/claims.json")[0].headers["accept"].startswith("application/ld+json")


def test_what_cannot_be_imported_is_a_one_line_error(site, import_claimreview, tmp_path):
    article = site.page("/article.html", page_text("article.html"))
    text = site.page("/notes.txt", "Troops were deployed.", content_type="text/plain; charset=utf-8")
    large = site.page("/large.json", json.dumps([CLAIM_REVIEW] * 50), content_type="application/json")

    for url, args, reason in (
        (article, (), "no ClaimReview fact-checks found in the page"),
        (text, (), "not JSON (text/plain; charset=utf-8): Expecting value: line 1 column 1 (char 0)"),
        (large, ("--max-bytes", "1000"), "larger than the limit of 1000 bytes (--max-bytes)"),
    ):
        code, out, err = import_claimreview(url, "--allow-private-hosts", *args)
        assert (code, out, err) == (1, "", f"error: {url}: {reason}\n")
    assert not (tmp_path / "registry.db").exists()
