"""Concurrency benchmark: 2,000 claims, one GET each through ``ctx.http``,
against a local server (a subprocess on 127.0.0.1) that answers every
request after 50 ms.

Reports the wall time of ``Pipeline.run`` against the ideal
(requests × 50 ms ÷ concurrency) with the HTTP cache off and on, then the
same run again served entirely from the HTTP cache. Writes
``benchmarks/results/concurrency.json``.

    python benchmarks/concurrency.py [--claims 2000] [--concurrency 32] [--delay 0.05] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import types
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "concurrency.json"


# -- the server (runs in a subprocess: ``--serve``) -----------------------------


def serve(delay: float) -> None:
    """Answer every GET after ``delay`` seconds; print the port, then serve
    until standard input closes."""
    import threading

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def setup(self) -> None:
            super().setup()
            # Headers and body go out in two writes: without this, Nagle's
            # algorithm meets the client's delayed ACK and adds ~40 ms to
            # every keep-alive response, which is the server's fault, not ours.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self) -> None:
            time.sleep(delay)
            body = self.path.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 256

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()  # the parent closes our stdin when it is done


# -- the client: a real pipeline run -------------------------------------------


def make_plugin(base: str):
    from registry import Checker, CheckResult, Claim, Span, hookimpl

    class OneGetPerClaim(Checker):
        name = "one-get-per-claim"
        version = "1"

        async def check(self, claim, ctx):
            response = await ctx.http.get(f"{base}/claim/{claim.id}")
            response.raise_for_status()
            return CheckResult(explanation=response.text)

    @hookimpl
    def extract_claims(document):
        claims, offset = [], 0
        for line in document.text.splitlines(keepends=True):
            claims.append(Claim(text=line.rstrip("\n"), span=Span(start=offset, end=offset + len(line) - 1),
                                checkworthy=True, checkworthiness=1.0))
            offset += len(line)
        return claims

    @hookimpl
    def register_checkers(register):
        register(OneGetPerClaim())

    return types.SimpleNamespace(__name__="concurrency-benchmark", extract_claims=extract_claims,
                                 register_checkers=register_checkers)


def timed_run(pm, document: Path, concurrency: int, http: dict) -> tuple[float, float, object]:
    """Wall seconds, client CPU seconds and the result of one pipeline run."""
    from registry._config import Settings
    from registry._pipeline import Pipeline

    settings = Settings(concurrency=concurrency, timeout=30.0, raw={"http": http})
    started, cpu = time.perf_counter(), time.process_time()
    result = asyncio.run(Pipeline(pm, settings).run([str(document)]))
    return time.perf_counter() - started, time.process_time() - cpu, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--delay", type=float, default=0.05, help="The server's answer time (s).")
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each configuration.")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.delay)
        return 0

    from registry._plugins import make_plugin_manager

    server = subprocess.Popen([sys.executable, __file__, "--serve", "--delay", str(args.delay)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    load_before = os.getloadavg()[0]
    ideal = args.claims * args.delay / args.concurrency
    runs: dict[str, list[tuple[float, float]]] = {"no cache": [], "cache, first run": [], "cache, second run": []}
    try:
        base = f"http://127.0.0.1:{int(server.stdout.readline())}"
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["REGISTRY_HOME"] = tmp  # nothing outside the temporary directory is touched
            document = Path(tmp) / "claims.txt"
            document.write_text("".join(f"Claim {i}: {i * 7} units were counted.\n" for i in range(args.claims)),
                                encoding="utf-8")
            pm = make_plugin_manager(make_plugin(base), entry_points=False)
            limits = {"per_host": args.concurrency}
            for repetition in range(args.repeat):
                cache = {**limits, "cache_path": str(Path(tmp) / f"http-{repetition}.db")}
                for label, http in [("no cache", {**limits, "cache": False}),
                                    ("cache, first run", cache), ("cache, second run", cache)]:
                    seconds, cpu, result = timed_run(pm, document, args.concurrency, http)
                    checked = sum(len(r.results) for r in result.reports)
                    if checked != args.claims or result.checker_errors:
                        print(f"error: {label}: {checked} results, {result.checker_errors} errors", file=sys.stderr)
                        return 1
                    runs[label].append((seconds, cpu))
    finally:
        server.stdin.close()
        server.wait(timeout=10)

    rows = {}
    for label, measured in runs.items():
        walls = sorted(w for w, _ in measured)
        rows[label] = {
            "seconds_median": round(statistics.median(walls), 3),
            "seconds_best": round(walls[0], 3),
            "ratio_to_ideal_median": round(statistics.median(walls) / ideal, 3),
            "ratio_to_ideal_best": round(walls[0] / ideal, 3),
            "client_cpu_seconds_median": round(statistics.median(c for _, c in measured), 3),
            "all_seconds": [round(w, 3) for w, _ in measured],
        }
    figures = {
        "claims": args.claims,
        "concurrency": args.concurrency,
        "server_delay_s": args.delay,
        "ideal_s": round(ideal, 3),
        "repeat": args.repeat,
        "runs": rows,
        "target_ratio": 1.3,
        "target_cached_s": 2.0,
        "load_average_1min": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)},
        "machine": f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs",
    }
    print(f"{args.claims} claims, concurrency {args.concurrency}, server answers after "
          f"{args.delay * 1000:g} ms; ideal {ideal:.2f} s; {args.repeat} runs each; "
          f"load average {load_before:.1f} → {os.getloadavg()[0]:.1f}")
    for label, row in rows.items():
        print(f"  {label:<18} median {row['seconds_median']:6.2f} s ({row['ratio_to_ideal_median']:.2f}× ideal), "
              f"best {row['seconds_best']:6.2f} s ({row['ratio_to_ideal_best']:.2f}×), "
              f"client CPU {row['client_cpu_seconds_median']:.2f} s")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
