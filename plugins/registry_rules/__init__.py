"""Built-in rules plugin: finds the claims of a news text (sentences and
independent clauses), says who made each one and how it reached the
document (attribution chains), parses its numbers and scores its
check-worthiness — offline, with no model. How it works: docs/rules.md."""

from __future__ import annotations

from registry import Attribution, Claim, Document, hookimpl

from . import claims


@hookimpl
def extract_claims(document: Document) -> list[Claim]:
    """Every sentence of ``document`` as a claim, attributed and scored."""
    return claims.extract(document)


@hookimpl
def attach_attribution(claim: Claim, document: Document) -> Attribution | None:
    """Attribute a claim another plugin extracted, from the same reading of the document."""
    return claims.attribution_for(claim, document)
