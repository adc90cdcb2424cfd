"""Throwaway plugin distributions for the plugin-loading tests, and one
fresh virtual environment shared by the slow installation tests."""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import subprocess
import sys
import venv
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from registry import claim_id
from registry._plugins import ENTRY_POINT_GROUP, PluginManager
from registry.testing import builtin_entry_points, write_distribution
from registry.testing import mock_http, registry_home, registry_pm  # noqa: F401  (fixtures)

REPO = Path(__file__).resolve().parents[2]
DOCUMENT = "Germany has 84 million inhabitants.\nThe city opened 12 tram lines in 2023.\n"
FIRST_CLAIM = claim_id("Germany has 84 million inhabitants.")


# A well-behaved plugin: one claim per line, and a checker that supports
# every claim with a digit in it.
GOOD = '''
from registry import Checker, CheckResult, Claim, Span, Status, hookimpl


class Echo(Checker):
    name = "echo"
    version = "1.0"

    async def check(self, claim, ctx):
        if any(ch.isdigit() for ch in claim.text):
            return CheckResult(status=Status.SUPPORTED, confidence=0.9, explanation="has a number")
        return None


@hookimpl
def extract_claims(document):
    claims, start = [], 0
    for line in document.text.splitlines(keepends=True):
        text = line.strip()
        if text:
            begin = start + line.index(text)
            claims.append(Claim(text=text, span=Span(start=begin, end=begin + len(text)),
                                checkworthy=True, checkworthiness=0.9))
        start += len(line)
    return claims


@hookimpl
def register_checkers(register):
    register(Echo())
'''


def checker_plugin(name: str, body: str) -> str:
    """A plugin module registering one checker whose ``check`` is ``body``."""
    return f'''
import asyncio
from registry import Checker, hookimpl


class Broken(Checker):
    name = "{name}"
    version = "1.0"

    async def check(self, claim, ctx):
        if "Germany" not in claim.text:
            return None  # misbehaves on one claim only, so the reported claim is known
{body}


@hookimpl
def register_checkers(register):
    register(Broken())
'''


@dataclass(frozen=True)
class Broken:
    """A broken plugin, and the one line that must report it."""

    name: str
    source: str
    message: str
    #: when the problem shows: loading the plugins, or running `registry check`
    when: str


def _dist(name: str) -> str:
    return f"plugin '{name}' (dist registry-{name} 1.0)"


BROKEN = [
    Broken("import-error", 'raise RuntimeError("cannot find the model file")\n',
           f"{_dist('import-error')} failed to load: RuntimeError: cannot find the model file", "load"),
    Broken("misspelled", "from registry import hookimpl\n\n\n@hookimpl\ndef extract_claim(document):\n    return []\n",
           f"{_dist('misspelled')} implements unknown hook 'extract_claim' (misspelled?); it is ignored", "load"),
    Broken("future", "REGISTRY_PLUGIN_API = 99\n",
           f"{_dist('future')} failed to load: needs plugin API 99, this claim-registry provides 1; "
           "upgrade claim-registry", "load"),
    Broken("taken-name", checker_plugin("echo", "        return None"),
           f"checker name 'echo' registered by {_dist('taken-name')} is already taken by "
           f"plugin 'good' (dist registry-good 1.0); the one from 'good' is kept", "check"),
    Broken("raising", checker_plugin("raising", "        raise KeyError('population')"),
           f"checker 'raising' of {_dist('raising')}: KeyError: 'population' (claim {FIRST_CLAIM})", "check"),
    Broken("hanging", checker_plugin("hanging", "        await asyncio.sleep(3600)"),
           f"checker 'hanging' of {_dist('hanging')}: timed out after 0.3 s (claim {FIRST_CLAIM})", "check"),
    Broken("wrong-type", checker_plugin("wrong-type", "        return {'status': 'supported'}"),
           f"checker 'wrong-type' of {_dist('wrong-type')}: returned dict, not a CheckResult or None "
           f"(claim {FIRST_CLAIM})", "check"),
    Broken("wrong-claims", "from registry import hookimpl\n\n\n@hookimpl\ndef extract_claims(document):\n"
                           "    return document.text\n",
           f"{_dist('wrong-claims')} returned str from extract_claims, not a list of Claim; it is ignored", "check"),
]


def module_name(dist_name: str) -> str:
    return "registry_" + dist_name.replace("-", "_")


@dataclass
class Site:
    """A folder on ``sys.path`` holding throwaway distributions."""

    path: Path
    added: list[str] = field(default_factory=list)

    def add(self, name: str, source: str, version: str = "1.0") -> None:
        """Install plugin ``name`` as distribution ``registry-<name>``,
        entry point ``<name>``, module ``registry_<name>``."""
        module = module_name(name)
        write_distribution(self.path, f"registry-{name}", version,
                           files={f"{module}/__init__.py": source}, entry_points={name: module})
        self.added.append(f"registry-{name}")
        importlib.invalidate_caches()

    def entry_points(self, builtins: bool = False) -> list[importlib.metadata.EntryPoint]:
        """This folder's entry points in the order their distributions were
        added (as sys.path order would), after claim-registry's built-in
        ones with ``builtins``."""
        dists = {d.metadata["Name"]: d for d in importlib.metadata.distributions(path=[str(self.path)])}
        return (builtin_entry_points() if builtins else []) + [
            ep for name in self.added for ep in dists[name].entry_points if ep.group == ENTRY_POINT_GROUP
        ]

    def plugin_manager(self, *, strict: bool = False, report=None, builtins: bool = False) -> PluginManager:
        """A plugin manager as ``registry`` builds it, with the core's own
        plugins, this folder's distributions and (with ``builtins``)
        claim-registry's built-in plugins — which are left out by default
        so that their own notices do not mix with the lines under test."""
        pm = PluginManager(strict=strict, report=report)
        pm.load_default_plugins()
        pm.load_entry_points(entry_points=self.entry_points(builtins))
        pm.check_pending_isolated()
        return pm


@pytest.fixture
def site(tmp_path, monkeypatch) -> Site:
    """An empty site folder on ``sys.path``; the modules imported from it
    are forgotten afterwards."""
    path = tmp_path / "site"
    path.mkdir()
    monkeypatch.syspath_prepend(str(path))
    before = set(sys.modules)
    yield Site(path)
    for name in set(sys.modules) - before:
        module_file = getattr(sys.modules[name], "__file__", None) or ""
        if module_file.startswith(str(path)):
            del sys.modules[name]


@pytest.fixture
def document(tmp_path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    return path


# -- the shared fresh virtual environment (slow tests) ----------------------------


@dataclass
class FreshVenv:
    """A virtual environment with claim-registry installed from this
    checkout (a real wheel build, not editable) and pytest."""

    path: Path

    @property
    def bin(self) -> Path:
        return self.path / ("Scripts" if os.name == "nt" else "bin")

    def run(self, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess:
        """Run a program of the venv (``pip``, ``registry``, ``python``)."""
        program = str(self.bin / args[0])
        clean = {k: v for k, v in os.environ.items()
                 if not k.startswith(("REGISTRY_", "PYTHON", "VIRTUAL_ENV", "PIP_"))}
        clean["REGISTRY_HOME"] = str(self.path / "registry-home")
        return subprocess.run([program, *args[1:]], cwd=cwd, env={**clean, **(env or {})},
                              capture_output=True, text=True, timeout=timeout)

    def pip_install(self, *targets: str) -> None:
        done = self.run("python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *targets)
        assert done.returncode == 0, done.stderr[-3000:]


@pytest.fixture(scope="session")
def fresh_venv(tmp_path_factory) -> FreshVenv:
    """One fresh venv for every slow test of a session: claim-registry from
    this checkout plus pytest and pytest-asyncio, all from PyPI."""
    path = tmp_path_factory.mktemp("fresh-venv") / "venv"
    venv.EnvBuilder(with_pip=True).create(path)
    env = FreshVenv(path)
    env.pip_install(str(REPO), "pytest>=8", "pytest-asyncio>=0.23")
    return env
