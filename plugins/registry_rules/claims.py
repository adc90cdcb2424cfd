"""Turn a document into claims: its sentences (or independent clauses),
each with its span, quantities, check-worthiness and attribution.

Attribution needs the whole document (a "he added" refers back), so a
document is read once and the result kept in a small cache keyed by its
text and publisher; ``attribution_for`` answers from that cache for claims
that another plugin extracted.

Every sentence becomes a claim, boilerplate and bylines included: the
check-worthiness score marks them not check-worthy (with the feature that
says why), so ``registry check`` does not list them but ``--all`` shows
what was read and why it was skipped.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from registry import Attribution, AttributionLink, Claim, Document, claim_id

from . import checkworthiness, quantities
from .attribution import PATTERN_CONFIDENCE, PLUGIN_NAME, Unit, attribute_document

_CACHED_DOCUMENTS = 64


def publisher_of(document: Document) -> str:
    """Who publishes ``document``: its publisher, else its web host, else its location."""
    source = document.source
    if source.publisher:
        return source.publisher
    if source.uri and source.uri.startswith(("http://", "https://")):
        host = urlsplit(source.uri).hostname
        if host:
            return host.removeprefix("www.")
    return document.location


@lru_cache(maxsize=_CACHED_DOCUMENTS)
def _units(text: str, publisher: str) -> tuple[Unit, ...]:
    return tuple(attribute_document(text, publisher))


def extract(document: Document) -> list[Claim]:
    """The claims of ``document``, in order."""
    text = document.text
    claims = []
    for unit in _units(text, publisher_of(document)):
        claim_text = text[unit.start: unit.end]
        found = quantities.find_quantities(claim_text, offset=unit.start)
        # shared with the cache, never modified: models are treated as values
        attribution = unit.attribution
        assessment = checkworthiness.assess(claim_text, quantities=found, attribution=attribution)
        claims.append(Claim(
            # the id given, not left for the model to fill in: the same value, without an assignment after validation
            id=claim_id(claim_text),
            text=claim_text,
            span={"start": unit.start, "end": unit.end},
            document=document.location,
            claim_type=assessment.claim_type,
            quantities=found,
            checkworthiness=round(assessment.score, 4),
            checkworthy=assessment.checkworthy,
            features=assessment.features,
            attribution=attribution,
            extracted_by=PLUGIN_NAME,
        ))
    return claims


def attribution_for(claim: Claim, document: Document) -> Attribution:
    """The attribution of the sentence that overlaps ``claim`` most; the
    publisher's own when it overlaps none."""
    publisher = publisher_of(document)
    best: Unit | None = None
    best_overlap = 0
    for unit in _units(document.text, publisher):
        overlap = min(unit.end, claim.span.end) - max(unit.start, claim.span.start)
        if overlap > best_overlap:
            best, best_overlap = unit, overlap
    if best is None:
        return Attribution(
            confidence=PATTERN_CONFIDENCE["unattributed"],
            chain=[AttributionLink(name=publisher, kind="publisher")],
            attributed_by=PLUGIN_NAME,
        )
    return best.attribution.model_copy()
