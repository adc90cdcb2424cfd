"""The store's text shortcuts give what the plain definitions give: search
tokens found by the digit-first group pattern and the ASCII token pattern
are those of the documented rule (groups joined anywhere in the text, the
Unicode fold and token pattern), and the near-duplicate links found with
the similarity bound are those found comparing every candidate pair."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from registry.store import _text, _write

_SEPARATORS = ",'\u00a0\u202f\u2009"
_PLAIN_GROUPS = re.compile(rf"(?<![\d.])(\d{{1,3}})((?:[{_SEPARATORS}]\d{{3}})+)(?!\d)")
_PLAIN_TOKEN = re.compile(r"\d+(?:\.\d+)+|[^\W_]+")


def plain_search_tokens(text: str) -> list[str]:
    """The rule of :mod:`registry.store._text`, spelt out."""
    joined = _PLAIN_GROUPS.sub(lambda m: m.group(1) + re.sub(f"[{_SEPARATORS}]", "", m.group(2)), text)
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", joined).casefold())
    return _PLAIN_TOKEN.findall("".join(ch for ch in decomposed if not unicodedata.combining(ch)))


# Digits, separators, dots and letters (ASCII and not, with the Arabic-Indic
# digit three, a ligature and a combining accent) where the shortcuts differ
# from the plain patterns if they are wrong.
_TRICKY = st.text(alphabet=st.sampled_from(list("0123456789.,'\u00a0\u202f\u2009 -_aZé٣ﬁİß\u0301")), max_size=30)


@settings(max_examples=2000, deadline=None)
@given(_TRICKY)
def test_search_tokens_are_those_of_the_plain_rule(text: str) -> None:
    assert _text.search_tokens(text) == plain_search_tokens(text)


def test_digit_groups_are_joined_only_in_whole_numbers() -> None:
    assert _text.search_text("125,000 troops; 1,234,567 and 12,34 and 2.125,000") == (
        "125000 troops 1234567 and 12 34 and 2.125 000")


_WORDS = st.lists(st.sampled_from(["troops", "troop", "were", "lost", "in", "kyiv", "125000", "the", "a", ""]),
                  max_size=6).map(" ".join)


class _Connection:
    """Stands in for the connection (the link rows are caught before any insert)."""

    class dialect:
        name = "sqlite"


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=2, max_size=70), st.integers(min_value=0, max_value=69))
def test_links_are_those_of_every_candidate_pair(texts: list[str], stored: int) -> None:
    # Every claim gets one key, so each is compared with up to LINK_CANDIDATES before it.
    stored = min(stored, len(texts) - 1)
    earlier = {"k": [(i, texts[i]) for i in range(stored)]}
    new_claims = [(i, texts[i], "k") for i in range(stored, len(texts))]
    recorded: list[tuple] = []
    original = _write.insert_rows
    _write.insert_rows = lambda _connection, _table, _columns, rows, **_: recorded.extend(rows)
    try:
        _write._link_near_duplicates(_Connection(), new_claims, earlier, "now")
    finally:
        _write.insert_rows = original
    expected = {}
    for position in range(stored, len(texts)):
        for other in range(max(0, position - _write.LINK_CANDIDATES), position):
            score = _text.similarity(texts[position], texts[other])
            state = _text.link_state(score)
            if state is not None:
                first, second = other, position
                expected[(first, second)] = (first, second, score, _text.SIMILARITY_MEASURE, state, "now")
    assert recorded == [expected[key] for key in sorted(expected)]
