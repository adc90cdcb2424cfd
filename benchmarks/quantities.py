"""Benchmark: quantity extraction (registry_rules.quantities) against gold quantities.

Data (never copied into the repository):

- ``quantities-gold/quantities.json`` — quantulum3's English regression cases
  (101 sentences, 148 quantities; see its SOURCE.md). Primary figures.
- ``quantities-gold/quantities.ambiguity.json`` — quantulum3's unit-ambiguity
  cases (20 sentences). Secondary.
- ``benchmarks/data/seeds-gold.json`` — the hand-labelled quantities of the
  seed news articles. Secondary; it has no surfaces, so a match there is an
  equal value in the same sentence.

Scoring. A predicted quantity matches a gold one when their spans overlap
and the values are equal (relative tolerance 0.2%, so 0.333 equals 1/3);
matching is one-to-one. quantulum3 writes a range as its midpoint plus an
``uncertainty``; we write a range as its two ends, so a gold range is
matched by two predicted quantities, both overlapping it, whose values are
the midpoint minus and plus the uncertainty (the pair counts as one
prediction). Value+unit also needs the units to agree after this
normalisation, applied to both sides: lower case; words singular and in
British spelling ("meters" → "metre"); "%" is "percentage"; USD/EUR/GBP are
"dollar"/"euro"/"pound sterling"; and a counted noun that is no unit of
measurement ("50 cars") is "dimensionless", which is how quantulum3 labels
counted things. Years are dates for us and amounts for quantulum3; those
gold items count as misses, and the share of them is printed.

Run: ``python benchmarks/quantities.py`` (``--show-errors`` lists misses).
Writes ``benchmarks/results/quantities.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

from registry_rules.quantities import find_quantities, is_unit_of_measurement

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"
RESULTS = REPO / "benchmarks" / "results" / "quantities.json"
SEEDS_GOLD = REPO / "benchmarks" / "data" / "seeds-gold.json"

_CURRENCY_NAMES = {"USD": "dollar", "EUR": "euro", "GBP": "pound sterling"}
_SPELLING = {"meter": "metre", "liter": "litre", "centiliter": "centilitre", "milliliter": "millilitre"}
_IRREGULAR = {"feet": "foot", "inches": "inch", "centuries": "century", "kelvins": "kelvin", "hertz": "hertz"}


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "xes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for american, british in _SPELLING.items():
        if word.endswith(american):
            word = word[: -len(american)] + british
    return word


def comparable_unit(unit: str | None) -> str:
    """The unit in the form both sides are compared in (see the module docstring)."""
    if unit is None or unit in ("dimensionless", "fraction"):
        return "dimensionless"
    if unit in ("%", "percentage"):
        return "percentage"
    words = [_CURRENCY_NAMES.get(word, word) for word in unit.replace("pound-mass", "pound").split()]
    return " ".join(_singular(word.lower()) for word in words).replace("time per", "count per")


def units_agree(predicted: str | None, gold: str | None, *, counted_is_dimensionless: bool) -> bool:
    """Equal after normalisation; a counted noun also agrees with quantulum3's "dimensionless"."""
    gold_unit = comparable_unit(gold)
    if gold_unit == "dimensionless" and counted_is_dimensionless and not is_unit_of_measurement(predicted):
        return True
    return comparable_unit(predicted) == gold_unit


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=2e-3, abs_tol=1e-12)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _gold_spans(sentence: str, gold: list[dict]) -> list[tuple[int, int] | None]:
    """Where each gold surface is in the sentence, searching left to right."""
    spans, cursor = [], 0
    for item in gold:
        surface = item.get("surface")
        if not surface:
            spans.append(None)
            continue
        at = sentence.find(surface, cursor)
        if at < 0:
            at = sentence.find(surface)
        spans.append((at, at + len(surface)) if at >= 0 else None)
        if at >= 0:
            cursor = at + 1
    return spans


def score_sentence(sentence: str, gold: list[dict], *, counted_is_dimensionless: bool) -> dict:
    """Match one sentence's predictions to its gold items; return counts and misses."""
    predicted = find_quantities(sentence)
    spans = _gold_spans(sentence, gold)
    used: set[int] = set()
    value_hits = unit_hits = 0
    predictions_consumed_as_pairs = 0
    misses = []
    for item, span in zip(gold, spans):
        def candidates(value: float) -> list[int]:
            return [
                i for i, q in enumerate(predicted)
                if i not in used and _close(q.value, value)
                and (span is None or _overlaps((q.span.start, q.span.end), span))
            ]

        uncertainty = item.get("uncertainty") or 0.0
        matched: list[int] = []
        if uncertainty:
            low, high = candidates(item["value"] - uncertainty), candidates(item["value"] + uncertainty)
            pairs = [(a, b) for a in low for b in high if a != b]
            if pairs:
                matched = list(pairs[0])
                predictions_consumed_as_pairs += 1
        if not matched:
            exact = candidates(item["value"])
            matched = exact[:1]
        if not matched:
            misses.append({"sentence": sentence, "gold": item, "predicted": [
                {"value": q.value, "unit": q.unit, "text": q.text} for q in predicted]})
            continue
        used.update(matched)
        value_hits += 1
        if units_agree(predicted[matched[-1]].unit, item.get("unit"), counted_is_dimensionless=counted_is_dimensionless):
            unit_hits += 1
        else:
            misses.append({"sentence": sentence, "gold": item, "unit_mismatch": predicted[matched[-1]].unit})
    return {
        "gold": len(gold),
        "predicted": len(predicted) - predictions_consumed_as_pairs,
        "value_hits": value_hits,
        "unit_hits": unit_hits,
        "misses": misses,
        "extra": [
            {"sentence": sentence, "predicted": {"value": q.value, "unit": q.unit, "text": q.text}}
            for i, q in enumerate(predicted) if i not in used
        ],
    }


def _prf(hits: int, predicted: int, gold: int) -> dict[str, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def evaluate(rows: list[tuple[str, list[dict]]], *, counted_is_dimensionless: bool) -> dict:
    totals = {"gold": 0, "predicted": 0, "value_hits": 0, "unit_hits": 0}
    misses, extra = [], []
    year_items = 0
    for sentence, gold in rows:
        result = score_sentence(sentence, gold, counted_is_dimensionless=counted_is_dimensionless)
        for key in totals:
            totals[key] += result[key]
        misses += result["misses"]
        extra += result["extra"]
        year_items += sum(
            1 for item in gold
            if float(item["value"]).is_integer() and 1200 <= item["value"] <= 2100
            and item.get("unit") in (None, "dimensionless")
        )
    return {
        "sentences": len(rows),
        **totals,
        "gold_years": year_items,
        "value": _prf(totals["value_hits"], totals["predicted"], totals["gold"]),
        "value_unit": _prf(totals["unit_hits"], totals["predicted"], totals["gold"]),
        "misses": misses,
        "extra": extra,
    }


def _quantulum_rows(path: Path) -> list[tuple[str, list[dict]]]:
    return [(row["req"], row["res"]) for row in json.loads(path.read_text(encoding="utf-8"))]


def _seed_rows(path: Path) -> list[tuple[str, list[dict]]]:
    documents = json.loads(path.read_text(encoding="utf-8"))["documents"]
    return [
        (sentence["text"], sentence.get("quantities") or [])
        for document in documents for sentence in document["sentences"]
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data directory")
    parser.add_argument("--show-errors", action="store_true", help="print every miss and extra")
    args = parser.parse_args()
    gold_dir = args.data / "quantities-gold"
    primary = gold_dir / "quantities.json"
    if not primary.is_file():
        print(f"quantities benchmark: data not found: {primary} (see quantities-gold/SOURCE.md)", file=sys.stderr)
        return 2

    datasets = {"quantulum3 quantities.json": (_quantulum_rows(primary), True)}
    ambiguity = gold_dir / "quantities.ambiguity.json"
    if ambiguity.is_file():
        datasets["quantulum3 quantities.ambiguity.json"] = (_quantulum_rows(ambiguity), True)
    if SEEDS_GOLD.is_file():
        datasets["seed news articles (seeds-gold.json)"] = (_seed_rows(SEEDS_GOLD), False)

    report: dict = {"command": "python benchmarks/quantities.py", "datasets": {}}
    print(f"{'dataset':40} {'gold':>5} {'pred':>5} {'value P/R/F1':>20} {'value+unit P/R/F1':>20}")
    for name, (rows, counted_is_dimensionless) in datasets.items():
        result = evaluate(rows, counted_is_dimensionless=counted_is_dimensionless)
        v, u = result["value"], result["value_unit"]
        print(
            f"{name:40} {result['gold']:5} {result['predicted']:5} "
            f"{v['precision']:.3f}/{v['recall']:.3f}/{v['f1']:.3f}  {u['precision']:.3f}/{u['recall']:.3f}/{u['f1']:.3f}"
        )
        if result["gold_years"]:
            print(f"{'':40} ({result['gold_years']} gold items are years, which we read as dates)")
        if args.show_errors:
            for miss in result["misses"]:
                print("  MISS", json.dumps(miss, ensure_ascii=False))
            for extra in result["extra"]:
                print("  EXTRA", json.dumps(extra, ensure_ascii=False))
        report["datasets"][name] = {k: v for k, v in result.items() if k not in ("misses", "extra")}

    sentences = [sentence for rows, _ in datasets.values() for sentence, _ in rows]
    repeats = 20
    started = time.perf_counter()
    for _ in range(repeats):
        for sentence in sentences:
            find_quantities(sentence)
    per_sentence_ms = (time.perf_counter() - started) / (repeats * len(sentences)) * 1000
    print(f"speed: {per_sentence_ms:.4f} ms per sentence ({len(sentences)} sentences x {repeats})")
    report["ms_per_sentence"] = round(per_sentence_ms, 4)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
