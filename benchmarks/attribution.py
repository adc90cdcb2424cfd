"""Benchmark: claims, attribution and numbers of the rules plugin on the
hand-labelled seed articles (benchmarks/data/seeds-gold.json).

Usage: python benchmarks/attribution.py [--verbose] [--gold FILE --root DIR --output FILE]

``--gold``/``--root`` score another labelled batch kept outside the
repository (a sealed held-out batch, scored once before it joins seeds/).

Each gold sentence is matched to the extracted claims that overlap it most
(a claim split into clauses counts for the sentence it lies in). Figures:

- claim recall: check-worthy gold sentences with a check-worthy claim;
  claim precision: check-worthy claims that lie in a check-worthy gold sentence;
- attribution accuracy: gold sentences whose claim has the right speaker and
  the right organisation (speaker: same name, case-insensitive; organisation:
  the words of one, compared by their first five letters and ignoring "the",
  "of", "and", are all among the words of the other, so "Finance Ministry"
  matches "Czech Finance Ministry"; None matches only None), over all
  sentences and over those whose gold label names a source;
- number accuracy: F1 of quantity values (gold vs parsed, 1% tolerance), and
  F1 of value and unit together;
- medium and modality agreement, for information.

Writes benchmarks/results/attribution.json.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "benchmarks" / "data" / "seeds-gold.json"
RESULTS = REPO / "benchmarks" / "results" / "attribution.json"

_STOP = {"the", "of", "and", "a", "an", "for"}


def org_words(name: str | None) -> set[str]:
    if not name:
        return set()
    words = re.split(r"[^\w]+", name.lower().replace("'s", "").replace("’s", ""))
    return {w[:5] for w in words if w and w not in _STOP}


def same_organization(predicted: str | None, gold: str | None) -> bool:
    if predicted is None or gold is None:
        return predicted is None and gold is None
    a, b = org_words(predicted), org_words(gold)
    return bool(a and b) and (a <= b or b <= a)


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    return (predicted or "").casefold() == (gold or "").casefold()


def same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0.01, abs_tol=1e-9)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _shown(path: Path) -> str:
    """``path`` relative to the repository when it is inside it."""
    resolved = path.resolve()
    return str(resolved.relative_to(REPO)) if resolved.is_relative_to(REPO) else str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print every disagreement")
    parser.add_argument("--gold", type=Path, default=GOLD,
                        help="labels to score against (default: benchmarks/data/seeds-gold.json)")
    parser.add_argument("--root", type=Path, default=REPO,
                        help="the directory the labels' file paths are relative to (default: the repository)")
    parser.add_argument("--output", type=Path, default=RESULTS,
                        help="where to write the figures (default: benchmarks/results/attribution.json)")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"attribution benchmark: gold labels not found at {args.gold}", file=sys.stderr)
        return 2

    import registry_rules
    from registry import LoadOptions
    from registry._loaders import load_document
    from registry._pipeline import Pipeline
    from registry._plugins import make_plugin_manager

    pipeline = Pipeline(make_plugin_manager(registry_rules, entry_points=False))
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    by_batch: dict[int | None, Counter[str]] = defaultdict(Counter)
    disagreements: list[dict] = []
    started = time.perf_counter()
    for entry in gold["documents"]:
        counts = by_batch[entry.get("batch")]
        document = load_document(str(args.root / entry["file"]), LoadOptions())
        claims = pipeline.extract(document)
        cursor = 0
        spans = []
        for sentence in entry["sentences"]:
            start = document.text.find(sentence["text"], cursor)
            if start < 0:
                print(f"attribution benchmark: gold sentence not in {entry['file']}: {sentence['text'][:60]!r}",
                      file=sys.stderr)
                return 2
            spans.append((start, start + len(sentence["text"])))
            cursor = start + len(sentence["text"])
        owned: list[list] = [[] for _ in spans]
        for claim in claims:
            overlaps = [min(e, claim.span.end) - max(s, claim.span.start) for s, e in spans]
            best = max(range(len(spans)), key=overlaps.__getitem__)
            if overlaps[best] > 0:
                owned[best].append(claim)
            if claim.checkworthy:
                counts["predicted_checkworthy"] += 1
                if overlaps[best] > 0 and entry["sentences"][best]["checkworthy"]:
                    counts["precise"] += 1
        for sentence, mine in zip(entry["sentences"], owned):
            counts["sentences"] += 1
            problems = []
            if sentence["checkworthy"]:
                counts["gold_checkworthy"] += 1
                if any(c.checkworthy for c in mine):
                    counts["recalled"] += 1
                else:
                    problems.append("missed check-worthy")
            elif any(c.checkworthy for c in mine):
                problems.append("not check-worthy in gold")
            main_claim = max(mine, key=lambda c: c.span.end - c.span.start, default=None)
            a = main_claim.attribution if main_claim is not None else None
            speaker = a.speaker if a else None
            organization = a.organization if a else None
            speaker_ok = same_speaker(speaker, sentence["speaker"])
            organization_ok = same_organization(organization, sentence["organization"])
            counts["speaker_ok"] += speaker_ok
            counts["organization_ok"] += organization_ok
            counts["both_ok"] += speaker_ok and organization_ok
            if sentence["speaker"] or sentence["organization"]:
                counts["sourced"] += 1
                counts["sourced_both_ok"] += speaker_ok and organization_ok
            if not (speaker_ok and organization_ok):
                problems.append(f"source {speaker!r}/{organization!r}, gold "
                                f"{sentence['speaker']!r}/{sentence['organization']!r}")
            counts["medium_ok"] += same_speaker(a.medium if a else None, sentence["medium"])
            if sentence["modality"] is not None:
                counts["modality_labelled"] += 1
                counts["modality_ok"] += (a.modality if a else None) == sentence["modality"]
            predicted = [q for c in mine for q in c.quantities]
            counts["gold_numbers"] += len(sentence["quantities"])
            counts["predicted_numbers"] += len(predicted)
            unused = list(predicted)
            for quantity in sentence["quantities"]:
                match = next((q for q in unused if same_value(q.value, quantity["value"])), None)
                if match is None:
                    problems.append(f"number {quantity['value']} {quantity['unit']} not found")
                    continue
                unused.remove(match)
                counts["value_found"] += 1
                counts["value_unit_found"] += (match.unit or "").casefold() == (quantity["unit"] or "").casefold()
            counts["value_precise"] += len(predicted) - len(unused)
            for extra in unused:
                problems.append(f"number {extra.value} {extra.unit} not in gold")
            if problems:
                disagreements.append({"file": entry["file"], "sentence": sentence["text"], "problems": problems})
    elapsed = time.perf_counter() - started
    counts = sum(by_batch.values(), Counter())
    metrics = scores(counts)
    batches = {
        str(batch): {name: round(scores(batch_counts)[name], 4) for name in BATCH_METRICS} | {
            "sentences": batch_counts["sentences"]}
        for batch, batch_counts in sorted(by_batch.items(), key=lambda item: (item[0] is None, item[0] or 0))
        if batch is not None
    }
    result = {
        "benchmark": "attribution",
        "data": _shown(args.gold),
        "command": " ".join(["python benchmarks/attribution.py", *(argv if argv is not None else sys.argv[1:])]),
        "targets": {"claim_recall": 0.9, "claim_precision": 0.9, "attribution_accuracy": 0.9,
                    "number_accuracy_value_f1": 0.9},
        "metrics": {name: round(value, 4) for name, value in metrics.items()},
        "by_batch": batches,
        "counts": dict(sorted(counts.items())),
        "seconds": round(elapsed, 3),
        "disagreements": disagreements,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    width = max(map(len, metrics))
    print(f"{counts['sentences']} gold sentences in {len(gold['documents'])} documents "
          f"({counts['gold_checkworthy']} check-worthy, {counts['sourced']} with a source, "
          f"{counts['gold_numbers']} numbers)")
    for name, value in metrics.items():
        target = result["targets"].get(name)
        mark = "" if target is None else ("  (target ≥ 0.90: met)" if value >= target else "  (target ≥ 0.90: MISSED)")
        print(f"{name:<{width}}  {value:.3f}{mark}")
    if batches:
        print("by batch (benchmarks/data/README.md says which were held out when): "
              "claim recall, claim precision, attribution accuracy, number value F1")
        for batch, figures in batches.items():
            print(f"  batch {batch:>2} ({figures['sentences']:>3} sentences): "
                  + "  ".join(f"{figures[name]:.3f}" for name in BATCH_METRICS))
    print(f"{len(disagreements)} sentences with a disagreement; details in {_shown(args.output)}")
    if args.verbose:
        for item in disagreements:
            print(f"- {item['file']}: {item['sentence'][:80]!r}")
            for problem in item["problems"]:
                print(f"    {problem}")
    return 0


BATCH_METRICS = ("claim_recall", "claim_precision", "attribution_accuracy", "number_accuracy_value_f1")


def scores(counts: Counter[str]) -> dict[str, float]:
    """The benchmark's figures from its counts."""
    claim_recall = ratio(counts["recalled"], counts["gold_checkworthy"])
    claim_precision = ratio(counts["precise"], counts["predicted_checkworthy"])
    value_recall = ratio(counts["value_found"], counts["gold_numbers"])
    value_precision = ratio(counts["value_precise"], counts["predicted_numbers"])
    unit_recall = ratio(counts["value_unit_found"], counts["gold_numbers"])
    unit_precision = ratio(counts["value_unit_found"], counts["predicted_numbers"])
    return {
        "claim_recall": claim_recall,
        "claim_precision": claim_precision,
        "claim_f1": f1(claim_precision, claim_recall),
        "attribution_accuracy": ratio(counts["both_ok"], counts["sentences"]),
        "attribution_accuracy_sourced": ratio(counts["sourced_both_ok"], counts["sourced"]),
        "speaker_accuracy": ratio(counts["speaker_ok"], counts["sentences"]),
        "organization_accuracy": ratio(counts["organization_ok"], counts["sentences"]),
        "number_accuracy_value_f1": f1(value_precision, value_recall),
        "number_value_recall": value_recall,
        "number_value_precision": value_precision,
        "number_value_unit_f1": f1(unit_precision, unit_recall),
        "medium_agreement": ratio(counts["medium_ok"], counts["sentences"]),
        "modality_agreement": ratio(counts["modality_ok"], counts["modality_labelled"]),
    }


if __name__ == "__main__":
    raise SystemExit(main())
