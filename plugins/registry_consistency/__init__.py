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
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, Field

from registry import Checker, CheckResult, Claim, CheckContext, Document, Evidence, Stance, Status, hookimpl

from .figures import (
    Figure, Sighting, content_words, figures_of, fold_name, proper_names, same_name, same_quantity, subject_of,
)

__all__ = ["ConsistencyChecker"]

INTERESTED_MODALITIES = frozenset({"estimate", "allegation"})
# Content-word overlap (Dice) below which two claims are not worth the full
# similarity: near-identical claims share far more of their words.
PREFILTER_DICE = 0.5
# The most word-sharing appearances scored per claim: keeps a run linear when
# many claims are worded alike (a series of similar reports).
MAX_SIMILARITY_CANDIDATES = 25
# Words in an organisation's name that say what kind of body it is, not whose.
_INSTITUTION_WORDS = frozenset(fold_name(w) for w in """
ministry ministries department office press service services command army forces force government
agency council committee institute institution project group bureau authority administration
defense defence general staff headquarters spokesman spokeswoman spokesperson the of for and
""".split())
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'’-]+")


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

    def __init__(self) -> None:
        self._memo = _RunMemo(None)

    def _memo_for(self, ctx: CheckContext) -> _RunMemo:
        """What this run has already worked out (one run: one ``ctx.corpus``)."""
        if self._memo.corpus is not ctx.corpus:
            self._memo = _RunMemo(ctx.corpus)
        return self._memo

    async def check(self, claim: Claim, ctx: CheckContext) -> CheckResult | None:
        config = ctx.config or self.Config()
        me = _sighting_of_claim(claim, ctx.document)
        memo = self._memo_for(ctx)
        extra = self._from_registry(claim, ctx, config, memo)
        evidence: list[Evidence] = []
        independent = False

        relays = self._same_claim_elsewhere(claim, me, extra, config, memo)
        conflicts, agreements = self._figures(me, extra, config, memo)
        relayed_documents = {other.document for other, _ in relays}
        agreements = [(a, b) for a, b in agreements if b.sighting.document not in relayed_documents]
        for other, similarity in relays:
            stance = Stance.NEUTRAL if same_voice(me.voice, other.voice) else Stance.SUPPORTS
            independent |= stance is Stance.SUPPORTS
            evidence.append(_corroboration(other, stance, similarity))
        reported: set[tuple[str, str]] = set()
        for mine, theirs in agreements:  # one piece of evidence per other appearance
            key = (theirs.sighting.document, theirs.sighting.claim_id)
            if key in reported:
                continue
            reported.add(key)
            stance = Stance.NEUTRAL if same_voice(me.voice, theirs.sighting.voice) else Stance.SUPPORTS
            independent |= stance is Stance.SUPPORTS
            evidence.append(_agreeing_figure(mine, theirs, stance))
        evidence.extend(_conflict_evidence(conflicts))

        flag = interested_party(me, ctx.document) if not independent else None
        if flag:
            evidence.append(Evidence(
                kind="interested_party", stance=Stance.NEUTRAL, summary=flag,
                claimant=me.claimant, publisher=me.outlet, url=me.source.uri,
            ))
        if not evidence:
            return None
        explanation = _explain(me, relays, agreements, conflicts, flag)
        if conflicts:
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
        stored = list(ctx.store.appearances(claim.id)) + list(ctx.store.search_appearances(claim.text, 20))
        extra: dict[tuple[str, str], Sighting] = {}
        for appearance in stored:
            sighting = _sighting_of_appearance(appearance)
            if sighting.key not in memo.known:
                extra.setdefault(sighting.key, sighting)
        return list(extra.values())

    def _same_claim_elsewhere(
        self, claim: Claim, me: Sighting, extra: list[Sighting], config: Any, memo: _RunMemo,
    ) -> list[tuple[Sighting, float]]:
        from registry.similarity import claim_similarity

        words = content_words(claim.text)
        candidates = memo.sharing_words(words, PREFILTER_DICE) + [
            o for o in extra if _dice(words, content_words(o.text)) >= PREFILTER_DICE
        ] + memo.with_id(claim.id) + [o for o in extra if o.claim_id == claim.id]
        found, seen = [], set()
        mine = memo.features(me)
        for other in candidates:
            if other.key in seen or other.document == me.document or _same_outlet(me, other):
                continue
            seen.add(other.key)
            similarity = 1.0 if other.claim_id == claim.id else claim_similarity(mine, memo.features(other))
            if similarity >= config.near_duplicate:
                found.append((other, similarity))
        return found

    def _figures(
        self, me: Sighting, extra: list[Sighting], config: Any, memo: _RunMemo,
    ) -> tuple[list[tuple[Figure, Figure]], list[tuple[Figure, Figure]]]:
        """(conflicts, agreements) between this claim's figures and the
        others' with the same subject. A conflict needs another claimant; an
        agreement needs another outlet (then its claimant decides supports
        or relays)."""
        conflicts, agreements = [], []
        extra_figures = [f for o in extra for f in figures_of(o, config.tolerance)]
        for a in memo.figures(me, config.tolerance):
            for b in memo.same_subject(a.subject, config.tolerance) + extra_figures:
                other = b.sighting
                if other.key == me.key or not same_quantity(a, b):
                    continue
                same_claimant = same_voice(me.voice, other.voice)
                elsewhere = other.document != me.document and not _same_outlet(me, other)
                if not a.interval.overlaps(b.interval):
                    if not same_claimant:  # one claimant twice is not a second opinion
                        conflicts.append((a, b))
                elif elsewhere and _close(a, b, config.agreement):
                    agreements.append((a, b))
        return conflicts, agreements


# -- sightings -----------------------------------------------------------------


class _RunMemo:
    """Per-run memory, so that a claim is compared with the others through
    indexes rather than one by one: every appearance this run knows (its
    documents' claims, then the registry's figures), each one's figures and
    words worked out once, figures by subject and appearances by word."""

    def __init__(self, corpus: Any) -> None:
        self.corpus = corpus
        self.known: dict[tuple[str, str], Sighting] = {}
        self.registry_loaded = False
        self._figures: dict[tuple[str, str], list[Figure]] = {}
        self._by_subject: dict[str, list[Figure]] | None = None
        self._by_word: dict[str, list[Sighting]] = defaultdict(list)
        self._by_id: dict[str, list[Sighting]] = defaultdict(list)
        self._word_counts: dict[tuple[str, str], int] = {}
        self._features: dict[tuple[str, str], Any] = {}
        self._tolerance: float | None = None
        for document, claims in corpus or ():
            for claim in claims:
                self._add(_sighting_of_claim(claim, document))

    def _add(self, sighting: Sighting) -> None:
        if sighting.key in self.known:
            return
        self.known[sighting.key] = sighting
        self._by_id[sighting.claim_id].append(sighting)
        words = content_words(sighting.text)
        self._word_counts[sighting.key] = len(words)
        for word in words:
            self._by_word[word].append(sighting)
        self._by_subject = None

    def add_registry(self, appearances: list[Any]) -> None:
        for appearance in appearances:
            self._add(_sighting_of_appearance(appearance))
        self.registry_loaded = True

    def figures(self, sighting: Sighting, tolerance: float) -> list[Figure]:
        if sighting.key not in self._figures:
            self._figures[sighting.key] = figures_of(sighting, tolerance)
        return self._figures[sighting.key]

    def same_subject(self, subject: str | None, tolerance: float) -> list[Figure]:
        """Known figures whose subject can be the same name as ``subject``."""
        if not subject:
            return []
        if self._by_subject is None or self._tolerance != tolerance:
            self._tolerance = tolerance
            self._by_subject = defaultdict(list)
            for sighting in self.known.values():
                for figure in self.figures(sighting, tolerance):
                    if figure.subject:
                        self._by_subject[figure.subject[:4]].append(figure)
        return [f for f in self._by_subject.get(subject[:4], ()) if same_name(f.subject, subject)]

    def sharing_words(self, words: set[str], dice: float) -> list[Sighting]:
        """Known appearances whose content words overlap ``words`` by at
        least ``dice`` (Dice coefficient), the most overlapping first, at most
        :data:`MAX_SIMILARITY_CANDIDATES`."""
        counts: Counter[tuple[str, str]] = Counter()
        for word in words:
            counts.update(s.key for s in self._by_word.get(word, ()))
        passing = [
            (shared, key) for key, shared in counts.items()
            if 2 * shared >= dice * (len(words) + self._word_counts[key])
        ]
        passing.sort(reverse=True)
        return [self.known[key] for _, key in passing[:MAX_SIMILARITY_CANDIDATES]]

    def features(self, sighting: Sighting) -> Any:
        """The text features :func:`registry.similarity.claim_similarity` compares."""
        from registry.similarity import analyse

        if sighting.key not in self._features:
            self._features[sighting.key] = analyse(sighting.text)
        return self._features[sighting.key]

    def with_id(self, claim_id: str) -> list[Sighting]:
        return list(self._by_id.get(claim_id, ()))


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


def _same_outlet(a: Sighting, b: Sighting) -> bool:
    return a.outlet.casefold() == b.outlet.casefold()


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


def interested_party(me: Sighting, document: Document) -> str | None:
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
    elsewhere = {fold_name(word) for _, word in proper_names(document.text.replace(organisation, " "))}
    parties = [
        word for word in _CAPITALISED.findall(organisation)
        if fold_name(word) not in _INSTITUTION_WORDS and any(same_name(fold_name(word), e) for e in elsewhere)
    ]
    if not parties:
        return None
    party = fold_name(parties[0])
    subjects = [subject_of(me, me.text.find(q.text)) for q in me.quantities] or [subject_of(me, 0)]
    about = next((s for s in subjects if s and not same_name(s, party)), None)
    if about is None or not any(same_name(about, e) for e in elsewhere):
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


def _conflict_evidence(conflicts: list[tuple[Figure, Figure]]) -> list[Evidence]:
    """Both sides of the conflicts, each figure once, with its claimant and document."""
    evidence: list[Evidence] = []
    seen: set[tuple[str, str, str]] = set()
    for figure, stance, role in [(a, Stance.NEUTRAL, "this claim") for a, _ in conflicts] + [
        (b, Stance.REFUTES, "other side") for _, b in conflicts
    ]:
        s = figure.sighting
        key = (s.document, s.claim_id, figure.text)
        if key in seen:
            continue
        seen.add(key)
        evidence.append(Evidence(
            kind="conflict", stance=stance,
            summary=f"{role}: {s.voice} says {figure.describe()} ({_where(s)}): \"{s.text}\"",
            url=s.source.uri, publisher=s.outlet, date=s.source.published, claimant=s.claimant, source=s.source,
            data={**_figure_data(figure), "side": role},
        ))
    return evidence


def _explain(
    me: Sighting, relays: list[tuple[Sighting, float]], agreements: list[tuple[Figure, Figure]],
    conflicts: list[tuple[Figure, Figure]], flag: str | None,
) -> str:
    parts = []
    if conflicts:
        described = "; ".join(
            f"{a.sighting.voice} says {a.text}, {b.sighting.voice} ({b.sighting.outlet}) says {b.text}"
            for a, b in conflicts
        )
        parts.append(f"conflicting figures for the same quantity: {described}")
    supporting = sorted(
        {o.outlet for o, _ in relays if not same_voice(me.voice, o.voice)}
        | {b.sighting.voice for _, b in agreements if not same_voice(me.voice, b.sighting.voice)}
    )
    relaying = sorted(
        {o.outlet for o, _ in relays if same_voice(me.voice, o.voice)}
        | {b.sighting.outlet for _, b in agreements if same_voice(me.voice, b.sighting.voice)}
    )
    if supporting:
        parts.append(f"independently repeated or matched by {', '.join(supporting)}")
    if relaying:
        parts.append(f"relayed from the same claimant ({me.voice}) by {', '.join(relaying)}")
    if flag:
        parts.append(flag)
    return "; ".join(parts)


@hookimpl
def register_checkers(register) -> None:
    register(ConsistencyChecker())
