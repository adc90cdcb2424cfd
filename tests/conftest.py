"""Test-suite wide isolation: every test gets its own registry home and no
REGISTRY_* settings leak in from the environment of the person running it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_registry_environment(tmp_path_factory, monkeypatch):
    for name in list(os.environ):
        if name.startswith("REGISTRY_") and name != "REGISTRY_TEST_POSTGRES_URL":
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("registry-home")
    monkeypatch.setenv("REGISTRY_HOME", str(home))
    yield home


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def shared_seed() -> Path:
    path = SHARED / "seeds" / "000_04014259b6145566.txt"
    if not path.exists():
        pytest.skip(f"the shared seed article is not available at {path}")
    return path
