"""The base class third parties subclass to write a checker, and the context
the core hands to every ``check`` call."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel

from ._models import Claim, CheckResult, Document

if TYPE_CHECKING:  # httpx is imported only when a run starts, never for --help
    import httpx

_CHECKER_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Checker:
    """Base class for checkers.

    Subclasses set ``name`` (lower-case, hyphenated, unique among installed
    checkers) and ``version``, may declare a nested ``Config`` pydantic model
    (validated at start-up from ``[checkers.<name>]`` in ``registry.toml``
    and ``REGISTRY_<NAME>_<KEY>`` variables), and implement :meth:`check`.

    ``cache_results`` (default True) lets the registry reuse a stored result
    for the same checker version, config and claim text on later runs; set
    it to False for a checker whose answer depends on the state of the
    registry or of the run (imported fact-checks, other documents), which a
    cached result would not see change.
    """

    name: ClassVar[str] = ""
    version: ClassVar[str] = "0"
    Config: ClassVar[type[BaseModel] | None] = None
    cache_results: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.name and not _CHECKER_NAME.match(cls.name):
            raise TypeError(
                f"checker name {cls.name!r} must be lower-case words joined by hyphens"
            )

    async def check(self, claim: Claim, ctx: CheckContext) -> CheckResult | None:
        """Return what this checker concludes about ``claim``, or None for
        nothing to say. Raise :class:`registry.CheckerError` for a failure on
        this claim, :class:`registry.CheckerUnavailable` when the checker
        cannot run at all (it is then skipped for the rest of the run)."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} {self.version}>"


@dataclass(repr=False)
class CheckContext:
    """Everything a checker may use while checking one claim.

    ``config`` is the checker's validated ``Config`` instance (None when the
    checker has none); ``http`` is the run's shared ``httpx.AsyncClient``
    (connection limits, retries and caching are the core's job);
    ``document`` is the document the claim came from; ``claims`` are all the
    claims of that document; ``corpus`` is every document of this run with
    its claims (for cross-document checks); ``store`` gives read access to
    the registry (a ``registry.store.RegistryReader``), or is None when the
    run does not use one.

    The core builds one context per document and checker and passes it to
    every ``check`` call for that document's claims, so a checker must keep
    no per-claim state on it.
    """

    config: Any
    http: httpx.AsyncClient
    document: Document
    logger: logging.Logger
    claims: list[Claim] = field(default_factory=list)
    corpus: list[tuple[Document, list[Claim]]] = field(default_factory=list)
    store: Any = None

    def __repr__(self) -> str:
        # The corpus can hold a whole run; a repr (in a log line, a task
        # repr, a traceback) must stay short.
        return f"<CheckContext document={self.document.location!r} claims={len(self.claims)} corpus={len(self.corpus)}>"
