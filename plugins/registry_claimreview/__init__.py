"""Built-in plugin ``claimreview``: matches claims against the fact-checks
imported into the registry (``registry import claimreview FILE``, or found
as ClaimReview on checked pages), offline.

The search index over the registry's fact-checks is built once and kept
until the number of fact-checks changes (see :class:`ClaimReviewChecker`).
Thresholds, evidence and the rating table are those of
:mod:`registry.matching`; the similarity is :mod:`registry.similarity`.
"""

from __future__ import annotations

from registry import hookimpl

REGISTRY_PLUGIN_API = 1


@hookimpl
def register_checkers(register) -> None:
    from .checker import ClaimReviewChecker

    register(ClaimReviewChecker())
