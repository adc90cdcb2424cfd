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


# -- subjects the rules did not read -----------------------------------------------------


def test_a_ministers_portfolio_written_as_a_list():
    found = sources("The Minister of Transport, Energy and Water, Lars Berg, said fares would rise 4 per cent.")
    assert found[0][0] == "Lars Berg"
    assert all(word in (found[0][1] or "") for word in ("Transport", "Energy", "Water", "Ministry"))


def test_a_description_then_the_name_opening_a_sentence_with_two_verbs():
    found = sources("The hauliers' association, Road Freight Nederland, welcomed the toll cut but said it came too late.")
    assert found == [(None, "Road Freight Nederland")]


def test_a_second_verb_that_is_no_verb_of_saying_names_no_source():
    found = sources("Tessa Motors employs 900 people and reported a loss of 4 million euros.")
    assert found == [(None, None)]


def test_figures_from_a_body_show():
    found = sources("Provisional figures from the Central Statistics Bureau show 3,100 births in May.")
    assert found == [(None, "Central Statistics Bureau")]


def test_a_study_by_a_body_published_in_a_month():
    found = sources(
        "A study by the Alpine Snow Observatory published in June projected that ski seasons would shorten by "
        "a third by 2050."
    )
    assert found == [(None, "Alpine Snow Observatory")]


def test_a_place_that_recorded_something_is_where_it_happened():
    found = sources(
        "Spain recorded 1,200 wildfires in August, the Forest Fire Agency said on Friday. "
        "Madrid recorded 12 nights above 25C."
    )
    assert found == [(None, "Forest Fire Agency"), (None, None)]


def test_a_producer_described_then_named_after_according_to():
    found = sources(
        "Dredging would remove 9 million tonnes of sand, according to an assessment commissioned by the port's "
        "operator, Baltica Port Corporation. "
        "The document, dated March, says 40 hectares of seagrass would be lost."
    )
    assert found == [(None, "Baltica Port Corporation")] * 2


def test_names_joined_by_an_ampersand():
    found = sources(
        "The dockers' union Haven & Kade accused the port of cutting 300 jobs. "
        "Union negotiator Bram Visser said the port had promised no layoffs."
    )
    assert found == [(None, "Haven & Kade"), ("Bram Visser", "Haven & Kade")]


def test_a_group_in_a_larger_body_speaks_for_itself():
    found = sources(
        "The Harbour Group said profits rose 8 per cent. "
        "The Green group in the city council said the plan would cost 3 million euros."
    )
    assert found[1] == (None, "Green group")


def test_a_description_with_its_own_words_is_no_other_organisation_of_its_kind():
    found = sources(
        "The Transport Department said 40 buses were late. "
        "The city's housing department said 120 families were waiting for a flat."
    )
    assert found[1] == (None, "housing department")


def test_a_description_with_words_of_an_organisation_named_before():
    found = sources(
        "The Ministry of Health said waiting lists fell. "
        "The Harbour Authority said ferries ran on time. "
        "The health ministry later said 3,000 operations were postponed."
    )
    assert found[2] == (None, "Ministry of Health")


def test_its_authors_made_the_document_named_before():
    found = sources(
        "Sea levels rose 4 centimetres in a decade, according to a report published on Tuesday by the Coastal "
        "Research Institute. Its authors estimated that 300 homes are at risk."
    )
    assert found == [(None, "Coastal Research Institute")] * 2


def test_it_after_a_document_is_its_maker():
    found = sources(
        "The scheme lost 2 million euros, according to an audit by the National Audit Office. "
        "The operator denied any mismanagement. "
        "The audit said the losses began in 2021. "
        "It estimated that the scheme would not break even before 2030."
    )
    assert found[3] == (None, "National Audit Office")


def test_a_report_a_sentence_opens_with_is_its_sources():
    found = sources(
        "In a report covering 40 towns, the Water Institute estimated that 12 per cent of wells were dry. "
        "A study by the Mountain Observatory found that snow fell 20 per cent. "
        "Farmers lost a third of their crop, the report found."
    )
    assert found[0] == (None, "Water Institute")
    assert found[2] == (None, "Water Institute")


def test_a_role_then_a_name_with_a_word_of_a_firm():
    found = sources("The town's mayor, Pieter Post, said the bridge would reopen in May.")
    assert found == [("Pieter Post", None)]


def test_a_role_and_its_holder_opening_a_sentence_without_a_verb_of_saying():
    found = sources(
        "The regional Councillor for Housing, Marta Vidal, defended the decision. "
        "She said rents had risen 12 per cent."
    )
    assert found == [("Marta Vidal", "council")] * 2


def test_a_description_opening_a_sentence_without_a_holder_is_no_person():
    found = sources("The regional councillor, who asked not to be named, defended the decision.")
    assert found[0][0] is None


# -- sources across a sentence's clauses and across sentences ------------------------------


def test_a_body_reports_what_its_unnamed_staff_found():
    found = sources("Inspectors found that 14 of 30 kitchens broke hygiene rules, the Food Safety Agency said.")
    assert found == [(None, "Food Safety Agency")]


def test_an_unnamed_group_alone_names_no_organisation():
    found = sources("Inspectors found that 14 of 30 kitchens broke hygiene rules.")
    assert found == [(None, None)]


def test_advised_is_a_verb_of_saying():
    found = sources(
        "The Lakeside Water Board said 40 homes had no water. "
        "Households should boil tap water for three days, the board advised."
    )
    assert found == [(None, "Lakeside Water Board")] * 2


def test_a_quotation_closed_and_attributed_in_the_next_sentence_is_that_speakers():
    found = sources(
        "The tenants' union Huurders Samen warned that rents would rise. "
        '"We were promised caps. Now they are gone," said its chair, Eva Jansen.'
    )
    assert found == [(None, "Huurders Samen"), ("Eva Jansen", "Huurders Samen"), ("Eva Jansen", "Huurders Samen")]


def test_a_quotation_after_an_attributed_sentence_with_none_after_it_continues_it():
    found = sources('The Tenants Union said rents rose 3 per cent. "It is a scandal."')
    assert found == [(None, "Tenants Union")] * 2


def test_one_of_them_belongs_to_the_group_quoted_before():
    found = sources(
        "Councillors from the opposition Green Renewal Party accused the mayor of hiding the deficit. "
        '"We have the emails," one of them, councillor Ana Ruiz, told Radio Sur.'
    )
    assert found[1][0] == "Ana Ruiz"
    assert "Green Renewal" in (found[1][1] or "")


def test_a_councillor_not_one_of_a_group_keeps_the_council():
    found = sources('"We have the emails," councillor Ana Ruiz told Radio Sur.')
    assert found == [("Ana Ruiz", "council")]


def test_a_lawyer_of_a_person_named_by_an_initial_has_no_employer():
    found = sources(
        "The owner, identified in court only as Jan K., was fined 20,000 euros. "
        "Jan K.'s lawyer, Eva Smit, said he would appeal."
    )
    assert found[1] == ("Eva Smit", None)


def test_a_justice_sits_in_the_court_named_before():
    found = sources(
        "The Supreme Court said on Monday that the mining licence was unlawful. "
        "In her judgment, Justice Ama Owusu said the ministry had ignored 3,000 objections."
    )
    assert found[1] == ("Ama Owusu", "Supreme Court")


# -- a description in the lead, named in the next sentences ---------------------------------


def test_a_lead_that_describes_an_organisation_the_next_sentence_names():
    found = sources(
        "Norway's aviation regulator has fined Skyfjord Air 2 million kroner for late refunds, the regulator said "
        "on Monday. The Civil Aviation Authority said 3,400 passengers had waited more than 60 days."
    )
    assert found == [(None, "Civil Aviation Authority")] * 2


def test_a_lead_description_keeps_its_words_when_the_next_organisation_is_of_another_kind():
    found = sources(
        "The country's biggest teachers' union will strike on Monday, the union said. "
        "The Education Ministry said talks would resume on Friday."
    )
    assert found[0][1] != "Education Ministry"
    assert found[1] == (None, "Education Ministry")


def test_a_weekday_after_a_description_is_no_organisation():
    found = sources("Regulators fined the airline Monday for late refunds. The company said it would appeal.")
    assert found[1][1] != "Monday"


# -- a portfolio's body as the text names it --------------------------------------------------


def test_a_portfolio_holder_belongs_to_the_body_named_before():
    found = sources(
        "The Transport Secretariat said bids would open in May. "
        "The Secretary of State for Transport, Ana Costa, said three lines would close."
    )
    assert found[1] == ("Ana Costa", "Transport Secretariat")


def test_a_minister_belongs_to_the_ministry_named_before_in_its_own_words():
    found = sources(
        "The Ministry of Health said 40 clinics would close. "
        "Health Minister Jonas Berg said the clinics treated 2,000 patients a year."
    )
    assert found[1] == ("Jonas Berg", "Ministry of Health")


def test_a_portfolio_holder_with_no_body_named_before_heads_a_ministry():
    found = sources("The Secretary of State for Transport, Ana Costa, said three lines would close.")
    assert found == [("Ana Costa", "Transport Ministry")]


def test_a_portfolio_holder_belongs_to_the_body_the_text_names_later():
    found = sources(
        "Ireland's Minister of State for Transport, Ana Ryan, said fares would rise 4 per cent. "
        "The Department of Transport said it would publish the figures in May."
    )
    assert found == [("Ana Ryan", "Department of Transport"), (None, "Department of Transport")]


def test_a_body_of_another_portfolio_named_later_changes_nothing():
    found = sources(
        "The Minister for Housing, Ana Ryan, said rents rose 4 per cent. "
        "The Department of Transport said fares would rise."
    )
    assert found[0] == ("Ana Ryan", "Housing Ministry")


# -- batches 12 and 13: a role with a field after an organisation's possessive --------


def test_a_possessive_role_with_a_field_is_at_the_organisation_named_before():
    found = sources(
        "Ferry crossings fell by 8 per cent, according to figures published by the Fjord Transit Authority. "
        "Ola Berg, the authority's vice-president for ports, said 40 boats were idle."
    )
    assert found[1] == ("Ola Berg", "Fjord Transit Authority")


def test_a_field_that_could_name_a_document_is_no_workplace():
    found = sources(
        "Half the hives died, according to a survey by the Lothian Garden Trust. "
        "“Many starved,” said Dr Ewan Reid, the trust's head of research. "
        "Dr Reid welcomed the new fund."
    )
    assert found[1] == ("Ewan Reid", "Lothian Garden Trust")
    assert found[2] == ("Ewan Reid", "Lothian Garden Trust")


def test_a_possessive_role_with_a_field_and_nothing_named_before_has_no_organisation():
    found = sources("Ola Berg, the authority's vice-president for ports, said 40 boats were idle.")
    assert found[0][0] == "Ola Berg"
    assert found[0][1] in (None, "authority")


def test_a_field_with_a_named_workplace_keeps_that_workplace():
    found = sources(
        "The Fjord Transit Authority said fares would rise. "
        "Kari Moe, head of research at the consultancy Nordvik Analytics, said 40 boats were idle."
    )
    assert found[1] == ("Kari Moe", "Nordvik Analytics")


# -- batches 12 and 13: "he"/"she" after a person the text has just introduced --------


def test_she_after_a_person_introduced_as_the_subject_is_that_person():
    found = sources(
        "“Most of the ewes died,” said Dr Ewan Reid, the trust's head of research. "
        "Morag Steele has farmed sheep near Tain for 20 years. "
        "She lost 30 of her 80 ewes in March. "
        "“I found them in the snow,” she said."
    )
    assert found[1] == (None, None)
    assert found[3][0] == "Morag Steele"


def test_a_subject_not_yet_said_to_be_a_he_or_a_she_leaves_the_pronoun_to_the_last_source():
    # a firm opens a sentence as a person does: nothing says it is a "she"
    found = sources(
        "“Most of the ewes died,” said Ewan Reid, the trust's head of research. "
        "Vistara Rail has cut 40 jobs at its Tain depot. "
        "“It was the worst winter since 1990,” he said."
    )
    assert found[2][0] == "Ewan Reid"


def test_a_source_quoted_after_the_introduction_is_the_nearer_antecedent():
    found = sources(
        "Morag Steele has farmed sheep near Tain for 20 years. "
        "She lost 30 of her 80 ewes in March. "
        "“Most of the ewes died of cold,” said Ewan Reid, the trust's head of research. "
        "“It was the worst winter since 1990,” he said."
    )
    assert found[3][0] == "Ewan Reid"


def test_a_pronoun_of_the_other_gender_is_not_the_person_introduced():
    found = sources(
        "“Most of the ewes died,” said Ewan Reid, the trust's head of research. "
        "Morag Steele has farmed sheep near Tain for 20 years. "
        "She lost 30 of her 80 ewes in March. "
        "“It was the worst winter since 1990,” he said."
    )
    assert found[3][0] == "Ewan Reid"


def test_a_relative_named_by_first_name_is_the_topic_with_the_family_name():
    found = sources(
        "The driver, Tom Hale, died at the scene. "
        "“These deaths were avoidable,” said Joan Mill, the board's chief investigator. "
        "For Tom Hale's widow, Ann, the report comes too late. "
        "“I drive past it every day,” she said."
    )
    assert found[3][0] == "Ann Hale"


def test_two_people_with_one_surname_and_different_first_names_stay_apart():
    found = sources(
        "Tom Hale, a driver, said the crossing had no lights. "
        "Ann Hale, a teacher, said 3 pupils crossed there daily. "
        "Hale said the council had been warned."
    )
    assert found[0][0] == "Tom Hale"
    assert found[1][0] == "Ann Hale"


# -- batches 12 and 13: organisations as sources --------------------------------------


def test_documents_an_outlet_has_seen_are_their_makers():
    found = sources("The agency's budget fell to 40 million euros, according to Finance Ministry documents seen by Reuters.")
    assert found[0] == (None, "Finance Ministry")


def test_a_passive_with_its_agent_before_a_time():
    found = sources(
        "A 2 per cent levy on imports was announced by the Revenue Authority in May. "
        "The rule was announced by Mayor Ana Ruiz on Friday."
    )
    assert found[0] == (None, "Revenue Authority")
    assert found[1] == ("Ana Ruiz", None)


def test_one_of_several_organisations_then_its_name():
    found = sources(
        "One of those operators, Velo Nord, said in an emailed statement that 40 bikes were stolen. "
        "One of the nurses, Ana Lima, said 12 beds were closed."
    )
    assert found[0] == (None, "Velo Nord")
    assert found[1] == ("Ana Lima", None)


def test_a_firms_name_without_its_last_word_is_that_firm():
    found = sources(
        "The mayor accused Baltic Coast Railway of closing 3 stations. "
        "Baltic Coast denied the claim, saying it had spent 9 million euros on them."
    )
    assert found[1] == (None, "Baltic Coast Railway")


def test_a_body_named_after_a_person_does_not_make_the_person_a_firm():
    found = sources("A grant came from the Anna Berg Foundation. Anna Berg said 3 crossings were unsafe.")
    assert found[1] == ("Anna Berg", None)


def test_its_own_records_are_the_subjects():
    found = sources(
        "The Revenue Authority said receipts fell. "
        "The Sports Ethics Board has fined 23 clubs this year, according to its own records."
    )
    assert found[1] == (None, "Sports Ethics Board")


def test_its_report_with_no_organisation_as_subject_is_the_last_sources():
    found = sources("The Revenue Authority said receipts fell. Exports rose 4 per cent, according to its annual report.")
    assert found[1] == (None, "Revenue Authority")


def test_a_short_name_in_brackets_after_an_organisation_stands_for_it():
    found = sources(
        "Exports rose 4 per cent, according to figures from the Andean Fruit Growers Association (Agrofrut). "
        "“China is a pillar of our business,” Agrofrut president Jose Rios told TV Andes."
    )
    assert found[1] == ("Jose Rios", "Andean Fruit Growers Association")


def test_a_nickname_in_brackets_after_a_person_is_no_organisation():
    found = sources("The fund was set up by Maria Lopez (Mimi) in 2019. Lopez said 3 donors left.")
    assert found[1] == ("Maria Lopez", None)


# -- batches 12 and 13: people named with a workplace or an age ----------------------


def test_a_name_then_of_and_a_firm_based_somewhere():
    found = sources("Her lawyer, Tomas de Berg of Oslo-based Fjell Legal, said the fine was 40 per cent too high.")
    assert found[0] == ("Tomas de Berg", "Fjell Legal")


def test_a_name_then_of_and_a_place_is_no_workplace():
    found = sources("Her lawyer, Ana Lima of Lisbon, said the fine was 40 per cent too high.")
    assert found[0][0] == "Ana Lima"
    assert found[0][1] is None


def test_a_surname_with_an_age_is_the_person_named_in_full_before():
    found = sources(
        "Marta Kowal led by 211 votes on election night. "
        "Judge Anton Weiss ordered a recount. "
        "Kowal, a 38-year-old nurse standing for the first time, says she has stopped reading the comments. "
        "“I knocked on 4,000 doors,” she said."
    )
    assert found[2][0] == "Marta Kowal"
    assert found[3][0] == "Marta Kowal"


# -- batches 12 and 13: what stands between a subject and its verb, and what is no subject --


def test_known_by_its_initials_between_subject_and_verb():
    found = sources("The National Sports Tribunal, known by its initials NST, confirmed it had received 3 appeals.")
    assert found[0] == (None, "National Sports Tribunal")


def test_a_role_in_a_clause_after_the_verb_is_no_subject():
    found = sources("The vote is the first since the league's former chairman, Ivo Rask, resigned in May over a contract.")
    assert found[0] == (None, None)


def test_a_role_and_its_holder_opening_a_sentence_still_act_as_its_subject():
    found = sources("The Trade Ministry said exports fell. Its deputy director, Ivo Rask, defended the 3 per cent levy.")
    assert found[1][0] == "Ivo Rask"


def test_a_place_after_the_people_who_speak_is_no_source():
    found = sources("Small farmers in the upland district of Valmora say they earn 2 euros a crate.")
    assert found[0] == (None, None)


def test_the_city_of_a_place_still_speaks():
    found = sources("The city of Valmora, which ran the scheme, denied that 2 million euros were lost.")
    assert found[0][1] is not None


# -- batches 12 and 13: membership, a sentence's opening name, what happened to a person --


def test_a_person_who_sits_on_a_bodys_committee_is_at_that_body():
    found = sources(
        "Ana Lima, a banker who sits on the board of the Harbour Trust, said 3 piers were unsafe. "
        "Rui Melo, an engineer who has sat on the league's audit committee since 2020, said 2 accounts were late."
    )
    assert found[0] == ("Ana Lima", "Harbour Trust")
    assert found[1][0] == "Rui Melo"
    assert "league" in (found[1][1] or "").lower()


def test_sitting_on_something_that_is_no_body_gives_no_organisation():
    found = sources("Ana Lima, a banker who sits on the bench outside the bank, said 3 piers were unsafe.")
    assert found[0] == ("Ana Lima", None)


def test_he_in_a_sentence_opening_with_a_known_surname_is_that_person():
    found = sources(
        "Eva Lind, an analyst at Nordvik Securities, said prices fell. "
        "Karl Moen, the head of Fjord Fish Brokers, said buyers were slow. "
        "Eva Lind said 3 buyers had left. "
        "Moen disagrees: he said most buyers return in February."
    )
    assert found[3][0] == "Karl Moen"


def test_a_person_who_died_is_no_source():
    found = sources("A bus left the road near Tain. The driver, Tom Hale, died at the scene.")
    assert found[1] == (None, None)


# -- batches 12 and 13: what a relative clause says a person heads or led ------------


def test_heading_an_organisation_the_text_does_not_name_is_a_role_without_one():
    found = sources("Ana Lima, who grows olives near Beja and heads a local cooperative of 90 families, said 3 mills closed.")
    assert found[0] == ("Ana Lima", None)
    [unit] = attribute_document(
        "Ana Lima, who grows olives near Beja and heads a local cooperative of 90 families, said 3 mills closed.",
        PUBLISHER)
    assert unit.attribution.role == "head"


def test_a_second_verb_that_heads_a_named_organisation():
    found = sources("Ana Lima, who grows olives near Beja and heads the Beja Olive Growers Association, said 3 mills closed.")
    assert found[0] == ("Ana Lima", "Beja Olive Growers Association")


def test_running_a_shop_is_no_role():
    [unit] = attribute_document("Ana Lima, who grows olives near Beja and runs a small shop, said 3 mills closed.",
                                PUBLISHER)
    assert unit.attribution.role is None


def test_a_person_who_led_a_survey_is_at_the_organisation_that_made_it():
    found = sources(
        "Half the hives died, according to a survey published by the Lothian Garden Trust. "
        "Dr Ewan Reid, who led the survey, blamed the mites."
    )
    assert found[1] == ("Ewan Reid", "Lothian Garden Trust")
    assert sources("Dr Ewan Reid, who led the survey, blamed the mites.")[0] == ("Ewan Reid", None)


def test_a_known_surname_with_a_relative_clause_opens_a_sentence_as_its_subject():
    text = ("Her rival, the incumbent Tom Hale, has alleged that 30 ballots were counted twice. "
            "Hale, who has held the seat since 2018, repeated the claim in an interview with Radio Tain.")
    units = attribute_document(text, PUBLISHER)
    assert units[1].attribution.speaker == "Tom Hale"
    assert units[1].attribution.cue == "repeated"


def test_a_known_surname_with_a_relative_clause_then_a_passive_is_no_source():
    text = ("Her rival, the incumbent Tom Hale, has alleged that 30 ballots were counted twice. "
            "Hale, who is 61, was charged in May.")
    assert sources(text)[1] == (None, None)


# -- firms named with a plural head; wire datelines ----------------------------------


def test_a_name_ending_in_a_firms_plural_head_is_an_organisation_not_a_person():
    found = sources(
        "The bridge repairs will cost 12 million euros more, according to an estimate by Oulu Harbour Services. "
        "Mikko Salo, the site manager at Oulu Harbour Services, told councillors that rust had spread further. "
        "Its head of services, Liisa Aho, said work would resume in May."
    )
    assert found[0] == (None, "Oulu Harbour Services")
    assert found[1] == ("Mikko Salo", "Oulu Harbour Services")
    assert found[2][1] != "services"  # a lower-case "services" names a department, not a firm


def test_a_wire_dateline_with_a_region_or_an_agency_is_not_a_source():
    found = sources(
        "TROMSO, Norway (NRW) — The regional hospital trust said on Monday that 41 beds had closed. "
        "Nordlys Systems said its booking software had failed twice. "
        "The company denied that any patient records had been lost."
    )
    assert found[1] == (None, "Nordlys Systems")
    assert found[2] == (None, "Nordlys Systems")
    assert all(organization != "TROMSO" for _, organization in found)


def test_a_double_barrelled_surname_is_the_person_named_before_not_an_organisation():
    found = sources(
        "Mere Hohaia-Clarke coached the under-21 side for six years. "
        "Hohaia-Clarke, who now runs a club in Napier, said 30 players had left the sport in 2025."
    )
    assert found[1] == ("Mere Hohaia-Clarke", None)


def test_a_dateline_with_a_region_and_a_date_before_the_agency_is_not_a_source():
    found = sources(
        "HALIFAX, Nova Scotia, Nov 23 (QNS) – The province closed two ferry routes on Monday. "
        "Corvane Systems said 40 sailings were cancelled. "
        "The company denied that its software had failed."
    )
    assert found[2] == (None, "Corvane Systems")


def test_a_subject_followed_by_which_is_an_organisation_in_its_own_sentence():
    found = sources(
        "Solar Growers Wales, which represents 60 farms, rejected the figures on Monday. "
        "Its chair, Dafydd Owen, said output had doubled since 2021."
    )
    assert found[0] == (None, "Solar Growers Wales")
    assert found[1] == ("Dafydd Owen", "Solar Growers Wales")


def test_a_subject_followed_by_who_stays_a_person():
    found = sources("Dafydd Owen, who farms near Aberystwyth, said output had doubled since 2021.")
    assert found[0] == ("Dafydd Owen", None)


def test_its_author_after_a_report_is_at_the_reports_maker():
    found = sources(
        "A study by the Baltic Housing Observatory found rents rose 14 per cent in 2025. "
        "Its author, Ieva Ozola, said the rise was sharpest in Riga."
    )
    assert found[1] == ("Ieva Ozola", "Baltic Housing Observatory")
