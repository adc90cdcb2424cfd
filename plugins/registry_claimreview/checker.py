"""The ``claimreview`` checker: the registry's fact-checks closest to a claim."""

from __future__ import annotations

import asyncio
import weakref
from typing import Any, ClassVar

from registry import Checker, CheckContext, CheckResult, Claim
from registry.matching import MatchingConfig, judge_matches


class ClaimReviewChecker(Checker):
    """Attaches the verdict of a fact-check of the same claim found in the
    registry, or lists close fact-checks for a human to confirm.

    Building the index reads every stored fact-check, so it happens once per
    store and again only when the store's fact-check count changes (a store
    without ``factcheck_count()`` is indexed once per run).
    """

    name: ClassVar[str] = "claimreview"
    version: ClassVar[str] = "1"
    # The answer depends on which fact-checks are imported, not only on the claim.
    cache_results: ClassVar[bool] = False

    class Config(MatchingConfig):
        """``[checkers.claimreview]``: ``high``, ``low``, ``candidates``, ``ratings_file``."""

    def __init__(self) -> None:
        self._store: weakref.ref[Any] | None = None
        self._state: object = None
        self._index: Any = None
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    async def check(self, claim: Claim, ctx: CheckContext) -> CheckResult | None:
        if ctx.store is None:
            return None
        config = ctx.config or self.Config()
        index = await self._index_for(ctx.store)
        if not len(index):
            return None
        matches = await asyncio.to_thread(index.search, claim.text, max(config.candidates, 1) * 2)
        return judge_matches(claim, matches, config, where="the registry's fact-checks")

    async def _index_for(self, store: Any) -> Any:
        state = await asyncio.to_thread(_factcheck_state, store)
        if self._current(store, state):
            return self._index
        loop = asyncio.get_running_loop()
        lock = self._locks.setdefault(loop, asyncio.Lock())
        async with lock:  # concurrent claims wait for one build instead of each building
            if not self._current(store, state):
                self._index = await asyncio.to_thread(_build_index, store)
                self._store, self._state = weakref.ref(store), state
        return self._index

    def _current(self, store: Any, state: object) -> bool:
        return self._store is not None and self._store() is store and self._state == state


def _factcheck_state(store: Any) -> object:
    count = getattr(store, "factcheck_count", None)
    return count() if callable(count) else None


def _build_index(store: Any) -> Any:
    from registry.similarity import FactCheckIndex

    return FactCheckIndex(store.factchecks())
