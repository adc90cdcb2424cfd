"""The one way claim-registry downloads a URL given by a user: a public
module, for the core and for plugins alike (docs/web.md, "Safety").

:func:`fetch` GETs an http(s) URL within a run's :class:`registry.LoadOptions`
and returns the final response read whole, as :class:`Fetched`; every
failure is a :class:`registry.FetchError` naming the URL asked for, with a
one-line reason. What it guarantees:

- only http and https, on the first request and on every redirect;
- every address the host resolves to is checked, and a private, loopback,
  link-local or otherwise non-public one is refused unless
  ``options.allow_private_hosts``; the connection is then made to a checked
  address, with the real ``Host`` header and TLS verified against the name
  (no DNS rebinding);
- redirects are followed here, hop by hop, each hop checked the same way;
- gzip and brotli are undone in bounded pieces and the body is read as a
  stream, so ``options.max_bytes`` stops an oversized or compression-bomb
  body early; ``options.timeout`` bounds every wait and the whole body;
- no cookies, no proxy from the environment, a User-Agent naming the tool.

This module is cheap to import; the HTTP client (httpx) is imported by the
first fetch, so that ``registry --help`` never loads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from ._models import LoadOptions
from .errors import FetchError

__all__ = ["ACCEPT_PAGES", "HTML_TYPES", "Fetched", "fetch", "is_web_url", "names_a_url"]

#: The Accept header :func:`fetch` sends unless told otherwise: a web page.
ACCEPT_PAGES = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
#: The media types of a web page.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True)
class Fetched:
    """A successful response, read whole within the limits."""

    url: str
    """The final URL, after redirects."""
    content_type: str
    """The media type, lower-case and without parameters ('' when absent)."""
    content_type_header: str | None
    """The ``Content-Type`` header as sent (its ``charset`` included), or None."""
    body: bytes
    """The body, decoded from gzip or brotli."""
    retrieved: datetime
    """When the response arrived (UTC)."""

    @property
    def is_html(self) -> bool:
        """True for a web page: an HTML type, or no type and a body that starts with ``<``."""
        return self.content_type in HTML_TYPES or (not self.content_type and self.body.lstrip()[:1] == b"<")


def names_a_url(location: str) -> bool:
    """True when ``location`` is meant as an http(s) URL, usable or not
    (:func:`fetch` says why one without a host cannot be fetched)."""
    return urlsplit(location).scheme.lower() in {"http", "https"}


def is_web_url(location: str) -> bool:
    """True for an http or https URL with a host."""
    return names_a_url(location) and bool(urlsplit(location).hostname)


def fetch(url: str, options: LoadOptions, *, accept: str = ACCEPT_PAGES) -> Fetched:
    """GET ``url`` within ``options`` (size limit, timeout, private hosts),
    sending ``accept`` as the Accept header, and return the final response.
    Raises :class:`registry.FetchError` naming ``url``."""
    if not names_a_url(url):
        raise FetchError(url, "only http and https URLs can be fetched")
    if not is_web_url(url):
        raise FetchError(url, "the URL has no host name")
    from ._fetch_session import FetchSession

    with FetchSession(url, options, accept) as session:
        return session.run()
