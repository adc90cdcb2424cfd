"""Several processes writing one registry at once: throughput and what is left.

The documents of ``store_scale.py``'s synthetic corpus are shared out among
N writer processes; a tenth of them is written by every writer, so that
writers collide on the same documents, claims and verdicts. Each writer
stores its documents through ``RegistryStore.save_documents``, 50
documents per transaction. The benchmark reports the wall time until every
writer has finished, the claims per second over all writers, and checks
that the registry holds each document, claim and appearance exactly once.

    python benchmarks/store_concurrency.py --engine sqlite --claims 100000 --writers 1,2,4
    python benchmarks/store_concurrency.py --engine postgresql --claims 100000 --writers 1,2,4

Results go to ``benchmarks/results/store_concurrency_<engine>.json``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from store_scale import DEFAULT_POSTGRES, RESULTS, Corpus, prepare_postgres  # noqa: E402

from registry.store import open_store  # noqa: E402

DOCUMENTS_PER_TRANSACTION = 50
CORPUS: list = []  # filled before the writers fork, so they share it


def writer(url: str, numbers: list[int], start: multiprocessing.Event, errors: multiprocessing.Queue) -> None:
    try:
        store = open_store(url)
        start.wait()
        for first in range(0, len(numbers), DOCUMENTS_PER_TRANSACTION):
            store.save_documents([CORPUS[n] for n in numbers[first:first + DOCUMENTS_PER_TRANSACTION]])
        store.close()
    except Exception as error:  # reported by the parent
        errors.put(f"{type(error).__name__}: {error}")


def run(url: str, writers: int, documents: int) -> dict:
    shared = list(range(documents // 10))
    own = list(range(documents // 10, documents))
    shares = [shared + own[w::writers] for w in range(writers)]
    open_store(url).close()  # the schema exists before the clock starts
    context = multiprocessing.get_context("fork")
    start, errors = context.Event(), context.Queue()
    processes = [context.Process(target=writer, args=(url, share, start, errors)) for share in shares]
    for process in processes:
        process.start()
    time.sleep(1.0)  # every writer has opened the registry
    began = time.perf_counter()
    start.set()
    for process in processes:
        process.join()
    seconds = time.perf_counter() - began
    failures = []
    while not errors.empty():
        failures.append(errors.get())
    store = open_store(url)
    counts = store.counts()
    with store.engine.connect() as connection:
        duplicate_appearances = connection.execute(sa.text(
            "SELECT count(*) FROM (SELECT claim_pk, document_id, span_start, span_end FROM appearances "
            "GROUP BY claim_pk, document_id, span_start, span_end HAVING count(*) > 1) AS d")).scalar_one()
        verdicts = connection.execute(sa.text("SELECT count(*) FROM verdicts")).scalar_one()
    store.close()
    expected_claims = len({report.id for _, reports, _ in CORPUS for report in reports})
    written = sum(len(share) for share in shares) * len(CORPUS[0][1])
    return {
        "writers": writers,
        "seconds": round(seconds, 1),
        "claims_per_second": round(expected_claims / seconds),
        "claims_written_including_repeats": written,
        "writer_errors": failures,
        "rows": counts,
        "exactly_once": (counts["documents"] == documents and counts["claims"] == expected_claims
                         and counts["appearances"] == expected_claims and duplicate_appearances == 0
                         and verdicts == expected_claims),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--writers", default="1,2,4")
    args = parser.parse_args()

    corpus = Corpus()
    documents = args.claims // 10
    CORPUS.extend((*corpus.document(n, 10), {}) for n in range(documents))
    runs = []
    workdir = Path(tempfile.mkdtemp(prefix="store-concurrency-"))
    for writers in (int(w) for w in args.writers.split(",")):
        if args.engine == "sqlite":
            url = str(workdir / f"registry-{writers}.db")
        else:
            url = prepare_postgres(os.environ.get("REGISTRY_BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
        result = run(url, writers, documents)
        runs.append(result)
        print(f"{args.engine}, {writers} writer(s): {result['seconds']} s, {result['claims_per_second']:,} claims/s, "
              f"exactly once: {result['exactly_once']}, errors: {len(result['writer_errors'])}", flush=True)
    output = {
        "engine": args.engine,
        "claims": args.claims,
        "documents_per_transaction": DOCUMENTS_PER_TRANSACTION,
        "shared_documents": "a tenth, written by every writer",
        "runs": runs,
        "cpus": os.cpu_count(),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "python benchmarks/store_concurrency.py " + " ".join(sys.argv[1:]),
    }
    shutil.rmtree(workdir, ignore_errors=True)
    target = RESULTS / f"store_concurrency_{args.engine}.json"
    target.write_text(json.dumps(output, indent=2) + "\n", encoding="utf-8")
    print(f"written {target}")


if __name__ == "__main__":
    main()
