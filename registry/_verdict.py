"""The core's default ``resolve_verdict``: how checker results become one verdict.

The rule, in order:

1. Results with a conclusive status (anything but ``not_enough_evidence``
   and ``unverified``) outweigh inconclusive ones.
2. If two confident results (confidence ≥ 0.5) point in opposite
   directions (one towards supported, the other towards refuted or
   misleading), the verdict is ``conflicting_evidence``.
3. Otherwise the most confident conclusive result decides.
4. With no conclusive result, the verdict is ``not_enough_evidence`` when a
   checker looked and said so, else ``unverified`` (nobody concluded
   anything). Absence of evidence never becomes ``refuted``.

The attribution status is the most confident one a checker gave; without
one it follows from the claim's own attribution: ``unattributed`` when the
text names no claimant, ``reported_secondary`` when only the document
reports who said it.

It is ``trylast``, so any plugin's ``resolve_verdict`` replaces it.
"""

from __future__ import annotations

from ._models import AttributionStatus, CheckResult, Claim, Status, Verdict
from ._plugins import hookimpl

CONFIDENT = 0.5
_TOWARDS_TRUE = {Status.SUPPORTED, Status.MOSTLY_SUPPORTED}
_TOWARDS_FALSE = {Status.REFUTED, Status.MOSTLY_REFUTED, Status.MISLEADING}
# The verdict of a claim nobody concluded anything about (most claims), one per
# attribution status, made once: models are treated as values, so reports share them.
_UNVERIFIED = {
    attribution_status: Verdict(
        status=Status.UNVERIFIED,
        attribution_status=attribution_status,
        explanation="no checker reached a conclusion",
        decided_by=None,
    )
    for attribution_status in AttributionStatus
}


@hookimpl(trylast=True)
def resolve_verdict(claim: Claim, results: list[CheckResult]) -> Verdict:
    """Combine ``results`` by the rule in this module's docstring."""
    attribution_status = _attribution_status(claim, results)
    decided = [r for r in results if r.status is not None]
    if decided:  # most claims get no status from any checker
        conclusive = sorted(
            (r for r in decided if r.status.conclusive), key=lambda r: r.confidence, reverse=True
        )
        confident = [r for r in conclusive if r.confidence >= CONFIDENT]
        for_true = [r for r in confident if r.status in _TOWARDS_TRUE]
        for_false = [r for r in confident if r.status in _TOWARDS_FALSE]
        if for_true and for_false:
            return Verdict(
                status=Status.CONFLICTING_EVIDENCE,
                attribution_status=attribution_status,
                confidence=min(for_true[0].confidence, for_false[0].confidence),
                explanation=(
                    f"{for_true[0].checker} says {for_true[0].status.value}, "
                    f"{for_false[0].checker} says {for_false[0].status.value}"
                ),
                decided_by="registry._verdict",
            )
        if conclusive:
            return _decided_by(conclusive[0], attribution_status)
        looked = [r for r in decided if r.status is Status.NOT_ENOUGH_EVIDENCE]
        if looked:
            return _decided_by(max(looked, key=lambda r: r.confidence), attribution_status)
    return _UNVERIFIED[attribution_status]


def _decided_by(result: CheckResult, attribution_status: AttributionStatus) -> Verdict:
    """The verdict that one checker's result decides."""
    return Verdict(
        status=result.status,
        attribution_status=attribution_status,
        confidence=result.confidence,
        explanation=result.explanation,
        decided_by=result.checker,
    )


def _attribution_status(claim: Claim, results: list[CheckResult]) -> AttributionStatus:
    given = [r for r in results if r.attribution_status is not None]
    if given:
        return max(given, key=lambda r: r.confidence).attribution_status
    if claim.attribution is None or claim.attribution.claimant is None:
        return AttributionStatus.UNATTRIBUTED
    return AttributionStatus.REPORTED_SECONDARY
