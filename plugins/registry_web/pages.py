"""Turning a web page (fetched, or saved as a local ``.html`` file) into a
:class:`registry.Document`: the article's text, its source metadata, and the
fact-checks it publishes as schema.org ClaimReview.

Text and metadata come from trafilatura (dates through htmldate): title,
site name, author and publication day. A JSON-LD article's
``datePublished`` on the same day adds the time of day. The page's
character set is found as a browser would (byte-order mark, HTTP header,
``<meta>``, then detection); a page whose declared charset is wrong is
re-read in the detected one. JSON-LD is read with extruct, one ``<script>``
at a time so that a broken block loses only itself.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from registry import Document, DocumentError, FactCheck, FetchError, LoadOptions, Source, read_local_file
from registry.fetch import HTML_TYPES, Fetched, fetch

log = logging.getLogger("registry.web")

TEXT_TYPES = frozenset({"text/plain"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/feed+json"})
#: Share of undecodable characters above which a page's text is refused.
MAX_UNDECODABLE = 0.01
_ARTICLE_TYPES = ("article", "blogposting", "report")


def load_url(location: str, options: LoadOptions) -> Document:
    """Fetch ``location`` and read the page it ends at."""
    fetched = fetch(location, options)
    if fetched.is_html:
        return read_html(location, fetched.body, fetched)
    kind = fetched.content_type
    if kind in TEXT_TYPES:
        return _plain_text(location, fetched)
    hint = " (a feed? check its items with --feed URL)" if kind in FEED_TYPES or kind.endswith("xml") else ""
    raise FetchError(
        location,
        f"unsupported content type {kind or '(none)'}; only HTML and plain-text pages can be read{hint}",
    )


def load_html_file(location: str, options: LoadOptions) -> Document:
    """Read a saved page from disk. Its canonical URL, when the page names
    one, is the document's source URI: that is where it was published."""
    raw = read_local_file(location, options.max_bytes)
    return read_html(location, raw)


def read_html(location: str, raw: bytes, fetched: Fetched | None = None) -> Document:
    """Build the document for the page bytes ``raw``, as ``fetched`` (None
    for a saved page)."""
    import trafilatura

    url = fetched.url if fetched else None
    html, encoding = decode_page(location, raw, fetched.content_type_header if fetched else None)
    structured = json_ld(location, html, url)
    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
    )
    text = (extracted.text or "").strip() if extracted is not None else ""
    if not text:
        raise DocumentError(location, "no article text found in the page (it may need JavaScript, "
                                      "be behind a paywall or be a list of links)")
    canonical = extracted.url if extracted.url and extracted.url.startswith(("http://", "https://")) else None
    uri = url or canonical or Path(location).resolve().as_uri()
    source = Source(
        uri=uri,
        title=extracted.title or None,
        publisher=extracted.sitename or _site(uri),
        author=extracted.author or None,
        published=publication_time(extracted.date, structured),
        retrieved=fetched.retrieved if fetched else None,
    )
    metadata: dict[str, Any] = {"encoding": encoding}
    if canonical:
        metadata["canonical_url"] = canonical
    if extracted.language:
        metadata["language"] = extracted.language
    factchecks = claim_reviews(structured, url or canonical or location)
    if factchecks:
        metadata["factchecks"] = factchecks
    media_type = fetched.content_type if fetched and fetched.content_type in HTML_TYPES else "text/html"
    return Document(location=location, text=text, source=source, media_type=media_type, metadata=metadata)


def decode_page(location: str, raw: bytes, content_type_header: str | None) -> tuple[str, str]:
    """The page's text and the name of the encoding it was read in."""
    from w3lib.encoding import html_to_unicode

    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(location, "binary content (NUL bytes), not a text page")
    encoding, text = html_to_unicode(content_type_header, raw, auto_detect_fun=_detect_encoding)
    undecodable = text.count("\ufffd")
    if undecodable:
        guess = _detect_encoding(raw)
        if guess and guess != encoding:
            try:
                return raw.decode(guess), f"{guess} (detected; the page declared {encoding})"
            except (UnicodeDecodeError, LookupError):
                pass
        if undecodable > MAX_UNDECODABLE * max(len(text), 1):
            raise DocumentError(location, f"undecodable text: {undecodable} characters are not valid {encoding}")
    return text, encoding


def _detect_encoding(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    return best.encoding if best is not None else None


def json_ld(location: str, html: str, url: str | None) -> list[dict[str, Any]]:
    """Every JSON-LD object in the page (``url`` resolves relative
    references); a block that is not valid JSON is skipped with a warning
    naming ``location``."""
    import lxml.etree
    import lxml.html
    from extruct.jsonld import JsonLdExtractor

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    extractor = JsonLdExtractor()
    found: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            items = extractor.extract_items(script, base_url=url)
        except ValueError as exc:
            log.warning("%s: a JSON-LD block is not valid JSON and was skipped (%s)", location, exc)
            continue
        found.extend(item for item in items if isinstance(item, dict))
    return found


def claim_reviews(structured: list[dict[str, Any]], origin: str) -> list[FactCheck]:
    """The fact-checks the page publishes, read object by object: a
    malformed one is a warning, and the others and the article still count."""
    from registry.claimreview import parse_claimreview_json

    found: list[FactCheck] = []
    for item in structured:
        if "@type" not in item and "@graph" not in item:
            continue  # not a JSON-LD node: nothing to review here
        try:
            found.extend(parse_claimreview_json(item, origin=origin))
        except DocumentError as exc:
            log.warning("%s: ClaimReview data skipped: %s", origin, exc.reason)
    return found


def publication_time(day: str | None, structured: list[dict[str, Any]]) -> datetime | None:
    """The publication day found by htmldate, at the time of day a JSON-LD
    article gives for that same day (else midnight UTC)."""
    if not day:
        return None
    try:
        published = datetime.fromisoformat(day)
    except ValueError:
        return None
    for stamp in _article_dates(structured):
        if stamp.tzinfo is not None and stamp.date() == published.date():
            return stamp
    return published.replace(tzinfo=UTC) if published.tzinfo is None else published


def _article_dates(structured: list[dict[str, Any]]) -> list[datetime]:
    stamps = []
    for node in _nodes(structured):
        types = node.get("@type")
        names = [types] if isinstance(types, str) else types if isinstance(types, list) else []
        if not any(isinstance(n, str) and n.lower().endswith(_ARTICLE_TYPES) for n in names):
            continue
        value = node.get("datePublished")
        if isinstance(value, str):
            try:
                stamps.append(datetime.fromisoformat(value.strip()))
            except ValueError:
                continue
    return stamps


def _nodes(structured: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The top-level JSON-LD objects and the members of their ``@graph``."""
    nodes = []
    for item in structured:
        nodes.append(item)
        graph = item.get("@graph")
        if isinstance(graph, list):
            nodes.extend(member for member in graph if isinstance(member, dict))
    return nodes


def _site(uri: str) -> str | None:
    host = urlsplit(uri).hostname if uri.startswith(("http://", "https://")) else None
    return host.removeprefix("www.") if host else None


def _plain_text(location: str, fetched: Fetched) -> Document:
    text, encoding = decode_page(location, fetched.body, fetched.content_type_header)
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise DocumentError(location, "empty page (no text)")
    source = Source(uri=fetched.url, publisher=_site(fetched.url), retrieved=fetched.retrieved)
    return Document(location=location, text=text, source=source, media_type="text/plain",
                    metadata={"encoding": encoding})
