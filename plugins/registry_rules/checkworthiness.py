"""Score how check-worthy a sentence is, with the features that explain the score.

The score is a logistic model over interpretable features, in the manner of
ClaimBuster and PASTEL: numbers, named entities, statistics and
comparisons, verifiable events and attribution push a sentence up;
opinion, prediction, questions, hedges, first-person experience and
boilerplate push it down. A lexical component adds what the hand-made
features miss: a TF-IDF-style bag of the sentence's words, adjacent word
pairs and the character 2- to 5-grams of each word (its spelling pieces,
which weigh words the model never saw by their endings and stems). A
word's share of the score includes its pieces'; the words and pairs that
weigh most in a sentence are named in its features, so every score stays
explainable.

Where the weights come from: ``checkworthiness_weights.json`` next to this
module, written by ``python benchmarks/checkworthiness.py --write-weights``,
which fits a logistic regression (scikit-learn) on the ClaimBuster 2.5xNCS
set of 9,674 US presidential debate sentences labelled check-worthy or not
(Arslan et al., ICWSM 2020; ``../shared/data/claimbuster``). Features that
set cannot show keep hand-set weights, marked ``"source": "hand-set"`` in
the file: boilerplate, bylines, contact lines and "declined to comment"
(debate sentences are spoken and never page furniture), attribution, and
what this project's definition of a claim excludes but debate labels often
count as check-worthy — forecasts, conditional outcomes, exhortations,
evaluations and a quoted first-person account (see
``benchmarks/checkworthiness.py``). Scoring here is pure Python.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from registry import Attribution, Quantity

from .lexicon import COMMENTATOR_ROLES, CUE_VERBS, PARTICIPLE_CUES, PRIVATE_ROLES, ROLES
from .patterns import CAPTION_OR_LINK

THRESHOLD = 0.5
"""A sentence whose score is at least this is check-worthy (issue 3: default 0.5)."""

WEIGHTS_FILE = Path(__file__).with_name("checkworthiness_weights.json")

# How many word and word-pair contributions are named in ``features``; the rest are summed.
_NAMED_TERMS = 4
# Distinct words whose spelling-piece weights are kept; a news run sees far fewer.
_CACHED_WORDS = 100_000

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|[0-9][0-9,.]*")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STATISTIC = _words("""
double doubled doubles doubling triple tripled twice half halved percent percentage
rate rates average median increase increased increases decrease decreased decreases rise rose
risen rising fell fall fallen falling drop dropped grew grow growth decline declined
record lowest highest largest smallest biggest fastest slowest most least fewer more less
since total majority share ranked number amount deficit debt budget unemployment inflation
gdp tax taxes billion million trillion thousand hundred times per capita compared
""")
_EVENT = _words("""
killed died dies wounded injured arrested attacked invaded launched signed passed vetoed
voted approved rejected announced released elected appointed resigned fired hired created
lost won built closed opened banned imposed raised lowered spent paid sent sold bought
shipped delivered destroyed captured seized charged convicted sentenced sued fined ruled
struck joined held met visited introduced sponsored supported opposed increased reduced
doubled tripled expanded eliminated ended began started founded confirmed reported
recorded counted published filed issued awarded granted received cancelled canceled cut
""")
_OPINION = _words("""
should shouldn't ought must great terrible wonderful horrible awful excellent fantastic
disgraceful shameful wrong bad good best worst important outrageous ridiculous
unacceptable beautiful amazing incredible tremendous disaster mistake fair unfair crazy
sad proud deserve deserves respect tough believe
""")
_OPINION_PHRASES = frozenset({
    ("i", "think"), ("i", "believe"), ("i", "feel"), ("i", "hope"), ("i", "guess"), ("i", "want"),
    ("we", "think"), ("we", "believe"), ("we", "need"), ("we", "must"), ("we", "should"),
    ("my", "opinion"), ("my", "view"), ("need", "to"), ("have", "to"),
})
_PREDICTION = _words("""
will won't going gonna expect expects expected forecast forecasts predict predicts
predicted projected plans plan intend intends likely unlikely i'll we'll they'll it'll
he'll she'll you'll
""")
_HEDGE = _words("""
may might could perhaps possibly probably maybe apparently allegedly reportedly seems seem
seemed appears suggest suggests unclear uncertain
""")
# A forecast rather than a mere future tense: a forecasting verb, or a modal
# with a time still to come ("will rise next year").
_FORECAST = _words("""
expect expects expected expecting forecast forecasts forecasting predict predicts predicted
projected anticipate anticipates anticipated
""")
_TIMES_TO_COME = frozenset({
    ("next", "year"), ("next", "month"), ("next", "week"), ("next", "quarter"), ("next", "decade"),
    ("coming", "years"), ("coming", "months"), ("coming", "weeks"), ("coming", "days"),
    ("the", "future"), ("later", "this"), ("years", "ahead"), ("months", "ahead"),
})
_MODALS = _words("will won't would could might may i'll we'll they'll it'll he'll she'll")
_CONDITIONS = _words("if unless")
# Telling someone what to do: an exhortation or recommendation, not a claim.
_EXHORTATION = _words("""
urge urged urges urging appeal appealed appeals recommend recommends recommended advise advised
advises implore implored
""")
_EXHORTATION_PAIRS = frozenset({
    ("called", "on"), ("calls", "on"), ("call", "on"), ("called", "upon"), ("calls", "upon"),
    ("should", "be"), ("must", "be"), ("ought", "to"),
})
# A speaker's judgement of something rather than a statement of fact about it.
_EVALUATION = _words("""
credible plausible implausible reasonable unreasonable realistic unrealistic sensible prudent reckless
irresponsible worrying troubling encouraging disappointing concerning alarming impressive modest
ambitious optimistic pessimistic caution cautious frankly truth clearly obviously regrettable remarkable
""")
_EVALUATION_PAIRS = frozenset({("far", "too"), ("too", "high"), ("too", "low"), ("too", "large"), ("too", "small")})
# A reporter's note that someone gave no answer: "declined to comment", "did not respond to a request for comment".
_NO_ANSWER = _words("declined refused respond responded reached return returned")
# "She declined to say how many claims remained unpaid": what a source would not tell.
_DECLINING = _words("declined declines refused refuses would wouldn't")
_DECLINED_TO_SAY = re.compile(
    r"\b(?:declined|declines|refused|refuses|would\s+not|wouldn't)\s+(?:to\s+)?"
    r"(?:say|confirm|disclose|name|discuss|answer|elaborate|specify|reveal)\b",
    re.IGNORECASE,
)
# "did not reply to questions", "has not answered requests for an interview"
_NO_REPLY = _words("reply replied respond responded answer answered")
_QUESTIONS = _words("questions requests")
# Service information (how to reach someone) in a sentence that gives a phone number,
# an e-mail address or a web address.
_CONTACT_WORDS = _words("call calling reach contact contacted email e-mail write visit dial text phone helpline hotline")
_CONTACT_DETAIL = re.compile(
    r"\+?\(?\d{2,4}\)?[ .-]\d{3,4}[ .-]\d{3,4}\b"  # a phone number ("(02) 8527-3877" too)
    r"|\b(?:call|calling|dial|dialling|dialing|text|texting)\s+\d{3,}"  # a short service number
    r"|[\w.+-]+@[\w-]+\.[\w.]+|\bwww\.|https?://|\b[\w-]+\.[a-z]{2,}/"  # an e-mail or web address
)
_CAUSAL = _words("because due caused causes cause led result resulted therefore owing blamed responsible")
_FIRST_PERSON = frozenset({"I", "I'm", "I've", "I'd", "I'll", "me", "my", "mine", "myself", "Me", "My"})
_FIRST_PERSON_PLURAL = _words("we we're we've we'd we'll our ours us ourselves")
_SECOND_PERSON = _words("you you're you've you'd you'll your yours yourself")
_QUESTION_OPENERS = _words("""
who what when where why how which is are was were do does did can could would will should
have has isn't aren't don't doesn't didn't
""")

# Page furniture, as runs of one to three lower-cased words. Phrases that news text
# also uses ("a new privacy policy") count only on a short line of their own.
def _phrases(*phrases: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(phrase.split()) for phrase in phrases)


_FURNITURE_ANYWHERE = _phrases(
    "share this article", "share this story", "share this page", "you can share", "comments are closed",
    "comments are open", "leave a comment", "sign up for our", "subscribe to our", "click here",
    "follow us on", "all rights reserved", "this article was", "this story was", "this article has",
    "this story has", "contact the author", "image caption", "photo credit", "listen to this article",
    "min read", "minute read", "minutes read", "reporting by", "editing by", "contributed to this",
    "contributed reporting", "our standards", "trust principles", "this article is", "this story is",
)
_FURNITURE_ON_SHORT_LINES = _FURNITURE_ANYWHERE | _phrases(
    "newsletter", "newsletters", "advertisement", "copyright", "read more", "read next", "related stories",
    "related articles", "related coverage", "privacy policy", "terms of use", "terms of service", "email us",
)
# A short line that asks the reader to do something for the outlet: "Sign up for the Post morning
# briefing", "Follow the Sahel Courier on WhatsApp for breaking news".
# A page's time stamp: "Updated 10:32 GMT, 8 December 2026", "Published: 8 December 2026".
_TIME_STAMP = re.compile(
    r"\s*(?:last\s+)?(?:updated|published|posted|modified|first\s+published)\b\s*(?:on|at)?\s*:?\s*"
    r"(?:[0-9]|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"
    r"(?:[^.!?]|(?<=[0-9])\.(?=[0-9])){0,50}$",  # "10.32 GMT": a dot only between digits
    re.IGNORECASE,
)
# A wire's note of the exchange rate it used: "($1 = 15,870 rupiah)".
_RATE_NOTE = re.compile(r"\s*\(\s*\S{0,3}\s?[0-9][0-9.,]*\s*\w*\s*=\s*\S{0,3}\s?[0-9][0-9.,]*\s*[\w ]{0,20}\)\s*$")
# A byline of name, outlet and date set apart by pipes, without "By": "Thandeka Mokoena | Goudveld Herald | 27 November 2026".
_PIPED_BYLINE = re.compile(r"\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s*\|\s*[^|]{2,40}(?:\|\s*[^|]{2,40}){0,2}$")
_CALL_TO_ACTION_WORDS = 20
_CALL_TO_ACTION = re.compile(r"\s*(?:sign\s+up|subscribe|follow\s|download|get\s+the\s|join\s+(?:us|our)\b)", re.IGNORECASE)
# Each phrase contains its longest word: a sentence without any of these has none of the phrases.
_FURNITURE_KEYS_ANYWHERE = frozenset(max(phrase, key=len) for phrase in _FURNITURE_ANYWHERE)
_FURNITURE_KEYS_ON_SHORT_LINES = frozenset(max(phrase, key=len) for phrase in _FURNITURE_ON_SHORT_LINES)
_SHORT_LINE_WORDS = 12
_CORRECTION_NOTE = {("earlier", "version", "of", "this", noun) for noun in ("article", "story", "report", "piece")}
_BYLINE = re.compile(
    # a name's particles in lower case: "By Sanne de Vries, Lowlands Courier"
    r"\s*(?:By|BY|Written by|Reporting by)\s+[A-Z][\w'’.-]+"
    r"(?:\s+(?:and\s+)?(?:(?:de|van|von|der|den|da|di|del|la|le|du|dos|ter)\s+){0,2}[A-Z][\w'’.-]+){0,4}"
    r"(?:,\s+(?:[\w'’.-]+\s+){0,3}(?i:reporter|correspondent|editor|writer|columnist|contributor|staff)"
    # or the outlet, the place and the date: "By Wanjiru Kamau, Lakeview Standard, Nakuru",
    # "By Nina Vidmar | Alpine Wire | October 7, 2026"
    r"|(?:,\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}){1,2}|(?:\s+[|·•]\s+[^|·•]+){1,3})?\s*[,.]?\s*$"
)
# A note on the reporter at the end of a story: "Aino Lehtinen covers technology for Nordic Tech Daily."
_REPORTER_NOTE = re.compile(
    r"\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s+(?:covers|reports\s+on|writes\s+about|is\s+(?:a|an|the|our)\s+"
    r"(?:[\w-]+\s+){0,3}(?:reporter|correspondent|editor|writer|columnist))\b[^.;]{0,120}?\s(?:for|at)\s+(?:the\s+)?[A-Z]"
)
_REPORTER_NOTE_WORDS = 20
_BYLINE_WORDS = 10
_QUOTE_MARKS = frozenset('"“”')

# The claim type each feature stands for; a claim's type is that of the typed
# feature with the largest contribution to its score, in either direction.
_FEATURE_TYPES = {
    "quantity": "quantity",
    "statistic": "quantity",
    "event": "event",
    "quote": "quote",
    "causal": "causal",
    "prediction": "prediction",
    "forecast": "prediction",
    "conditional": "prediction",
    "quoted_first_person": "opinion",
    "commentator_forecast": "prediction",
    "personal_account": "other",
    "no_answer": "other",
    "exhortation": "opinion",
    "evaluation": "opinion",
    "contact": "other",
    "opinion": "opinion",
    "first_person": "opinion",
    "hedge": "opinion",
    "question": "other",
    "boilerplate": "other",
    "byline": "other",
}


@dataclass(frozen=True)
class Assessment:
    """How check-worthy one sentence is, and why.

    ``features`` maps each feature that fired to its contribution to the
    log-odds of ``score`` (weight × value): the hand-made features by name,
    the heaviest words as ``word:<word>`` (the word and its spelling pieces)
    and word pairs as ``phrase:<first second>``, the remaining words and
    pairs summed as ``other_words``, and the model's ``bias``. They add up
    to the logit.
    """

    score: float
    checkworthy: bool
    claim_type: str
    features: dict[str, float] = field(default_factory=dict)


def tokens(text: str) -> list[str]:
    """The word tokens of ``text`` as written (curly apostrophes made straight)."""
    return _TOKEN.findall(text.replace("’", "'"))


def feature_values(
    text: str, words: list[str], *, quantities: list[Quantity], attribution: Attribution | None
) -> dict[str, float]:
    """The hand-made features of ``text`` (tokenised as ``words``), each in [0, 1]; absent ones left out."""
    sequence = lexical_sequence(words)
    candidates = _feature_values(text, words, sequence, set(sequence), _pairs(sequence), quantities, attribution)
    return {name: float(value) for name, value in candidates.items() if value}


def _feature_values(
    text: str,
    words: list[str],
    sequence: list[str],
    vocabulary: set[str],
    pairs: set[tuple[str, str]],
    quantities: list[Quantity],
    attribution: Attribution | None,
) -> dict[str, bool | float]:
    """Every hand-made feature, fired or not: a truth value or a number in [0, 1]."""
    # ``sequence`` is the lower-cased words with numbers as '<num>': no word list
    # or phrase here contains a digit, so they read it as they would the words.
    stripped = text.strip().rstrip("\"'”’)")
    # names in the claim, not in the words that attribute it ("..., the agency's director, Dr Yannick
    # Le Bihan, told reporters in Rennes" names no one the claim is about)
    attributing = _attributing_words(
        attribution.speaker, attribution.role, attribution.organization, attribution.medium, attribution.interviewer
    ) if attribution is not None and attribution.claimant else _NO_WORDS
    capitalised = len([word for word in words[1:] if word[0].isupper() and word not in _FIRST_PERSON
                       and word not in attributing])
    quoted = (attribution is not None and attribution.direct_quote) or not _QUOTE_MARKS.isdisjoint(text)
    first_person = not _FIRST_PERSON.isdisjoint(words)
    opinion = len(vocabulary & _OPINION)
    if opinion <= 1:
        opinion += len(pairs & _OPINION_PHRASES)
    forecast = not vocabulary.isdisjoint(_FORECAST) or (not vocabulary.isdisjoint(_MODALS) and not pairs.isdisjoint(_TIMES_TO_COME))
    candidates = {
        "quantity": bool(quantities) or "<num>" in vocabulary,
        "named_entity": min(capitalised, 3) / 3,
        "statistic": min(len(vocabulary & _STATISTIC), 2) / 2,
        "event": not vocabulary.isdisjoint(_EVENT),
        # a source that says something, not a person who only did something ("X defended the decision",
        # "X declined to comment": the attribution's cue is then a verb of no saying)
        "attributed": attribution is not None and attribution.claimant is not None
        and not _only_acted(attribution.cue),
        "quote": quoted,
        "causal": not vocabulary.isdisjoint(_CAUSAL),
        "opinion": min(opinion, 2) / 2,
        "prediction": not vocabulary.isdisjoint(_PREDICTION),
        "forecast": forecast,
        "conditional": not vocabulary.isdisjoint(_CONDITIONS) and not vocabulary.isdisjoint(_MODALS),
        "exhortation": not vocabulary.isdisjoint(_EXHORTATION) or not pairs.isdisjoint(_EXHORTATION_PAIRS),
        "evaluation": not vocabulary.isdisjoint(_EVALUATION) or not pairs.isdisjoint(_EVALUATION_PAIRS),
        "contact": not vocabulary.isdisjoint(_CONTACT_WORDS) and _CONTACT_DETAIL.search(text) is not None,
        "hedge": not vocabulary.isdisjoint(_HEDGE),
        "first_person": first_person,
        # In news, "I" is only ever in a quotation: the speaker's own experience or view.
        "quoted_first_person": first_person and quoted,
        "no_answer": ("comment" in vocabulary and not vocabulary.isdisjoint(_NO_ANSWER)) or (
            not vocabulary.isdisjoint(_DECLINING) and _DECLINED_TO_SAY.search(text) is not None) or (
            not vocabulary.isdisjoint(_QUESTIONS) and not vocabulary.isdisjoint(_NO_REPLY) and "not" in vocabulary),
        # what a commentator says will or would happen ("an analyst expects rents to rise",
        # "analysts said the delays would cut profit"): nothing to check yet, unlike an
        # institution's own projection
        "commentator_forecast": (forecast or not vocabulary.isdisjoint(_MODALS)) and attribution is not None
        and attribution.role is not None and not COMMENTATOR_ROLES.isdisjoint(attribution.role.lower().split()),
        # a private person on their own life ("a retired teacher said she waited 14 months"): a
        # speaker with no organisation and no role, or a private person's role, or an occupation
        # no institution gives ("a seamstress"), in their own words (a quotation) or speaking of
        # themselves ("she said she had waited"); what such a person reports of others or of an
        # institution ("X said 41 of the clubs had not paid"), denies or alleges is a claim like anyone's
        "personal_account": attribution is not None and attribution.speaker is not None
        and attribution.organization is None and (attribution.role is None or _private_role(attribution.role.lower()))
        and attribution.modality not in _CONTESTING and (quoted or _speaks_of_self(words, first_person, vocabulary)),
        # a named source rejecting an accusation or a figure ("FreshWay denied any wrongdoing")
        "denial": attribution is not None and attribution.claimant is not None and attribution.modality == "denial",
        # a named source accusing someone ("The union accused the bank of closing branches to pay dividends")
        "accusation": attribution is not None and attribution.claimant is not None
        and attribution.modality == "allegation",
        "first_person_plural": not vocabulary.isdisjoint(_FIRST_PERSON_PLURAL),
        "second_person": not vocabulary.isdisjoint(_SECOND_PERSON),
        "question": stripped.endswith("?") or (bool(sequence) and sequence[0] in _QUESTION_OPENERS and "?" in text),
        "short": len(words) < 6,
        "boilerplate": _is_boilerplate(sequence, vocabulary) or CAPTION_OR_LINK.match(text) is not None or (
            len(sequence) <= _CALL_TO_ACTION_WORDS and _CALL_TO_ACTION.match(text) is not None
        ) or _RATE_NOTE.match(text) is not None or _TIME_STAMP.match(text) is not None,
        # words as written: the tokens split "Lucía" and "Río" in two
        "byline": (len(text.split()) <= _BYLINE_WORDS and (
            _BYLINE.match(text) is not None or _PIPED_BYLINE.match(text) is not None
        ))
        or (len(words) <= _REPORTER_NOTE_WORDS and _REPORTER_NOTE.match(text) is not None),
    }
    return candidates


_NO_WORDS: frozenset[str] = frozenset()
_TITLES = frozenset({"Dr", "Mr", "Mrs", "Ms", "Prof", "Sir", "Dame"})  # before a speaker's name


@functools.lru_cache(maxsize=4096)  # a speaker's sentences share their names
def _attributing_words(*names: str | None) -> frozenset[str]:
    """The words of the names an attribution gives (speaker, role, organisation, medium, interviewer)."""
    return _TITLES.union(word for name in names if name for word in tokens(name))


def _only_acted(cue: str | None) -> bool:
    """Is ``cue`` the verb of a person who did something rather than said it
    ("defended", "declined", "went"), as the attribution of a sentence whose
    subject is a person names it?"""
    return bool(cue) and cue.isalpha() and cue.islower() and cue not in CUE_VERBS and cue not in PARTICIPLE_CUES and (
        cue not in _FIGURE_CUES)


_FIGURE_CUES = frozenset({"put", "puts", "putting"})  # "X put the cost at ...": an estimate


_CONTESTING = frozenset({"denial", "allegation"})
_THIRD_PERSON_SINGULAR = frozenset({"he", "she", "his", "her", "him", "hers", "himself", "herself",
                                    "He", "She", "His", "Her"})


def _speaks_of_self(words: list[str], first_person: bool, vocabulary: set[str]) -> bool:
    """Does a sentence attributed to a person speak of that person: "I", "we", or "he"/"she" other
    than the one that attributes it ("she said", "he told": "she said she had waited" speaks of
    herself, "he said the clubs had not paid" does not)?"""
    if first_person or not vocabulary.isdisjoint(_FIRST_PERSON_PLURAL):
        return True
    return any(word in _THIRD_PERSON_SINGULAR and (index + 1 == len(words) or words[index + 1].lower() not in CUE_VERBS)
               for index, word in enumerate(words))


def _private_role(role: str) -> bool:
    """Is ``role`` a private person's ("teacher") or one no institution gives ("seamstress")?"""
    last = role.split()[-1]
    return last in PRIVATE_ROLES or last not in ROLES


def _is_boilerplate(lowered: list[str], vocabulary: set[str]) -> bool:
    if "version" in vocabulary and _CORRECTION_NOTE & set(zip(lowered, lowered[1:], lowered[2:], lowered[3:], lowered[4:])):
        return True  # "Correction: An earlier version of this article misstated ..."
    short = len(lowered) <= _SHORT_LINE_WORDS
    if vocabulary.isdisjoint(_FURNITURE_KEYS_ON_SHORT_LINES if short else _FURNITURE_KEYS_ANYWHERE):
        return False  # most sentences: no phrase can be there, no runs to build
    runs = set(zip(lowered, lowered[1:], lowered[2:])) | set(zip(lowered, lowered[1:]))
    if not short:
        # "Sign up for the Herald's business newsletter, sent every weekday at 7 a.m."
        return not runs.isdisjoint(_FURNITURE_ANYWHERE) or ("newsletter" in vocabulary and ("sign", "up") in runs)
    runs.update((word,) for word in lowered)
    return not runs.isdisjoint(_FURNITURE_ON_SHORT_LINES)


def lexical_sequence(words: list[str]) -> list[str]:
    """The lower-cased words the lexical component reads, in order; numbers become '<num>'."""
    return ["<num>" if word[0].isdigit() else word.lower() for word in words]


def _pairs(sequence: list[str]) -> set[tuple[str, str]]:
    return set(zip(sequence, sequence[1:]))


def lexical_terms(sequence: list[str]) -> set[str]:
    """The distinct words and adjacent word pairs ('a b') of a lexical sequence."""
    return {*sequence, *(f"{first} {second}" for first, second in _pairs(sequence))}


def spelling_pieces(word: str) -> set[str]:
    """The character 2- to 5-grams of ``word`` with a space at each end.

    They let the model weigh words it never saw through their spelling
    (``' re'``, ``'ion '``, ``'ed '``: tense, plurals, policy nouns).
    """
    padded = f" {word} "
    return {padded[i:i + n] for n in range(2, 6) for i in range(len(padded) - n + 1)}


_Entry = tuple[float, float, "tuple[float, str, float] | None"]


def _entry(term: str, weight: float, norm: float) -> _Entry:
    return weight, norm, ((-abs(weight), term, weight) if weight else None)


class Model:
    """A set of weights: the intercept, one weight per hand-made feature, and the lexical weights.

    The lexical part is an inverse-document-frequency weighted bag of the
    sentence's words, adjacent word pairs (``terms``) and the spelling
    pieces of each distinct word (``pieces``, see ``spelling_pieces``),
    normalised to unit length as TF-IDF is: each entry is
    ``[weight, norm]``, the fitted coefficient times the entry's value and
    that value squared, and the bag scores ``sum(weight) / sqrt(sum(norm))``
    over the entries the sentence contains (entries outside the fitted
    vocabulary count for nothing). A word's pieces are summed once per
    word, so a word's whole share is computed once and cached.
    """

    def __init__(
        self,
        intercept: float,
        feature_weights: dict[str, float],
        terms: dict[str, tuple[float, float]],
        pieces: dict[str, tuple[float, float]],
    ):
        self.intercept = intercept
        self.feature_weights = feature_weights
        self.terms = terms
        self.pieces = pieces
        # Words and pairs as the scorer reads them: weight, norm and the ranked entry
        # ``lexical_weights`` lists (None for no weight), built once rather than per sentence;
        # pairs keyed by the tuples a sentence's pairs come in.
        self._pairs = {tuple(term.split(" ")): _entry(term, *entry) for term, entry in terms.items() if " " in term}
        self._words: dict[str, _Entry] = {}

    @classmethod
    def from_dict(cls, data: dict) -> Model:
        """Read the layout of ``checkworthiness_weights.json``."""
        return cls(
            intercept=float(data["intercept"]),
            feature_weights={name: float(entry["weight"]) for name, entry in data["features"].items()},
            terms={term: (float(weight), float(norm)) for term, (weight, norm) in data["terms"].items()},
            pieces={piece: (float(weight), float(norm)) for piece, (weight, norm) in data["pieces"].items()},
        )

    def _word_entry(self, word: str) -> _Entry:
        """A word's weight and norm, its own term's plus its spelling pieces', cached."""
        weight, norm = self.terms.get(word, (0.0, 0.0))
        pieces = self.pieces
        for piece in spelling_pieces(word):
            entry = pieces.get(piece)
            if entry is not None:
                weight += entry[0]
                norm += entry[1]
        if len(self._words) >= _CACHED_WORDS:
            self._words.clear()  # a bound, not a policy: news vocabulary refills it fast
        entry = self._words[word] = _entry(word, weight, norm)
        return entry

    def lexical_weights(
        self, vocabulary: set[str], pairs: set[tuple[str, str]]
    ) -> tuple[list[tuple[float, str, float]], float, float]:
        """What the lexical part of the logit is made of, for a sentence's distinct words and word pairs.

        Returns ``(-abs(weight), term, weight)`` for each word (with its
        spelling pieces) and word pair ('a b') that weighs something, the
        sum of their weights, and the scale that makes weights shares of the
        logit.
        """
        words = self._words
        weighted = []
        total = norm = 0.0
        for word in vocabulary:
            weight, word_norm, ranked = words.get(word) or self._word_entry(word)
            norm += word_norm
            if ranked is not None:
                total += weight
                weighted.append(ranked)
        known_pairs = self._pairs
        for pair in pairs:
            entry = known_pairs.get(pair)
            if entry is not None:
                weight, pair_norm, ranked = entry
                norm += pair_norm
                if ranked is not None:
                    total += weight
                    weighted.append(ranked)
        return weighted, total, (1.0 / math.sqrt(norm) if norm else 1.0)

    def assess(self, text: str, *, quantities: list[Quantity], attribution: Attribution | None) -> Assessment:
        """Score ``text`` (one sentence or clause) for check-worthiness."""
        words = tokens(text)
        sequence = lexical_sequence(words)
        vocabulary = set(sequence)
        pairs = _pairs(sequence)
        contributions: dict[str, float] = {}
        feature_weights = self.feature_weights
        for name, value in _feature_values(text, words, sequence, vocabulary, pairs, quantities, attribution).items():
            # a truth value multiplies as 0 or 1, as float(value) would
            if value and (weight := feature_weights.get(name, 0.0)):
                contributions[name] = weight * value
        weighted, total, scale = self.lexical_weights(vocabulary, pairs)
        weighted.sort()  # heaviest first, then alphabetical (each term once, so the weight never decides)
        rest = total
        for _, term, weight in weighted[:_NAMED_TERMS]:
            contributions[f"{'phrase' if ' ' in term else 'word'}:{term}"] = weight * scale
            rest -= weight
        if len(weighted) > _NAMED_TERMS:
            contributions["other_words"] = rest * scale
        logit = self.intercept + sum(contributions.values())
        score = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, logit))))
        typed = [(abs(value), _FEATURE_TYPES[name]) for name, value in contributions.items() if name in _FEATURE_TYPES]
        claim_type = max(typed)[1] if typed else "other"
        features = {name: round(value, 4) for name, value in contributions.items()}
        features["bias"] = round(self.intercept, 4)
        return Assessment(score=score, checkworthy=score >= THRESHOLD, claim_type=claim_type, features=features)


@functools.cache
def shipped_model() -> Model:
    """The weights of ``WEIGHTS_FILE``, read on first use: parsing its 1.7 MB costs about 0.1 s,
    which commands that never score a sentence should not pay at import."""
    return Model.from_dict(json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")))


def assess(text: str, *, quantities: list[Quantity], attribution: Attribution | None) -> Assessment:
    """Score ``text`` (one sentence or clause) with the shipped weights."""
    return shipped_model().assess(text, quantities=quantities, attribution=attribution)
