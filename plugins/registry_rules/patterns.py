"""Building blocks for the rules' regular expressions, patterns that more
than one stage reads, and the byte-string test that tells, before a
search, that a text has none of a set of words."""

from __future__ import annotations

import re
from collections.abc import Iterable


# Lines a scraped article keeps among its paragraphs that are no part of the story: a photo
# caption or its credit ("Photo: Workers sort coffee at ...", "(Andean Commodities
# Report/Camila Vargas)", "... Photo: Somchai Wongdee/Chao Phraya Post") and a pointer to
# another story ("Related: ...", "Read more: ..."). Page furniture; none names a source.
CAPTION_OR_LINK = re.compile(
    r"\s*[*_](?![*_\s])"  # a line in italics ("*Farmers inspect ...*"): a caption or an editor's note
    r"|\s*(?:(?:top\s+|file\s+|main\s+)?(?:photo(?:graph)?|picture|image|pictured|caption)\s*:"
    r"|(?:related|read\s+more|read\s+also|see\s+also|more\s+on\s+this\s+story)\s*:"
    r"|.*\((?:photo:\s*)?[^()/]{2,60}/[^()/]{2,60}\)[*_]?\s*$"
    r"|.*\b(?:photo(?:graph)?|picture|image)\s*:\s*[^.:]{2,80}[*_]?\s*$)",
    re.IGNORECASE,
)


def word_alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, written as a trie
    ("sa(?:id|ys)") because Python's engine tries a flat alternation word by
    word at every position (this makes the attribution verb search 2.5 times faster)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


# Every byte but an ASCII letter made a space (non-ASCII characters are encoded as '?').
_ASCII_LETTERS_ONLY = bytes(byte if chr(byte).isascii() and chr(byte).isalpha() else 32 for byte in range(256))
_ASCII_LETTERS_ONLY_LOWER = _ASCII_LETTERS_ONLY.lower()


def ascii_words(text: str, *, lower: bool = False) -> list[bytes]:
    """The runs of ASCII letters of ``text``, as bytes (lower-cased if asked).

    A word that a pattern matches between word boundaries is one of these,
    so a text none of whose runs is in a set of words has no match of a
    pattern for those words; this takes a fraction of a search's time."""
    table = _ASCII_LETTERS_ONLY_LOWER if lower else _ASCII_LETTERS_ONLY
    return text.encode("ascii", "replace").translate(table).split()
