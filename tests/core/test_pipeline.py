"""The pipeline: extraction merge, attribution, concurrent checkers with
timeouts and errors, verdicts, and notifications."""

from __future__ import annotations

import asyncio
import types

import pytest
from pydantic import BaseModel, SecretStr

from registry import (
    Attribution,
    AttributionStatus,
    Checker,
    CheckerError,
    CheckerUnavailable,
    CheckResult,
    Claim,
    ConfigError,
    Document,
    Span,
    Status,
    Verdict,
    hookimpl,
)
from registry._config import Settings
from registry._pipeline import Pipeline
from registry._plugins import make_plugin_manager

TEXT = "The ministry said 125,000 troops were lost. It rained. Prices rose 4.2% in May."


def sentence_plugin(name="sentences"):
    """Extract every sentence of the document; the first one attributed."""

    @hookimpl
    def extract_claims(document):
        claims, start = [], 0
        for part in document.text.split(". "):
            text = part if part.endswith(".") else part + "."
            begin = document.text.index(text[:-1], start)
            claims.append(Claim(text=text, span=Span(start=begin, end=begin + len(text)),
                                checkworthy="It rained" not in text, checkworthiness=0.8))
            start = begin + len(text)
        return claims

    @hookimpl
    def attach_attribution(claim, document):
        if "ministry" in claim.text:
            return Attribution(organization="Ministry", cue="said", modality="statement", confidence=0.9)
        return None

    return types.SimpleNamespace(__name__=name, extract_claims=extract_claims,
                                 attach_attribution=attach_attribution)


def checker_plugin(*checkers, name="checkers"):
    @hookimpl
    def register_checkers(register):
        for checker in checkers:
            register(checker)

    return types.SimpleNamespace(__name__=name, register_checkers=register_checkers)


class Fixed(Checker):
    name = "fixed"
    version = "1.2"

    def __init__(self, status=Status.SUPPORTED, confidence=0.9, name=None):
        self.status, self.confidence = status, confidence
        if name:
            self.name = name

    async def check(self, claim, ctx):
        return CheckResult(status=self.status, confidence=self.confidence, explanation=f"{self.name} says so")


class Raises(Checker):
    name = "raises"

    async def check(self, claim, ctx):
        raise ValueError("boom")


class Hangs(Checker):
    name = "hangs"

    async def check(self, claim, ctx):
        await asyncio.sleep(30)


class WrongType(Checker):
    name = "wrong-type"

    async def check(self, claim, ctx):
        return {"status": "supported"}


class NoKey(Checker):
    name = "no-key"

    def __init__(self):
        self.calls = 0

    async def check(self, claim, ctx):
        self.calls += 1
        raise CheckerUnavailable("set REGISTRY_NO_KEY_API_KEY")


class Failing(Checker):
    name = "failing"

    async def check(self, claim, ctx):
        raise CheckerError("the service said 503")


def document(text=TEXT):
    return Document(location="mem.txt", text=text)


def memory_loader(docs):
    """A loader plugin serving in-memory documents by location."""
    by_location = {d.location: d for d in docs}

    @hookimpl
    def load_document(location, options):
        return by_location.get(location)

    return types.SimpleNamespace(__name__="memory", load_document=load_document)


def run(pm, *, settings=None, include_all=False, notices=None, docs=None):
    """Run the real pipeline over in-memory documents."""
    docs = docs or [document()]
    pm.add_plugin(memory_loader(docs), "memory")
    pipeline = Pipeline(pm, settings or Settings(timeout=0.5), include_all=include_all,
                        on_notice=(notices.append if notices is not None else None))
    result = asyncio.run(pipeline.run([d.location for d in docs]))
    return result.reports, result


def test_extraction_merges_plugins_and_dedupes_by_id():
    pm = make_plugin_manager(sentence_plugin("one"), sentence_plugin("two"), entry_points=False)
    claims = Pipeline(pm).extract(document())
    assert [c.text for c in claims] == [
        "The ministry said 125,000 troops were lost.", "It rained.", "Prices rose 4.2% in May."]
    assert all(TEXT[c.span.start:c.span.end] == c.text for c in claims)
    assert claims[0].attribution.organization == "Ministry"
    assert claims[0].attribution.attributed_by in {"one", "two"}
    assert claims[0].extracted_by in {"one", "two"}


def test_results_carry_their_checker_and_verdicts_follow_them():
    pm = make_plugin_manager(sentence_plugin(), checker_plugin(Fixed()), entry_points=False)
    reports, result = run(pm)
    assert len(reports) == 2  # "It rained." is not check-worthy
    first = reports[0]
    assert first.status is Status.SUPPORTED
    assert first.verdict.decided_by == "fixed"
    assert first.attribution_status is AttributionStatus.REPORTED_SECONDARY
    assert reports[1].attribution_status is AttributionStatus.UNATTRIBUTED
    assert [(r.checker, r.version, r.error) for r in first.results] == [("fixed", "1.2", None)]
    assert result.stats["fixed"].calls == 2


def test_include_all_checks_claims_that_are_not_checkworthy():
    pm = make_plugin_manager(sentence_plugin(), checker_plugin(Fixed()), entry_points=False)
    reports, _ = run(pm, include_all=True)
    assert [r.text for r in reports][1] == "It rained."


def test_a_raising_hanging_or_wrong_checker_never_spoils_the_others():
    pm = make_plugin_manager(
        sentence_plugin(), checker_plugin(Fixed(), Raises(), Hangs(), WrongType(), Failing()),
        entry_points=False,
    )
    reports, result = run(pm)
    errors = {r.checker: r.error for r in reports[0].results}
    assert errors == {
        "fixed": None,
        "raises": "ValueError: boom",
        "hangs": "timed out after 0.5 s",
        "wrong-type": "returned dict, not a CheckResult or None",
        "failing": "the service said 503",
    }
    assert reports[0].status is Status.SUPPORTED
    assert result.checker_errors == 8


def test_an_unavailable_checker_is_reported_once_and_skipped():
    no_key = NoKey()
    notices = []
    pm = make_plugin_manager(sentence_plugin(), checker_plugin(no_key, Fixed()), entry_points=False)
    settings = Settings(timeout=0.5, concurrency=1)
    reports, result = run(pm, settings=settings, notices=notices)
    assert notices == ["checker 'no-key' unavailable: set REGISTRY_NO_KEY_API_KEY"]
    assert no_key.calls == 1
    assert result.unavailable == {"no-key": "set REGISTRY_NO_KEY_API_KEY"}
    assert all(r.checker == "fixed" for report in reports for r in report.results)


def test_two_confident_checkers_that_disagree_give_conflicting_evidence():
    pm = make_plugin_manager(sentence_plugin(), checker_plugin(
        Fixed(Status.SUPPORTED, 0.9), Fixed(Status.REFUTED, 0.7, name="other")), entry_points=False)
    reports, _ = run(pm)
    assert reports[0].status is Status.CONFLICTING_EVIDENCE
    assert reports[0].verdict.explanation == "fixed says supported, other says refuted"


def test_conclusive_results_outweigh_not_enough_evidence():
    pm = make_plugin_manager(sentence_plugin(), checker_plugin(
        Fixed(Status.NOT_ENOUGH_EVIDENCE, 0.95), Fixed(Status.MOSTLY_REFUTED, 0.4, name="other")),
        entry_points=False)
    reports, _ = run(pm)
    assert reports[0].status is Status.MOSTLY_REFUTED
    assert reports[0].verdict.decided_by == "other"


def test_only_not_enough_evidence_stays_so_and_no_result_is_unverified():
    pm = make_plugin_manager(sentence_plugin(), checker_plugin(Fixed(Status.NOT_ENOUGH_EVIDENCE, 0.3)),
                             entry_points=False)
    assert run(pm)[0][0].status is Status.NOT_ENOUGH_EVIDENCE
    pm = make_plugin_manager(sentence_plugin(), entry_points=False)
    report = run(pm)[0][0]
    assert report.status is Status.UNVERIFIED
    assert report.verdict.explanation == "no checker reached a conclusion"


def test_a_plugin_can_replace_resolve_verdict_and_notifications_never_change_it():
    seen = []

    class Replacement:
        __name__ = "replacement"

        @hookimpl
        def resolve_verdict(self, claim, results):
            return Verdict(status=Status.MIXED, explanation="house rule", decided_by="replacement")

        @hookimpl
        def claim_checked(self, claim, verdict):
            seen.append((claim.text, verdict.status))
            raise RuntimeError("webhook down")

    problems = []
    pm = make_plugin_manager(sentence_plugin(), checker_plugin(Fixed()), Replacement(),
                             entry_points=False, report=problems.append)
    reports, _ = run(pm)
    assert {r.status for r in reports} == {Status.MIXED}
    assert seen[0] == ("The ministry said 125,000 troops were lost.", Status.MIXED)
    assert problems[0] == "plugin 'replacement' failed in claim_checked: RuntimeError: webhook down"


def test_a_failing_extractor_is_reported_and_the_others_still_extract():
    @hookimpl
    def extract_claims(document):
        raise KeyError("oops")

    problems = []
    broken = types.SimpleNamespace(__name__="broken", extract_claims=extract_claims)
    pm = make_plugin_manager(sentence_plugin(), broken, entry_points=False, report=problems.append)
    assert len(Pipeline(pm).extract(document())) == 3
    assert problems == ["plugin 'broken' failed in extract_claims: KeyError: 'oops'"]


def test_claims_with_spans_outside_the_document_are_dropped():
    @hookimpl
    def extract_claims(document):
        return [Claim(text="ghost", span=Span(start=0, end=10_000)), "not a claim"]

    problems = []
    pm = make_plugin_manager(types.SimpleNamespace(__name__="sloppy", extract_claims=extract_claims),
                             entry_points=False, report=problems.append)
    assert Pipeline(pm).extract(document()) == []
    assert problems == [
        "plugin 'sloppy' returned a claim whose span is outside the document",
        "plugin 'sloppy' returned str from extract_claims, not a Claim",
    ]


def test_checkers_see_the_whole_run_in_their_context():
    seen = {}

    class Peeker(Checker):
        name = "peeker"

        async def check(self, claim, ctx):
            seen[claim.text] = [d.location for d, _ in ctx.corpus]
            return None

    pm = make_plugin_manager(sentence_plugin(), checker_plugin(Peeker()), entry_points=False)
    run(pm, docs=[Document(location="a", text=TEXT), Document(location="b", text="Rents rose 9%.")])
    assert seen["Rents rose 9%."] == ["a", "b"]
    assert seen["Prices rose 4.2% in May."] == ["a", "b"]


def test_checker_config_is_validated_and_env_overrides_the_file(monkeypatch):
    class Configured(Checker):
        name = "configured"

        class Config(BaseModel):
            pages: int = 1
            api_key: SecretStr | None = None

        async def check(self, claim, ctx):
            return CheckResult(explanation=f"pages={ctx.config.pages}")

    pm = make_plugin_manager(sentence_plugin(), checker_plugin(Configured()), entry_points=False)
    settings = Settings(checkers={"configured": {"pages": 2}})
    assert Pipeline(pm, settings).configs["configured"].pages == 2
    monkeypatch.setenv("REGISTRY_CONFIGURED_PAGES", "5")
    assert Pipeline(pm, settings).configs["configured"].pages == 5
    monkeypatch.setenv("REGISTRY_CONFIGURED_PAGES", "many")
    with pytest.raises(ConfigError, match=r"^checker 'configured': pages: Input should be a valid integer"):
        Pipeline(pm, settings)


class Counting(Checker):
    name = "counting"

    def __init__(self, cache_results=True):
        self.calls = 0
        self.cache_results = cache_results

    async def check(self, claim, ctx):
        self.calls += 1
        return CheckResult(status=Status.SUPPORTED, confidence=0.8, explanation=f"call {self.calls}")


@pytest.mark.parametrize("cache_results, second_run_calls", [(True, 0), (False, 2)])
def test_stored_results_are_reused_only_by_checkers_that_allow_it(tmp_path, cache_results, second_run_calls):
    from registry.store import open_store

    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    checker = Counting(cache_results)
    pm = make_plugin_manager(sentence_plugin(), checker_plugin(checker), entry_points=False)
    for _ in range(2):
        store = open_store(f"sqlite:///{tmp_path / 'registry.db'}")
        try:
            result = asyncio.run(Pipeline(pm, Settings(), store=store).run([str(article)]))
        finally:
            store.close()
    assert checker.calls == 2 + second_run_calls
    assert result.stats["counting"].cache_hits == 2 - second_run_calls
    assert all(r.status is Status.SUPPORTED for r in result.reports)


def test_a_run_raises_the_collector_thresholds_and_restores_them():
    import gc

    seen = []

    class Looking(Checker):
        name = "looking"

        async def check(self, claim, ctx):
            seen.append(gc.get_threshold())

    before = gc.get_threshold()
    pm = make_plugin_manager(sentence_plugin(), checker_plugin(Looking()), entry_points=False)
    run(pm)
    assert gc.get_threshold() == before
    assert seen and all(during[0] >= 100_000 for during in seen)
