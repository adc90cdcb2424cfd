"""How close one claim is to another: retrieval of fact-checked claims and a
0–1 similarity score.

Two stages. :class:`FactCheckIndex` retrieves candidates with two BM25
indexes (``bm25s``) — one over stemmed words, one over character 4-grams,
which survive misspellings, hashtags written as one word and inflections
the stemmer misses — fused after scaling each by its best score. Then
:func:`claim_similarity` scores each candidate from 0 to 1: the
IDF-weighted overlap of words and of character 4-grams between the two
texts, lowered when each states a number the other does not (a fact-check
of "50,000 troops" is not about "125,000 troops"). Numbers are normalised
first ("125,000" = "125000", "1.5 million" = "1500000", "70 per cent" =
"70%").

The weights were chosen on the CheckThat! 2020 claim-retrieval train and
dev sets (``benchmarks/claim_retrieval.py``); see ``docs/benchmarks.md``.
Stemming and stop words are English; character n-grams still match other
languages, less well.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ._models import FactCheck

__all__ = [
    "CHAR_WEIGHT",
    "FactCheckIndex",
    "Match",
    "TextFeatures",
    "analyse",
    "claim_similarity",
    "key_terms",
    "numbers_agree",
]

#: Share of the character-4-gram index in the fused retrieval score.
RETRIEVAL_CHAR_WEIGHT = 0.5
#: Share of the character-4-gram overlap in :func:`claim_similarity`.
CHAR_WEIGHT = 0.5
#: Factor applied when each text states a number the other does not.
NUMBER_MISMATCH_FACTOR = 0.8
#: Candidates taken from retrieval before scoring.
CANDIDATES = 50
_NGRAM = 4

_URL = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+", re.IGNORECASE)
_WORD = re.compile(r"[#@]?\w+(?:[.,'’]\w+)*%?")
# Boundaries inside a hashtag or handle written in camel case: #FakeNews, @realDonaldTrump
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SCALES = {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9,
           "trillion": 1e12, "trillions": 1e12}


@dataclass(frozen=True)
class TextFeatures:
    """What the similarity measures look at in one text."""

    words: tuple[str, ...]
    grams: tuple[str, ...]
    numbers: frozenset[str]


@lru_cache(maxsize=1)
def _language_tools() -> tuple[object, frozenset[str]]:
    import Stemmer

    return Stemmer.Stemmer("english"), _english_stopwords()


def _english_stopwords() -> frozenset[str]:
    """bm25s's English stop words, read from its ``stopwords`` module alone
    when the package is not loaded yet: importing the package for this one
    tuple loads scipy too, about 0.2 s of CPU for a run that never builds
    an index (the consistency checker's similarity scores)."""
    import importlib.util
    import os
    import sys

    if "bm25s" not in sys.modules:
        package = importlib.util.find_spec("bm25s")
        locations = package.submodule_search_locations if package is not None else None
        source = os.path.join(locations[0], "stopwords.py") if locations else None
        if source is not None and os.path.isfile(source):
            spec = importlib.util.spec_from_file_location("_bm25s_stopwords", source)
            if spec is not None and spec.loader is not None:
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                return frozenset(module.STOPWORDS_EN)
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


def analyse(text: str) -> TextFeatures:
    """Stemmed content words, character 4-grams and normalised numbers of ``text``."""
    stemmer, stopwords = _language_tools()
    raw = _raw_words(text)
    words: list[str] = []
    grams: list[str] = []
    numbers: set[str] = set()
    for word in raw:
        if word in stopwords:
            continue
        if _NUMBER.fullmatch(word.rstrip("%")):
            numbers.add(word)
            words.append(word)
        else:
            words.append(stemmer.stemWord(word))
        padded = f" {word} "
        grams.extend(padded[i : i + _NGRAM] for i in range(max(1, len(padded) - _NGRAM + 1)))
    return TextFeatures(tuple(words), tuple(grams), frozenset(numbers))


def key_terms(text: str, limit: int = 10) -> str:
    """The first ``limit`` distinct content words of ``text`` as written, for a
    keyword search engine that does badly with whole sentences."""
    _, stopwords = _language_tools()
    chosen: dict[str, str] = {}
    for match in _WORD.finditer(_URL.sub(" ", unicodedata.normalize("NFKC", text))):
        word = match.group().lstrip("#@").strip(".,'’")
        folded = word.casefold()
        if word and folded not in stopwords and folded not in chosen:
            chosen[folded] = word
            if len(chosen) == limit:
                break
    return " ".join(chosen.values())


def _raw_words(text: str) -> list[str]:
    """Lower-case words with numbers normalised; URLs dropped; hashtags and handles split."""
    text = _URL.sub(" ", unicodedata.normalize("NFKC", text))
    words: list[str] = []
    for match in _WORD.finditer(text):
        token = match.group()
        parts = _CAMEL.sub(" ", token[1:]).replace("_", " ").split() if token[0] in "#@" else [token]
        for part in parts:
            part = part.casefold().replace("’", "").replace("'", "")
            if part in _SCALES and words and _is_number(words[-1]):
                words[-1] = _format_number(float(words[-1]) * _SCALES[part])
            elif part in ("cent", "percent") and words and words[-1] == "per" and len(words) > 1 \
                    and _is_number(words[-2]):
                words[-2:] = [words[-2] + "%"]
            elif part == "percent" and words and _is_number(words[-1]):
                words[-1] += "%"
            elif _NUMBER.fullmatch(part.rstrip("%")):
                words.append(_normalise_number(part))
            elif part:
                words.append(part)
    return words


def _is_number(word: str) -> bool:
    return _NUMBER.fullmatch(word) is not None


def _normalise_number(token: str) -> str:
    """'125,000' → '125000', '1.50' → '1.5', '3,5' stays '3,5' (ambiguous decimal comma)."""
    percent = "%" if token.endswith("%") else ""
    digits = token.rstrip("%")
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):
        digits = digits.replace(",", "")
    if re.fullmatch(r"\d+\.\d+", digits):
        digits = _format_number(float(digits))
    return digits + percent


def _format_number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


@dataclass
class _Weights:
    """Inverse document frequencies of words and 4-grams in a collection."""

    documents: int = 0
    word_df: Counter[str] = field(default_factory=Counter)
    gram_df: Counter[str] = field(default_factory=Counter)

    def add(self, features: TextFeatures) -> None:
        self.documents += 1
        self.word_df.update(set(features.words))
        self.gram_df.update(set(features.grams))

    def word(self, term: str) -> float:
        return self._idf(self.word_df.get(term, 0))

    def gram(self, term: str) -> float:
        return self._idf(self.gram_df.get(term, 0))

    def _idf(self, df: int) -> float:
        # BM25's idf, floored so that common terms still count a little. A term
        # the collection lacks weighs as one it holds once: otherwise, in a small
        # collection, the words a claim adds would outweigh the words it shares.
        df = max(df, 1)
        return max(math.log((self.documents - df + 0.5) / (df + 0.5) + 1.0), 0.05)


_UNIFORM = _Weights()


def claim_similarity(a: str | TextFeatures, b: str | TextFeatures, *, weights: _Weights | None = None) -> float:
    """How likely two texts state the same claim, from 0 (nothing shared) to 1
    (the same content words). Symmetric. Without ``weights`` (an index's
    statistics) every term weighs the same."""
    fa = a if isinstance(a, TextFeatures) else analyse(a)
    fb = b if isinstance(b, TextFeatures) else analyse(b)
    weights = weights or _UNIFORM
    words = _weighted_dice(Counter(fa.words), Counter(fb.words), weights.word)
    grams = _weighted_cosine(Counter(fa.grams), Counter(fb.grams), weights.gram)
    score = (1 - CHAR_WEIGHT) * words + CHAR_WEIGHT * grams
    if numbers_agree(fa, fb) is False:
        score *= NUMBER_MISMATCH_FACTOR
    return round(min(max(score, 0.0), 1.0), 6)


def numbers_agree(a: TextFeatures, b: TextFeatures) -> bool | None:
    """False when each text states a number the other does not ("50,000 and
    16,000" against "125,000 and 16,000"); None when either states none."""
    if not a.numbers or not b.numbers:
        return None
    return not (a.numbers - b.numbers and b.numbers - a.numbers)


def _weighted_dice(a: Counter[str], b: Counter[str], weight) -> float:
    if not a or not b:
        return 0.0
    shared = sum(weight(t) for t in a.keys() & b.keys())
    total = sum(weight(t) for t in a) + sum(weight(t) for t in b)
    return 2 * shared / total if total else 0.0


def _weighted_cosine(a: Counter[str], b: Counter[str], weight) -> float:
    if not a or not b:
        return 0.0
    va = {t: n * weight(t) for t, n in a.items()}
    vb = {t: n * weight(t) for t, n in b.items()}
    dot = sum(va[t] * vb[t] for t in va.keys() & vb.keys())
    norm = math.sqrt(sum(v * v for v in va.values())) * math.sqrt(sum(v * v for v in vb.values()))
    return dot / norm if norm else 0.0


@dataclass(frozen=True)
class Match:
    """One fact-check found for a claim."""

    factcheck: FactCheck
    score: float
    """:func:`claim_similarity` of the claim and the fact-checked claim, 0–1."""
    rank: int
    """1 for the best match."""
    numbers_agree: bool | None = None
    """False when the claim and the fact-checked claim each state a number the
    other does not (a fact-check of another figure); None when either states none."""


class FactCheckIndex:
    """A searchable collection of fact-checked claims. Build it once per
    collection: building tokenises every claim; searching is fast."""

    def __init__(self, factchecks: Iterable[FactCheck]) -> None:
        import bm25s

        self.factchecks: list[FactCheck] = list(factchecks)
        self._features = [analyse(_indexed_text(f)) for f in self.factchecks]
        self._claim_features = [analyse(f.claim_text) for f in self.factchecks]
        self.weights = _Weights()
        for features in self._features:
            self.weights.add(features)
        self._words = self._grams = None
        if any(f.words for f in self._features):
            self._words = bm25s.BM25()
            self._words.index([list(f.words) or [""] for f in self._features], show_progress=False)
            self._grams = bm25s.BM25()
            self._grams.index([list(f.grams) or [""] for f in self._features], show_progress=False)

    def __len__(self) -> int:
        return len(self.factchecks)

    def search(self, text: str, limit: int = 5, *, candidates: int = CANDIDATES) -> list[Match]:
        """The ``limit`` fact-checks closest to ``text``, best first."""
        return self.rank(text, candidates)[:limit]

    def rank(self, text: str, candidates: int = CANDIDATES) -> list[Match]:
        """Retrieve up to ``candidates`` fact-checks and order them by score."""
        query = analyse(text)
        if self._words is None or not query.words:
            return []
        chosen = self._retrieve(query, candidates)
        scored = [(self._score(query, i), retrieval, i) for i, retrieval in chosen]
        scored.sort(key=lambda item: (-item[0], -item[1], item[2]))
        return [
            Match(factcheck=self.factchecks[i], score=score, rank=position,
                  numbers_agree=numbers_agree(query, self._claim_features[i]))
            for position, (score, _, i) in enumerate(scored, start=1)
        ]

    def _score(self, query: TextFeatures, i: int) -> float:
        # Against the claim alone, so that a restatement scores 1, and with the
        # review's title, which often words the claim as the query does.
        return max(
            claim_similarity(query, self._claim_features[i], weights=self.weights),
            claim_similarity(query, self._features[i], weights=self.weights),
        )

    def _retrieve(self, query: TextFeatures, candidates: int) -> list[tuple[int, float]]:
        import numpy as np

        fused = np.zeros(len(self.factchecks), dtype=np.float64)
        for index, terms, share in (
            (self._words, query.words, 1 - RETRIEVAL_CHAR_WEIGHT),
            (self._grams, query.grams, RETRIEVAL_CHAR_WEIGHT),
        ):
            if not terms:
                continue
            scores = np.asarray(index.get_scores(list(terms)), dtype=np.float64)
            best = scores.max()
            if best > 0:
                fused += share * scores / best
        count = min(candidates, len(fused))
        top = np.argpartition(-fused, count - 1)[:count]
        return [(int(i), float(fused[i])) for i in top if fused[i] > 0]


def _indexed_text(factcheck: FactCheck) -> str:
    """A fact-check is found by its claim and by its review's title, which
    often restates the claim in other words."""
    return f"{factcheck.claim_text} {factcheck.review_title or ''}".strip()

