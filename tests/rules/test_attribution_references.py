"""References to organisations named earlier in an article: "its" before a
role, a mayor's town, organisations named only in passing (as an object, in
a description, before ", which") that a class noun or a later subject refers
to. Each rule has positive and negative cases, on sentences written for
these tests (none is taken from the seed articles)."""

from __future__ import annotations

from registry_rules.attribution import attribute_document

PUBLISHER = "Test Gazette"


def sources(text: str) -> list[tuple[str | None, str | None]]:
    return [(unit.attribution.speaker, unit.attribution.organization) for unit in attribute_document(text, PUBLISHER)]


# -- "its" opening a sentence ---------------------------------------------------


def test_its_is_the_organisation_the_sentence_before_is_about():
    found = sources(
        "The Maritime Ministry said the harbour would stay open. "
        "The Harbour Pilots' Guild, which represents 400 pilots, has called a strike for Monday. "
        "Its president, Ana Ruiz, said pay had fallen 9 per cent since 2021."
    )
    assert found[2][0] == "Ana Ruiz"
    assert "Guild" in (found[2][1] or "")


def test_its_is_the_organisation_the_sentence_before_quoted():
    found = sources(
        "The Labour Ministry said wages rose 3 per cent. "
        "Norway lost 2,000 nurses to Sweden last year, according to the Care Staff Monitor, an Oslo think tank. "
        "Its director, Per Lund, said most of them were under 30."
    )
    assert found[2] == ("Per Lund", "Care Staff Monitor")


def test_its_inside_a_sentence_keeps_the_organisation_named_last():
    found = sources(
        "The Fenwick Dock Company said 40 cranes were idle. "
        "The Harbour Council expects a loss of 3 million euros, its treasurer, Ola Berg, told reporters."
    )
    assert found[1] == ("Ola Berg", "Harbour Council")


def test_its_mayor_is_the_town_the_text_described():
    found = sources(
        "In Brennholt, a village of 2,000 people near the border, the post office closed in May. "
        "Its mayor, Ute Kern, told reporters that the nearest branch was 30 kilometres away."
    )
    assert found[1] == ("Ute Kern", "Brennholt")


def test_its_mayor_needs_a_town_the_text_described():
    found = sources(
        "The Northern Post Company said it would close 40 branches. "
        "In Brennholt the post office closed in May. "
        "Its mayor, Ute Kern, told reporters that the nearest branch was 30 kilometres away."
    )
    assert found[2][0] == "Ute Kern"
    assert found[2][1] != "Brennholt"


# -- organisations named in passing ------------------------------------------------


def test_the_company_is_an_organisation_named_as_an_object():
    found = sources(
        "The Consumer Protection Board has fined the insurer Castellan Mutual 2 million euros. "
        "In a statement, the company said it would appeal."
    )
    assert found[1] == (None, "Castellan Mutual")


def test_a_company_that_spoke_wins_over_one_named_in_passing():
    found = sources(
        "Norvik said the insurer Castellan Mutual had refused to pay for the fire. "
        "The company said it would sue."
    )
    assert found[1] == (None, "Norvik")


def test_a_name_before_which_is_no_person():
    found = sources(
        "Regulators fined Marlow Fenwick, which runs 12 care homes, 40,000 pounds. "
        "Marlow Fenwick said it would appeal against the fine."
    )
    assert found[1] == (None, "Marlow Fenwick")


def test_a_name_before_who_is_a_person():
    found = sources(
        "Regulators fined a care home run by Clara Voss, who owns 12 homes. "
        "Clara Voss said she would appeal against the fine."
    )
    assert found[1] == ("Clara Voss", None)


def test_a_description_after_a_name_in_passing_gives_its_kind():
    found = sources(
        "The Transport Authority will pay 12 million euros to Ferrovia Lusa, the state rail operator, next year. "
        "The operator's chairman, Joao Lima, said the money would buy six trains."
    )
    assert found[1] == ("Joao Lima", "Ferrovia Lusa")


def test_a_description_of_a_person_after_a_name_is_no_organisation():
    found = sources(
        "The award went to Marta Ruiz, a nurse from Toledo, on Friday. "
        "Marta Ruiz said she was surprised."
    )
    assert found[1] == ("Marta Ruiz", None)
