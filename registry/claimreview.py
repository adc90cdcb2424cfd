"""Reading published fact-checks into :class:`registry.FactCheck` objects.

Accepts the shapes fact-checks are published in: schema.org ``ClaimReview``
JSON-LD (one object, a list, or an ``@graph``, possibly nested inside a
``WebPage``), a DataCommons-style ``DataFeed`` (``dataFeedElement[].item[]``)
and a Google Fact Check Tools ``claims:search`` response. Real data leaves out
any field, so every field but the claim's text is optional; a structure of the
wrong kind (``claims`` that is not a list, a feed item that is a number, ...)
is a :class:`registry.DocumentError` naming the input.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ._models import FactCheck
from .errors import DocumentError

__all__ = ["load_claimreview_file", "parse_claimreview_json"]

log = logging.getLogger(__name__)

_CLAIMREVIEW_TYPES = {"claimreview", "schema:claimreview"}


def parse_claimreview_json(
    data: object, origin: str | None = None, *, on_skipped: Callable[[str], None] | None = None,
) -> list[FactCheck]:
    """Return the fact-checks in already-decoded JSON ``data``.

    ``origin`` (a file, URL or API name) is recorded on every fact-check and
    names the input in errors. A JSON-LD node of another type with no
    ClaimReview inside gives an empty list; ``{}`` (an empty Fact Check Tools
    answer) too. Reviews without any claim text are skipped: each is named
    (its review URL, else its title) to ``on_skipped``, else in a logged warning.
    """
    where = origin or "fact-check data"
    reader = _Reader(where, origin, on_skipped)
    if isinstance(data, list):
        for index, item in enumerate(data):
            if not isinstance(item, dict):
                raise DocumentError(where, f"item {index} is {_kind(item)}, not a JSON object")
            reader.read_top(item)
    elif isinstance(data, dict):
        reader.read_top(data)
    else:
        raise DocumentError(where, f"expected a JSON object or list, got {_kind(data)}")
    return reader.found


def load_claimreview_file(path: str | Path, *, on_skipped: Callable[[str], None] | None = None) -> list[FactCheck]:
    """Read a JSON (or JSON Lines) file of fact-checks; see :func:`parse_claimreview_json`."""
    location = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DocumentError(location, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentError(location, f"cannot read: {exc}") from None
    try:
        data: object = json.loads(text)
    except ValueError as whole_error:
        data = _json_lines(text, location, whole_error)
    return parse_claimreview_json(data, origin=location, on_skipped=on_skipped)


def _json_lines(text: str, location: str, whole_error: ValueError) -> list[object]:
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        raise DocumentError(location, f"invalid JSON: {whole_error}") from None
    records = []
    for number, line in enumerate(lines, start=1):
        try:
            records.append(json.loads(line))
        except ValueError as exc:
            raise DocumentError(location, f"invalid JSON (line {number} of JSON Lines): {exc}") from None
    return records


class _Reader:
    """Walks one input and collects its fact-checks."""

    def __init__(self, where: str, origin: str | None, on_skipped: Callable[[str], None] | None) -> None:
        self.where = where
        self.origin = origin
        self.on_skipped = on_skipped
        self.found: list[FactCheck] = []

    def read_top(self, node: dict[str, Any]) -> None:
        if "claims" in node or (not node) or set(node) <= {"nextPageToken"}:
            self.read_factchecktools(node)
        elif _is_claimreview(node) or "@graph" in node or "dataFeedElement" in node or "@type" in node:
            self.read_jsonld(node, path="$")
        else:
            keys = ", ".join(sorted(node)[:5])
            raise DocumentError(
                self.where,
                "not ClaimReview JSON-LD, a DataFeed or a Fact Check Tools response "
                f"(keys: {keys})",
            )

    # -- Google Fact Check Tools ----------------------------------------------

    def read_factchecktools(self, response: dict[str, Any]) -> None:
        claims = response.get("claims", [])
        if not isinstance(claims, list):
            raise DocumentError(self.where, f"'claims' is {_kind(claims)}, not a list")
        for index, claim in enumerate(claims):
            if not isinstance(claim, dict):
                raise DocumentError(self.where, f"claims[{index}] is {_kind(claim)}, not an object")
            reviews = claim.get("claimReview", [])
            if not isinstance(reviews, list):
                raise DocumentError(self.where, f"claims[{index}].claimReview is {_kind(reviews)}, not a list")
            text = _text(claim.get("text"))
            for review_index, review in enumerate(reviews):
                if not isinstance(review, dict):
                    raise DocumentError(
                        self.where, f"claims[{index}].claimReview[{review_index}] is {_kind(review)}, not an object"
                    )
                publisher = review.get("publisher")
                publisher = publisher if isinstance(publisher, dict) else {}
                self.add(
                    text,
                    claimant=_text(claim.get("claimant")),
                    claim_date=_date(claim.get("claimDate")),
                    rating=_text(review.get("textualRating")),
                    review_url=_text(review.get("url")),
                    review_title=_text(review.get("title")),
                    review_date=_date(review.get("reviewDate")),
                    publisher=_text(publisher.get("name")),
                    publisher_site=_text(publisher.get("site")),
                    language=_text(review.get("languageCode")),
                )

    # -- JSON-LD ---------------------------------------------------------------

    def read_jsonld(self, node: dict[str, Any], path: str) -> None:
        if _is_claimreview(node):
            self.read_claimreview(node)
            return
        for key, value in node.items():
            if key in ("@graph", "dataFeedElement", "item") and not isinstance(value, list | dict):
                raise DocumentError(self.where, f"{path}.{key} is {_kind(value)}, not a list or object")
            for child_path, child in _children(value, f"{path}.{key}"):
                self.read_jsonld(child, child_path)

    def read_claimreview(self, review: dict[str, Any]) -> None:
        item = _first_object(review.get("itemReviewed"))
        rating = _first_object(review.get("reviewRating"))
        author = _first_object(review.get("author")) or _first_object(review.get("publisher"))
        first_appearance = _first_object(item.get("firstAppearance"))
        appearances = [_url_of(first_appearance)] + [_url_of(a) for a in _as_list(item.get("appearance"))]
        self.add(
            _text(review.get("claimReviewed")) or _text(item.get("text")) or _text(item.get("name")),
            claimant=_name_of(item.get("author")),
            claim_date=_date(item.get("datePublished")) or _date(first_appearance.get("datePublished")),
            rating=_text(rating.get("alternateName")) or _text(rating.get("name")),
            rating_value=_number(rating.get("ratingValue")),
            best_rating=_number(rating.get("bestRating")),
            worst_rating=_number(rating.get("worstRating")),
            review_url=_text(review.get("url")),
            review_title=_text(review.get("headline")) or _text(review.get("name")),
            review_date=_date(review.get("datePublished")) or _date(review.get("dateCreated")),
            publisher=_name_of(author),
            publisher_site=_site_of(author),
            language=_language(review.get("inLanguage")),
            appearances=list(dict.fromkeys(url for url in appearances if url)),
        )

    def add(self, claim_text: str | None, **fields: Any) -> None:
        if not claim_text:
            item = fields.get("review_url") or fields.get("review_title") or "a review with no URL or title"
            if self.on_skipped is not None:
                self.on_skipped(item)
            else:
                log.warning("%s: a fact-check without claim text is skipped (%s)", self.where, item)
            return
        self.found.append(FactCheck(claim_text=claim_text, origin=self.origin, **fields))


def _is_claimreview(node: dict[str, Any]) -> bool:
    types = node.get("@type")
    names = types if isinstance(types, list) else [types]
    return any(isinstance(name, str) and _local_type(name) in _CLAIMREVIEW_TYPES for name in names)


def _local_type(name: str) -> str:
    """'http://schema.org/ClaimReview' and 'schema:ClaimReview' → their lower-case local name."""
    name = name.strip().lower()
    if name.startswith("schema:"):
        return name
    return name.rsplit("/", 1)[-1]


def _children(value: object, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(value, dict):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield f"{path}[{index}]", item


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _first_object(value: object) -> dict[str, Any]:
    for item in _as_list(value):
        if isinstance(item, dict):
            return item
    return {}


def _text(value: object) -> str | None:
    """A string field as text: stripped, None when missing, empty or not text."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, dict):  # JSON-LD value object {"@value": ...}
        return _text(value.get("@value"))
    return None


def _name_of(value: object) -> str | None:
    """The name of an author/publisher given as a string, an object or a list of either."""
    names = []
    for item in _as_list(value):
        name = _text(item.get("name")) if isinstance(item, dict) else _text(item)
        if name and name not in names:
            names.append(name)
    return ", ".join(names) or None


def _site_of(organisation: dict[str, Any]) -> str | None:
    url = _text(organisation.get("url")) or _text(organisation.get("@id"))
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    return host.removeprefix("www.") if host else None


def _url_of(value: object) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("url")) or _text(value.get("@id"))
    return _text(value)


def _language(value: object) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("alternateName")) or _text(value.get("name"))
    return _text(value)


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = _text(value)
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _date(value: object) -> datetime | None:
    """An ISO 8601 date or date-time; naive values are taken as UTC. Anything
    else is dropped: a wrong date must not sink the whole fact-check."""
    text = _text(value)
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", type(None): "null", bool: "a boolean"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )
