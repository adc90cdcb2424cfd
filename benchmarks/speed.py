"""Benchmark: articles per second through the whole `registry check`
pipeline in one process, with the installed (default, offline) plugins and
no store, with and without rendering the JSON output.

Usage: python benchmarks/speed.py [--articles 1000] [--repeat 3] [--corpus seeds|claimbuster]

The articles are synthetic: the paragraphs of the seed articles (seeds/)
shuffled and recombined with a fixed random seed into Markdown documents of
3–6 KB, each with a headline and front matter naming one of the seeds'
publishers. Those articles repeat the seeds' few dozen paragraphs over and
over, which favours any work done once per distinct statement; with
``--corpus claimbuster`` the bodies are made of the ClaimBuster debate
sentences (../shared/data/claimbuster), each used once, so no statement
appears twice (about 200 articles: as many as the sentences fill). Each timed run reads them from files, extracts and attributes
their claims, runs every registered checker and resolves verdicts, exactly
as `registry check --no-store DIR` does. One more run under cProfile gives
each stage's time (load, extract and attribute, check and resolve and
report) and the functions that take it. Writes benchmarks/results/speed.json.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import os
import platform
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
RESULTS = REPO / "benchmarks" / "results" / "speed.json"
TARGET = 300.0


def seed_material() -> tuple[list[str], list[str], list[str]]:
    """Paragraphs, headlines and publishers of the seed articles."""
    from registry import LoadOptions
    from registry._loaders import load_document

    paragraphs: list[str] = []
    headlines: list[str] = []
    publishers: list[str] = []
    for path in sorted(SEEDS.iterdir()):
        if path.name.startswith("."):
            continue
        document = load_document(str(path), LoadOptions())
        paragraphs += [p.strip() for p in document.text.split("\n\n") if len(p.strip()) > 60]
        if document.source.title:
            headlines.append(document.source.title)
        if document.source.publisher:
            publishers.append(document.source.publisher)
    return paragraphs, headlines, publishers


def claimbuster_paragraphs(data: Path, seed: int) -> list[str]:
    """The ClaimBuster sentences, shuffled, four to a paragraph."""
    sentences = [row["text"].strip() for row in json.loads(data.read_text(encoding="utf-8"))]
    random.Random(seed).shuffle(sentences)
    return [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]


def make_articles(directory: Path, count: int, seed: int, paragraphs: list[str] | None = None) -> tuple[int, int]:
    """Write up to ``count`` synthetic articles of 3–6 KB; return how many
    were written and their total size in bytes. With ``paragraphs`` given,
    each is used once and the articles stop when they run out; otherwise the
    seed articles' paragraphs are reused as often as needed."""
    seed_paragraphs, headlines, publishers = seed_material()
    reuse = paragraphs is None
    rng = random.Random(seed)
    pool = [] if reuse else list(reversed(paragraphs))
    total = written = 0
    for number in range(count):
        target = rng.randint(3000, 6000)
        if reuse:
            pool = seed_paragraphs[:]
            rng.shuffle(pool)
        body: list[str] = []
        size = 0
        while size < target:
            if not pool:
                if not reuse:
                    break
                pool = seed_paragraphs[:]
                rng.shuffle(pool)
            paragraph = pool.pop()
            if size + len(paragraph.encode()) > 6000 - 300 and size >= 3000 - 300:
                break
            body.append(paragraph)
            size += len(paragraph.encode()) + 2
        if size < 3000 - 300:  # the unused paragraphs ran out
            break
        text = (
            f"---\ntitle: \"{rng.choice(headlines)}\"\npublisher: {rng.choice(publishers)}\n"
            f"url: https://synthetic.example/{seed}/{number}\npublished: 2024-01-{1 + number % 28:02d}\n---\n\n"
            + "\n\n".join(body) + "\n"
        )
        path = directory / f"article-{number:04d}.md"
        path.write_text(text, encoding="utf-8")
        total += len(text.encode())
        written += 1
    return written, total


def run_once(pm, directory: Path, render_json: bool) -> tuple[float, float, int, int]:
    """One `registry check --no-store DIR` run; (seconds, CPU seconds, documents, reports).
    On a shared machine the CPU time is the steadier figure: the wall-clock
    time also counts the waits for a CPU that other work holds."""
    from registry._config import Settings
    from registry._pipeline import Pipeline

    started, cpu_started = time.perf_counter(), time.process_time()
    result = asyncio.run(Pipeline(pm, Settings(), store=None).run([str(directory)]))
    if render_json:
        render, _ = pm.output_formats()["json"]
        render([r for r in result.reports if r.checkworthy])
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if result.failures:
        raise SystemExit(f"speed benchmark: {len(result.failures)} articles failed, first: {result.failures[0]}")
    return elapsed, cpu, result.documents, len(result.reports)


def stage_seconds(pm, directory: Path, whole_run: float) -> dict[str, float]:
    """Seconds spent loading and extracting (each timed alone), and the rest
    of a whole run: checking, resolving and reporting. The stages run with
    the collector thresholds of a real run, which keeps every document and
    claim alive to the end (otherwise full collections inflate extraction)."""
    from registry._config import Settings
    from registry._pipeline import Pipeline, _collect_less_often, expand_locations

    pipeline = Pipeline(pm, Settings(), store=None)
    with _collect_less_often():
        started = time.perf_counter()
        documents = [pipeline.load(location) for location in expand_locations([str(directory)])]
        loading = time.perf_counter() - started
        started = time.perf_counter()
        for document in documents:
            pipeline.extract(document)
        extracting = time.perf_counter() - started
    return {"load": loading, "extract_and_attribute": extracting,
            "check_resolve_report": max(0.0, whole_run - loading - extracting)}


def profile_stage(pm, directory: Path, stage: str, top: int = 20) -> str:
    """cProfile's top entries (by own time) for one stage; checking runs in
    the whole pipeline, so its profile is that of a whole run."""
    from registry._config import Settings
    from registry._pipeline import Pipeline, _collect_less_often, expand_locations

    pipeline = Pipeline(pm, Settings(), store=None)
    locations = list(expand_locations([str(directory)]))
    documents = [pipeline.load(location) for location in locations] if stage == "extract_and_attribute" else []
    profiler = cProfile.Profile()
    with _collect_less_often():  # as in a real run (see stage_seconds)
        profiler.enable()
        if stage == "load":
            for location in locations:
                pipeline.load(location)
        elif stage == "extract_and_attribute":
            for document in documents:
                pipeline.extract(document)
        else:
            asyncio.run(pipeline.run(locations))
        profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per mode; the median is reported")
    parser.add_argument("--disable", default="", metavar="NAMES",
                        help="plugins to leave out, comma-separated (as REGISTRY_DISABLE_PLUGINS)")
    parser.add_argument("--corpus", choices=("seeds", "claimbuster"), default="seeds",
                        help="article bodies from the seeds' paragraphs (reused) or from ClaimBuster sentences (each once)")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data", help="the shared data directory")
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"results file (default {RESULTS.relative_to(REPO)})")
    args = parser.parse_args(argv)
    if args.disable:
        os.environ["REGISTRY_DISABLE_PLUGINS"] = args.disable
    if not SEEDS.is_dir():
        print(f"speed benchmark: seed articles not found in {SEEDS}", file=sys.stderr)
        return 2

    paragraphs = None
    if args.corpus == "claimbuster":
        source = args.data / "claimbuster" / "2.5xNCS.json"
        if not source.is_file():
            print(f"speed benchmark: data not found: {source} (see claimbuster/SOURCE.md)", file=sys.stderr)
            return 2
        paragraphs = claimbuster_paragraphs(source, seed=0)

    from registry._plugins import make_plugin_manager

    pm = make_plugin_manager()
    plugins = [name for name, info in pm.info.items() if not name.startswith("registry._")]
    checkers = sorted(pm.checkers())
    with tempfile.TemporaryDirectory() as tmp:
        warm, timed = Path(tmp, "warm-up"), Path(tmp, "articles")
        warm.mkdir()
        timed.mkdir()
        make_articles(warm, 50, seed=1)
        articles, size = make_articles(timed, args.articles, seed=0, paragraphs=paragraphs)
        run_once(pm, warm, render_json=True)  # imports, compiled patterns
        modes: dict[str, dict] = {}
        for label, render_json in (("without_output", False), ("with_json_output", True)):
            runs = [run_once(pm, timed, render_json) for _ in range(args.repeat)]
            seconds = statistics.median(r[0] for r in runs)
            modes[label] = {
                "seconds_median": round(seconds, 3),
                "seconds_all": [round(r[0], 3) for r in runs],
                "articles_per_second": round(articles / seconds, 1),
                "cpu_ms_per_article_median": round(statistics.median(r[1] for r in runs) * 1000 / articles, 2),
                "cpu_ms_per_article_all": [round(r[1] * 1000 / articles, 2) for r in runs],
                "reports": runs[0][3],
            }
        stages = stage_seconds(pm, timed, modes["without_output"]["seconds_median"])
        slowest = max(stages, key=stages.get)
        profile = profile_stage(pm, timed, slowest)
    result = {
        "benchmark": "speed",
        "command": f"python benchmarks/speed.py --articles {args.articles} --repeat {args.repeat}"
                   + (f" --corpus {args.corpus}" if args.corpus != "seeds" else "")
                   + (f" --disable {args.disable}" if args.disable else ""),
        "corpus": args.corpus,
        "articles": articles,
        "mean_article_bytes": round(size / articles),
        "plugins": plugins,
        "checkers": checkers,
        "python": platform.python_version(),
        "target_articles_per_second": TARGET,
        "modes": modes,
        "stage_seconds": {k: round(v, 3) for k, v in stages.items()},
        "slowest_stage": slowest,
        "slowest_stage_profile": profile.strip().splitlines(),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{articles} synthetic articles ({args.corpus}), mean {result['mean_article_bytes']} bytes; "
          f"plugins: {', '.join(plugins)}; checkers: {', '.join(checkers) or 'none'}")
    for label, mode in modes.items():
        verdict = "met" if mode["articles_per_second"] >= TARGET else "MISSED"
        print(f"{label:<18} {mode['articles_per_second']:>8.1f} articles/s  "
              f"(median of {args.repeat}: {mode['seconds_median']:.2f} s, CPU {mode['cpu_ms_per_article_median']:.2f} "
              f"ms per article; target ≥ {TARGET:.0f}: {verdict})")
    print("stage seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))
    print(f"slowest stage: {slowest}; its profile, by own time:")
    print(profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
