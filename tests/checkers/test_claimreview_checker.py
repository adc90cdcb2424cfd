"""The claimreview checker through the real pipeline, with a real SQLite registry."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

import registry_claimreview
from registry import Attribution, Claim, ConfigError, FactCheck, Span, Stance, Status, hookimpl
from registry._config import Settings
from registry._pipeline import Pipeline
from registry._plugins import make_plugin_manager
from registry.claimreview import load_claimreview_file
from registry.store import open_store

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "factchecks" / "fact-check-referendums.jsonld"
REFERENDUMS = "Four former regions of Ukraine became part of Russia in autumn 2022 after holding referendums."


class LinesAreClaims:
    """Extractor for these tests: every line of a document is a check-worthy
    claim; a line 'text || Name' is attributed to Name."""

    @hookimpl
    def extract_claims(self, document):
        claims, offset = [], 0
        for line in document.text.split("\n"):
            text, _, speaker = line.partition(" || ")
            if text.strip():
                claims.append(Claim(
                    text=text, span=Span(start=offset, end=offset + len(text)), checkworthy=True,
                    checkworthiness=1.0,
                    attribution=Attribution(speaker=speaker, confidence=1.0) if speaker else None,
                ))
            offset += len(line) + 1
        return claims


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'registry.db'}")
    opened.add_factchecks(load_claimreview_file(EXAMPLE))
    yield opened
    opened.close()


def run(tmp_path, lines, *, store=None, config=None, pm=None):
    document = tmp_path / f"doc{len(list(tmp_path.glob('doc*.txt')))}.txt"
    document.write_text("\n".join(lines), encoding="utf-8")
    pm = pm or make_plugin_manager(registry_claimreview, LinesAreClaims(), entry_points=False, strict=True)
    # refresh: every run checks again rather than reusing results the registry cached
    pipeline = Pipeline(pm, Settings(checkers={"claimreview": config or {}}), store=store, include_all=True,
                        refresh=True)
    import asyncio

    outcome = asyncio.run(pipeline.run([str(document)]))
    assert not outcome.failures
    return {report.text: report for report in outcome.reports}


def result_of(report):
    [result] = [r for r in report.results if r.checker == "claimreview"]
    assert result.error is None
    return result


def test_a_restated_claim_gets_the_fact_checks_verdict_with_its_evidence(tmp_path, store):
    reports = run(tmp_path, [REFERENDUMS], store=store)
    report = reports[REFERENDUMS]
    result = result_of(report)
    assert result.status is Status.MISLEADING and report.status is Status.MISLEADING
    assert result.confidence == 1.0
    [evidence] = result.evidence
    assert evidence.kind == "factcheck" and evidence.stance is Stance.REFUTES
    assert evidence.url == "https://openledgercheck.example/2023/12/19/referendums-four-regions-joined-russia"
    assert evidence.publisher == "Open Ledger Check"
    assert evidence.date == datetime(2023, 12, 19, tzinfo=UTC)
    assert evidence.rating == "Misleading" and evidence.claimant == "Harbor Ledger"
    assert evidence.data["rating_status"] == "misleading" and evidence.data["similarity"] == 1.0
    assert "Open Ledger Check on 2023-12-19 rated it 'Misleading'" in result.explanation
    assert [s.uri for s in result.sources] == [evidence.url]


def test_a_related_claim_is_a_candidate_for_a_human_to_confirm(tmp_path, store):
    text = "Referendums were held in occupied regions."
    result = result_of(run(tmp_path, [text], store=store)[text])
    assert result.status is Status.NOT_ENOUGH_EVIDENCE and result.confidence == 0.0
    assert "a human should confirm" in result.explanation
    [candidate] = result.evidence
    assert candidate.stance is Stance.NEUTRAL and candidate.data["candidate"] is True
    assert candidate.rating == "Misleading" and 0.25 <= candidate.data["similarity"] < 0.40


def test_a_fact_check_of_another_figure_is_only_a_candidate(tmp_path, store):
    text = "Ukraine lost 50,000 soldiers during its six-month counteroffensive, with 16,000 pieces of heavy equipment."
    result = result_of(run(tmp_path, [text], store=store)[text])
    assert result.status is Status.NOT_ENOUGH_EVIDENCE
    assert "some state other figures" in result.explanation
    assert result.evidence[0].data["similarity"] >= 0.40  # close enough, but the figure differs


def test_unrelated_claims_and_runs_without_a_registry_get_nothing(tmp_path, store):
    unrelated = "The price of bread rose by 12 percent in March."
    report = run(tmp_path, [unrelated], store=store)[unrelated]
    assert [r for r in report.results if r.checker == "claimreview"] == []
    report = run(tmp_path, [REFERENDUMS], store=None)[REFERENDUMS]
    assert report.results == [] and report.status is Status.UNVERIFIED


def test_an_unmapped_rating_keeps_its_text_and_says_nothing_about_truth(tmp_path, store):
    store.add_factchecks([FactCheck(
        claim_text="The city council approved the new stadium budget of 40 million euros.",
        rating="Three of five stars", review_url="https://checker.example/stadium", publisher="Checker")])
    text = "The city council approved the new stadium budget of 40 million euros."
    result = result_of(run(tmp_path, [text], store=store)[text])
    assert result.status is Status.NOT_ENOUGH_EVIDENCE and result.confidence == 0.0
    assert result.evidence[0].rating == "Three of five stars"
    assert result.evidence[0].data["rating_mapped"] is False
    assert "not in the rating table" in result.explanation
    # the user's own table maps it
    own = tmp_path / "ratings.toml"
    own.write_text('[ratings]\n"three of five stars" = "mostly_supported"\n', encoding="utf-8")
    result = result_of(run(tmp_path, [text], store=store, config={"ratings_file": str(own)})[text])
    assert result.status is Status.MOSTLY_SUPPORTED and result.evidence[0].stance is Stance.SUPPORTS


def test_fact_checks_that_disagree_give_conflicting_evidence(tmp_path, store):
    text = "The mayor doubled the water tax in 2023."
    store.add_factchecks([
        FactCheck(claim_text=text, rating="False", review_url="https://a.example/1", publisher="A"),
        FactCheck(claim_text=text, rating="True", review_url="https://b.example/1", publisher="B"),
    ])
    result = result_of(run(tmp_path, [text], store=store)[text])
    assert result.status is Status.CONFLICTING_EVIDENCE
    assert "'False'" in result.explanation and "'True'" in result.explanation
    assert {e.stance for e in result.evidence} == {Stance.SUPPORTS, Stance.REFUTES}


def test_a_different_claimant_is_noted_and_a_misattribution_rating_sets_the_attribution(tmp_path, store):
    quote = "We will never negotiate with the occupiers of our land."
    store.add_factchecks([FactCheck(claim_text=quote, claimant="Volodymyr Zelensky", rating="Misattributed",
                                    review_url="https://c.example/quote", publisher="C")])
    reports = run(tmp_path, [f"{quote} || Olena Petrenko"], store=store)
    result = result_of(reports[quote])
    assert result.attribution_status is not None and result.attribution_status.value == "misattributed"
    [noted] = [e for e in result.evidence if e.kind == "attribution"]
    assert "Volodymyr Zelensky" in noted.summary and "Olena Petrenko" in noted.summary
    # the same person named differently, or a claimant that names no one, is not noted
    store.add_factchecks([FactCheck(claim_text=REFERENDUMS, claimant="Social media posts", rating="False",
                                    review_url="https://d.example/1", publisher="D")])
    reports = run(tmp_path, [f"{quote} || Zelensky", f"{REFERENDUMS} || Dmitry Peskov"], store=store)
    assert not [e for e in result_of(reports[quote]).evidence if e.kind == "attribution"]
    referendum_notes = [e for e in result_of(reports[REFERENDUMS]).evidence if e.kind == "attribution"]
    assert [e.claimant for e in referendum_notes] == ["Harbor Ledger"]


def test_the_index_is_built_once_per_registry(tmp_path, store, monkeypatch):
    from registry_claimreview import checker as module

    built = []
    real = module._build_index
    monkeypatch.setattr(module, "_build_index", lambda s: built.append(s) or real(s))
    pm = make_plugin_manager(registry_claimreview, LinesAreClaims(), entry_points=False, strict=True)
    lines = [REFERENDUMS, "The regions voted in referendums to join Russia.", "Bread costs more."]
    run(tmp_path, lines, store=store, pm=pm)
    run(tmp_path, lines, store=store, pm=pm)
    assert len(built) == 1


@pytest.mark.parametrize(
    ("config", "reason"),
    [({"low": 0.6, "high": 0.5}, "low (0.6) must not be above high (0.5)"),
     ({"high": 1.5}, "high"),
     ({"ratings_file": "/nonexistent/ratings.toml"}, "ratings file /nonexistent/ratings.toml: not found")],
)
def test_bad_settings_stop_the_run_before_it_starts(config, reason):
    pm = make_plugin_manager(registry_claimreview, entry_points=False, strict=True)
    with pytest.raises(ConfigError) as caught:
        Pipeline(pm, Settings(checkers={"claimreview": config}))
    assert "checker 'claimreview'" in str(caught.value) and reason in str(caught.value)
