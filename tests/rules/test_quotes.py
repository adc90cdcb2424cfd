"""Direct quotations: which marks pair up, and what the rules read once
the quoted words are hidden. Straight single quotes, as British copy uses
them, are told apart from apostrophes."""

from __future__ import annotations

import pytest

from registry_rules.attribution import attribute_document
from registry_rules.quotes import HIDDEN, find_quotations, mask_quotations


def quoted(text: str) -> list[str]:
    return [text[start:end] for start, end in find_quotations(text)]


def test_straight_single_quotes_around_speech_are_a_quotation():
    text = "'The smoke came like a wall, and the signs were gone,' he said. 'I still don't know how.'"
    assert quoted(text) == ["The smoke came like a wall, and the signs were gone,", "I still don't know how."]


@pytest.mark.parametrize("text", [
    "It's the farmers' union that pays, said Ana Ruiz.",
    "Prices have not been this high since the '90s, the bank said.",
    "They called it rock 'n roll and left.",
])
def test_apostrophes_are_not_quotations(text):
    assert quoted(text) == []


def test_a_plural_possessive_inside_a_quotation_does_not_close_it():
    assert quoted("'It is the workers' money,' he said.") == ["It is the workers' money,"]


def test_a_quotation_ending_in_s_before_said_closes():
    assert quoted("'We need more buses' said Ana Ruiz.") == ["We need more buses"]


def test_an_apostrophe_that_nothing_closes_does_not_hide_a_later_quotation():
    text = 'Sales in the \'90s were lower. "Nothing works," she said.'
    assert quoted(text) == ["Nothing works,"]


def test_a_single_quote_is_not_closed_across_a_paragraph_break():
    assert quoted("'It is over.\n\nThe vote was 40 to 2,' he said.") == []


def test_masked_text_shows_the_marks_as_curly_quotes_with_offsets_unchanged():
    text = "'Prices rose,' said Ana Ruiz."
    masked = mask_quotations(text, find_quotations(text))
    assert masked == "‘" + HIDDEN * len("Prices rose,") + "’ said Ana Ruiz."
    assert len(masked) == len(text)


def test_inverted_said_after_a_single_quoted_quotation_names_the_speaker():
    text = ("'You hear it at night more than anything,' said Aidan Roche, 64, a retired bus driver. "
            "'Is this really the best use of the grid?'")
    first, second = (unit.attribution for unit in attribute_document(text, "Test Gazette"))
    assert (first.speaker, first.direct_quote, first.modality) == ("Aidan Roche", True, "quote")
    assert (second.speaker, second.cue) == ("Aidan Roche", "continued quotation")


def test_said_inside_a_single_quoted_quotation_does_not_attribute():
    text = "Protesters held up a banner: 'Mayor Ana Ruiz said 400 jobs were safe.'"
    (unit,) = attribute_document(text, "Test Gazette")
    assert unit.attribution.speaker is None
