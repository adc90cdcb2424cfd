"""Benchmark (and fit): check-worthiness on ClaimBuster 2.5xNCS.

Data: ``claimbuster/2.5xNCS.json`` in the shared data directory (9,674 US
presidential debate sentences, label 1 = check-worthy; see its SOURCE.md
and LICENSE.txt). It is read from there, never copied into the repository.

Protocol (issue 3): everything fitted on this data is scored by 4-fold
stratified cross-validation with seed 0; in each fold the model is fitted on
three folds and scored on the fourth, never on rows it was fitted on. The
regularisation strength is chosen inside each training
part by a 3-fold inner cross-validation, so the held-out fold plays no part
in any choice. Held-out predictions are made by the plugin's own
pure-Python scorer (``checkworthiness.Model``), so what is measured is what
ships. Reported: mean F1, precision and recall of the check-worthy class at
``THRESHOLD``, for

- ``features + words``: the shipped form: hand-made features, plus one
  TF-IDF-style bag (unit length, idf-weighted, binary counts) of words, adjacent
  word pairs and each word's character 2–5-grams at half weight, all fitted
  together by one logistic regression;
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
import functools
import hashlib
import json
import math
import statistics
import sys
import time
from dataclasses import dataclass
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
MIN_DOCUMENT_COUNT = 2  # a term or spelling piece seen in fewer training sentences gets no weight
# Class weighting is always 'balanced': with 'none' in the grid as well, the inner
# cross-validation chose 'balanced' in every fold of every earlier run.
GRID = [(c, "balanced") for c in (1.0, 3.0, 10.0)]
# Spelling pieces are many per word; at half the weight of a term in the unit-length
# bag they add to words and word pairs rather than drown them.
PIECE_SCALE = 0.5

# Features with weights set by hand (log-odds), because the debate sentences
# cannot teach them: page furniture never occurs in a debate and is never a
# claim; a line telling readers how to reach someone (a phone number, an
# address) is service information; an attributed statement leans
# check-worthy. Forecasts, exhortations, evaluations, conditional outcomes
# and a speaker's quoted first-person account are not claims by this
# project's definition (benchmarks/data/README.md), but the debate labels
# count a candidate's "we will...", "we should..." or "if we..., it will..."
# as often check-worthy, so fitted on them these weigh about nothing (a
# forecast even weighs up); a reporter's "declined to comment" is not said
# in a debate. Two come from the attribution, which debate sentences do not
# have: a commentator's forecast ("an analyst expects rents to rise": an
# opinion about the future, where an institution's own projection is an
# estimate) and a private person's account of their own life (a speaker
# with no organisation and no role, or the role of a private person: "a
# retired teacher"). A named source's denial ("X denied any wrongdoing") or
# accusation ("the union accused the bank of closing branches") is a claim to
# check even when it is short and has no figure.
HAND_SET = {
    "boilerplate": -8.0,
    "byline": -8.0,
    "contact": -4.0,
    "no_answer": -3.0,
    "forecast": -2.5,
    "quoted_first_person": -1.0,
    "exhortation": -1.5,
    "evaluation": -1.0,
    "conditional": -1.0,
    "attributed": 0.5,
    "commentator_forecast": -6.0,
    "personal_account": -8.0,
    "denial": 1.5,
    "accusation": 1.5,
}


@dataclass(frozen=True)
class Example:
    """One sentence as the model reads it: hand-made feature values, word terms, spelling pieces."""

    features: dict[str, float]
    terms: frozenset[str]
    pieces_by_word: tuple[frozenset[str], ...]


@functools.lru_cache(maxsize=None)
def _pieces(word: str) -> frozenset[str]:
    return frozenset(checkworthiness.spelling_pieces(word))


def featurise(text: str) -> Example:
    words = checkworthiness.tokens(text)
    values = checkworthiness.feature_values(text, words, quantities=find_quantities(text), attribution=None)
    sequence = checkworthiness.lexical_sequence(words)
    return Example(
        features={name: value for name, value in values.items() if name not in HAND_SET},
        terms=frozenset(checkworthiness.lexical_terms(sequence)),
        pieces_by_word=tuple(_pieces(word) for word in set(sequence)),
    )


def _idf(bags: list[frozenset[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency (as scikit-learn's TfidfVectorizer) of each kept entry."""
    counts: dict[str, int] = {}
    for bag in bags:
        for entry in bag:
            counts[entry] = counts.get(entry, 0) + 1
    n = len(bags)
    return {entry: math.log((1 + n) / (1 + count)) + 1 for entry, count in counts.items() if count >= MIN_DOCUMENT_COUNT}


def _lexical_block(examples: list[Example], term_idf: dict[str, float], piece_idf: dict[str, float]):
    """The unit-length idf-weighted rows the scorer's Model computes, as a sparse matrix.

    Columns: the terms, then the pieces. A piece found in two words of a
    sentence counts twice, and the length is summed word by word, as the
    scorer does to cache a word's share.
    """
    from scipy.sparse import csr_matrix

    column = {("term", entry): j for j, entry in enumerate(term_idf)}
    column.update({("piece", entry): len(term_idf) + j for j, entry in enumerate(piece_idf)})
    data, indices, pointers = [], [], [0]
    for example in examples:
        row: dict[tuple[str, str], float] = {}
        squared = 0.0
        bags = [("term", term_idf, example.terms)] + [("piece", piece_idf, bag) for bag in example.pieces_by_word]
        for kind, idf, bag in bags:
            for entry in bag:
                if entry in idf:
                    value = idf[entry] * (PIECE_SCALE if kind == "piece" else 1.0)
                    row[kind, entry] = row.get((kind, entry), 0.0) + value
                    squared += value * value
        length = math.sqrt(squared) or 1.0
        for key, value in row.items():
            indices.append(column[key])
            data.append(value / length)
        pointers.append(len(indices))
    return csr_matrix((data, indices, pointers), shape=(len(examples), len(column)))


def fit(examples: list[Example], labels: list[int], *, c: float, weighting: str | None, lexical: bool = True) -> dict:
    """Fit a logistic regression; return it in the layout of checkworthiness_weights.json."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = DictVectorizer()
    blocks = [vectoriser.fit_transform([example.features for example in examples])]
    term_idf = _idf([example.terms for example in examples]) if lexical else {}
    piece_idf = _idf([frozenset().union(*example.pieces_by_word) for example in examples]) if lexical else {}
    if lexical:
        blocks.append(_lexical_block(examples, term_idf, piece_idf))
    model = LogisticRegression(C=c, class_weight=weighting, max_iter=5000)
    model.fit(hstack(blocks).tocsr(), labels)
    names = vectoriser.get_feature_names_out()
    coefficients = [float(weight) for weight in model.coef_[0]]
    features = {name: {"weight": round(weight, 6), "source": "fitted"} for name, weight in zip(names, coefficients)}
    features.update({name: {"weight": weight, "source": "hand-set"} for name, weight in HAND_SET.items()})

    def lexical_weights(idf: dict[str, float], first_column: int, scale: float) -> dict[str, list[float]]:
        """Entry -> [coefficient × value, value²] with value = idf × scale: what the scorer sums and normalises by."""
        return {entry: [round(coefficients[column] * value * scale, 5), round((value * scale) ** 2, 4)]
                for column, (entry, value) in enumerate(idf.items(), start=first_column)}

    terms = lexical_weights(term_idf, len(names), 1.0)
    pieces = lexical_weights(piece_idf, len(names) + len(term_idf), PIECE_SCALE)
    return {
        "intercept": round(float(model.intercept_[0]), 6),
        "features": features,
        "terms": dict(sorted(terms.items())),
        "pieces": dict(sorted(pieces.items())),
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


def choose_and_fit(examples: list[Example], labels: list[int], texts: list[str], *, lexical: bool = True) -> tuple[dict, dict]:
    """Pick C and class weighting by inner cross-validation on these rows, then fit on all of them."""
    from sklearn.model_selection import StratifiedKFold

    inner = StratifiedKFold(n_splits=INNER_FOLDS, shuffle=True, random_state=SEED)
    best, best_f1 = GRID[0], -1.0
    for c, weighting in GRID:
        f1s = []
        for train, test in inner.split(texts, labels):
            weights = fit([examples[i] for i in train], [labels[i] for i in train], c=c, weighting=weighting,
                          lexical=lexical)
            f1s.append(scores([labels[i] for i in test], predict(weights, [texts[i] for i in test]))["f1"])
        if statistics.mean(f1s) > best_f1:
            best, best_f1 = (c, weighting), statistics.mean(f1s)
    weights = fit(examples, labels, c=best[0], weighting=best[1], lexical=lexical)
    return weights, {"C": best[0], "class_weight": best[1]}


def cross_validate(texts: list[str], labels: list[int], examples: list[Example], *, lexical: bool) -> dict:
    from sklearn.model_selection import StratifiedKFold

    outer = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    folds = []
    for train, test in outer.split(texts, labels):
        weights, chosen = choose_and_fit(
            [examples[i] for i in train], [labels[i] for i in train], [texts[i] for i in train], lexical=lexical
        )
        result = scores([labels[i] for i in test], predict(weights, [texts[i] for i in test]))
        folds.append({**{k: round(v, 4) for k, v in result.items()}, **chosen})
        print(f"  fold {len(folds)}: F1 {result['f1']:.3f} (C={chosen['C']}, class_weight={chosen['class_weight']})",
              flush=True)
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


def _weights_json(weights: dict) -> str:
    """Indented JSON with each term and piece on one line: readable, diffable and about half the size."""
    lexical = ("terms", "pieces")
    text = json.dumps({k: v for k, v in weights.items() if k not in lexical}, indent=1, ensure_ascii=False)
    for key in lexical:
        entries = ",\n".join(f"  {json.dumps(entry, ensure_ascii=False)}: {json.dumps(value)}"
                             for entry, value in weights[key].items())
        text = text[:-2] + f',\n "{key}": {{\n{entries}\n }}\n}}'
    return text + "\n"


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
    examples = [featurise(text) for text in texts]
    report: dict = {
        "command": "python benchmarks/checkworthiness.py",
        "data": {"file": "claimbuster/2.5xNCS.json", "sha256": hashlib.sha256(raw).hexdigest(),
                 "sentences": len(texts), "checkworthy": sum(labels)},
        "protocol": f"{FOLDS}-fold stratified cross-validation, seed {SEED}; hyperparameters by "
                    f"{INNER_FOLDS}-fold inner cross-validation on each training part",
        "threshold": checkworthiness.THRESHOLD,
    }

    if args.write_weights:
        weights, chosen = choose_and_fit(examples, labels, texts)
        weights = {
            "about": "Check-worthiness weights (log-odds). 'fitted' weights and all term and piece weights: logistic "
                     "regression fitted by benchmarks/checkworthiness.py --write-weights on ClaimBuster "
                     "2.5xNCS (Arslan et al. 2020, 9,674 US presidential debate sentences); 'hand-set' "
                     "weights: features that data never shows.",
            "data_sha256": report["data"]["sha256"],
            "hyperparameters": chosen,
            **weights,
        }
        checkworthiness.WEIGHTS_FILE.write_text(_weights_json(weights), encoding="utf-8")
        print(f"wrote {checkworthiness.WEIGHTS_FILE.relative_to(REPO)} (C={chosen['C']}, class_weight={chosen['class_weight']})")
        checkworthiness.shipped_model.cache_clear()

    started = time.perf_counter()
    print("features + words (the shipped form), cross-validated:")
    report["features_and_words"] = cross_validate(texts, labels, examples, lexical=True)
    print("features only, cross-validated:")
    report["features_only"] = cross_validate(texts, labels, examples, lexical=False)
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
