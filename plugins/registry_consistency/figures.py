"""The figures a claim states, and whether two figures measure the same thing.

A :class:`Figure` is one quantity of one claim appearance with what it is
about: the range its qualifier allows (:mod:`.intervals`), its unit or
counted noun, its *subject* (the proper name nearest before the number:
"Ukraine has lost over 125,000 troops" → Ukraine) and its *measure* (the
claim's content words, with synonyms folded into concepts: "lost",
"casualties", "killed" → losses; "troops", "soldiers" → personnel).

Two figures are about the same quantity when their units are compatible,
their subjects are the same name (demonyms fold: Ukrainian = Ukraine), and
their measures share a concept, or, when neither names a known concept,
enough content words. Anything less is not compared: a missed conflict is
better than an invented one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from registry import Attribution, Quantity, Source

from .intervals import Interval, interval_for, range_interval

#: Words folded into one concept for comparing measures and counted nouns.
CONCEPTS: dict[str, frozenset[str]] = {
    "losses": frozenset({
        "lost", "lose", "loses", "losing", "loss", "losses", "casualty", "casualties", "killed", "dead",
        "death", "deaths", "died", "wounded", "injured", "fatalities", "fatality",
    }),
    "personnel": frozenset({
        "troops", "troop", "soldiers", "soldier", "personnel", "servicemen", "serviceman", "fighters",
        "combatants", "servicemembers",
    }),
    "deficit": frozenset({"deficit", "deficits", "shortfall", "shortfalls"}),
    "prices": frozenset({"inflation", "prices", "price", "cpi"}),
    "unemployment": frozenset({"unemployment", "jobless", "unemployed"}),
    "people": frozenset({"people", "persons", "residents", "civilians", "individuals"}),
}
_CONCEPT_OF = {word: concept for concept, words in CONCEPTS.items() for word in words}
# Concepts that say what is measured; "personnel" and "people" say what is
# counted, which the unit comparison already covers.
_COUNTED_CONCEPTS = frozenset({"personnel", "people"})
_MEASURE_CONCEPTS = frozenset(CONCEPTS) - _COUNTED_CONCEPTS

#: Units that measure something (money, shares, sizes), never a counted noun.
_MEASUREMENT = re.compile(
    r"^(%|percentage points?|fraction|[A-Z]{3}( per .*)?|.*metres?|.*meters?|kilograms?|tonnes?|tons?|"
    r"miles?|hours?|minutes?|seconds?|days?|weeks?|months?|years?|degrees.*|litres?|liters?|barrels?|bytes?)$"
)

_STOPWORDS = frozenset("""
a an the and or but of in on at to for from by with as is are was were be been being has have had
that this these those it its their his her they them he she we our you your not no than then
said says say told according since over more fewer less about around some which who whom whose
while after before during into out up down also only just still already would could should will
may might can did do does per
""".split())
# Capitalised words that name no party: sentence openers, months, weekdays.
_NOT_NAMES = _STOPWORDS | frozenset("""
citing speaking asked january february march april may june july august september october november
december monday tuesday wednesday thursday friday saturday sunday
""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# The capitalised matches of _WORD, found without visiting the other words; it also
# finds "Phone" in "iPhone", which _is_word_start leaves out.
_CAPITALISED_RUN = re.compile(r"[A-Z][A-Za-z'’-]*")
# The rest of a word from a given letter on.
_RUN = re.compile(r"[A-Za-z'’-]*")
_OPENERS = ('.', '!', '?', ':', '"', '“', '‘', '(', '—', '--')
_DEMONYM_SUFFIXES = ("ian", "ean", "an", "ese", "ish", "ic", "e", "a", "i", "y")


@lru_cache(maxsize=65536)
def fold_name(word: str) -> str:
    """A proper name folded so that a country and its demonym meet:
    "Ukrainian" and "Ukraine" → "ukrain", "Russia's" → "russi"."""
    word = re.sub(r"['’]s$", "", word).casefold()
    for suffix in _DEMONYM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def same_name(a: str | None, b: str | None) -> bool:
    """Folded names that are equal or one the start of the other ("russ" and "russi")."""
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 4 and longer.startswith(shorter)


def content_words(text: str) -> set[str]:
    """Lower-case content words of ``text``, synonyms folded into their concept."""
    words = set()
    for word in _WORD.findall(text):
        word = word.lower().strip("'’-")  # ASCII letters: lower() is casefold()
        if len(word) < 3 or word in _STOPWORDS:
            continue
        words.add(_CONCEPT_OF.get(word, word.rstrip("s") if len(word) > 4 else word))
    return words


@lru_cache(maxsize=4096)
def unit_key(unit: str | None) -> str | None:
    """The counted noun or unit reduced to its head word and concept
    ("pieces of heavy equipment" → "pieces", "troops" → "personnel")."""
    if not unit:
        return None
    if _MEASUREMENT.match(unit):
        return unit.casefold()
    head = unit.split(" of ")[0].split()[-1].casefold() if unit.split(" of ")[0].split() else unit.casefold()
    return _CONCEPT_OF.get(head, head)


def units_compatible(a: Figure, b: Figure) -> bool:
    """Same unit or counted noun; or a bare number ("about 60,000") against
    a counted noun that the bare number's own claim mentions ("... soldiers
    killed or wounded at about 60,000" against "125,000 troops"). A bare
    number in a claim that names nothing counted is taken to count people:
    that is how "losses at between 70,000 and 80,000" reads."""
    ka, kb = a.unit_key, b.unit_key
    if ka == kb:
        return True
    if ka is not None and kb is not None:
        return False
    bare, counted = (a, b) if ka is None else (b, a)
    unit = counted.quantity.unit or ""
    if _MEASUREMENT.match(unit):
        return False
    wanted = unit_key(unit)
    mentioned = {unit_key(w) for w in bare.measure} | bare.measure
    if wanted in mentioned:
        return True
    names_something_counted = bool(bare.measure & _COUNTED_CONCEPTS) or any(
        q.unit and not _MEASUREMENT.match(q.unit) for q in bare.sighting.quantities
    )
    return not names_something_counted and wanted in _COUNTED_CONCEPTS


@dataclass
class Sighting:
    """One appearance of a claim: in this run's corpus or in the registry."""

    claim_id: str
    text: str
    start: int
    """Offset of the claim in its document (quantity spans are document offsets)."""
    quantities: list[Quantity]
    attribution: Attribution | None
    source: Source
    document: str
    """The document's identity: its URI, else its location."""

    # Worked out when the sighting is made: asked for by every comparison
    # and every piece of evidence, and a sighting's fields never change.
    key: tuple[str, str] = field(init=False, repr=False, compare=False)
    """Identity of the appearance: its document and claim."""
    claimant: str | None = field(init=False, repr=False, compare=False)
    outlet: str = field(init=False, repr=False, compare=False)
    """The publisher, else the web host, else the document itself."""
    outlet_key: str = field(init=False, repr=False, compare=False)
    """The outlet case-folded: outlets are compared by it."""
    voice: str = field(init=False, repr=False, compare=False)
    """Who the claim is from: its claimant, else the outlet stating it as fact."""

    def __post_init__(self) -> None:
        self.key = (self.document, self.claim_id)
        self.claimant = self.attribution.claimant if self.attribution else None
        self.outlet = self.source.publisher or _host(self.source.uri) or self.document
        self.outlet_key = self.outlet.casefold()
        self.voice = self.claimant or self.outlet


def _host(uri: str | None) -> str | None:
    host = re.match(r"^https?://(?:www\.)?([^/:]+)", uri or "")
    return host.group(1) if host else None


@dataclass
class Figure:
    """One stated figure of a sighting, with what it measures."""

    sighting: Sighting
    quantity: Quantity
    interval: Interval
    subject: str | None
    measure: set[str] = field(default_factory=set)
    text: str = ""
    # Worked out once, as each figure is compared with many.
    unit_key: str | None = field(init=False, repr=False, compare=False)
    """The quantity's :func:`unit_key`."""
    measure_concepts: set[str] = field(init=False, repr=False, compare=False)
    """The concepts of ``measure`` that say what is measured."""

    def __post_init__(self) -> None:
        self.unit_key = unit_key(self.quantity.unit)
        self.measure_concepts = self.measure & _MEASURE_CONCEPTS

    def describe(self) -> str:
        return f"{self.text} ({self.interval.describe()})"


def _position(sighting: Sighting, quantity: Quantity) -> int:
    if quantity.span is not None and 0 <= quantity.span.start - sighting.start <= len(sighting.text):
        return quantity.span.start - sighting.start
    found = sighting.text.find(quantity.text)
    return found if found >= 0 else len(sighting.text)


def proper_names(text: str) -> list[tuple[int, str]]:
    """(offset, word) of the capitalised words of ``text`` that are names
    rather than capitalised by grammar: not a function word, a month or a
    weekday, not written in capitals (a dateline), and, when it opens a
    sentence, not a word the text also uses in lower case ("Casualty figures
    ..." beside "casualties")."""
    return [
        (match.start(), match.group()) for match in _CAPITALISED_RUN.finditer(text)
        if _is_word_start(text, match.start()) and _is_name(text, match.start(), match.group())
    ]


def names_the_same(text: str, name: str) -> bool:
    """Whether a proper name of ``text`` (:func:`proper_names`), folded, is
    :func:`same_name` as ``name`` (folded). Only the words that open with
    the first four letters of ``name`` are looked at, which costs far less
    than listing every name of a document."""
    if len(name) < 4 or not "a" <= name[0] <= "z":
        return False  # same_name needs four letters; a folded name opens with a-z
    for match in _opening(name[:4]).finditer(text):
        start = match.start()
        if _is_word_start(text, start):
            word = _RUN.match(text, start).group()
            if _is_name(text, start, word) and same_name(fold_name(word), name):
                return True
    return False


@lru_cache(maxsize=1024)
def _opening(prefix: str) -> re.Pattern[str]:
    """Where a capitalised word whose first four letters, folded, are ``prefix`` may start."""
    return re.compile(f"(?={prefix[0].upper()}(?i:{re.escape(prefix[1:])}))")


def _is_name(text: str, start: int, word: str) -> bool:
    """Whether the capitalised ``word`` starting a word at ``start`` is a
    name (see :func:`proper_names`)."""
    if word.isupper() or word.casefold() in _NOT_NAMES:
        return False
    return not (_starts_sentence(text, start) and _starts_lower_case_word(text, fold_name(word)))


def _is_word_start(text: str, start: int) -> bool:
    """Whether a match of _WORD starts at ``start`` (a letter): the first
    letter of a run of word characters, after any apostrophes or hyphens
    opening the run."""
    before = start
    while before and text[before - 1] in "'’-":
        before -= 1
    return not before or not ("A" <= text[before - 1] <= "Z" or "a" <= text[before - 1] <= "z")


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a line or a quotation."""
    before = text[max(0, start - 40):start]
    stripped = before.rstrip()
    if not stripped:
        return start - len(before) == 0 or "\n" in before
    return "\n" in before[len(stripped):] or stripped.endswith(_OPENERS)


def _starts_lower_case_word(text: str, prefix: str) -> bool:
    """Whether a word of ``text`` in lower case (a match of _WORD without a
    capital) starts with ``prefix`` (lower case, opening with a letter).
    Only the places where ``prefix`` occurs are looked at: far fewer than the
    words of a document."""
    at = text.find(prefix)
    while at >= 0:
        if _is_word_start(text, at):
            rest = _RUN.match(text, at).group()
            if rest.lower() == rest:
                return True
        at = text.find(prefix, at + 1)
    return False


def subject_of(sighting: Sighting, position: int, names: list[tuple[int, str]] | None = None) -> str | None:
    """The folded proper name nearest before ``position`` (else the nearest
    after), leaving out the claimant's own name; ``names`` are the
    sighting's :func:`subject_names`, when the caller has them."""
    return _nearest(subject_names(sighting) if names is None else names, position)


def subject_names(sighting: Sighting) -> list[tuple[int, str]]:
    """(offset, folded name) of the sighting's proper names, in order, but the claimant's own."""
    attribution = sighting.attribution
    claimant_words = {
        fold_name(w) for part in (attribution.speaker, attribution.organization) if part
        for w in _WORD.findall(part)
    } if attribution else set()
    names = [(start, fold_name(word)) for start, word in proper_names(sighting.text)]
    return [(start, name) for start, name in names if name not in claimant_words]


def _nearest(names: list[tuple[int, str]], position: int) -> str | None:
    """The last of ``names`` (in offset order) before ``position``, else the first at or after it."""
    before = None
    for start, name in names:
        if start >= position:
            return name if before is None else before
        before = name
    return before


def figures_of(
    sighting: Sighting, tolerance: float, measure: set[str] | None = None, names: list[tuple[int, str]] | None = None,
) -> list[Figure]:
    """Every figure the sighting states; the two ends of a "between" range
    become one figure. ``measure`` is the sighting's :func:`content_words`
    and ``names`` its :func:`subject_names`, when the caller has them."""
    figures: list[Figure] = []
    if measure is None:
        measure = content_words(sighting.text)
    if names is None:
        names = subject_names(sighting) if sighting.quantities else []
    quantities = list(sighting.quantities)
    i = 0
    while i < len(quantities):
        q = quantities[i]
        nxt = quantities[i + 1] if i + 1 < len(quantities) else None
        if q.qualifier == "between" and nxt is not None and nxt.qualifier == "between":
            interval = range_interval(q.value, nxt.value)
            text = f"between {q.text} and {nxt.text}" if "between" not in q.text else f"{q.text} and {nxt.text}"
            unit_source = nxt if nxt.unit else q
            i += 2
        else:
            interval, text, unit_source = interval_for(q.value, q.qualifier, tolerance), q.text, q
            i += 1
        figures.append(Figure(
            sighting=sighting,
            quantity=unit_source,
            interval=interval,
            subject=_nearest(names, _position(sighting, q)),
            measure=measure,
            text=text,
        ))
    return figures


def comparable(a: Figure, b: Figure) -> bool:
    """Whether two figures can be of the same quantity, whatever they
    measure: their units are compatible and their subjects the same name."""
    return units_compatible(a, b) and same_name(a.subject, b.subject)


def same_measure(a: Figure, b: Figure, min_overlap: float = 0.3) -> bool:
    """Whether two :func:`comparable` figures measure the same thing (see
    the module docstring): their measures share a concept, or, when neither
    names a known concept, enough content words."""
    measures_a, measures_b = a.measure_concepts, b.measure_concepts
    if measures_a or measures_b:
        return bool(measures_a & measures_b)
    union = a.measure | b.measure
    return bool(union) and len(a.measure & b.measure) / len(union) >= min_overlap
