"""examples/registry-worldbank: its own test suite passes against this
checkout (the slow test in test_installed.py installs it for real)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from registry.testing import write_distribution

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "registry-worldbank"


@pytest.mark.slow
def test_the_example_plugins_own_tests_pass(tmp_path):
    site = tmp_path / "site"
    write_distribution(site, "registry-worldbank", "1.0.0", entry_points={"worldbank": "registry_worldbank"})
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    env["PYTHONPATH"] = os.pathsep.join([str(EXAMPLE / "src"), str(site)])
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=EXAMPLE,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
