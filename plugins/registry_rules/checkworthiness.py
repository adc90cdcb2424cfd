"""Score how check-worthy a sentence is, with the features that explain the score.

The score is a logistic model over interpretable features in the manner of
ClaimBuster and PASTEL: numbers, named entities, statistics and
comparisons, verifiable event verbs and attribution push a sentence up;
opinion, prediction, questions, hedges, first-person experience and
boilerplate push it down. A small lexical component (one weight per word)
adds what the hand-made features miss; its largest word contributions are
listed by name so the result stays explainable.

The weights are in ``checkworthiness_weights.json`` next to this module.
The data-driven ones are fitted by ``benchmarks/checkworthiness.py
--write-weights`` (scikit-learn logistic regression) on the ClaimBuster
2.5xNCS set of US presidential debate sentences (Arslan et al. 2020,
``/work/shared/data/claimbuster``); features that set never shows (boilerplate,
bylines) carry hand-set weights, marked as such in the file. Scoring here is
pure Python.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from registry import Attribution, Quantity

THRESHOLD = 0.5
"""A sentence whose score is at least this is check-worthy (issue 3: default 0.5)."""

WEIGHTS_FILE = Path(__file__).with_name("checkworthiness_weights.json")

# How many single-word contributions are named in ``features``; the rest are summed.
_NAMED_WORDS = 4

_BOILERPLATE = re.compile(
    r"\b(?:share this (?:article|story|page)|you can share this|comments are (?:closed|open)"
    r"|sign up for (?:our|the) (?:\w+ )?newsletters?|subscribe (?:to|for)|click here|read more"
    r"|follow us on|all rights reserved|copyright ©|©\s?\d{4}|related (?:articles|stories|coverage)"
    r"|this (?:article|story) (?:was|has been) (?:updated|corrected|amended)"
    r"|(?:first )?published (?:on )?\w+ \d|advertisement|cookie|privacy policy|terms of (?:use|service)"
    r"|you can (?:email|contact|reach) us|contact the author|photo(?:graph)?s?:|image caption"
    r"|listen to this article|minutes? read\b|reporting by|editing by|contributed (?:to )?(?:this )?report)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*(?:By|BY|Written by|Reporting by)\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}\s*[,.]?\s*$")
_STATISTIC = re.compile(
    r"\b(?:double[ds]?|doubling|tripled?|twice|half|halved|percent(?:age)?|per cent|rate|rates|average"
    r"|median|increase[ds]?|decrease[ds]?|increasing|decreasing|rise|rose|risen|rising|fell|fall|fallen"
    r"|falling|drop(?:ped)?|grew|grow|growth|decline[ds]?|declining|cut|cuts|record|lowest|highest"
    r"|largest|smallest|biggest|most|least|fewer|more than|less than|compared (?:with|to)|since"
    r"|times as|total|totals|majority|minority|share|ranked?|number of|amount of|per capita"
    r"|deficit|debt|budget|unemployment|inflation|gdp|tax(?:es)?|billion|million|trillion)\b",
    re.IGNORECASE,
)
_EVENT = re.compile(
    r"\b(?:killed|died|dies|wounded|injured|arrested|attacked|invaded|launched|signed|passed|vetoed"
    r"|voted|approved|rejected|announced|released|elected|appointed|resigned|fired|hired|created"
    r"|lost|won|built|closed|opened|banned|imposed|raised|lowered|spent|paid|sent|sold|bought"
    r"|cut|added|shipped|delivered|destroyed|captured|seized|charged|convicted|sentenced"
    r"|sued|fined|ruled|struck|took|joined|left|held|met|visited|introduced|sponsored|supported"
    r"|opposed|increased|reduced|doubled|tripled|expanded|eliminated|ended|began|started|founded"
    r"|confirmed|reported|recorded|counted|published|filed|issued|awarded|granted|received)\b",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:I|we) (?:think|believe|feel|hope|guess|suppose|wish|want|know|love|like|agree|disagree)\b"
    r"|\bin my (?:opinion|view|judgment)\b|\b(?:should|shouldn't|ought to|must|need to|needs to|have to)\b"
    r"|\b(?:great|terrible|wonderful|horrible|awful|excellent|fantastic|disgraceful|shameful|wrong"
    r"|right thing|good|bad|best|worst|important|outrageous|ridiculous|unacceptable|beautiful"
    r"|amazing|incredible|strong|weak|tremendous|disaster|mistake|fair|unfair|crazy|sad|proud"
    r"|deserve|deserves|respect|honor|honour|tough)\b",
    re.IGNORECASE,
)
_PREDICTION = re.compile(
    r"\b(?:will|won't|shall|going to|gonna|expect(?:s|ed)? to|expected|forecasts?|predicts?|projected"
    r"|plans? to|intends? to|aims? to|likely to|unlikely to|set to|next (?:year|month|week|decade))\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:may|might|could|perhaps|possibly|probably|maybe|apparently|allegedly|reportedly"
    r"|seems?|seemed|appears? to|suggests?|unclear|uncertain)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|mine|myself)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you've|yourself)\b", re.IGNORECASE)
_CAUSAL = re.compile(
    r"\b(?:because(?: of)?|due to|caused|causes|cause|led to|leads to|lead to|result(?:ed)? in"
    r"|as a result|owing to|thanks to|blamed|responsible for|so that|therefore)\b",
    re.IGNORECASE,
)
_QUESTION_OPENERS = re.compile(
    r"^\W*(?:who|what|when|where|why|how|which|is|are|was|were|do|does|did|can|could|would|will"
    r"|should|have|has|isn't|aren't|don't|doesn't|didn't)\b",
    re.IGNORECASE,
)
_QUOTE_MARKS = re.compile(r"[\"“”]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*|[0-9][0-9,.]*")
_CAPITALISED = re.compile(r"(?<![.!?:\"“‘]\s)(?<!^)\b[A-Z][a-z]+(?:[-'’][A-Za-z]+)?\b")
_NUMBER = re.compile(r"[0-9]")

# The claim type each feature stands for; a claim's type is the typed feature
# with the largest contribution to its score (in either direction).
_FEATURE_TYPES = {
    "quantity": "quantity",
    "statistic": "quantity",
    "event": "event",
    "quote": "quote",
    "causal": "causal",
    "prediction": "prediction",
    "opinion": "opinion",
    "first_person": "opinion",
    "hedge": "opinion",
    "question": "other",
    "boilerplate": "other",
    "byline": "other",
}


@dataclass(frozen=True)
class Assessment:
    """How check-worthy one sentence is, and why.

    ``features`` maps each feature that fired to its contribution to the
    score's log-odds (the model's weight times the feature's value), plus
    ``bias``; they sum to the logit of ``score``.
    """

    score: float
    checkworthy: bool
    claim_type: str
    features: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class _Model:
    intercept: float
    feature_weights: dict[str, float]
    word_weights: dict[str, float]


def _load_model(path: Path) -> _Model:
    data = json.loads(path.read_text(encoding="utf-8"))
    return _Model(
        intercept=float(data["intercept"]),
        feature_weights={name: float(w["weight"]) for name, w in data["features"].items()},
        word_weights={word: float(w) for word, w in data.get("words", {}).items()},
    )


_MODEL = _load_model(WEIGHTS_FILE)


def words(text: str) -> list[str]:
    """The lower-cased word tokens the lexical component weighs (numbers become '<num>')."""
    return ["<num>" if token[0].isdigit() else token.lower().replace("’", "'") for token in _WORD.findall(text)]


def feature_values(
    text: str, *, quantities: list[Quantity], attribution: Attribution | None
) -> dict[str, float]:
    """The hand-made features of ``text``, each a value in [0, 1] (absent ones omitted)."""
    values: dict[str, float] = {}
    stripped = text.strip()
    tokens = _WORD.findall(stripped)

    def mark(name: str, value: float = 1.0) -> None:
        if value:
            values[name] = value

    mark("quantity", 1.0 if quantities or _NUMBER.search(stripped) else 0.0)
    mark("named_entity", min(len(_CAPITALISED.findall(stripped)), 3) / 3)
    mark("statistic", min(len(_STATISTIC.findall(stripped)), 2) / 2)
    mark("event", 1.0 if _EVENT.search(stripped) else 0.0)
    mark("attributed", 1.0 if attribution is not None and attribution.claimant else 0.0)
    mark("quote", 1.0 if (attribution is not None and attribution.direct_quote) or _QUOTE_MARKS.search(stripped) else 0.0)
    mark("causal", 1.0 if _CAUSAL.search(stripped) else 0.0)
    mark("opinion", min(len(_OPINION.findall(stripped)), 2) / 2)
    mark("prediction", 1.0 if _PREDICTION.search(stripped) else 0.0)
    mark("hedge", 1.0 if _HEDGE.search(stripped) else 0.0)
    mark("first_person", 1.0 if _FIRST_PERSON.search(stripped) else 0.0)
    mark("second_person", 1.0 if _SECOND_PERSON.search(stripped) else 0.0)
    mark("question", 1.0 if stripped.endswith("?") or (_QUESTION_OPENERS.search(stripped) and "?" in stripped) else 0.0)
    mark("short", 1.0 if len(tokens) < 6 else 0.0)
    mark("boilerplate", 1.0 if _BOILERPLATE.search(stripped) else 0.0)
    mark("byline", 1.0 if _BYLINE.match(stripped) else 0.0)
    return values


def assess(text: str, *, quantities: list[Quantity], attribution: Attribution | None) -> Assessment:
    """Score ``text`` (one sentence or clause) for check-worthiness."""
    contributions: dict[str, float] = {}
    for name, value in feature_values(text, quantities=quantities, attribution=attribution).items():
        weight = _MODEL.feature_weights.get(name, 0.0)
        if weight:
            contributions[name] = weight * value
    word_contributions = sorted(
        ((word, _MODEL.word_weights[word]) for word in set(words(text)) if word in _MODEL.word_weights),
        key=lambda item: -abs(item[1]),
    )
    for word, weight in word_contributions[:_NAMED_WORDS]:
        contributions[f"word:{word}"] = weight
    rest = sum(weight for _, weight in word_contributions[_NAMED_WORDS:])
    if rest:
        contributions["other_words"] = rest
    logit = _MODEL.intercept + sum(contributions.values())
    score = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, logit))))
    typed = [(abs(v), _FEATURE_TYPES[name]) for name, v in contributions.items() if name in _FEATURE_TYPES]
    claim_type = max(typed)[1] if typed else "other"
    features = {name: round(value, 4) for name, value in contributions.items()}
    features["bias"] = round(_MODEL.intercept, 4)
    return Assessment(score=score, checkworthy=score >= THRESHOLD, claim_type=claim_type, features=features)
