"""docs/rules.md names every attribution pattern with its confidence, so the
table stays true to the code."""

from __future__ import annotations

import re
from pathlib import Path

from registry_rules.attribution import PATTERN_CONFIDENCE

RULES_DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_every_pattern_is_in_the_table_with_its_confidence():
    rows = {
        match.group(1): float(match.group(2))
        for match in re.finditer(r"^\| `(\w+)` \|.*?\| (\d\.\d\d) \|", RULES_DOC.read_text(encoding="utf-8"), re.M)
    }
    assert rows == {name: round(value, 2) for name, value in PATTERN_CONFIDENCE.items()}
