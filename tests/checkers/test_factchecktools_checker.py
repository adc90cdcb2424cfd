"""The factchecktools checker against a real HTTP server on 127.0.0.1 that
answers in the shape of Google's claims:search, through the real pipeline."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

import registry_factchecktools
from registry import Attribution, Claim, ConfigError, Span, Stance, Status, hookimpl
from registry._config import Settings
from registry._pipeline import Pipeline
from registry._plugins import make_plugin_manager

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "data" / "factchecktools" / "claims-search-sample.json"
KEY = "AIzaTEST-secret-key-0123456789"
CROCODILE = "A video shows a crocodile washed away during the recent Assam floods."
PAGE_TWO = {
    "claims": [{
        "text": "The Assam chief minister said 5,000 villages were under water",
        "claimant": "Himanta Biswa Sarma",
        "claimDate": "2022-06-20T00:00:00Z",
        "claimReview": [{
            "publisher": {"name": "Fact Desk", "site": "factdesk.example"},
            "url": "https://factdesk.example/assam-villages",
            "title": "Were 5,000 Assam villages under water?",
            "reviewDate": "2022-06-25T00:00:00Z",
            "textualRating": "Mostly True",
            "languageCode": "en",
        }],
    }],
}


def sample() -> dict:
    if SAMPLE.exists():
        return json.loads(SAMPLE.read_text(encoding="utf-8"))
    pytest.skip("shared Fact Check Tools sample absent")


class FakeFactCheckTools:
    """A local claims:search. ``script`` is a list of answers served in
    order (the last one repeats): (status, headers, body bytes, delay s)."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.script: list[tuple[int, dict, bytes, float]] = []
        self.pages: dict[str | None, dict] = {}
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the http.server API)
                parts = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(parts.query).items()}
                owner.requests.append({"path": parts.path, "params": params, "raw": self.path,
                                       "headers": dict(self.headers), "at": time.monotonic()})
                if owner.script:
                    status, headers, body, delay = owner.script[0] if len(owner.script) == 1 else owner.script.pop(0)
                else:
                    page = owner.pages.get(params.get("pageToken"), {})
                    status, headers, body, delay = 200, {"Content-Type": "application/json"}, json.dumps(page).encode(), 0
                time.sleep(delay)
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def answer(self, *answers):
        self.script = [(s, h, b.encode() if isinstance(b, str) else b, d) for s, h, b, d in answers]


@pytest.fixture
def api():
    server = FakeFactCheckTools()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


class GivenClaims:
    """Extractor for these tests: every line of the document is a claim;
    'text || Name' attributes it to Name."""

    @hookimpl
    def extract_claims(self, document):
        claims, offset = [], 0
        for line in document.text.split("\n"):
            text, _, speaker = line.partition(" || ")
            claims.append(Claim(text=text, span=Span(start=offset, end=offset + len(text)), checkworthy=True,
                                attribution=Attribution(speaker=speaker) if speaker else None))
            offset += len(line) + 1
        return claims


def run(tmp_path, lines, api=None, *, timeout=10.0, http=None, strict=True, **config):
    document = tmp_path / "doc.txt"
    document.write_text("\n".join(lines), encoding="utf-8")
    settings = {"base_url": api.url if api else "http://127.0.0.1:9", **config}
    pm = make_plugin_manager(registry_factchecktools, GivenClaims(), entry_points=False, strict=strict)
    notices: list[str] = []
    pipeline = Pipeline(
        pm,
        Settings(timeout=timeout, checkers={"factchecktools": settings},
                 raw={"http": {"attempts": 1, "cache": False, **(http or {})}}),
        include_all=True, on_notice=notices.append,
    )
    outcome = asyncio.run(pipeline.run([str(document)]))
    assert not outcome.failures
    return outcome, notices


def only_result(outcome, text):
    [report] = [r for r in outcome.reports if r.text == text]
    [result] = [r for r in report.results if r.checker == "factchecktools"]
    return report, result


def everything_printed(outcome, notices, caplog) -> str:
    return json.dumps([r.model_dump(mode="json") for r in outcome.reports]) + "\n".join(notices) + caplog.text


def test_pages_are_followed_and_the_matching_fact_check_is_applied(tmp_path, api, caplog):
    caplog.set_level(logging.DEBUG)
    api.pages = {None: sample(), "CAo": PAGE_TWO}
    villages = "The Assam chief minister said 5,000 villages were under water. || Himanta Biswa Sarma"
    outcome, notices = run(tmp_path, [CROCODILE, villages], api, api_key=KEY, pages=2, language="en",
                           max_age_days=30)
    report, result = only_result(outcome, CROCODILE)
    assert result.error is None and result.status is Status.REFUTED and report.status is Status.REFUTED
    best = result.evidence[0]
    assert best.kind == "factcheck" and best.stance is Stance.REFUTES and best.rating == "False"
    assert best.url.startswith("https://newsmobile.in/articles/2022/06/23/")
    assert best.publisher == "Newsmobile" and best.claimant == "Social Media"
    assert best.date.isoformat().startswith("2022-06-23")
    # the claim found only on page 2
    _, second = only_result(outcome, villages.split(" || ")[0])
    assert second.status is Status.MOSTLY_SUPPORTED
    assert second.evidence[0].url == "https://factdesk.example/assam-villages"
    assert not [e for e in second.evidence if e.kind == "attribution"]  # same claimant
    # the requests: the documented parameters, two pages per claim, the key in a header only
    assert len(api.requests) == 4
    first, follow = [r for r in api.requests if "crocodile" in r["params"]["query"]]
    assert first["path"] == "/v1alpha1/claims:search"
    assert first["params"]["languageCode"] == "en" and first["params"]["maxAgeDays"] == "30"
    assert first["params"]["pageSize"] == "10" and "pageToken" not in first["params"]
    assert follow["params"]["pageToken"] == "CAo"
    assert all(r["headers"].get("X-Goog-Api-Key") == KEY and KEY not in r["raw"] for r in api.requests)
    assert KEY not in everything_printed(outcome, notices, caplog)


def test_one_page_unless_asked_for_more(tmp_path, api):
    api.pages = {None: sample(), "CAo": PAGE_TWO}
    outcome, _ = run(tmp_path, [CROCODILE], api, api_key=KEY)
    assert len(api.requests) == 1 and only_result(outcome, CROCODILE)[1].status is Status.REFUTED


def test_a_different_claimant_is_noted(tmp_path, api):
    api.pages = {None: sample()}
    outcome, _ = run(tmp_path, [f"{CROCODILE} || Ravi Kumar"], api, api_key=KEY)
    _, result = only_result(outcome, CROCODILE)
    # "Social Media" names no one, so nothing is noted
    assert not [e for e in result.evidence if e.kind == "attribution"]
    api.pages = {None: PAGE_TWO}
    text = "The Assam chief minister said 5,000 villages were under water."
    outcome, _ = run(tmp_path, [f"{text} || Gaurav Gogoi"], api, api_key=KEY)
    _, result = only_result(outcome, text)
    [noted] = [e for e in result.evidence if e.kind == "attribution"]
    assert "Himanta Biswa Sarma" in noted.summary and "Gaurav Gogoi" in noted.summary
    assert result.attribution_status is None  # a different name alone is not a verdict on attribution


def test_429_with_retry_after_is_waited_for_then_answered(tmp_path, api):
    body = json.dumps(sample())
    api.answer((429, {"Retry-After": "1", "Content-Type": "application/json"},
                '{"error": {"code": 429, "message": "Quota exceeded"}}', 0),
               (200, {"Content-Type": "application/json"}, body, 0))
    outcome, _ = run(tmp_path, [CROCODILE], api, api_key=KEY,
                     http={"attempts": 3, "backoff_initial": 0, "backoff_jitter": 0})
    _, result = only_result(outcome, CROCODILE)
    assert result.error is None and result.status is Status.REFUTED
    assert len(api.requests) == 2
    assert api.requests[1]["at"] - api.requests[0]["at"] >= 0.9


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ((429, {"Retry-After": "1"}, "slow down", 0), "too many requests (HTTP 429) even after retrying"),
        ((500, {"Content-Type": "application/json"},
          json.dumps({"error": {"code": 500, "message": f"Internal error for key {KEY}"}}), 0),
         "answered HTTP 500: Internal error for key [key]"),
        ((502, {"Content-Type": "text/html"}, "<html><body><h1>502 Bad Gateway</h1></body></html>", 0),
         "answered HTTP 502"),
        ((200, {"Content-Type": "text/html"}, "<!DOCTYPE html><html><title>Error</title></html>", 0),
         "answered HTTP 200 with text/html, not JSON"),
        ((200, {"Content-Type": "application/json"}, '{"claims": [{"text": ', 0),
         "answered HTTP 200 with application/json, not JSON"),
        ((200, {"Content-Type": "application/json"}, '{"claims": {"text": "x"}}', 0),
         "'claims' is an object, not a list"),
    ],
)
def test_failures_are_one_clean_line_and_other_claims_go_on(tmp_path, api, caplog, answer, message):
    api.answer(answer)
    other = "The Assam chief minister said 5,000 villages were under water."
    outcome, notices = run(tmp_path, [CROCODILE, other], api, api_key=KEY)
    for text in (CROCODILE, other):
        report, result = only_result(outcome, text)
        assert message in result.error and "\n" not in result.error
        assert report.status is Status.UNVERIFIED
    # an error on a claim is not the checker being unavailable: one warning for the document
    [notice] = notices
    assert notice.startswith(f"warning: checker 'factchecktools' failed on 2 of 2 claims of {tmp_path / 'doc.txt'}: ")
    assert message in notice and "unavailable" not in notice
    assert KEY not in everything_printed(outcome, notices, caplog)


def test_a_server_that_does_not_answer_in_time(tmp_path, api):
    api.answer((200, {"Content-Type": "application/json"}, "{}", 3))
    started = time.monotonic()
    # not strict: the core reports a checker that times out as a plugin problem, and goes on
    outcome, _ = run(tmp_path, [CROCODILE], api, api_key=KEY, timeout=0.5, strict=False)
    _, result = only_result(outcome, CROCODILE)
    assert "timed out" in result.error or "did not answer in time" in result.error
    assert time.monotonic() - started < 2.5


def test_repeated_server_errors_under_a_short_timeout_are_reported_as_such(tmp_path, api):
    api.answer((503, {"Content-Type": "application/json"},
                json.dumps({"error": {"code": 503, "message": "The service is currently unavailable."}}), 0))
    # retries after 0.4 s and then 0.8 s: the second would start after the 1 s timeout, so it is not made
    outcome, notices = run(tmp_path, [CROCODILE], api, api_key=KEY, timeout=1.0,
                           http={"attempts": 4, "backoff_initial": 0.4, "backoff_jitter": 0})
    _, result = only_result(outcome, CROCODILE)
    assert result.error == (f"Fact Check Tools at {api.url.removeprefix('http://')} answered HTTP 503: "
                            "The service is currently unavailable.")
    assert len(api.requests) == 2
    assert notices == [f"warning: checker 'factchecktools' failed on 1 of 1 claim of {tmp_path / 'doc.txt'}: "
                       f"{result.error}"]


def test_an_empty_answer_says_nothing(tmp_path, api):
    api.answer((200, {"Content-Type": "application/json"}, "{}", 0))
    outcome, notices = run(tmp_path, [CROCODILE], api, api_key=KEY)
    [report] = outcome.reports
    assert report.results == [] and not notices and len(api.requests) == 1


def test_a_later_page_that_fails_keeps_the_first(tmp_path, api):
    api.answer((200, {"Content-Type": "application/json"}, json.dumps(sample()), 0),
               (500, {}, "oops", 0))
    outcome, _ = run(tmp_path, [CROCODILE], api, api_key=KEY, pages=3)
    _, result = only_result(outcome, CROCODILE)
    assert result.status is Status.REFUTED and "page 2 could not be read: " in result.explanation
    assert len(api.requests) == 2


def test_without_a_key_the_checker_is_unavailable_once_and_the_run_goes_on(tmp_path, api, monkeypatch):
    monkeypatch.delenv("REGISTRY_FACTCHECKTOOLS_API_KEY", raising=False)
    outcome, notices = run(tmp_path, [CROCODILE, "A second claim about 12 bridges.", "A third one."], api)
    assert len(outcome.reports) == 3 and all(r.results == [] for r in outcome.reports)
    assert notices == ["checker 'factchecktools' unavailable: no API key: set REGISTRY_FACTCHECKTOOLS_API_KEY "
                       "(or api_key in [checkers.factchecktools])"]
    assert api.requests == []


def test_the_key_from_the_environment_and_a_refused_key(tmp_path, api, monkeypatch, caplog):
    monkeypatch.setenv("REGISTRY_FACTCHECKTOOLS_API_KEY", KEY)
    api.answer((403, {"Content-Type": "application/json"},
                json.dumps({"error": {"code": 403, "message": "API key not valid. Please pass a valid API key.",
                                      "status": "PERMISSION_DENIED"}}), 0))
    outcome, notices = run(tmp_path, [CROCODILE, "Another claim about 40 schools."], api)
    assert len(notices) == 1
    assert "refused the API key (HTTP 403): API key not valid" in notices[0]
    assert "REGISTRY_FACTCHECKTOOLS_API_KEY" in notices[0]
    # the two claims are checked at once, so both may have asked before the first refusal
    assert 1 <= len(api.requests) <= 2 and api.requests[0]["headers"]["X-Goog-Api-Key"] == KEY
    assert KEY not in everything_printed(outcome, notices, caplog)


@pytest.mark.parametrize(("config", "key"), [({"base_url": "ftp://x"}, "base_url"), ({"pages": 0}, "pages"),
                                             ({"max_age_days": -1}, "max_age_days")])
def test_bad_settings_name_the_key_and_never_the_secret(config, key):
    pm = make_plugin_manager(registry_factchecktools, entry_points=False, strict=True)
    with pytest.raises(ConfigError) as caught:
        Pipeline(pm, Settings(checkers={"factchecktools": {"api_key": KEY, **config}}))
    assert f"checker 'factchecktools': {key}" in str(caught.value) and KEY not in str(caught.value)
