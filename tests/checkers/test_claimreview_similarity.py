"""registry.similarity: the features, the 0–1 score and the index."""

from __future__ import annotations

from registry import FactCheck
from registry.similarity import FactCheckIndex, analyse, claim_similarity, key_terms, numbers_agree


def test_numbers_are_normalised():
    assert analyse("Over 125,000 troops").numbers == {"125000"}
    assert analyse("$1.5 million and 2.50 dollars").numbers == {"1500000", "2.5"}
    assert analyse("70 per cent of 20 percent, or 3%").numbers == {"70%", "20%", "3%"}
    assert analyse("3,5 kg").numbers == {"3,5"}  # a decimal comma is left as written


def test_hashtags_handles_and_urls():
    features = analyse("#FakeNews from @realDonaldTrump https://t.co/abc")
    assert {"fake", "news", "real", "donald", "trump"} <= set(features.words)
    assert not any("t.co" in w or "http" in w for w in features.words)


def test_scores_run_from_nothing_to_a_restatement():
    text = "Four former regions of Ukraine became part of Russia in autumn 2022."
    assert claim_similarity(text, text) == 1.0
    assert claim_similarity(text.upper() + "!!", text) == 1.0
    assert claim_similarity(text, "Bread prices rose sharply in March.") == 0.0
    near = claim_similarity(text, "Four Ukrainian regions became part of Russia in 2022.")
    assert 0.3 < near < 1.0
    assert claim_similarity("", text) == 0.0


def test_other_figures_lower_the_score():
    base = "Ukraine lost 125,000 soldiers during the counteroffensive."
    same = claim_similarity(base, "Ukraine lost 125,000 soldiers in the counteroffensive.")
    other = claim_similarity(base, "Ukraine lost 50,000 soldiers in the counteroffensive.")
    assert other < same
    assert numbers_agree(analyse(base), analyse("lost 50,000")) is False
    assert numbers_agree(analyse("125,000 and 16,000"), analyse("more than 125,000")) is True
    assert numbers_agree(analyse(base), analyse("no figures")) is None


def test_the_index_ranks_the_right_fact_check_first():
    factchecks = [
        FactCheck(claim_text="A video shows a crocodile in a flooded street of Silchar, Assam.", review_url="u1"),
        FactCheck(claim_text="Silchar flooded due to 'flood jihad'.", review_url="u2"),
        FactCheck(claim_text="The Prime Minister visited the flooded areas of Assam.", review_url="u3"),
        FactCheck(claim_text="Video shows a crocodile washed away in Gujarat floods.", review_url="u4",
                  review_title="Old video of crocodile in Vadodara falsely linked to Assam"),
    ]
    index = FactCheckIndex(factchecks)
    matches = index.search("Crocodile spotted on a waterlogged street in Silchar, Assam", limit=3)
    assert [m.rank for m in matches] == [1, 2, 3]
    assert matches[0].factcheck.review_url == "u1"
    assert matches[0].score > matches[1].score >= matches[2].score
    assert index.search("nothing alike here", limit=3) == []
    assert FactCheckIndex([]).search("anything") == [] and len(FactCheckIndex([])) == 0


def test_key_terms_keep_the_words_as_written():
    assert key_terms("The #Kremlin said that over 125,000 soldiers were lost, the Kremlin said.", 5) == \
        "Kremlin said over 125,000 soldiers"
