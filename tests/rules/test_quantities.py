"""Quantities: each written form parsed to value, unit and qualifier; numbers
that are no amounts (dates, times, phone numbers, identifiers) left out."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry_rules.quantities import find_quantities, is_unit_of_measurement


def parsed(text: str) -> list[tuple[float, str | None, str | None, str]]:
    return [(q.value, q.unit, q.qualifier, q.text) for q in find_quantities(text)]


def only(text: str):
    quantities = find_quantities(text)
    assert len(quantities) == 1, parsed(text)
    return quantities[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "written"),
    [
        ("Ukraine has lost over 125,000 troops.", 125000, "troops", "over", "over 125,000 troops"),
        ("It lost 16,000 pieces of heavy equipment since June.", 16000, "pieces of heavy equipment", None,
         "16,000 pieces of heavy equipment"),
        ("Prices rose 4.2% in a year.", 4.2, "%", None, "4.2%"),
        ("Costs rose 7.5 per cent last year.", 7.5, "%", None, "7.5 per cent"),
        ("Turnout was 81 percent.", 81, "%", None, "81 percent"),
        ("roughly $8.9 billion worth of weapons", 8.9e9, "USD", "roughly", "roughly $8.9 billion"),
        ("The deficit falls by 3.4 billion crowns.", 3.4e9, "CZK", None, "3.4 billion crowns"),
        ("About 1.1 million households get support.", 1.1e6, "households", "about", "About 1.1 million households"),
        ("and nearly a third of them will pay more", 1 / 3, "fraction", "nearly", "nearly a third"),
        ("losses were fewer than 90 a day", 90, None, "fewer than", "fewer than 90"),
        ("Pensions take roughly 25% of spending.", 25, "%", "roughly", "roughly 25%"),
        ("The temperature dropped to -5 degrees.", -5, "degrees", None, "-5 degrees"),
        ("Three buses drove past.", 3, "buses", None, "Three buses"),
        ("She bought twelve eggs.", 12, "eggs", None, "twelve eggs"),
        ("He sent a dozen roses.", 12, "roses", None, "a dozen roses"),
        ("The bank cut its rate by a quarter of a percentage point.", 0.25, "percentage points", None,
         "a quarter of a percentage point"),
        ("after the six-month counteroffensive", 6, "months", None, "six-month"),
        ("It will take two and a half hours.", 2.5, "hours", None, "two and a half hours"),
        ("It arrived more than five minutes late.", 5, "minutes", "more than", "more than five minutes"),
        ("He earns $15 an hour.", 15, "USD per hour", None, "$15 an hour"),
        ("The road is 20 km long.", 20, "kilometres", None, "20 km"),
        ("One in five voters stayed home.", 0.2, "fraction", None, "One in five"),
        ("Only 6 kilometres were painted.", 6, "kilometres", "only", "Only 6 kilometres"),
        ("at least 300 people", 300, "people", "at least", "at least 300 people"),
        ("up to 40 mm of rain", 40, "millimetres", "up to", "up to 40 mm"),
    ],
)
def test_each_written_form_is_parsed(text, value, unit, qualifier, written):
    quantity = only(text)
    assert math.isclose(quantity.value, value, rel_tol=1e-9)
    assert (quantity.unit, quantity.qualifier, quantity.text) == (unit, qualifier, written)


@pytest.mark.parametrize(
    "qualifier",
    ["over", "more than", "at least", "nearly", "almost", "about", "around", "roughly", "some", "up to",
     "fewer than", "less than"],
)
def test_every_qualifier_of_the_issue_is_recognised(qualifier):
    quantity = only(f"The group counted {qualifier} 500 vehicles.")
    assert (quantity.value, quantity.unit, quantity.qualifier) == (500, "vehicles", qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "The war began in 2022.",
        "Figures were released on Jan. 5.",
        "The vote is on December 15, 2023.",
        "It happened on 5 January 2024, in the 1960s and in the '90s.",
        "The 2013-14 season was cut short.",
        "The No. 10 bus was late.",
        "Call 905-555-0142 or (212) 555-1234 or +420 224 123 456.",
        "The line is staffed from 7 a.m. to 9 p.m. and closes at 17:30.",
        "The F-16, COVID-19 and the G7 were discussed.",
        "He finished 1st and she was 22nd; version 3.4.1 shipped.",
        "Article 5 and Section 230 were cited.",
        "the 2019 transit plan",
        "one of them said so",
    ],
)
def test_numbers_that_are_no_amounts_are_left_out(text):
    assert parsed(text) == []


def test_a_date_next_to_an_amount_leaves_the_amount():
    assert parsed("On Jan. 17, 38 buses failed to leave the garage.") == [(38, "buses", None, "38 buses")]


def test_a_four_digit_count_with_a_counted_noun_is_no_year():
    assert parsed("The army sent 2000 troops.") == [(2000, "troops", None, "2000 troops")]


def test_a_range_is_two_quantities_sharing_the_unit():
    assert parsed("Waits stretched to 10–12 minutes.") == [
        (10, "minutes", "between", "10"),
        (12, "minutes", "between", "12 minutes"),
    ]


def test_between_and_is_a_range():
    assert parsed("Losses were between 70,000 and 80,000 troops.") == [
        (70000, "troops", "between", "between 70,000"),
        (80000, "troops", "between", "80,000 troops"),
    ]


def test_the_first_end_of_a_range_borrows_the_scale():
    assert [q.value for q in find_quantities("between 5 and 10 million people")] == [5e6, 1e7]


def test_from_to_is_a_change_not_a_range():
    quantities = find_quantities("Performance fell from 81 to 76.4 per cent.")
    assert [(q.value, q.unit, q.qualifier) for q in quantities] == [(81, "%", None), (76.4, "%", None)]


def test_ordinal_fractions_are_not_fractions():
    assert parsed("Wages grew in the third quarter.") == []
    assert parsed("Officials offer a third number.") == []
    assert parsed("the second half of the year") == []
    assert parsed("less than half of them") == [(0.5, "fraction", "less than", "less than half")]


def test_an_ordinal_in_a_compound_word_is_no_fraction():
    assert parsed("A third-party tracing system failed in the quarter-final week.") == []
    assert [q.value for q in find_quantities("Two-thirds of the 30 claims were paid.")] == [2 / 3, 30]


def test_minus_written_as_a_word_is_a_negative_number():
    assert [(q.value, q.unit) for q in find_quantities("Pupils waited in minus 18 degrees.")] == [(-18, "degrees")]
    assert [q.value for q in find_quantities("The margin is plus or minus 3 points.")] == [3]


def test_the_rand_written_with_an_r_and_a_road_named_with_one():
    found = [(q.value, q.unit) for q in find_quantities("The debt hit R1.8bn, up from R900 million; she lost R4,000.")]
    assert found == [(1.8e9, "ZAR"), (9e8, "ZAR"), (4000, "ZAR")]
    assert find_quantities("A lorry crashed on the R101 near the AR-15 range.") == []


def test_phone_numbers_in_spaced_groups_are_no_amounts():
    assert find_quantities("Call 056 555 0142, or the freephone helpline on 1800 555 214.") == []
    assert [q.value for q in find_quantities("In 2024 150 000 people came.")] == [150000]


def test_a_fraction_of_a_scale_joined_by_a_hyphen():
    assert [(q.value, q.unit) for q in find_quantities("It cost a quarter-million dollars.")] == [(250000, "USD")]


def test_spans_are_offsets_into_the_document():
    document = "Intro sentence. Ukraine lost over 125,000 troops."
    start = document.index("Ukraine")
    (quantity,) = find_quantities(document[start:], offset=start)
    assert document[quantity.span.start:quantity.span.end] == quantity.text == "over 125,000 troops"


def test_units_of_measurement_are_told_from_counted_nouns():
    assert is_unit_of_measurement("kilometres")
    assert is_unit_of_measurement("%")
    assert is_unit_of_measurement("USD per hour")
    assert not is_unit_of_measurement("troops")
    assert not is_unit_of_measurement(None)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(min_value=0, max_value=10_000))
def test_never_raises_and_spans_index_the_text(text, offset):
    for quantity in find_quantities(text, offset=offset):
        assert text[quantity.span.start - offset:quantity.span.end - offset] == quantity.text
        assert quantity.text
        assert math.isfinite(quantity.value)


def test_numbers_too_large_for_a_float_are_left_out():
    assert parsed("0E309 and 1e400 and " + "9" * 400 + " troops") == []


def test_a_currency_code_is_read_once():
    assert parsed("He paid 5 USD 10 times.") == [(5, "USD", None, "5 USD"), (10, "times", None, "10 times")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "over", "about", "1,200", "3.5", "%", " per cent", "$", "€", "billion", "troops", "-", "–", "to",
    "between", "and", "a", "third", "half", "No.", "Jan.", "2023", "12", "/", "+", "(", ")", " ", ", ",
    "km", "degrees", "one", "in", "five", "·", "İ", "½", "x10", "e5", "'", "s", "USD", "E309", "9" * 320,
]), max_size=30))
def test_number_like_text_never_raises(pieces):
    text = " ".join(pieces)
    previous_end = 0
    for quantity in find_quantities(text):
        assert text[quantity.span.start:quantity.span.end] == quantity.text
        assert quantity.span.start >= previous_end  # in order, never overlapping
        assert math.isfinite(quantity.value)
        previous_end = quantity.span.end
