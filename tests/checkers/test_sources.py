"""The sources checker: signals about the outlet and the claimant from the
shipped table and from a user's CSV, through the real pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import registry_rules
import registry_sources
from registry import Attribution, AttributionLink, Claim, ConfigError, Span, Stance, Status, hookimpl
from registry._config import Settings
from registry._pipeline import Pipeline
from registry._plugins import make_plugin_manager
from registry_sources import BUILTIN_TABLE, TableError, load_table

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
HEADER = "match,kind,label,note,basis,date\n"


class OneClaim:
    """The document's first line is one claim, attributed as given."""

    def __init__(self, attribution: Attribution | None):
        self.attribution = attribution

    @hookimpl
    def extract_claims(self, document):
        line = document.text.lstrip().split("\n")[0]
        start = document.text.index(line)
        return [Claim(text=line, span=Span(start=start, end=start + len(line)), attribution=self.attribution,
                      checkworthy=True, checkworthiness=1.0)]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


async def check(tmp_path, *, publisher=None, url=None, attribution=None, settings=None):
    front = "".join(f"{k}: {v}\n" for k, v in (("publisher", publisher), ("url", url)) if v)
    doc = write(tmp_path / "story.md", (f"---\n{front}---\n\n" if front else "") + "Prices rose 4.2% in May.\n")
    pm = make_plugin_manager(OneClaim(attribution), registry_sources, entry_points=False)
    result = await Pipeline(pm, settings or Settings()).run([str(doc)])
    assert not result.failures and result.checker_errors == 0
    [report] = result.reports
    return report, next((r for r in report.results if r.checker == "sources"), None)


async def test_the_seed_outlet_and_claimant_get_their_signals_but_no_verdict():
    pm = make_plugin_manager(registry_rules, registry_sources, entry_points=False)
    result = await Pipeline(pm, Settings()).run([str(SEEDS / "peskov-nbc-interview.md")])
    moscow = next(r for r in result.reports if "Russian Defense Ministry estimates" in r.text)
    sources = next(r for r in moscow.results if r.checker == "sources")
    assert sources.status is None and moscow.status is Status.UNVERIFIED
    signals = {(e.data["subject"], e.data["name"], e.data["label"]) for e in sources.evidence}
    assert signals == {("outlet", "Harbor Ledger", "fictional sample outlet"),
                       ("claimant", "Russian Defense Ministry", "interested party")}
    assert all(e.kind == "source_signal" and e.stance is Stance.NEUTRAL for e in sources.evidence)
    claimant = next(e for e in sources.evidence if e.data["subject"] == "claimant")
    assert claimant.claimant == "Russian Defense Ministry"
    assert "party to the war in Ukraine" in claimant.data["basis"] and claimant.data["date"] == "2026-11-28"
    peskov = next(r for r in result.reports if r.attribution and r.attribution.speaker == "Dmitry Peskov")
    names = {e.data["name"] for r in peskov.results if r.checker == "sources" for e in r.evidence}
    assert "Dmitry Peskov" in names


async def test_an_outlet_matches_by_domain_including_subdomains(tmp_path):
    _, result = await check(tmp_path, url="https://www.rt.com/news/123-story/")
    [signal] = result.evidence
    assert (signal.data["subject"], signal.data["name"], signal.data["label"]) == ("outlet", "www.rt.com", "state-affiliated")
    assert "TV-Novosti" in signal.data["basis"]
    assert signal.summary.startswith("outlet www.rt.com: state-affiliated — Russian state-funded")


async def test_names_match_whatever_their_case_article_or_possessive(tmp_path):
    attribution = Attribution(organization="the kremlin", confidence=1.0,
                              chain=[AttributionLink(name="RUSSIA'S DEFENSE MINISTRY", kind="organization")])
    _, result = await check(tmp_path, publisher="The Associated Press", attribution=attribution)
    found = {(e.data["subject"], e.data["label"]) for e in result.evidence}
    assert found == {("outlet", "news agency"), ("claimant", "interested party")}
    assert {e.data["line"] for e in result.evidence if e.data["subject"] == "claimant"} == {16, 17}


async def test_nothing_known_means_no_result(tmp_path):
    report, result = await check(tmp_path, publisher="Port Alder Gazette",
                                 attribution=Attribution(speaker="Priya Raman", confidence=1.0))
    assert result is None and report.status is Status.UNVERIFIED


async def test_a_users_table_replaces_the_shipped_one(tmp_path, monkeypatch):
    table = write(tmp_path / "mine.csv", HEADER
                  + "gazette.example|Port Alder Gazette,outlet,local newspaper,Family-owned daily,Our newsroom's own register,2025-02-01\n"
                  + "Priya Raman,claimant,public official,Auditor general of Port Alder,City council appointment record,2025-02-01\n")
    settings = Settings(checkers={"sources": {"table": str(table)}})
    _, result = await check(tmp_path, url="https://news.gazette.example/a", settings=settings,
                            attribution=Attribution(speaker="Priya Raman", confidence=1.0))
    assert [(e.data["subject"], e.data["label"], e.data["table"]) for e in result.evidence] == [
        ("outlet", "local newspaper", str(table)), ("claimant", "public official", str(table))]
    # the shipped rows are gone: RT is unknown to this table
    _, nothing = await check(tmp_path, url="https://rt.com/x", settings=settings)
    assert nothing is None
    # the environment variable works the same way
    monkeypatch.setenv("REGISTRY_SOURCES_TABLE", str(table))
    _, from_env = await check(tmp_path, publisher="Port Alder Gazette")
    assert [e.data["label"] for e in from_env.evidence] == ["local newspaper"]


async def test_claims_that_share_names_share_signals_and_an_edited_table_is_read_again(tmp_path):
    """Within a run, claims with the same outlet and claimant get the same
    signals, each claimant's own; a table edited between two runs of one
    checker is read again for the second."""
    table = write(tmp_path / "mine.csv", HEADER
                  + "Port Alder Gazette,outlet,local newspaper,Family-owned daily,Newsroom register,2025-02-01\n"
                  + "Priya Raman,claimant,public official,Auditor general,Council record,2025-02-01\n")
    speakers = ["Priya Raman", "Tom Weller", "Priya Raman"]

    class Speakers:
        @hookimpl
        def extract_claims(self, document):
            lines = document.text.split("\n")
            return [Claim(text=line, span=Span(start=document.text.index(line), end=document.text.index(line) + len(line)),
                          attribution=Attribution(speaker=speaker, confidence=1.0), checkworthy=True, checkworthiness=1.0)
                    for line, speaker in zip(lines, speakers)]

    doc = write(tmp_path / "story.md", "---\npublisher: Port Alder Gazette\n---\n\n"
                + "Rates rose 4%.\nRates fell 2%.\nRents rose 9%.")
    pm = make_plugin_manager(Speakers(), registry_sources, entry_points=False)
    settings = Settings(checkers={"sources": {"table": str(table)}})

    def labels(result):
        return [[(e.data["subject"], e.data["label"]) for r in report.results for e in r.evidence]
                for report in result.reports]

    first = await Pipeline(pm, settings).run([str(doc)])
    assert labels(first) == [[("outlet", "local newspaper"), ("claimant", "public official")],
                             [("outlet", "local newspaper")],
                             [("outlet", "local newspaper"), ("claimant", "public official")]]
    write(table, table.read_text(encoding="utf-8").replace("local newspaper", "regional daily"))
    os.utime(table, (table.stat().st_atime, table.stat().st_mtime + 10))  # a new mtime even on a coarse clock
    second = await Pipeline(pm, settings).run([str(doc)])
    assert [label for report in labels(second) for _, label in report][:2] == ["regional daily", "public official"]


@pytest.mark.parametrize(("content", "reason"), [
    ("match,kind,label\nrt.com,outlet,x\n", "missing column(s) note, basis, date"),
    (HEADER + "rt.com,newspaper,x,y,z,2025-01-01\n", "line 2: kind must be outlet or claimant, not 'newspaper'"),
    (HEADER + "rt.com,outlet,x,y,,2025-01-01\n", "line 2: basis is empty"),
    (HEADER + "rt.com,outlet,x,y,z,last year\n", "line 2: date must be YYYY-MM-DD, not 'last year'"),
    (HEADER + ",outlet,x,y,z,2025-01-01\n", "line 2: match is empty"),
])
def test_a_bad_table_is_refused_at_start_up_in_one_line(tmp_path, content, reason):
    table = write(tmp_path / "bad.csv", content)
    pm = make_plugin_manager(registry_sources, entry_points=False)
    with pytest.raises(ConfigError) as caught:
        Pipeline(pm, Settings(checkers={"sources": {"table": str(table)}}))
    message = str(caught.value)
    assert message.startswith("checker 'sources': table:") and f"sources table {table}: {reason}" in message
    assert "\n" not in message


def test_a_missing_table_is_refused(tmp_path):
    with pytest.raises(TableError, match="cannot read"):
        load_table(tmp_path / "nowhere.csv")


def test_every_shipped_row_says_why_and_when():
    rows = load_table(BUILTIN_TABLE)
    assert len(rows) >= 20
    assert all(row.basis and row.label and row.date.year >= 2026 for row in rows)
    labels = {row.label for row in rows}
    assert {"state-affiliated", "interested party", "independent monitor"} <= labels
