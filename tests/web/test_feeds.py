"""``registry check --feed URL``: every item fetched and checked, broken
items reported one line each, the run going on."""

from __future__ import annotations

import threading
import time

from registry import DocumentError, LoadOptions, hookimpl
from registry._pipeline import LOADS_AT_ONCE
from registry_web import expand_feed

from .conftest import page_text


def news(title: str, sentence: str) -> str:
    return (f'<html><head><title>{title}</title><meta property="og:site_name" content="The Northern Ledger">'
            f"</head><body><article><h1>{title}</h1><p>{sentence}</p><p>{sentence}</p></article></body></html>")


def serve_newsroom(site) -> None:
    site.page("/news/troops", page_text("article.html"))
    site.page("/news/grain", news("Grain exports fell by a third",
                                  "Ukraine exported 32 million tonnes of grain in 2023, a third less than in 2021."))
    site.page("/fact-check/617000-troops", page_text("factcheck.html"))


def test_an_rss_feed_is_checked_item_by_item_and_broken_items_are_reported(site, check):
    serve_newsroom(site)
    feed = site.page("/rss.xml", page_text("feed.rss").replace("{base}", site.base),
                     content_type="application/rss+xml; charset=utf-8")

    run = check("--allow-private-hosts", "--feed", feed)

    assert run.code == 1  # some items failed
    assert set(run.sources()) == {site.url("/news/troops"), site.url("/news/grain")}
    assert run.sources()[site.url("/news/grain")]["title"] == "Grain exports fell by a third"
    assert run.errors == [
        f"error: {feed}: item 3 ('Live: reactions to the interview') has no link",
        f"error: {feed}: item 4 ('Share this') links to 'javascript:void(share())', not an http(s) URL",
        f"error: {site.url('/news/removed')}: HTTP 404 Not Found",
    ]
    # the duplicate link (item 6) is fetched once
    assert len(site.requests_to("/news/troops")) == 1


def test_an_atom_feed_with_relative_links_and_a_broken_entry(site, check):
    serve_newsroom(site)
    feed = site.page("/atom.xml", page_text("feed.atom"), content_type="application/atom+xml")

    run = check("--allow-private-hosts", "--feed", feed)

    assert run.code == 1
    assert set(run.sources()) == {site.url("/fact-check/617000-troops"), site.url("/news/grain")}
    assert run.sources()[site.url("/fact-check/617000-troops")]["publisher"] == "CheckDesk"
    assert run.errors == [f"error: {feed}: item 2 ('A broken entry without any link') has no link"]


def test_limit_takes_the_first_items_of_each_feed(site, check):
    serve_newsroom(site)
    rss = site.page("/rss.xml", page_text("feed.rss").replace("{base}", site.base),
                    content_type="application/rss+xml")
    atom = site.page("/atom.xml", page_text("feed.atom"), content_type="application/atom+xml")

    run = check("--allow-private-hosts", "--limit", "1", "--feed", rss, "--feed", atom)

    assert run.code == 0, run.errors
    assert set(run.sources()) == {site.url("/news/troops"), site.url("/fact-check/617000-troops")}
    assert site.requests_to("/news/grain") == []


def test_a_feed_and_plain_urls_in_one_run(site, check):
    serve_newsroom(site)
    atom = site.page("/atom.xml", page_text("feed.atom"), content_type="application/atom+xml")
    run = check("--allow-private-hosts", "--limit", "1", site.url("/news/grain"), "--feed", atom)
    assert run.code == 0, run.errors
    assert set(run.sources()) == {site.url("/news/grain"), site.url("/fact-check/617000-troops")}


def test_a_malformed_feed_still_gives_the_items_it_has(site):
    broken_xml = (page_text("feed.rss").replace("{base}", site.base)
                  .replace("Grain exports fell by a third", "Grain & oil exports fell <b>by a third")
                  .replace("</channel>\n</rss>", ""))
    feed = site.page("/rss.xml", broken_xml, content_type="application/rss+xml")
    items = expand_feed(feed, LoadOptions(allow_private_hosts=True), 2)
    assert items == [site.url("/news/troops"), site.url("/news/grain")]


def test_a_feed_that_cannot_be_read_is_one_error_and_other_inputs_go_on(site, check):
    serve_newsroom(site)
    not_a_feed = site.page("/page.html", page_text("article.html"))
    empty = site.page("/empty.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title>'
                                    "</channel></rss>", content_type="application/rss+xml")

    run = check("--allow-private-hosts", site.url("/news/grain"), "--feed", site.url("/feed-gone.xml"),
                "--feed", not_a_feed, "--feed", empty)

    assert run.code == 1
    assert set(run.sources()) == {site.url("/news/grain")}
    assert run.errors[0] == f"error: {site.url('/feed-gone.xml')}: HTTP 404 Not Found"
    assert run.errors[1].startswith(f"error: {not_a_feed}: not an RSS or Atom feed")
    assert run.errors[2] == f"error: {empty}: the feed has no items"
    assert len(run.errors) == 3


def test_a_feed_url_is_checked_for_private_hosts_like_any_url(site, check):
    feed = site.page("/rss.xml", page_text("feed.rss").replace("{base}", site.base))
    run = check("--feed", feed)
    assert run.code == 1
    assert run.errors == [f"error: {feed}: 127.0.0.1 is a private or local address; "
                          "refused (--allow-private-hosts allows it)"]
    assert site.seen == []


def test_a_local_feed_file(site, tmp_path, check):
    serve_newsroom(site)
    saved = tmp_path / "feed.xml"
    saved.write_text(page_text("feed.rss").replace("{base}", site.base), encoding="utf-8")
    run = check("--allow-private-hosts", "--limit", "2", "--feed", str(saved))
    assert run.code == 0, run.errors
    assert set(run.sources()) == {site.url("/news/troops"), site.url("/news/grain")}


def test_feed_items_are_fetched_a_few_at_a_time(site, check):
    in_flight, peak, lock = [0], [0], threading.Lock()

    def slow_article(number: int):
        def handler(request):
            with lock:
                in_flight[0] += 1
                peak[0] = max(peak[0], in_flight[0])
            time.sleep(0.4)
            with lock:
                in_flight[0] -= 1
            body = news(f"Story {number}", f"Story {number} says {number * 1000} people attended.").encode()
            request.send_response(200)
            request.send_header("Content-Type", "text/html")
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
        return handler

    links = [site.route(f"/story/{n}", slow_article(n)) for n in range(8)]
    items = "".join(f"<item><title>Story {n}</title><link>{link}</link></item>" for n, link in enumerate(links))
    feed = site.page("/rss.xml", f'<rss version="2.0"><channel><title>S</title>{items}</channel></rss>',
                     content_type="application/rss+xml")

    run = check("--allow-private-hosts", "--feed", feed)

    assert run.code == 0, run.errors
    assert list(run.sources()) == links  # reports keep the feed's order
    assert 2 <= peak[0] <= LOADS_AT_ONCE  # overlapping, but never more than the limit


class SitemapFeeds:
    """A third-party plugin that reads its own kind of feed."""

    @hookimpl
    def expand_feed(self, location, options, limit):
        if not location.startswith("sitemap:"):
            return None
        return [location.removeprefix("sitemap:")][:limit]


def test_another_plugin_can_read_feeds_through_the_hook(site, check):
    import registry_web

    url = site.page("/news/grain", news("Grain", "Ukraine exported 32 million tonnes of grain in 2023."))
    run = check("--allow-private-hosts", "--feed", f"sitemap:{url}", plugins=(registry_web, SitemapFeeds()))
    assert run.code == 0, run.errors
    assert set(run.sources()) == {url}


def test_without_a_feed_reader_a_feed_is_an_error(check):
    run = check("--feed", "https://outlet.example/rss.xml", plugins=())
    assert run.code == 1
    assert run.errors == ["error: https://outlet.example/rss.xml: no installed plugin reads feeds"]


def test_expand_feed_returns_errors_for_broken_items_in_the_list(site):
    feed = site.page("/rss.xml", page_text("feed.rss").replace("{base}", site.base))
    items = expand_feed(feed, LoadOptions(allow_private_hosts=True), 50)
    assert [type(i).__name__ for i in items] == ["str", "str", "DocumentError", "DocumentError", "str"]
    assert all(i.location == feed for i in items if isinstance(i, DocumentError))
