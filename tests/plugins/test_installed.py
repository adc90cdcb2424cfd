"""Third-party plugins as a user installs them: a fresh virtual environment,
claim-registry built from this checkout and installed with pip next to a
plugin made by `registry plugin new` and next to examples/registry-worldbank.
Their own tests pass there, `registry plugins` lists them and `registry
check` shows their results (the World Bank played by a server on 127.0.0.1).
"""

from __future__ import annotations

import json
import re
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from .conftest import REPO

pytestmark = pytest.mark.slow

EXAMPLE = REPO / "examples" / "registry-worldbank"
GERMANY = [{"page": 1}, [{"indicator": {"id": "SP.POP.TOTL", "value": "Population, total"},
                          "country": {"id": "DE", "value": "Germany"}, "countryiso3code": "DEU",
                          "date": "2022", "value": 83797985}]]
COUNTRIES = [{"page": 1}, [{"id": "DEU", "iso2Code": "DE", "name": "Germany", "region": {"value": "Europe"}},
                           {"id": "WLD", "iso2Code": "1W", "name": "World", "region": {"value": "Aggregates"}}]]


class WorldBank(BaseHTTPRequestHandler):
    """The two Indicators API calls the example makes, for Germany in 2022."""

    def do_GET(self):  # noqa: N802 (the http.server API)
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path == "/v2/country" and query.get("format") == ["json"]:
            body = COUNTRIES
        elif url.path == "/v2/country/DEU/indicator/SP.POP.TOTL" and query.get("date") == ["2022"]:
            body = GERMANY
        else:
            self.send_error(404)
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def world_bank():
    server = ThreadingHTTPServer(("127.0.0.1", 0), WorldBank)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def documented_plugins_output() -> list[dict]:
    """The `registry plugins` output that writing-plugins.md shows."""
    page = (REPO / "docs" / "plugins" / "writing-plugins.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- output: registry plugins -->\n```json\n(.*?)```", page, re.DOTALL)
    return json.loads(block.group(1))


def test_a_generated_plugin_installs_passes_its_tests_and_is_listed(fresh_venv, tmp_path):
    project = tmp_path / "registry-acme"
    made = fresh_venv.run("registry", "plugin", "new", "acme", "--directory", str(project))
    assert made.returncode == 0, made.stderr
    fresh_venv.pip_install("-e", str(project))

    tests = fresh_venv.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=project)
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert "7 passed" in tests.stdout

    listed = fresh_venv.run("registry", "plugins")
    assert listed.returncode == 0, listed.stderr
    assert [(p["name"], p["distribution"], p["version"], p["hooks"]) for p in json.loads(listed.stdout)] == [
        ("acme", "registry-acme", "0.1.0", ["register_checkers"])]
    checkers = fresh_venv.run("registry", "checkers", env={"REGISTRY_STRICT_PLUGINS": "1"})
    assert checkers.returncode == 0, checkers.stderr
    assert "acme 0.1.0 (plugin acme)" in checkers.stdout.splitlines()


def test_the_example_plugin_installs_and_its_results_show_in_registry_check(fresh_venv, tmp_path, world_bank):
    example = tmp_path / "registry-worldbank"
    shutil.copytree(EXAMPLE, example, ignore=shutil.ignore_patterns("__pycache__"))
    fresh_venv.pip_install(str(example))

    tests = fresh_venv.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=example)
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert "15 passed" in tests.stdout

    only_it = {"REGISTRY_LOAD_PLUGINS": "registry-worldbank"}
    listed = fresh_venv.run("registry", "plugins", env=only_it)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == documented_plugins_output()
    checkers = fresh_venv.run("registry", "checkers", env=only_it)
    assert "worldbank-population 1.0.0 (plugin worldbank)" in checkers.stdout.splitlines()

    article = tmp_path / "germany.txt"
    article.write_text("Germany had a population of 83.8 million in 2022.\n", encoding="utf-8")
    env = {**only_it, "REGISTRY_WORLDBANK_POPULATION_BASE_URL": world_bank}
    config = str(example / "registry.toml")
    checked = fresh_venv.run("registry", "check", str(article), "--all", "--no-store", "--format", "json",
                             "--config", config, env=env)
    assert checked.returncode == 0, checked.stderr
    [report] = [r for r in json.loads(checked.stdout) if "83.8 million" in r["text"]]
    [result] = [r for r in report["results"] if r["checker"] == "worldbank-population"]
    assert (result["status"], result["version"], result["error"]) == ("supported", "1.0.0", None)
    assert result["explanation"] == ("World Bank: population of Germany in 2022 was 83,797,985; "
                                     "the claim says 83,800,000 (+0.0%).")
    assert report["verdict"]["decided_by"] == "worldbank-population"

    table = fresh_venv.run("registry", "check", str(article), "--all", "--no-store", "--config", config, env=env)
    assert table.returncode == 0, table.stderr
    assert "supported" in table.stdout and "worldbank-popul" in table.stdout
