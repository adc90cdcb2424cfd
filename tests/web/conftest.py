"""A real web server on 127.0.0.1 for the web plugin's tests, and a way to
run ``registry check`` against it.

``site`` serves pages the tests add (``site.page``) or handlers that stream,
stall or redirect (``site.route``); it records what every request looked
like, so tests can check what the fetcher sent, and how many bytes each
handler managed to write before the client hung up. ``fake_dns`` resolves
``.test`` names to addresses a test chooses, and ``loopback_counts_as_public``
lets the server stand in for a public site (both through the seams of
:mod:`registry._fetch_hosts`, the safe fetch's host check).
"""

from __future__ import annotations

import json
import re
import socket
import ssl
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import registry._fetch_hosts as hosts
import registry_web
from registry import Claim, Document, Span, hookimpl
from registry._plugins import make_plugin_manager
from registry.cli import main

PAGES = Path(__file__).parent / "pages"

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Seen:
    """One request the server received."""

    path: str
    headers: dict[str, str]


@dataclass
class Site:
    """The routes of the test server and what it saw."""

    base: str = ""
    routes: dict[str, Handler] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    written: dict[str, int] = field(default_factory=dict)
    done: dict[str, threading.Event] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        self.done[path] = threading.Event()
        return self.url(path)

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
             status: int = 200, headers: dict[str, str] | None = None) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body

        def handler(request: BaseHTTPRequestHandler) -> None:
            request.send_response(status)
            if content_type:
                request.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                request.send_header(name, value)
            request.send_header("Content-Length", str(len(data)))
            request.end_headers()
            request.wfile.write(data)

        return self.route(path, handler)

    def redirect(self, path: str, target: str, status: int = 302) -> str:
        def handler(request: BaseHTTPRequestHandler) -> None:
            request.send_response(status)
            request.send_header("Location", target)
            request.send_header("Content-Length", "0")
            request.end_headers()

        return self.route(path, handler)

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        site = self.server.site
        path = self.path.split("?", 1)[0]
        site.seen.append(Seen(path=path, headers={k.lower(): v for k, v in self.headers.items()}))
        handler = site.routes.get(path)
        try:
            if handler is None:
                self.send_error(404, "Not Found")
            else:
                handler(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up: exactly what the limits tests expect
        finally:
            if path in site.done:
                site.done[path].set()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client hanging up is expected
            super().handle_error(request, client_address)


@contextmanager
def serving(tls: ssl.SSLContext | None = None) -> Iterator[Site]:
    """A test server on 127.0.0.1 (HTTPS with the ``tls`` server context)."""
    server = _Server(("127.0.0.1", 0), _RequestHandler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    scheme = "https" if tls else "http"
    server.site = Site(base=f"{scheme}://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.site
    finally:
        server.site.stop.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def fake_dns(monkeypatch):
    """Names the tests resolve themselves; anything else goes to the real
    resolver (only IP literals and localhost are used)."""
    names: dict[str, list[str]] = {}
    lookups: list[str] = []
    real = hosts.resolve

    def resolve(host: str, port: int) -> list[str]:
        lookups.append(host)
        if host in names:
            return names[host]
        if host.endswith(".test"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, port)

    monkeypatch.setattr(hosts, "resolve", resolve)
    names["lookups"] = lookups  # type: ignore[assignment]
    return names


@pytest.fixture
def loopback_counts_as_public(monkeypatch):
    """Let the test server stand in for a public web site, so that where a
    public page may redirect can be tested: 127.0.0.1 alone is treated as
    public, every other address as the real rule says."""
    real = hosts.is_public_address
    monkeypatch.setattr(hosts, "is_public_address", lambda address: address == "127.0.0.1" or real(address))


@pytest.fixture
def site():
    with serving() as running:
        yield running


def page_text(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


class ParagraphClaims:
    """A test extractor: each line of a document is one check-worthy claim,
    so the reports show every document's source, whatever the rules plugin
    would judge check-worthy."""

    @hookimpl
    def extract_claims(self, document: Document) -> list[Claim]:
        claims = []
        for match in re.finditer(r"[^\n]+", document.text):
            claims.append(Claim(text=match.group(), span=Span(start=match.start(), end=match.end()),
                                checkworthy=True, checkworthiness=1.0))
        return claims


@dataclass
class Run:
    code: int
    reports: list[dict]
    errors: list[str]

    def sources(self) -> dict[str, dict]:
        """The source of each reported document, by URI."""
        return {r["source"]["uri"]: r["source"] for r in self.reports}


@pytest.fixture
def check(capsys):
    """Run ``registry check ... -f json`` with the web plugin and a
    line-per-claim extractor, with the registry at ``db`` (else
    ``--no-store``); return exit code, reports and error lines."""

    def run(*args: str, plugins: tuple = (registry_web,), db: str | None = None) -> Run:
        pm = make_plugin_manager(*plugins, ParagraphClaims(), entry_points=False)
        store = ["--db", db] if db else ["--no-store"]
        code = main(["check", "-f", "json", *store, *args], pm=pm)
        out, err = capsys.readouterr()
        reports = json.loads(out) if out.strip() else []
        return Run(code=code, reports=reports, errors=[line for line in err.splitlines() if line.strip()])

    return run
