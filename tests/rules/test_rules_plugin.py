"""The rules plugin through the pipeline: claims of the seed articles with
their speakers, organisations, media and chains; boilerplate; attribution
of claims other plugins extract; exact spans and robustness on any text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import registry_rules
from registry import Claim, Document, LoadOptions, Source, Span, hookimpl
from registry._loaders import load_document
from registry._pipeline import Pipeline
from registry._plugins import make_plugin_manager

REPO = Path(__file__).resolve().parents[2]
SHARED_SEED = REPO.parent / "shared" / "seeds" / "000_04014259b6145566.txt"

PIPELINE = Pipeline(make_plugin_manager(registry_rules, entry_points=False))


def extract(location: Path | str) -> tuple[Document, list[Claim]]:
    document = load_document(str(location), LoadOptions())
    return document, PIPELINE.extract(document)


def claim_starting(claims: list[Claim], opening: str) -> Claim:
    found = [c for c in claims if c.text.startswith(opening)]
    assert len(found) == 1, f"{len(found)} claims start with {opening!r}"
    return found[0]


@pytest.fixture(scope="module")
def peskov() -> tuple[Document, list[Claim]]:
    return extract(REPO / "seeds" / "peskov-nbc-interview.md")


def test_every_claim_span_indexes_the_document(peskov):
    document, claims = peskov
    assert len(claims) == 26
    for claim in claims:
        assert document.text[claim.span.start:claim.span.end] == claim.text
        assert claim.extracted_by == "rules"
        assert claim.document == document.location


def test_the_ministry_estimate_is_attributed_to_the_ministry(peskov):
    _, claims = peskov
    claim = claim_starting(claims, "According to Russian Defense Ministry estimates")
    a = claim.attribution
    assert (a.speaker, a.organization, a.modality) == (None, "Russian Defense Ministry", "estimate")
    assert [(link.name, link.kind) for link in a.chain] == [
        ("Russian Defense Ministry", "organization"), ("Harbor Ledger", "publisher"),
    ]
    assert claim.checkworthy
    assert {(q.value, q.unit) for q in claim.quantities} >= {(125000.0, "troops")}
    troops = next(q for q in claim.quantities if q.value == 125000.0)
    assert claim.text[troops.span.start - claim.span.start: troops.span.end - claim.span.start] == troops.text


def test_peskovs_statements_are_his_via_nbc(peskov):
    _, claims = peskov
    first = claim_starting(claims, "Washington will have to rethink")
    a = first.attribution
    assert (a.speaker, a.role, a.organization, a.medium) == ("Dmitry Peskov", "spokesman", "Kremlin", "NBC")
    assert a.cue == "told"
    assert [(link.name, link.kind) for link in a.chain] == [
        ("Kremlin", "organization"), ("Dmitry Peskov", "speaker"), ("NBC", "medium"), ("Harbor Ledger", "publisher"),
    ]
    interview = claim_starting(claims, "Putin is willing to work").attribution
    assert (interview.speaker, interview.medium, interview.interviewer) == ("Dmitry Peskov", "NBC", "Keir Simmons")
    assert (interview.direct_quote, interview.modality) == (True, "quote")


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        ("Moscow is prepared to deal", "Dmitry Peskov"),  # he added
        ("The Russian leader would welcome", "Dmitry Peskov"),  # the spokesman said
        ("“You are telling them", "Dmitry Peskov"),  # he continued
        ("“America is strongly involved", "Dmitry Peskov"),  # the Kremlin spokesman told NBC
        ("He argued that", "Dmitry Peskov"),
        ("The interview came out", "Vladimir Putin"),
        ("Asked at his annual marathon", "Vladimir Putin"),  # the president said
    ],
)
def test_continuation_resolves_to_the_named_speaker(peskov, opening, speaker):
    _, claims = peskov
    assert claim_starting(claims, opening).attribution.speaker == speaker


def test_capitals_speak_for_their_governments(peskov):
    _, claims = peskov
    assert claim_starting(claims, "Moscow has said many times").attribution.organization == "Russian government"
    kiev = claim_starting(claims, "Kiev has dismissed").attribution
    assert (kiev.organization, kiev.modality) == ("Ukrainian government", "denial")


def test_boilerplate_lines_are_not_checkworthy_and_have_no_claimant(peskov):
    _, claims = peskov
    for opening in ("You can share this story on social media", "Comments are closed"):
        claim = claim_starting(claims, opening)
        assert not claim.checkworthy
        assert claim.attribution.claimant is None


def test_unattributed_claims_belong_to_the_publisher(peskov):
    _, claims = peskov
    a = claim_starting(claims, "Contacts between Russia and the United States").attribution
    assert a.claimant is None
    assert [(link.name, link.kind) for link in a.chain] == [("Harbor Ledger", "publisher")]


def test_a_text_file_without_front_matter_is_published_by_its_location():
    document, claims = extract(REPO / "seeds" / "city-transit.txt")
    byline = claim_starting(claims, "By Jane Doe")
    assert not byline.checkworthy
    assert byline.attribution.chain[-1].name == document.location
    assert claim_starting(claims, "Share this article").checkworthy is False


def test_the_original_article():
    if not SHARED_SEED.exists():
        pytest.skip(f"the shared seed article is not available at {SHARED_SEED}")
    _, claims = extract(SHARED_SEED)
    estimate = claim_starting(claims, "According to Russian Defense Ministry estimates").attribution
    assert (estimate.organization, estimate.modality) == ("Russian Defense Ministry", "estimate")
    opening = claim_starting(claims, "The US has to review its current position").attribution
    assert (opening.speaker, opening.role, opening.organization, opening.medium) == (
        "Dmitry Peskov", "spokesman", "Kremlin", "NBC")
    assert claim_starting(claims, "“You are telling them").attribution.speaker == "Dmitry Peskov"
    assert claim_starting(claims, "When asked during his marathon").attribution.speaker == "Vladimir Putin"
    assert claim_starting(claims, "He also questioned").attribution.speaker == "Vladimir Putin"
    assert claim_starting(claims, "US has to ‘understand responsibility’").attribution.organization == "Kremlin"
    for opening in ("You can share this story", "Comments are closed"):
        assert not claim_starting(claims, opening).checkworthy


def test_claims_other_plugins_extract_are_attributed_from_the_whole_document(tmp_path):
    text = (
        "Kremlin spokesman Dmitry Peskov told NBC that talks were over. "
        "Moscow would prefer a constructive line, he added."
    )
    clause = "Moscow would prefer a constructive line"
    start = text.index(clause)

    class ClauseExtractor:
        @hookimpl
        def extract_claims(self, document):
            return [Claim(text=clause, span=Span(start=start, end=start + len(clause)))]

    pm = make_plugin_manager(registry_rules, ClauseExtractor(), entry_points=False)
    document = Document(location="story.txt", text=text, source=Source(publisher="Test Gazette"))
    claims = Pipeline(pm).extract(document)
    foreign = next(c for c in claims if c.extracted_by == "ClauseExtractor")
    assert foreign.attribution.speaker == "Dmitry Peskov"
    assert foreign.attribution.attributed_by == "rules"
    assert foreign.attribution.chain[-1].name == "Test Gazette"


def test_a_claim_outside_every_sentence_belongs_to_the_publisher():
    document = Document(location="x.txt", text="Prices rose 4%.   ", source=Source(uri="https://www.example.org/a"))
    claim = Claim(text=" ", span=Span(start=16, end=17))
    a = registry_rules.attach_attribution(claim=claim, document=document)
    assert a.claimant is None
    assert [(link.name, link.kind) for link in a.chain] == [("example.org", "publisher")]


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1))
def test_extraction_never_raises_and_spans_are_exact_on_any_text(text):
    document = Document(location="any.txt", text=text)
    for claim in PIPELINE.extract(document):
        assert document.text[claim.span.start:claim.span.end] == claim.text
        assert claim.attribution is not None


NEWS_WORDS = [
    "said", "told", "he", "she", "the", "spokesman", "Kremlin", "Dmitry", "Peskov", "according", "to",
    "estimates", "NBC's", "Keir", "“", "”", '"', ",", ".", "\n\n", "Moscow", "group", "report", "found",
    "citing", "In", "a", "statement", "Speaking", "of", "4.2%", "125,000", "Dr.", "U.S.", "—", "Said",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(NEWS_WORDS), min_size=1, max_size=80))
def test_attribution_never_raises_on_news_like_word_soup(words):
    document = Document(location="soup.txt", text=" ".join(words), source=Source(publisher="Soup"))
    for claim in PIPELINE.extract(document):
        assert document.text[claim.span.start:claim.span.end] == claim.text
        assert claim.attribution.chain[-1].kind == "publisher"
