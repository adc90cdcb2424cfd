"""The ``consistency`` checker: does the rest of the record agree?

Offline. For each claim it looks at the other appearances of the same or a
near-identical claim and at other figures for the same quantity, in this
run's documents (``ctx.corpus``) and in the registry (``ctx.store``):

- the same claim in another outlet is *corroboration*: ``supports`` when the
  other outlet states it as fact or attributes it to someone else,
  ``neutral`` when it only relays the same claimant;
- a figure for the same quantity (see :mod:`.figures`) from another claimant
  whose range does not overlap this claim's (see :mod:`.intervals`) is a
  *conflict*: the result is ``conflicting_evidence`` with both figures, their
  claimants and documents as evidence;
- a claim whose only source is an interested party (an estimate or
  allegation by an organisation of one party named in the document about
  another party named there) is flagged in the explanation and as
  ``interested_party`` evidence: a signal, never a verdict.

Repetition is not verification, so corroboration alone sets no status.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain
from typing import Any, TypeVar

from pydantic import BaseModel, Field

from registry import Checker, CheckResult, Claim, CheckContext, Document, Evidence, Stance, Status, hookimpl

from .figures import (
    Figure, Sighting, comparable, content_words, figures_of, fold_name, names_the_same, proper_names, same_measure,
    same_name, subject_names, subject_of, units_compatible,
)

__all__ = ["ConsistencyChecker"]

INTERESTED_MODALITIES = frozenset({"estimate", "allegation"})
# Content-word overlap (Dice) below which two claims are not worth the full
# similarity: near-identical claims share far more of their words.
PREFILTER_DICE = 0.5
# The most word-sharing wordings scored per claim: keeps a run linear when
# many claims are worded alike (a series of similar reports).
MAX_SIMILARITY_CANDIDATES = 25
# Words in an organisation's name that say what kind of body it is, not whose.
_INSTITUTION_WORDS = frozenset(fold_name(w) for w in """
ministry ministries department office press service services command army forces force government
agency council committee institute institution project group bureau authority administration
defense defence general staff headquarters spokesman spokeswoman spokesperson the of for and
""".split())
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'’-]+")
_T = TypeVar("_T")


class ConsistencyChecker(Checker):
    """Corroboration, conflicting figures and interested-party signals."""

    name = "consistency"
    version = "1"
    # The answer depends on the other documents of the run and the registry.
    cache_results = False

    class Config(BaseModel):
        near_duplicate: float = Field(
            default=0.75, ge=0, le=1,
            description="Claim similarity (registry.similarity) from which another claim counts as the same claim.",
        )
        tolerance: float = Field(
            default=0.1, ge=0, lt=1, description="Relative spread of 'about X' (and nearly/just over X).",
        )
        agreement: float = Field(
            default=0.1, ge=0, lt=1,
            description="Two figures within this relative difference, ranges overlapping, agree.",
        )
        max_candidates: int = Field(
            default=500, ge=1, description="Registry appearances with quantities compared per run.",
        )
        max_evidence: int = Field(
            default=5, ge=1,
            description="Other appearances listed as evidence per claim, for corroboration and for the "
                        "other side of conflicts each; the explanation counts the rest.",
        )

    def __init__(self) -> None:
        self._memo = _RunMemo(None)

    def _memo_for(self, ctx: CheckContext) -> _RunMemo:
        """What this run has already worked out (one run: one ``ctx.corpus``)."""
        if self._memo.corpus is not ctx.corpus:
            self._memo = _RunMemo(ctx.corpus)
        return self._memo

    async def check(self, claim: Claim, ctx: CheckContext) -> CheckResult | None:
        config = ctx.config or self.Config()
        memo = self._memo_for(ctx)
        me, mine = memo.sighting_of(claim, ctx.document)
        extra = [_Repeats(s) for s in self._from_registry(claim, ctx, config, memo)]
        found = memo.matches(mine, config)
        if extra:
            alike = _worded_alike(mine.first, _relay_candidates(mine, extra, memo), config.near_duplicate, memo,
                                  skip_outlet=mine.outlet_key)
            found = found.plus(_matches(mine, alike, _figures_of_groups(extra, memo), config, memo))
        agreements = found.agreements_for(me.document)
        if me.document in found.relayed_documents:
            relays = [(group, similarity) for group, similarity in found.relays if group.count_outside(me.document)]
        else:
            relays = found.relays  # each has appearances outside this document
        # Without conflicts or agreements, and outside the documents relaying
        # it, a claim's result reads it only through its voice, unless it is
        # flagged: the other appearances of its group (a story an outlet runs
        # again and again) get the same result, worked out once.
        shared = None
        if not (found.conflicts or agreements or relays is not found.relays):
            shared = (me.voice, config.max_evidence)
            if shared in found.shared:
                independent, result = found.shared[shared]
                if independent or not memo.interested_party(me, ctx.document):
                    return result
        independent = any(not same_voice(me.voice, group.voice) for group, _ in relays + agreements)
        flag = memo.interested_party(me, ctx.document) if not independent else None
        result = self._result(me, found, relays, agreements, flag, config, memo)
        if shared is not None and not flag:
            found.shared[shared] = (independent, result)
        return result

    def _result(
        self, me: Sighting, found: _Matches, relays: list[tuple[_Repeats, float]],
        agreements: list[tuple[_Repeats, tuple[Figure, Figure, list[Sighting]]]], flag: str | None,
        config: Any, memo: _RunMemo,
    ) -> CheckResult | None:
        corroboration = _first_of_each(chain(
            (_relayed(me, group, similarity, memo) for group, similarity in relays),
            (_agreeing(me, group, mine_figure, theirs, members)
             for group, (mine_figure, theirs, members) in agreements),
        ), config.max_evidence)
        corroborating = sum(group.count_outside(me.document) for group, _ in relays) + sum(
            len(members) - (me.document in group.documents and me.document not in found.relayed_documents)
            for group, (_, _, members) in agreements
        )
        conflicts, conflicting = _conflict_evidence(me, found.conflicts, config.max_evidence, memo)
        evidence = corroboration + conflicts
        if flag:
            evidence.append(Evidence(
                kind="interested_party", stance=Stance.NEUTRAL, summary=flag,
                claimant=me.claimant, publisher=me.outlet, url=me.source.uri,
            ))
        if not evidence:
            return None
        listed_conflicting = sum(1 for e in conflicts if e.stance is Stance.REFUTES)
        explanation = _explain(
            me, relays, [group for group, _ in agreements], found.conflicts, flag,
            unlisted=[(corroborating - len(corroboration), "corroborating"),
                      (conflicting - listed_conflicting, "conflicting")],
        )
        if found.conflicts:
            return CheckResult(status=Status.CONFLICTING_EVIDENCE, confidence=0.6,
                               explanation=explanation, evidence=evidence)
        return CheckResult(status=None, confidence=0.0, explanation=explanation, evidence=evidence)

    # -- candidates ----------------------------------------------------------

    def _from_registry(self, claim: Claim, ctx: CheckContext, config: Any, memo: _RunMemo) -> list[Sighting]:
        """The registry's appearances of this claim and of claims sharing its
        words, beyond those the run already knows; the registry's figures
        join the run's memory the first time a claim states a quantity."""
        if ctx.store is None:
            return []
        if claim.quantities and not memo.registry_loaded:
            memo.add_registry(ctx.store.appearances_with_quantities(None, config.max_candidates))
        return memo.stored_beyond_run(claim, ctx.store)


# -- appearances that compare alike ----------------------------------------------


class _Repeats:
    """The appearances of one claim that compare alike (the same id and
    wording, claimant, outlet and figures: see :func:`_comparison_key`), one
    per document.

    A story republished a hundred times by one outlet is one group of a
    hundred: it is compared with the others once, and listed as evidence
    appearance by appearance only as far as ``max_evidence`` allows.
    """

    __slots__ = ("first", "members", "documents", "outlet", "outlet_key", "voice", "_figures")

    def __init__(self, first: Sighting) -> None:
        self.first = first  # an attribute, not members[0] behind a property: comparisons read it most
        self.members = [first]
        self.documents = {first.document}
        self.outlet = first.outlet
        self.outlet_key = first.outlet_key
        self.voice = first.voice
        self._figures: tuple[float, list[Figure]] | None = None

    def add(self, sighting: Sighting) -> None:
        self.members.append(sighting)
        self.documents.add(sighting.document)

    def count_outside(self, document: str) -> int:
        """How many of these appearances are in another document than ``document``."""
        return len(self.members) - (document in self.documents)

    def outside(self, document: str) -> Iterator[Sighting]:
        return (s for s in self.members if s.document != document)

    def figures(self, tolerance: float, memo: _RunMemo) -> list[Figure]:
        """The figures of the group's first appearance."""
        if self._figures is None or self._figures[0] != tolerance:
            first = self.first
            names = memo.subject_names(first) if first.quantities else []
            self._figures = (tolerance, figures_of(first, tolerance, memo.words(first.text), names))
        return self._figures[1]


def _comparison_key(s: Sighting) -> tuple[Any, ...]:
    """Everything the comparisons read from an appearance, its document aside."""
    attribution = s.attribution
    return (
        s.claim_id, s.text, s.outlet,
        attribution.speaker if attribution else None, attribution.organization if attribution else None,
        tuple((q.value, q.unit, q.qualifier, q.text, q.span.start - s.start if q.span else None)
              for q in s.quantities),
    )


@dataclass
class _Matches:
    """What one group of appearances matches among the others."""

    relays: list[tuple[_Repeats, float]] = field(default_factory=list)
    """Near-identical claims in another outlet, with their similarity."""
    conflicts: list[tuple[Figure, _Repeats, Figure]] = field(default_factory=list)
    """(this claim's figure, the other group, its figure) whose ranges do not overlap."""
    agreements: list[tuple[Figure, _Repeats, Figure]] = field(default_factory=list)
    """(this claim's figure, the other group, its figure) that agree, in another outlet."""
    _agreeing: list[tuple[_Repeats, tuple[Figure, Figure, list[Sighting]]]] | None = None
    _relayed: set[str] | None = None
    shared: dict[tuple[str, int], tuple[bool, CheckResult | None]] = field(default_factory=dict)
    """Results that read the checked claim only through its voice (see
    :meth:`ConsistencyChecker.check`), by voice and ``max_evidence``, each
    with whether another voice corroborates it."""

    def plus(self, other: _Matches) -> _Matches:
        return _Matches(self.relays + other.relays, self.conflicts + other.conflicts,
                        self.agreements + other.agreements)

    @property
    def relayed_documents(self) -> set[str]:
        if self._relayed is None:
            self._relayed = set().union(*(group.documents for group, _ in self.relays))
        return self._relayed

    def agreements_for(self, document: str) -> list[tuple[_Repeats, tuple[Figure, Figure, list[Sighting]]]]:
        """Each agreeing group with its first agreeing pair of figures and
        the appearances it counts for: those in documents no relay comes
        from (a document relaying the claim already corroborates it); a
        group with none outside ``document`` is left out."""
        if self._agreeing is None:
            self._agreeing = []
            seen: set[int] = set()
            for mine, group, theirs in self.agreements:
                if id(group) in seen:
                    continue
                seen.add(id(group))
                members = [s for s in group.members if s.document not in self.relayed_documents]
                if members:
                    self._agreeing.append((group, (mine, theirs, members)))
        return [
            (group, found) for group, found in self._agreeing
            if len(found[2]) > 1 or found[2][0].document != document
        ]


def _relay_candidates(mine: _Repeats, groups: list[_Repeats], memo: _RunMemo) -> list[_Repeats]:
    """Of ``groups``, those with the same claim id or sharing enough content words to be scored."""
    words = memo.words(mine.first.text)
    return [
        g for g in groups
        if g.first.claim_id == mine.first.claim_id or _dice(words, memo.words(g.first.text)) >= PREFILTER_DICE
    ]


def _worded_alike(
    me: Sighting, candidates: list[_Repeats], near_duplicate: float, memo: _RunMemo, skip_outlet: str | None,
) -> list[tuple[_Repeats, float]]:
    """Of ``candidates``, each group once, those whose wording is the same
    claim as ``me``'s (its id, or a similarity of at least ``near_duplicate``),
    with that similarity, in order; groups of ``skip_outlet`` are left out
    unscored. It reads only ``me``'s wording, so the groups of one wording
    (a story in many outlets) share it."""
    alike = []
    seen: set[int] = set()
    for other in candidates:
        if id(other) in seen or other.outlet_key == skip_outlet:
            continue
        seen.add(id(other))
        similarity = 1.0 if other.first.claim_id == me.claim_id else memo.similarity(me.text, other.first.text)
        if similarity >= near_duplicate:
            alike.append((other, similarity))
    return alike


def _figures_of_groups(
    groups: list[_Repeats], memo: _RunMemo,
) -> Callable[[Figure, float], list[tuple[Figure, _Repeats]]]:
    def candidates(figure: Figure, tolerance: float) -> list[tuple[Figure, _Repeats]]:
        return [(theirs, g) for g in groups for theirs in g.figures(tolerance, memo) if comparable(figure, theirs)]
    return candidates


def _matches(
    mine: _Repeats, relay_candidates: list[tuple[_Repeats, float]],
    figure_candidates: Callable[[Figure, float], list[tuple[Figure, _Repeats]]], config: Any, memo: _RunMemo,
) -> _Matches:
    """Compare one group with candidate groups: the same claim in another
    outlet (a relay: ``relay_candidates`` gives the groups worded alike, with
    their similarity, see :func:`_worded_alike`), and figures for the same quantity (``figure_candidates``
    gives the figures :func:`comparable` with one of this group's, with their
    groups, in the order they were first seen). A conflict needs
    another claimant; an agreement needs another outlet (then its claimant
    decides supports or relays)."""
    found = _Matches()
    outlet = mine.outlet_key
    found.relays = [(other, similarity) for other, similarity in relay_candidates if other.outlet_key != outlet]
    # The loop below runs for every pair of figures about one subject: what
    # it reads from the config and this group is looked up once.
    tolerance, agreement, voice = config.tolerance, config.agreement, mine.voice
    conflicts, agreements = found.conflicts, found.agreements
    for a in mine.figures(tolerance, memo):
        interval = a.interval
        for b, other in figure_candidates(a, tolerance):
            if other is mine or not same_measure(a, b):
                continue
            if not interval.overlaps(b.interval):
                if not same_voice(voice, other.voice):  # one claimant twice is not a second opinion
                    conflicts.append((a, other, b))
            elif other.outlet_key != outlet and _close(a, b, agreement):
                agreements.append((a, other, b))
    return found


# -- the run's memory ------------------------------------------------------------


class _RunMemo:
    """Per-run memory, so that a claim is compared with the others through
    indexes rather than one by one: every appearance this run knows (its
    documents' claims, then the registry's figures) in groups that compare
    alike (:class:`_Repeats`), each group's matches worked out once, each
    wording's words and features once, figures by subject and wordings by
    word."""

    def __init__(self, corpus: Any) -> None:
        self.corpus = corpus
        self.known: dict[tuple[str, str], Sighting] = {}
        self.registry_loaded = False
        # (claim id, text) -> what the registry held beyond the run when first asked
        self._stored: dict[tuple[str, str], list[Sighting]] = {}
        self._groups: dict[tuple[Any, ...], _Repeats] = {}
        self._by_wording: dict[tuple[str, str], list[_Repeats]] = {}
        # Wordings by rank (the order first seen) with their number of
        # content words, and one posting (word id, wording rank) per content
        # word of each: the arrays similar_wordings counts are made from them.
        self._wordings: list[tuple[str, str]] = []
        self._wording_sizes: list[int] = []
        self._word_ids: dict[str, int] = {}
        self._posting_words: list[int] = []
        self._posting_ranks: list[int] = []
        self._postings: _Postings | None = None
        self._wordings_by_id: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._words: dict[str, set[str]] = {}
        self._features: dict[str, Any] = {}
        # (wording, other wording) -> their similarity: each group of a wording asks again
        self._similarity: dict[tuple[str, str], float] = {}
        self._by_subject: dict[str, list[tuple[Figure, _Repeats]]] | None = None
        # subject -> the figures whose subject is the same name, while _by_subject stands
        self._subject_matches: dict[str, list[tuple[Figure, _Repeats]]] = {}
        # (subject, unit) -> what comparable_figures answers for a figure with that unit
        self._comparable: dict[tuple[str, str], list[tuple[Figure, _Repeats]]] = {}
        self._tolerance: float | None = None
        self._matches: dict[tuple[int, float, float, float], _Matches] = {}
        # (claim id, wording) -> what similar_wordings answers for it: the same for each
        # group of a wording (a story in several outlets), while no appearance is added
        self._similar: dict[tuple[str, str], list[_Repeats]] = {}
        # (claim id, wording, near_duplicate, outlet left out) -> what worded_alike answers for it, while no
        # appearance is added; and the outlets (case-folded) of each wording's groups
        self._alike: dict[tuple[str, str, float, str | None], list[tuple[_Repeats, float]]] = {}
        self._wording_outlets: dict[tuple[str, str], set[str]] = defaultdict(set)
        # (document text, organisation) -> the text without the organisation, names asked about
        self._outside: dict[tuple[str, str], tuple[str, dict[str, bool]]] = {}
        # (wording, speaker, organisation) -> subject_names: asked again for each appearance of a claim
        self._subject_names: dict[tuple[str, str | None, str | None], list[tuple[int, str]]] = {}
        # id(claim) -> (claim, its document, its sighting and group), for the claims of the run
        self._claims: dict[int, tuple[Claim, Document, Sighting, _Repeats]] = {}
        # Evidence about an appearance is the same whichever claim lists it;
        # each entry keeps the objects its key names alive, so no id is reused.
        self._evidence: dict[tuple[Any, ...], tuple[Any, Any, Evidence]] = {}
        for document, claims in corpus or ():
            for claim in claims:
                sighting = _sighting_of_claim(claim, document)
                group = self._add(sighting)
                if group is not None:
                    self._claims[id(claim)] = (claim, document, sighting, group)

    def sighting_of(self, claim: Claim, document: Document) -> tuple[Sighting, _Repeats]:
        """The appearance of ``claim`` in ``document`` and its group (see
        :meth:`repeats_of`); for a claim of the run, the ones made when the run began."""
        known = self._claims.get(id(claim))
        if known is not None and known[0] is claim and known[1] is document:
            return known[2], known[3]
        sighting = _sighting_of_claim(claim, document)
        return sighting, self.repeats_of(sighting)

    def evidence(self, first: Any, second: Any, detail: Any, make: Callable[[], Evidence]) -> Evidence:
        """``make()``, made once per ``first``, ``second`` and ``detail``."""
        key = (id(first), id(second), detail)
        found = self._evidence.get(key)
        if found is None:
            found = self._evidence[key] = (first, second, make())
        return found[2]

    def _add(self, sighting: Sighting) -> _Repeats | None:
        """Put ``sighting`` in its group, and return the group; None for an appearance already known."""
        if sighting.key in self.known:
            return None
        self.known[sighting.key] = sighting
        key = _comparison_key(sighting)
        group = self._groups.get(key)
        if group is not None:
            group.add(sighting)
        else:
            group = self._groups[key] = _Repeats(sighting)
            wording = (sighting.claim_id, sighting.text)
            if wording not in self._by_wording:
                self._by_wording[wording] = []
                rank = len(self._wordings)
                words = self.words(sighting.text)
                self._wordings.append(wording)
                self._wording_sizes.append(len(words))
                self._wordings_by_id[sighting.claim_id].append(wording)
                word_ids = self._word_ids
                for word in words:
                    self._posting_words.append(word_ids.setdefault(word, len(word_ids)))
                    self._posting_ranks.append(rank)
                self._postings = None
            self._by_wording[wording].append(group)
            self._wording_outlets[wording].add(group.outlet_key)
            self._by_subject = None
        self._matches.clear()  # a new appearance can be anyone's match
        self._similar.clear()
        self._alike.clear()
        return group

    def stored_beyond_run(self, claim: Claim, store: Any) -> list[Sighting]:
        """The registry's appearances of ``claim`` and of the claims sharing
        its words that the run does not know, read once per wording: what
        the registry gains while the run goes on is the run's own documents,
        which the run knows (another process storing the same wording
        meanwhile is seen by the next run). Re-checking a story an outlet
        runs again and again read the same appearances for each copy, most
        of a `registry check` with the store."""
        wording = (claim.id, claim.text)
        found = self._stored.get(wording)
        if found is None:
            extra: dict[tuple[str, str], Sighting] = {}
            for appearance in [*store.appearances(claim.id), *store.search_appearances(claim.text, 20)]:
                sighting = _sighting_of_appearance(appearance)
                extra.setdefault(sighting.key, sighting)
            found = self._stored[wording] = list(extra.values())
        # Filtered on each use: the registry's figures may have joined the run since.
        return [sighting for sighting in found if sighting.key not in self.known]

    def add_registry(self, appearances: list[Any]) -> None:
        for appearance in appearances:
            self._add(_sighting_of_appearance(appearance))
        self.registry_loaded = True

    def repeats_of(self, sighting: Sighting) -> _Repeats:
        """The group ``sighting`` belongs to; a group of its own when the run does not know it."""
        group = self._groups.get(_comparison_key(sighting))
        return group if group is not None and sighting.document in group.documents else _Repeats(sighting)

    def matches(self, group: _Repeats, config: Any) -> _Matches:
        """What ``group`` matches among the run's appearances, worked out once
        per group of the run."""
        key = (id(group), config.near_duplicate, config.tolerance, config.agreement)
        found = self._matches.get(key)
        if found is None:
            found = _matches(group, self.worded_alike(group, config.near_duplicate), self.comparable_figures,
                             config, self)
            if self._groups.get(_comparison_key(group.first)) is group:
                self._matches[key] = found
        return found

    def words(self, text: str) -> set[str]:
        if text not in self._words:
            self._words[text] = content_words(text)
        return self._words[text]

    def subject_names(self, sighting: Sighting) -> list[tuple[int, str]]:
        """:func:`.figures.subject_names`, which reads only the wording and its claimant."""
        attribution = sighting.attribution
        key = (sighting.text, attribution.speaker if attribution else None,
               attribution.organization if attribution else None)
        if key not in self._subject_names:
            self._subject_names[key] = subject_names(sighting)
        return self._subject_names[key]

    def features(self, text: str) -> Any:
        """The text features :func:`registry.similarity.claim_similarity` compares."""
        from registry.similarity import analyse

        if text not in self._features:
            self._features[text] = analyse(text)
        return self._features[text]

    def similarity(self, text: str, other: str) -> float:
        """:func:`registry.similarity.claim_similarity` of two wordings, in this
        order: the reverse pair is worked out on its own, as the float sums
        behind the score may come out differently in the last digit."""
        from registry.similarity import claim_similarity

        key = (text, other)
        if key not in self._similarity:
            self._similarity[key] = claim_similarity(self.features(text), self.features(other))
        return self._similarity[key]

    def comparable_figures(self, figure: Figure, tolerance: float) -> list[tuple[Figure, _Repeats]]:
        """The run's figures :func:`comparable` with ``figure``, with their groups."""
        subject = figure.subject
        if not subject:
            return []
        if self._by_subject is None or self._tolerance != tolerance:
            self._tolerance = tolerance
            self._by_subject = defaultdict(list)
            self._subject_matches = {}
            self._comparable = {}
            for group in self._groups.values():
                for theirs in group.figures(tolerance, self):
                    if theirs.subject:
                        self._by_subject[theirs.subject[:4]].append((theirs, group))
        named = self._subject_matches.get(subject)
        if named is None:
            named = self._subject_matches[subject] = [
                (f, g) for f, g in self._by_subject.get(subject[:4], ()) if same_name(f.subject, subject)]
        if figure.unit_key is None:  # a bare number: its claim's words decide what it counts
            return [(f, g) for f, g in named if units_compatible(figure, f)]
        # A figure with a unit is compatible with another by its unit alone
        # (units_compatible), so the answer is shared by its subject's figures
        # with that unit: most of the figures named are of other units.
        key = (subject, figure.quantity.unit)
        found = self._comparable.get(key)
        if found is None:
            found = self._comparable[key] = [(f, g) for f, g in named if units_compatible(figure, f)]
        return found

    def similar_wordings(self, sighting: Sighting) -> list[_Repeats]:
        """The groups worded like ``sighting``: those with its claim id, and
        those of the :data:`MAX_SIMILARITY_CANDIDATES` wordings that share
        the most of its content words, at least :data:`PREFILTER_DICE`
        (Dice coefficient); among equals, the first seen first."""
        wording = (sighting.claim_id, sighting.text)
        found = self._similar.get(wording)
        if found is None:
            found = self._similar[wording] = self._worded_like(sighting)
        return found

    def worded_alike(self, group: _Repeats, near_duplicate: float) -> list[tuple[_Repeats, float]]:
        """:func:`_worded_alike` of :meth:`similar_wordings`: the run's groups
        that carry the same claim as ``group``, worked out once per wording.
        Those of the group's own outlet are needed only when the wording is
        in another outlet too (a story republished elsewhere); on distinct
        text it rarely is, and scoring them would be wasted."""
        sighting = group.first
        wording = (sighting.claim_id, sighting.text)
        outlets = self._wording_outlets.get(wording, ())
        alone = all(outlet == group.outlet_key for outlet in outlets)  # no other outlet asks
        skip_outlet = group.outlet_key if alone else None
        key = (*wording, near_duplicate, skip_outlet)
        found = self._alike.get(key)
        if found is None:
            found = self._alike[key] = _worded_alike(
                sighting, self.similar_wordings(sighting), near_duplicate, self, skip_outlet)
        return found

    def _worded_like(self, sighting: Sighting) -> list[_Repeats]:
        """:meth:`similar_wordings`, worked out."""
        words = self.words(sighting.text)
        if self._postings is None:
            self._postings = _Postings(
                self._posting_words, self._posting_ranks, len(self._word_ids), self._wording_sizes)
        ranks = self._postings.similar(
            [self._word_ids[word] for word in words if word in self._word_ids], len(words),
            PREFILTER_DICE, MAX_SIMILARITY_CANDIDATES)
        wordings = self._wordings_by_id.get(sighting.claim_id, []) + [self._wordings[rank] for rank in ranks]
        return [group for wording in dict.fromkeys(wordings) for group in self._by_wording[wording]]

    def interested_party(self, me: Sighting, document: Document) -> str | None:
        """:func:`interested_party`, answering each question about a document's names once."""
        def named_outside(text: str, organisation: str, name: str) -> bool:
            key = (text, organisation)
            if key not in self._outside:
                self._outside[key] = (_outside(text, organisation), {})
            outside, answers = self._outside[key]
            if name not in answers:
                answers[name] = names_the_same(outside, name)
            return answers[name]

        def subject(sighting: Sighting, position: int) -> str | None:
            return subject_of(sighting, position, self.subject_names(sighting))

        return interested_party(me, document, named_outside, subject)


class _Postings:
    """The run's wordings by content word, as arrays: the wordings that
    share words with a claim are counted in one pass over the postings of
    its words, with every word counted (an exact count, so no candidate
    needs its words compared) at the speed of compiled code. Scanning the
    postings in Python cost most of a run of distinct text: words such as
    "people" or "country" are in a large share of the run's wordings."""

    def __init__(self, posting_words: list[int], posting_ranks: list[int], vocabulary: int, sizes: list[int]) -> None:
        import numpy as np

        words = np.array(posting_words, dtype=np.int64)
        order = np.argsort(words, kind="stable")
        self.ranks = np.array(posting_ranks, dtype=np.int64)[order]
        # the postings of word id i are ranks[starts[i]:starts[i + 1]]
        self.starts = np.concatenate(([0], np.cumsum(np.bincount(words, minlength=vocabulary))))
        self.sizes = np.array(sizes, dtype=np.int64)

    def similar(self, word_ids: list[int], size: int, dice: float, limit: int) -> list[int]:
        """The ranks of the wordings that share at least ``dice`` (Dice
        coefficient) of their content words with ``size`` words, these
        ``word_ids`` among them: the ``limit`` that share the most, among
        equals the first seen first."""
        import numpy as np

        if not word_ids:
            return []
        starts = self.starts
        found = np.concatenate([self.ranks[starts[i]:starts[i + 1]] for i in word_ids])
        ranks, shared = np.unique(found, return_counts=True)
        passing = 2 * shared >= dice * (size + self.sizes[ranks])
        ranks, shared = ranks[passing], shared[passing]
        return ranks[np.lexsort((ranks, -shared))[:limit]].tolist()


def _first_of_each(streams: Iterable[Iterable[_T]], limit: int) -> list[_T]:
    """Up to ``limit`` items, taken from each stream in turn (the first of
    each, then the second of each ...), and listed in stream order. A stream
    is started only when the first round reaches it: a claim can have
    hundreds (every group relaying it), and most lists fill up in the first
    round."""
    taken: list[list[_T]] = []
    going: list[tuple[Iterator[_T], list[_T]]] = []  # streams not yet exhausted, with their items
    total = 0
    for stream in streams:
        if total >= limit:
            break
        iterator = iter(stream)
        item = next(iterator, None)
        if item is not None:
            taken.append([item])
            going.append((iterator, taken[-1]))
            total += 1
    while total < limit and going:
        still = []
        for iterator, items in going:
            if total >= limit:
                break
            item = next(iterator, None)
            if item is not None:
                items.append(item)
                still.append((iterator, items))
                total += 1
        going = still
    return [item for items in taken for item in items]


def _stance(me: Sighting, other: _Repeats) -> Stance:
    return Stance.NEUTRAL if same_voice(me.voice, other.voice) else Stance.SUPPORTS


def _of(figure: Figure, sighting: Sighting) -> Figure:
    """``figure`` as it appears in ``sighting``, another appearance of its group."""
    return figure if figure.sighting is sighting else replace(figure, sighting=sighting)


def _document_key(uri: str | None, fallback: str) -> str:
    return uri or fallback


def _sighting_of_claim(claim: Claim, document: Document) -> Sighting:
    return Sighting(
        claim_id=claim.id, text=claim.text, start=claim.span.start, quantities=list(claim.quantities),
        attribution=claim.attribution, source=document.source,
        document=_document_key(document.source.uri, document.location),
    )


def _sighting_of_appearance(appearance: Any) -> Sighting:
    return Sighting(
        claim_id=appearance.claim_id, text=appearance.text, start=appearance.span.start,
        quantities=list(appearance.quantities), attribution=appearance.attribution, source=appearance.source,
        document=_document_key(appearance.source.uri, appearance.source.title or "registry"),
    )


@lru_cache(maxsize=4096)
def same_voice(a: str | None, b: str | None) -> bool:
    """Whether two claimant names name the same claimant: every word of the
    shorter name matches a word of the longer ("Russia's Defense Ministry" =
    "Russian Defense Ministry")."""
    if not a or not b:
        return a == b
    words_a = [fold_name(w) for w in re.findall(r"[\w'’]+", a)]
    words_b = [fold_name(w) for w in re.findall(r"[\w'’]+", b)]
    shorter, longer = sorted((words_a, words_b), key=len)
    return bool(shorter) and all(any(w == v or same_name(w, v) for v in longer) for w in shorter)


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def _close(a: Figure, b: Figure, agreement: float) -> bool:
    x, y = a.quantity.value, b.quantity.value
    return abs(x - y) <= agreement * max(abs(x), abs(y))


# -- interested parties --------------------------------------------------------


def _outside(text: str, organisation: str) -> str:
    """``text`` without the mentions of ``organisation``."""
    return text.replace(organisation, " ")


def _named_outside(text: str, organisation: str, name: str) -> bool:
    """Whether ``text`` names ``name`` (folded) outside the mentions of ``organisation``."""
    return names_the_same(_outside(text, organisation), name)


def interested_party(
    me: Sighting, document: Document, named_outside: Callable[[str, str, str], bool] = _named_outside,
    subject: Callable[[Sighting, int], str | None] = subject_of,
) -> str | None:
    """Why this claim's only source is an interested party, or None.

    The claimant is an organisation whose name carries a party (a name,
    such as "Russian", that the document also uses outside the claimant's
    name), the claim is an estimate or allegation, and it is about another
    party named in the document.
    """
    attribution = me.attribution
    if attribution is None or attribution.modality not in INTERESTED_MODALITIES or not attribution.organization:
        return None
    organisation = attribution.organization
    candidates = [word for word in _CAPITALISED.findall(organisation) if fold_name(word) not in _INSTITUTION_WORDS]
    subjects = [subject(me, me.text.find(q.text)) for q in me.quantities] or [subject(me, 0)]
    # Reading the document's names costs the most: first make sure that some
    # candidate party would leave a subject for the claim to be about.
    if not any(s and not same_name(s, fold_name(word)) for word in candidates for s in subjects):
        return None
    parties = [word for word in candidates if named_outside(document.text, organisation, fold_name(word))]
    if not parties:
        return None
    party = fold_name(parties[0])
    about = next((s for s in subjects if s and not same_name(s, party)), None)
    if about is None or not named_outside(document.text, organisation, about):
        return None
    about_word = next((w for _, w in proper_names(me.text) if fold_name(w) == about), about)
    return (
        f"only source: {organisation} ({attribution.modality}), an organisation of a party named in "
        f"this document ({parties[0]}), about another party named here ({about_word}); "
        "an interested party's figure needs independent confirmation"
    )


# -- evidence and explanation --------------------------------------------------


def _where(s: Sighting) -> str:
    return f"{s.outlet}, {s.source.uri or s.document}"


def _corroboration(other: Sighting, stance: Stance, similarity: float) -> Evidence:
    how = (f"relays the same claimant ({other.claimant})" if stance is Stance.NEUTRAL
           else f"attributes it to {other.claimant}" if other.claimant else "states it as fact")
    return Evidence(
        kind="corroboration", stance=stance,
        summary=f"{other.outlet} carries the same claim and {how}: \"{other.text}\"",
        url=other.source.uri, publisher=other.outlet, date=other.source.published, claimant=other.claimant,
        source=other.source, data={"similarity": round(similarity, 3), "document": other.document,
                                   "claim_id": other.claim_id},
    )


def _relayed(me: Sighting, group: _Repeats, similarity: float, memo: _RunMemo) -> Iterator[Evidence]:
    """The evidence of each appearance of a relaying group outside this claim's
    document, worked out as it is taken: most groups never reach max_evidence."""
    stance = _stance(me, group)
    for other in group.outside(me.document):
        yield memo.evidence(other, stance, similarity, lambda other=other: _corroboration(other, stance, similarity))


def _agreeing(
    me: Sighting, group: _Repeats, mine: Figure, theirs: Figure, members: list[Sighting],
) -> Iterator[Evidence]:
    """The evidence of each agreeing appearance outside this claim's document, worked out as it is taken."""
    stance = _stance(me, group)
    for other in members:
        if other.document != me.document:
            yield _agreeing_figure(_of(mine, me), _of(theirs, other), stance)


def _figure_data(figure: Figure) -> dict[str, Any]:
    s = figure.sighting
    return {
        "figure": figure.text, "value": figure.quantity.value, "unit": figure.quantity.unit,
        "qualifier": figure.quantity.qualifier, "interval": figure.interval.describe(),
        "claimant": s.claimant, "outlet": s.outlet, "document": s.document, "claim_id": s.claim_id,
        "claim_text": s.text,
    }


def _agreeing_figure(mine: Figure, theirs: Figure, stance: Stance) -> Evidence:
    s = theirs.sighting
    how = f"relays the same claimant's figure, {theirs.text}" if stance is Stance.NEUTRAL else (
        f"gives a matching figure, {theirs.describe()}")
    return Evidence(
        kind="corroboration", stance=stance,
        summary=f"{s.outlet} {how} ({s.voice}, {s.source.uri or s.document}): \"{s.text}\"",
        url=s.source.uri, publisher=s.outlet, date=s.source.published, claimant=s.claimant, source=s.source,
        data={"this_claim": _figure_data(mine), "other": _figure_data(theirs)},
    )


def _conflict_evidence(
    me: Sighting, conflicts: list[tuple[Figure, _Repeats, Figure]], limit: int, memo: _RunMemo,
) -> tuple[list[Evidence], int]:
    """Both sides of the conflicts, each figure once, with its claimant and
    document: this claim's figures, then the other side's appearances, at
    most ``limit`` of them, taken from each group in turn; and how many
    other-side appearances there are in all."""
    mine: dict[str, Figure] = {}
    theirs: dict[tuple[int, str], tuple[_Repeats, Figure]] = {}
    for a, group, b in conflicts:
        mine.setdefault(a.text, a)
        theirs.setdefault((id(group), b.text), (group, b))
    listed = _first_of_each((_other_side(me, group, b, memo) for group, b in theirs.values()), limit)
    total = sum(
        len(group.members) - (me.document in group.documents and group.first.claim_id == me.claim_id)
        for group, _ in theirs.values()
    )
    return [_conflict(_of(a, me), Stance.NEUTRAL, "this claim") for a in mine.values()] + listed, total


def _other_side(me: Sighting, group: _Repeats, figure: Figure, memo: _RunMemo) -> Iterator[Evidence]:
    return (memo.evidence(figure, other, "other side",
                          lambda other=other: _conflict(_of(figure, other), Stance.REFUTES, "other side"))
            for other in group.members if other.key != me.key)


def _conflict(figure: Figure, stance: Stance, role: str) -> Evidence:
    s = figure.sighting
    return Evidence(
        kind="conflict", stance=stance,
        summary=f"{role}: {s.voice} says {figure.describe()} ({_where(s)}): \"{s.text}\"",
        url=s.source.uri, publisher=s.outlet, date=s.source.published, claimant=s.claimant, source=s.source,
        data={**_figure_data(figure), "side": role},
    )


def _explain(
    me: Sighting, relays: list[tuple[_Repeats, float]], agreeing: list[_Repeats],
    conflicts: list[tuple[Figure, _Repeats, Figure]], flag: str | None, unlisted: list[tuple[int, str]],
) -> str:
    parts = []
    if conflicts:
        described = "; ".join(dict.fromkeys(
            f"{me.voice} says {a.text}, {other.voice} ({other.outlet}) says {b.text}" for a, other, b in conflicts
        ))
        parts.append(f"conflicting figures for the same quantity: {described}")
    supporting: set[str] = set()  # outlets that relay another claimant, voices that agree
    relaying: set[str] = set()  # outlets that relay or agree with the same claimant
    for other, _ in relays:
        (relaying if same_voice(me.voice, other.voice) else supporting).add(other.outlet)
    for other in agreeing:
        if same_voice(me.voice, other.voice):
            relaying.add(other.outlet)
        else:
            supporting.add(other.voice)
    if supporting:
        parts.append(f"independently repeated or matched by {', '.join(sorted(supporting))}")
    if relaying:
        parts.append(f"relayed from the same claimant ({me.voice}) by {', '.join(sorted(relaying))}")
    if flag:
        parts.append(flag)
    parts += [f"{count} more {what} appearances are not listed as evidence" for count, what in unlisted if count > 0]
    return "; ".join(parts)


@hookimpl
def register_checkers(register) -> None:
    register(ConsistencyChecker())
