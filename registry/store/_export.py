"""Exporting reviewed claims: schema.org ClaimReview JSON-LD (a DataFeed, as
fact-check aggregators read it), JSON Lines of whole claim records, and CSV.

How a status becomes a ClaimReview rating (``STATUS_RATINGS``): the five
statuses on the true–false scale get ``ratingValue`` 5 (supported) to 1
(refuted) with ``bestRating`` 5 and ``worstRating`` 1; the others
(misleading, conflicting evidence, not enough evidence, unverified) are
not points on that scale and get only ``alternateName``. Every rating has
``alternateName``, the status in words.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from .._models import Appearance, Status
from ..errors import ConfigError
from ._records import ClaimRecord

#: status → (ratingValue or None, alternateName)
STATUS_RATINGS: dict[Status, tuple[int | None, str]] = {
    Status.SUPPORTED: (5, "Supported"),
    Status.MOSTLY_SUPPORTED: (4, "Mostly supported"),
    Status.MIXED: (3, "Mixed"),
    Status.MOSTLY_REFUTED: (2, "Mostly refuted"),
    Status.REFUTED: (1, "Refuted"),
    Status.MISLEADING: (None, "Misleading"),
    Status.CONFLICTING_EVIDENCE: (None, "Conflicting evidence"),
    Status.NOT_ENOUGH_EVIDENCE: (None, "Not enough evidence"),
    Status.UNVERIFIED: (None, "Unverified"),
}
BEST_RATING = 5
WORST_RATING = 1
#: Who the claim-registry's own verdicts are by, when no publisher is named.
MACHINE_AUTHOR = "claim-registry (automated check)"

CSV_COLUMNS = [
    "claim_id", "text", "status", "origin", "decided_by", "confidence", "explanation",
    "reviewer", "reviewed_at", "review_url", "evidence", "claimant", "appearances",
    "first_appearance_url", "first_seen", "last_seen",
]


def rating(status: Status, explanation: str = "") -> dict[str, Any]:
    """The ClaimReview ``reviewRating`` for ``status``."""
    value, name = STATUS_RATINGS[status]
    result: dict[str, Any] = {"@type": "Rating", "alternateName": name}
    if value is not None:
        result.update(ratingValue=value, bestRating=BEST_RATING, worstRating=WORST_RATING)
    if explanation:
        result["ratingExplanation"] = explanation
    return result


def _date(moment: datetime | None) -> str | None:
    return moment.date().isoformat() if moment else None


def _public(appearance: Appearance) -> bool:
    uri = appearance.source.uri or ""
    return uri.startswith(("http://", "https://"))


def _creative_work(appearance: Appearance) -> dict[str, Any]:
    source = appearance.source
    work: dict[str, Any] = {"@type": "CreativeWork", "url": source.uri}
    if source.title:
        work["headline"] = source.title
    if source.published:
        work["datePublished"] = _date(source.published)
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.author:
        work["author"] = {"@type": "Person", "name": source.author}
    return work


def _claim_author(record: ClaimRecord) -> dict[str, Any] | None:
    """Who made the claim, from the first appearance that names a claimant."""
    for appearance in record.appearances:
        attribution = appearance.attribution
        if attribution is None or attribution.claimant is None:
            continue
        if attribution.speaker:
            person: dict[str, Any] = {"@type": "Person", "name": attribution.speaker}
            if attribution.role:
                person["jobTitle"] = attribution.role
            if attribution.organization:
                person["affiliation"] = {"@type": "Organization", "name": attribution.organization}
            return person
        return {"@type": "Organization", "name": attribution.organization}
    return None


def _first_appearance(appearances: Sequence[Appearance]) -> Appearance | None:
    dated = [a for a in appearances if a.source.published or a.seen]
    return min(dated, key=lambda a: a.source.published or a.seen, default=None)


def claimreview(record: ClaimRecord, *, base_url: str | None = None, publisher: str | None = None) -> dict[str, Any]:
    """The ClaimReview of one claim: its newest review, or its machine
    verdict when it has none. ``url`` is the review's published page, else
    ``base_url`` followed by the claim id."""
    review = record.reviews[-1] if record.reviews else None
    url = (review.url if review else None) or (base_url + record.id if base_url else None)
    if not url:
        raise ConfigError(
            f"claim {record.id}: no page URL for its ClaimReview "
            "(record one with `registry review --url` or pass --base-url)"
        )
    verdict = record.verdict
    if review is not None:
        author = {"@type": "Organization", "name": publisher} if publisher else {"@type": "Person", "name": review.reviewer}
        published = review.reviewed_at
    else:
        author = {"@type": "Organization", "name": publisher or MACHINE_AUTHOR}
        published = verdict.updated_at
    public = [a for a in record.appearances if _public(a)]
    item: dict[str, Any] = {"@type": "Claim"}
    claim_author = _claim_author(record)
    if claim_author:
        item["author"] = claim_author
    first = _first_appearance(public)
    if first is not None:
        item["datePublished"] = _date(first.source.published or first.seen)
        item["firstAppearance"] = _creative_work(first)
        item["appearance"] = [_creative_work(a) for a in public]
    return {
        "@type": "ClaimReview",
        "identifier": record.id,
        "url": url,
        "claimReviewed": record.text,
        "datePublished": _date(published),
        "author": author,
        "reviewRating": rating(verdict.status, verdict.explanation),
        "itemReviewed": item,
    }


def render_claimreview_feed(
    records: Sequence[ClaimRecord], *, base_url: str | None = None, publisher: str | None = None,
    now: datetime,
) -> str:
    """A schema.org DataFeed of ClaimReview items (JSON-LD)."""
    feed = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": "claim-registry ClaimReview export",
        "dateModified": now.isoformat(timespec="seconds"),
        "dataFeedElement": [
            {"@type": "DataFeedItem", "dateCreated": _date(record.verdict.updated_at),
             "item": [claimreview(record, base_url=base_url, publisher=publisher)]}
            for record in records
        ],
    }
    return json.dumps(feed, indent=2, ensure_ascii=False) + "\n"


def render_jsonl(records: Sequence[ClaimRecord]) -> str:
    """One whole claim record (appearances, results, reviews, links) per line."""
    return "".join(record.model_dump_json() + "\n" for record in records)


# A spreadsheet reads a cell that starts with one of these as a formula, and a
# claim's text, a note or a speaker's name comes from documents anyone can write.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _spreadsheet_safe(value: object) -> object:
    """``value``, with a text that a spreadsheet would run as a formula
    ("=HYPERLINK(...)", "-5 degrees") made inert by a leading apostrophe,
    which spreadsheets show as text and do not display."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def render_csv(records: Sequence[ClaimRecord]) -> str:
    """One row per claim with its current verdict and newest review (texts
    that would start a spreadsheet formula get a leading apostrophe)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        review = record.reviews[-1] if record.reviews else None
        first = _first_appearance(record.appearances)
        author = _claim_author(record)
        writer.writerow({column: _spreadsheet_safe(value) for column, value in {
            "claim_id": record.id, "text": record.text, "status": record.verdict.status.value,
            "origin": record.verdict.origin, "decided_by": record.verdict.decided_by or "",
            "confidence": record.verdict.confidence, "explanation": record.verdict.explanation,
            "reviewer": review.reviewer if review else "",
            "reviewed_at": review.reviewed_at.isoformat() if review else "",
            "review_url": (review.url or "") if review else "",
            "evidence": " ".join(review.evidence) if review else "",
            "claimant": author["name"] if author else "",
            "appearances": len(record.appearances),
            "first_appearance_url": (first.source.uri or "") if first else "",
            "first_seen": record.first_seen.isoformat(), "last_seen": record.last_seen.isoformat(),
        }.items()})
    return buffer.getvalue()
