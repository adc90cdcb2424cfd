"""Benchmark (and fit): check-worthiness on ClaimBuster 2.5xNCS.

Data: ``claimbuster/2.5xNCS.json`` in the shared data directory (9,674 US
presidential debate sentences, label 1 = check-worthy; see its SOURCE.md
and LICENSE.txt). It is read from there, never copied into the repository.

Protocol (issue 3): everything fitted on this data is scored by 4-fold
stratified cross-validation with seed 0; in each fold the model is fitted on
three folds and scored on the fourth, never on rows it was fitted on. The
regularisation strength and class weighting are chosen inside each training
part by a 3-fold inner cross-validation, so the held-out fold plays no part
in any choice. Held-out predictions are made by the plugin's own
pure-Python scorer (``checkworthiness.Model``), so what is measured is what
ships. Reported: mean F1, precision and recall of the check-worthy class at
``THRESHOLD``, for

- ``features + words``: the shipped form (hand-made features + one weight per word);
- ``features only``: the hand-made features alone;
- ``tfidf + logistic regression``: the floor baseline (word 1–2-grams,
  sublinear TF-IDF, balanced classes), in the same folds;
- ``shipped weights``: the file in the plugin, fitted on all rows, scored on
  all rows: an in-sample figure, not an estimate of accuracy on new text.

Also scored, with no fitting on it: the hand-labelled seed news sentences
(``benchmarks/data/seeds-gold.json``) with the shipped weights, giving each
sentence the attribution its gold label names.

Run: ``python benchmarks/checkworthiness.py`` (needs the ``bench`` extra:
scikit-learn). ``--write-weights`` refits on all rows and rewrites
``plugins/registry_rules/checkworthiness_weights.json``.
Writes ``benchmarks/results/checkworthiness.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path

from registry import Attribution
from registry_rules import checkworthiness
from registry_rules.quantities import find_quantities

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"
RESULTS = REPO / "benchmarks" / "results" / "checkworthiness.json"
SEEDS_GOLD = REPO / "benchmarks" / "data" / "seeds-gold.json"

SEED = 0
FOLDS = 4
INNER_FOLDS = 3
MIN_WORD_COUNT = 3  # a word seen in fewer training sentences gets no weight
GRID = [(c, weighting) for c in (0.1, 0.3, 1.0) for weighting in (None, "balanced")]

# Features that debate sentences never show, with weights set by hand (log-odds):
# page furniture is never a claim; an attributed statement leans check-worthy.
HAND_SET = {
    "boilerplate": -8.0,
    "byline": -8.0,
    "attributed": 0.5,
}


def featurise(text: str) -> dict[str, float]:
    """One sentence as the model's input: hand-made features ('f:') and words ('w:')."""
    words = checkworthiness.tokens(text)
    values = checkworthiness.feature_values(text, words, quantities=find_quantities(text), attribution=None)
    row = {f"f:{name}": value for name, value in values.items() if name not in HAND_SET}
    row.update({f"w:{word}": 1.0 for word in checkworthiness.lexical_words(words)})
    return row


def _keep(rows: list[dict[str, float]], *, words: bool) -> list[dict[str, float]]:
    return rows if words else [{k: v for k, v in row.items() if k.startswith("f:")} for row in rows]


def fit(rows: list[dict[str, float]], labels: list[int], *, c: float, weighting: str | None) -> dict:
    """Fit a logistic regression; return it in the layout of checkworthiness_weights.json."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for row in rows:
        for key in row:
            counts[key] = counts.get(key, 0) + 1
    kept = [{k: v for k, v in row.items() if k.startswith("f:") or counts[k] >= MIN_WORD_COUNT} for row in rows]
    vectoriser = DictVectorizer()
    matrix = vectoriser.fit_transform(kept)
    model = LogisticRegression(C=c, class_weight=weighting, max_iter=5000)
    model.fit(matrix, labels)
    weights = dict(zip(vectoriser.get_feature_names_out(), model.coef_[0]))
    features = {
        name[2:]: {"weight": round(float(weight), 6), "source": "fitted"}
        for name, weight in weights.items() if name.startswith("f:")
    }
    features.update({name: {"weight": weight, "source": "hand-set"} for name, weight in HAND_SET.items()})
    return {
        "intercept": round(float(model.intercept_[0]), 6),
        "features": features,
        "words": {name[2:]: round(float(w), 6) for name, w in sorted(weights.items()) if name.startswith("w:")},
    }


def predict(weights: dict, texts: list[str]) -> list[int]:
    """Held-out predictions through the plugin's own scorer."""
    model = checkworthiness.Model.from_dict(weights)
    return [int(model.assess(t, quantities=find_quantities(t), attribution=None).checkworthy) for t in texts]


def scores(gold: list[int], predicted: list[int]) -> dict[str, float]:
    true_positive = sum(1 for g, p in zip(gold, predicted) if g and p)
    precision = true_positive / max(1, sum(predicted))
    recall = true_positive / max(1, sum(gold))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def choose_and_fit(rows: list[dict[str, float]], labels: list[int], texts: list[str]) -> tuple[dict, dict]:
    """Pick C and class weighting by inner cross-validation on these rows, then fit on all of them."""
    from sklearn.model_selection import StratifiedKFold

    inner = StratifiedKFold(n_splits=INNER_FOLDS, shuffle=True, random_state=SEED)
    best, best_f1 = GRID[0], -1.0
    for c, weighting in GRID:
        f1s = []
        for train, test in inner.split(texts, labels):
            weights = fit([rows[i] for i in train], [labels[i] for i in train], c=c, weighting=weighting)
            f1s.append(scores([labels[i] for i in test], predict(weights, [texts[i] for i in test]))["f1"])
        if statistics.mean(f1s) > best_f1:
            best, best_f1 = (c, weighting), statistics.mean(f1s)
    return fit(rows, labels, c=best[0], weighting=best[1]), {"C": best[0], "class_weight": best[1]}


def cross_validate(texts: list[str], labels: list[int], rows: list[dict[str, float]], *, words: bool) -> dict:
    from sklearn.model_selection import StratifiedKFold

    outer = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    selected = _keep(rows, words=words)
    folds = []
    for train, test in outer.split(texts, labels):
        weights, chosen = choose_and_fit(
            [selected[i] for i in train], [labels[i] for i in train], [texts[i] for i in train]
        )
        result = scores([labels[i] for i in test], predict(weights, [texts[i] for i in test]))
        folds.append({**{k: round(v, 4) for k, v in result.items()}, **chosen})
        print(f"  fold {len(folds)}: F1 {result['f1']:.3f} (C={chosen['C']}, class_weight={chosen['class_weight']})")
    return _summary(folds)


def tfidf_baseline(texts: list[str], labels: list[int]) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline

    outer = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    folds = []
    for train, test in outer.split(texts, labels):
        pipeline = make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
            LogisticRegression(max_iter=5000, class_weight="balanced"),
        )
        pipeline.fit([texts[i] for i in train], [labels[i] for i in train])
        predicted = [int(p) for p in pipeline.predict([texts[i] for i in test])]
        folds.append({k: round(v, 4) for k, v in scores([labels[i] for i in test], predicted).items()})
    return _summary(folds)


def _summary(folds: list[dict]) -> dict:
    return {
        "mean": {k: round(statistics.mean(f[k] for f in folds), 4) for k in ("f1", "precision", "recall")},
        "folds": folds,
    }


def seeds_news() -> dict | None:
    """The shipped weights on the hand-labelled seed sentences (nothing is fitted on them)."""
    if not SEEDS_GOLD.is_file():
        return None
    gold, predicted = [], []
    for document in json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))["documents"]:
        for sentence in document["sentences"]:
            speaker, organisation = sentence.get("speaker"), sentence.get("organization")
            attribution = (
                Attribution(speaker=speaker, organization=organisation, direct_quote=sentence.get("modality") == "quote")
                if speaker or organisation else None
            )
            text = sentence["text"]
            assessment = checkworthiness.assess(text, quantities=find_quantities(text), attribution=attribution)
            gold.append(int(sentence["checkworthy"]))
            predicted.append(int(assessment.checkworthy))
    return {"sentences": len(gold), **{k: round(v, 4) for k, v in scores(gold, predicted).items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data directory")
    parser.add_argument("--write-weights", action="store_true", help="refit on all rows and rewrite the shipped weights")
    args = parser.parse_args()
    path = args.data / "claimbuster" / "2.5xNCS.json"
    if not path.is_file():
        print(f"check-worthiness benchmark: data not found: {path} (see claimbuster/SOURCE.md)", file=sys.stderr)
        return 2
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("check-worthiness benchmark: needs scikit-learn: pip install -e '.[bench]'", file=sys.stderr)
        return 2

    raw = path.read_bytes()
    data = json.loads(raw)
    texts = [row["text"] for row in data]
    labels = [int(row["label"]) for row in data]
    rows = [featurise(text) for text in texts]
    report: dict = {
        "command": "python benchmarks/checkworthiness.py",
        "data": {"file": "claimbuster/2.5xNCS.json", "sha256": hashlib.sha256(raw).hexdigest(),
                 "sentences": len(texts), "checkworthy": sum(labels)},
        "protocol": f"{FOLDS}-fold stratified cross-validation, seed {SEED}; hyperparameters by "
                    f"{INNER_FOLDS}-fold inner cross-validation on each training part",
        "threshold": checkworthiness.THRESHOLD,
    }

    if args.write_weights:
        weights, chosen = choose_and_fit(rows, labels, texts)
        weights = {
            "about": "Check-worthiness weights (log-odds). 'fitted' weights and all word weights: logistic "
                     "regression fitted by benchmarks/checkworthiness.py --write-weights on ClaimBuster "
                     "2.5xNCS (Arslan et al. 2020, 9,674 US presidential debate sentences); 'hand-set' "
                     "weights: features that data never shows.",
            "data_sha256": report["data"]["sha256"],
            "hyperparameters": chosen,
            **weights,
        }
        checkworthiness.WEIGHTS_FILE.write_text(json.dumps(weights, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {checkworthiness.WEIGHTS_FILE.relative_to(REPO)} (C={chosen['C']}, class_weight={chosen['class_weight']})")
        checkworthiness.SHIPPED_MODEL = checkworthiness.Model.from_dict(weights)

    started = time.perf_counter()
    print("features + words (the shipped form), cross-validated:")
    report["features_and_words"] = cross_validate(texts, labels, rows, words=True)
    print("features only, cross-validated:")
    report["features_only"] = cross_validate(texts, labels, rows, words=False)
    report["tfidf_logistic_regression_baseline"] = tfidf_baseline(texts, labels)
    shipped = [
        int(checkworthiness.assess(t, quantities=find_quantities(t), attribution=None).checkworthy) for t in texts
    ]
    report["shipped_weights_in_sample"] = {k: round(v, 4) for k, v in scores(labels, shipped).items()}
    report["seed_news_sentences_shipped_weights"] = seeds_news()
    report["seconds"] = round(time.perf_counter() - started, 1)

    print(f"\n{'model':44} {'F1':>6} {'P':>6} {'R':>6}")
    for name, key in (
        ("features + words (4-fold CV)", "features_and_words"),
        ("features only (4-fold CV)", "features_only"),
        ("tf-idf + logistic regression (4-fold CV)", "tfidf_logistic_regression_baseline"),
    ):
        mean = report[key]["mean"]
        print(f"{name:44} {mean['f1']:6.3f} {mean['precision']:6.3f} {mean['recall']:6.3f}")
    shipped_scores = report["shipped_weights_in_sample"]
    print(f"{'shipped weights, in-sample (not held out)':44} {shipped_scores['f1']:6.3f} "
          f"{shipped_scores['precision']:6.3f} {shipped_scores['recall']:6.3f}")
    news = report["seed_news_sentences_shipped_weights"]
    if news:
        print(f"{'seed news sentences, shipped weights':44} {news['f1']:6.3f} {news['precision']:6.3f} {news['recall']:6.3f}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
