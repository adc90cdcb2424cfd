"""Writes ``registry_0003.json``: the rows of a registry at schema revision
0003 as the claim-registry of that revision wrote them, and what its read
calls returned (``everything`` in test_open.py), for the upgrade test.

Run from a checkout at revision 0003 (commit 73c6bcc), which the test data
came from:

    PYTHONPATH=. python tests/store/data/make_registry_0003.py OUTPUT.json
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from registry import FactCheck, Status
from registry.store import open_store
from registry.store._schema import SCHEMA_REVISIONS, metadata
from tests.store.test_bulk import BATCH
from tests.store.test_open import everything


def _json(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(value)


def main(output: Path) -> None:
    assert SCHEMA_REVISIONS[-1] == "0003", "run this with the claim-registry of schema revision 0003"
    with tempfile.TemporaryDirectory() as directory:
        store = open_store(str(Path(directory) / "registry.db"))
        try:
            store.save_documents(BATCH[:3])
            store.save_documents(BATCH[3:6])
            store.save_documents(BATCH[:1])  # a re-check: results appended, machine verdicts replaced
            every = sorted({report.id for _document, reports, _hashes in BATCH[:6] for report in reports})
            store.add_review(every[3], status=Status.MISLEADING, reviewer="Editor", note="context missing")
            store.add_review(every[5], status=Status.REFUTED, reviewer="Editor", evidence=["https://example.org/a"])
            # The records compared: the re-checked, reviewed and linked claims, and every tenth one.
            with store.engine.connect() as connection:
                linked = set(connection.exec_driver_sql(
                    "SELECT claim_id FROM claim_links UNION SELECT other_id FROM claim_links").scalars())
            rechecked = {report.id for report in BATCH[0][1]}
            ids = sorted(linked | rechecked | {every[3], every[5]} | set(every[::10]))
            store.add_factchecks([FactCheck(claim_text=f"Claim {n} about troops", rating="False",
                                            review_url=f"https://factcheck.example/{n}", publisher="Checkers")
                                  for n in range(3)])
            expected = everything(store, ids)
            with store.engine.connect() as connection:
                tables = {table.name: [dict(row._mapping) for row in connection.execute(
                    sa.select(table).order_by(*table.primary_key.columns))] for table in metadata.sorted_tables}
        finally:
            store.close()
    expected["cached"] = [result.model_dump(mode="json") for result in expected["cached"]]
    output.write_text(json.dumps({"revision": "0003", "ids": ids, "tables": tables, "expected": expected},
                                 default=_json, indent=None, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
