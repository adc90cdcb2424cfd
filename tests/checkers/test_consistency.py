"""The consistency checker: qualifier intervals, and corroboration, conflicts
and interested-party signals on real documents through the real pipeline
(hand-built claims, the built-in rules, and a real SQLite registry)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import registry_consistency
import registry_rules
from registry import Attribution, Claim, Quantity, Span, Stance, Status, claim_id, hookimpl
from registry._config import Settings
from registry._pipeline import Pipeline
from registry._plugins import make_plugin_manager
from registry.store import open_store
from registry_consistency.intervals import interval_for, range_interval, rounding_half_width

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


# -- intervals -----------------------------------------------------------------


@pytest.mark.parametrize(("a", "b", "conflict"), [
    ((125_000, "over"), (130_000, "about"), False),
    ((90, "fewer than"), (142, None), True),
    ((125_000, "over"), (60_000, "about"), True),
    ((125_000, "more than"), (125_000, None), False),  # 125,000 is rounded: it allows 125,400
    ((90, "fewer than"), (90, "exactly"), True),  # "fewer than 90" excludes 90 itself
    ((90, "at most"), (90, "exactly"), False),
    ((100, "nearly"), (100, None), False),
    ((100, "nearly"), (120, None), True),
    ((60_000, "about"), (70_000, "at least"), True),
    ((66_000, "about"), (72_000, None), False),  # 66,000 × 1.1 = 72,600
])
def test_qualifiers_decide_whether_two_figures_conflict(a, b, conflict):
    first, second = interval_for(*a), interval_for(*b)
    assert first.overlaps(second) is not conflict
    assert second.overlaps(first) is not conflict


def test_interval_shapes_and_notation():
    assert interval_for(125_000, "over").describe() == "(125,000, ∞)"
    assert interval_for(90, "fewer than").describe() == "(−∞, 90)"
    assert interval_for(130_000, "about").describe() == "[117,000, 143,000]"
    assert interval_for(130_000, "about", tolerance=0.05).low == 123_500
    assert range_interval(80_000, 70_000).describe() == "[70,000, 80,000]"
    assert not range_interval(70_000, 80_000).overlaps(interval_for(60_000, "about"))
    assert interval_for(5, "up to").low == -math.inf


def test_unqualified_figures_allow_their_rounding():
    assert rounding_half_width(125_000) == 500
    assert rounding_half_width(142) == 0.5
    assert rounding_half_width(4.2) == 0.0
    assert interval_for(60_000, None).describe() == "[55,000, 65,000]"


# -- hand-built claims through the pipeline ------------------------------------


def quantity(line: str, text: str, value: float, unit: str | None = None, qualifier: str | None = None):
    return {"text": text, "value": value, "unit": unit, "qualifier": qualifier}


class HandBuiltClaims:
    """Every line of a document whose text is a key of ``specs`` becomes a
    claim with the quantities and attribution given there."""

    def __init__(self, specs: dict[str, dict]):
        self.specs = specs

    @hookimpl
    def extract_claims(self, document):
        claims, offset = [], 0
        for line in document.text.split("\n"):
            spec = self.specs.get(line.strip())
            if spec is not None:
                start = offset + line.index(line.strip())
                quantities = [
                    Quantity(**q, span=Span(start=start + line.strip().index(q["text"]),
                                            end=start + line.strip().index(q["text"]) + len(q["text"])))
                    for q in spec.get("quantities", [])
                ]
                claims.append(Claim(
                    text=line.strip(), span=Span(start=start, end=start + len(line.strip())),
                    quantities=quantities, attribution=spec.get("attribution"),
                    checkworthy=True, checkworthiness=1.0,
                ))
            offset += len(line) + 1
        return claims


def article(directory: Path, name: str, publisher: str, body: str) -> Path:
    path = directory / name
    slug = name.removesuffix(".md")
    path.write_text(
        f"---\ntitle: {slug}\npublisher: {publisher}\nurl: https://{slug}.example/story\n---\n\n{body}\n",
        encoding="utf-8",
    )
    return path


async def run(specs, *paths, store=None):
    pm = make_plugin_manager(HandBuiltClaims(specs), registry_consistency, entry_points=False)
    result = await Pipeline(pm, Settings(), store=store).run([str(p) for p in paths])
    assert not result.failures and result.checker_errors == 0
    return {r.text: r for r in result.reports}


def consistency(report):
    found = [r for r in report.results if r.checker == "consistency"]
    return found[0] if found else None


MOD = Attribution(organization="Russian Defense Ministry", modality="estimate", confidence=0.9)
MONITOR = Attribution(organization="Casualty Monitoring Group", modality="estimate", confidence=0.9)
LOSSES_MOD = "Ukraine has lost over 125,000 troops since June, the Russian Defense Ministry estimates."
LOSSES_MONITOR = "An independent count puts Ukrainian losses since June at about 60,000 soldiers."


async def test_conflicting_figures_from_two_claimants_in_two_outlets(tmp_path):
    a = article(tmp_path, "ledger.md", "Ledger", f"Moscow and Kyiv trade figures.\n\n{LOSSES_MOD}")
    b = article(tmp_path, "wire.md", "Wire", f"Kyiv reacted on Monday.\n\n{LOSSES_MONITOR}")
    specs = {
        LOSSES_MOD: {"attribution": MOD, "quantities": [quantity(LOSSES_MOD, "over 125,000 troops", 125_000, "troops", "over")]},
        LOSSES_MONITOR: {"attribution": MONITOR, "quantities": [quantity(LOSSES_MONITOR, "about 60,000 soldiers", 60_000, "soldiers", "about")]},
    }
    reports = await run(specs, a, b)
    result = consistency(reports[LOSSES_MOD])
    assert result.status is Status.CONFLICTING_EVIDENCE
    assert reports[LOSSES_MOD].status is Status.CONFLICTING_EVIDENCE
    sides = {e.data["side"]: e for e in result.evidence if e.kind == "conflict"}
    assert sides["this claim"].claimant == "Russian Defense Ministry"
    assert sides["this claim"].data["figure"] == "over 125,000 troops"
    assert sides["this claim"].url == "https://ledger.example/story"
    assert sides["other side"].claimant == "Casualty Monitoring Group"
    assert sides["other side"].data["figure"] == "about 60,000 soldiers"
    assert sides["other side"].publisher == "Wire" and sides["other side"].stance is Stance.REFUTES
    assert "over 125,000 troops" in result.explanation and "about 60,000 soldiers" in result.explanation
    # and the other way round
    other = consistency(reports[LOSSES_MONITOR])
    assert other.status is Status.CONFLICTING_EVIDENCE
    assert {e.claimant for e in other.evidence if e.kind == "conflict"} == {
        "Casualty Monitoring Group", "Russian Defense Ministry"}


async def test_qualified_figures_that_overlap_do_not_conflict(tmp_path):
    first = "Ukraine has lost over 125,000 troops since June, the Russian Defense Ministry estimates."
    second = "Western officials put Ukrainian losses since June at about 130,000 troops."
    a = article(tmp_path, "ledger.md", "Ledger", first)
    b = article(tmp_path, "wire.md", "Wire", second)
    specs = {
        first: {"attribution": MOD, "quantities": [quantity(first, "over 125,000 troops", 125_000, "troops", "over")]},
        second: {"attribution": Attribution(organization="Western officials", modality="estimate"),
                 "quantities": [quantity(second, "about 130,000 troops", 130_000, "troops", "about")]},
    }
    reports = await run(specs, a, b)
    result = consistency(reports[first])
    assert result.status is None  # agreement is corroboration, not a verdict
    assert [e.kind for e in result.evidence] == ["corroboration"]
    assert result.evidence[0].stance is Stance.SUPPORTS and result.evidence[0].claimant == "Western officials"
    assert reports[first].status is Status.UNVERIFIED


async def test_fewer_than_90_and_142_conflict(tmp_path):
    first = "Fewer than 90 people were detained in Port Alder on Sunday, police said."
    second = "Organisers said 142 people were detained in Port Alder on Sunday."
    a = article(tmp_path, "ledger.md", "Ledger", first)
    b = article(tmp_path, "wire.md", "Wire", second)
    specs = {
        first: {"attribution": Attribution(organization="police"),
                "quantities": [quantity(first, "Fewer than 90 people", 90, "people", "fewer than")]},
        second: {"attribution": Attribution(organization="Organisers"),
                 "quantities": [quantity(second, "142 people", 142, "people")]},
    }
    reports = await run(specs, a, b)
    assert consistency(reports[first]).status is Status.CONFLICTING_EVIDENCE
    assert consistency(reports[second]).status is Status.CONFLICTING_EVIDENCE


async def test_figures_about_different_subjects_or_measures_are_not_compared(tmp_path):
    russia = "Kyiv says Russia has lost more than 340,000 soldiers since February 2022."
    equipment = "Moscow says Ukraine has lost 16,000 pieces of heavy equipment since June."
    a = article(tmp_path, "ledger.md", "Ledger", LOSSES_MOD)
    b = article(tmp_path, "wire.md", "Wire", f"{russia}\n\n{equipment}")
    specs = {
        LOSSES_MOD: {"attribution": MOD, "quantities": [quantity(LOSSES_MOD, "over 125,000 troops", 125_000, "troops", "over")]},
        russia: {"attribution": Attribution(organization="Ukrainian government"),
                 "quantities": [quantity(russia, "more than 340,000 soldiers", 340_000, "soldiers", "more than")]},
        equipment: {"attribution": Attribution(organization="Kremlin"),
                    "quantities": [quantity(equipment, "16,000 pieces of heavy equipment", 16_000,
                                            "pieces of heavy equipment")]},
    }
    reports = await run(specs, a, b)
    result = consistency(reports[LOSSES_MOD])
    assert result is None or all(e.kind != "conflict" for e in result.evidence)


async def test_one_claimant_giving_two_figures_is_not_a_conflict(tmp_path):
    later = "The Russian Defense Ministry now estimates that Ukraine has lost about 160,000 troops since June."
    a = article(tmp_path, "ledger.md", "Ledger", LOSSES_MOD)
    b = article(tmp_path, "wire.md", "Wire", later)
    specs = {
        LOSSES_MOD: {"attribution": MOD, "quantities": [quantity(LOSSES_MOD, "over 125,000 troops", 125_000, "troops", "over")]},
        later: {"attribution": MOD, "quantities": [quantity(later, "about 160,000 troops", 160_000, "troops", "about")]},
    }
    reports = await run(specs, a, b)
    result = consistency(reports[LOSSES_MOD])
    assert result is None or result.status is None


async def test_the_same_claim_elsewhere_supports_when_stated_as_fact_and_is_neutral_when_relayed(tmp_path):
    fact = "The bridge over the Vltava at Podoli was closed for repairs on 3 March."
    relayed = "Ukraine has lost over 125,000 troops since June, the Russian Defense Ministry estimates."
    a = article(tmp_path, "ledger.md", "Ledger", f"{fact}\n\n{relayed}")
    b = article(tmp_path, "wire.md", "Wire", f"{fact}\n\n{relayed}")
    c = article(tmp_path, "wire-again.md", "Wire", fact)  # the same outlet again is no corroboration
    specs = {fact: {}, relayed: {"attribution": MOD}}
    reports_by_document = {}
    pm = make_plugin_manager(HandBuiltClaims(specs), registry_consistency, entry_points=False)
    result = await Pipeline(pm, Settings()).run([str(a), str(b), str(c)])
    for report in result.reports:
        reports_by_document[(report.source.publisher, report.source.uri, report.text)] = report
    ledger_fact = consistency(reports_by_document[("Ledger", "https://ledger.example/story", fact)])
    assert ledger_fact.status is None
    assert [(e.kind, e.stance, e.publisher) for e in ledger_fact.evidence] == [
        ("corroboration", Stance.SUPPORTS, "Wire"), ("corroboration", Stance.SUPPORTS, "Wire")]
    assert "independently repeated" in ledger_fact.explanation
    wire_fact = consistency(reports_by_document[("Wire", "https://wire.example/story", fact)])
    assert [e.publisher for e in wire_fact.evidence] == ["Ledger"]
    ledger_relay = consistency(reports_by_document[("Ledger", "https://ledger.example/story", relayed)])
    relays = [e for e in ledger_relay.evidence if e.kind == "corroboration"]
    assert [(e.stance, e.claimant) for e in relays] == [(Stance.NEUTRAL, "Russian Defense Ministry")]
    assert "relayed from the same claimant" in ledger_relay.explanation


async def test_an_interested_partys_estimate_about_its_adversary_is_flagged_not_judged(tmp_path):
    body = (f"Russian forces pressed on near Avdiivka.\n\n{LOSSES_MOD}\n\n"
            "Ukrainian commanders did not comment on the figure.")
    a = article(tmp_path, "ledger.md", "Ledger", body)
    specs = {LOSSES_MOD: {"attribution": MOD, "quantities": [
        quantity(LOSSES_MOD, "over 125,000 troops", 125_000, "troops", "over")]}}
    reports = await run(specs, a)
    result = consistency(reports[LOSSES_MOD])
    assert result.status is None
    assert [e.kind for e in result.evidence] == ["interested_party"]
    assert "Russian Defense Ministry (estimate)" in result.explanation
    assert "(Russian)" in result.explanation and "(Ukraine)" in result.explanation
    assert reports[LOSSES_MOD].status is Status.UNVERIFIED


async def test_a_plain_statement_or_an_unaligned_body_is_not_flagged(tmp_path):
    statement = Attribution(organization="Russian Defense Ministry", modality="statement")
    body = f"Russian forces pressed on.\n\n{LOSSES_MOD}\n\n{LOSSES_MONITOR}\n\nUkrainian commanders were silent."
    a = article(tmp_path, "ledger.md", "Ledger", body)
    specs = {LOSSES_MOD: {"attribution": statement}, LOSSES_MONITOR: {"attribution": MONITOR}}
    reports = await run(specs, a)
    assert consistency(reports[LOSSES_MOD]) is None
    assert consistency(reports[LOSSES_MONITOR]) is None


async def test_figures_already_in_the_registry_are_compared(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'registry.db'}")
    try:
        a = article(tmp_path, "ledger.md", "Ledger", LOSSES_MOD)
        b = article(tmp_path, "wire.md", "Wire", LOSSES_MONITOR)
        specs = {
            LOSSES_MOD: {"attribution": MOD, "quantities": [quantity(LOSSES_MOD, "over 125,000 troops", 125_000, "troops", "over")]},
            LOSSES_MONITOR: {"attribution": MONITOR, "quantities": [quantity(LOSSES_MONITOR, "about 60,000 soldiers", 60_000, "soldiers", "about")]},
        }
        first = await run(specs, a, store=store)
        assert consistency(first[LOSSES_MOD]) is None  # alone, nothing to compare with
        second = await run(specs, b, store=store)  # only the second document in this run
        result = consistency(second[LOSSES_MONITOR])
        assert result.status is Status.CONFLICTING_EVIDENCE
        other = [e for e in result.evidence if e.data.get("side") == "other side"]
        assert [(e.claimant, e.publisher, e.url) for e in other] == [
            ("Russian Defense Ministry", "Ledger", "https://ledger.example/story")]
    finally:
        store.close()


class CountingReads:
    """A real registry that counts the reads the consistency checker makes."""

    def __init__(self, store) -> None:
        self._store = store
        self.reads: list[str] = []

    def appearances(self, claim_id):
        self.reads.append(claim_id)
        return self._store.appearances(claim_id)

    def __getattr__(self, name):
        return getattr(self._store, name)


async def test_the_registry_is_read_once_per_wording_and_every_appearance_gets_what_it_holds(tmp_path):
    statement = "The harbour authority dredged the western channel to a depth of 14 metres."
    store = open_store(f"sqlite:///{tmp_path / 'registry.db'}")
    try:
        specs = {statement: {"attribution": Attribution(organization="Harbour Authority", modality="statement")}}
        await run(specs, article(tmp_path, "ledger.md", "Ledger", statement), store=store)
        counting = CountingReads(store)
        later = [article(tmp_path, f"{name.lower()}.md", name, statement) for name in ("Wire", "Post", "Courier")]
        pm = make_plugin_manager(HandBuiltClaims(specs), registry_consistency, entry_points=False)
        result = await Pipeline(pm, Settings(), store=counting).run([str(p) for p in later])
    finally:
        store.close()
    assert counting.reads == [claim_id(statement)]
    for report in result.reports:
        publishers = {e.publisher for e in consistency(report).evidence}
        assert "Ledger" in publishers, report.source.publisher


# -- the seeds, with the built-in rules ----------------------------------------


async def test_the_seed_loss_figures_come_out_as_conflicting_evidence():
    pm = make_plugin_manager(registry_rules, registry_consistency, entry_points=False)
    result = await Pipeline(pm, Settings()).run([str(SEEDS)])
    moscow = next(r for r in result.reports if "Russian Defense Ministry estimates" in r.text)
    assert moscow.status is Status.CONFLICTING_EVIDENCE
    check = consistency(moscow)
    figures = {(e.data["side"], e.data["figure"], e.claimant, e.publisher) for e in check.evidence if e.kind == "conflict"}
    assert ("this claim", "over 125,000 troops", "Russian Defense Ministry", "Harbor Ledger") in figures
    assert ("other side", "about 60,000", "Conflict Casualty Project", "Northern Wire") in figures
    assert any(e.kind == "interested_party" for e in check.evidence)
    independent = next(r for r in result.reports if "independent count of Ukrainian" in r.text)
    assert independent.status is Status.CONFLICTING_EVIDENCE


async def test_results_are_not_reused_from_the_registry_when_new_documents_arrive(tmp_path):
    """The first run finds only a matching figure; the re-run, with a
    conflicting document added, must find the conflict rather than reuse the
    stored result of the first run."""
    store = open_store(f"sqlite:///{tmp_path / 'registry.db'}")
    matching = "Western officials put Ukrainian losses since June at about 130,000 troops."
    try:
        a = article(tmp_path, "ledger.md", "Ledger", LOSSES_MOD)
        b = article(tmp_path, "wire.md", "Wire", LOSSES_MONITOR)
        c = article(tmp_path, "post.md", "Post", matching)
        specs = {
            LOSSES_MOD: {"attribution": MOD, "quantities": [quantity(LOSSES_MOD, "over 125,000 troops", 125_000, "troops", "over")]},
            LOSSES_MONITOR: {"attribution": MONITOR, "quantities": [quantity(LOSSES_MONITOR, "about 60,000 soldiers", 60_000, "soldiers", "about")]},
            matching: {"attribution": Attribution(organization="Western officials", modality="estimate"),
                       "quantities": [quantity(matching, "about 130,000 troops", 130_000, "troops", "about")]},
        }
        first = await run(specs, a, c, store=store)
        assert consistency(first[LOSSES_MOD]).status is None
        again = await run(specs, a, b, store=store)
        assert consistency(again[LOSSES_MOD]).status is Status.CONFLICTING_EVIDENCE
    finally:
        store.close()


@pytest.mark.parametrize(("text", "names"), [
    ("Casualty figures rose. Officials counted casualties in Avdiivka, officials said.", ["Avdiivka"]),
    ("Casualty figures rose. 'casualty lists' were kept in Avdiivka.", ["Avdiivka"]),
    # the lower-case uses below are inside another word, or not in lower case all through
    ("Casualty figures rose. Noncasualty and anti-casualty counts differ.", ["Casualty", "Noncasualty"]),
    ("Casualty figures rose in the casualtyLog of Kyiv.", ["Casualty", "Kyiv"]),
    ("Reports came from Kyiv. Reports of shelling in KYIV followed on Monday.", ["Reports", "Kyiv", "Reports"]),
    ("An iPhone video from Kharkiv surfaced.", ["Kharkiv"]),
])
def test_proper_names_leave_out_sentence_openers_the_text_uses_in_lower_case(text, names):
    from registry_consistency.figures import proper_names

    assert [word for _, word in proper_names(text)] == names
    assert all(text[start:start + len(word)] == word for start, word in proper_names(text))


async def test_a_story_an_outlet_runs_again_gets_the_same_result_except_where_flagged(tmp_path):
    """Each appearance of a story republished by one outlet is checked
    against the other outlets alike; the interested-party flag still depends
    on each appearance's own document."""
    wire = [article(tmp_path, f"wire-{i}.md", "Wire", f"Markets were calm.\n\n{LOSSES_MOD}") for i in range(3)]
    flagged = article(tmp_path, "wire-3.md", "Wire",
                      f"Russian forces pressed on near Avdiivka.\n\n{LOSSES_MOD}\n\nUkrainian commanders were silent.")
    ledger = article(tmp_path, "ledger.md", "Ledger", f"Rain fell.\n\n{LOSSES_MOD}")
    specs = {LOSSES_MOD: {"attribution": MOD, "quantities": [
        quantity(LOSSES_MOD, "over 125,000 troops", 125_000, "troops", "over")]}}
    pm = make_plugin_manager(HandBuiltClaims(specs), registry_consistency, entry_points=False)
    result = await Pipeline(pm, Settings()).run([str(p) for p in [*wire, flagged, ledger]])
    by_uri = {report.source.uri: consistency(report) for report in result.reports}
    plain = [by_uri[f"https://wire-{i}.example/story"] for i in range(3)]
    for checked in plain:
        assert [(e.kind, e.stance, e.publisher) for e in checked.evidence] == [
            ("corroboration", Stance.NEUTRAL, "Ledger")]
        assert checked.explanation == "relayed from the same claimant (Russian Defense Ministry) by Ledger"
    marked = by_uri["https://wire-3.example/story"]
    assert [e.kind for e in marked.evidence] == ["corroboration", "interested_party"]
    assert "(Russian)" in marked.explanation and "(Ukraine)" in marked.explanation
    assert [e.publisher for e in by_uri["https://ledger.example/story"].evidence] == ["Wire"] * 4


@pytest.mark.parametrize("text", [
    "Russian forces pressed on near Avdiivka. Ukrainian commanders were silent.",
    "Casualty figures rose. Officials counted casualties in Avdiivka, officials said.",
    "The McDonald family and Kyiv's mayor met. RUSSIA said nothing; an iPhone video from Kharkiv surfaced.",
    "Russians and the russia-watchers disagreed.",
])
@pytest.mark.parametrize("name", ["russi", "ukrain", "avdiivk", "casualt", "mcdonald", "kyiv", "kharkiv", "iphon", "rus"])
def test_names_the_same_answers_as_the_list_of_proper_names_would(text, name):
    from registry_consistency.figures import fold_name, names_the_same, proper_names, same_name

    assert names_the_same(text, name) == any(same_name(name, fold_name(word)) for _, word in proper_names(text))


# -- near-duplicate candidates ---------------------------------------------------

# A few very common words and many rare ones, as in debate transcripts, where
# the candidate search must not lose a wording by reading only rare words.
_VOCABULARY = ["people", "country", "going", "think", "years"] + [f"{stem}ation" for stem in
                                                                   ("alpha", "bravo", "charl", "delt", "echo",
                                                                    "foxtr", "golf", "hotel", "indi", "juliet")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=7), min_size=2, max_size=40))
def test_similar_wordings_are_those_the_dice_threshold_and_ranking_define(sentences):
    """The prefix-filtered search finds exactly the wordings that a scan of
    every wording finds: Dice of content words at least PREFILTER_DICE, the
    most shared words first, among equals the first seen, at most
    MAX_SIMILARITY_CANDIDATES, plus the wordings with the claim's own id."""
    from registry import Document, Source
    from registry_consistency import MAX_SIMILARITY_CANDIDATES, PREFILTER_DICE, _RunMemo
    from registry_consistency.figures import content_words

    texts = [" ".join(words).capitalize() + "." for words in sentences]
    corpus = []
    for number, text in enumerate(texts):
        document = Document(location=f"doc-{number}.md", text=text,
                            source=Source(uri=f"https://outlet-{number}.example/story"))
        corpus.append((document, [Claim(text=text, span=Span(start=0, end=len(text)))]))
    memo = _RunMemo(corpus)

    wordings = list(dict.fromkeys((claims[0].id, claims[0].text) for _, claims in corpus))
    for document, claims in corpus:
        sighting, _ = memo.sighting_of(claims[0], document)
        mine = content_words(sighting.text)
        passing = []
        for rank, (claim_id, text) in enumerate(wordings):
            theirs = content_words(text)
            shared = len(mine & theirs)
            if 2 * shared >= PREFILTER_DICE * (len(mine) + len(theirs)):
                passing.append((-shared, rank, (claim_id, text)))
        expected = [w for w in wordings if w[0] == sighting.claim_id]
        expected += [w for _, _, w in sorted(passing)[:MAX_SIMILARITY_CANDIDATES]]
        found = memo.similar_wordings(sighting)
        # a wording stated in several voices has a group for each
        assert list(dict.fromkeys((g.first.claim_id, g.first.text) for g in found)) == list(dict.fromkeys(expected))


# -- the readings each figure is compared by ---------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aAbBzZ'’- .\u212a\u0130\u00dfsS\ufb01k"), max_size=40) | st.text(max_size=40))
def test_content_words_fold_case_as_casefold_would(text):
    """Words are runs of ASCII letters (and apostrophes, hyphens), so
    lower-casing them is case folding, whatever else the text holds."""
    from registry_consistency.figures import _CONCEPT_OF, _STOPWORDS, _WORD, content_words

    expected = set()
    for match in _WORD.finditer(text):
        word = match.group().casefold().strip("'’-")
        if len(word) >= 3 and word not in _STOPWORDS:
            expected.add(_CONCEPT_OF.get(word, word.rstrip("s") if len(word) > 4 else word))
    assert content_words(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.sampled_from(["kyiv", "russi", "ukrain", ""])), max_size=6),
       st.integers(0, 31))
def test_a_figures_subject_is_the_last_name_before_it_else_the_first_after(names, position):
    from registry_consistency.figures import _nearest

    names = sorted(names, key=lambda item: item[0])
    before = [name for start, name in names if start < position]
    after = [name for start, name in names if start >= position]
    assert _nearest(names, position) == (before[-1] if before else after[0] if after else None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.integers(0, 99), max_size=6), max_size=12), st.integers(1, 8))
def test_evidence_is_taken_from_each_stream_in_turn_and_listed_in_stream_order(streams, limit):
    """_first_of_each, which starts a stream only when it needs it, takes
    what round-robin over every stream takes."""
    from registry_consistency import _first_of_each

    taken: list[list[int]] = [[] for _ in streams]
    total = 0
    for depth in range(max(map(len, streams), default=0)):
        for stream, items in zip(streams, taken):
            if depth < len(stream) and total < limit:
                items.append(stream[depth])
                total += 1
    started = []

    def stream_of(number, items):
        started.append(number)
        yield from items

    expected = [item for items in taken for item in items]
    assert _first_of_each((stream_of(n, s) for n, s in enumerate(streams)), limit) == expected
    # the streams after the one that fills the list in the first round are never started
    filling = [n for n, s in enumerate(streams) if s][limit - 1:limit]
    assert started == list(range(filling[0] + 1 if filling else len(streams)))
