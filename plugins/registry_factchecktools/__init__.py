"""Built-in plugin ``factchecktools``: looks each claim up in Google's Fact
Check Tools API (``claims:search``) and matches the fact-checks it returns
to the claim as the ``claimreview`` checker does with the registry's own.

Needs an API key (``REGISTRY_FACTCHECKTOOLS_API_KEY``); without one the
checker says once that it is unavailable and the run goes on.
"""

from __future__ import annotations

from registry import hookimpl

REGISTRY_PLUGIN_API = 1


@hookimpl
def register_checkers(register) -> None:
    from .checker import FactCheckToolsChecker

    register(FactCheckToolsChecker())
