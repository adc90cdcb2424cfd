"""Writes ``registry_<revision>.json``: the rows of a registry at an older
schema revision as the claim-registry of that revision wrote them, what its
read calls returned (``everything`` in test_open.py) and, from revision 0004
on, what ``registry claims show/search/list --format json`` printed, for the
upgrade tests.

Run from a checkout at that revision, with this file and test_open.py
copied into it if they are newer (registry_0003.json came from commit
73c6bcc, registry_0004.json from commit 6d8d6a3):

    PYTHONPATH=. python tests/store/data/make_registry.py OUTPUT.json
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from registry import FactCheck, Span, Status
from registry._plugins import make_plugin_manager
from registry.cli import main as registry_main
from registry.store import open_store
from registry.store._schema import SCHEMA_REVISIONS, metadata
from tests.store.test_bulk import BATCH
from tests.store.test_open import everything


def _json(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(value)


# The claims linked to another, by the revision's link columns.
_LINKED = {
    "0003": "SELECT claim_id FROM claim_links UNION SELECT other_id FROM claim_links",
    "0004": "SELECT id FROM claims WHERE pk IN (SELECT claim_pk FROM claim_links UNION SELECT other_pk FROM claim_links)",
}


def seen_in_other_words() -> tuple:
    """A document whose claim is stated in other words than the claim's text
    (an appearance whose text is its own)."""
    document, reports, hashes = BATCH[6]
    report = reports[0]
    span = Span(start=report.span.start, end=report.span.start + 4)  # "Over", not the claim's text
    return document, [report.model_copy(update={"span": span})], hashes


def printed(path: Path, ids: list[str]) -> dict[str, str]:
    """What the commands print in JSON for these claims."""
    import contextlib
    import io

    commands = {f"show {claim_id}": ["claims", "show", claim_id] for claim_id in ids}
    commands |= {"search troops": ["claims", "search", "troops", "--limit", "100"],
                 "list refuted": ["claims", "list", "--status", "refuted", "--limit", "100"]}
    found = {}
    for name, args in commands.items():
        with contextlib.redirect_stdout(io.StringIO()) as out:
            code = registry_main([*args, "--format", "json", "--db", str(path)],
                                 pm=make_plugin_manager(entry_points=False))
        assert code == 0, name
        found[name] = out.getvalue()
    return found


def main(output: Path) -> None:
    revision = SCHEMA_REVISIONS[-1]
    assert revision in _LINKED, "run this with the claim-registry of schema revision 0003 or 0004"
    with tempfile.TemporaryDirectory() as directory:
        store = open_store(str(Path(directory) / "registry.db"))
        try:
            if revision != "0003":
                store.save_documents([seen_in_other_words()])
            store.save_documents(BATCH[:3])
            store.save_documents(BATCH[3:6])
            store.save_documents(BATCH[:1])  # a re-check: results appended, machine verdicts replaced
            every = sorted({report.id for _document, reports, _hashes in BATCH[:6] for report in reports})
            store.add_review(every[3], status=Status.MISLEADING, reviewer="Editor", note="context missing")
            store.add_review(every[5], status=Status.REFUTED, reviewer="Editor", evidence=["https://example.org/a"])
            # The records compared: the re-checked, reviewed and linked claims, and every tenth one.
            with store.engine.connect() as connection:
                linked = set(connection.exec_driver_sql(_LINKED[revision]).scalars())
            rechecked = {report.id for report in BATCH[0][1]}
            ids = sorted(linked | rechecked | {every[3], every[5]} | set(every[::10])
                         | ({seen_in_other_words()[1][0].id} if revision != "0003" else set()))
            store.add_factchecks([FactCheck(claim_text=f"Claim {n} about troops", rating="False",
                                            review_url=f"https://factcheck.example/{n}", publisher="Checkers")
                                  for n in range(3)])
            expected = everything(store, ids)
            if revision != "0003":
                expected["printed"] = printed(Path(directory) / "registry.db", ids)
            with store.engine.connect() as connection:
                tables = {table.name: [dict(row._mapping) for row in connection.execute(
                    sa.select(table).order_by(*table.primary_key.columns))] for table in metadata.sorted_tables}
        finally:
            store.close()
    expected["cached"] = [result.model_dump(mode="json") for result in expected["cached"]]
    output.write_text(json.dumps({"revision": revision, "ids": ids, "tables": tables, "expected": expected},
                                 default=_json, indent=None, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
