"""Text forms the registry indexes and compares claims by: the search text
behind full-text search, the numbers a claim states, and the near-duplicate
similarity measure with its two thresholds.

The search text is the same for SQLite (FTS5) and PostgreSQL (tsvector with
the ``simple`` configuration), so both engines find the same claims:
Unicode compatibility forms folded, case folded, accents removed, digit
group separators dropped (``125,000`` and ``125 000`` both become
``125000``), decimal points kept inside numbers (``2.5``), every other
character a word separator.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

# A thousands separator (comma, apostrophe, no-break or thin space) between
# digit groups of three; a plain space is left alone, it separates numbers
# too often ("in 2023 125 people"). The number must not continue a number
# before it: the lookbehind follows the first digit (two characters wide),
# so that the pattern opens with a digit and the search skips to digits
# instead of trying the whole pattern at every character (half the time).
_DIGIT_GROUPS = re.compile(r"\d(?<![\d.]\d)\d{0,2}(?:[,'\u00a0\u202f\u2009]\d{3})+(?!\d)")
_DROP_SEPARATORS = str.maketrans("", "", ",'\u00a0\u202f\u2009")
_TOKEN = re.compile(r"\d+(?:\.\d+)+|[^\W_]+")
# The same tokens in lower-case ASCII text, where \d is [0-9] and [^\W_] is
# [a-z0-9]; ASCII classes are tested faster than Unicode ones.
_ASCII_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)+|[a-z0-9]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)*")

#: Similarity at or above which two claims are linked as the same statement.
AUTO_LINK_THRESHOLD = 0.9
#: Similarity at or above which a link is suggested for a reviewer to confirm.
SUGGEST_THRESHOLD = 0.7
#: The measure's name, stored with every link.
SIMILARITY_MEASURE = "char3-set-cosine"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _join_groups(match: re.Match[str]) -> str:
    return match[0].translate(_DROP_SEPARATORS)  # the match is digits and separators


def search_tokens(text: str) -> list[str]:
    """The words and numbers of ``text`` in the registry's search form."""
    # Digit groups are joined before folding: NFKC turns a no-break space
    # into a plain one, which no longer marks a thousands separator.
    joined = _DIGIT_GROUPS.sub(_join_groups, text)
    if joined.isascii():
        # Folding ASCII text is lower-casing it (no compatibility forms or accents).
        return _ASCII_TOKEN.findall(joined.lower())
    return _TOKEN.findall(_fold(joined))


def search_text(text: str) -> str:
    """The form of ``text`` that is indexed and queried: tokens joined by spaces."""
    return " ".join(search_tokens(text))


def link_key(tokens: list[str]) -> str:
    """Which claims are compared for near duplicates: those with the same key.

    A claim stating numbers is keyed by its sorted distinct numbers
    (``n:16000 125000``): another wording of it states the same numbers, and
    a claim with other numbers is another claim, however alike the words.
    A claim without numbers is keyed by its three longest words
    (``w:legislation transparency yesterday``), which a reordering or a change
    of small words keeps."""
    # isdecimal() is what \d matches (Unicode category Nd), without the regex
    # call for the common case; only dotted tokens need the pattern.
    numbers = sorted({t for t in tokens if t.isdecimal() or ("." in t and _NUMBER.fullmatch(t))})
    if numbers:
        return "n:" + " ".join(numbers)
    words = sorted({t for t in tokens if len(t) >= 4}, key=lambda w: (-len(w), w))[:3]
    return "w:" + " ".join(sorted(words))


def trigrams(search: str) -> frozenset[str]:
    """The character trigrams of a search text, words padded with a space."""
    padded = f" {search} "
    return frozenset(padded[i:i + 3] for i in range(len(padded) - 2))


def trigram_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Cosine similarity of two trigram sets (Ochiai coefficient)."""
    if a == b:
        return 1.0  # exactly, where the division might round
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def similarity(search_a: str, search_b: str) -> float:
    """The near-duplicate measure: cosine similarity of the sets of
    character trigrams of two search texts (1.0 for the same words in the
    same order, 0.0 for nothing in common)."""
    return trigram_similarity(trigrams(search_a), trigrams(search_b))


def link_state(score: float) -> str | None:
    """``linked``, ``suggested`` or None for two claims of the same link key
    with this similarity."""
    if score >= AUTO_LINK_THRESHOLD:
        return "linked"
    if score >= SUGGEST_THRESHOLD:
        return "suggested"
    return None


def fts5_query(groups: Sequence[Sequence[str]]) -> str:
    """An FTS5 MATCH expression for rows having all the tokens of any of
    ``groups``. Tokens contain only letters, digits and dots, and each is
    quoted, so the expression cannot carry FTS5 operators from user input."""
    return " OR ".join("(" + " ".join(f'"{token}"' for token in group) + ")" for group in groups)


def tsquery_text(groups: Sequence[Sequence[str]]) -> str:
    """The ``to_tsquery`` text meaning what :func:`fts5_query` means; tokens
    contain only letters, digits and dots, so no tsquery operator can come
    from user input."""
    return " | ".join("(" + " & ".join(f"'{token}'" for token in group) + ")" for group in groups)
