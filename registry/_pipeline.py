"""The pipeline behind ``registry check``: load → extract → attribute →
check → resolve → store and report.

Hooks are synchronous and called in isolation by the plugin manager; the
checkers' ``check`` coroutines run concurrently under one concurrency limit
and a per-call timeout, sharing one ``httpx.AsyncClient``.
"""

from __future__ import annotations

import asyncio
import contextvars
import gc
import logging
import threading
import time
import types
from collections.abc import Callable, Coroutine, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import httpx

from . import _loaders
from ._checker import Checker, CheckContext
from ._config import Settings, checker_config, config_fingerprint
from ._http import HttpStats, build_http_client, call_deadline, current_checker
from ._models import Attribution, CheckResult, Claim, ClaimReport, Document, LoadOptions, Verdict
from ._plugins import PluginManager
from .errors import CheckerUnavailable, DocumentError, RegistryError

logger = logging.getLogger("registry")

USER_AGENT = "claim-registry/0.1 (+https://pypi.org/project/claim-registry/)"
#: Documents loaded at once: feed items and lists of links usually come from
#: one site, which should not get more than a few requests at a time.
LOADS_AT_ONCE = 4
#: The garbage collector's thresholds while a run is going (Python's
#: default: 700, 10, 10): the youngest generation is collected every 100,000
#: new objects, the older ones practically not until the run ends. A run
#: keeps its documents, claims and reports until it ends and makes next to
#: no cyclic garbage (none in 1,000 synthetic articles); at the default
#: thresholds the collector's passes over them took a third of such a run.
RUN_GC_THRESHOLDS = (100_000, 1_000, 1_000)


class ResultStore(Protocol):
    """What the pipeline needs from a registry store (see ``registry.store``)."""

    def cached_result(self, checker: str, version: str, config_hash: str, claim_id: str) -> CheckResult | None: ...

    def save_document(
        self, document: Document, reports: list[ClaimReport], config_hashes: dict[str, str]
    ) -> None: ...

    def reviewed_verdicts(self, claim_ids: Sequence[str]) -> dict[str, Verdict]: ...


@dataclass
class CheckerStats:
    """Per-checker counters for one run."""

    calls: int = 0
    cache_hits: int = 0
    errors: int = 0
    seconds: float = 0.0


@dataclass
class RunResult:
    """What a run produced: reports, per-input failures, checker counters."""

    reports: list[ClaimReport] = field(default_factory=list)
    failures: list[DocumentError] = field(default_factory=list)
    documents: int = 0
    stats: dict[str, CheckerStats] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)
    http: HttpStats = field(default_factory=HttpStats)
    """HTTP requests, cache hits, retries and errors, per checker."""

    def __repr__(self) -> str:
        # asyncio.run formats the finished main task, result included, when it
        # restores the SIGINT handler (Python 3.11); a full repr of every
        # report would cost seconds on a large run.
        return (f"<RunResult documents={self.documents} reports={len(self.reports)} "
                f"failures={len(self.failures)}>")

    @property
    def checker_errors(self) -> int:
        return sum(s.errors for s in self.stats.values())


_gc_lock = threading.Lock()
_gc_runs = 0
_gc_saved: tuple[int, ...] = ()


@contextmanager
def _collect_less_often() -> Iterator[None]:
    """Raise the collector's thresholds to :data:`RUN_GC_THRESHOLDS` while
    any run is going (runs may overlap in threads), then restore them; a
    collector switched off by a threshold of 0 stays off."""
    global _gc_runs, _gc_saved
    with _gc_lock:
        if _gc_runs == 0:
            _gc_saved = gc.get_threshold()
            if _gc_saved[0]:
                gc.set_threshold(*(max(old, new) for old, new in zip(_gc_saved, RUN_GC_THRESHOLDS)))
        _gc_runs += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_runs -= 1
            if _gc_runs == 0:
                gc.set_threshold(*_gc_saved)


def expand_locations(
    locations: Iterable[str | DocumentError], on_skipped: Callable[[str], None] | None = None,
) -> Iterator[str | DocumentError]:
    """Yield each input location, walking directories (sorted, hidden files
    skipped, only :data:`registry._loaders.DOCUMENT_SUFFIXES`), or a
    :class:`DocumentError` for a directory without documents. The other
    files of a directory are counted in one line per directory, given to
    ``on_skipped``. Anything that is not a directory passes through to the
    loaders unchanged."""
    for location in locations:
        if isinstance(location, DocumentError) or not Path(location).is_dir():
            yield location
            continue
        path = Path(location)
        found, skipped = [], []
        for p in sorted(path.rglob("*")):
            if not p.is_file() or any(part.startswith(".") for part in p.relative_to(path).parts):
                continue
            (found if p.suffix.lower() in _loaders.DOCUMENT_SUFFIXES else skipped).append(p)
        if skipped and on_skipped is not None:
            on_skipped(_skipped_files_line(location, skipped))
        if not found:
            yield DocumentError(location, "directory contains no readable documents")
        yield from (str(p) for p in found)


#: Other suffixes named at most in the line about a directory's skipped files.
SKIPPED_SUFFIXES_SHOWN = 5


def _skipped_files_line(directory: str, skipped: list[Path]) -> str:
    suffixes = sorted({p.suffix.lower() or "no suffix" for p in skipped})
    shown = ", ".join(suffixes[:SKIPPED_SUFFIXES_SHOWN]) + (", ..." if len(suffixes) > SKIPPED_SUFFIXES_SHOWN else "")
    read = " ".join(sorted(_loaders.DOCUMENT_SUFFIXES))
    return (f"{directory}: skipped {len(skipped)} file{'s' if len(skipped) != 1 else ''} with other suffixes "
            f"({shown}); only {read} files are read")


def expand_feeds(
    pm: PluginManager, feeds: Iterable[str], options: LoadOptions, limit: int,
) -> list[str | DocumentError]:
    """The item locations of each feed, through the ``expand_feed`` hook, in
    order; a feed that cannot be read is a :class:`DocumentError` in the list."""
    items: list[str | DocumentError] = []
    for feed in feeds:
        try:
            answer = pm.call_first("expand_feed", location=feed, options=options, limit=limit)
        except DocumentError as exc:
            items.append(exc)
            continue
        if answer is None:
            items.append(DocumentError(feed, "no installed plugin reads feeds"))
            continue
        plugin, found = answer
        if not isinstance(found, list) or not all(isinstance(i, (str, DocumentError)) for i in found):
            items.append(DocumentError(feed, f"plugin '{plugin}' returned {type(found).__name__} "
                                             "from expand_feed, not a list of locations"))
            continue
        items.extend(found)
    return items


class Pipeline:
    """One configured run of the claim pipeline.

    ``store`` (optional) caches results and receives each document's
    reports in one transaction; ``transport`` replaces the HTTP transport
    (tests pass ``httpx.MockTransport``).
    """

    def __init__(
        self,
        pm: PluginManager,
        settings: Settings | None = None,
        *,
        store: ResultStore | None = None,
        load_options: LoadOptions | None = None,
        include_all: bool = False,
        refresh: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
        on_document: Callable[[], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
    ) -> None:
        self.pm = pm
        self.settings = settings or Settings()
        self.store = store
        self.load_options = load_options or LoadOptions(timeout=self.settings.timeout)
        self.include_all = include_all
        self.refresh = refresh
        self.transport = transport
        self.on_document = on_document or (lambda: None)
        self.notice = on_notice or (lambda message: logger.warning(message))
        self.checkers: dict[str, Checker] = {name: c for name, (c, _) in pm.checkers().items()}
        self.checker_plugins = {name: plugin for name, (_, plugin) in pm.checkers().items()}
        self.loggers = {name: logging.getLogger(f"registry.checker.{name}") for name in self.checkers}
        self._reported_checkers: set[str] = set()
        self.configs = {
            name: checker_config(self.settings, name, checker.Config)
            for name, checker in self.checkers.items()
        }
        self.config_hashes = {name: config_fingerprint(cfg) for name, cfg in self.configs.items()}

    # -- synchronous stages --------------------------------------------------

    def load(self, location: str) -> Document:
        """Read one document through the ``load_document`` hook."""
        answer = self.pm.call_first("load_document", location=location, options=self.load_options)
        if answer is None:
            reason = "no loader for URLs is installed" if _loaders.is_url(location) else "no loader can read this kind of file"
            raise DocumentError(location, reason)
        plugin, document = answer
        if not isinstance(document, Document):
            raise DocumentError(location, f"{self.pm.describe(plugin)} returned {type(document).__name__}, not a Document")
        return document

    def extract(self, document: Document) -> list[Claim]:
        """Collect the claims of ``document`` from every ``extract_claims``
        implementation, de-duplicated by id, then attach attributions."""
        claims: dict[str, Claim] = {}
        for plugin, found in self.pm.call_each("extract_claims", document=document):
            if not isinstance(found, (list, tuple)):
                self.pm.problem(f"{self.pm.describe(plugin)} returned {type(found).__name__} from extract_claims, "
                                "not a list of Claim; it is ignored")
                continue
            for claim in found:
                if not isinstance(claim, Claim):
                    self.pm.problem(f"{self.pm.describe(plugin)} returned {type(claim).__name__} from extract_claims, not a Claim")
                    continue
                if claim.span.end > len(document.text):
                    self.pm.problem(f"{self.pm.describe(plugin)} returned a claim whose span is outside the document")
                    continue
                if claim.document is None or claim.extracted_by is None:
                    claim = claim.model_copy(update={
                        "document": claim.document or document.location,
                        "extracted_by": claim.extracted_by or plugin,
                    })
                claims.setdefault(claim.id, claim)
        ordered = sorted(claims.values(), key=lambda c: (c.span.start, c.span.end))
        return [self._attribute(claim, document) for claim in ordered]

    def _attribute(self, claim: Claim, document: Document) -> Claim:
        if claim.attribution is not None:
            return claim
        answer = self.pm.call_first("attach_attribution", claim=claim, document=document)
        if answer is None:
            return claim
        plugin, attribution = answer
        if not isinstance(attribution, Attribution):
            self.pm.problem(f"{self.pm.describe(plugin)} returned {type(attribution).__name__} from attach_attribution")
            return claim
        if attribution.attributed_by is None:
            attribution = attribution.model_copy(update={"attributed_by": plugin})
        return claim.model_copy(update={"attribution": attribution})

    def resolve(self, claim: Claim, results: list[CheckResult]) -> Verdict:
        """Combine results through ``resolve_verdict``, then notify ``claim_checked``."""
        usable = [r for r in results if r.error is None]
        answer = self.pm.call_first("resolve_verdict", claim=claim, results=usable)
        if answer is not None and not isinstance(answer[1], Verdict):
            self.pm.problem(f"{self.pm.describe(answer[0])} returned {type(answer[1]).__name__} "
                            "from resolve_verdict, not a Verdict; the default verdict is used")
        if answer is None or not isinstance(answer[1], Verdict):
            from ._verdict import resolve_verdict  # a broken replacement never loses the verdict

            verdict = resolve_verdict(claim, usable)
        else:
            verdict = answer[1]
        self.pm.call_each("claim_checked", claim=claim, verdict=verdict)
        return verdict

    # -- the asynchronous run ------------------------------------------------

    async def run(self, locations: Iterable[str | DocumentError]) -> RunResult:
        """Process every location; failures of one input never stop the others."""
        result = RunResult(stats={name: CheckerStats() for name in self.checkers})
        semaphore = asyncio.Semaphore(self.settings.concurrency)
        with _collect_less_often():
            return await self._run(locations, result, semaphore)

    async def _run(
        self, locations: Iterable[str | DocumentError], result: RunResult, semaphore: asyncio.Semaphore,
    ) -> RunResult:
        async with build_http_client(
            self.settings, transport=self.transport, refresh=self.refresh, user_agent=USER_AGENT,
        ) as http:
            result.http = http.stats
            # Phase 1: read and extract every document, so that checkers see
            # the whole run (ctx.corpus) whatever the order of the inputs.
            corpus: list[tuple[Document, list[Claim]]] = []
            load_slots = asyncio.Semaphore(LOADS_AT_ONCE)

            async def load(location: str) -> Document:
                async with load_slots:
                    # a thread, so a slow loader never blocks the event loop
                    return await asyncio.to_thread(self.load, location)

            # Loads overlap (a few at a time); extraction follows input order.
            items = list(expand_locations(locations, on_skipped=self.notice))
            loading = [item if isinstance(item, DocumentError) else asyncio.ensure_future(load(item))
                       for item in items]
            for item in loading:
                if isinstance(item, DocumentError):
                    result.failures.append(item)
                    self.on_document()
                    continue
                try:
                    document = await item
                    claims = self.extract(document)
                except DocumentError as exc:
                    result.failures.append(exc)
                    self.on_document()
                    continue
                corpus.append((document, claims))
            result.documents = len(corpus)
            # Phase 2: check every document's claims concurrently.
            checked = await asyncio.gather(*(
                self._check_document(document, claims, corpus, http, semaphore, result)
                for document, claims in corpus
            ))
            for reports in checked:
                result.reports.extend(reports)
        return result

    async def _check_document(
        self, document: Document, claims: list[Claim], corpus: list[tuple[Document, list[Claim]]],
        http: httpx.AsyncClient, semaphore: asyncio.Semaphore, result: RunResult,
    ) -> list[ClaimReport]:
        to_check = [c for c in claims if c.checkworthy or self.include_all]
        # One context per checker for the whole document: it names nothing
        # about the claim, which is the other argument of ``check``.
        contexts = {
            name: CheckContext(
                config=self.configs[name], http=http, document=document, logger=self.loggers[name],
                claims=claims, corpus=corpus, store=self.store,
            )
            for name in self.checkers
        }
        checkers = list(self.checkers.items())
        # answers[i * len(checkers) + j]: checker j on claim i, in that order
        answers: list[CheckResult | None] = [None] * (len(to_check) * len(checkers))
        calls = (  # lazily: a checker found unavailable is left out from then on
            (index * len(checkers) + position, name, checker, claim, contexts[name])
            for index, claim in enumerate(to_check) for position, (name, checker) in enumerate(checkers)
            if name not in result.unavailable
        )
        await self._make_calls(calls, answers, semaphore, result)
        for position, (name, _checker) in enumerate(checkers):
            self._report_failures(name, document, answers[position::len(checkers)], len(to_check))
        reports = []
        for index, claim in enumerate(to_check):
            results = [a for a in answers[index * len(checkers):(index + 1) * len(checkers)] if a is not None]
            reports.append(ClaimReport.build(claim, document, results, self.resolve(claim, results)))
        if self.store is not None:
            self.store.save_document(document, reports, self.config_hashes)
            # A reviewer's verdict outranks this run's (the registry keeps
            # both): report what the registry now holds for the claim.
            reviewed = self.store.reviewed_verdicts([report.id for report in reports])
            reports = [
                report.model_copy(update={
                    "verdict": reviewed[report.id], "status": reviewed[report.id].status,
                    "attribution_status": reviewed[report.id].attribution_status,
                }) if report.id in reviewed else report
                for report in reports
            ]
        self.on_document()
        return reports

    def _report_failures(
        self, name: str, document: Document, answers: list[CheckResult | None], checked: int,
    ) -> None:
        """One notice for the claims of ``document`` that checker ``name``
        failed on, naming the first reason: a run with a service down or a
        broken checker must say so in the terminal, not only in each
        result's ``error``."""
        errors = [answer.error for answer in answers if answer is not None and answer.error is not None]
        if not errors:
            return
        reasons = list(dict.fromkeys(" ".join(error.split()) for error in errors))
        others = len(reasons) - 1
        more = f" (and {others} other error{'s' if others != 1 else ''})" if others else ""
        self.notice(f"warning: checker '{name}' failed on {len(errors)} of {checked} claim{'s' if checked != 1 else ''} "
                    f"of {document.location}: {reasons[0]}{more}")

    async def _make_calls(
        self, calls: Iterator[tuple[int, str, Checker, Claim, CheckContext]], answers: list[CheckResult | None],
        semaphore: asyncio.Semaphore, result: RunResult,
    ) -> None:
        """Make ``calls`` one after another in this task, each answer in its
        slot of ``answers``, and return when every one has ended.

        Most checks end without waiting for anything (offline checkers), and
        a task per call would cost more than the check. A call that does
        wait (for I/O, a lock, a timer) keeps the task it started in until it
        ends, under the per-call timeout; the calls after it go on at once in
        a new task. So a check never moves from one task to another (a
        timeout or cancel scope it opens stays with its task), and checks
        that wait still overlap up to the concurrency limit.
        """
        continuations: list[asyncio.Task[None]] = []
        try:
            await self._call_until_one_waits(calls, answers, semaphore, result, continuations)
            for task in continuations:  # a continuation appends the one it starts before it ends
                await task
        except BaseException:
            for task in continuations:
                task.cancel()
            raise

    async def _call_until_one_waits(
        self, calls: Iterator[tuple[int, str, Checker, Claim, CheckContext]], answers: list[CheckResult | None],
        semaphore: asyncio.Semaphore, result: RunResult, continuations: list[asyncio.Task[None]],
    ) -> None:
        handed_over = False

        def hand_over() -> None:
            nonlocal handed_over
            handed_over = True
            continuations.append(asyncio.create_task(
                self._call_until_one_waits(calls, answers, semaphore, result, continuations)))

        for slot, name, checker, claim, ctx in calls:
            answers[slot] = await self._call_checker(name, checker, claim, ctx, semaphore, result, hand_over)
            if handed_over:
                return

    async def _call_checker(
        self, name: str, checker: Checker, claim: Claim, ctx: CheckContext,
        semaphore: asyncio.Semaphore, result: RunResult, on_wait: Callable[[], None],
    ) -> CheckResult | None:
        stats = result.stats[name]
        if self.store is not None and checker.cache_results and not self.refresh:
            cached = self.store.cached_result(name, checker.version, self.config_hashes[name], claim.id)
            if cached is not None:
                stats.cache_hits += 1
                return cached.model_copy(update={"cached": True})
        # acquire and release rather than ``async with``, whose enter and exit are two
        # more coroutines per call (most checks take a few microseconds)
        await semaphore.acquire()
        try:
            if name in result.unavailable:
                return None
            stats.calls += 1
            started = time.perf_counter()
            error: str | None = None
            plugin_bug = True  # unless the checker reported the failure itself
            answer: Any = None
            try:
                answer = await self._check(name, checker, claim, ctx, on_wait)
            except CheckerUnavailable as exc:
                if name not in result.unavailable:
                    result.unavailable[name] = str(exc)
                    self.notice(f"checker '{name}' unavailable: {exc}")
                stats.calls -= 1
                return None
            except (asyncio.TimeoutError, TimeoutError):
                error = f"timed out after {self.settings.timeout:g} s"
            except RegistryError as exc:
                error = str(exc) or type(exc).__name__
                plugin_bug = False
            except Exception as exc:  # a checker bug must not stop the run
                error = f"{type(exc).__name__}: {exc}"
            elapsed = (time.perf_counter() - started) * 1000
            stats.seconds += elapsed / 1000
        finally:
            semaphore.release()
        if error is None and answer is not None and not isinstance(answer, CheckResult):
            error = f"returned {type(answer).__name__}, not a CheckResult or None"
        if error is not None:
            stats.errors += 1
            if plugin_bug and name not in self._reported_checkers:
                # once per checker and run; every failure is in its CheckResult.error
                self._reported_checkers.add(name)
                self.pm.problem(f"checker '{name}' of {self.pm.describe(self.checker_plugins[name])}: "
                                f"{' '.join(error.split())} (claim {claim.id})")
            return CheckResult(checker=name, version=checker.version, error=error, elapsed_ms=round(elapsed, 2))
        if answer is None:
            return None
        return answer.model_copy(update={
            "checker": name, "version": checker.version, "elapsed_ms": round(elapsed, 2),
        })

    async def _check(
        self, name: str, checker: Checker, claim: Claim, ctx: CheckContext, on_wait: Callable[[], None],
    ) -> Any:
        """``checker.check(claim, ctx)`` in a context of its own, in which
        :data:`current_checker` names the checker (HTTP counts go to it).
        Its first step runs here and now; if it waits, ``on_wait`` hands the
        remaining calls to a new task, and the rest of the check runs in this
        one under the per-call timeout, which counts from the start."""
        deadline = asyncio.get_running_loop().time() + self.settings.timeout
        context = contextvars.copy_context()
        context.run(current_checker.set, name)
        context.run(call_deadline.set, deadline)
        coroutine = context.run(checker.check, claim, ctx)
        if not isinstance(coroutine, types.CoroutineType):
            coroutine = _awaiting(coroutine)  # whatever ``await`` makes of it, errors included
        try:
            awaited = context.run(coroutine.send, None)
        except StopIteration as done:
            return done.value
        on_wait()
        async with asyncio.timeout_at(deadline):
            return await _resume(coroutine, context, awaited)


async def _awaiting(awaitable: Any) -> Any:
    return await awaitable


@types.coroutine
def _resume(coroutine: Coroutine[Any, Any, Any], context: contextvars.Context, awaited: Any) -> Generator[Any, Any, Any]:
    """Go on running ``coroutine``, which waits for ``awaited`` after its
    first step, in ``context``: what the task sends or throws in (a result,
    a cancellation) goes to the coroutine, what it waits for goes to the task."""
    while True:
        try:
            sent = yield awaited
        except GeneratorExit:
            coroutine.close()
            raise
        except BaseException as exc:  # noqa: BLE001 - the coroutine decides what it catches
            step, value = coroutine.throw, exc
        else:
            step, value = coroutine.send, sent
        try:
            awaited = context.run(step, value)
        except StopIteration as done:
            return done.value
