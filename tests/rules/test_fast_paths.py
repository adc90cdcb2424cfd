"""The rules' shortcuts give what the plain searches they stand in for give:
the byte-string tests before a search never skip a match, the searches
that start near the end of a text find the last break a full search finds,
and the byte-string claim id of each rule-made claim is the id of its
normal form."""

from __future__ import annotations

import hashlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from registry._models import claim_id, normalise_claim_text
from registry_rules import attribution, quantities
from registry_rules.lexicon import CUE_VERBS

# Characters the shortcuts treat specially, mixed with ordinary ones (and
# non-ASCII letters, digits and white space, which the byte tests encode as '?').
_TRICKY = st.text(
    alphabet=st.sampled_from(list(",;:“”\"«»()\x1f—–-'’ \t\nab_éK\u212aſ0123456789½")), max_size=40
)
_WITH_WORDS = st.lists(
    st.one_of(
        st.sampled_from(sorted(CUE_VERBS)[:40] + ["Said", "one", "Two", "THIRD", "dozen", "Kyiv-based", "half"]),
        _TRICKY,
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(_WITH_WORDS)
def test_number_triggers_are_the_digit_runs_and_number_words(text: str) -> None:
    digits = [m.start() for m in re.finditer(rf"[0-9]+|[{quantities._VULGAR}]", text)]
    words = [m.start() for m in re.finditer(r"[A-Za-z]+", text) if m.group().lower() in quantities._TRIGGER_WORDS]
    assert quantities._triggers(text) == sorted(digits + words)


@settings(max_examples=200, deadline=None)
@given(_WITH_WORDS)
def test_the_verb_test_never_skips_a_sentence_with_a_verb(text: str) -> None:
    if attribution._CUE.search(text):
        assert attribution._may_have_cue(text)


@settings(max_examples=200, deadline=None)
@given(_WITH_WORDS)
def test_the_last_chunk_starts_after_the_last_break(text: str) -> None:
    breaks = list(attribution._CHUNK_BREAK.finditer(text))
    assert attribution._last_chunk_start(text) == (breaks[-1].end() if breaks else 0)


# What the claim id's byte-string path treats specially: kept punctuation at
# word edges, the non-ASCII separators it lets through, and characters that
# send it to the full normal form (compatibility forms, case folding).
_ID_TEXT = st.text(alphabet=st.sampled_from(list("aZ_09.,%$€£ \t\n?!'\"“”‘’„«»—–-\x1f\xa0éßﬁ½İ")), max_size=40)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_ID_TEXT, _WITH_WORDS, st.text(max_size=30)))
def test_the_claim_id_is_the_hash_of_the_normal_form(text: str) -> None:
    assert claim_id(text) == hashlib.sha256(normalise_claim_text(text).encode("utf-8")).hexdigest()[:16]
