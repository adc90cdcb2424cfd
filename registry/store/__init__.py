"""The persistent claim registry (being written: see issue 4)."""

from __future__ import annotations

from typing import Any


def open_store_for_run(db: str | None, settings: Any) -> Any:
    """Open the registry for a ``registry check`` run (not yet persistent)."""
    return None
