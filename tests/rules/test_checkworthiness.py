"""Check-worthiness: scores in [0, 1] with the features behind them; boilerplate,
opinion and questions low, statistics and attributed events high."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry import Attribution
from registry_rules import checkworthiness
from registry_rules.checkworthiness import THRESHOLD, Assessment, Model, assess
from registry_rules.quantities import find_quantities


def score(text: str, attribution: Attribution | None = None) -> Assessment:
    return assess(text, quantities=find_quantities(text), attribution=attribution)


@pytest.mark.parametrize(
    "text",
    [
        "You can share this story on social media.",
        "Comments are closed.",
        "Share this article",
        "Sign up for our morning newsletter.",
        "By Jane Doe",
        "Copyright 2024 Northern Wire. All rights reserved.",
    ],
)
def test_boilerplate_and_bylines_are_not_checkworthy(text):
    result = score(text)
    assert not result.checkworthy
    assert result.score < 0.05
    assert {"boilerplate", "byline"} & set(result.features)
    assert result.claim_type == "other"


def test_a_statistic_is_checkworthy_and_typed_quantity():
    result = score("Unemployment rose to 4.2 percent last year, the highest rate since 2015.")
    assert result.checkworthy
    assert result.score > 0.8
    assert result.features["quantity"] > 0
    assert result.features["statistic"] > 0
    assert result.claim_type == "quantity"


def test_an_attributed_event_is_checkworthy():
    attribution = Attribution(speaker="Tomas Rehak", role="Finance Minister", confidence=0.9)
    result = score("The government approved a revised budget that cut the deficit by 3.4 billion crowns.", attribution)
    assert result.checkworthy
    assert result.features["attributed"] > 0
    assert result.features["event"] > 0


def test_opinion_scores_low():
    result = score("I think this is a terrible and unfair idea.")
    assert not result.checkworthy
    assert result.features["opinion"] < 0
    assert result.features["first_person"] < 0
    assert result.claim_type == "opinion"


def test_a_question_scores_low():
    result = score("What should we do about it?")
    assert not result.checkworthy
    assert result.features["question"] < 0


def test_a_prediction_is_marked():
    result = score("Economists expect that unemployment will rise next year.")
    assert result.features["prediction"] < 0


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("Economists expect unemployment to reach 3.8% by the end of the year.", "forecast"),
        ("The index will climb to 140 points next year, the agency said.", "forecast"),
        ("The deficit could narrow to 2% if tax revenue holds up.", "conditional"),
        ("She urged the council to publish punctuality figures every quarter.", "exhortation"),
        ("Casualty figures should be treated with care, he said.", "exhortation"),
        ("He said the revised figures looked credible.", "evaluation"),
        ("A shortfall of 5% is far too large for the economy.", "evaluation"),
        ('"I waited 40 minutes for the bus," she said.', "quoted_first_person"),
        ("The ministry declined to comment on the figures.", "no_answer"),
        ("Patients can reach the helpline at 0800 555 0142 from 8 a.m.", "contact"),
        ("Voters can find their polling station at city.example/vote or by calling 311.", "contact"),
    ],
)
def test_what_news_reports_but_no_one_can_check_yet_is_pushed_down(text, feature):
    """Forecasts, recommendations, judgements, anecdotes, non-answers and service lines
    weigh against check-worthiness by hand-set weights (debate data cannot teach them)."""
    result = score(text)
    assert result.features[feature] < 0
    weights = json.loads(checkworthiness.WEIGHTS_FILE.read_text(encoding="utf-8"))["features"]
    assert weights[feature]["source"] == "hand-set"


@pytest.mark.parametrize(
    "text",
    [
        "Unemployment rose to 4.2 percent last year, the highest rate since 2015.",
        "The ministry said 120,000 patients were waiting for surgery in March.",
        "He called the council's office twice on Monday.",
        "Figures for 2023 were published on the ministry's website.",
        "The union did not say how many members it had polled.",
    ],
)
def test_plain_statements_fire_none_of_those_features(text):
    fired = set(score(text).features)
    assert not fired & {"forecast", "conditional", "exhortation", "evaluation", "quoted_first_person",
                        "no_answer", "contact"}


def test_a_byline_with_the_reporters_beat_is_a_byline():
    assert "byline" in score("By Samuel Okafor, City Hall reporter").features
    assert "byline" not in score("By Friday, officials said the bridge had reopened.").features


def test_the_same_sentence_with_a_number_scores_higher():
    assert score("Ukraine lost 125,000 troops in the offensive.").score > score("Ukraine lost troops in the offensive.").score


def test_features_explain_the_score_exactly():
    result = score("The Kremlin said Ukraine has lost more than 125,000 troops since June.")
    logit = sum(result.features.values())
    assert math.isclose(1 / (1 + math.exp(-logit)), result.score, rel_tol=1e-3)
    assert "bias" in result.features
    assert any(name.startswith("word:") for name in result.features)
    assert result.checkworthy == (result.score >= THRESHOLD)


def test_the_shipped_weights_say_where_they_come_from():
    data = json.loads(checkworthiness.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert "ClaimBuster" in data["about"]
    assert {entry["source"] for entry in data["features"].values()} == {"fitted", "hand-set"}
    assert data["features"]["boilerplate"]["source"] == "hand-set"
    assert data["terms"] and data["pieces"]
    assert any(" " in term for term in data["terms"])  # word pairs as well as words


def test_explain_names_the_words_and_pairs_of_the_sentence():
    text = "Since 2009 the deficit has been cut in half, from $1.4 trillion to $680 billion."
    result = score(text)
    named = [name.split(":", 1)[1] for name in result.features if name.startswith(("word:", "phrase:"))]
    assert 0 < len(named) <= 4
    sequence = checkworthiness.lexical_sequence(checkworthiness.tokens(text))
    assert all(term in checkworthiness.lexical_terms(sequence) for term in named)
    assert "other_words" in result.features


def test_a_word_never_seen_is_weighed_by_its_spelling():
    model = Model.from_dict({
        "intercept": 0.0,
        "features": {},
        "terms": {"lost": [1.0, 1.0]},
        "pieces": {"ed ": [0.5, 1.0], "zz": [9.0, 1.0]},
    })
    result = model.assess("They forfeited it.", quantities=[], attribution=None)
    assert result.features == {"word:forfeited": 0.5, "bias": 0.0}
    again = model.assess("They forfeited it.", quantities=[], attribution=None)  # from the word cache
    assert again == result


def test_a_model_from_a_dict_scores_with_its_own_weights():
    model = Model.from_dict({
        "intercept": 0.0,
        "features": {"quantity": {"weight": 2.0, "source": "hand-set"}},
        "terms": {"troops": [1.0, 1.0], "lost <num>": [2.0, 3.0]},
        "pieces": {"ps ": [0.5, 0.0]},
    })
    result = model.assess("We lost 5 troops.", quantities=find_quantities("We lost 5 troops."), attribution=None)
    # unit length over troops (norm 1) and 'lost <num>' (norm 3): each weight halved
    assert result.features == {"quantity": 2.0, "phrase:lost <num>": 1.0, "word:troops": 0.75, "bias": 0.0}
    assert math.isclose(result.score, 1 / (1 + math.exp(-3.75)))
    assert result.claim_type == "quantity"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_a_score_in_range(text):
    result = score(text)
    assert 0.0 <= result.score <= 1.0
    assert result.claim_type in {"quantity", "event", "quote", "causal", "prediction", "opinion", "other"}
    assert all(math.isfinite(value) for value in result.features.values())
