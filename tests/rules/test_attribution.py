"""Attribution patterns, one test each (with negative cases), role and
organisation splitting, media, modality, continuation across sentences,
clause splitting and the chain from the origin to the publisher."""

from __future__ import annotations

import pytest

from registry import Attribution
from registry_rules.attribution import PATTERN_CONFIDENCE, attribute_document

PUBLISHER = "Test Gazette"


def attributions(text: str) -> list[Attribution]:
    return [unit.attribution for unit in attribute_document(text, PUBLISHER)]


def last(text: str) -> Attribution:
    return attributions(text)[-1]


def assert_unattributed(attribution: Attribution) -> None:
    assert attribution.speaker is None
    assert attribution.organization is None
    assert attribution.claimant is None
    assert [(link.name, link.kind) for link in attribution.chain] == [(PUBLISHER, "publisher")]
    assert attribution.confidence == PATTERN_CONFIDENCE["unattributed"]


# -- "according to" -----------------------------------------------------------


def test_according_to_estimates_names_the_organisation_and_an_estimate():
    a = last("According to Health Ministry estimates, 4,000 people died in the floods.")
    assert (a.speaker, a.organization, a.modality) == (None, "Health Ministry", "estimate")
    assert a.cue == "according to"
    assert a.confidence == PATTERN_CONFIDENCE["according_to"]


def test_according_to_a_document_released_by_someone_names_its_producer():
    a = last("Exports fell 3%, according to a report released on Monday by the Baltic Trade Institute.")
    assert a.organization == "Baltic Trade Institute"
    assert a.modality == "statement"


def test_according_to_takes_the_appositive_kind_for_later_references():
    found = attributions(
        "Aid rose to $8.9 billion, according to Aid Tracker Europe, a monitoring group. "
        "About 12% went to armour, the group said."
    )
    assert [a.organization for a in found] == ["Aid Tracker Europe", "Aid Tracker Europe"]


def test_according_to_something_that_is_no_source_does_not_attribute():
    assert_unattributed(last("According to legend, the bridge was built in a night."))


# -- attribution verbs with the subject first -----------------------------------


@pytest.mark.parametrize(
    ("verb", "modality"),
    [
        ("said", "statement"), ("says", "statement"), ("told parliament", "statement"),
        ("claimed", "allegation"), ("estimated", "estimate"), ("reported", "statement"),
        ("announced", "statement"), ("warned", "statement"), ("added", "statement"),
        ("noted", "statement"), ("argued", "statement"), ("insisted", "statement"),
        ("denied", "denial"), ("accused rivals", "allegation"), ("predicted", "prediction"),
    ],
)
def test_subject_and_attribution_verb(verb, modality):
    a = last(f"The Acme Corporation {verb} that profits rose 5% last year.")
    assert a.organization == "Acme Corporation"
    assert a.speaker is None
    assert a.modality == modality
    assert a.cue == verb.split()[0]


def test_person_with_a_title_before_the_name():
    a = last("Mayor Jane Holloway said the bridge cost $4 million.")
    assert (a.speaker, a.role, a.organization) == ("Jane Holloway", "Mayor", None)
    assert a.confidence == PATTERN_CONFIDENCE["subject_verb"]


def test_auxiliaries_and_adverbs_between_subject_and_verb():
    a = last("Moscow has repeatedly said it is open to talks.")
    assert a.organization == "Russian government"


def test_said_inside_a_quotation_does_not_attribute():
    assert_unattributed(last("The play was called “Why the minister said no” and ran for a year."))
    assert_unattributed(last("“They said it would never happen here.”"))


def test_passive_verbs_name_no_source():
    assert_unattributed(last("Inflation is expected to fall to 2% next year."))
    assert_unattributed(last("The strike was reported in March."))


def test_document_verbs_need_a_document_as_subject():
    assert_unattributed(last("Police found the body of a man near the river."))
    a = last("The audit, published on Monday by the Port Auditor, found 40 faults. The study found more.")
    assert a.organization is None or a.organization == "Port Auditor"


def test_bylines_and_credits_name_no_source():
    assert_unattributed(last("Reporting by Tomas Varga in Kyiv; additional reporting by Ieva Kalnina."))
    assert_unattributed(last("By Jane Doe"))


# -- inverted and trailing ------------------------------------------------------


def test_inverted_said_with_role_and_organisation():
    a = last("Costs doubled in a year, said Maria Lopez, the director of the Harbour Institute.")
    assert (a.speaker, a.role, a.organization) == ("Maria Lopez", "director", "Harbour Institute")
    assert a.confidence == PATTERN_CONFIDENCE["inverted"]


def test_inverted_said_after_a_quotation():
    a = last('"The number is not supported by anything," said Olena Marchuk, a researcher at the Casualty Project.')
    assert (a.speaker, a.role, a.organization) == ("Olena Marchuk", "researcher", "Casualty Project")
    assert a.direct_quote is True
    assert a.modality == "quote"


def test_trailing_name_said():
    a = last("Costs doubled in a year, Maria Lopez said.")
    assert a.speaker == "Maria Lopez"
    assert a.confidence == PATTERN_CONFIDENCE["trailing"]


def test_name_comma_role_comma_said():
    a = last("Tom Baker, a spokesman for the Port Authority, said ships were delayed by 12 hours.")
    assert (a.speaker, a.role, a.organization) == ("Tom Baker", "spokesman", "Port Authority")
    assert a.confidence == PATTERN_CONFIDENCE["appositive"]


def test_parenthetical_between_subject_and_verb():
    a = last("Councillor Amira Said, who sits on the transit committee, said the findings were clear.")
    assert (a.speaker, a.role, a.organization) == ("Amira Said", "Councillor", "council")
    a = last("Kyiv, for its part, says Russia has lost 340,000 soldiers.")
    assert a.organization == "Ukrainian government"


# -- roles, organisations and media -----------------------------------------------


def test_organisation_role_name_is_split():
    a = last("Kremlin spokesman Dmitry Peskov said the talks were over.")
    assert (a.speaker, a.role, a.organization) == ("Dmitry Peskov", "spokesman", "Kremlin")


def test_minister_heads_a_ministry_but_a_prime_minister_does_not():
    a = last("Finance Minister Tomas Rehak said the deficit would shrink.")
    assert (a.speaker, a.role, a.organization) == ("Tomas Rehak", "Finance Minister", "Finance Ministry")
    a = last("Prime Minister Jan Novak said the deficit would shrink.")
    assert (a.speaker, a.role, a.organization) == ("Jan Novak", "Prime Minister", None)


def test_role_told_medium_with_interviewer():
    a = last("Energy Minister Karl Berg told NBC's Keir Simmons that output fell 8%.")
    assert (a.speaker, a.organization, a.medium, a.interviewer) == ("Karl Berg", "Energy Ministry", "NBC", "Keir Simmons")
    assert a.confidence == PATTERN_CONFIDENCE["told_medium"]


def test_told_an_audience_that_is_not_a_medium():
    a = last("Raman told reporters the fleet was too old.")
    assert a.medium is None
    a = last("Priya Raman told council's transit committee the fleet was too old.")
    assert (a.speaker, a.medium) == ("Priya Raman", None)


def test_speaking_to_a_medium():
    a = last("Speaking to Radio Kraina, Colonel Ivan Petrenko said the bridge was hit twice.")
    assert (a.speaker, a.role, a.medium) == ("Ivan Petrenko", "Colonel", "Radio Kraina")
    assert a.confidence == PATTERN_CONFIDENCE["speaking_to"]


def test_as_reported_by():
    a = last("The plant closed in May, as reported by Baltic News Network.")
    assert a.organization == "Baltic News Network"
    assert a.confidence == PATTERN_CONFIDENCE["as_reported_by"]


def test_citing_puts_the_cited_source_first_in_the_chain():
    a = last("Citing customs data, the Trade Council said exports fell 3%.")
    assert a.organization == "Trade Council"
    assert [(link.name, link.kind) for link in a.chain] == [
        ("customs data", "speaker"), ("Trade Council", "organization"), (PUBLISHER, "publisher"),
    ]


def test_figures_show():
    a = last("Unemployment rose to 5%, the Labour Office's figures show.")
    assert a.organization == "Labour Office"
    assert a.confidence == PATTERN_CONFIDENCE["figures_show"]


def test_put_the_figure_at():
    a = last("The Red Cross put the death toll at 120 on Sunday.")
    assert (a.organization, a.modality) == ("Red Cross", "estimate")
    assert a.confidence == PATTERN_CONFIDENCE["put_figure"]


def test_in_a_statement():
    a = last("In a statement, the Port Authority said ships were delayed.")
    assert a.organization == "Port Authority"
    assert a.cue.startswith("In a statement")
    assert a.confidence == PATTERN_CONFIDENCE["in_statement"]


def test_unnamed_group_is_a_role_without_a_claimant():
    a = last("Opposition lawmakers called the cuts cruel.")
    assert (a.speaker, a.organization, a.role) == (None, None, "Opposition lawmakers")
    assert a.confidence == PATTERN_CONFIDENCE["unnamed_group"]


def test_officials_of_a_named_organisation_speak_for_it():
    a = last("Kremlin officials said the talks were over.")
    assert a.organization == "Kremlin"


def test_headline_that_names_its_source_after_a_dash():
    a = last("US has to rethink its stance on Ukraine – Kremlin")
    assert a.organization == "Kremlin"
    assert a.confidence == PATTERN_CONFIDENCE["headline_source"]


# -- continuation ---------------------------------------------------------------------


def test_pronoun_continues_the_last_person():
    found = attributions(
        "Kremlin spokesman Dmitry Peskov told NBC that talks were over. "
        "Moscow would prefer a constructive line, he added."
    )
    assert found[1].speaker == "Dmitry Peskov"
    assert (found[1].role, found[1].organization, found[1].medium) == ("spokesman", "Kremlin", "NBC")
    assert found[1].confidence == pytest.approx(PATTERN_CONFIDENCE["trailing"] * 0.8, abs=0.001)


def test_she_said_and_surnames():
    found = attributions(
        "Dr. Jana Kubickova, chief economist at Vltava Bank, said the figures looked credible. "
        "Demand from Germany weighed on output, she noted. "
        "“It is a sensible compromise,” Kubickova said."
    )
    assert [(a.speaker, a.organization) for a in found] == [("Jana Kubickova", "Vltava Bank")] * 3


def test_role_description_resolves_to_the_person_with_that_role():
    found = attributions(
        "President Vladimir Putin accused the West of lying. "
        "Kremlin spokesman Dmitry Peskov said talks were over. "
        "The Russian leader wants dialogue, the spokesman said. "
        "Asked about prisoners, the president said a swap was possible."
    )
    assert [a.speaker for a in found] == ["Vladimir Putin", "Dmitry Peskov", "Dmitry Peskov", "Vladimir Putin"]


def test_the_group_resolves_to_the_nearest_organisation_of_that_kind():
    found = attributions(
        "Olena Marchuk, the director of the Conflict Casualty Project, a research group, said losses were lower. "
        "The counteroffensive was funded by $8.9 billion of aid, according to Aid Tracker Europe, a monitoring group. "
        "About 12% went to armour, the group said."
    )
    assert found[-1].organization == "Aid Tracker Europe"


def test_the_report_resolves_to_the_producer_of_the_earlier_report():
    found = attributions(
        "Buses were late on 23.6 per cent of trips, according to an audit released Wednesday by the city's auditor general. "
        "Ridership recovered to 92 per cent, commission figures show. "
        "The report found that costs rose 7.5 per cent."
    )
    assert found[2].organization == "auditor general"
    assert found[1].organization == "commission"


def test_a_headline_document_reference_takes_the_producer_named_later():
    found = attributions(
        "Buses ran late on a quarter of trips, audit finds\n\n"
        "Buses were late, according to an audit released Wednesday by the Port Auditor.\n"
    )
    assert found[0].organization == "Port Auditor"
    assert found[0].confidence < found[1].confidence


def test_a_sentence_that_only_continues_a_quotation_inherits_its_speaker():
    found = attributions(
        '"I waited 40 minutes," said Marisol Ortega, a nurse who rides the bus. "I lost half a shift\'s pay."'
    )
    assert found[1].speaker == "Marisol Ortega"
    assert found[1].modality == "quote"
    assert found[1].confidence == PATTERN_CONFIDENCE["continued_quote"]


def test_a_quotation_in_a_new_paragraph_does_not_inherit():
    found = attributions('"I waited 40 minutes," said Marisol Ortega.\n\n"Nothing works here."')
    assert_unattributed(found[1])


def test_a_pronoun_with_no_one_before_it_is_unattributed():
    assert_unattributed(last("He said the road was closed."))


# -- modality, quotes and chains ---------------------------------------------------------


def test_direct_quote_flag_and_quote_modality():
    a = last("“America is strongly involved in this conflict,” the spokesman told NBC.")
    assert (a.direct_quote, a.modality) == (True, "quote")
    a = last("Peskov warned that the world is “less safe” now, saying dialogue had stopped.")
    assert (a.direct_quote, a.modality) == (False, "statement")


def test_chain_runs_from_the_organisation_to_the_publisher():
    a = last(
        "Putin is willing to work with “anyone who understands,” "
        "Kremlin spokesman Dmitry Peskov told NBC's Keir Simmons in Moscow."
    )
    assert [(link.name, link.kind, link.role) for link in a.chain] == [
        ("Kremlin", "organization", None),
        ("Dmitry Peskov", "speaker", "spokesman"),
        ("Keir Simmons", "interviewer", None),
        ("NBC", "medium", None),
        (PUBLISHER, "publisher", None),
    ]
    assert a.attributed_by == "rules"


def test_question_without_source_has_no_modality():
    a = last("But will the savings survive the election?")
    assert a.modality is None
    assert a.claimant is None


# -- clauses ---------------------------------------------------------------------------------


def test_a_sentence_joining_statements_by_two_sources_is_split():
    text = "Exports rose 4%, the Trade Council said, and imports fell 2%, the Customs Office said."
    units = attribute_document(text, PUBLISHER)
    assert [text[u.start:u.end] for u in units] == [
        "Exports rose 4%, the Trade Council said", "imports fell 2%, the Customs Office said.",
    ]
    assert [u.attribution.organization for u in units] == ["Trade Council", "Customs Office"]


def test_a_sentence_with_one_source_is_not_split():
    text = "Pensions account for 25% of spending, and the cabinet has slowed indexation, the ministry said."
    units = attribute_document(text, PUBLISHER)
    assert len(units) == 1
