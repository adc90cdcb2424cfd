"""Find the amounts stated in a piece of text and parse each to a Quantity.

Every number that states an amount becomes a ``registry.Quantity`` with its
value as a float, its unit or counted noun, and the hedge word before it
("over 125,000 troops" → 125000.0, "troops", "over"). Numbers that are not
amounts are left out: years and dates, clock times, ordinals, phone numbers
and identifiers ("No. 10", "F-16", "Article 5").

Conventions (docs/rules.md, "Quantities"):

- Money is in base units with an ISO 4217 code: "$8.9 billion" → 8.9e9 "USD",
  "3.4 billion crowns" → 3.4e9 "CZK" (English-language news writes Swedish,
  Danish and Norwegian money as kronor/kroner, so "crowns" is the koruna).
- Percentages use "%" whether written "%", "per cent" or "percent";
  "percentage point(s)" is its own unit.
- Fractions of a whole use unit "fraction": "nearly a third" → 0.333…; a
  fraction of a unit takes that unit ("a quarter of a percentage point" →
  0.25 "percentage points", "one-half miles" → 0.5 "miles").
- A counted noun is the plural noun among the three words after the number,
  as written ("4,300 cancelled trips" → "trips"); partitive nouns keep their
  complement ("16,000 pieces of heavy equipment" → "pieces of heavy
  equipment"). Unit words are kept as written ("meters", "kilometres");
  abbreviations and symbols are spelled out ("km" → "kilometres", "°C" →
  "degrees Celsius"). Rates add "per …" ("$15 an hour" → "USD per hour").
- A range ("10–12 minutes", "between 70,000 and 80,000") is two quantities,
  one per end, both with qualifier "between"; the first end borrows the
  unit and scale of the second ("5 to 10 million" → 5e6 and 1e7).
- Lone "one" and "a"/"an" are amounts only before a unit of measurement
  ("one hour"): "one of them", "that one costs" are pronouns.

Why hand-written rules and not quantulum3 (the maintained library for this):
measured on the quantulum3 gold sentences (docs/rules.md), quantulum3 0.10
takes about 1.9 s to load its unit tables on first use and about 1.2 ms per
sentence, twenty times slower than these rules (0.06 ms), against a pipeline
budget of ≥ 300 articles/s; and it returns bare numbers where news needs
more: it reads years, "No. 10" and phone numbers as amounts, drops
qualifiers, and has no counted nouns ("125,000" troops is "dimensionless").
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from registry import Quantity

from .patterns import ascii_words, word_alternation

_QUALIFIERS = (
    "no more than", "no fewer than", "no less than", "more than", "fewer than",
    "less than", "at least", "at most", "up to", "as many as", "as much as",
    "as few as", "just over", "just under", "well over", "well under", "upwards of",
    "close to", "approximately", "an estimated", "roughly", "nearly", "almost",
    "about", "around", "over", "under", "some", "only", "above", "below", "exactly",
    "between",
)
# As a trie, which tries a longer qualifier first ("more than" before "more", "just
# over" before "over") and costs half a flat alternation at each position searched.
_QUALIFIER_BEFORE = re.compile(r"(?<![\w-])(" + word_alternation(_QUALIFIERS) + r")\s+$", re.IGNORECASE)

SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12, "tn": 1e12, "trn": 1e12}
# Short scales that cannot be read as a unit, so they need no currency sign before them
# ("K" alone is kelvin, "m" metres, "t" tonnes).
_UNAMBIGUOUS_SHORT_SCALES = frozenset({"k", "bn", "Bn", "BN", "mn", "trn"})
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}


def _alternation(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


_NUMBER_WORD = _alternation([*SMALL_NUMBERS, *_SCALES, "dozen"])
_SCALE_WORD = _alternation([*_SCALES, "dozen"])

_CURRENCY_SYMBOLS = {
    "US$": "USD", "$": "USD", "C$": "CAD", "A$": "AUD", "€": "EUR", "£": "GBP",
    "¥": "JPY", "₹": "INR", "₽": "RUB", "₴": "UAH",
}
_CURRENCY_CODES = ("USD", "EUR", "GBP", "CZK", "JPY", "CHF", "CAD", "AUD", "RUB", "UAH", "PLN", "CNY", "INR", "SEK", "NOK", "DKK")
_CURRENCY_WORDS = {
    "dollar": "USD", "euro": "EUR", "pound sterling": "GBP", "pounds sterling": "GBP",
    "crown": "CZK", "koruna": "CZK", "korun": "CZK", "koruny": "CZK", "kč": "CZK",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rouble": "RUB", "ruble": "RUB",
    "hryvnia": "UAH", "rupee": "INR", "zloty": "PLN", "swiss franc": "CHF",
    "kronor": "SEK", "krona": "SEK", "kroner": "NOK",
}

# Unit words after a number, singular → as a reader says them; plural forms are accepted too.
_UNIT_WORDS = frozenset("""
metre meter kilometre kilometer centimetre centimeter millimetre millimeter micrometre micrometer
nanometre nanometer mile yard foot inch gram kilogram milligram microgram tonne ton ounce
litre liter millilitre milliliter centilitre centiliter gallon pint cup tablespoon teaspoon barrel
acre hectare second minute hour day week month year decade century millennium degree kelvin
watt kilowatt megawatt gigawatt volt joule kilojoule calorie kilocalorie byte kilobyte megabyte
gigabyte terabyte petabyte exabyte bit hertz kilohertz megahertz gigahertz electronvolt
newton pascal ampere percentage point
""".split()) | {"percentage point"}
_IRREGULAR_UNIT_PLURALS = {"feet": "foot", "inches": "inch", "centuries": "century", "millennia": "millennium"}

# SI symbols: a prefix and a base, spelled out ("GHz" → "gigahertz", "mGy" → "milligrays").
_SI_PREFIXES = {"": "", "k": "kilo", "M": "mega", "G": "giga", "T": "tera", "P": "peta", "E": "exa",
                "m": "milli", "µ": "micro", "μ": "micro", "n": "nano", "p": "pico", "c": "centi"}
_SI_BASES = {"m": "metres", "g": "grams", "W": "watts", "Wh": "watt hours", "Hz": "hertz",
             "eV": "electronvolts", "J": "joules", "B": "bytes", "l": "litres", "L": "litres",
             "Gy": "grays", "V": "volts", "A": "amperes", "N": "newtons", "Pa": "pascals"}
# Left out because they collide with ordinary text after numbers: "am", "pm", "B" ("Plan B"), bare "A", "V", "N".
_SI_COLLISIONS = frozenset({"am", "pm", "B", "A", "V", "N", "cm²"})
_UNIT_SYMBOLS = {
    prefix + base: (_SI_PREFIXES[prefix] + name if prefix else name)
    for prefix in _SI_PREFIXES for base, name in _SI_BASES.items()
    if prefix + base not in _SI_COLLISIONS and not (prefix == "c" and base not in ("m", "l", "L"))
} | {
    "mi": "miles", "ft": "feet", "yd": "yards", "lb": "pounds", "lbs": "pounds", "oz": "ounces",
    "t": "tonnes", "ha": "hectares", "mph": "miles per hour", "kph": "kilometres per hour",
    "tbsp": "tablespoons", "tsp": "teaspoons",
    "°C": "degrees Celsius", "°F": "degrees Fahrenheit", "° C": "degrees Celsius",
    "° F": "degrees Fahrenheit", "°": "degrees", "C": "degrees Celsius", "F": "degrees Fahrenheit",
    "K": "kelvins",
    "h": "hours", "hr": "hours", "hrs": "hours", "min": "minutes", "mins": "minutes",
    "s": "seconds", "sec": "seconds", "secs": "seconds", "ms": "milliseconds",
    "yr": "years", "yrs": "years", "sq km": "square kilometres", "sq mi": "square miles",
    "sq ft": "square feet", "kb": "kilobits", "Mb": "megabits", "Gb": "gigabits",
}
# Nouns that count portions of something else: their complement is part of the unit.
_PARTITIVES = frozenset({"pieces", "items", "pairs", "sets", "rounds", "head", "kinds", "types"})
# Words that end a counted-noun phrase (grammatical words, not nouns).
_STOP_WORDS = frozenset("""
a an the of in on at to for from by with and or but nor than that which who whom whose
is are was were be been being has have had do does did will would shall should can could
may might must it its he she they we you i his her their our your my this these those
there here as if when while after before since until during over under about into onto
per each every more less most least some any no not all both either neither also just
only so then too very because though although whereas where why how what whether
off out up down via within without between among against across around through toward
towards upon beyond behind above below near like unlike plus versus vs ago later earlier
""".split())
_IRREGULAR_PLURALS = frozenset({
    "people", "children", "men", "women", "staff", "personnel", "police", "cattle", "feet",
    "teeth", "mice", "geese", "sheep", "deer", "fish", "aircraft", "equipment", "millennia",
})

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_IDENTIFIER_NOUNS = (
    "No|Nos|no|Number|number|Article|Articles|Section|Chapter|Clause|Paragraph|Route|Highway|"
    "Interstate|Flight|Room|Gate|Platform|Line|Bus|Level|Phase|Stage|Round|Game|Resolution|"
    "Amendment|Title|Rule|Item|Exhibit|Appendix|Table|Figure|Fig|Vol|Volume|Page|pp|Act|Bill|"
    "Decree|Proposition|Prop|District|Ward|Precinct|Unit|Block|Lot|Apartment|Apt|Suite|Pier"
)
_YEAR = r"(?:1[2-9][0-9]{2}|20[0-9]{2}|2100)"

# Text just before a number that makes it no amount: "Jan. 5", "No. 10", "#3",
# "F-16", "G7", the "14" of "2013-14". (The year of "December 15, 2023" is a year.)
_NOT_AMOUNT_BEFORE = re.compile(
    "(?:" + "|".join((
        rf"\b(?:{word_alternation(_MONTHS.split('|'))})\.?\s+",  # tries: half the cost of flat alternations
        rf"\b(?:{word_alternation(_IDENTIFIER_NOUNS.split('|'))})\.?\s*",
        r"#\s?",
        r"(?:(?<=\w)R|[A-QS-Za-z])[-−]?|R[-−]",  # "J1149", "A-4"; a lone "R" before digits is the rand
        rf"\b{_YEAR}\s?[-–—/]\s?",
    )) + ")$"
)
# Numbers that are no amounts, matched where their first digit is.
_NOT_AMOUNT_AT = re.compile(
    "|".join((
        # Dates: "5 January 2024", "5/1/2024", "2024-01-05".
        rf"[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b\.?(?:,?\s+[0-9]{{4}}\b)?",
        r"[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{2,4}\b",
        # Decades: "1960s", "'90s".
        r"(?:[0-9]{2}){1,2}s\b",
        # Clock times: "10:30", "7 a.m.", "9pm", "5 o'clock".
        r"[0-9]{1,2}(?:[:.][0-9]{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock\b)",
        r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\b",
        # Phone numbers: "905-555-0142", "1-800-555-0199", "(212) 555-1234", "555-0142".
        r"(?:[0-9]{1,3}[.-])?[0-9]{2,4}[.-][0-9]{3,4}[.-][0-9]{3,4}\b",
        r"[0-9]{2,4}\)\s?[0-9]{3,4}[\s.-][0-9]{3,4}\b",
        r"[0-9]{3}-[0-9]{4}\b",
        # ... and in groups set apart by spaces, the first of which no thousands can start: "056 555 0142"
        r"0[0-9]{1,4}\s[0-9]{3,4}\s[0-9]{3,4}\b",
        # Versions and ordinals: "3.4.1", "1st", "22nd".
        r"[0-9]+(?:\.[0-9]+){2,}\b",
        r"[0-9]+(?:st|nd|rd|th)\b",
    ))
)
# A phone number in groups set apart by spaces ("1800 555 214"), told from a year and a
# number ("In 2024 150 000 people") by the words before it.
_SPACED_PHONE = re.compile(r"[0-9]{4}\s[0-9]{3}\s[0-9]{3,4}\b")
_PHONE_CUE_BEFORE = re.compile(r"\b(?:call|dial|phone|telephone|helpline|hotline|freephone|line|number|on)\s+$",
                               re.IGNORECASE)
# An international phone number: "+420 224 123 456" (the "+" comes just before the digits).
_PHONE_AFTER_PLUS = re.compile(r"[0-9]{1,3}(?:[\s.-]?[0-9]{2,4}){2,4}\b")
# The rest of an identifier whose start was refused: "1149.5+6663" of "J1149.5+6663".
_IDENTIFIER_REST = re.compile(r"[A-Za-z0-9]*(?:[.+\-][0-9A-Za-z]+)*")

_DIGITS = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?![0-9])|[0-9]+(?:\.[0-9]+)?|\.[0-9]+"
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
_CURRENCY_PREFIX = rf"(?:{_alternation(_CURRENCY_SYMBOLS)}|(?:{'|'.join(_CURRENCY_CODES)})\s?)"
# One alternative per way of writing a number, tried in this order at each position.
_NUMBER = re.compile(
    rf"(?P<fraction>\b(?:(?P<numerator>a|an|one|two|three|four|five|six|seven|eight|nine|[0-9]{{1,3}})[\s-]+"
    rf"(?P<denominator>{_alternation(_DENOMINATORS)})|(?P<half>half))\b)"
    rf"|(?P<ratio>\b(?P<ratio_top>one|two|three|[0-9]{{1,2}})\s+in\s+(?:every\s+)?"
    rf"(?P<ratio_bottom>{_alternation(SMALL_NUMBERS)}|[0-9]{{1,3}}(?:,[0-9]{{3}})*)(?!\w|[.,][0-9]))"
    rf"|(?P<slashed>(?<![\w./,])(?:(?P<whole>[0-9]{{1,6}})\s+)?(?P<over>[0-9]{{1,3}})/(?P<under>[0-9]{{1,3}})(?![\w/]))"
    rf"|(?P<vulgar>(?<![\w.,])(?P<vulgar_whole>[0-9]{{1,6}})?(?P<vulgar_part>[{_VULGAR}]))"
    rf"|(?P<numeric>(?P<currency>{_CURRENCY_PREFIX})?(?P<sign>(?<![\w.,])[-−](?=[0-9.]))?"
    rf"(?:(?<![\w.,/:^])|(?<=(?<!\w)R))(?P<digits>{_DIGITS})(?![0-9]|[.,/][0-9]))"
    rf"|(?P<words>\b(?:an?\s+(?={_SCALE_WORD}\b))?(?:{_NUMBER_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_NUMBER_WORD}))*"
    rf"(?P<and_a_half>\s+and\s+a\s+half)?\b)",
    re.IGNORECASE,
)
_HYPHENATED_SCALE = re.compile(r"-(" + "|".join(_SCALES) + r")\b", re.IGNORECASE)
_HYPHENATED_SCALE = re.compile(r"-(" + "|".join(_SCALES) + r")\b", re.IGNORECASE)
_MINUS_BEFORE = re.compile(r"\bminus\s+$", re.IGNORECASE)
_PLUS_OR_MINUS_BEFORE = re.compile(r"\bplus\s+or\s+minus\s+$", re.IGNORECASE)
_PLUS_MINUS = re.compile(r"\s?(?:±|\+/-)\s?[0-9]+(?:\.[0-9]+)?(?:[eE][-+−]?[0-9]+)?")
_TRIGGER_WORDS = (*SMALL_NUMBERS, *_SCALES, *_DENOMINATORS, "dozen")
# A run of digits, or one vulgar fraction: "[0-9]+|[½...]" written to start with
# one character class, which lets the engine skip ahead to the next digit (3x faster).
_DIGIT_RUN = re.compile(rf"[0-9{_VULGAR}](?:(?<=[0-9])[0-9]*)?")
_VULGAR_FRACTION = re.compile(rf"[{_VULGAR}]")
# A number word is a whole word (of ASCII letters) in any case; written as a trie
# ("f(?:i(?:ft(?:h|hs|y)|ve)|...)"), as a flat alternation costs several times more.
_TRIGGER_WORD = re.compile(rf"(?<![A-Za-z])(?:{word_alternation(_TRIGGER_WORDS)})(?![A-Za-z])", re.IGNORECASE | re.ASCII)
_ASCII_DIGITS = b"0123456789"  # for the test before the searches, on the text as bytes
_TRIGGER_WORD_BYTES = frozenset(word.encode() for word in _TRIGGER_WORDS)
_PREFIX_BEFORE = re.compile(rf"(?:{_CURRENCY_PREFIX})?(?:(?<![\w.,])[-−])?(?:(?<![0-9])\.)?$")
_ARTICLE_BEFORE = re.compile(r"\ban?\s+$", re.IGNORECASE)
_EXPONENT = re.compile(r"(?:[eE](?P<e>[-+−]?[0-9]+)|\s?[×x]\s?10\^?(?P<ten>[-+−]?[0-9]+))(?![0-9])")
_SCALE_AFTER = re.compile(
    r"\s*-?\s*(?P<word>hundred|thousand|million|billion|trillion)\b|\s?(?P<short>bn|mn|trn|tn|[mbkt])\b",
    re.IGNORECASE,
)
_CURRENCY_SYMBOL_AFTER = re.compile(r"\s?(?P<symbol>[€£¥₹₽₴])")
_PERCENT_AFTER = re.compile(r"\s?%|\s+(?:per\s?cent|pct)\b|\s+(?P<points>percentage[\s-]points?)\b", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(
    rf"\s+(?:US\s+|U\.S\.\s+)?(?P<word>{'|'.join(re.escape(w) + '(?:s|es)?' for w in sorted(_CURRENCY_WORDS, key=len, reverse=True))})(?!\w)"
    rf"|\s?(?P<code>{'|'.join(_CURRENCY_CODES)}|Kč)\b",
    re.IGNORECASE,
)
_SYMBOL_AFTER = re.compile(rf"\s?(?P<symbol>{_alternation(_UNIT_SYMBOLS)})(?P<power>\^?[23]|[²³])?(?!\w)")
# "in" is inches only where it cannot be the preposition: at the end of a clause or before a dimension.
_INCHES_AFTER = re.compile(
    r"\s?in\b\.?(?=\s*$|[,;:)]|\s+(?:thick|long|wide|tall|high|deep|across|in diameter)\b)"
)
_DEGREES_AFTER = re.compile(r"\s+(?P<unit>degrees?(?:\s+(?:Celsius|Fahrenheit|centigrade|C|F)\b)?)", re.IGNORECASE)
_HYPHEN_UNIT_AFTER = re.compile(r"\s?-(?P<unit>[A-Za-z]+)\b(?!-[a-z])")
_WORD_AFTER = re.compile(r"\s+(?P<word>[A-Za-z][A-Za-z'’-]*)")
_POWER_WORD_AFTER = re.compile(r"\s+(?P<power>squared|cubed)\b")
_RATE_AFTER = re.compile(
    r"(?:\s*/\s*|\s+per\s+|\s+an?\s+)(?P<per>hour|hr|h|day|week|month|year|yr|annum|capita|person|head|"
    r"kg|kilogram|km|kilometre|kilometer|mile|min|minute|second|s|litre|liter|l|gallon|barrel|tonne|ton)\b",
    re.IGNORECASE,
)
_OF_DETERMINER_AFTER = re.compile(r"\s+of\s+(?:the|its|their|his|her|our|these|those)\b", re.IGNORECASE)
_TOKEN_AFTER = re.compile(r"\s+(?P<token>[A-Za-z][A-Za-z'’-]*|[0-9][0-9,.]*)")
_OF_A_UNIT_AFTER = re.compile(r"\s+of\s+an?\s+(?P<unit>percentage\s+point|[a-z]+)\b", re.IGNORECASE)
_PERIOD_BEFORE = re.compile(r"\b(?:the|first|second|this|last|next|latter|other)\s+$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"-?\s*(?P<joiner>–|—|-|to|and)\s*", re.IGNORECASE)
_DIGIT_SEPARATORS = re.compile(r"[,\s]")
_FOUR_DIGITS = re.compile(r"[0-9]{4}")
_PER_BEFORE = re.compile(r"\s*(?:/|per\b)", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_RATE_NAMES = {"hr": "hour", "h": "hour", "yr": "year", "annum": "year", "min": "minute", "s": "second",
               "kg": "kilogram", "km": "kilometre", "l": "litre"}

_YEARS = range(1200, 2101)
_LARGEST_POWER = 300  # 10**309 overflows a float
_LOOKBEHIND = 24  # characters searched for a qualifier before a number


@dataclass
class _Found:
    """A quantity while it is being assembled; offsets are into the text searched."""

    start: int
    end: int
    value: float
    unit: str | None
    qualifier: str | None = None
    multiplier: float = 1.0


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Return the amounts stated in ``text``, in order.

    ``offset`` is where ``text`` starts in the document, so that each
    quantity's span indexes the document: ``text[q.span.start - offset:
    q.span.end - offset] == q.text``.
    """
    found: list[_Found] = []
    consumed = 0  # text before this offset belongs to a quantity or a refused number
    for trigger in _triggers(text):
        if trigger < consumed:
            continue
        refused_end = _not_an_amount(text, trigger)
        if refused_end is not None:
            consumed = refused_end
            continue
        match = None
        for start in _possible_starts(text, trigger):
            if start < consumed:
                continue  # "5 USD 10": the code belongs to the previous amount
            match = _NUMBER.match(text, start)
            if match and match.end() > trigger:
                break
            match = None
        if match is None:
            continue
        quantity = _assemble(text, match)
        if quantity is not None:
            found.append(_qualified(text, quantity))
            consumed = quantity.end
    _join_ranges(text, found)
    return [
        Quantity(
            value=q.value,
            unit=q.unit,
            qualifier=q.qualifier,
            text=text[q.start:q.end],
            span={"start": offset + q.start, "end": offset + q.end},  # validated into a Span, cheaper than building one
        )
        for q in found
    ]


def _triggers(text: str) -> list[int]:
    """Where a number may be: each run of digits or vulgar fraction, and each number word.

    Matching the full grammar only at these places, instead of at every
    character, is what keeps parsing cheap on long articles.
    """
    # Most sentences have no digit and no number word, which byte-string
    # operations tell several times faster than the searches (a search for
    # number words costs about as much as the rest of the parse).
    raw = text.encode("ascii", "replace")
    may_have_word = not _TRIGGER_WORD_BYTES.isdisjoint(ascii_words(text, lower=True))
    may_have_digit = len(raw.translate(None, _ASCII_DIGITS)) != len(raw) or (
        not text.isascii() and _VULGAR_FRACTION.search(text) is not None
    )
    positions = [m.start() for m in _DIGIT_RUN.finditer(text)] if may_have_digit else []
    if may_have_word:
        positions += [m.start() for m in _TRIGGER_WORD.finditer(text)]
        positions.sort()
    return positions


def _possible_starts(text: str, trigger: int) -> list[int]:
    """Where the number at ``trigger`` may begin: its currency sign or sign, 'a'/'an', or itself."""
    if text[trigger].isdigit():
        prefix = _PREFIX_BEFORE.search(text, max(0, trigger - 5), trigger)
        return [prefix.start(), trigger] if prefix and prefix.start() < trigger else [trigger]
    article = _ARTICLE_BEFORE.search(text, max(0, trigger - 4), trigger)
    return [article.start(), trigger] if article else [trigger]


def _not_an_amount(text: str, trigger: int) -> int | None:
    """If the number at ``trigger`` is a date, time, phone number, identifier or
    ordinal, where the refused text ends; otherwise None."""
    if not text[trigger].isdigit():
        return None
    at = _NOT_AMOUNT_AT.match(text, trigger)
    if at:
        return at.end()
    if trigger and text[trigger - 1] == "+" and (trigger < 2 or not text[trigger - 2].isalnum()):
        phone = _PHONE_AFTER_PLUS.match(text, trigger)
        if phone and sum(ch.isdigit() for ch in phone.group()) >= 7:
            return phone.end()
    spaced = _SPACED_PHONE.match(text, trigger)
    if spaced and _PHONE_CUE_BEFORE.search(text, max(0, trigger - 24), trigger):
        return spaced.end()  # "call the freephone helpline on 1800 555 214"
    if _NOT_AMOUNT_BEFORE.search(text, max(0, trigger - 16), trigger):
        return _IDENTIFIER_REST.match(text, trigger).end()
    return None


def is_unit_of_measurement(unit: str | None) -> bool:
    """True for a unit such as "kilometres", "%" or "USD"; False for a counted noun or None."""
    if not unit:
        return False
    head = unit.split(" per ")[0].removeprefix("square ").removeprefix("cubic ")
    if head in ("%", "fraction") or head in _CURRENCY_CODES:
        return True
    return (
        head in _UNIT_SYMBOLS.values() or _singular_unit(head.lower()) in _UNIT_WORDS
        or head.lower().startswith("degree")
    )


def _assemble(text: str, match: re.Match[str]) -> _Found | None:
    """Turn one number match into a quantity, or None if it is not an amount."""
    start, end = match.start(), match.end()
    if match.group("fraction"):
        return _fraction(text, match)
    if match.group("ratio"):
        bottom = _word_or_digits(match.group("ratio_bottom").replace(",", ""))
        if not bottom:
            return None
        return _Found(start, end, _word_or_digits(match.group("ratio_top")) / bottom, "fraction")
    if match.group("slashed"):
        over, under = int(match.group("over")), int(match.group("under"))
        # Prose writes small fractions ("1/4 inch", "2 1/2"); "9/11" and "24/7" are names, not amounts.
        if under == 0 or over >= under or not (match.group("whole") or over == 1 or under <= 10):
            return None
        value = int(match.group("whole") or 0) + over / under
        return _with_unit(text, start, end, value, default="fraction")
    if match.group("vulgar"):
        value = int(match.group("vulgar_whole") or 0) + unicodedata.numeric(match.group("vulgar_part"))
        return _with_unit(text, start, end, value, default="fraction")
    if match.group("words"):
        return _number_words(text, match)
    return _numeral(text, match)


def _numeral(text: str, match: re.Match[str]) -> _Found | None:
    """A number written in digits, with its currency, sign, exponent and scale."""
    start, end = match.start(), match.end()
    digits = match.group("digits")
    raw = _DIGIT_SEPARATORS.sub("", digits)
    value = float(raw)
    exponent = _EXPONENT.match(text, end)
    if exponent:
        power = int((exponent.group("e") or exponent.group("ten")).replace("−", "-"))
        if abs(power) > _LARGEST_POWER:
            return None
        value *= 10.0**power
        end = exponent.end()
    if match.group("sign") or (_MINUS_BEFORE.search(text, max(0, start - 20), start) and not (
        _PLUS_OR_MINUS_BEFORE.search(text, max(0, start - 20), start)
    )):
        value = -value  # "-18 degrees", "minus 18 degrees" (not a margin, "plus or minus 3 points")
    plus_minus = _PLUS_MINUS.match(text, end)
    if plus_minus:
        end = plus_minus.end()  # the stated uncertainty is part of the quantity's text, not its value
    currency = match.group("currency")
    scale = _SCALE_AFTER.match(text, end)
    if not currency and start and text[start - 1] == "R":
        # the South African rand: "R1.8bn", "R4,000"; "R101" is a road or a model, no amount
        if not (scale or "," in digits or "." in digits):
            return None
        start, currency = start - 1, "ZAR"
    multiplier = 1.0
    if scale:
        word, short = scale.group("word"), scale.group("short") or ""
        if word or (short and (currency or short in _UNAMBIGUOUS_SHORT_SCALES)):
            multiplier = _SCALES[word.lower()] if word else _SHORT_SCALES[short.lower()]
            value *= multiplier
            end = scale.end()
    if not math.isfinite(value):
        return None  # hundreds of digits in a row: no amount anyone states
    if currency:
        code = _CURRENCY_SYMBOLS.get(currency.strip()) or currency.strip().upper()
        unit, end = _rate(text, end, code)
        return _Found(start, end, value, unit, multiplier=multiplier)
    symbol_after = _CURRENCY_SYMBOL_AFTER.match(text, end)
    if symbol_after:
        return _Found(start, symbol_after.end(), value, _CURRENCY_SYMBOLS[symbol_after.group("symbol")],
                      multiplier=multiplier)
    unit, unit_end = _unit_after(text, end)
    is_year = _FOUR_DIGITS.fullmatch(digits) is not None and int(raw) in _YEARS and multiplier == 1
    if unit is None and (is_year or text[end:end + 1].isalpha()):
        return None  # a year, or glued to letters that are no unit we know: "4G", "3D"
    return _Found(start, unit_end, value, unit, multiplier=multiplier)


def _number_words(text: str, match: re.Match[str]) -> _Found | None:
    """'two hundred and five', 'a dozen', 'two and a half' and their unit."""
    written = match.group("words")
    if re.match(_SCALE_WORD, written, re.IGNORECASE):
        return None  # "several hundred years", "a baker's dozen": no count is stated
    value, multiplier = _parse_number_words(written.removesuffix(match.group("and_a_half") or ""))
    if match.group("and_a_half"):
        value += 0.5
    found = _with_unit(text, match.start(), match.end(), value, default=None)
    found.multiplier = multiplier
    pronoun_like = written.lower() in ("one", "a", "an")
    if pronoun_like and not is_unit_of_measurement(found.unit):
        return None  # "one of them", "that one costs": a pronoun, not an amount
    return found


def _fraction(text: str, match: re.Match[str]) -> _Found | None:
    """'a third', 'two-thirds', 'half': a fraction of something, or of a unit."""
    start, end = match.start(), match.end()
    if match.group("half"):
        before = text[max(0, start - _LOOKBEHIND):start]
        # "half" is an amount in "less than half", "half of", "half a"; not in "the second half".
        if _PERIOD_BEFORE.search(before) or not (
            _QUALIFIER_BEFORE.search(before) or re.match(r"\s+(?:of|a|an)\b", text[end:end + 6], re.IGNORECASE)
        ):
            return None
        value = 0.5
    else:
        numerator = _word_or_digits(match.group("numerator"))
        denominator = match.group("denominator").lower()
        if denominator == "half" and numerator > 1:
            return None
        if numerator == 1 and not denominator.endswith("s") and _ordinal_use(text, start, end):
            return None  # "the third quarter", "a third option": an ordinal
        value = numerator / _DENOMINATORS[denominator]
        scaled = _HYPHENATED_SCALE.match(text, end)
        if scaled:  # "a quarter-million dollars": a fraction of the scale
            value *= _SCALES[scaled.group(1).lower()]
            end = scaled.end()
        elif re.match(r"-[^\W\d_]", text[end:end + 2]):
            return None  # "a third-party system", "a quarter-final": a compound word, no amount
    found = _with_unit(text, start, end, value, default="fraction")
    if found.unit == "fraction":
        of_unit = _OF_A_UNIT_AFTER.match(text, end)
        if of_unit and is_unit_of_measurement(of_unit.group("unit").lower()):
            found.unit, found.end = _plural(of_unit.group("unit").lower()), of_unit.end()
    return found


def _ordinal_use(text: str, start: int, end: int) -> bool:
    """True when 'third', 'quarter' ... ranks rather than divides: after 'the', or before a noun."""
    if _PERIOD_BEFORE.search(text, max(0, start - _LOOKBEHIND), start):
        return True
    following = _WORD_AFTER.match(text, end)
    if not following:
        return False
    word = following.group("word").lower()
    return word not in _STOP_WORDS and _singular_unit(word) not in _UNIT_WORDS


def _with_unit(text: str, start: int, end: int, value: float, default: str | None) -> _Found:
    unit, unit_end = _unit_after(text, end)
    return _Found(start, unit_end, value, unit or default)


def _qualified(text: str, found: _Found) -> _Found:
    """Attach the hedge word written just before the number, widening the span."""
    qualifier = _QUALIFIER_BEFORE.search(text, max(0, found.start - _LOOKBEHIND), found.start)
    if qualifier:
        found.qualifier = qualifier.group(1).lower()
        found.start = qualifier.start(1)
    return found


def _unit_after(text: str, position: int) -> tuple[str | None, int]:
    """The unit or counted noun written after a number ending at ``position``."""
    percent = _PERCENT_AFTER.match(text, position)
    if percent:
        return ("percentage points" if percent.group("points") else "%"), percent.end()
    currency = _CURRENCY_AFTER.match(text, position)
    if currency:
        if currency.group("code"):
            code = currency.group("code").upper().replace("KČ", "CZK")
        else:
            word = currency.group("word").lower()
            code = _CURRENCY_WORDS.get(word) or _CURRENCY_WORDS.get(re.sub(r"e?s$", "", word), word)
        return _rate(text, currency.end(), code)
    degrees = _DEGREES_AFTER.match(text, position)
    if degrees:
        return _plural_phrase(degrees.group("unit")), degrees.end()
    symbol = _SYMBOL_AFTER.match(text, position)
    if symbol:
        name = _UNIT_SYMBOLS[symbol.group("symbol")]
        power = symbol.group("power")
        if power:
            name = ("square " if power[-1] in "2²" else "cubic ") + name
        else:
            powered = _POWER_WORD_AFTER.match(text, symbol.end())
            if powered:
                return ("square " if powered.group("power") == "squared" else "cubic ") + name, powered.end()
        return _rate(text, symbol.end(), name)
    inches = _INCHES_AFTER.match(text, position)
    if inches:
        return "inches", inches.end()
    hyphen = _HYPHEN_UNIT_AFTER.match(text, position)
    if hyphen and hyphen.group("unit").lower() not in _STOP_WORDS:
        return _plural(hyphen.group("unit").lower()), hyphen.end()
    unit, end = _counted_noun(text, position)
    if unit is None:
        return _counted_after_of(text, position)
    return _rate(text, end, unit)


def _rate(text: str, position: int, unit: str) -> tuple[str, int]:
    """'USD' + ' an hour' → 'USD per hour'; 'a'/'an' only after money and 'times'."""
    rate = _RATE_AFTER.match(text, position)
    if not rate:
        return unit, position
    written_with_article = not _PER_BEFORE.match(text, position, rate.start("per"))
    if written_with_article and unit not in _CURRENCY_CODES and unit != "times":
        return unit, position
    per = rate.group("per").lower()
    return f"{unit} per {_RATE_NAMES.get(per, per)}", rate.end()


def _counted_noun(text: str, position: int) -> tuple[str | None, int]:
    """The plural noun (or unit word) among the next three words: '4,300 cancelled trips' → trips."""
    cursor = position
    previous = ""
    for _ in range(3):
        word_match = _WORD_AFTER.match(text, cursor)
        if not word_match:
            break
        word = word_match.group("word").rstrip("'’")
        lowered = word.lower()
        if lowered in _STOP_WORDS:
            break
        cursor = word_match.end()
        if _singular_unit(lowered) in _UNIT_WORDS or _looks_plural(word):
            if previous.lower() in ("square", "cubic"):
                word = f"{previous.lower()} {word}"
            return _with_partitive_complement(text, word, cursor)
        previous = word
    return None, position


def _counted_after_of(text: str, position: int) -> tuple[str | None, int]:
    """'14 of the audit's recommendations' → recommendations; the span stays on the number."""
    of = _OF_DETERMINER_AFTER.match(text, position)
    if not of:
        return None, position
    cursor = of.end()
    for _ in range(3):
        token = _TOKEN_AFTER.match(text, cursor)
        if not token or token.group("token").lower() in _STOP_WORDS:
            break
        cursor = token.end()
        word = token.group("token").rstrip("'’")
        if not word[0].isdigit() and not word.endswith(("'s", "’s")) and _looks_plural(word):
            return word, position
    return None, position


def _with_partitive_complement(text: str, head: str, position: int) -> tuple[str, int]:
    """'pieces' + 'of heavy equipment' → 'pieces of heavy equipment'."""
    of = _OF_AFTER.match(text, position, position + 4)
    if head.lower() not in _PARTITIVES or not of:
        return head, position
    cursor = of.end()
    words = [head, "of"]
    for _ in range(3):
        word_match = _WORD_AFTER.match(text, cursor)
        if not word_match or word_match.group("word").lower() in _STOP_WORDS:
            break
        words.append(word_match.group("word"))
        cursor = word_match.end()
    if len(words) == 2:
        return head, position
    return " ".join(words), cursor


def _looks_plural(word: str) -> bool:
    lowered = word.lower()
    if lowered in _IRREGULAR_PLURALS:
        return True
    return len(lowered) > 2 and lowered.endswith("s") and not lowered.endswith(("ss", "us", "is", "'s", "’s"))


def _singular_unit(word: str) -> str:
    if word in _IRREGULAR_UNIT_PLURALS:
        return _IRREGULAR_UNIT_PLURALS[word]
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _plural(noun: str) -> str:
    if noun.endswith("s"):
        return noun
    if noun.endswith(("ch", "sh", "x")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return {"foot": "feet", "inch": "inches"}.get(noun, noun + "s")


def _plural_phrase(phrase: str) -> str:
    head, _, rest = phrase.partition(" ")
    return " ".join(filter(None, (_plural(head.lower()), rest)))


def _word_or_digits(token: str) -> int:
    lowered = token.lower()
    if lowered in ("a", "an"):
        return 1
    return SMALL_NUMBERS[lowered] if lowered in SMALL_NUMBERS else int(token)


def _parse_number_words(words: str) -> tuple[float, float]:
    """'two hundred thousand' → 200000; 'a dozen' → 12. Returns (value, largest scale)."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    total, current, multiplier = 0.0, 0.0, 1.0
    if tokens[0] in ("a", "an"):
        current, tokens = 1.0, tokens[1:]
    for token in tokens:
        if token in SMALL_NUMBERS:
            current += SMALL_NUMBERS[token]
        elif token == "dozen":
            current = (current or 1) * 12
        elif token == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * _SCALES[token]
            current = 0.0
            multiplier = max(multiplier, _SCALES[token])
    return total + current, multiplier


def _join_ranges(text: str, found: list[_Found]) -> None:
    """Mark the two ends of a range and give the first end the second's unit and scale."""
    for first, second in zip(found, found[1:]):
        join = _RANGE_JOIN.fullmatch(text, first.end, second.start)
        if not join or first.unit not in (None, second.unit):
            continue
        joiner = join.group("joiner").lower()
        from_before = _FROM_BEFORE.search(text, max(0, first.start - 6), first.start)
        is_range = (
            first.qualifier == "between" if joiner == "and"
            else joiner != "to" or not from_before
        )
        if first.unit is None:
            first.unit = second.unit  # also "from 10 to 12 per cent", which is a change, not a range
        if not is_range:
            continue
        if second.multiplier != 1 and first.multiplier == 1:
            first.value *= second.multiplier  # "5 to 10 million": both ends are millions
        first.qualifier = first.qualifier or "between"
        second.qualifier = second.qualifier or "between"
