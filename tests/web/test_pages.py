"""``registry check URL`` and ``registry check saved.html`` end to end: the
article's text and the source metadata in the JSON output."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import brotli

from registry import LoadOptions
from registry_web import load_document

from .conftest import PAGES, page_text

ARTICLE_SOURCE = {
    "title": "Kremlin says 617,000 troops are in Ukraine",
    "publisher": "The Northern Ledger",
    "author": "Maria Lindqvist",
    "published": "2023-12-15T14:30:00Z",
}


def test_a_news_article_gives_its_text_and_source_after_redirects(site, check):
    final = site.page("/2023/12/15/peskov-nbc-interview", page_text("article.html"))
    site.redirect("/p/1234", "/moved/1234", status=301)
    site.redirect("/moved/1234", final, status=302)
    before = datetime.now(UTC)

    run = check("--allow-private-hosts", site.url("/p/1234"))

    assert run.code == 0, run.errors
    texts = [r["text"] for r in run.reports]
    assert any("617,000 Russian troops are currently deployed" in t for t in texts)
    assert not any("Most read" in t or "cookies" in t or "All rights reserved" in t for t in texts)
    source = run.reports[0]["source"]
    assert {k: source[k] for k in ARTICLE_SOURCE} == ARTICLE_SOURCE
    assert source["uri"] == final  # the URL after redirects, not the one given
    retrieved = datetime.fromisoformat(source["retrieved"])
    assert before <= retrieved <= datetime.now(UTC)
    assert [s.path for s in site.seen] == ["/p/1234", "/moved/1234", "/2023/12/15/peskov-nbc-interview"]


def test_the_document_location_is_what_the_user_gave(site):
    site.page("/a", page_text("article.html"))
    site.redirect("/short", "/a")
    document = load_document(site.url("/short"), LoadOptions(allow_private_hosts=True))
    assert document.location == site.url("/short")
    assert document.source.uri == site.url("/a")
    assert document.media_type == "text/html"
    assert document.metadata["canonical_url"] == "https://ledger.example/2023/12/15/peskov-nbc-interview"


def test_gzip_and_brotli_pages_are_decoded(site, check):
    html = page_text("article.html").encode("utf-8")
    gz = site.page("/gz", gzip.compress(html), headers={"Content-Encoding": "gzip"})
    br = site.page("/br", brotli.compress(html), headers={"Content-Encoding": "br"})

    run = check("--allow-private-hosts", gz, br)

    assert run.code == 0, run.errors
    assert set(run.sources()) == {gz, br}
    assert all(s["author"] == "Maria Lindqvist" for s in run.sources().values())
    assert all(seen.headers["accept-encoding"] == "gzip, br" for seen in site.seen)


def _article(body: str, head: str = "") -> str:
    return (f"<html><head>{head}<title>Lokal nyhet</title></head><body><article><h1>Lokal nyhet</h1>"
            f"<p>{body}</p><p>{body}</p></article></body></html>")


def test_the_charset_of_the_http_header_is_honoured(site, check):
    text = "Министр заявил, что безработица снизилась до 4,2 процента в мае."
    url = site.page("/ru", _article(text).encode("windows-1251"), content_type="text/html; charset=windows-1251")
    run = check("--allow-private-hosts", url)
    assert run.code == 0, run.errors
    assert any(text in r["text"] for r in run.reports)


def test_a_charset_declared_only_in_a_meta_tag_is_honoured(site, check):
    text = "Le ministre a déclaré que le chômage était tombé à 4,2 % en mai, selon l'Insee."
    html = _article(text, head='<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    url = site.page("/fr", html.encode("iso-8859-1"), content_type="text/html")
    run = check("--allow-private-hosts", url)
    assert run.code == 0, run.errors
    assert any(text in r["text"] for r in run.reports)


def test_a_page_that_declares_the_wrong_charset_is_read_in_the_right_one(site):
    text = ("Депутат сообщил, что бюджет региона вырос на 12 процентов за год, а расходы на "
            "здравоохранение увеличились вдвое по сравнению с прошлым годом.")
    url = site.page("/wrong", _article(text).encode("windows-1251"), content_type="text/html; charset=utf-8")
    document = load_document(url, LoadOptions(allow_private_hosts=True))
    assert text in document.text
    assert "declared utf-8" in document.metadata["encoding"]


def test_binary_content_served_as_html_is_a_one_line_error(site, check):
    url = site.page("/binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    run = check("--allow-private-hosts", url)
    assert run.code == 1
    assert run.errors == [f"error: {url}: binary content (NUL bytes), not a text page"]


def test_text_that_no_charset_can_read_is_a_one_line_error(site, check):
    noise = bytes((0x61 + n % 26) if n % 2 else (0x80 + n * 37 % 128) for n in range(3000))
    url = site.page("/noise", b"<html><body><p>" + noise + b"</p></body></html>")
    run = check("--allow-private-hosts", url)
    assert run.code == 1
    assert run.errors == [f"error: {url}: undecodable text: 1500 characters are not valid utf-8"]


def test_a_saved_page_is_read_like_a_fetched_one(tmp_path, check):
    saved = tmp_path / "peskov.html"
    saved.write_bytes((PAGES / "article.html").read_bytes())

    run = check(str(saved))

    assert run.code == 0, run.errors
    source = run.reports[0]["source"]
    assert {k: source[k] for k in ARTICLE_SOURCE} == ARTICLE_SOURCE
    # the page names where it was published; that is its source, not the file
    assert source["uri"] == "https://ledger.example/2023/12/15/peskov-nbc-interview"
    assert source["retrieved"] is None


def test_a_saved_page_without_a_canonical_url_keeps_its_file_uri(tmp_path):
    saved = tmp_path / "note.htm"
    saved.write_text(_article("The council said 1,200 homes were built in 2023, twice the number of 2022."))
    document = load_document(str(saved), LoadOptions())
    assert document.source.uri == saved.resolve().as_uri()
    assert document.source.title == "Lokal nyhet"


def test_other_local_files_are_left_to_the_core_loader(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("Unemployment fell to 4.2 percent.\n")
    assert load_document(str(text), LoadOptions()) is None


def test_a_plain_text_url_is_read_as_text(site, check):
    url = site.page("/transcript.txt", "PESKOV: There are 617,000 of our soldiers there.\n",
                    content_type="text/plain; charset=utf-8")
    run = check("--allow-private-hosts", url)
    assert run.code == 0, run.errors
    assert run.reports[0]["text"] == "PESKOV: There are 617,000 of our soldiers there."
    assert run.reports[0]["source"]["uri"] == url


def test_a_page_without_article_text_is_an_error_and_the_run_goes_on(site, check):
    shell = site.page("/app", '<html><head><title>App</title></head><body><div id="root"></div>'
                              '<script src="/bundle.js"></script></body></html>')
    good = site.page("/article", page_text("article.html"))

    run = check("--allow-private-hosts", shell, good)

    assert run.code == 1
    assert run.errors == [f"error: {shell}: no article text found in the page (it may need JavaScript, "
                          "be behind a paywall or be a list of links)"]
    assert set(run.sources()) == {good}


def test_non_html_responses_are_refused_by_content_type(site, check):
    pdf = site.page("/report.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", content_type="application/pdf")
    image = site.page("/chart.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    feed = site.page("/rss.xml", page_text("feed.rss"), content_type="application/rss+xml")

    run = check("--allow-private-hosts", pdf, image, feed)

    assert run.code == 1
    assert run.errors == [
        f"error: {pdf}: unsupported content type application/pdf; only HTML and plain-text pages can be read",
        f"error: {image}: unsupported content type image/png; only HTML and plain-text pages can be read",
        f"error: {feed}: unsupported content type application/rss+xml; only HTML and plain-text pages "
        "can be read (a feed? check its items with --feed URL)",
    ]


def test_http_errors_name_the_status(site, check):
    broken = site.page("/broken", "<h1>Oops</h1>", status=500)
    moved = site.redirect("/old", "/gone")

    run = check("--allow-private-hosts", site.url("/missing"), broken, moved)

    assert run.code == 1
    assert run.errors == [
        f"error: {site.url('/missing')}: HTTP 404 Not Found",
        f"error: {broken}: HTTP 500 Internal Server Error",
        f"error: {moved}: redirected to {site.url('/gone')}: HTTP 404 Not Found",
    ]
