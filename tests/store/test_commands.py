"""The registry commands, run in-process on SQLite and PostgreSQL: exact
output, one-line errors, the ClaimReview export parsed back, imports from
files and from a real HTTP server, and hostile text through every argument."""

from __future__ import annotations

import csv
import http.server
import io
import json
import threading
from datetime import date

import pytest

from registry import claim_id
from registry.claimreview import parse_claimreview_json
from registry.store import ClaimRecord, known_revisions

from .conftest import cli, count, query, write_documents

PESKOV_CLAIM = "Ukraine has lost over 125,000 troops since June [false]"
STORY = f"""---
title: Kremlin interview
url: https://harbor.example/peskov
publisher: Harbor Ledger
published: 2023-12-15
---
Dmitry Peskov: {PESKOV_CLAIM}
Buses ran late on 23.6 per cent of trips last year [true]
Anna Berg: The bridge reopened after 14 months
"""


@pytest.fixture
def registry(capsys, db_url, tmp_path):
    """A registry holding the three claims of STORY."""
    docs = write_documents(tmp_path / "docs", {"story.md": STORY})
    code, _, err = cli(capsys, "check", "--db", db_url, str(docs))
    assert code == 0, err
    return db_url


def test_claims_list_filters(capsys, registry):
    code, out, err = cli(capsys, "claims", "list", "--db", registry, "-f", "json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert sorted(r["text"] for r in rows) == sorted([
        PESKOV_CLAIM, "Buses ran late on 23.6 per cent of trips last year [true]",
        "The bridge reopened after 14 months"])
    assert set(rows[0]) == {"id", "text", "claim_type", "status", "origin", "decided_by", "confidence",
                            "speakers", "appearances", "first_seen", "updated_at"}

    def texts(*args):
        code, out, err = cli(capsys, "claims", "list", "--db", registry, "-f", "json", *args)
        assert (code, err) == (0, ""), err
        return sorted(r["text"] for r in json.loads(out))

    assert texts("--status", "refuted") == [PESKOV_CLAIM]
    assert texts("--status", "Not enough evidence") == ["The bridge reopened after 14 months"]
    assert texts("--speaker", "peSKov") == [PESKOV_CLAIM]
    assert texts("--speaker", "berg", "--status", "refuted") == []
    assert texts("--since", "2000-01-01", "--status", "supported") == [
        "Buses ran late on 23.6 per cent of trips last year [true]"]
    assert texts("--since", "2999-01-01") == []
    assert len(texts("--limit", "2")) == 2

    code, out, _ = cli(capsys, "claims", "list", "--db", registry, "--status", "refuted")
    assert code == 0 and claim_id(PESKOV_CLAIM) in out and "Dmitry Peskov" in out
    assert "refuted" in out and out.rstrip().endswith("1 claim")


def test_claims_show_gives_the_whole_history(capsys, registry, tmp_path):
    cid = claim_id(PESKOV_CLAIM)
    other = write_documents(tmp_path / "more", {"later.txt": f"{PESKOV_CLAIM}\n"})
    cli(capsys, "check", "--db", registry, "--refresh", str(other))
    cli(capsys, "review", cid[:6], "--db", registry, "--status", "refuted", "--reviewer", "Ana Costa",
        "--note", "Ministry estimate only", "--evidence", "https://evidence.example/1",
        "--evidence", "https://evidence.example/2", "--url", "https://factcheck.example/peskov")
    code, out, err = cli(capsys, "claims", "show", cid, "--db", registry)
    assert (code, err) == (0, "")
    assert out.startswith(f"claim {cid} (quantity)\n  {PESKOV_CLAIM}\n"
                          "  status: refuted (review, decided by Ana Costa, confidence 1.00)\n")
    assert "appearances (2):" in out and "Kremlin interview, 2023-12-15" in out and "Dmitry Peskov" in out
    assert "check results (2):" in out and out.count("verdict-in-text 1: refuted 0.90") == 2
    assert "reviews (1):" in out and "Ana Costa: refuted" in out
    assert "evidence: https://evidence.example/2" in out and "published: https://factcheck.example/peskov" in out

    code, out, _ = cli(capsys, "claims", "show", cid, "--db", registry, "-f", "json")
    record = ClaimRecord.model_validate_json(out)
    assert record.id == cid and len(record.appearances) == 2 and len(record.results) == 2
    assert record.reviews[0].evidence == ["https://evidence.example/1", "https://evidence.example/2"]
    assert record.appearances[0].source.uri == "https://harbor.example/peskov"
    assert record.verdict.machine.status.value == "refuted"


def test_a_rerun_reports_the_reviewers_verdict_over_its_own(capsys, registry, tmp_path):
    cid = claim_id(PESKOV_CLAIM)
    cli(capsys, "review", cid, "--db", registry, "--status", "misleading", "--reviewer", "Ana Costa",
        "--note", "An estimate by one side, not a count")
    docs = tmp_path / "docs"

    code, out, err = cli(capsys, "check", "--db", registry, "--refresh", str(docs), "-f", "json")
    assert (code, err) == (0, "")
    reports = {report["id"]: report for report in json.loads(out)}
    peskov = reports[cid]
    assert peskov["status"] == "misleading"
    assert peskov["verdict"] == {"status": "misleading", "attribution_status": peskov["attribution_status"],
                                 "confidence": 1.0, "explanation": "An estimate by one side, not a count",
                                 "decided_by": "Ana Costa"}
    # This run's own judgement stays in its results; the registry keeps both.
    assert [(r["checker"], r["status"]) for r in peskov["results"]] == [("verdict-in-text", "refuted")]
    assert all(r["verdict"]["decided_by"] != "Ana Costa" for i, r in reports.items() if i != cid)
    assert query(registry, "SELECT machine_status FROM verdicts v JOIN claims c ON c.pk = v.claim_pk "
                           "WHERE c.id = :id", id=cid) == [("refuted",)]

    code, out, _ = cli(capsys, "check", "--db", registry, str(docs))
    row = next(line for line in out.splitlines() if "Dmitry Peskov" in line)
    assert "misleading" in row and "Ana Costa" in row

    code, out, _ = cli(capsys, "check", "--no-store", str(docs), "-f", "json")
    assert {r["id"]: r["status"] for r in json.loads(out)}[cid] == "refuted"


def test_claims_search_command(capsys, registry):
    code, out, err = cli(capsys, "claims", "search", "125000 TROOPS", "--db", registry, "-f", "json")
    assert (code, err) == (0, "")
    assert [r["text"] for r in json.loads(out)] == [PESKOV_CLAIM]
    code, out, _ = cli(capsys, "claims", "search", "23.6 per cent", "--db", registry)
    assert code == 0 and "Buses ran late" in out and out.rstrip().endswith("1 claim")
    code, out, _ = cli(capsys, "claims", "search", "unicorns", "--db", registry)
    assert code == 0 and out.rstrip().endswith("0 claims")


def test_unknown_ids_statuses_and_formats_are_one_line_errors(capsys, registry):
    cases = {
        ("claims", "show", "ffffffffffffffff"): (1, "error: claim id ffffffffffffffff: no such claim in registry"),
        ("claims", "show", "xyz"): (2, "error: claim id 'xyz': not a claim id (4 to 16 hex digits)"),
        ("claims", "show", "a"): (2, "error: claim id 'a': not a claim id (4 to 16 hex digits)"),
        ("review", "12345678901234567", "--status", "refuted"): (
            2, "error: claim id '12345678901234567': not a claim id (4 to 16 hex digits)"),
        ("claims", "list", "--status", "fake"): (2, "error: --status 'fake': unknown status (choose from supported, "),
        ("claims", "list", "--since", "yesterday"): (2, "error: --since 'yesterday': not a date"),
        ("claims", "list", "-f", "xml"): (2, "error: --format 'xml': unknown format (choose from table, json)"),
        ("review", claim_id(PESKOV_CLAIM), "--status", "true"): (2, "error: --status 'true': unknown status"),
        ("review", claim_id(PESKOV_CLAIM), "--status", "refuted", "--evidence", "file:///etc/passwd"):
            (2, "error: 'file:///etc/passwd': not an http(s) URL"),
        ("export", "-f", "rdf"): (2, "error: --format 'rdf': unknown format (choose from claimreview, jsonl, csv)"),
    }
    for args, (expected_code, start) in cases.items():
        code, out, err = cli(capsys, *args, "--db", registry)
        assert (code, out) == (expected_code, ""), args
        assert err.startswith(start) and err.count("\n") == 1, (args, err)


def test_an_ambiguous_prefix_is_refused(capsys, db_url, tmp_path):
    seen: dict[str, str] = {}
    for number in range(100_000):  # two claims whose ids share 4 hex digits
        text = f"Claim number {number} about ducks"
        shared = claim_id(text)[:4]
        if shared in seen:
            break
        seen[shared] = text
    lines = [seen[shared], text]
    cli(capsys, "check", "--db", db_url, str(write_documents(tmp_path / "d", {"x.txt": "\n".join(lines)})))
    code, _, err = cli(capsys, "claims", "show", shared, "--db", db_url)
    assert code == 1 and err == f"error: claim id {shared}: more than one claim starts with it; give more digits\n"


def test_the_reviewer_defaults_to_registry_reviewer(capsys, registry, monkeypatch):
    monkeypatch.setenv("REGISTRY_REVIEWER", "Desk Editor")
    code, out, _ = cli(capsys, "review", claim_id(PESKOV_CLAIM), "--status", "mostly-refuted", "--db", registry)
    assert code == 0 and out.endswith("mostly_refuted (reviewed by Desk Editor)\n")
    assert query(registry, "SELECT reviewer, status FROM reviews") == [("Desk Editor", "mostly_refuted")]


def test_claimreview_export_validates_and_round_trips(capsys, registry, tmp_path):
    cid = claim_id(PESKOV_CLAIM)
    cli(capsys, "review", cid, "--status", "refuted", "--note", "No independent count supports it",
        "--reviewer", "Ana Costa", "--url", "https://factcheck.example/peskov-125000", "--db", registry)
    bridge = claim_id("The bridge reopened after 14 months")
    cli(capsys, "review", bridge, "--status", "misleading", "--reviewer", "Ben Ode", "--db", registry)

    code, out, err = cli(capsys, "export", "--format", "claimreview", "--db", registry,
                         "--base-url", "https://factcheck.example/claims/", "--publisher", "Harbor Checks")
    assert code == 0
    assert err == "1 claim(s) without a human review left out (--include-machine exports them)\n"
    feed = json.loads(out)
    assert feed["@context"] == "https://schema.org" and feed["@type"] == "DataFeed"
    reviews = {item["item"][0]["claimReviewed"]: item["item"][0] for item in feed["dataFeedElement"]}
    assert set(reviews) == {PESKOV_CLAIM, "The bridge reopened after 14 months"}

    review = reviews[PESKOV_CLAIM]
    assert review["@type"] == "ClaimReview"
    assert review["url"] == "https://factcheck.example/peskov-125000"
    assert isinstance(review["claimReviewed"], str)
    date.fromisoformat(review["datePublished"])
    assert review["author"] == {"@type": "Organization", "name": "Harbor Checks"}
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Refuted", "ratingValue": 1,
                                      "bestRating": 5, "worstRating": 1,
                                      "ratingExplanation": "No independent count supports it"}
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Dmitry Peskov"}
    assert item["datePublished"] == "2023-12-15"
    assert item["firstAppearance"]["url"] == "https://harbor.example/peskov"
    assert [a["url"] for a in item["appearance"]] == ["https://harbor.example/peskov"]
    assert item["appearance"][0]["publisher"] == {"@type": "Organization", "name": "Harbor Ledger"}

    misleading = reviews["The bridge reopened after 14 months"]
    assert misleading["url"] == f"https://factcheck.example/claims/{bridge}"
    assert misleading["reviewRating"] == {"@type": "Rating", "alternateName": "Misleading"}
    assert misleading["itemReviewed"]["author"]["name"] == "Anna Berg"

    parsed = {fc.claim_text: fc for fc in parse_claimreview_json(feed, origin="export")}
    assert parsed[PESKOV_CLAIM].rating == "Refuted" and parsed[PESKOV_CLAIM].rating_value == 1
    assert parsed[PESKOV_CLAIM].claimant == "Dmitry Peskov" and parsed[PESKOV_CLAIM].publisher == "Harbor Checks"
    assert parsed[PESKOV_CLAIM].appearances == ["https://harbor.example/peskov"]

    path = tmp_path / "feed.jsonld"
    path.write_text(out, encoding="utf-8")
    second = f"sqlite:///{tmp_path / 'second.db'}"
    code, out, err = cli(capsys, "import", "claimreview", str(path), "--db", second)
    assert (code, err) == (0, "")
    assert out == f"{path}: 2 fact-check(s) read, 2 new, 0 already known\n"


def test_export_of_unreviewed_claims_needs_include_machine(capsys, registry):
    code, out, err = cli(capsys, "export", "--db", registry)
    assert code == 0 and json.loads(out)["dataFeedElement"] == []
    assert "3 claim(s) without a human review left out" in err
    code, out, err = cli(capsys, "export", "--db", registry, "--include-machine")
    assert code == 2 and out == ""
    assert err.startswith("error: claim ") and "no page URL for its ClaimReview" in err
    code, out, err = cli(capsys, "export", "--db", registry, "--include-machine", "--status", "supported",
                         "--base-url", "https://registry.example/c/")
    assert (code, err) == (0, "")
    [item] = [element["item"][0] for element in json.loads(out)["dataFeedElement"]]
    assert item["author"] == {"@type": "Organization", "name": "claim-registry (automated check)"}
    assert item["reviewRating"]["ratingValue"] == 5 and item["reviewRating"]["alternateName"] == "Supported"


def test_csv_export_cells_cannot_run_as_spreadsheet_formulas(capsys, db_url, tmp_path):
    hostile = {"=HYPERLINK(\"https://evil.example\",\"open\") says 4 ministers resigned": "=",
               "+44 people were hurt in the crash": "+", "-5 degrees was the coldest night in 30 years": "-",
               "@mayor posted that 12 buses broke down": "@"}
    docs = write_documents(tmp_path / "hostile", {"lines.txt": "\n".join(hostile) + "\n"})
    assert cli(capsys, "check", "--db", db_url, "--all", str(docs))[0] == 0
    cli(capsys, "review", claim_id("+44 people were hurt in the crash"), "--status", "refuted",
        "--reviewer", "=cmd|'/c calc'!A1", "--note", "-2+3", "--db", db_url)
    code, out, err = cli(capsys, "export", "-f", "csv", "--include-machine", "--db", db_url)
    assert (code, err.count("\n")) == (0, 0)
    written = tmp_path / "export.csv"
    written.write_text(out, encoding="utf-8")
    with written.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(row["text"] for row in rows) == sorted("'" + text for text in hostile)
    reviewed = next(row for row in rows if row["reviewer"])
    assert (reviewed["reviewer"], reviewed["explanation"]) == ("'=cmd|'/c calc'!A1", "'-2+3")
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    assert {row["appearances"] for row in rows} == {"1"}  # numbers are left as they are


def test_jsonl_and_csv_exports(capsys, registry):
    cid = claim_id(PESKOV_CLAIM)
    cli(capsys, "review", cid, "--status", "refuted", "--reviewer", "Ana Costa", "--note", 'said "no", twice',
        "--evidence", "https://e.example/1", "--db", registry)
    code, out, _ = cli(capsys, "export", "-f", "jsonl", "--db", registry)
    [line] = out.splitlines()
    record = ClaimRecord.model_validate_json(line)
    assert record.id == cid and record.reviews[0].note == 'said "no", twice'
    code, out, _ = cli(capsys, "export", "-f", "csv", "--db", registry, "--include-machine", "--status", "refuted",
                       "--status", "supported")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["status"], r["origin"]) for r in rows] == [("supported", "machine"), ("refuted", "review")]
    rows.reverse()  # oldest activity first: the review came last
    assert rows[0]["claim_id"] == cid and rows[0]["reviewer"] == "Ana Costa"
    assert rows[0]["explanation"] == 'said "no", twice' and rows[0]["claimant"] == "Dmitry Peskov"
    assert rows[0]["evidence"] == "https://e.example/1" and rows[0]["appearances"] == "1"
    assert rows[0]["first_appearance_url"] == "https://harbor.example/peskov"


CLAIMREVIEW_SHAPES = {
    "single.json": {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "Claim one",
                    "url": "https://fc.example/1", "author": {"@type": "Organization", "name": "FC"},
                    "reviewRating": {"@type": "Rating", "alternateName": "False"}},
    "list.json": [{"@type": "ClaimReview", "claimReviewed": "Claim two", "reviewRating": {"ratingValue": 1}},
                  {"@type": "ClaimReview", "claimReviewed": "Claim three", "url": "https://fc.example/3",
                   "reviewRating": {"alternateName": "True"}}],
    "graph.json": {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "page"},
        {"@type": "ClaimReview", "claimReviewed": "Claim four", "url": "https://fc.example/4",
         "reviewRating": {"alternateName": "Misleading"}}]},
    "feed.json": {"@type": "DataFeed", "dataFeedElement": [
        {"@type": "DataFeedItem", "item": [{"@type": "ClaimReview", "claimReviewed": "Claim five",
                                            "reviewRating": {"alternateName": "False"}}]}]},
    "factchecktools.json": {"claims": [{"text": "Claim six", "claimant": "A Mayor", "claimReview": [
        {"publisher": {"name": "FC", "site": "fc.example"}, "url": "https://fc.example/6",
         "textualRating": "Mostly false", "languageCode": "en"}]}]},
}


def test_importing_fact_checks_without_a_rating_says_so(capsys, db_url, tmp_path):
    path = tmp_path / "unrated.json"
    path.write_text(json.dumps([
        {"@type": "ClaimReview", "claimReviewed": "Claim seven", "url": "https://fc.example/7"},
        {"@type": "ClaimReview", "claimReviewed": "Claim eight", "reviewRating": {"alternateName": "False"}},
        {"@type": "ClaimReview", "claimReviewed": "Claim nine", "reviewRating": {"@type": "Rating"}},
    ]), encoding="utf-8")
    code, out, err = cli(capsys, "import", "claimreview", str(path), "--db", db_url)
    assert code == 0
    assert err == (f"warning: {path}: 2 fact-check(s) with no rating (reviewRating): stored, "
                   "but they can give no claim a verdict\n")
    assert out == f"{path}: 3 fact-check(s) read, 3 new, 0 already known\n"
    assert count(db_url, "factchecks") == 3


def test_import_claimreview_files_of_every_shape(capsys, db_url, tmp_path):
    for name, data in CLAIMREVIEW_SHAPES.items():
        path = tmp_path / name
        path.write_text(json.dumps(data), encoding="utf-8")
        code, out, err = cli(capsys, "import", "claimreview", str(path), "--db", db_url)
        assert (code, err) == (0, ""), err
        expected = 2 if name == "list.json" else 1
        assert out == f"{path}: {expected} fact-check(s) read, {expected} new, 0 already known\n"
    code, out, _ = cli(capsys, "import", "claimreview", str(tmp_path / "list.json"), "--db", db_url)
    assert out.endswith("2 fact-check(s) read, 0 new, 2 already known\n")
    rows = query(db_url, "SELECT claim_text, rating, claimant, origin FROM factchecks ORDER BY claim_text")
    assert [r[0] for r in rows] == [f"Claim {n}" for n in ("five", "four", "one", "six", "three", "two")]
    assert rows[3][1:3] == ("Mostly false", "A Mayor") and rows[3][3] == str(tmp_path / "factchecktools.json")

    code, out, err = cli(capsys, "import", "claimreview", str(tmp_path / "missing.json"), "--db", db_url)
    assert code == 1 and err == f"error: {tmp_path / 'missing.json'}: no such file\n"
    (tmp_path / "bad.json").write_text('{"claims": 5}', encoding="utf-8")
    code, out, err = cli(capsys, "import", "claimreview", str(tmp_path / "bad.json"), "--db", db_url)
    assert code == 1 and err.count("\n") == 1 and "'claims' is a number, not a list" in err
    assert count(db_url, "factchecks") == 6


@pytest.fixture
def feed_server():
    """A real HTTP server on 127.0.0.1 serving a Fact Check Tools response."""
    body = json.dumps(CLAIMREVIEW_SHAPES["factchecktools.json"]).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/feed.json":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif self.path == "/page.html":
                page = b"<html><body>not json</body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)
            else:
                self.send_error(404)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_import_from_a_url_refuses_private_hosts_unless_allowed(capsys, db_url, feed_server):
    url = f"{feed_server}/feed.json"
    code, out, err = cli(capsys, "import", "claimreview", url, "--db", db_url)
    assert code == 1 and out == ""
    assert err == f"error: {url}: 127.0.0.1 is a private or local address; refused (--allow-private-hosts allows it)\n"
    code, out, err = cli(capsys, "import", "claimreview", url, "--allow-private-hosts", "--db", db_url)
    assert (code, err) == (0, "")
    assert out == f"{url}: 1 fact-check(s) read, 1 new, 0 already known\n"
    assert query(db_url, "SELECT claim_text, origin FROM factchecks") == [("Claim six", url)]
    # a page is read by a web-page loader, and these tests load none (tests/web/test_import.py does)
    for path, reason in (("/missing.json", "HTTP 404 Not Found"), ("/page.html", "an HTML page, and no installed plugin reads web pages")):
        code, _, err = cli(capsys, "import", "claimreview", feed_server + path, "--allow-private-hosts", "--db", db_url)
        assert code == 1 and err.count("\n") == 1 and reason in err, err


# Quotes of both kinds, %, ;, --, LIKE wildcards and full-text query syntax.
HOSTILE = ["'; DROP TABLE claims; --", '" OR 1=1 --', "%' OR '%'='", "-- \\%_ NEAR(troops lost) OR *"]


def test_hostile_text_through_every_argument_is_data_never_sql(capsys, registry, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cid = claim_id(PESKOV_CLAIM)
    before = {table: count(registry, table) for table in ("claims", "appearances", "verdicts", "check_results")}
    for text in HOSTILE:
        # (command, its arguments); a positional argument follows "--", as
        # it must on any command line when it may start with a dash.
        runs = [
            (["claims", "list"], ["--status", text]), (["claims", "list"], ["--speaker", text]),
            (["claims", "list"], ["--since", text]), (["claims", "show"], ["--", text]),
            (["claims", "search"], ["--", text]), (["claims", "show"], ["--format", text, cid]),
            (["review"], ["--status", "refuted", "--", text]), (["review"], ["--status", text, cid]),
            (["review"], ["--status", "refuted", "--attribution-status", text, cid]),
            (["review"], ["--status", "refuted", "--evidence", text, cid]),
            (["review"], ["--status", "refuted", "--url", text, cid]),
            (["export"], ["--status", text]), (["export"], ["--format", text]), (["export"], ["--base-url", text]),
            (["import", "claimreview"], ["--", text]),
        ]
        for command, arguments in runs:
            args = [*command, "--db", registry, *arguments]
            code, out, err = cli(capsys, *args)
            assert code in (0, 1, 2) and "Traceback" not in err, (args, err)
            if code:
                assert err.startswith("error: ") and err.count("\n") == 1, (args, err)
        code, out, err = cli(capsys, "claims", "search", "--db", registry, "-f", "json", "--", text)
        assert (code, err) == (0, "") and json.loads(out) == []
        code, _, err = cli(capsys, "claims", "list", "--speaker", text, "--db", registry)
        assert (code, err) == (0, "")
        code, _, err = cli(capsys, "review", cid, "--status", "refuted", "--note", text, "--reviewer", text,
                           "--db", registry)
        assert (code, err) == (0, "")
        code, out, err = cli(capsys, "export", "--publisher", text, "--base-url", "https://x.example/",
                             "--db", registry)
        assert code == 0 and json.loads(out)["dataFeedElement"][0]["item"][0]["author"]["name"] == text
        code, _, err = cli(capsys, "claims", "list", "--db", text)
        assert code == 1 and "no registry there yet" in err
    assert query(registry, "SELECT note, reviewer FROM reviews ORDER BY pk") == [(t, t) for t in HOSTILE]
    assert {table: count(registry, table) for table in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "registry-home"] + (
        ["registry.db"] if registry.startswith("sqlite") else [])


def test_db_info_and_upgrade_of_a_new_registry(capsys, db_url):
    code, out, err = cli(capsys, "db", "upgrade", "--db", db_url)
    head = known_revisions()[0]
    assert (code, err) == (0, "") and f"schema revision none (new) -> {head}" in out
    code, out, _ = cli(capsys, "db", "info", "--db", db_url)
    assert code == 0 and f"(schema revision {head})\n" in out
    assert "  claims: 0\n" in out and "  factchecks: 0\n" in out
    code, out, _ = cli(capsys, "claims", "list", "--db", db_url)
    assert code == 0 and out.rstrip().endswith("0 claims")
