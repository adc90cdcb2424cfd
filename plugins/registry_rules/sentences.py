"""Split a document's text into sentences with exact character spans.

News text has full stops that do not end sentences ("Dr.", "U.S.", "Jan. 5",
"No. 10", "4.2%"), sentences that end inside quotation marks (`.”`), lines
that are sentences without any full stop (headlines, bylines, "Share this
article") and hard-wrapped paragraphs. The rules, in order:

1. A blank line always ends a sentence. A single line break ends one too,
   unless the text plainly runs on: the next line starts in lower case, or
   the line ends with a comma, a dash or a word such as "the" or "of".
2. Inside a line, a sentence ends after ``.``, ``!``, ``?`` or an ellipsis,
   plus any closing quotation marks or brackets, followed by white space
   and a character that can start a sentence (not a lower-case letter).
3. A full stop after an abbreviation does not end a sentence: titles
   ("Dr.", "Gen.") never; "No."/"Jan." not before a number; single
   initials ("J. Smith") not before a capital; dotted acronyms ("U.S.",
   "a.m.") and company suffixes ("Inc.") only before a word that usually
   starts a sentence ("The", "He", ...).

Why hand rules rather than a library: pysbd (rule-based, char spans) split
all 88 hand-labelled seed sentences correctly too, but took about 5 ms per
3 KB article and syntok about 2 ms, while the whole pipeline has about
3 ms per article at the 300 articles/s target; these rules take a few
hundredths of a millisecond (measured in docs/rules.md).
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Sentence(NamedTuple):
    """A sentence's ``[start, end)`` offsets into the text, and the number of
    the paragraph (block of lines between blank lines) it belongs to."""

    start: int
    end: int
    paragraph: int


_TITLES = frozenset(
    "mr mrs ms mx dr prof sen rep gov gen col lt sgt capt cpt maj cmdr adm brig st mt fr rev hon "
    "pres supt insp det messrs mme mlle jr sr vs cf".split()
)
_BEFORE_NUMBERS = frozenset(
    "no nos vol vols pp p art arts fig figs ch sec para ref tel ext op "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_COMPANY_SUFFIXES = frozenset("inc corp co ltd llc plc bros etc".split())
_SENTENCE_STARTERS = frozenset(
    "The A An He She It They We I You This That These Those There Its His Her Their Our "
    "But And Yet So In On At As After Before When While If Since Although Meanwhile However "
    "Still Then Now Last Earlier Later Asked According Some Many Most Officials".split()
)
# Words that leave a line unfinished: the sentence runs on after the line break.
_RUNS_ON_WORDS = frozenset(
    "the a an of to and or but in on at for with by from that which who as than its their his her".split()
)

_LINE = re.compile(r"[^\n]+")
_BLANK_GAP = re.compile(r"\n[ \t\r\f\v]*\n")
# Markdown decoration at the start of a line: headings, quotes, bullets.
_LINE_MARKER = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|>[ \t]*|[-*+•][ \t]+)")
# "(?:\.{2,}|…|[.!?]+)" with every alternative starting with a literal character,
# which lets the engine skip ahead to the next stop (3x faster).
_BOUNDARY = re.compile(r"(?:\.\.+|…|\.[.!?]*|![.!?]*|\?[.!?]*)[\"'”’»)\]]*(?=\s+\S)")
_WORD_BEFORE = re.compile(r"(\S+)$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}$")
_NEXT_WORD = re.compile(r"\s+([^\s]+)")
# What str.isalnum() accepts: a word character other than the underscore.
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text``, in order; spans exclude surrounding white
    space and Markdown line markers, and every span contains a letter or
    digit."""
    sentences: list[Sentence] = []
    paragraph = 0
    for start, end in _blocks(text):
        if start > 0 and _BLANK_GAP.search(text, _previous_end(sentences), start):
            paragraph += 1
        piece_start = start
        for match in _BOUNDARY.finditer(text, start, end):
            if _ends_sentence(text, match.start(), match.end()):
                _add(sentences, text, piece_start, match.end(), paragraph)
                piece_start = match.end()
        _add(sentences, text, piece_start, end, paragraph)
    return sentences


def _previous_end(sentences: list[Sentence]) -> int:
    return sentences[-1].end if sentences else 0


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if _LETTER_OR_DIGIT.search(text, start, end):
        sentences.append(Sentence(start, end, paragraph))


def _blocks(text: str) -> list[tuple[int, int]]:
    """Runs of lines that belong together (rule 1), without line markers."""
    blocks: list[tuple[int, int]] = []
    previous_end = -1
    for line in _LINE.finditer(text):
        start, end = line.start(), line.end()
        marker = _LINE_MARKER.match(text, start, end)
        if marker:
            start = marker.end()
        content = text[start:end].strip()
        if not content:
            continue
        if blocks and previous_end >= 0 and _runs_on(text, previous_end, start, content):
            blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((start, end))
        previous_end = end
    return blocks


def _runs_on(text: str, previous_end: int, start: int, content: str) -> bool:
    if "\n" in text[previous_end:start].replace("\n", "", 1):
        return False  # a blank line in between
    previous = text[:previous_end].rstrip()
    if not previous:
        return False
    if content[0].islower():
        return True
    if previous[-1] in ",;(-–—":
        return True
    last_word = previous.rsplit(None, 1)[-1]
    return last_word.lower() in _RUNS_ON_WORDS


def _ends_sentence(text: str, stop: int, after: int) -> bool:
    """Does the punctuation at ``text[stop:after]`` end a sentence?"""
    following = _NEXT_WORD.match(text, after)
    if following is None:
        return True
    next_word = following.group(1)
    first = next_word[0]
    if first.islower():
        return False
    mark = text[stop]
    if mark != "." or text.startswith("..", stop):
        return True
    before = _WORD_BEFORE.search(text, max(0, stop - 40), stop + 1)
    if before is None:
        return True
    word = before.group(1)
    bare = word.rstrip(".").lstrip("\"'“‘([").lower()
    if _DOTTED.search(word):
        return next_word.strip("\"'“‘") in _SENTENCE_STARTERS
    if bare in _TITLES:
        return False
    if bare in _BEFORE_NUMBERS and first.isdigit():
        return False
    if len(bare) == 1 and bare.isalpha() and word.lstrip("\"'“‘([")[0].isupper() and first.isupper():
        return False  # an initial: "J. Smith"
    if bare in _COMPANY_SUFFIXES:
        return next_word in _SENTENCE_STARTERS
    return True
