"""Real processes on one registry: two ``registry check`` runs at once lose
and duplicate nothing; a run killed with SIGKILL leaves every document
either wholly stored or absent, and a re-run completes the registry."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import count, query, write_documents

pytestmark = pytest.mark.slow

RUNNER = Path(__file__).with_name("run_registry.py")
SHARED_LINES = ["Dmitry Peskov: Ukraine has lost over 125,000 troops since June",
                "The ministry counted 16,000 pieces of heavy equipment"]


def corpus(directory: Path, documents: int, own_lines: int) -> tuple[Path, int, int]:
    """Documents with ``own_lines`` claims of their own plus the shared
    claims; returns the directory, distinct claims and appearances."""
    texts = {}
    for d in range(documents):
        lines = [f"Report {d} line {n}: {d * 7 + n} buses ran late [true]" for n in range(own_lines)]
        texts[f"doc-{d:03d}.txt"] = "\n".join(lines + SHARED_LINES) + "\n"
    write_documents(directory, texts)
    return directory, documents * own_lines + len(SHARED_LINES), documents * (own_lines + len(SHARED_LINES))


def start(db_url: str, directory: Path, *extra: str, delay: float = 0.0) -> subprocess.Popen:
    env = dict(os.environ, STORE_TEST_CHECK_DELAY=str(delay))
    return subprocess.Popen(
        [sys.executable, str(RUNNER), "check", str(directory), "--db", db_url, "--format", "jsonl", *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True,
    )


def assert_consistent(db_url: str, own_lines: int) -> None:
    """Every stored document has all its appearances; nothing dangles."""
    per_document = query(db_url, "SELECT d.id, count(a.pk) FROM documents d "
                                 "LEFT JOIN appearances a ON a.document_id = d.id GROUP BY d.id")
    assert per_document and {n for _, n in per_document} == {own_lines + len(SHARED_LINES)}
    assert query(db_url, "SELECT count(*) FROM claims c WHERE NOT EXISTS "
                         "(SELECT 1 FROM appearances a WHERE a.claim_pk = c.pk)") == [(0,)]
    assert count(db_url, "verdicts") == count(db_url, "claims")
    assert query(db_url, "SELECT count(*) FROM appearances a WHERE NOT EXISTS "
                         "(SELECT 1 FROM check_results r WHERE r.claim_pk = a.claim_pk)") == [(0,)]
    for table, key in (("claims", "id"), ("appearances", "claim_pk, document_id, span_start, span_end")):
        assert query(db_url, f"SELECT count(*) FROM (SELECT {key} FROM {table} GROUP BY {key} "
                             "HAVING count(*) > 1) AS duplicates") == [(0,)]
    if db_url.startswith("sqlite"):
        assert query(db_url, "PRAGMA integrity_check") == [("ok",)]
        query(db_url, "INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')")
        searched = query(db_url, "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'buses'")
    else:
        searched = query(db_url, "SELECT count(*) FROM claims WHERE search_vector @@ to_tsquery('simple', 'buses')")
    assert searched == query(db_url, "SELECT count(*) FROM claims WHERE text LIKE '%buses%'")


def test_two_concurrent_checks_lose_and_duplicate_nothing(db_url, tmp_path):
    directory, claims, appearances = corpus(tmp_path / "docs", documents=20, own_lines=3)
    runs = [start(db_url, directory, "--concurrency", "4", delay=0.002) for _ in range(2)]
    outcomes = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    for run in runs:
        run.stderr.close()
    assert outcomes == [(0, ""), (0, "")]
    assert count(db_url, "documents") == 20
    assert count(db_url, "claims") == claims
    assert count(db_url, "appearances") == appearances
    assert_consistent(db_url, own_lines=3)


def test_a_killed_run_leaves_whole_documents_and_a_rerun_completes(db_url, tmp_path):
    directory, claims, appearances = corpus(tmp_path / "docs", documents=40, own_lines=2)
    run = start(db_url, directory, "--concurrency", "2", delay=0.03)
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline and run.poll() is None:
            try:
                stored = count(db_url, "documents")
            except Exception:  # the schema may not be there yet
                stored = 0
            if stored >= 3:
                break
            time.sleep(0.05)
        assert run.poll() is None, "the run ended before it could be killed"
        os.kill(run.pid, signal.SIGKILL)
        assert run.wait(timeout=30) == -signal.SIGKILL
    finally:
        run.stderr.close()
    kept = count(db_url, "documents")
    assert 3 <= kept < 40
    assert_consistent(db_url, own_lines=2)

    rerun = start(db_url, directory)
    code, err = rerun.wait(timeout=120), rerun.stderr.read()
    rerun.stderr.close()
    assert (code, err) == (0, "")
    assert count(db_url, "documents") == 40
    assert count(db_url, "claims") == claims and count(db_url, "appearances") == appearances
    assert_consistent(db_url, own_lines=2)
