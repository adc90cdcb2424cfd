"""The ``factchecktools`` checker: Google Fact Check Tools ``claims:search``.

The API key travels in the ``X-Goog-Api-Key`` header, which Google's APIs
accept as they accept the ``key`` parameter, so it is never part of a URL:
not in the HTTP cache's keys, not in httpx's request log, not in an error.
Retries (429 with Retry-After, 5xx, transport errors) are the run's HTTP
client's job; what is still failing afterwards is a one-line
:class:`registry.CheckerError`.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator

from registry import Checker, CheckContext, CheckerError, CheckerUnavailable, CheckResult, Claim, DocumentError, FactCheck
from registry.claimreview import parse_claimreview_json
from registry.matching import MatchingConfig, judge_matches

DEFAULT_BASE_URL = "https://factchecktools.googleapis.com"
SEARCH_PATH = "/v1alpha1/claims:search"
KEY_VARIABLE = "REGISTRY_FACTCHECKTOOLS_API_KEY"


class FactCheckToolsChecker(Checker):
    """Searches Fact Check Tools for each claim and applies the fact-checks
    of the same claim (see :mod:`registry.matching` for the thresholds)."""

    name: ClassVar[str] = "factchecktools"
    version: ClassVar[str] = "1"

    class Config(MatchingConfig):
        """``[checkers.factchecktools]``; every key also as ``REGISTRY_FACTCHECKTOOLS_<KEY>``."""

        api_key: SecretStr | None = Field(default=None, description=f"API key; {KEY_VARIABLE}.")
        base_url: str = Field(default=DEFAULT_BASE_URL, description="Where the API is served.")
        language: str | None = Field(default=None, description="languageCode filter, e.g. 'en' or 'en-US'.")
        max_age_days: int | None = Field(default=None, ge=1, description="Only fact-checks this recent.")
        pages: int = Field(default=1, ge=1, le=20, description="Result pages to read per claim at most.")
        page_size: int = Field(default=10, ge=1, le=100, description="Results per page.")
        query_words: int = Field(default=10, ge=1, le=50,
                                 description="Content words of the claim sent as the query, at most.")

        @field_validator("base_url")
        @classmethod
        def _http_url(cls, value: str) -> str:
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError("must be an http(s) URL with a host")
            return value.rstrip("/")

    async def check(self, claim: Claim, ctx: CheckContext) -> CheckResult | None:
        config = ctx.config or self.Config()
        key = config.api_key.get_secret_value().strip() if config.api_key else ""
        if not key:
            raise CheckerUnavailable(f"no API key: set {KEY_VARIABLE} (or api_key in [checkers.factchecktools])")
        from registry.similarity import FactCheckIndex, key_terms

        query = key_terms(claim.text, config.query_words)
        if not query:
            return None
        search = _Search(ctx, config, key)
        factchecks = await search.run(query)
        if not factchecks:
            return None
        matches = FactCheckIndex(factchecks).search(claim.text, config.candidates * 2)
        result = judge_matches(claim, matches, config, where="Google Fact Check Tools")
        if result is not None and search.stopped:
            result = result.model_copy(update={"explanation": f"{result.explanation} ({search.stopped})"})
        return result


class _Search:
    """One claim's search: follows ``nextPageToken`` up to ``pages``."""

    def __init__(self, ctx: CheckContext, config: Any, key: str) -> None:
        self.ctx = ctx
        self.config = config
        self.key = key
        self.host = urlsplit(config.base_url).netloc
        self.stopped = ""

    async def run(self, query: str) -> list[FactCheck]:
        params: dict[str, str | int] = {"query": query, "pageSize": self.config.page_size}
        if self.config.language:
            params["languageCode"] = self.config.language
        if self.config.max_age_days:
            params["maxAgeDays"] = self.config.max_age_days
        found: list[FactCheck] = []
        for page in range(1, self.config.pages + 1):
            try:
                data = await self._page(params)
                found.extend(parse_claimreview_json(data, origin=f"Fact Check Tools ({self.host})"))
            except CheckerUnavailable:
                raise
            except (CheckerError, DocumentError) as exc:
                if not found:
                    raise CheckerError(self._clean(str(exc))) from None
                # keep what the earlier pages gave, and say the rest is missing
                self.stopped = f"page {page} could not be read: {self._clean(str(exc))}"
                self.ctx.logger.warning("factchecktools: %s", self.stopped)
                break
            token = data.get("nextPageToken") if isinstance(data, dict) else None
            if not token or not isinstance(token, str):
                break
            params["pageToken"] = token
        return found

    async def _page(self, params: dict[str, str | int]) -> object:
        import httpx

        url = f"{self.config.base_url}{SEARCH_PATH}"
        try:
            response = await self.ctx.http.get(url, params=params, headers={"X-Goog-Api-Key": self.key})
        except httpx.TimeoutException:
            raise CheckerError(f"Fact Check Tools at {self.host} did not answer in time") from None
        except httpx.HTTPError as exc:
            raise CheckerError(f"cannot reach Fact Check Tools at {self.host}: {type(exc).__name__}") from None
        status = response.status_code
        if status in (401, 403) or (status == 400 and "api key" in response.text.casefold()):
            raise CheckerUnavailable(
                f"Fact Check Tools at {self.host} refused the API key (HTTP {status}){self._reason(response)}; "
                f"check {KEY_VARIABLE}"
            )
        if status == 429:
            raise CheckerError(f"Fact Check Tools at {self.host}: too many requests (HTTP 429) even after retrying")
        if status >= 400:
            raise CheckerError(f"Fact Check Tools at {self.host} answered HTTP {status}{self._reason(response)}")
        content_type = response.headers.get("content-type", "").split(";")[0].strip() or "no content type"
        try:
            return response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise CheckerError(
                f"Fact Check Tools at {self.host} answered HTTP {status} with {content_type}, not JSON"
            ) from None

    def _reason(self, response: Any) -> str:
        """Google's own one-line reason from an error body, when it gives one."""
        try:
            message = response.json()["error"]["message"]
        except (ValueError, KeyError, TypeError):
            return ""
        if not isinstance(message, str) or not message.strip():
            return ""
        return ": " + self._clean(" ".join(message.split())[:200])

    def _clean(self, text: str) -> str:
        """Never let the key through, whatever a server echoes back."""
        return text.replace(self.key, "[key]") if self.key else text
