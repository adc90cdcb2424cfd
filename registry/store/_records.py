"""What registry queries return: a claim's stored verdict, reviews, check
results and near-duplicate links, and the summary and full record of a
claim (the JSON that ``registry claims`` prints)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .._models import Appearance, AttributionStatus, CheckResult, Status, Verdict


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StoredResult(CheckResult):
    """A check result as the registry keeps it (append-only)."""

    claim_id: str
    document_uri: str | None = None
    config_hash: str
    input_hash: str = Field(description="Hash of the claim's normalised text and its document's content.")
    checked_at: datetime


class Review(_Record):
    """A human verdict on a claim (append-only; the newest one counts)."""

    claim_id: str
    status: Status
    attribution_status: AttributionStatus | None = None
    note: str = ""
    evidence: list[str] = Field(default_factory=list, description="URLs backing the verdict.")
    url: str | None = Field(default=None, description="The published fact-check, if any.")
    reviewer: str
    reviewed_at: datetime


class StoredVerdict(Verdict):
    """A claim's current verdict: the newest review if there is one, else
    the machine verdict of its newest check."""

    origin: Literal["review", "machine"]
    updated_at: datetime
    machine: Verdict | None = Field(default=None, description="The newest machine verdict.")


class ClaimLink(_Record):
    """Another claim that states (or may state) the same thing."""

    claim_id: str
    text: str
    similarity: float
    measure: str
    state: Literal["linked", "suggested"]


class ClaimSummary(_Record):
    """One row of ``registry claims list`` and ``search``."""

    id: str
    text: str
    claim_type: str
    status: Status
    origin: Literal["review", "machine"]
    decided_by: str | None
    confidence: float
    speakers: list[str]
    appearances: int
    first_seen: datetime
    updated_at: datetime


class ClaimRecord(_Record):
    """Everything the registry knows about one claim (``registry claims show``)."""

    id: str
    text: str
    claim_type: str
    first_seen: datetime
    last_seen: datetime
    verdict: StoredVerdict
    appearances: list[Appearance]
    results: list[StoredResult]
    reviews: list[Review]
    links: list[ClaimLink]
