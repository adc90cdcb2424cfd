"""Fact-check matching on CheckThat! 2020 Task 2 (tweets → 10,373 verified claims).

Reports MAP@5 (the task's official measure), MRR and P@1 on each split for:

* ``bm25``: plain word BM25 (bm25s, the same tokeniser), the floor;
* ``registry``: what the claimreview checker does (registry.similarity:
  BM25 over words and character 4-grams, re-scored by claim_similarity);

and, on train+dev only, what the checker's two thresholds do (share of
tweets whose right fact-check is attached automatically, and how often a
tweet whose fact-check is *not* in the collection gets a wrong one).
Every choice was made on train and dev; test is only measured.

Data: ../shared/data/checkthat2020-claim-retrieval/ (or $CHECKTHAT2020_DIR).
Writes benchmarks/results/claim_retrieval.json.

    python benchmarks/claim_retrieval.py [--splits train dev test]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import sys
import time
from pathlib import Path

from registry import FactCheck, normalise_claim_text
from registry.matching import DEFAULT_HIGH, DEFAULT_LOW
from registry.similarity import FactCheckIndex, analyse

HERE = Path(__file__).resolve().parent
DATA = Path(os.environ.get("CHECKTHAT2020_DIR", HERE.parent.parent / "shared" / "data" / "checkthat2020-claim-retrieval"))
RESULTS = HERE / "results" / "claim_retrieval.json"
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[1:]  # header


def load_split(name: str) -> tuple[dict[str, str], dict[str, set[str]]]:
    queries = {row[0]: row[1] for row in read_tsv(DATA / name / "tweets.queries.tsv")}
    relevant: dict[str, set[str]] = {}
    for line in (DATA / name / "tweet-vclaim-pairs.qrels").read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) == 4 and fields[3] == "1":  # TREC qrels: query 0 document relevance
            relevant.setdefault(fields[0], set()).add(fields[2])
    return queries, relevant


def scores(ranked: dict[str, list[str]], relevant: dict[str, set[str]]) -> dict[str, float]:
    """MAP@5 (precision at each relevant hit in the top 5, over all relevant),
    MRR (first relevant hit, any depth) and P@1, over queries with a relevant claim."""
    total_ap = total_rr = total_p1 = 0.0
    for query, wanted in relevant.items():
        ranking = ranked.get(query, [])
        hits, precisions = 0, []
        for position, doc in enumerate(ranking[:5], start=1):
            if doc in wanted:
                hits += 1
                precisions.append(hits / position)
        total_ap += sum(precisions) / len(wanted)
        total_rr += next((1 / p for p, doc in enumerate(ranking, start=1) if doc in wanted), 0.0)
        total_p1 += bool(ranking) and ranking[0] in wanted
    count = len(relevant)
    return {"map@5": round(total_ap / count, 4), "mrr": round(total_rr / count, 4),
            "p@1": round(total_p1 / count, 4), "queries": count}


def bm25_rankings(index: FactCheckIndex, queries: dict[str, str], ids: list[str]) -> dict[str, list[str]]:
    import bm25s
    import numpy as np

    words = bm25s.BM25()
    words.index([list(analyse(text).words) or [""] for text in _indexed_texts(index)], show_progress=False)
    ranked = {}
    for query, text in queries.items():
        terms = list(analyse(text).words)
        if not terms:
            ranked[query] = []
            continue
        found = np.asarray(words.get_scores(terms))
        top = np.argsort(-found, kind="stable")[:50]
        ranked[query] = [ids[i] for i in top if found[i] > 0]
    return ranked


def _indexed_texts(index: FactCheckIndex) -> list[str]:
    return [f"{f.claim_text} {f.review_title or ''}" for f in index.factchecks]


def threshold_table(index: FactCheckIndex, queries, relevant, claims) -> list[dict[str, float]]:
    """For each threshold: share of tweets whose top match (right fact-check)
    reaches it, precision of those, and — with the right fact-check and its
    duplicates taken out of the candidates, as for a claim nobody has checked
    yet — the share whose best remaining candidate still reaches it."""
    tops, right, unmatched = [], [], []
    for query, wanted in relevant.items():
        texts = {normalise_claim_text(claims[w]) for w in wanted}

        def is_right(match) -> bool:
            return match.factcheck.review_url in wanted or normalise_claim_text(match.factcheck.claim_text) in texts

        matches = index.search(queries[query], limit=50)
        tops.append(matches[0].score if matches else 0.0)
        right.append(bool(matches) and is_right(matches[0]))
        others = [m for m in matches if not is_right(m)]
        unmatched.append(others[0].score if others else 0.0)
    table = []
    for threshold in THRESHOLDS:
        attached = [ok for score, ok in zip(tops, right) if score >= threshold]
        table.append({
            "threshold": threshold,
            "attached": round(len(attached) / len(tops), 4),
            "attached_right": round(sum(attached) / len(attached), 4) if attached else None,
            "unmatched_attached": round(sum(s >= threshold for s in unmatched) / len(unmatched), 4),
        })
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--splits", nargs="+", default=["train", "dev", "test"], choices=["train", "dev", "test"])
    args = parser.parse_args()
    if not (DATA / "verified_claims.docs.tsv").exists():
        print(f"CheckThat! 2020 claim-retrieval data not found in {DATA} (set CHECKTHAT2020_DIR)", file=sys.stderr)
        return 2
    vclaims = {row[0]: (row[1], row[2] if len(row) > 2 else "") for row in read_tsv(DATA / "verified_claims.docs.tsv")}
    ids = list(vclaims)
    started = time.perf_counter()
    # review_url carries the verified claim's id, so a match names its qrels document
    index = FactCheckIndex(
        FactCheck(claim_text=text, review_title=title or None, review_url=vid) for vid, (text, title) in vclaims.items()
    )
    build_seconds = time.perf_counter() - started
    claims = {vid: text for vid, (text, _) in vclaims.items()}
    report: dict[str, object] = {
        "dataset": "CheckThat! 2020 Task 2 (English), verified claims v3.0",
        "verified_claims": len(ids),
        "index_build_seconds": round(build_seconds, 2),
        "thresholds_in_use": {"high": DEFAULT_HIGH, "low": DEFAULT_LOW},
        "python": platform.python_version(),
        "methods": {"bm25": {}, "registry": {}},
    }
    print(f"{len(ids)} verified claims indexed in {build_seconds:.1f} s")
    print(f"{'split':<6} {'method':<9} {'MAP@5':>6} {'MRR':>6} {'P@1':>6} {'ms/query':>9}")
    for split in args.splits:
        queries, relevant = load_split(split)
        started = time.perf_counter()
        ranked = {q: [m.factcheck.review_url for m in index.search(text, limit=50)] for q, text in queries.items()}
        per_query = (time.perf_counter() - started) * 1000 / len(queries)
        for method, rankings, ms in (("bm25", bm25_rankings(index, queries, ids), None),
                                     ("registry", ranked, per_query)):
            figures = scores(rankings, relevant)
            if ms is not None:
                figures["ms_per_query"] = round(ms, 2)
            report["methods"][method][split] = figures
            shown = f"{ms:9.1f}" if ms is not None else f"{'':>9}"
            print(f"{split:<6} {method:<9} {figures['map@5']:6.3f} {figures['mrr']:6.3f} {figures['p@1']:6.3f} {shown}")
    if {"train", "dev"} <= set(args.splits):
        queries, relevant = {}, {}
        for split in ("train", "dev"):
            q, r = load_split(split)
            queries.update(q)
            relevant.update(r)
        table = threshold_table(index, queries, relevant, claims)
        report["thresholds_train_dev"] = table
        print("\nthresholds on train+dev: attached (share of tweets), right among attached, "
              "attached when the right fact-check is absent")
        for row in table:
            print(f"  {row['threshold']:.2f}  {row['attached']:.3f}  {row['attached_right'] or 0:.3f}  "
                  f"{row['unmatched_attached']:.3f}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten {RESULTS.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
