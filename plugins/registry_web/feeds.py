"""Reading an RSS or Atom feed (a URL or a local file) into the links of its
items, with feedparser.

Items are taken in the feed's order, at most ``limit`` of them. An item
without a usable link becomes a :class:`registry.DocumentError` in the list,
so it is reported like any other failed input and the run goes on; the same
link twice is read once.
"""

from __future__ import annotations

import io
from pathlib import Path

from registry import DocumentError, FetchError, LoadOptions, read_local_file
from registry.fetch import fetch, is_web_url, names_a_url

ACCEPT_FEEDS = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1"


def feed_items(location: str, options: LoadOptions, limit: int) -> list[str | DocumentError]:
    """The links of the first ``limit`` items of the feed at ``location``."""
    import feedparser

    if names_a_url(location):
        fetched = fetch(location, options, accept=ACCEPT_FEEDS)
        raw, base, content_type = fetched.body, fetched.url, fetched.content_type_header
    else:
        raw, base, content_type = read_local_file(location, options.max_bytes), Path(location).resolve().as_uri(), None
    headers = {"content-location": base}
    if content_type:
        headers["content-type"] = content_type
    # A stream, never bytes or str: feedparser would take a string that
    # looks like a URL or a path as one, and go and read it.
    parsed = feedparser.parse(io.BytesIO(raw), response_headers=headers)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = " ".join(str(parsed.get("bozo_exception", "")).split())
            raise FetchError(location, f"not an RSS or Atom feed ({reason})" if reason else "not an RSS or Atom feed")
        raise FetchError(location, "the feed has no items")
    links: list[str | DocumentError] = []
    seen: set[str] = set()
    for number, entry in enumerate(parsed.entries[:limit], start=1):
        link = (entry.get("link") or "").strip()
        if link == entry.get("id") and not is_web_url(link):
            link = ""  # feedparser offers the id (an Atom tag: URI, say) when there is no link
        label = f"item {number}" + (f" ({entry['title']!r})" if entry.get("title") else "")
        if not link:
            links.append(DocumentError(location, f"{label} has no link"))
        elif not is_web_url(link):
            links.append(DocumentError(location, f"{label} links to {link!r}, not an http(s) URL"))
        elif link not in seen:
            seen.add(link)
            links.append(link)
    return links

