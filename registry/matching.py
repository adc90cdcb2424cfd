"""What fact-checks that match a claim say about it: the two-threshold
decision, the evidence records and the claimant comparison shared by the
``claimreview`` and ``factchecktools`` checkers (and open to any checker
that finds fact-checks elsewhere).

Above ``high`` a match is taken to check the same claim: its rating, read
through the rating table, becomes the status. Between ``low`` and ``high``
the candidates are listed as evidence with ``not_enough_evidence`` and a
request that a human confirm. Below ``low`` there is nothing to say.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from pydantic import BaseModel, Field, field_validator, model_validator

from ._models import Claim, CheckResult, Evidence, FactCheck, Source, Stance, Status
from .errors import ConfigError
from .ratings import RatingTable, load_rating_table
from .similarity import Match

__all__ = [
    "DEFAULT_HIGH",
    "DEFAULT_LOW",
    "MatchingConfig",
    "claimant_evidence",
    "factcheck_evidence",
    "judge_matches",
    "stance_of",
]

#: Thresholds on :func:`registry.similarity.claim_similarity`, chosen on the
#: CheckThat! 2020 train and dev sets (docs/benchmarks.md): from 0.40, 98.8%
#: of the fact-checks attached were the right one, and 6 in 1,000 claims whose
#: fact-check was not in the collection got a wrong one; from 0.25 the right
#: fact-check is usually among the candidates.
DEFAULT_HIGH = 0.40
DEFAULT_LOW = 0.25

_STANCES = {
    Status.SUPPORTED: Stance.SUPPORTS,
    Status.MOSTLY_SUPPORTED: Stance.SUPPORTS,
    Status.REFUTED: Stance.REFUTES,
    Status.MOSTLY_REFUTED: Stance.REFUTES,
    Status.MISLEADING: Stance.REFUTES,
    Status.MIXED: Stance.MIXED,
    Status.CONFLICTING_EVIDENCE: Stance.MIXED,
}

# Words of claimants that name no one in particular ("Social media", "Facebook
# posts", "Multiple sources"): such a claimant cannot contradict an attribution.
_GENERIC_CLAIMANT_WORDS = frozenset(
    "social media facebook twitter x instagram tiktok youtube whatsapp telegram internet online web "
    "viral multiple various several many some people shared circulating on in and the of from "
    "post posts user users source sources blogger bloggers website websites netizens page pages account "
    "accounts claim claims message messages chain video videos image images photo photos meme memes "
    "rumour rumours rumor rumors".split()
)
_NAME_STOPWORDS = frozenset(
    "the of and a an in on for to de la le der die von van mr mrs ms dr sir president minister ministry "
    "spokesman spokeswoman spokesperson official officials said says".split()
)


class MatchingConfig(BaseModel):
    """Settings every fact-check matching checker shares (``[checkers.<name>]``)."""

    high: float = Field(default=DEFAULT_HIGH, ge=0.0, le=1.0,
                        description="Similarity from which a fact-check's verdict is attached.")
    low: float = Field(default=DEFAULT_LOW, ge=0.0, le=1.0,
                       description="Similarity from which candidates are shown for a human to confirm.")
    candidates: int = Field(default=5, ge=1, le=50, description="Candidates listed at most.")
    ratings_file: str | None = Field(
        default=None, description="Your rating → status table (TOML), merged over the default one.")

    @field_validator("ratings_file")
    @classmethod
    def _readable_table(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                load_rating_table(value)
            except ConfigError as exc:
                raise ValueError(str(exc)) from None
        return value

    @model_validator(mode="after")
    def _ordered(self) -> MatchingConfig:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) must not be above high ({self.high})")
        return self

    def rating_table(self) -> RatingTable:
        """The rating table these settings name (else REGISTRY_RATINGS_FILE, else the default)."""
        return load_rating_table(self.ratings_file)


def stance_of(status: Status) -> Stance:
    """How a fact-check with this status bears on the claim it checks."""
    return _STANCES.get(status, Stance.NEUTRAL)


def judge_matches(
    claim: Claim, matches: Sequence[Match], config: MatchingConfig, *, where: str = "the registry",
) -> CheckResult | None:
    """The result for ``claim`` from its best ``matches`` (best first), or
    None when none reaches ``config.low``. ``where`` names the collection
    searched, for the explanation."""
    table = config.rating_table()
    # A fact-check of another figure is never applied on its own: a human confirms.
    confirmed = [m for m in matches if m.score >= config.high and m.numbers_agree is not False]
    if confirmed:
        return _verdict_from(claim, confirmed[: config.candidates], table, where)
    candidates = [m for m in matches if m.score >= config.low][: config.candidates]
    if not candidates:
        return None
    figures = any(m.numbers_agree is False for m in candidates)
    scores = f"{candidates[-1].score:.2f}–{candidates[0].score:.2f}" if len(candidates) > 1 \
        else f"{candidates[0].score:.2f}"
    return CheckResult(
        status=Status.NOT_ENOUGH_EVIDENCE,
        confidence=0.0,
        explanation=(
            f"{len(candidates)} fact-check(s) in {where} may be about this claim (similarity {scores}"
            + ("; some state other figures" if figures else f", below {config.high:g}")
            + "); a human should confirm whether they check the same claim before their ratings are used."
        ),
        evidence=[factcheck_evidence(m.factcheck, m.score, table, candidate=True) for m in candidates],
        sources=[_source(m.factcheck) for m in candidates if m.factcheck.review_url],
    )


def _verdict_from(claim: Claim, confirmed: list[Match], table: RatingTable, where: str) -> CheckResult:
    readings = [(m, table.lookup(m.factcheck.rating)) for m in confirmed]
    conclusive = [(m, r) for m, r in readings if r.status.conclusive]
    stances = {stance_of(r.status) for _, r in conclusive}
    best, reading = conclusive[0] if conclusive else readings[0]
    if {Stance.SUPPORTS, Stance.REFUTES} <= stances:
        status = Status.CONFLICTING_EVIDENCE
        ratings = "; ".join(f"{_who(m.factcheck)}: {m.factcheck.rating!r}" for m, _ in conclusive)
        explanation = f"Fact-checks of this claim disagree ({ratings})."
    else:
        status = reading.status
        explanation = _explain(best, reading.mapped, status)
    evidence = [factcheck_evidence(m.factcheck, m.score, table) for m in confirmed]
    attribution_status = None
    for m, _ in readings:
        noted = claimant_evidence(claim, m.factcheck)
        if noted is not None and all(e.summary != noted.summary for e in evidence):
            evidence.append(noted)
        attribution_status = attribution_status or table.attribution_for(m.factcheck.rating)
    if len(confirmed) > 1 and status is not Status.CONFLICTING_EVIDENCE:
        explanation += f" {len(confirmed) - 1} other matching fact-check(s) in {where} are listed as evidence."
    return CheckResult(
        status=status,
        attribution_status=attribution_status,
        confidence=round(best.score, 3) if status.conclusive else 0.0,
        explanation=explanation,
        evidence=evidence,
        sources=[_source(m.factcheck) for m in confirmed if m.factcheck.review_url],
    )


def _explain(match: Match, mapped: bool, status: Status) -> str:
    factcheck = match.factcheck
    dated = f" on {factcheck.review_date:%Y-%m-%d}" if factcheck.review_date else ""
    rated = f"rated it {factcheck.rating!r}" if factcheck.rating else "gave no rating"
    text = f"{_who(factcheck)}{dated} {rated} (similarity {match.score:.2f})"
    if factcheck.rating and not mapped:
        return f"{text}; that rating is not in the rating table, so no status is drawn from it."
    if not factcheck.rating:
        return f"{text}."
    return f"{text} → {status.value}."


def _who(factcheck: FactCheck) -> str:
    return factcheck.publisher or factcheck.publisher_site or "A fact-checker"


def factcheck_evidence(
    factcheck: FactCheck, score: float, table: RatingTable, *, candidate: bool = False,
) -> Evidence:
    """One fact-check as evidence: review URL, publisher, date, rating and
    claimant, with the similarity and the mapped status in ``data``. A
    ``candidate`` (not confirmed to check this claim) is neutral."""
    reading = table.lookup(factcheck.rating)
    rating = f"rated {factcheck.rating!r}" if factcheck.rating else "no rating"
    return Evidence(
        stance=Stance.NEUTRAL if candidate else stance_of(reading.status),
        kind="factcheck",
        summary=f"{_who(factcheck)} ({rating}) checked: {factcheck.claim_text}",
        url=factcheck.review_url,
        publisher=factcheck.publisher or factcheck.publisher_site,
        date=factcheck.review_date,
        claimant=factcheck.claimant,
        rating=factcheck.rating,
        source=_source(factcheck),
        data={
            "factcheck_id": factcheck.id,
            "checked_claim": factcheck.claim_text,
            "similarity": round(score, 4),
            "rating_status": reading.status.value,
            "rating_mapped": reading.mapped,
            "candidate": candidate,
            **({"claim_date": factcheck.claim_date.isoformat()} if factcheck.claim_date else {}),
            **({"language": factcheck.language} if factcheck.language else {}),
            **({"origin": factcheck.origin} if factcheck.origin else {}),
        },
    )


def _source(factcheck: FactCheck) -> Source:
    return Source(
        uri=factcheck.review_url, title=factcheck.review_title,
        publisher=factcheck.publisher or factcheck.publisher_site, published=factcheck.review_date,
    )


def claimant_evidence(claim: Claim, factcheck: FactCheck) -> Evidence | None:
    """Note a fact-check's claimant that is not who the claim is attributed
    to here. Claimants that name no one ("Social media", "Viral posts") and
    claims with no attribution give None. A different claimant is a fact to
    show, not a verdict: the same claim is often made by several people."""
    theirs = factcheck.claimant
    attribution = claim.attribution
    if not theirs or attribution is None or _generic(theirs):
        return None
    ours = [name for name in (attribution.speaker, attribution.organization, attribution.medium,
                              *(link.name for link in attribution.chain)) if name]
    if not ours:
        return None
    their_words = _name_words(theirs)
    if any(their_words & _name_words(name) for name in ours):
        return None
    return Evidence(
        stance=Stance.NEUTRAL,
        kind="attribution",
        summary=(f"{_who(factcheck)} attributes the checked claim to {theirs}; "
                 f"here it is attributed to {attribution.claimant or ours[0]}."),
        url=factcheck.review_url,
        publisher=factcheck.publisher or factcheck.publisher_site,
        date=factcheck.review_date,
        claimant=theirs,
        data={"factcheck_claimant": theirs, "attributed_to": ours},
    )


def _generic(claimant: str) -> bool:
    return set(_fold(claimant).split()) <= _GENERIC_CLAIMANT_WORDS


def _name_words(name: str) -> set[str]:
    return {w for w in _fold(name).split() if len(w) > 2 and w not in _NAME_STOPWORDS}


def _fold(text: str) -> str:
    stripped = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    return re.sub(r"[^\w\s]", " ", plain)

