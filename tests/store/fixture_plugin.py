"""A plugin for the store tests, so that what is stored is known exactly.

Every non-empty line of a document is one check-worthy claim; a line
``Name Surname: text`` is attributed to that speaker. Numbers followed by a
word are quantities of that word. The ``verdict-in-text`` checker reads its
verdict from the claim: ``[true]`` supported, ``[false]`` refuted, ``[boom]``
raises; anything else is ``not_enough_evidence``. ``STORE_TEST_CHECK_DELAY``
(seconds) slows every check down, for the concurrency and crash tests.
"""

from __future__ import annotations

import asyncio
import os
import re

from registry import (
    Attribution,
    Checker,
    CheckerError,
    CheckResult,
    Claim,
    Document,
    Evidence,
    Quantity,
    Span,
    Stance,
    Status,
    hookimpl,
)

_SPEAKER = re.compile(r"^([A-Z][a-z]+ [A-Z][a-z]+): ")
_QUANTITY = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s+([a-z]+)")


def claims_in(document: Document) -> list[Claim]:
    claims = []
    offset = 0
    for line in document.text.splitlines(keepends=True):
        text = line.strip()
        if text:
            start = offset + line.index(text)
            attribution = None
            speaker = _SPEAKER.match(text)
            if speaker:
                attribution = Attribution(speaker=speaker.group(1), cue="said", confidence=0.9)
                start += speaker.end()
                text = text[speaker.end():]
            quantities = [
                Quantity(value=float(m.group(1).replace(",", "")), unit=m.group(2), text=m.group(0))
                for m in _QUANTITY.finditer(text)
            ]
            claims.append(Claim(
                text=text, span=Span(start=start, end=start + len(text)), checkworthy=True,
                checkworthiness=0.9, claim_type="quantity" if quantities else "other",
                quantities=quantities, attribution=attribution,
            ))
        offset += len(line)
    return claims


@hookimpl
def extract_claims(document: Document) -> list[Claim]:
    return claims_in(document)


class VerdictInText(Checker):
    name = "verdict-in-text"
    version = "1"

    async def check(self, claim: Claim, ctx) -> CheckResult | None:
        delay = float(os.environ.get("STORE_TEST_CHECK_DELAY", "0"))
        if delay:
            await asyncio.sleep(delay)
        if "[boom]" in claim.text:
            raise CheckerError("the checker broke on purpose")
        if "[true]" in claim.text:
            return CheckResult(status=Status.SUPPORTED, confidence=0.9, explanation="marked true",
                               evidence=[Evidence(stance=Stance.SUPPORTS, summary="the marker",
                                                  url="https://evidence.example/true")])
        if "[false]" in claim.text:
            return CheckResult(status=Status.REFUTED, confidence=0.9, explanation="marked false")
        return CheckResult(status=Status.NOT_ENOUGH_EVIDENCE, confidence=0.2, explanation="no marker")


@hookimpl
def register_checkers(register) -> None:
    register(VerdictInText())
