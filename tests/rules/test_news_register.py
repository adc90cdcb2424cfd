"""Check-worthiness features of the news register that the attribution
informs: a commentator's forecast and a private person's account weigh a
sentence down, while an institution's projection and an official's
statement keep their weight; reporter notes and helplines are page
furniture. Sentences written for these tests."""

from __future__ import annotations

import pytest

from registry import Attribution
from registry_rules.checkworthiness import Assessment, assess
from registry_rules.quantities import find_quantities


def score(text: str, attribution: Attribution | None = None) -> Assessment:
    return assess(text, quantities=find_quantities(text), attribution=attribution)


def said_by(speaker: str | None, role: str | None = None, organization: str | None = None,
            modality: str = "statement") -> Attribution:
    return Attribution(speaker=speaker, role=role, organization=organization, modality=modality, confidence=0.9)


FORECAST = "Freight volumes will fall by about 12% next year as two shipping lines leave the port."


def test_a_commentators_forecast_is_not_checkworthy():
    result = score(FORECAST, said_by("Ines Maro", "analyst", "Baltic Freight Research", "prediction"))
    assert "commentator_forecast" in result.features
    assert not result.checkworthy
    assert result.claim_type == "prediction"


def test_a_forecast_by_a_group_of_economists_is_a_commentators():
    result = score(FORECAST, said_by(None, "Economists", None, "prediction"))
    assert "commentator_forecast" in result.features


def test_an_institutions_projection_keeps_its_weight():
    text = "The port authority expects container traffic of 1.4 million units in 2027, up from 1.1 million."
    result = score(text, said_by(None, None, "Port Authority", "prediction"))
    assert "commentator_forecast" not in result.features
    assert result.checkworthy


def test_a_commentators_statement_of_fact_is_no_forecast():
    text = "Freight volumes fell by 12% in the first half, the lowest level since 2009."
    result = score(text, said_by("Ines Maro", "analyst", "Baltic Freight Research"))
    assert "commentator_forecast" not in result.features
    assert result.checkworthy


def test_a_private_persons_account_is_not_checkworthy():
    text = "Lars Holm, a retired driver from Malmo, said he had waited 11 months for a new hip joint."
    for role in ("driver", None):
        result = score(text, said_by("Lars Holm", role))
        assert "personal_account" in result.features
        assert not result.checkworthy


def test_an_officials_statement_is_no_personal_account():
    text = "Health Minister Eva Lund said waiting times fell by 11% in a year."
    result = score(text, said_by("Eva Lund", "Health Minister", "Health Ministry"))
    assert "personal_account" not in result.features
    assert result.checkworthy


def test_a_note_on_the_reporter_is_a_byline():
    result = score("Jonas Vik covers energy and climate for the Nordic Ledger.")
    assert "byline" in result.features
    assert not result.checkworthy


def test_a_sentence_about_what_someone_covers_in_a_report_is_no_byline():
    result = score("The audit covers 4,200 contracts signed by the city between 2019 and 2023.")
    assert "byline" not in result.features


def test_a_helpline_number_is_contact_information():
    result = score("Drivers with questions can ring the union's helpline on 040 555 019 on weekdays.")
    assert "contact" in result.features
    assert not result.checkworthy


def test_names_that_attribute_a_claim_are_not_named_entities_of_the_claim():
    text = "“These are not figures we can accept,” the agency's director, Dr Anna Berg, told reporters."
    attributed = score(text, said_by("Anna Berg", "director", "Coastal Water Agency"))
    unattributed = score(text)
    assert "named_entity" in unattributed.features
    assert "named_entity" not in attributed.features


def test_names_in_the_claim_still_count_when_it_is_attributed():
    text = "Anna Berg said Norsk Hydro closed the Sunndal plant in March."
    result = score(text, said_by("Anna Berg", "director", "Coastal Water Agency"))
    assert result.features["named_entity"] > 0


def test_an_analysts_note_on_what_would_happen_is_a_commentators_forecast():
    text = "Analysts at Fjord Securities said the strike would cut annual profit by 30 million euros."
    result = score(text, said_by(None, "Analysts at Fjord Securities", "Fjord Securities"))
    assert "commentator_forecast" in result.features
    assert not result.checkworthy


def test_a_byline_with_the_outlet_and_the_place():
    for text in ("By Ana Lima, Harbour Ledger, Porto", "By Ana Lima, Harbour Ledger"):
        assert "byline" in score(text).features
    assert "byline" not in score("By 2030, rents in Porto will have doubled.").features


def test_a_named_sources_denial_is_checkworthy_even_without_a_figure():
    result = score("Brightloaf denied any wrongdoing.", said_by(None, None, "Brightloaf", "denial"))
    assert "denial" in result.features
    assert result.checkworthy


def test_an_occupation_no_institution_gives_is_a_private_persons():
    text = "She said she had received 2.5 million pesos in emergency aid after the fire."
    result = score(text, said_by("Rosa Mena", "seamstress"))
    assert "personal_account" in result.features
    assert not result.checkworthy


def test_a_byline_with_pipes():
    assert "byline" in score("By Nina Vidmar | Alpine Wire | October 7, 2026").features


def test_a_byline_with_accented_names():
    assert "byline" in score("By Lucía Ferreyra | Río de la Plata Herald").features


def test_a_byline_with_a_name_particle_and_the_outlet():
    assert "byline" in score("By Jan van der Berg, Polder Courier").features
    assert "byline" in score("By Ana de Sousa").features
    assert "byline" not in score("By the end of 2027, the port will have doubled its capacity.").features


def test_a_long_newsletter_sign_up_line_is_page_furniture():
    result = score("Sign up for the Courier's weekly farming newsletter, sent every Monday at 6 a.m.")
    assert "boilerplate" in result.features
    assert not result.checkworthy
    assert "boilerplate" not in score("More than 4,000 farmers sign up for the subsidy scheme every year.").features


def test_a_named_sources_accusation_is_checkworthy_even_without_a_figure():
    result = score("The dockers' union accused the port of hiding the accident.",
                   said_by(None, None, "Dockers' Union", "allegation"))
    assert "accusation" in result.features
    assert result.checkworthy


def test_an_accusation_nobody_is_named_for_has_no_such_weight():
    result = score("The port was accused of hiding the accident.")
    assert "accusation" not in result.features


def test_a_person_who_only_acted_is_no_attributed_statement():
    text = "Chief executive Tom Avery defended the spending in an interview with Harbour Radio."
    acted = Attribution(speaker="Tom Avery", role="chief executive", organization="Brightwater Rovers",
                        modality="statement", cue="defended", confidence=0.6)
    said = acted.model_copy(update={"cue": "said"})
    assert "attributed" not in score(text, acted).features
    assert "attributed" in score(text, said).features
    assert "attributed" in score(text, acted.model_copy(update={"cue": "arguing"})).features


def test_a_private_persons_report_about_an_institution_is_a_claim():
    # no "I", "we" or "she had": what she says is about the league, not about her own life
    text = "Carla Moretti, a parent who is suing the league, said 12 of the 30 referees had no licence last season."
    result = score(text, said_by("Carla Moretti", "parent"))
    assert "personal_account" not in result.features
    assert result.checkworthy


def test_a_private_person_speaking_of_herself_is_still_an_account():
    for text in ("Carla Moretti said she had paid 400 euros for her son's registration.",
                 "She said the club had sent her 3 letters in a month."):
        result = score(text, said_by("Carla Moretti", "parent"))
        assert "personal_account" in result.features, text
        assert not result.checkworthy, text


def test_a_private_persons_own_words_stay_an_account_without_a_pronoun():
    text = "“The pitch flooded twice in October,” said Carla Moretti."
    result = score(text, said_by("Carla Moretti", None, None, "quote"))
    assert "personal_account" in result.features


def test_the_pronoun_that_attributes_is_no_account_of_oneself():
    text = "Three of the 30 referees had no licence last season, he told reporters."
    result = score(text, said_by("Paolo Neri"))
    assert "personal_account" not in result.features


def test_a_private_persons_denial_or_accusation_is_a_claim():
    denial = score("Neri denied taking any payment from the agency.", said_by("Paolo Neri", None, None, "denial"))
    accusation = score("Neri accused the league of hiding 2 complaints from the auditors.",
                       said_by("Paolo Neri", None, None, "allegation"))
    for result in (denial, accusation):
        assert "personal_account" not in result.features
        assert result.checkworthy


def test_credit_and_correction_lines_are_page_furniture():
    for text in ("The Harbour Ledger's Oslo correspondent contributed reporting.",
                 "Correction: An earlier version of this story gave the wrong number of 4 closed stations."):
        result = score(text)
        assert "boilerplate" in result.features, text
        assert not result.checkworthy, text


def test_a_new_version_of_a_product_is_no_correction():
    result = score("The company said an earlier version of this vaccine cut infections by 40 per cent.")
    assert "boilerplate" not in result.features


def test_not_replying_to_questions_is_no_answer():
    result = score("The two other carriers, Nordfly and Skyvik, did not reply to questions.")
    assert "no_answer" in result.features
    assert not result.checkworthy
    assert "no_answer" not in score("The ministry replied to 40 questions from MPs in March.").features


# A line that is no part of the story: a caption, a credit, a pointer to another story, a call to
# action, a wire's note, a byline without "By", a time stamp, a helpline.
@pytest.mark.parametrize("text", [
    "Photo: Dockers unload 2,000 crates at the Port of Aveiro on Tuesday.",
    "PICTURED: The 40-metre ferry at its berth in 2024.",
    "Firefighters at the scene on Monday. (Baltic Wire/Marta Kalnina)",
    "(Harbour Ledger/Tom Reid)",
    "*Dock workers unload 2,000 crates in Aveiro in May. Photo: Rui Costa/Atlantic Wire*",
    "*Dock workers unload 2,000 crates in Aveiro in May.",
    "Related: Harbour Air cancels 12 winter routes as costs climb",
    "Read more: Why 40% of ferries run late",
    "Sign up for the Harbour Ledger morning briefing",
    "Follow the Delta Courier on WhatsApp for breaking news from the 12 states.",
    "To report a fire, call the 24-hour hotline on (02) 8527-3877.",
    "($1 = 15,870 rupiah)",
    "(€1 = 4.31 złoty)",
    "Our Standards: The Meridian Wire Trust Principles (https://www.meridianwire.example/standards)",
    "Thandeka Mokoena | Goudveld Herald | 27 November 2026",
    "Updated 10:32 GMT, 8 December 2026",
    "Published: 8 December 2026",
    "Last updated on Tuesday 8 December 2026 10.32 GMT",
    "This article is more than 2 years old",
])
def test_lines_that_are_no_part_of_the_story_are_page_furniture(text):
    result = score(text)
    assert not {"boilerplate", "byline", "contact"}.isdisjoint(result.features), text
    assert not result.checkworthy, text


@pytest.mark.parametrize("text", [
    "Three in four (or 3/4) of the 2,000 stations closed in 2025.",
    "Buses reached 96 km/h (60 mph) on the new 14-mile road.",
    "Follow-up inspections found 40 faults on the 12 ferries.",
    "Join talks on the 2026 budget were suspended after 3 days.",
    "Exports rose to 4.2 million tonnes (up 12% on 2024), the ministry said.",
    "Published figures show 40 buses were late in 2025.",
    "Updated guidance cut waiting times by 12% in 2025.",
])
def test_news_lines_that_look_like_furniture_are_not(text):
    assert "boilerplate" not in score(text).features, text


@pytest.mark.parametrize("text", [
    "She declined to say how many of the 4,000 claims remained unpaid.",
    "The ministry would not confirm whether 12 inspectors had been suspended.",
])
def test_what_a_source_would_not_say_is_no_answer(text):
    result = score(text)
    assert "no_answer" in result.features
    assert not result.checkworthy


def test_declining_an_offer_is_an_event_not_a_non_answer():
    assert "no_answer" not in score("The union declined to join the strike by 4,000 drivers.").features
