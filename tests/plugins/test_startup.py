"""`registry --help` with ten installed plugins imports each plugin's top
module only — no plugin's heavy module, no HTTP client — and lists their
commands. (benchmarks/startup.py measures the time.)"""

from __future__ import annotations

import json
import runpy
import subprocess
import sys

import pytest

from .conftest import REPO

benchmark = runpy.run_path(str(REPO / "benchmarks" / "startup.py"))


@pytest.mark.slow
def test_help_with_ten_plugins_imports_no_heavy_module(tmp_path):
    names = benchmark["write_plugins"](tmp_path)
    env = benchmark["environment"](tmp_path, ",".join(names))
    done = subprocess.run([sys.executable, "-c", benchmark["PHASES_PROBE"]], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    modules = set(json.loads(done.stderr.strip().splitlines()[-1])["modules"])
    assert {f"registry_bench_{n}" for n in range(10)} <= modules
    assert not {m for m in modules if m.endswith(".heavy")}
    assert "httpx" not in modules
    assert all(f"bench-{n}" in done.stdout for n in range(10))

    # ... and the heavy module does load when a plugin's command runs
    ran = subprocess.run([sys.executable, "-m", "registry", "bench-3"], env=env, capture_output=True,
                         text=True, timeout=120)
    assert (ran.returncode, ran.stdout) == (0, "registry_bench_3.heavy\n"), ran.stderr
