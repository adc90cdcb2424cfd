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
from collections import Counter

# A thousands separator (comma, apostrophe, no-break or thin space) between
# digit groups of three; a plain space is left alone, it separates numbers
# too often ("in 2023 125 people").
_DIGIT_GROUPS = re.compile(r"(?<![\d.])(\d{1,3})((?:[,'\u00a0\u202f\u2009]\d{3})+)(?![\d])")
_GROUP_SEPARATOR = re.compile(r"[,'\u00a0\u202f\u2009]")
_TOKEN = re.compile(r"\d+(?:\.\d+)+|[^\W_]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)*")

#: Similarity at or above which two claims are linked as the same statement.
AUTO_LINK_THRESHOLD = 0.9
#: Similarity at or above which a link is suggested for a reviewer to confirm.
SUGGEST_THRESHOLD = 0.7
#: The measure's name, stored with every link.
SIMILARITY_MEASURE = "char3-cosine"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_tokens(text: str) -> list[str]:
    """The words and numbers of ``text`` in the registry's search form."""
    # Digit groups are joined before folding: NFKC turns a no-break space
    # into a plain one, which no longer marks a thousands separator.
    joined = _DIGIT_GROUPS.sub(lambda m: m.group(1) + _GROUP_SEPARATOR.sub("", m.group(2)), text)
    return _TOKEN.findall(_fold(joined))


def search_text(text: str) -> str:
    """The form of ``text`` that is indexed and queried: tokens joined by spaces."""
    return " ".join(search_tokens(text))


def numbers_key(tokens: list[str]) -> str:
    """The sorted distinct numbers among ``tokens``, joined by spaces ('' if none).

    Claims stating different numbers are never linked automatically."""
    return " ".join(sorted({t for t in tokens if _NUMBER.fullmatch(t)}))


def distinctive_words(tokens: list[str], count: int = 3) -> list[str]:
    """The ``count`` longest words (no numbers, at least four letters): the
    candidates for near-duplicate search when a claim states no number."""
    words = {t for t in tokens if len(t) >= 4 and not _NUMBER.fullmatch(t)}
    return sorted(words, key=lambda w: (-len(w), w))[:count]


def _trigrams(text: str) -> Counter[str]:
    padded = f" {text} "
    return Counter(padded[i:i + 3] for i in range(len(padded) - 2))


def similarity(search_a: str, search_b: str) -> float:
    """Cosine similarity of the character-trigram counts of two search texts
    (1.0 for the same words in the same order, 0.0 for nothing in common)."""
    if search_a == search_b:
        return 1.0
    a, b = _trigrams(search_a), _trigrams(search_b)
    dot = sum(count * b[gram] for gram, count in a.items())
    norm = math.sqrt(sum(c * c for c in a.values())) * math.sqrt(sum(c * c for c in b.values()))
    return dot / norm if norm else 0.0


def link_state(score: float, same_numbers: bool) -> str | None:
    """``linked``, ``suggested`` or None for a pair of claims with this
    similarity; different numbers cap a pair at ``suggested``."""
    if score >= AUTO_LINK_THRESHOLD and same_numbers:
        return "linked"
    if score >= SUGGEST_THRESHOLD:
        return "suggested"
    return None


def fts5_query(tokens: list[str], *, any_token: bool = False) -> str:
    """An FTS5 MATCH expression for ``tokens`` (all of them, or any with
    ``any_token``). Tokens contain only letters, digits and dots, and each is
    quoted, so the expression cannot carry FTS5 operators from user input."""
    quoted = [f'"{token}"' for token in tokens]
    return (" OR " if any_token else " ").join(quoted)


def tsquery_text(tokens: list[str], *, any_token: bool = False) -> str:
    """A ``to_tsquery`` text for ``tokens``; tokens contain only letters,
    digits and dots, so no tsquery operator can come from user input."""
    return (" | " if any_token else " & ").join(f"'{token}'" for token in tokens)
