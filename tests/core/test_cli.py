"""The command line: exit codes, exact output, errors on one line."""

from __future__ import annotations

import json
import subprocess
import sys
import types

import pytest
from pydantic import BaseModel, SecretStr

from registry import Checker, CheckResult, ConfigError, Status, hookimpl
from registry._plugins import make_plugin_manager
from registry.cli import main

from .test_pipeline import Fixed, Raises, checker_plugin, sentence_plugin


def cli(capsys, *args, plugins=()):
    pm = make_plugin_manager(*plugins, entry_points=False)
    code = main(list(args), pm=pm)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("The ministry said 125,000 troops were lost. It rained. Prices rose 4.2% in May.",
                    encoding="utf-8")
    return path


def test_json_output_follows_the_contract(capsys, article):
    code, out, err = cli(capsys, "check", "--no-store", str(article), "--format", "json",
                         plugins=[sentence_plugin(), checker_plugin(Fixed())])
    assert (code, err) == (0, "")
    records = json.loads(out)
    assert [r["text"] for r in records] == ["The ministry said 125,000 troops were lost.",
                                             "Prices rose 4.2% in May."]
    first = records[0]
    assert set(first) >= {"id", "text", "span", "source", "attribution", "quantities", "checkworthiness",
                          "checkworthy", "status", "attribution_status", "verdict", "results"}
    assert first["span"] == {"start": 0, "end": 43}
    assert first["source"]["uri"] == article.resolve().as_uri()
    assert first["attribution"]["organization"] == "Ministry"
    assert first["status"] == "supported"
    assert first["verdict"]["decided_by"] == "fixed"
    assert first["results"][0]["checker"] == "fixed" and first["results"][0]["error"] is None


def test_jsonl_is_one_record_per_line(capsys, article):
    code, out, _ = cli(capsys, "check", "--no-store", str(article), "-f", "jsonl", plugins=[sentence_plugin()])
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert [json.loads(line)["status"] for line in lines] == ["unverified", "unverified"]


def test_all_includes_claims_that_are_not_checkworthy(capsys, article):
    _, out, _ = cli(capsys, "check", "--no-store", "--all", str(article), "-f", "json", plugins=[sentence_plugin()])
    assert [r["checkworthy"] for r in json.loads(out)] == [True, False, True]


def test_the_table_shows_claim_attribution_source_status_and_checker(capsys, article):
    code, out, _ = cli(capsys, "check", "--no-store", str(article), plugins=[sentence_plugin(), checker_plugin(Fixed())])
    assert code == 0
    for expected in ("The ministry said 125,000 troops were lost.", "Ministry", "said",
                     "article.txt", "supported", "reported_secondary", "fixed", "2 claims"):
        assert expected in out
    assert "\x1b[" not in out  # no colour when stdout is not a terminal


def test_explain_adds_the_features(capsys, article):
    @hookimpl
    def extract_claims(document):
        from registry import Claim, Span

        return [Claim(text="The ministry said 125,000 troops were lost.", span=Span(start=0, end=43),
                      checkworthy=True, checkworthiness=0.83, claim_type="quantity",
                      features={"number": 0.4, "attribution": 0.2})]

    plugin = types.SimpleNamespace(__name__="x", extract_claims=extract_claims)
    _, out, _ = cli(capsys, "check", "--no-store", "--explain", str(article), plugins=[plugin])
    assert "0.83 quantity: number +0.40, attribution +0.20" in out


def test_missing_inputs_are_named_and_the_rest_still_processed(capsys, article, tmp_path):
    code, out, err = cli(capsys, "check", "--no-store", str(tmp_path / "missing.txt"), str(article), "-f", "json",
                         plugins=[sentence_plugin()])
    assert code == 1
    assert err == f"error: {tmp_path / 'missing.txt'}: no such file or directory\n"
    assert len(json.loads(out)) == 2


def test_stdin_is_read_with_dash(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Rents rose 9% in 2023. Nice.")))
    code, out, _ = cli(capsys, "check", "--no-store", "-", "-f", "json", plugins=[sentence_plugin()])
    assert code == 0
    assert json.loads(out)[0]["source"]["uri"] == "stdin"


def test_unknown_format_is_a_usage_error(capsys, article):
    code, out, err = cli(capsys, "check", "--no-store", str(article), "-f", "yaml", plugins=[sentence_plugin()])
    assert (code, out) == (2, "")
    assert err == "error: --format yaml: unknown format (choose from json, jsonl, table)\n"


def test_strict_turns_checker_errors_into_exit_1(capsys, article):
    plugins = [sentence_plugin(), checker_plugin(Raises())]
    assert cli(capsys, "check", "--no-store", str(article), "-f", "json", plugins=plugins)[0] == 0
    code, _, err = cli(capsys, "check", "--no-store", "--strict", str(article), "-f", "json", plugins=plugins)
    assert code == 1
    assert err == ("checker 'raises' of plugin 'checkers': ValueError: boom (claim d484ba1841f8d5a0)\n"
                   f"warning: checker 'raises' failed on 2 of 2 claims of {article}: ValueError: boom\n"
                   "error: 2 checker call(s) failed (--strict)\n")


def test_config_errors_name_checker_and_key_and_never_the_secret(capsys, article, tmp_path, monkeypatch):
    class Keyed(Checker):
        name = "keyed"

        class Config(BaseModel):
            api_key: SecretStr
            pages: int = 1

        async def check(self, claim, ctx):
            return CheckResult(status=Status.SUPPORTED, confidence=0.9, explanation=f"key {ctx.config.api_key}")

    config = tmp_path / "registry.toml"
    config.write_text('[checkers.keyed]\napi_key = "s3cr3t-value"\npages = "x"\n', encoding="utf-8")
    plugins = [sentence_plugin(), checker_plugin(Keyed())]
    code, out, err = cli(capsys, "check", "--no-store", "--config", str(config), str(article), plugins=plugins)
    assert code == 2
    assert err == "error: checker 'keyed': pages: Input should be a valid integer, unable to parse string as an integer\n"
    config.write_text('[checkers.keyed]\napi_key = "s3cr3t-value"\n', encoding="utf-8")
    code, out, err = cli(capsys, "check", "--no-store", "--config", str(config), str(article), "-f", "json",
                         plugins=plugins)
    assert code == 0
    assert "s3cr3t-value" not in out + err
    assert "key **********" in out


def test_plugins_lists_installed_plugins_as_json(capsys):
    code, out, _ = cli(capsys, "plugins", "--all", plugins=[sentence_plugin("my-sentences")])
    listed = {p["name"]: p for p in json.loads(out)}
    assert code == 0
    assert listed["my-sentences"]["hooks"] == ["attach_attribution", "extract_claims"]
    assert listed["registry._verdict"]["builtin"] is True
    code, out, _ = cli(capsys, "plugins", plugins=[sentence_plugin("my-sentences")])
    assert [p["name"] for p in json.loads(out)] == ["my-sentences"]


def test_checkers_lists_name_version_and_plugin(capsys):
    code, out, _ = cli(capsys, "checkers", plugins=[checker_plugin(Fixed(), name="fixers")])
    assert (code, out) == (0, "fixed 1.2 (plugin fixers)\n")
    _, out, _ = cli(capsys, "checkers", "--format", "json", plugins=[checker_plugin(Fixed(), name="fixers")])
    assert json.loads(out) == [{"name": "fixed", "version": "1.2", "plugin": "fixers", "config": []}]


def test_usage_errors_exit_2(capsys):
    code, _, err = cli(capsys, "check", "--no-such-option")
    assert code == 2
    assert "No such option: --no-such-option" in err


def test_help_is_fast_to_import_and_loads_no_http_client():
    probe = ("import sys; from registry.cli import main; code = main(['--help']); "
             "print('HTTPX' if 'httpx' in sys.modules else 'NO-HTTPX'); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "check" in done.stdout and "plugins" in done.stdout
    assert done.stdout.rstrip().endswith("NO-HTTPX")


def test_python_dash_m_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "registry", "checkers", "--help"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0
    assert "List the registered checkers" in done.stdout


class Extras:
    """A plugin that adds a subcommand and an output format."""

    __name__ = "extras"

    @hookimpl
    def register_commands(self, app):
        @app.command("count")
        def count(path: str) -> None:
            """Count the words of a file."""
            from pathlib import Path

            print(len(Path(path).read_text(encoding="utf-8").split()))

    @hookimpl
    def register_output_formats(self, register):
        register("ids", lambda reports: "".join(f"{r.id} {r.status.value}\n" for r in reports))


def test_plugins_add_commands_and_output_formats(capsys, article):
    code, out, _ = cli(capsys, "count", str(article), plugins=[Extras()])
    assert (code, out) == (0, "14\n")
    code, out, _ = cli(capsys, "check", "--no-store", str(article), "-f", "ids", plugins=[Extras(), sentence_plugin()])
    from registry import claim_id

    assert (code, out) == (0, f"{claim_id('The ministry said 125,000 troops were lost.')} unverified\n"
                              f"{claim_id('Prices rose 4.2% in May.')} unverified\n")


def test_an_output_format_name_cannot_be_taken_twice(capsys):
    class Again(Extras):
        __name__ = "again"

    problems = []
    pm = make_plugin_manager(Extras(), Again(), entry_points=False, report=problems.append)
    assert set(pm.output_formats()) == {"table", "json", "jsonl", "ids"}
    assert problems == ["output format 'ids' registered by plugin 'again' is already taken by plugin 'extras'"]


HANGING_RUN = """
import asyncio, sys, types
from registry import Checker, hookimpl
from registry._plugins import make_plugin_manager
from registry.cli import main
from tests.core.test_pipeline import sentence_plugin, checker_plugin

class Slow(Checker):
    name = "slow"
    async def check(self, claim, ctx):
        print("checking", flush=True)
        await asyncio.sleep(60)

pm = make_plugin_manager(sentence_plugin(), checker_plugin(Slow()), entry_points=False)
sys.exit(main(["check", "--no-store", "--timeout", "120", sys.argv[1]], pm=pm))
"""


def test_ctrl_c_stops_cleanly_without_a_traceback(article, repo):
    import signal

    process = subprocess.Popen([sys.executable, "-c", HANGING_RUN, str(article)], cwd=repo,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "checking\n"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "Traceback" not in err
    assert err.startswith("interrupted")


def test_stats_count_calls_and_http_requests_per_checker(capsys, article):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = b'{"ok": true}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "max-age=3600")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    class Fetching(Checker):
        name = "fetching"

        async def check(self, claim, ctx):
            response = await ctx.http.get(f"http://127.0.0.1:{server.server_port}/{claim.id}")
            return CheckResult(status=Status.SUPPORTED, confidence=0.6, explanation=str(response.json()))

    plugins = [sentence_plugin(), checker_plugin(Fetching())]
    try:
        code, _, err = cli(capsys, "check", "--no-store", "--stats", str(article), "-f", "json", plugins=plugins)
        assert code == 0
        assert err == ("checker fetching: 2 calls, 0 cached results, 0 errors, "
                       f"{err.split(' errors, ')[1].split(' s;')[0]} s; "
                       "HTTP 2 requests, 0 cache hits, 0 retries, 0 errors\n")
        code, _, err = cli(capsys, "check", "--no-store", "--stats", str(article), "-f", "json", plugins=plugins)
        assert err.endswith("HTTP 0 requests, 2 cache hits, 0 retries, 0 errors\n")
        assert len(hits) == 2
    finally:
        server.shutdown()


def test_when_every_input_fails_the_table_is_not_printed_but_json_still_is(capsys, tmp_path):
    code, out, err = cli(capsys, "check", "--no-store", str(tmp_path / "a.txt"), plugins=[sentence_plugin()])
    assert (code, out) == (1, "")
    assert err == f"error: {tmp_path / 'a.txt'}: no such file or directory\n"
    code, out, _ = cli(capsys, "check", "--no-store", str(tmp_path / "a.txt"), "-f", "json", plugins=[sentence_plugin()])
    assert (code, out) == (1, "[]\n")


def test_standard_input_has_no_made_up_title(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Rents rose 9% in 2023. Nice.")))
    _, out, _ = cli(capsys, "check", "--no-store", "-", "-f", "json", plugins=[sentence_plugin()])
    assert json.loads(out)[0]["source"]["title"] is None


def test_a_checker_bug_is_named_with_its_document_and_reason_without_a_traceback(capsys, article):
    code, out, err = cli(capsys, "check", "--no-store", str(article), "-f", "json",
                         plugins=[sentence_plugin(), checker_plugin(Raises())])
    assert code == 0 and len(json.loads(out)) == 2
    assert err == ("checker 'raises' of plugin 'checkers': ValueError: boom (claim d484ba1841f8d5a0)\n"
                   f"warning: checker 'raises' failed on 2 of 2 claims of {article}: ValueError: boom\n")


class BrokenFormats:
    """A plugin whose output formats fail: one raises, one returns no text."""

    __name__ = "broken-formats"

    @hookimpl
    def register_output_formats(self, register):
        def render_raising(reports):
            raise KeyError("speaker")

        register("raising", render_raising)
        register("not-text", lambda reports: [r.id for r in reports])


@pytest.mark.parametrize(("output_format", "message"), [
    ("raising", "error: plugin 'broken-formats' failed in output format 'raising': KeyError: 'speaker'\n"),
    ("not-text", "error: plugin 'broken-formats' returned list from output format 'not-text', not text\n"),
])
def test_a_failing_plugin_output_format_is_one_line_and_exit_2(capsys, article, output_format, message):
    plugins = [BrokenFormats(), sentence_plugin()]
    code, out, err = cli(capsys, "check", "--no-store", str(article), "-f", output_format, plugins=plugins)
    assert (code, out, err) == (2, "", message)


def test_debug_shows_the_traceback_of_a_failing_output_format(capsys, article):
    with pytest.raises(Exception) as raised:
        cli(capsys, "--debug", "check", "--no-store", str(article), "-f", "raising",
            plugins=[BrokenFormats(), sentence_plugin()])
    assert isinstance(raised.value.__cause__, KeyError)


@pytest.mark.parametrize("command", [
    ["check", "{article}"], ["claims", "list"], ["claims", "show", "abcd"], ["claims", "search", "troops"],
    ["review", "abcd", "--status", "refuted"], ["export"], ["import", "claimreview", "{factchecks}"],
    ["db", "info"], ["db", "upgrade"],
])
def test_an_unsupported_registry_url_is_a_usage_error(capsys, article, tmp_path, monkeypatch, command):
    factchecks = tmp_path / "factchecks.json"
    factchecks.write_text("[]", encoding="utf-8")
    args = [part.format(article=article, factchecks=factchecks) for part in command]
    expected = ("error: registry URL scheme 'mysql' is not supported "
                "(use sqlite:///PATH, postgresql://USER@HOST/DB or a file path)\n")
    code, out, err = cli(capsys, *args, "--db", "mysql://newsroom:s3cret@db.example/registry",
                         plugins=[sentence_plugin()])
    assert (code, out, err) == (2, "", expected)
    monkeypatch.setenv("REGISTRY_DB", "mysql://newsroom:s3cret@db.example/registry")
    assert cli(capsys, *args, plugins=[sentence_plugin()]) == (2, "", expected)


def test_a_directory_walk_counts_the_files_it_skips_on_stderr_and_keeps_stdout(capsys, tmp_path):
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "article.txt").write_text("Prices rose 4.2% in May.", encoding="utf-8")
    for name in ("budget.pdf", "notes.DOCX", "sub/table.pdf", "README"):
        (folder / name).write_bytes(b"%PDF-1.4")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "x.bin").write_bytes(b"\0")  # hidden: left out, not counted
    code, out, err = cli(capsys, "check", "--no-store", str(folder), "-f", "json", plugins=[sentence_plugin()])
    assert code == 0
    assert [r["text"] for r in json.loads(out)] == ["Prices rose 4.2% in May."]
    assert err == (f"{folder}: skipped 4 files with other suffixes (.docx, .pdf, no suffix); "
                   "only .htm .html .markdown .md .text .txt files are read\n")
    only_documents = tmp_path / "only-documents"
    only_documents.mkdir()
    (only_documents / "article.txt").write_text("Prices rose 4.2% in May.", encoding="utf-8")
    code, same_out, err = cli(capsys, "check", "--no-store", str(only_documents), "-f", "json",
                              plugins=[sentence_plugin()])
    assert (code, err) == (0, "")
    assert [r["text"] for r in json.loads(same_out)] == ["Prices rose 4.2% in May."]


def test_a_directory_of_other_files_only_says_both(capsys, tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    code, out, err = cli(capsys, "check", "--no-store", str(tmp_path), plugins=[sentence_plugin()])
    assert (code, out) == (1, "")
    assert err == (f"{tmp_path}: skipped 1 file with other suffixes (.pdf); "
                   "only .htm .html .markdown .md .text .txt files are read\n"
                   f"error: {tmp_path}: directory contains no readable documents\n")


def test_importing_claimreview_items_without_claim_text_warns_per_item_and_counts_them(capsys, tmp_path):
    factchecks = tmp_path / "factchecks.json"
    factchecks.write_text(json.dumps([
        {"@type": "ClaimReview", "url": "https://fc.example/bridge", "claimReviewed": "The bridge cost 5 million",
         "reviewRating": {"@type": "Rating", "alternateName": "False"}},
        {"@type": "ClaimReview", "url": "https://fc.example/empty", "reviewRating": {"alternateName": "False"}},
        {"@type": "ClaimReview", "headline": "Did taxes rise?", "reviewRating": {"alternateName": "True"}},
    ]), encoding="utf-8")
    code, out, err = cli(capsys, "import", "claimreview", str(factchecks), "--db", str(tmp_path / "r.db"))
    assert code == 0
    assert out == f"{factchecks}: 1 fact-check(s) read, 1 new, 0 already known, 2 skipped (no claim text)\n"
    assert err == (f"warning: {factchecks}: https://fc.example/empty: no claim text (claimReviewed), skipped\n"
                   f"warning: {factchecks}: Did taxes rise?: no claim text (claimReviewed), skipped\n")


def test_an_import_names_twenty_skipped_items_and_counts_the_rest(capsys, tmp_path):
    factchecks = tmp_path / "feed.json"
    factchecks.write_text(json.dumps([
        {"@type": "ClaimReview", "url": f"https://fc.example/{n}", "reviewRating": {"alternateName": "False"}}
        for n in range(25)
    ]), encoding="utf-8")
    code, out, err = cli(capsys, "import", "claimreview", str(factchecks), "--db", str(tmp_path / "r.db"))
    assert code == 0 and out == f"{factchecks}: 0 fact-check(s) read, 0 new, 0 already known, 25 skipped (no claim text)\n"
    lines = err.splitlines()
    skipped = "no claim text (claimReviewed), skipped"
    assert len(lines) == 21 and lines[19] == f"warning: {factchecks}: https://fc.example/19: {skipped}"
    assert lines[20] == f"warning: {factchecks}: and 5 more: {skipped}"


def test_the_help_says_where_debug_goes_and_how_short_a_claim_id_prefix_may_be(capsys):
    code, out, _ = cli(capsys, "--help")
    assert code == 0
    assert "give it before the command (registry --debug check ...), or set REGISTRY_DEBUG=1" in " ".join(out.split())
    for command in (["claims", "show"], ["review"]):
        code, out, _ = cli(capsys, *command, "--help")
        assert code == 0 and "or a unique prefix of at least 4 of them" in " ".join(out.split())


@pytest.mark.parametrize("how", ["option", "variable"])
def test_debug_by_option_or_variable_raises_instead_of_the_one_line(capsys, article, monkeypatch, how):
    args = ["check", "--no-store", str(article), "-f", "yaml"]
    assert cli(capsys, *args, plugins=[sentence_plugin()])[0] == 2
    if how == "option":
        args.insert(0, "--debug")
    else:
        monkeypatch.setenv("REGISTRY_DEBUG", "1")
    with pytest.raises(ConfigError, match="--format yaml: unknown format"):
        cli(capsys, *args, plugins=[sentence_plugin()])
