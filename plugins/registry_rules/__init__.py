"""Built-in rules plugin: sentences, claims, attribution, quantities (issue 3)."""

from __future__ import annotations

import re

from registry import Claim, Document, Span, hookimpl

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


@hookimpl
def extract_claims(document: Document) -> list[Claim]:
    claims = []
    for match in _SENTENCE.finditer(document.text):
        text = match.group().strip()
        if len(text) < 20:
            continue
        start = match.start() + match.group().index(text)
        claims.append(Claim(text=text, span=Span(start=start, end=start + len(text)),
                            checkworthy=any(ch.isdigit() for ch in text), checkworthiness=0.5))
    return claims
