"""Find direct quotations and hide their words from attribution rules.

"said" inside a quotation is the quoted person's word, not an attribution,
so the rules read a masked copy of the text in which every character
between quotation marks is replaced by :data:`HIDDEN` (offsets unchanged;
the marks themselves stay visible). Quotations are paired per paragraph:
curly double quotes (closed by ” or by two ’/' as some sites write), straight
double quotes by alternation, guillemets, and curly single quotes (‘…’)
when the opening one starts a word. An unclosed quotation runs to the end
of its paragraph, as multi-paragraph quotes do in news copy.
"""

from __future__ import annotations

import re
from typing import NamedTuple

HIDDEN = "\x1f"
"""Stands for a quoted character in masked text; no rule pattern matches it."""

# Every alternative starts with a literal character ("‘(?<!\w‘)" is "(?<!\w)‘"), which
# lets the engine skip ahead to the next mark instead of trying each position (10x faster).
_MARK = re.compile(r"“|”|’’|''|\"|«|»|„|‘(?<!\w‘)|’(?![\w])|\n[ \t]*\n")
_CLOSERS = {"“": ("”", "’’", "''", "\""), "\"": ("\"", "”"), "«": ("»",), "„": ("“", "”"), "‘": ("’",)}


class Quotation(NamedTuple):
    """A quotation's inner text offsets ``[start, end)`` (marks excluded)."""

    start: int
    end: int


def find_quotations(text: str) -> list[Quotation]:
    """Every direct quotation in ``text``, in order."""
    found: list[Quotation] = []
    opener: str | None = None
    opened_at = 0
    for match in _MARK.finditer(text):
        mark = match.group()
        if mark[0] == "\n":  # a paragraph break closes a quotation left open
            if opener is not None:
                found.append(Quotation(opened_at, match.start()))
                opener = None
            continue
        if opener is None:
            if mark in _CLOSERS:
                opener, opened_at = mark, match.end()
        elif mark in _CLOSERS[opener]:
            found.append(Quotation(opened_at, match.start()))
            opener = None
    if opener is not None:
        found.append(Quotation(opened_at, len(text)))
    return found


def mask_quotations(text: str, quotations: list[Quotation]) -> str:
    """``text`` with every quoted character replaced by :data:`HIDDEN`."""
    if not quotations:
        return text
    pieces: list[str] = []
    position = 0
    for start, end in quotations:
        pieces.append(text[position:start])
        pieces.append(HIDDEN * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
