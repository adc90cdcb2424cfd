"""Built-in web plugin: reads http(s) URLs, saved ``.html`` pages and
RSS/Atom feeds (issue 7; see docs/web.md).

This module only routes; the work is in submodules imported on first use,
so that starting ``registry`` never pays for the HTML and feed libraries:
:mod:`.pages` (page → document, with ClaimReview fact-checks) and
:mod:`.feeds` (feed → item links). URLs are downloaded by the core's safe
fetch, :mod:`registry.fetch`.
"""

from __future__ import annotations

from registry import Document, DocumentError, LoadOptions, hookimpl
from registry.fetch import names_a_url

REGISTRY_PLUGIN_API = 1
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@hookimpl
def load_document(location: str, options: LoadOptions) -> Document | None:
    """Fetch and read an http(s) URL, or read a saved HTML page."""
    if names_a_url(location):
        from .pages import load_url

        return load_url(location, options)
    if location.lower().endswith(_HTML_SUFFIXES):
        from .pages import load_html_file

        return load_html_file(location, options)
    return None


@hookimpl
def expand_feed(location: str, options: LoadOptions, limit: int) -> list[str | DocumentError] | None:
    """The item links of the RSS or Atom feed at ``location`` (URL or file)."""
    from .feeds import feed_items

    return feed_items(location, options, limit)
