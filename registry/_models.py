"""The data model shared by the core and every plugin (pydantic v2).

A :class:`Document` is read by a loader; the claims extracted from it carry
a :class:`Span` into ``Document.text``; checkers return
:class:`CheckResult` objects with :class:`Evidence`; ``resolve_verdict``
combines them into one :class:`Verdict`; the run reports one
:class:`ClaimReport` per claim, which is the JSON output contract.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Status(StrEnum):
    """Truth of a claim's content. Absence of evidence is never ``refuted``."""

    SUPPORTED = "supported"
    MOSTLY_SUPPORTED = "mostly_supported"
    MIXED = "mixed"
    MOSTLY_REFUTED = "mostly_refuted"
    REFUTED = "refuted"
    MISLEADING = "misleading"
    CONFLICTING_EVIDENCE = "conflicting_evidence"
    NOT_ENOUGH_EVIDENCE = "not_enough_evidence"
    UNVERIFIED = "unverified"

    @property
    def conclusive(self) -> bool:
        """True for a status that says something about the claim's truth."""
        return self not in (Status.NOT_ENOUGH_EVIDENCE, Status.UNVERIFIED)


class AttributionStatus(StrEnum):
    """Did the named source really say it?"""

    CONFIRMED_PRIMARY = "confirmed_primary"
    REPORTED_SECONDARY = "reported_secondary"
    DISPUTED = "disputed"
    MISATTRIBUTED = "misattributed"
    UNATTRIBUTED = "unattributed"


class Stance(StrEnum):
    """How one piece of evidence bears on the claim."""

    SUPPORTS = "supports"
    REFUTES = "refutes"
    NEUTRAL = "neutral"
    MIXED = "mixed"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False, validate_assignment=False)


class Source(_Model):
    """Where something appeared: a document, a web page, a fact-check."""

    uri: str | None = None
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: datetime | None = None
    retrieved: datetime | None = None


class Document(_Model):
    """A text read by a loader. ``text`` is exactly what spans index into."""

    location: str = Field(description="What the user passed: a path, '-' or a URL.")
    text: str
    source: Source = Field(default_factory=Source)
    media_type: str = "text/plain"
    metadata: dict[str, Any] = Field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text, hex; identifies a document's content."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


class LoadOptions(_Model):
    """Run options every document loader honours (set by ``registry check``)."""

    max_bytes: int = Field(default=20 * 1024 * 1024, ge=1, description="Refuse larger documents.")
    timeout: float = Field(default=10.0, gt=0, description="Seconds allowed to fetch one URL.")
    allow_private_hosts: bool = Field(
        default=False, description="Allow URLs whose host resolves to a private or loopback address."
    )


class Span(_Model):
    """Character offsets ``[start, end)`` into ``Document.text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError("span end is before its start")
        return self


class Quantity(_Model):
    """A number in a claim, with its unit or counted noun and qualifier."""

    value: float
    unit: str | None = None
    qualifier: str | None = Field(default=None, description="over, about, fewer than, ...")
    text: str = Field(description="The quantity as written, e.g. 'over 125,000 troops'.")
    span: Span | None = Field(default=None, description="Offsets into the document text.")


class AttributionLink(_Model):
    """One hop of an attribution chain, from the origin to the reporter."""

    name: str
    kind: Literal["speaker", "organization", "medium", "interviewer", "publisher"]
    role: str | None = None


Modality = Literal["statement", "estimate", "allegation", "denial", "prediction", "quote"]


class Attribution(_Model):
    """Who made a claim, and how it reached the document.

    The flat fields name the claimant; ``chain`` lists every hop (for
    example ministry → spokesman → TV network → outlet).
    """

    speaker: str | None = None
    role: str | None = None
    organization: str | None = None
    cue: str | None = Field(default=None, description="The words that attribute, e.g. 'told'.")
    medium: str | None = Field(default=None, description="A relaying medium, e.g. 'NBC'.")
    interviewer: str | None = None
    modality: Modality | None = None
    direct_quote: bool = False
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    chain: list[AttributionLink] = Field(default_factory=list)
    attributed_by: str | None = Field(default=None, description="Plugin that produced it.")

    @property
    def claimant(self) -> str | None:
        """The person or organisation the claim is attributed to."""
        return self.speaker or self.organization


ClaimType = Literal["quantity", "event", "quote", "causal", "prediction", "opinion", "other"]

_NORMALISE_KEEP = re.compile(r"[\w%$€£.,]+")


def normalise_claim_text(text: str) -> str:
    """The form of a claim's text that its id is computed from.

    Case, Unicode compatibility forms, quotes and other punctuation, and
    whitespace do not change a claim's identity; digits, decimal points,
    thousands separators and currency or percent signs do.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join([word.strip(".,") or word for word in _NORMALISE_KEEP.findall(folded)])


# Characters other than ASCII that NFKC and case folding leave unchanged and
# that are not kept: like ASCII punctuation, each only separates words.
_NOT_ASCII_OR_SEPARATOR = re.compile(r"[^\x00-\x7f“”‘’„«»—–]")
# As bytes: a kept ASCII character (what \w, %, $, '.' and ',' match) folded
# to lower case, every other byte a space ("?" stands for a separator above).
_KEPT_ASCII_LOWER = bytes(
    ord(char.lower()) if char.isascii() and (char.isalnum() or char in "_%$.,") else 32
    for char in map(chr, range(256))
)


def claim_id(text: str) -> str:
    """Stable claim id: the first 16 hex digits of SHA-256 of the normalised text."""
    if _NOT_ASCII_OR_SEPARATOR.search(text) is None:
        # Most claims: ASCII, perhaps with curly quotes and dashes. The same
        # normal form as normalise_claim_text, made with byte-string
        # operations in a third of the time (tests/rules/test_fast_paths.py).
        words = text.encode("ascii", "replace").translate(_KEPT_ASCII_LOWER).split()
        normalised = b" ".join([word.strip(b".,") or word for word in words])
    else:
        normalised = normalise_claim_text(text).encode("utf-8")
    return hashlib.sha256(normalised).hexdigest()[:16]


class Claim(_Model):
    """A check-worthy (or not) statement found in a document."""

    id: str = Field(default="", description="Hash of the normalised text; filled in when empty.")
    text: str
    span: Span
    document: str | None = Field(default=None, description="Location of the document it came from.")
    claim_type: ClaimType = "other"
    quantities: list[Quantity] = Field(default_factory=list)
    checkworthiness: float = Field(default=0.0, ge=0.0, le=1.0)
    checkworthy: bool = False
    features: dict[str, float] = Field(
        default_factory=dict, description="The interpretable features behind the score."
    )
    attribution: Attribution | None = None
    extracted_by: str | None = None

    @model_validator(mode="after")
    def _fill_id(self) -> Claim:
        if not self.id:
            self.id = claim_id(self.text)
        return self


class Evidence(_Model):
    """One piece of evidence a checker found, and how it bears on the claim."""

    stance: Stance = Stance.NEUTRAL
    kind: str = Field(
        default="other",
        description="factcheck, corroboration, conflict, source_signal, attribution, other",
    )
    summary: str
    url: str | None = None
    publisher: str | None = None
    date: datetime | None = None
    claimant: str | None = None
    rating: str | None = Field(default=None, description="A fact-check's rating as written.")
    source: Source | None = None
    data: dict[str, Any] = Field(default_factory=dict)


class CheckResult(_Model):
    """What one checker concluded about one claim.

    ``checker``, ``version`` and ``elapsed_ms`` are filled in by the core;
    ``error`` is set by the core when the checker raised or timed out.
    """

    checker: str = ""
    version: str = ""
    status: Status | None = None
    attribution_status: AttributionStatus | None = None
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    explanation: str = ""
    evidence: list[Evidence] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    attribution: Attribution | None = None
    error: str | None = None
    elapsed_ms: float = 0.0
    cached: bool = False


class Verdict(_Model):
    """The combined judgement about one claim."""

    status: Status = Status.UNVERIFIED
    attribution_status: AttributionStatus | None = None
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    explanation: str = ""
    decided_by: str | None = Field(default=None, description="Checker, plugin or reviewer.")


class ClaimReport(_Model):
    """One claim as ``registry check`` reports it: the JSON output record."""

    id: str
    text: str
    span: Span
    source: Source
    attribution: Attribution | None
    quantities: list[Quantity]
    claim_type: ClaimType
    checkworthiness: float
    checkworthy: bool
    features: dict[str, float]
    status: Status
    attribution_status: AttributionStatus | None
    verdict: Verdict
    results: list[CheckResult]

    @classmethod
    def build(
        cls, claim: Claim, document: Document, results: list[CheckResult], verdict: Verdict
    ) -> ClaimReport:
        """Assemble the record for ``claim`` from its document, results and verdict."""
        return cls(
            id=claim.id,
            text=claim.text,
            span=claim.span,
            source=document.source,
            attribution=claim.attribution,
            quantities=claim.quantities,
            claim_type=claim.claim_type,
            checkworthiness=claim.checkworthiness,
            checkworthy=claim.checkworthy,
            features=claim.features,
            status=verdict.status,
            attribution_status=verdict.attribution_status,
            verdict=verdict,
            results=results,
        )


class FactCheck(_Model):
    """A published fact-check of a claim (one ClaimReview), as imported into
    the registry or returned by a fact-check search API. Every field but
    ``claim_text`` may be missing in real data."""

    claim_text: str
    claimant: str | None = None
    claim_date: datetime | None = None
    rating: str | None = Field(default=None, description="The textual rating as published.")
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    review_url: str | None = None
    review_title: str | None = None
    review_date: datetime | None = None
    publisher: str | None = None
    publisher_site: str | None = None
    language: str | None = None
    appearances: list[str] = Field(default_factory=list, description="URLs where the claim appeared.")
    origin: str | None = Field(default=None, description="File, URL or API the fact-check came from.")

    @property
    def id(self) -> str:
        """Stable id: hash of the review URL (or claim text) and publisher."""
        key = f"{self.review_url or normalise_claim_text(self.claim_text)}|{self.publisher or ''}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


class Appearance(_Model):
    """One appearance of a claim in a document, as the registry remembers it."""

    claim_id: str
    text: str
    span: Span
    source: Source
    attribution: Attribution | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    checkworthiness: float = 0.0
    seen: datetime | None = Field(default=None, description="When the registry stored it.")
