"""Sentence splitting on news text: abbreviations, decimals, quotations,
ellipses, headlines and bylines, hard-wrapped lines; spans are exact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry_rules.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Jana Kubickova met Gen. Smith on Friday. Then she left.",
         ["Dr. Jana Kubickova met Gen. Smith on Friday.", "Then she left."]),
        ("Weaker demand from the U.S. weighed on exports. Prices fell.",
         ["Weaker demand from the U.S. weighed on exports.", "Prices fell."]),
        ("The firm moved to the U.S. The move cost $2 million.",
         ["The firm moved to the U.S.", "The move cost $2 million."]),
        ("It goes to the house on Jan. 24. A vote follows.",
         ["It goes to the house on Jan. 24.", "A vote follows."]),
        ("The No. 10 bus was late. Riders waited.", ["The No. 10 bus was late.", "Riders waited."]),
        ("Prices rose 4.2% in December. Wages grew 7.6%.", ["Prices rose 4.2% in December.", "Wages grew 7.6%."]),
        ("“We have done the hard part.” He smiled.", ["“We have done the hard part.”", "He smiled."]),
        ("“We have done the hard part,” he said. “Now it works.”",
         ["“We have done the hard part,” he said.", "“Now it works.”"]),
        ('"Is it over?" she asked. Nobody answered.', ['"Is it over?" she asked.', "Nobody answered."]),
        ("He paused... Then he spoke again.", ["He paused...", "Then he spoke again."]),
        ("He paused … and spoke again.", ["He paused … and spoke again."]),
        ("J. R. Smith said the plan failed. It did.", ["J. R. Smith said the plan failed.", "It did."]),
        ("The line opens at 7 a.m. The first bus leaves at 7:15 a.m. on weekdays.",
         ["The line opens at 7 a.m.", "The first bus leaves at 7:15 a.m. on weekdays."]),
        ("Acme Inc. said profits rose. Shares jumped!", ["Acme Inc. said profits rose.", "Shares jumped!"]),
        ("Did it work? Officials say no.", ["Did it work?", "Officials say no."]),
    ],
)
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_headline_byline_and_boilerplate_lines_are_sentences_of_their_own():
    text = (
        "Port Alder buses ran late, audit finds\nBy Jane Doe\n\n"
        "PORT ALDER - Buses were late. Riders complained.\n\nShare this article\n\nComments are closed.\n"
    )
    assert sentences(text) == [
        "Port Alder buses ran late, audit finds",
        "By Jane Doe",
        "PORT ALDER - Buses were late.",
        "Riders complained.",
        "Share this article",
        "Comments are closed.",
    ]


def test_hard_wrapped_lines_are_joined_into_one_sentence():
    text = "The report found that on-time performance\nfell to 76.4 per cent from 81 per cent in 2022, well short of the\ntarget. It was late."
    assert sentences(text) == [
        "The report found that on-time performance\nfell to 76.4 per cent from 81 per cent in 2022, well short of the\ntarget.",
        "It was late.",
    ]


def test_markdown_markers_are_outside_the_spans():
    text = "# Budget cut\n\n> Prices rose.\n\n- First point here.\n---\n"
    assert sentences(text) == ["Budget cut", "Prices rose.", "First point here."]


def test_paragraph_numbers_follow_blank_lines():
    text = "One. Two.\nThree line.\n\nFour."
    found = split_sentences(text)
    assert [s.paragraph for s in found] == [0, 0, 0, 1]


def test_empty_and_punctuation_only_text_has_no_sentences():
    assert split_sentences("") == []
    assert split_sentences("  \n\n --- \n ... \n") == []


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_spans_are_ordered_trimmed_and_index_the_text(text):
    found = split_sentences(text)
    previous_end = 0
    for sentence in found:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        piece = text[sentence.start:sentence.end]
        assert piece == piece.strip()
        assert any(ch.isalnum() for ch in piece)
        previous_end = sentence.end


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "Dr.", "U.S.", "Jan.", "No.", "4.2%", "said", "“Yes,”", "“No.”", "...", "…", "\n", "\n\n", "He", "the",
    "Prices", "rose", ".", "?", "!", " ", "a.m.", "J.", "Inc.", '"', "’", "‘",
]), max_size=60))
def test_news_like_token_soup_keeps_exact_spans(tokens):
    text = " ".join(tokens)
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end].strip() == text[sentence.start:sentence.end]
