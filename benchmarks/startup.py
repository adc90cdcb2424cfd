"""Start-up time of ``registry --help`` with ten installed plugins.

Writes ten throwaway plugin distributions (each adds a subcommand and a
checker, and keeps a "heavy" module that it imports only when the checker
or the command is used) into a temporary folder, puts it on PYTHONPATH,
and times ``registry --help`` in fresh processes: with the ten plugins,
without any third-party plugin, and the bare interpreter for reference.
Then runs it once under ``python -X importtime`` to check that no plugin's
heavy module and no HTTP client were imported, and to say what the time is
spent on.

    python benchmarks/startup.py [--runs 21]

Prints a table and writes benchmarks/results/startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from registry.testing import write_distribution

TARGET_MS = 300
PROFILE_RUNS = 5  # probe and -X importtime runs, medians taken
PLUGINS = 10
RESULTS = Path(__file__).resolve().parent / "results" / "startup.json"

PLUGIN_SOURCE = '''"""Benchmark plugin {n}: cheap to import, heavy only when used."""

from registry import hookimpl


@hookimpl
def register_checkers(register):
    from .heavy import BenchChecker

    register(BenchChecker())


@hookimpl
def register_commands(app):
    @app.command("bench-{n}")
    def bench() -> None:
        """A command of benchmark plugin {n}."""
        from . import heavy

        print(heavy.__name__)
'''

HEAVY_SOURCE = '''"""Stands for a plugin's heavy dependencies (an SDK, a model, pandas)."""

import httpx  # noqa: F401  (a checker module typically imports its HTTP client)

from registry import Checker


class BenchChecker(Checker):
    name = "bench-{n}"

    async def check(self, claim, ctx):
        return None
'''


def write_plugins(site: Path) -> list[str]:
    """Ten plugin distributions in ``site``; returns their names."""
    names = []
    for n in range(PLUGINS):
        package = f"registry_bench_{n}"
        write_distribution(site, f"registry-bench-{n}", "1.0", files={
            f"{package}/__init__.py": PLUGIN_SOURCE.format(n=n),
            f"{package}/heavy.py": HEAVY_SOURCE.format(n=n),
        }, entry_points={f"bench-{n}": package})
        names.append(f"registry-bench-{n}")
    return names


def registry_command() -> list[str]:
    script = Path(sys.executable).with_name("registry")
    return [str(script)] if script.exists() else [sys.executable, "-m", "registry"]


def environment(site: Path, load: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    env["PYTHONPATH"] = str(site)
    env["REGISTRY_LOAD_PLUGINS"] = load  # only our plugins (plus the built-ins), whatever else is installed
    return env


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) milliseconds of one fresh process.
    CPU time is what the start-up costs; wall-clock also counts waiting for
    a CPU on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    wall = (time.perf_counter() - started) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def time_interleaved(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int) -> dict[str, dict]:
    """Run each command ``runs`` times, round-robin, so that a change in the
    machine's load affects all of them alike."""
    walls: dict[str, list[float]] = {key: [] for key in commands}
    cpus: dict[str, list[float]] = {key: [] for key in commands}
    for _ in range(runs):
        for key, (command, env) in commands.items():
            wall, cpu = run_once(command, env)
            walls[key].append(wall)
            cpus[key].append(cpu)
    return {key: {**summary(walls[key]), "cpu_median_ms": round(statistics.median(cpus[key]), 1)}
            for key in commands}


PHASES_PROBE = """
import json, sys, time
t0 = time.perf_counter()
from registry import cli
from registry._plugins import PluginManager
t1 = time.perf_counter()
import importlib.metadata
entry_points = list(importlib.metadata.entry_points(group="claim_registry"))
t2 = time.perf_counter()
pm = PluginManager()
pm.load_default_plugins()
pm.load_entry_points(entry_points)
pm.check_pending_isolated()
t3 = time.perf_counter()
app = cli.build_app(pm)
t4 = time.perf_counter()
code = cli.main(["--help"], pm=pm)
t5 = time.perf_counter()
phases = {"import registry.cli": t1 - t0, "find entry points": t2 - t1, "import and register plugins": t3 - t2,
          "build the CLI (register_commands)": t4 - t3, "build again and print --help": t5 - t4}
print(json.dumps({"modules": sorted(sys.modules), "phases": {k: round(v * 1000, 1) for k, v in phases.items()}}),
      file=sys.stderr)
sys.exit(code)
"""


def probe_help(env: dict[str, str]) -> tuple[set[str], dict[str, float], str]:
    """Run ``registry --help`` in a probe: the modules in ``sys.modules``
    afterwards (entry points are imported with importlib, which ``-X
    importtime`` does not show), the milliseconds of each phase, and the
    help text."""
    done = subprocess.run([sys.executable, "-c", PHASES_PROBE], env=env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise SystemExit(f"registry --help failed: {done.stderr.strip()}")
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return set(report["modules"]), report["phases"], done.stdout


def import_profile(env: dict[str, str]) -> dict[str, float]:
    """Run ``registry --help`` under ``-X importtime``: the milliseconds
    spent importing each top-level package (the self time of all its
    modules, so that each microsecond is counted once)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "registry", "--help"], env=env,
                          capture_output=True, text=True, timeout=120)
    spent: dict[str, float] = {}
    for line in done.stderr.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if not line.startswith("import time:") or len(fields) != 3 or not fields[0].strip().isdigit():
            continue
        package = fields[2].strip().split(".")[0]
        spent[package] = spent.get(package, 0.0) + int(fields[0]) / 1000
    return spent


def median_of(samples: list[dict[str, float]]) -> dict[str, float]:
    """The median of each key over several runs (a missing key counts as 0)."""
    keys = dict.fromkeys(key for sample in samples for key in sample)
    return {key: round(statistics.median(s.get(key, 0.0) for s in samples), 1) for key in keys}


def summary(times: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(times), 1), "min_ms": round(min(times), 1),
            "max_ms": round(max(times), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="fresh processes per measurement")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    site = Path(tempfile.mkdtemp(prefix="registry-startup-"))
    try:
        names = write_plugins(site)
        command = registry_command()
        with_plugins = environment(site, ",".join(names))
        without = environment(site, "")
        first_run = run_once([*command, "--help"], with_plugins)[0]  # writes the plugins' .pyc
        results = time_interleaved({
            "python": ([sys.executable, "-c", "pass"], without),
            "help_without_plugins": ([*command, "--help"], without),
            "help_with_10_plugins": ([*command, "--help"], with_plugins),
        }, args.runs)
        probes = [probe_help(with_plugins) for _ in range(PROFILE_RUNS)]
        modules, help_text = probes[0][0], probes[0][2]
        phases = median_of([phases for _, phases, _ in probes])
        spent = median_of([import_profile(with_plugins) for _ in range(PROFILE_RUNS)])
    finally:
        shutil.rmtree(site, ignore_errors=True)

    heavy = sorted(m for m in modules if m.endswith(".heavy") and m.startswith("registry_bench_"))
    plugin_modules = sorted(m for m in modules if m.startswith("registry_bench_"))
    commands_listed = sum(f"bench-{n}" in help_text for n in range(PLUGINS))
    top_imports = dict(sorted(spent.items(), key=lambda kv: kv[1], reverse=True)[:12])
    median = results["help_with_10_plugins"]["median_ms"]
    record = {
        "command": "registry --help",
        "runs": args.runs,
        "plugins": PLUGINS,
        "first_run_ms": round(first_run, 1),
        **results,
        "plugin_cost_ms": round(median - results["help_without_plugins"]["median_ms"], 1),
        "plugin_cost_cpu_ms": round(results["help_with_10_plugins"]["cpu_median_ms"]
                                    - results["help_without_plugins"]["cpu_median_ms"], 1),
        "target_ms": TARGET_MS,
        "within_target": median < TARGET_MS,
        "plugin_modules_imported": len(plugin_modules),
        "heavy_modules_imported": heavy,
        "httpx_imported": "httpx" in modules,
        "plugin_commands_in_help": commands_listed,
        "phases_ms": phases,
        "import_ms_by_package": {k: round(v, 1) for k, v in top_imports.items()},
        "import_ms_total": round(sum(spent.values()), 1),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(),
                    "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)]},
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")

    print(f"registry --help, {args.runs} fresh processes each: wall-clock median (min-max) and CPU median, ms")
    for key, label in (("python", "python -c pass"), ("help_without_plugins", "registry --help, no plugins"),
                       ("help_with_10_plugins", "registry --help, ten plugins")):
        r = results[key]
        print(f"  {label:30} {r['median_ms']:7.1f}  ({r['min_ms']:.0f}-{r['max_ms']:.0f})   cpu {r['cpu_median_ms']:6.1f}")
    print(f"  first run with ten plugins     {first_run:7.1f}  (compiles their .pyc)")
    print(f"target < {TARGET_MS} ms (wall-clock median, ten plugins): {'met' if record['within_target'] else 'NOT met'}"
          f"; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} CPUs")
    print(f"plugin modules imported: {len(plugin_modules)} (top modules of the {PLUGINS} plugins), "
          f"heavy modules: {len(heavy)}, httpx: {'yes' if record['httpx_imported'] else 'no'}, "
          f"plugin commands in --help: {commands_listed}/{PLUGINS}")
    print(f"where the time goes (ms, median of {PROFILE_RUNS} probes): " + ", ".join(f"{k} {v:.0f}" for k, v in phases.items()))
    print(f"import time by package (ms, median of {PROFILE_RUNS} -X importtime runs; "
          f"all imports: {record['import_ms_total']:.0f} ms):")
    for name, ms in top_imports.items():
        print(f"  {name:28} {ms:7.1f}")
    print(f"wrote {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}")
    return 0 if not heavy and not record["httpx_imported"] and commands_listed == PLUGINS else 1


if __name__ == "__main__":
    sys.exit(main())
