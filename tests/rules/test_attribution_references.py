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


# -- people whose organisation the text gives elsewhere ------------------------------


def test_an_executive_speaks_for_the_company_just_quoted_when_the_story_is_about_a_regulator():
    found = sources(
        "The Energy Standards Board has fined Varkas Gas 1.2 million euros for late meter readings. "
        "Varkas Gas said it would appeal. "
        "Chief executive Dina Holm told reporters that 98 per cent of readings were on time."
    )
    assert found[2] == ("Dina Holm", "Varkas Gas")


def test_an_executive_speaks_for_the_company_the_story_is_about():
    found = sources(
        "Brightwater Rovers lost 12 million pounds last season, its accounts show. "
        "The club spent more than any other in the league, according to figures compiled by the league. "
        "Chief executive Tom Avery said the spending would pay off."
    )
    assert found[2] == ("Tom Avery", "Brightwater Rovers")


def test_a_spokeswoman_at_the_organisation_a_sentence_opens_with():
    found = sources(
        "Junior doctors stopped work in 30 hospitals, the Resident Doctors' Union said. "
        "But at the Varna City Hospital, a spokeswoman, Iva Petrova, said all surgery went ahead."
    )
    assert found[1] == ("Iva Petrova", "Varna City Hospital")


def test_a_group_described_with_a_participle_after_its_head():
    found = sources(
        "Pure Air Now, a Lyon-based residents' group opposed to the new runway, accused the airport of "
        "hiding noise data. Its founder, Elise Roux, said 3,000 homes were affected."
    )
    assert found == [(None, "Pure Air Now"), ("Elise Roux", "Pure Air Now")]


def test_a_person_who_leads_the_group_named_before():
    found = sources(
        "A tenants' group, Fair Rent Kraków, accused the city of raising rents by 20 per cent. "
        "\"We were never asked,\" said Jan Nowak, 64, a retired engineer who leads the group."
    )
    assert found[1] == ("Jan Nowak", "Fair Rent Kraków")


def test_a_person_who_lives_near_a_place_has_no_organisation():
    found = sources("\"We were never asked,\" said Jan Nowak, 64, a retired engineer who lives near the plant.")
    assert found == [("Jan Nowak", None)]
