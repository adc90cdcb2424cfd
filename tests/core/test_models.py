"""Claim ids, spans and statuses."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from registry import Claim, Span, Status, claim_id, normalise_claim_text


def test_claim_id_ignores_case_quotes_and_spacing_but_not_numbers():
    a = claim_id("Ukraine has lost over 125,000 troops.")
    assert a == claim_id("  ukraine HAS lost   “over 125,000 troops” ")
    assert a != claim_id("Ukraine has lost over 126,000 troops.")
    assert a != claim_id("Ukraine has lost over 12.5000 troops.")
    assert len(a) == 16


def test_normalised_text_keeps_decimals_percent_and_currency():
    assert normalise_claim_text("Inflation hit 4.2%, costing $8.9 billion!") == "inflation hit 4.2% costing $8.9 billion"


def test_claim_gets_its_id_from_text():
    claim = Claim(text="Prices rose 4.2% in May.", span=Span(start=0, end=24))
    assert claim.id == claim_id("Prices rose 4.2% in May.")


def test_span_must_be_ordered():
    with pytest.raises(ValidationError):
        Span(start=5, end=2)


def test_only_decisive_statuses_are_conclusive():
    assert not Status.UNVERIFIED.conclusive
    assert not Status.NOT_ENOUGH_EVIDENCE.conclusive
    assert Status.REFUTED.conclusive and Status.CONFLICTING_EVIDENCE.conclusive
