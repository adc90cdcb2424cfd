"""A real HTTP server on 127.0.0.1 whose paths misbehave on purpose, and
which counts what it receives (requests per path, requests in flight)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class TestServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.in_flight = 0
        self.max_in_flight = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def total(self) -> int:
        return sum(self.hits.values())


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: TestServer

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _reply(self, status: int, body: bytes = b"ok", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self) -> None:
        path = self.path.split("?")[0]
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with self.server.lock:
            self.server.hits[path] += 1
            seen = self.server.hits[path]
            self.server.in_flight += 1
            self.server.max_in_flight = max(self.server.max_in_flight, self.server.in_flight)
        try:
            self._route(path, seen)
        finally:
            with self.server.lock:
                self.server.in_flight -= 1

    def _route(self, path: str, seen: int) -> None:
        if path.startswith("/slow"):
            time.sleep(0.15)
            self._reply(200, path.encode())
        elif path == "/hang":
            time.sleep(1.5)
            self._reply(200)
        elif path == "/500-then-200":
            self._reply(500, b"oops") if seen == 1 else self._reply(200, b"recovered")
        elif path == "/always-500":
            self._reply(500, b"down")
        elif path == "/429-retry-after-1":
            self._reply(429, b"slow down", {"Retry-After": "1"}) if seen == 1 else self._reply(200, b"thanks")
        elif path == "/429-retry-after-long":
            self._reply(429, b"come back tomorrow", {"Retry-After": "86400"})
        elif path == "/drop-once":
            if seen == 1:
                self.close_connection = True  # no response at all: a transport error
                return
            self._reply(200, b"second time lucky")
        else:
            self._reply(200, path.encode(), {"Cache-Control": "no-store"})

    do_GET = _handle
    do_POST = _handle


@pytest.fixture
def server():
    srv = TestServer()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
