"""The worldbank-population checker: compares the population a claim gives
for a country with the World Bank indicator SP.POP.TOTL (Population, total).

A claim is checked when it speaks of a population, names a country and
gives a figure such as "84 million" or "10,900,000"; with a year ("in
2022") that year's figure is compared, otherwise the latest one.
"""

from __future__ import annotations

import asyncio
import re

import httpx
from pydantic import BaseModel, Field

from registry import (
    CheckContext,
    Checker,
    CheckerError,
    CheckerUnavailable,
    CheckResult,
    Claim,
    Evidence,
    Source,
    Stance,
    Status,
)

INDICATOR = "SP.POP.TOTL"
ALIASES = {"Russia": "RUS", "Czech Republic": "CZE", "South Korea": "KOR", "Turkey": "TUR",
           "Britain": "GBR", "UK": "GBR", "US": "USA", "Vietnam": "VNM", "Iran": "IRN"}

_TOPIC = re.compile(r"\b(population|inhabitants|residents|people)\b", re.IGNORECASE)
_FIGURE = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(million|billion))?\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:in|by|as of)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_SCALE = {None: 1, "million": 1e6, "billion": 1e9}


def claimed_year(text: str) -> int | None:
    """The year a claim is about ("in 2022"), if it says."""
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None


def population_figure(text: str) -> float | None:
    """The largest population-sized figure in ``text`` (years excluded)."""
    figures = []
    for match in _FIGURE.finditer(text):
        number, scale = match.group(1), match.group(2)
        if scale is None and re.fullmatch(r"(19|20)\d\d", number):
            continue  # a year, not a head count
        figures.append(float(number.replace(",", "")) * _SCALE[scale and scale.lower()])
    return max((f for f in figures if f >= 10_000), default=None)


def judge(claimed: float, actual: float, tolerance: float) -> tuple[Status, float]:
    """A status and a confidence from how far ``claimed`` is from ``actual``."""
    off = abs(claimed - actual) / actual
    if off <= tolerance:
        return Status.SUPPORTED, 0.9
    if off <= 3 * tolerance:
        return Status.MOSTLY_SUPPORTED, 0.7
    if off <= 10 * tolerance:
        return Status.MOSTLY_REFUTED, 0.7
    return Status.REFUTED, 0.9


class PopulationChecker(Checker):
    """Checks population figures against the World Bank Indicators API."""

    name = "worldbank-population"
    version = "1.0.0"

    class Config(BaseModel):
        base_url: str = Field(default="https://api.worldbank.org", description="The Indicators API.")
        tolerance: float = Field(default=0.03, gt=0, lt=1,
                                 description="Relative difference still counted as supported.")
        aliases: dict[str, str] = Field(default_factory=lambda: dict(ALIASES),
                                        description="Other country names → ISO 3166 alpha-3 code.")

    def __init__(self) -> None:
        # The country list is fetched once per base URL, not once per claim.
        self._countries: dict[str, dict[str, str]] = {}
        self._lock: asyncio.Lock | None = None

    async def check(self, claim: Claim, ctx: CheckContext) -> CheckResult | None:
        if not _TOPIC.search(claim.text):
            return None  # not about a population: nothing to say, no request made
        claimed = population_figure(claim.text)
        if claimed is None:
            return None
        codes = {**await self._country_codes(ctx), **ctx.config.aliases}
        names = sorted(codes, key=len, reverse=True)  # "Niger" must not win over "Nigeria"
        found = re.search(r"\b(" + "|".join(map(re.escape, names)) + r")\b", claim.text)
        if found is None:
            return None
        country, year = found.group(1), claimed_year(claim.text)
        path = f"/v2/country/{codes[country]}/indicator/{INDICATOR}"
        rows = await self._get(ctx, path, {"date": str(year)} if year else {"mrnev": "1"})
        row = next((r for r in rows if r.get("value") is not None), None)
        if row is None:
            return CheckResult(status=Status.NOT_ENOUGH_EVIDENCE, confidence=0.5,
                               explanation=f"The World Bank has no population of {country} for {year}.")
        actual, year_used = float(row["value"]), int(row["date"])
        status, confidence = judge(claimed, actual, ctx.config.tolerance)
        if year is None:
            confidence = min(confidence, 0.6)  # the claim may be about another year
        summary = (f"World Bank: population of {row['country']['value']} in {year_used} was "
                   f"{actual:,.0f}; the claim says {claimed:,.0f} ({(claimed - actual) / actual:+.1%}).")
        page = f"https://data.worldbank.org/indicator/{INDICATOR}?locations={row['country']['id']}"
        return CheckResult(
            status=status,
            confidence=confidence,
            explanation=summary,
            evidence=[Evidence(
                stance=Stance.SUPPORTS if status in (Status.SUPPORTED, Status.MOSTLY_SUPPORTED) else Stance.REFUTES,
                kind="statistic", summary=summary, url=page, publisher="World Bank",
                data={"indicator": INDICATOR, "country": codes[country], "year": year_used,
                      "value": actual, "claimed": claimed},
            )],
            sources=[Source(uri=page, title="Population, total", publisher="World Bank")],
        )

    async def _country_codes(self, ctx: CheckContext) -> dict[str, str]:
        """Country name → ISO 3166 alpha-3 code, regions and aggregates left out."""
        base = ctx.config.base_url
        self._lock = self._lock or asyncio.Lock()
        async with self._lock:  # one request even when many claims ask at once
            if base not in self._countries:
                rows = await self._get(ctx, "/v2/country", {"per_page": "400"})
                self._countries[base] = {
                    row["name"]: row["id"] for row in rows
                    if row.get("region", {}).get("value", "").strip() != "Aggregates"
                }
        return self._countries[base]

    async def _get(self, ctx: CheckContext, path: str, params: dict[str, str]) -> list[dict]:
        """GET an API path; the rows of its answer, or a clear error."""
        url = ctx.config.base_url.rstrip("/") + path
        try:
            response = await ctx.http.get(url, params={"format": "json", **params})
        except httpx.TransportError as exc:
            # The API is down or unreachable: say so once and skip this checker.
            raise CheckerUnavailable(f"cannot reach {ctx.config.base_url}: {exc}") from exc
        if response.status_code != 200:
            raise CheckerError(f"{url} answered HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            raise CheckerError(f"{url} did not answer JSON") from None
        if not isinstance(body, list) or len(body) < 2:
            # The API reports a bad request as [{"message": [{"value": "..."}]}].
            first = body[0] if isinstance(body, list) and body else {}
            messages = first.get("message", []) if isinstance(first, dict) else []
            reason = "; ".join(m.get("value", "") for m in messages) or "unexpected answer"
            raise CheckerError(f"{url}: {reason}")
        return body[1] or []
