"""Registry store at scale: bulk ingest of synthetic claims, then query latency.

Builds synthetic documents of claims (each with an appearance, quantities,
two check results and a verdict), stores them through the same code path
as ``registry check`` (``RegistryStore.save_documents``, several documents
per transaction), then times the queries behind ``registry claims show``,
``claims search`` (a common and a rare word) and ``claims list --status``:
in-process store calls and whole in-process commands (opening the registry,
querying, rendering JSON; Python start-up excluded).

    python benchmarks/store_scale.py --engine sqlite --claims 1000000
    python benchmarks/store_scale.py --engine postgresql --claims 1000000

The SQLite registry is written to --workdir (default: a temporary directory,
removed afterwards); PostgreSQL uses a schema ``store_bench`` (dropped and
recreated) in ``REGISTRY_BENCH_POSTGRES_URL`` or
``postgresql://postgres@127.0.0.1:5432/test``. Results go to
``benchmarks/results/store_<engine>.json`` (or --output).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from registry import (  # noqa: E402
    Attribution,
    CheckResult,
    ClaimReport,
    Document,
    Evidence,
    Quantity,
    Source,
    Span,
    Stance,
    Status,
    Verdict,
    claim_id,
)
from registry.store import open_store  # noqa: E402

RESULTS = REPO / "benchmarks" / "results"
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
BENCH_SCHEMA = "store_bench"

UNITS = ["troops", "percent", "tonnes", "jobs", "homes", "euros", "patients", "votes", "flights", "trees"]
VERBS = ["were lost", "were added", "went missing", "were counted", "were promised", "were cut",
         "were delivered", "were recorded", "were planned", "were destroyed"]
PLACES = ["in Kyiv", "in Prague", "in Port Alder", "in the capital", "in the north", "across the region",
          "in the south", "at the border", "in rural areas", "in the city centre"]
STATUS_WEIGHTS = {Status.SUPPORTED: 15, Status.REFUTED: 15, Status.NOT_ENOUGH_EVIDENCE: 40,
                  Status.UNVERIFIED: 20, Status.MISLEADING: 5, Status.MIXED: 5}
SYLLABLES = ["ka", "lo", "mi", "ter", "van", "os", "ri", "de", "nu", "bel", "sa", "gor", "pi", "an", "ul", "fe"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Distinct invented words, to be drawn with a Zipf-like frequency."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Corpus:
    """Deterministic synthetic documents of claims."""

    def __init__(self, seed: int = 7, vocabulary_size: int = 20_000) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary(vocabulary_size, self.rng)
        # Zipf-like weights 1/rank: a few words are everywhere, most are rare.
        self.cumulative = []
        total = 0.0
        for rank in range(1, len(self.words) + 1):
            total += 1.0 / rank
            self.cumulative.append(total)
        firsts = ["Anna", "Boris", "Carla", "Dmitry", "Elena", "Farid", "Greta", "Hugo", "Irena", "Jonas"]
        lasts = ["Berg", "Costa", "Dvorak", "Peskov", "Novak", "Lind", "Okafor", "Silva", "Weber", "Zhou"]
        self.speakers = [f"{f} {l}" for f in firsts for l in lasts]
        self.filler_counts: Counter[str] = Counter()
        self.unit_counts: Counter[str] = Counter()
        self.claims = 0
        self.start = datetime(2024, 1, 1, tzinfo=UTC)

    def filler(self, count: int) -> list[str]:
        chosen = self.rng.choices(self.words, cum_weights=self.cumulative, k=count)
        self.filler_counts.update(set(chosen))
        return chosen

    def claim_text(self) -> tuple[str, list[Quantity], str]:
        unit = self.rng.choice(UNITS)
        self.unit_counts[unit] += 1
        words = " ".join(self.filler(self.rng.randint(3, 8)))
        if self.rng.random() < 0.1:  # a claim without a number
            return (f"Officials {self.rng.choice(VERBS)} {self.rng.choice(PLACES)} {words} {unit}", [], unit)
        value = self.rng.randint(1, 999_999)
        year = self.rng.randint(2000, 2025)
        written = f"{value:,} {unit}"
        text = f"{written} {self.rng.choice(VERBS)} {self.rng.choice(PLACES)} in {year} {words}"
        return text, [Quantity(value=value, unit=unit, text=written)], unit

    def document(self, number: int, claims: int) -> tuple[Document, list[ClaimReport]]:
        published = self.start + timedelta(minutes=number)
        source = Source(uri=f"https://news{number % 50}.example/story/{number}", title=f"Story {number}",
                        publisher=f"Outlet {number % 50}", published=published)
        lines, reports = [], []
        offset = 0
        for _ in range(claims):
            text, quantities, unit = self.claim_text()
            speaker = self.rng.choice(self.speakers)
            line = f"{speaker} said: {text}."
            start = offset + len(speaker) + len(" said: ")
            lines.append(line)
            offset += len(line) + 1
            status = self.rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
            results = [
                CheckResult(checker="consistency", version="1", status=status, confidence=0.7,
                            explanation=f"{unit} figure compared with other reports", elapsed_ms=1.2),
                CheckResult(checker="claimreview", version="1", status=Status.NOT_ENOUGH_EVIDENCE,
                            confidence=0.3, explanation="no published fact-check found", elapsed_ms=3.4,
                            evidence=[Evidence(stance=Stance.NEUTRAL, kind="factcheck", summary="nearest review",
                                               url=f"https://factcheck.example/{self.claims}")]),
            ]
            verdict = Verdict(status=status, confidence=0.7, explanation="synthetic", decided_by="consistency")
            reports.append(ClaimReport(
                id=claim_id(text), text=text, span=Span(start=start, end=start + len(text)), source=source,
                attribution=Attribution(speaker=speaker, cue="said", confidence=0.9), quantities=quantities,
                claim_type="quantity" if quantities else "other", checkworthiness=0.8, checkworthy=True,
                features={}, status=status, attribution_status=None, verdict=verdict, results=results,
            ))
            self.claims += 1
        document = Document(location=source.uri, text="\n".join(lines) + "\n", source=source)
        return document, reports


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "runs": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


def timed(function, runs: int) -> dict[str, float]:
    samples = []
    for i in range(runs):
        started = time.perf_counter()
        function(i)
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def run_command(pm, url: str, *args: str) -> None:
    """One ``registry`` command in-process (no Python start-up), output discarded."""
    from registry.cli import main

    with contextlib.redirect_stdout(io.StringIO()):
        code = main([*args, "--db", url], pm=pm)
    if code != 0:
        raise SystemExit(f"registry {' '.join(args)} failed with exit code {code}")


def prepare_postgres(base_url: str) -> str:
    import psycopg
    from psycopg import sql

    try:
        with psycopg.connect(base_url, autocommit=True, connect_timeout=5) as connection:
            connection.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(BENCH_SCHEMA)))
            connection.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(BENCH_SCHEMA)))
    except psycopg.Error as error:
        raise SystemExit(f"no PostgreSQL server at {base_url}: {' '.join(str(error).split())}") from None
    url = sa.make_url(base_url).update_query_dict({"options": f"-csearch_path={BENCH_SCHEMA}"})
    return url.render_as_string(hide_password=False)


def database_size(store, engine_name: str, path: Path | None) -> int:
    with store.engine.connect() as connection:
        if engine_name == "sqlite":
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            return path.stat().st_size + sum(p.stat().st_size for p in path.parent.glob(path.name + "-*"))
        return int(connection.execute(sa.text(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = :schema AND c.relkind = 'r'"
        ), {"schema": BENCH_SCHEMA}).scalar_one())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--claims-per-document", type=int, default=10)
    parser.add_argument("--documents-per-batch", type=int, default=5000,
                        help="documents per transaction (of --claims-per-document claims each)")
    parser.add_argument("--runs", type=int, default=200, help="timed runs per query")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--output", type=Path, default=None,
                        help="results file (default: benchmarks/results/store_<engine>.json)")
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="store-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    path = None
    if args.engine == "sqlite":
        path = workdir / "registry.db"
        for leftover in workdir.glob("registry.db*"):
            leftover.unlink()
        url = str(path)
    else:
        url = prepare_postgres(os.environ.get("REGISTRY_BENCH_POSTGRES_URL", DEFAULT_POSTGRES))

    store = open_store(url)
    corpus = Corpus()
    documents = args.claims // args.claims_per_document
    store_seconds = 0.0
    store_cpu_seconds = 0.0  # this process's CPU in the store (SQLite works in it; PostgreSQL's server does not)
    load_before = os.getloadavg()  # the machine is shared: say how busy it was
    wall_started = time.perf_counter()
    progress_every = max(1, documents // args.documents_per_batch // 20)
    for batch_number, first in enumerate(range(0, documents, args.documents_per_batch)):
        last = min(documents, first + args.documents_per_batch)
        batch = [(*corpus.document(n, args.claims_per_document), {}) for n in range(first, last)]
        started, cpu_started = time.perf_counter(), time.process_time()
        store.save_documents(batch)
        store_seconds += time.perf_counter() - started
        store_cpu_seconds += time.process_time() - cpu_started
        if batch_number % progress_every == 0:
            print(f"  {corpus.claims:>9,} claims, {corpus.claims / store_seconds:,.0f} claims/s in the store",
                  file=sys.stderr, flush=True)
    wall_seconds = time.perf_counter() - wall_started
    load_after = os.getloadavg()
    with store.engine.connect() as connection:
        # Planner statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize`
        # (SQLite) keep them in a registry in use; not counted as ingest.
        connection.exec_driver_sql("ANALYZE" if args.engine == "postgresql" else "PRAGMA optimize")
        connection.commit()
    counts = store.counts()
    size = database_size(store, args.engine, path)
    print(f"ingest: {corpus.claims:,} claims in {store_seconds:.1f} s of store time "
          f"({corpus.claims / store_seconds:,.0f} claims/s; {store_cpu_seconds / corpus.claims * 1e6:.1f} us CPU a claim "
          f"in this process), {wall_seconds:.1f} s wall with generation; "
          f"database {size / 1e6:,.0f} MB")

    from registry._plugins import make_plugin_manager

    pm = make_plugin_manager(entry_points=False)
    rng = random.Random(11)
    with store.engine.connect() as connection:
        sample_ids, sample_texts = map(list, zip(*connection.execute(
            sa.text("SELECT id, text FROM claims WHERE pk % 997 = 0 LIMIT 2000"))))
    common = "troops"
    rare = next(w for w, n in sorted(corpus.filler_counts.items(), key=lambda kv: (kv[1], kv[0])) if n >= 5)
    with store.engine.connect() as connection:
        counting = ("SELECT count(*) FROM claims WHERE search_vector @@ to_tsquery('simple', :word)"
                    if args.engine == "postgresql" else "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH :word")
        matches = {word: connection.execute(sa.text(counting), {"word": word}).scalar_one() for word in (common, rare)}
    status = Status.REFUTED
    with store.engine.connect() as connection:
        with_status = connection.execute(sa.text("SELECT count(*) FROM verdicts WHERE status = :s"),
                                         {"s": status.value}).scalar_one()

    queries = {
        "claims show (by id)": (lambda i: store.claim(rng.choice(sample_ids)),
                                lambda i: run_command(pm, url, "claims", "show", rng.choice(sample_ids), "-f", "json")),
        f"claims search common word '{common}' ({matches[common]:,} matches, top 20)":
            (lambda i: store.search_claims(common, limit=20),
             lambda i: run_command(pm, url, "claims", "search", common, "-f", "json")),
        f"claims search rare word '{rare}' ({matches[rare]:,} matches)":
            (lambda i: store.search_claims(rare, limit=20),
             lambda i: run_command(pm, url, "claims", "search", rare, "-f", "json")),
        f"claims list --status {status.value} --limit 50 ({with_status:,} with that status)":
            (lambda i: store.list_claims(status=status, limit=50),
             lambda i: run_command(pm, url, "claims", "list", "--status", status.value, "--limit", "50", "-f", "json")),
        # What the consistency checker asks for each claim it checks (no command).
        "checker reads: a stored claim's appearances, and the 20 best matches of its text":
            (lambda i: (store.appearances(sample_ids[i % len(sample_ids)]),
                        store.search_appearances(sample_texts[i % len(sample_texts)], 20)), None),
    }
    latency = {}
    for name, (query, command) in queries.items():
        query(0)  # once untimed: plans and pages warm, as in a registry in use
        q = timed(query, args.runs)
        latency[name] = {"query": q}
        line = f"{name}: query p50 {q['p50_ms']} ms, p95 {q['p95_ms']} ms"
        if command is not None:
            c = latency[name]["command_in_process"] = timed(command, max(20, args.runs // 4))
            line += f"; command p50 {c['p50_ms']} ms, p95 {c['p95_ms']} ms"
        print(line)
    store.close()

    result = {
        "engine": args.engine,
        "claims": corpus.claims,
        "claims_per_document": args.claims_per_document,
        "documents_per_transaction": args.documents_per_batch,
        "rows": counts,
        "ingest": {
            "store_seconds": round(store_seconds, 1),
            "claims_per_second": round(corpus.claims / store_seconds),
            "store_cpu_seconds_this_process": round(store_cpu_seconds, 1),
            "cpu_microseconds_per_claim_this_process": round(store_cpu_seconds / corpus.claims * 1e6, 1),
            "wall_seconds_with_generation": round(wall_seconds, 1),
            # 1-minute load average before the ingest, 5-minute one after it
            "load_average_before_after": [round(load_before[0], 2), round(load_after[1], 2)],
        },
        "database_bytes": size,
        "latency": latency,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "sqlite": __import__("sqlite3").sqlite_version, "sqlalchemy": sa.__version__},
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "python benchmarks/store_scale.py " + " ".join(sys.argv[1:]),
    }
    target = args.output or RESULTS / f"store_{args.engine}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written {target}")
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
