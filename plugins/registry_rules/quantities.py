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
- Fractions in words use unit "fraction": "nearly a third" → 0.333…;
  "a quarter of a percentage point" → 0.25 "percentage points".
- A counted noun is the plural noun that follows the number, as written
  ("troops", "buses"); partitive nouns keep their complement
  ("16,000 pieces of heavy equipment" → "pieces of heavy equipment").
  Measurement abbreviations are spelled out ("km" → "kilometres").
- A range ("10–12 minutes", "between 70,000 and 80,000") is two quantities,
  one per end, both with qualifier "between"; the first end borrows the
  unit and scale of the second.

Why our own rules and not quantulum3: measured in docs/rules.md — quantulum3
loads a large unit table and spaCy-free classifiers at import and parses at
a few milliseconds per sentence, two orders of magnitude slower than these
regular expressions, while the pipeline budget is ≥ 300 articles/s; it also
reads years as plain numbers, which news claims must not do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from registry import Quantity, Span

# Longest first so "more than" wins over "more", "just over" over "over".
_QUALIFIERS = (
    "no more than", "no fewer than", "no less than", "more than", "fewer than",
    "less than", "at least", "at most", "up to", "as many as", "as much as",
    "as few as", "just over", "just under", "well over", "well under",
    "approximately", "an estimated", "roughly", "nearly", "almost", "about",
    "around", "over", "under", "some", "only", "above", "below", "exactly",
    "between", "upwards of", "close to",
)
_QUALIFIER_BEFORE = re.compile(
    r"(?<![\w-])(" + "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True))
    + r")\s+$",
    re.IGNORECASE,
)

_SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}
_NUMBER_WORD = "|".join(sorted([*_SMALL_NUMBERS, *_SCALES, "dozen"], key=len, reverse=True))
_NUMERATOR_WORD = "a|an|one|two|three|four|five|six|seven|eight|nine"
_DENOMINATOR_WORD = "|".join(sorted(_DENOMINATORS, key=len, reverse=True))

_CURRENCY_SYMBOLS = {
    "US$": "USD", "$": "USD", "C$": "CAD", "A$": "AUD", "€": "EUR", "£": "GBP",
    "¥": "JPY", "₹": "INR", "₽": "RUB", "₴": "UAH",
}
_CURRENCY_CODES = ("USD", "EUR", "GBP", "CZK", "JPY", "CHF", "CAD", "AUD", "RUB", "UAH", "PLN", "CNY", "INR")
_CURRENCY_WORDS = {
    "dollar": "USD", "euro": "EUR", "pound sterling": "GBP", "pounds sterling": "GBP",
    "crown": "CZK", "koruna": "CZK", "korun": "CZK", "koruny": "CZK", "kč": "CZK",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rouble": "RUB", "ruble": "RUB",
    "hryvnia": "UAH", "hryvnias": "UAH", "rupee": "INR", "zloty": "PLN", "zlotys": "PLN",
    "swiss franc": "CHF", "kronor": "SEK", "krona": "SEK", "kroner": "NOK",
}
# Written abbreviations → the spelled-out unit a reader would say.
_UNIT_ABBREVIATIONS = {
    "km": "kilometres", "m": "metres", "cm": "centimetres", "mm": "millimetres",
    "mi": "miles", "ft": "feet", "kg": "kilograms", "g": "grams", "mg": "milligrams",
    "t": "tonnes", "lb": "pounds", "lbs": "pounds", "oz": "ounces", "l": "litres",
    "L": "litres", "ml": "millilitres", "km/h": "kilometres per hour",
    "kph": "kilometres per hour", "mph": "miles per hour", "kWh": "kilowatt hours",
    "MWh": "megawatt hours", "GWh": "gigawatt hours", "kW": "kilowatts", "MW": "megawatts",
    "GW": "gigawatts", "ha": "hectares", "sq km": "square kilometres", "km2": "square kilometres",
    "GB": "gigabytes", "MB": "megabytes", "TB": "terabytes", "°C": "degrees Celsius",
    "°F": "degrees Fahrenheit", "°": "degrees", "h": "hours", "hrs": "hours", "min": "minutes",
    "mins": "minutes", "s": "seconds", "sec": "seconds", "yrs": "years",
}
# Nouns that count portions of something else: the complement is part of the unit.
_PARTITIVES = frozenset({"pieces", "items", "units", "pairs", "sets", "rounds", "head", "kinds", "types"})
# Words that end a counted-noun phrase (grammatical words, not nouns).
_STOP_WORDS = frozenset("""
a an the of in on at to for from by with and or but nor than that which who whom whose
is are was were be been being has have had do does did will would shall should can could
may might must it its he she they we you i his her their our your my this these those
there here as if when while after before since until during over under about into onto
per each every more less most least some any no not all both either neither also just
only so then too very because though although whereas where why how what whether
off out up down via within without between among against across around through toward
towards upon beyond behind above below near like unlike plus versus vs
""".split())
_IRREGULAR_PLURALS = frozenset({
    "people", "children", "men", "women", "staff", "personnel", "police", "cattle",
    "feet", "teeth", "mice", "geese", "sheep", "deer", "fish", "aircraft", "equipment",
})
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_IDENTIFIER_NOUNS = (
    "No|Nos|Number|Article|Articles|Section|Chapter|Clause|Paragraph|Route|Highway|Interstate|"
    "Flight|Room|Gate|Platform|Line|Bus|Level|Phase|Stage|Round|Game|Resolution|Amendment|"
    "Title|Rule|Item|Exhibit|Appendix|Table|Figure|Fig|Vol|Volume|Page|pp|p|Act|Bill|Order|Decree"
)

# Text that looks numeric but is not an amount; numbers inside these spans are skipped.
_NOT_AMOUNTS = re.compile(
    "|".join((
        # Dates: "Jan. 5", "December 15, 2023", "5 January 2024", "March 2022".
        rf"\b(?:{_MONTHS})\.?\s+[0-9]{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+[0-9]{{4}}\b)?",
        rf"\b[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b\.?(?:,?\s+[0-9]{{4}}\b)?",
        rf"\b(?:{_MONTHS})\.?,?\s+[0-9]{{4}}\b",
        r"\b[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{2,4}\b",
        # Decades: "the 1960s", "'90s", "mid-2000s".
        r"(?:'|’|\b)[0-9]{2}(?:[0-9]{2})?s\b",
        # Clock times: "10:30", "7 a.m.", "9pm", "5 o'clock".
        r"\b[0-9]{1,2}(?:[:.][0-9]{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock\b)",
        r"\b[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\b",
        # Phone numbers: "905-555-0142", "(212) 555-1234", "+420 224 123 456", "555-0142".
        r"(?:\+[0-9]{1,3}[\s.-]?)?(?:\([0-9]{2,4}\)\s?|\b[0-9]{2,4}[\s.-])[0-9]{3,4}[\s.-][0-9]{3,4}\b",
        r"\+[0-9]{1,3}(?:[\s.-]?[0-9]{2,4}){2,4}\b",
        r"\b[0-9]{3}-[0-9]{4}\b",
        # Identifiers: "No. 10", "#3", "Article 5", "F-16", "COVID-19", "G7", "3.4.1".
        rf"\b(?:{_IDENTIFIER_NOUNS})\.?\s*[0-9]+[A-Za-z]?\b",
        r"#\s?[0-9]+",
        r"\b[A-Za-z]+-?[0-9]+[A-Za-z0-9]*\b",
        r"\b[0-9]+(?:\.[0-9]+){2,}\b",
        # Ordinals: "1st", "22nd", "4th".
        r"\b[0-9]+(?:st|nd|rd|th)\b",
    ))
)

_DIGITS = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+"
_CURRENCY_PREFIX = (
    "(?:" + "|".join(re.escape(s) for s in sorted(_CURRENCY_SYMBOLS, key=len, reverse=True))
    + "|(?:" + "|".join(_CURRENCY_CODES) + r")\s?)"
)
# One alternative per kind of number, tried in this order at each position.
_NUMBER = re.compile(
    rf"(?P<fraction>\b(?:(?P<numerator>{_NUMERATOR_WORD}|[0-9]+)[\s-]+(?P<denominator>{_DENOMINATOR_WORD})"
    rf"|(?P<half>half))\b)"
    rf"|(?P<ratio>\b(?P<ratio_top>one|two|three|[0-9]+)\s+in\s+(?:every\s+)?"
    rf"(?P<ratio_bottom>{'|'.join(_SMALL_NUMBERS)}|[0-9]+)\b)"
    rf"|(?P<numeric>(?P<currency>{_CURRENCY_PREFIX})?(?P<sign>(?<![\w.,])[-−](?=[0-9.]))?"
    rf"(?<![\w.,/:])(?P<digits>{_DIGITS})(?![0-9]|[.,][0-9]))"
    rf"|(?P<words>\b(?:an?\s+)?(?:{_NUMBER_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_NUMBER_WORD}))*\b)",
    re.IGNORECASE,
)
_SCALE_AFTER = re.compile(
    r"(?:\s*-?\s*(?P<word>hundred|thousand|million|billion|trillion)\b"
    r"|\s?(?P<short>bn|mn|m|b|k|tn|trn)\b)",
    re.IGNORECASE,
)
_SHORT_SCALES = {"bn": 1e9, "b": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12, "trn": 1e12}
_PERCENT_AFTER = re.compile(
    r"\s?%|\s+(?:per\s?cent|pct)\b|\s+(?P<points>percentage[\s-]points?)\b", re.IGNORECASE
)
_CURRENCY_AFTER = re.compile(
    r"\s+(?:US\s+|U\.S\.\s+)?(?P<word>"
    + "|".join(sorted((re.escape(w) + "s?" for w in _CURRENCY_WORDS), key=len, reverse=True))
    + r")(?![\w])"
    + r"|\s?(?P<code>" + "|".join(_CURRENCY_CODES) + r"|Kč)\b",
    re.IGNORECASE,
)
_ABBREVIATION_AFTER = re.compile(
    r"\s?(?P<abbr>" + "|".join(re.escape(a) for a in sorted(_UNIT_ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w/])"
)
_DEGREES_AFTER = re.compile(
    r"\s+(?P<unit>degrees?(?:\s+(?:Celsius|Fahrenheit|centigrade|C|F)\b)?)", re.IGNORECASE
)
_HYPHEN_UNIT_AFTER = re.compile(r"-(?P<unit>[a-z]+)\b(?!-)")
_WORD_AFTER = re.compile(r"\s+(?P<word>[A-Za-z][A-Za-z'’-]*)")
_OF_A_UNIT_AFTER = re.compile(r"\s+of\s+an?\s+(?P<unit>percentage\s+point|[a-z]+)\b", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s*(?:–|—|-|to|and)\s*$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)

_PERIOD_BEFORE = re.compile(r"\b(?:the|first|second|this|last|next|latter|other)\s+$", re.IGNORECASE)

_YEARS = range(1200, 2101)


@dataclass
class _Found:
    """A quantity while it is being assembled; offsets are into the text searched."""

    start: int
    end: int
    value: float
    unit: str | None
    qualifier: str | None
    multiplier: float
    number_end: int


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Return the amounts stated in ``text``, in order.

    ``offset`` is where ``text`` starts in the document, so that each
    quantity's span indexes the document: ``text[q.span.start - offset:
    q.span.end - offset] == q.text``.
    """
    blocked = [(m.start(), m.end()) for m in _NOT_AMOUNTS.finditer(text)]
    found: list[_Found] = []
    for match in _NUMBER.finditer(text):
        if found and match.start() < found[-1].end:
            continue  # a scale or unit word already read with the previous number
        if any(start <= match.start("digits" if match.group("numeric") else 0) < end
               for start, end in blocked):
            continue
        quantity = _assemble(text, match)
        if quantity is not None:
            found.append(quantity)
    _join_ranges(text, found)
    return [
        Quantity(
            value=q.value,
            unit=q.unit,
            qualifier=q.qualifier,
            text=text[q.start:q.end],
            span=Span(start=offset + q.start, end=offset + q.end),
        )
        for q in found
    ]


def _assemble(text: str, match: re.Match[str]) -> _Found | None:
    """Turn one number match into a quantity, or None if it is not an amount."""
    start, end = match.start(), match.end()
    if match.group("fraction"):
        return _fraction(text, match)
    if match.group("ratio"):
        top, bottom = _word_or_digits(match.group("ratio_top")), _word_or_digits(match.group("ratio_bottom"))
        if not bottom:
            return None
        return _Found(start, end, top / bottom, "fraction", None, 1.0, end)
    if match.group("words"):
        value, multiplier = _parse_number_words(match.group("words"))
        if value is None:
            return None
        unit, unit_end = _unit_after(text, end)
        if unit is None and match.group("words").lower() in ("one", "a", "an"):
            return None  # "one of them", "one day": a pronoun or article, not an amount
        return _qualified(text, _Found(start, unit_end, value, unit, None, multiplier, end))
    digits = match.group("digits")
    raw = digits.replace(",", "")
    value = float(raw)
    if match.group("sign"):
        value = -value
    currency_symbol = match.group("currency")
    number_end = end
    multiplier = 1.0
    scale = _SCALE_AFTER.match(text, end)
    if scale and (scale.group("word") or currency_symbol):
        word = scale.group("word")
        multiplier = _SCALES[word.lower()] if word else _SHORT_SCALES[scale.group("short").lower()]
        value *= multiplier
        end = number_end = scale.end()
    if currency_symbol:
        code = _CURRENCY_SYMBOLS.get(currency_symbol.strip()) or currency_symbol.strip().upper()
        return _qualified(text, _Found(start, end, value, code, None, multiplier, number_end))
    is_year = (
        "," not in digits and "." not in digits and len(raw) == 4 and int(raw) in _YEARS and multiplier == 1
    )
    unit, unit_end = _unit_after(text, end)
    if is_year and unit is None:
        return None
    if unit is None and text[end:end + 1].isalpha():
        return None  # glued to letters we do not know as a unit: "4G", "3D"
    return _qualified(text, _Found(start, unit_end, value, unit, None, multiplier, number_end))


def _fraction(text: str, match: re.Match[str]) -> _Found | None:
    """'a third', 'two-thirds', 'half': a fraction of something, or of a unit."""
    start, end = match.start(), match.end()
    if match.group("half"):
        before = text[max(0, start - 20):start]
        after = text[end:end + 6]
        # "half" is an amount in "less than half", "half of", "half a"; not in "the second half".
        if _PERIOD_BEFORE.search(before) or not (
            _QUALIFIER_BEFORE.search(before) or re.match(r"\s+(?:of|a|an)\b", after, re.IGNORECASE)
        ):
            return None
        value = 0.5
    else:
        numerator = _word_or_digits(match.group("numerator"))
        denominator_word = match.group("denominator").lower()
        if denominator_word in ("half",) and numerator > 1:
            return None
        value = numerator / _DENOMINATORS[denominator_word]
    unit, unit_end = "fraction", end
    of_unit = _OF_A_UNIT_AFTER.match(text, end)
    if of_unit and of_unit.group("unit").lower() not in _STOP_WORDS:
        unit, unit_end = _plural(of_unit.group("unit").lower()), of_unit.end()
    return _qualified(text, _Found(start, unit_end, value, unit, None, 1.0, end))


def _qualified(text: str, found: _Found) -> _Found:
    """Attach the hedge word written just before the number, widening the span."""
    qualifier = _QUALIFIER_BEFORE.search(text, max(0, found.start - 20), found.start)
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
        word = (currency.group("word") or currency.group("code")).lower()
        code = _CURRENCY_WORDS.get(word) or _CURRENCY_WORDS.get(word.removesuffix("s"))
        return (code or word.upper().replace("KČ", "CZK")), currency.end()
    degrees = _DEGREES_AFTER.match(text, position)
    if degrees:
        return _plural_phrase(degrees.group("unit")), degrees.end()
    abbreviation = _ABBREVIATION_AFTER.match(text, position)
    if abbreviation:
        return _UNIT_ABBREVIATIONS[abbreviation.group("abbr")], abbreviation.end()
    hyphen = _HYPHEN_UNIT_AFTER.match(text, position)
    if hyphen and hyphen.group("unit") not in _STOP_WORDS:
        return _plural(hyphen.group("unit")), hyphen.end()
    return _counted_noun(text, position)


def _counted_noun(text: str, position: int) -> tuple[str | None, int]:
    """The plural noun among the next few words: '4,300 cancelled trips' → trips."""
    cursor = position
    for _ in range(3):
        word_match = _WORD_AFTER.match(text, cursor)
        if not word_match:
            break
        word = word_match.group("word")
        if word.lower() in _STOP_WORDS:
            break
        cursor = word_match.end()
        if _looks_plural(word):
            return _with_partitive_complement(text, word, cursor)
    return None, position


def _with_partitive_complement(text: str, head: str, position: int) -> tuple[str, int]:
    """'pieces' + 'of heavy equipment' → 'pieces of heavy equipment'."""
    if head.lower() not in _PARTITIVES:
        return head, position
    of = re.match(r"\s+of\b", text[position:position + 4], re.IGNORECASE)
    if not of:
        return head, position
    cursor = position + of.end()
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
    lowered = word.lower().rstrip("'’")
    if lowered in _IRREGULAR_PLURALS:
        return True
    return (
        len(lowered) > 2 and lowered.endswith("s")
        and not lowered.endswith(("ss", "us", "is", "'s", "’s"))
    )


def _plural(noun: str) -> str:
    if noun.endswith("s"):
        return noun
    if noun.endswith(("ch", "sh", "x")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _plural_phrase(phrase: str) -> str:
    head, _, rest = phrase.partition(" ")
    return " ".join(filter(None, (_plural(head.lower()), rest)))


def _word_or_digits(token: str) -> int:
    lowered = token.lower()
    if lowered in ("a", "an"):
        return 1
    return _SMALL_NUMBERS[lowered] if lowered in _SMALL_NUMBERS else int(token)


def _parse_number_words(words: str) -> tuple[float | None, float]:
    """'two hundred thousand' → 200000; 'a dozen' → 12. Returns (value, largest scale)."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    total, current, multiplier = 0.0, 0.0, 1.0
    if tokens[0] in ("a", "an"):
        current = 1.0
        tokens = tokens[1:]
    for token in tokens:
        if token in _SMALL_NUMBERS:
            current += _SMALL_NUMBERS[token]
        elif token == "dozen":
            current = (current or 1) * 12
        elif token == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * _SCALES[token]
            current = 0.0
            multiplier = max(multiplier, _SCALES[token])
    value = total + current
    return (value if tokens else None), multiplier


def _join_ranges(text: str, found: list[_Found]) -> None:
    """Mark the two ends of a range and give the first end the second's unit and scale."""
    for first, second in zip(found, found[1:]):
        joiner = text[first.end:second.start]
        if not _RANGE_JOIN.fullmatch(joiner) or first.unit not in (None, second.unit):
            continue
        is_between = first.qualifier == "between"
        is_dash = joiner.strip() in ("–", "—", "-")
        is_to = joiner.strip().lower() == "to"
        from_before = _FROM_BEFORE.search(text, max(0, first.start - 6), first.start)
        if not (is_between or is_dash or (is_to and not from_before)):
            if is_to and first.unit is None:
                first.unit = second.unit  # "from 10 to 12 per cent": a change, not a range
            continue
        if first.unit is None:
            first.unit = second.unit
        if second.multiplier != 1 and first.multiplier == 1:
            first.value *= second.multiplier  # "5 to 10 million": both ends are millions
        if first.qualifier in (None, "between"):
            first.qualifier = "between"
        if second.qualifier is None:
            second.qualifier = "between"

