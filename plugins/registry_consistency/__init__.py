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
from typing import Any

from pydantic import BaseModel, Field

from registry import Checker, CheckResult, Claim, CheckContext, Document, Evidence, Stance, Status, hookimpl

from .figures import (
    Figure, Sighting, content_words, figures_of, fold_name, proper_names, same_name, same_quantity, subject_of,
)

__all__ = ["ConsistencyChecker"]

INTERESTED_MODALITIES = frozenset({"estimate", "allegation"})
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
        self._registry_figures: tuple[Any, list[Sighting]] | None = None

    async def check(self, claim: Claim, ctx: CheckContext) -> CheckResult | None:
        config = ctx.config or self.Config()
        me = _sighting_of_claim(claim, ctx.document)
        others = self._others(claim, me, ctx, config)
        evidence: list[Evidence] = []
        independent = False

        relays = self._same_claim_elsewhere(claim, me, others, config)
        conflicts, agreements = self._figures(me, others, config)
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

    def _others(self, claim: Claim, me: Sighting, ctx: CheckContext, config: Any) -> list[Sighting]:
        """Every other appearance of a claim: this run's, then the registry's."""
        found: dict[tuple[str, str], Sighting] = {}
        for document, claims in ctx.corpus:
            for other in claims:
                sighting = _sighting_of_claim(other, document)
                found.setdefault((sighting.document, sighting.claim_id), sighting)
        if ctx.store is not None:
            stored = list(ctx.store.appearances(claim.id)) + list(ctx.store.search_appearances(claim.text, 20))
            sightings = [_sighting_of_appearance(a) for a in stored]
            if claim.quantities:
                sightings += self._registry_quantities(ctx, config)
            for sighting in sightings:
                found.setdefault((sighting.document, sighting.claim_id), sighting)
        found.pop((me.document, me.claim_id), None)
        return list(found.values())

    def _registry_quantities(self, ctx: CheckContext, config: Any) -> list[Sighting]:
        """The registry's appearances with quantities, read once per run
        (this run's own figures are in ``ctx.corpus``)."""
        if self._registry_figures is None or self._registry_figures[0] is not ctx.corpus:
            appearances = ctx.store.appearances_with_quantities(None, config.max_candidates)
            self._registry_figures = (ctx.corpus, [_sighting_of_appearance(a) for a in appearances])
        return self._registry_figures[1]

    def _same_claim_elsewhere(
        self, claim: Claim, me: Sighting, others: list[Sighting], config: Any,
    ) -> list[tuple[Sighting, float]]:
        from registry.similarity import claim_similarity

        found = []
        words = content_words(claim.text)
        for other in others:
            if other.document == me.document or _same_outlet(me, other):
                continue
            if other.claim_id != claim.id and len(words & content_words(other.text)) < len(words) / 3:
                continue  # too little in common to be the same claim; spares the full similarity
            similarity = 1.0 if other.claim_id == claim.id else claim_similarity(claim.text, other.text)
            if similarity >= config.near_duplicate:
                found.append((other, similarity))
        return found

    def _figures(
        self, me: Sighting, others: list[Sighting], config: Any,
    ) -> tuple[list[tuple[Figure, Figure]], list[tuple[Figure, Figure]]]:
        """(conflicts, agreements) between this claim's figures and the
        others'. A conflict needs another claimant; an agreement needs
        another outlet (then its claimant decides supports or relays)."""
        mine = figures_of(me, config.tolerance)
        if not mine:
            return [], []
        conflicts, agreements = [], []
        for other in others:
            same_claimant = same_voice(me.voice, other.voice)
            elsewhere = other.document != me.document and not _same_outlet(me, other)
            if same_claimant and not elsewhere:
                continue
            for a in mine:
                for b in figures_of(other, config.tolerance):
                    if not same_quantity(a, b):
                        continue
                    if not a.interval.overlaps(b.interval):
                        if not same_claimant:  # one claimant twice is not a second opinion
                            conflicts.append((a, b))
                    elif elsewhere and _close(a, b, config.agreement):
                        agreements.append((a, b))
        return conflicts, agreements


# -- sightings -----------------------------------------------------------------


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
