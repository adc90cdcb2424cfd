"""Slow, huge, compressed-to-explode and unreachable responses: each a
one-line error naming the URL, found without reading the whole thing, and
the other documents of the run still checked."""

from __future__ import annotations

import gzip
import socket
import time

import brotli

from .conftest import page_text

CHUNK = b"<p>" + b"The ministry said 617,000 troops were deployed. " * 1300 + b"</p>\n"  # ~64 KiB


def test_a_server_that_never_answers_times_out(site, check):
    def stall(request):
        site.stop.wait(5)

    slow = site.route("/slow", stall)
    good = site.page("/good", page_text("article.html"))
    started = time.monotonic()

    run = check("--allow-private-hosts", "--timeout", "0.5", slow, good)

    assert time.monotonic() - started < 4
    assert run.code == 1
    assert run.errors == [f"error: {slow}: timed out after 0.5 s"]
    assert set(run.sources()) == {good}


def test_a_body_that_trickles_in_forever_times_out(site, check):
    def trickle(request):
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()  # no length: the body ends when the server closes
        request.wfile.write(b"<html><body><article><p>")
        while not site.stop.wait(0.05):  # one byte every 50 ms: each read is quick
            request.wfile.write(b"x")
            request.wfile.flush()

    drip = site.route("/drip", trickle)
    started = time.monotonic()

    run = check("--allow-private-hosts", "--timeout", "0.5", drip)

    assert time.monotonic() - started < 4
    assert run.errors == [f"error: {drip}: timed out after 0.5 s"]


def test_an_endless_response_is_cut_at_the_size_limit(site, check):
    def endless(request):
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Connection", "close")
        request.end_headers()
        site.written["/huge"] = 0
        while site.written["/huge"] < 2 * 1024**3:  # a 2 GB page, if anyone read it all
            request.wfile.write(CHUNK)
            site.written["/huge"] += len(CHUNK)

    huge = site.route("/huge", endless)
    good = site.page("/good", page_text("article.html"))

    run = check("--allow-private-hosts", "--max-bytes", "300000", huge, good)

    assert run.code == 1
    assert run.errors == [f"error: {huge}: larger than the limit of 300000 bytes (--max-bytes)"]
    assert set(run.sources()) == {good}
    assert site.done["/huge"].wait(5), "the server was never hung up on"
    assert site.written["/huge"] < 64 * 1024**2  # what the sockets buffered, not 2 GB


def test_a_declared_length_over_the_limit_is_refused_before_the_body(site, check):
    def announced(request):
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", str(2 * 1024**3))
        request.end_headers()
        site.written["/announced"] = 0
        while not site.stop.is_set():
            request.wfile.write(CHUNK)
            site.written["/announced"] += len(CHUNK)

    url = site.route("/announced", announced)
    run = check("--allow-private-hosts", "--max-bytes", "1000000", url)
    assert run.errors == [f"error: {url}: larger than the limit of 1000000 bytes (--max-bytes)"]
    assert site.done["/announced"].wait(5)
    assert site.written["/announced"] < 64 * 1024**2


def test_compression_bombs_hit_the_size_limit(site, check):
    zeros = b"\0" * (100 * 1024**2)
    br = site.page("/bomb.br", brotli.compress(zeros, quality=5), headers={"Content-Encoding": "br"})
    gz = site.page("/bomb.gz", gzip.compress(zeros[: 20 * 1024**2]), headers={"Content-Encoding": "gzip"})

    run = check("--allow-private-hosts", "--max-bytes", "1000000", br, gz)

    assert run.errors == [
        f"error: {br}: larger than the limit of 1000000 bytes (--max-bytes)",
        f"error: {gz}: larger than the limit of 1000000 bytes (--max-bytes)",
    ]


def test_a_body_that_is_not_what_its_encoding_says(site, check):
    fake = site.page("/fake.gz", page_text("article.html"), headers={"Content-Encoding": "gzip"})
    odd = site.page("/odd", b"data", headers={"Content-Encoding": "compress"})
    run = check("--allow-private-hosts", fake, odd)
    assert run.errors == [
        f"error: {fake}: invalid gzip data: Error -3 while decompressing data: incorrect header check",
        f"error: {odd}: unsupported content encoding compress",
    ]


def test_a_refused_connection_is_a_one_line_error(site, check):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = f"http://127.0.0.1:{port}/story"
    good = site.page("/good", page_text("article.html"))

    run = check("--allow-private-hosts", closed, good)

    assert run.code == 1
    assert run.errors == [f"error: {closed}: cannot connect to 127.0.0.1:{port} (Connection refused)"]
    assert set(run.sources()) == {good}


def test_a_server_that_breaks_off_the_response(site, check):
    def truncated(request):
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", "100000")
        request.end_headers()
        request.wfile.write(b"<html><body><p>The ministry said")
        request.close_connection = True

    url = site.route("/cut", truncated)
    run = check("--allow-private-hosts", url)
    assert run.code == 1
    assert len(run.errors) == 1 and run.errors[0].startswith(f"error: {url}: HTTP failure: ")
