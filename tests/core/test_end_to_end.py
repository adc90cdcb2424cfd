"""The installed console script on the project's seed articles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def registry_script() -> str:
    script = Path(sys.executable).with_name("registry")
    if not script.exists():
        pytest.fail(f"the console script is not installed next to {sys.executable}: pip install -e .")
    return str(script)


def run_script(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    env["REGISTRY_HOME"] = str(home)
    return subprocess.run([registry_script(), *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=120)


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    home = tmp_path_factory.mktemp("e2e-home")
    done = run_script("check", "seeds/", "--format", "json", cwd=REPO, home=home)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), done.stderr


def test_the_defense_ministry_estimate_is_found_with_its_source_and_numbers(seed_report):
    records, _ = seed_report
    [claim] = [r for r in records if "125,000 troops" in r["text"]
               and r["source"]["publisher"] == "Harbor Ledger"]
    assert claim["attribution"]["organization"] == "Russian Defense Ministry"
    assert claim["attribution"]["modality"] == "estimate"
    assert claim["checkworthy"] is True
    values = {(q["value"], q["qualifier"]) for q in claim["quantities"]}
    assert (125000.0, "over") in values
    assert 16000.0 in {q["value"] for q in claim["quantities"]}
    assert claim["source"]["uri"] == "https://harborledger.example/2023/12/15/peskov-nbc-interview"
    assert claim["status"] in {"unverified", "not_enough_evidence", "conflicting_evidence", "misleading",
                               "mixed", "refuted", "mostly_refuted", "supported", "mostly_supported"}
    seed_text = (REPO / "seeds" / "peskov-nbc-interview.md").read_text(encoding="utf-8")
    body = seed_text.split("\n---\n", 1)[1].lstrip("\n")
    assert body[claim["span"]["start"]:claim["span"]["end"]] == claim["text"]


def test_peskov_is_the_speaker_relayed_by_nbc(seed_report):
    records, _ = seed_report
    peskov = [r for r in records if r["attribution"] and r["attribution"]["speaker"] == "Dmitry Peskov"]
    assert peskov, "no claim attributed to Dmitry Peskov"
    assert any(r["attribution"]["medium"] == "NBC" for r in peskov)
    assert any(r["attribution"]["organization"] == "Kremlin" for r in peskov)


def test_boilerplate_is_not_reported(seed_report):
    records, _ = seed_report
    texts = " ".join(r["text"] for r in records)
    assert "Comments are closed" not in texts
    assert "share this story" not in texts.lower()


def test_the_default_table_on_the_seeds(tmp_path):
    done = run_script("check", "seeds/", cwd=REPO, home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Russian Defense Ministry" in done.stdout
    assert "Dmitry Peskov" in done.stdout
    assert "Harbor Ledger" in done.stdout
