"""Attribute every sentence of a document: who made the claim, through
which medium it travelled, in what modality, with what confidence — and
split a sentence into clauses where it joins statements by different sources.

Each sentence is read on a copy of the text whose quotations are hidden
(``quotes.mask_quotations``), so words inside a quotation never attribute.
Patterns, each with its own confidence (:data:`PATTERN_CONFIDENCE`;
docs/rules.md lists them with examples):

- frames: "according to X (estimates)", "as reported by X", "citing X",
  "in a statement, X ...", "speaking to <medium>, X said", "in his view";
- an attribution verb (``lexicon.CUE_VERBS``) with its subject before it
  ("X said", "X, <role>, said", "..., X said.", "<role> X told <medium>",
  "X's figures show", "X put the figure at") or after it ("..., said X, the
  <role> of <org>"); a participle (", saying ...") takes the sentence's subject;
- a person subject with a title or named before, in a sentence with no
  attribution verb ("Police Chief X declined to comment");
- continuation: pronouns, descriptions ("the spokesman", "the group", "the
  report"), class nouns ("the regulator" for an authority) and surnames
  resolve to the nearest compatible source named earlier in the document,
  "the company"/"the club" and executives without an organisation to the
  organisation the article is about; a sentence that only continues a
  direct quotation inherits its speaker, and one that only opens a quotation
  takes the attribution of the sentence that closes it; a document
  reference with nothing before it ("..., audit finds" in a headline) takes
  the first matching source named after it.

A sentence with no source is the publisher's own: ``speaker`` and
``organization`` stay None and the chain holds only the publisher.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

from registry import Attribution, AttributionLink

from . import mentions
from . import lexicon
from .lexicon import (
    BETWEEN_SUBJECT_AND_VERB,
    CAPITALS,
    COUNTRY_ADJECTIVES,
    CUE_VERBS,
    DATA_NOUNS,
    DOCUMENT_NOUNS,
    DOCUMENT_ONLY_CUES,
    EXECUTIVE_ROLES,
    GOVERNMENT_METONYMS,
    GROUP_NOUNS,
    LEAD_CLASS_NOUNS,
    NOT_IN_NAME,
    NOT_INVERTED_CUES,
    ORG_CLASSES,
    ORG_DESCRIPTORS,
    ORG_HEADS,
    PARTICIPLE_CUES,
    POSSESSIVE_PRONOUNS,
    PRONOUNS,
    RECORDING_CUES,
    ROLES,
    TRADE_GROUPS,
)
from .mentions import Agent, is_capitalised, parse_appositive, parse_source, same_head, words_of
from .patterns import CAPTION_OR_LINK, ascii_words, word_alternation
from .quantities import SMALL_NUMBERS
from .quotes import HIDDEN, find_quotations, mask_quotations
from .sentences import Sentence, split_sentences

PLUGIN_NAME = "rules"

#: How sure each pattern is that it found the claim's source.
PATTERN_CONFIDENCE = {
    "according_to": 0.9,
    "subject_verb": 0.9,
    "told_medium": 0.9,
    "inverted": 0.9,
    "trailing": 0.9,
    "appositive": 0.85,
    "in_statement": 0.9,
    "speaking_to": 0.9,
    "figures_show": 0.85,
    "passive_by": 0.85,
    "quoted_as_saying": 0.85,
    "put_figure": 0.85,
    "as_reported_by": 0.8,
    "citing": 0.75,
    "headline_source": 0.7,
    "participle": 0.7,
    "in_view": 0.65,
    "critical_of": 0.6,
    "continued_quote": 0.6,
    "person_subject": 0.6,
    "unnamed_group": 0.5,
    "unattributed": 0.5,
}
#: How sure the resolution of the named source is, by how it was named.
RESOLUTION_CONFIDENCE = {
    "named": 1.0,
    "surname": 0.95,
    "description": 0.85,
    "pronoun": 0.8,
    "document": 0.85,
    "unresolved": 0.6,
    "forward": 0.6,
    "context": 0.5,
}



_CUE = re.compile(r"\b(?<!['’-])(" + word_alternation(CUE_VERBS) + r")\b(?!['’-])")
_CUE_BYTES = frozenset(verb.encode() for verb in CUE_VERBS)  # for the test before that search
_PARTICIPLE = re.compile(r",\s+(" + "|".join(PARTICIPLE_CUES) + r")\b")
_PHRASE = r"([^,;:!?“”\"«»\x1f()—–]+?)(?=\s*(?:[,;:!?“”\"«»\x1f()—–]|\.(?:\s|$)|$|\s-{1,2}\s))"
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+" + _PHRASE)
_REPORTED_BY = re.compile(r"\b(?:[Aa]s\s+)?reported\s+by\s+" + _PHRASE)
_CITING = re.compile(r"\b[Cc]iting\s+" + _PHRASE)
_STATEMENT = re.compile(r"\b[Ii]n\s+(?:a|an|its|his|her|their)\s+(?:\w+\s+)?statement\b")
_SPEAKING_TO = re.compile(r"\b(?:[Ss]peaking|[Tt]alking)\s+(?:to|with)\s+" + _PHRASE)
_INTERVIEW_WITH = re.compile(r"\bin\s+an\s+interview\s+with\s+" + _PHRASE)
_THAT = re.compile(r"\s+that\b")
_BY_AGENT = re.compile(r"\s+by\s+")
_CALLING = frozenset({"called", "calls"})
_SPEECH_CUES = frozenset({"said", "says", "told", "added", "stated", "announced"})
# A sentence's first words that are only a role: "Its chief executive", "The regional Councillor for Infrastructure"
# a role opening a sentence as its subject; not a role in a clause after a verb ("The vote is the first since the
# federation's former president, X, resigned")
_ROLE_OPENING = re.compile(
    r"\s*(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Aa]n?)\s+"
    r"(?![^,]*\b(?:is|was|are|were|has|have|had|since|after|before|when|until)\b)[^,]{3,80}$"
)
_ITS_BEFORE = re.compile(r"(?:^|[,;:]\s*|\s)[Ii]ts\s+[^,;:]*$")  # "..., its treasurer"
# ", <subject>, said|told ...." closing a sentence: the reporting verb and what may follow it (an outlet, a time)
_CLOSING_CLAUSE = re.compile(
    r",\s(?:[^,;]{2,60},\s)?[^,;]{0,60}?\b(said|told|says|added)\b[^,;\x1f]{0,60}(?:,\s+[a-z]+ing\b[^;]*)?[.!]?\s*$"
)  # "..., its treasurer, X, told the council on Monday, blaming lower receipts.", "..., the institute said."
# A description that only a person fits: "a single mother of three", "a 54-year-old retired teacher".
_A_PERSON = re.compile(
    # an age is a person's: "a 38-year-old pharmacist"
    r"\s*(?:a|an)\s+(?:[\w-]+\s+){0,2}?\d+-year-old\b|"
    r"\s*(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:mother|father|parent|grandmother|grandfather|widow|widower|pensioner|"
    r"retiree|resident|student|worker|woman|man|girl|boy|teenager|tenant|patient|passenger|claimant|neighbour|neighbor)\b"
)
_ARTICLE = re.compile(r"\s+(?:a|an)\s")
_INTRODUCED_PERSON = re.compile(r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}),\s+(?:a|an)\s+((?:[\w'’-]+\s+){0,3}?[a-z]+),")
_NAME_PHRASE_END = re.compile(r"[,;:.()\x1f]|\s(?:[a-z]+ed|is|was|has|had|said|lost|won|and|who)\b")
# a person a sentence is about, named through a relative: "For Tom Hale's widow, Ann, ..."
_FAMILY_TOPIC = re.compile(
    r"(?:For|To)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+)['’]s\s+"
    r"(widow|widower|wife|husband|son|daughter|mother|father|brother|sister),\s+([A-Z][\w'’-]+),"
)
_RELATIVE_GENDERS = {"widow": "f", "wife": "f", "daughter": "f", "mother": "f", "sister": "f",
                     "widower": "m", "husband": "m", "son": "m", "father": "m", "brother": "m"}
# verbs whose subject undergoes what they tell, as with a passive: "The driver, X, died at the scene"
_HAPPENED_TO = frozenset({"died", "drowned", "dies", "drowns"})
_PRONOUN_GENDERS = {"he": "m", "she": "f"}
_HONORIFIC_GENDERS = {
    "mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f",
    "malam": "m", "mallam": "m", "alhaji": "m", "hajiya": "f", "hajia": "f", "alhaja": "f", "smt": "f",
}
_TOPIC_SENTENCES = 2  # how far back the person just introduced is the antecedent of "he"/"she"
_PASSIVE_END = re.compile(r"\b(?:was|were|is|are|been|being|be)(?:\s+\w+ly)?$")
# "is demanding", "are warning": a form of "be" before a verb in -ing is no passive
_PROGRESSIVE = re.compile(r"\w+ing\b")
_MADE_BY = re.compile(r"\s*(?:[a-z]+\s+){1,2}by\s+(.+)")  # "drawn up by X", "published by X"
_TOLD = re.compile(r"\b(?:told|telling)\s+")
_PUT_FIGURE = re.compile(
    r"\bput(?:s|ting)?\s+(?:the|its|their|his|her)\s+(?:[\w-]+\s+)?"
    r"(?:figure|number|toll|total|tally|count|cost|losses|estimate)\b"
    # "put the on-time rate of its rival, Skybridge, at 74%": whatever is put at a number
    r"|\bput(?:s|ting)?\s+(?:(?:the|its|their|his|her)\s+)?(?:[^\s.;]+\s+){1,10}?at\s+(?:[a-z]+\s+){0,2}[$€£]?\d"
)
# A headline that names its source after a dash: "US must rethink stance – Kremlin".
_HEADLINE_SOURCE = re.compile(r"\s(?:–|—|--?)\s+((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]*)$")
_IN_VIEW = re.compile(r"\b[Ii]n\s+(his|her|their)\s+(?:view|opinion|words|estimation|assessment)\b")
_CRITICAL_OF = re.compile(r"\s+(?:was|were|is|are|has\s+been|have\s+been)\s+(?:also\s+)?(?:\w+ly\s+)?critical\s+of\b")
# Words without which none of the patterns but the verbs can match. Every
# alternative starts with a literal character (a check on what comes before
# follows it: "p(?<!\wp)" is "\bp"), which lets the engine skip ahead to the
# places where one of those characters is: 3-4 times faster than "\bput|\s–\s|...".
_OTHER_SIGNAL = re.compile(
    r"according|According|reported\s+by|p(?<!\wp)ut|critical\s+of|In\s+(?:his|her|their)\s|in\s+(?:his|her|their)\s"
    r"|quoted\s+(?:by|as)\s"
    r"|–(?<=\s–)\s|—(?<=\s—)\s|-(?<=\s-)-?\s|,\s+(?:" + "|".join(PARTICIPLE_CUES) + r")\b"
)
_PRODUCED_BY = re.compile(
    r"\b(?:released|published|issued|compiled|conducted|commissioned|prepared|produced|gathered|collected|"
    r"provided|carried\s+out)\b(?:\s+\S+){0,3}?\s+by\s+(.+)|\b(?:by|from)\s+(.+)"
)
_PRODUCER_END = re.compile(
    # "for", "and", "of" before a capitalised word are part of a name: "the Commission for Aviation Consumers"
    r"\s+(?:on|in|at|last|this|earlier|during|since|after|before|which|that|who|[a-z]+ed"
    r"|(?:for|from|with|and)(?!\s+[A-Z]))\b.*"
)
_DOCUMENT_MADE_BY_SUBJECT = re.compile(
    r"\s*((?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,2}?(?:" + "|".join(sorted(DOCUMENT_NOUNS)) + r"))"
    r"\s+(?:that\s+|which\s+)?((?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+"
    r"(?:carried\s+out|conducted|published|commissioned|released|ran|compiled|produced|prepared|issued)\b"
)
# A document the text says who made, in any sentence: "The research, carried out by the X Institute and
# published on Thursday, tested ...", "a study by the X Institute"; what "the study" and "who led the study"
# refer to later, and what an earlier "A study has found" meant.
_DOCUMENT_DESCRIBED = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){0,2}?(" + "|".join(sorted(DOCUMENT_NOUNS)) + r")\b"
    r"(?:\s+(?:of|on|into)\s+[^,;\x1f]{1,60}?)?,?\s+"
    r"(?:(?:carried\s+out|conducted|published|compiled|produced|prepared|written|led|drawn\s+up|released|issued)\s+)?"
    r"by\s+([^,;\x1f]+)"
)
_DOCUMENT_END = re.compile(r"\s+(?:[a-z]+ed|seen|shown|on|in|at|last|this|from|since|for)\b.*")
_CHUNK_BREAK = re.compile(r"[,;:“”\"«»()\x1f]|\s[—–]\s|\s-{1,2}\s|—|–")
_BREAK_CHARACTERS = ",;:“”\"«»()\x1f—–-"  # every match of _CHUNK_BREAK has one; white space aside, nothing else
_BREAK_CHARACTER = re.compile(f"[{re.escape(_BREAK_CHARACTERS)}]")
# "KYIV — ", and wire datelines with a region, a date or an agency before
# the dash: "SHERBROOKE, Quebec (QNS) — ", "HALIFAX, Nova Scotia, Nov 23 (QNS) – ".
# Capital letters of the Latin alphabets, accented ones included ("BOGOTÁ", "ŁÓDŹ", "İZMİR").
_CAPITALS = "A-ZÀ-ÖØ-ÞŁŚŻŹĆŃŐŰŠŽČŘĚŞĞİ"
_DATELINE = re.compile(
    rf"[{_CAPITALS}][{_CAPITALS} .'’-]+(?:,\s+[A-Z0-9][\w.'’ -]{{1,30}}?){{0,2}}(?:\s+\([A-Z][\w.&' -]{{0,40}}\))?"
    r"\s+(?:—|–|--?)\s+")
_INTRO = re.compile(r"(?:On|In|At|After|Before|During|Last|Earlier|Later|Asked|Speaking)\b[^,]{0,80},\s+")
_SEPARATOR = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+")
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_ROLE_WORDS = frozenset(word for role in ROLES for word in role.split())
# Nouns that can head a source phrase (one set: tested for every word of a subject).
_HEAD_WORDS = _ROLE_WORDS | ORG_HEADS | DOCUMENT_NOUNS | GROUP_NOUNS
_UNIT_WORDS = frozenset({"office", "service", "team", "press"})
_MAX_MODIFIERS = 3
# A role whose portfolio is a list: "The Minister of Education, Culture and Science"
_PORTFOLIO_LIST = re.compile(
    r"((?:\b[Tt]he\s+)?(?:[A-Z][\w-]*\s+){0,2}(?:Minister|Secretary|Commissioner|Undersecretary|Under-Secretary)"
    r"\s+(?:of|for)\s+[A-Z][\w'’-]*(?:(?:,\s+|\s+and\s+|\s+&\s+|\s+)[A-Z][\w'’-]*)*)$"
)
# Two or three capitalised words that can be a person's name (no initials, no capitals only)
_PERSON_NAME = re.compile(r"[A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’-]+){1,2}")
# A second verb of the same subject: "welcomed the deal but said", "met the unions and said"
_COORDINATED = re.compile(r"\s(?:and|but)(?:\s+(?:also|then|later))?$")
# A sentence that opens with the document its source speaks in: "In a report covering 23 days, the institute ..."
_IN_A_DOCUMENT = re.compile(
    r"\s*[Ii]n\s+(?:a|an|its|their|the)\s+(?:[\w-]+\s+){0,2}?(report|study|survey|review|analysis|assessment|audit|"
    r"ruling|decision|judgment|judgement)\b"
)
# Words before an organisation's noun that do not tell it apart from others of its kind
_GENERIC_MODIFIERS = frozenset(
    """local regional national state federal provincial municipal city town country main new central own same
    public government official top senior""".split()
)
# Bodies that a minister's or a secretary's portfolio is run by
_PORTFOLIO_BODIES = frozenset({"ministry", "department", "secretariat", "office"})
# Parts of a larger body that speak for themselves: "the Socialist group in the regional parliament"
_BODY_PARTS = frozenset("group faction caucus bloc delegation branch wing".split())
_MONTHS_AND_DAYS = frozenset(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
# How sentences whose subject is no person start ("The figures ...", a quotation).
_NOT_A_PERSON_SUBJECT = ("The ", "A ", "An ", "It ", "This ", "That ", "There ", "These ", "Those ", HIDDEN)
_OPENING = 80  # characters in which a sentence's subject is looked for before it is read
_LEAD_SENTENCES = 3  # the sentences that may name the organisation an article is about (a headline, a byline, the lead)
# How far after a description in the lead ("the province's biggest nursing union says") its name may come
_DESCRIBED_LATER = 10


class Unit(NamedTuple):
    """A claim-sized piece of the text: a sentence or an independent clause,
    with its attribution."""

    start: int
    end: int
    attribution: Attribution


@dataclass
class _Person:
    name: str
    role: str | None = None
    organization: str | None = None
    medium: str | None = None
    interviewer: str | None = None
    gender: str | None = None  # "m" or "f" only when the text says so ("Mr", "his widow", "she said")


@dataclass
class _Organization:
    name: str
    kinds: set[str] = field(default_factory=set)
    spoke: bool = False  # named as a source in its own right, not only as someone's employer
    mentioned: bool = False  # only named in passing ("fined the operator X"), never a source or an employer
    sentence: int = -1  # the sentence that named it first


@dataclass
class _Document:
    head: str
    producer: str
    sentence: int


@dataclass
class _Source:
    """A resolved source, before it becomes an :class:`Attribution`."""

    speaker: _Person | None = None
    organization: str | None = None
    role: str | None = None
    medium: str | None = None
    interviewer: str | None = None
    resolution: str = "named"
    forward_document: str | None = None  # a document reference to resolve from later text
    forward_modifiers: frozenset[str] = frozenset()  # its words before the noun ("customs" in "customs data")
    latest_organization: str | None = None  # else the organisation of the source named last before it
    forward_description: Agent | None = None  # a description in the lead, for the organisation named just after


@dataclass
class _Match:
    position: int
    pattern: str
    agent: Agent
    cue: str
    modality: str
    appositives: list[Agent] = field(default_factory=list)


class _Memory:
    """The sources named so far in one document, most recent last."""

    def __init__(
        self,
        find_lead: Callable[[], str | None] = lambda: None,
        find_acronyms: Callable[[], dict[str, str]] = dict,
    ) -> None:
        self.persons: list[_Person] = []
        self.organizations: list[_Organization] = []
        self.documents: list[_Document] = []
        self.last_person: _Person | None = None
        self.last_unnamed: _Source | None = None  # an unnamed person who spoke since the last named one
        # a person the text has just introduced without quoting them ("X has kept bees for 35 years",
        # "For X's widow, Y, ..."), with the sentence: the nearer antecedent of "he"/"she" than the last source
        self.topic: tuple[_Person, int] | None = None
        self.last_collective: _Source | None = None
        self.latest_organization: str | None = None  # the organisation of the source named last
        self.sentence = -1  # the sentence being read
        self._find_lead = find_lead
        self._lead: tuple[str | None] | None = None
        self._find_acronyms = find_acronyms
        self._acronyms: dict[str, str] | None = None

    @property
    def lead(self) -> str | None:
        """The organisation the article is about, if its first sentences name
        one; found when first asked for (few documents need it)."""
        if self._lead is None:
            self._lead = (self._find_lead(),)
        return self._lead[0]

    def person(self, name: str) -> _Person | None:
        last = name.split()[-1]
        for person in reversed(self.persons):
            if person.name == name or person.name.split()[-1] == last and not _other_first_name(person.name, name):
                return person
        if " " not in name:
            # "Mosquera" for "Xoán Mosquera Vidal": Spanish and Portuguese names go by their first surname
            for person in reversed(self.persons):
                if name in person.name.split()[1:-1]:
                    return person
            # "Wichai" for "Wichai Thongsuk": the Thai and Icelandic press name people by their given name;
            # only one person the text named may have it, and nobody as a surname
            given = [person for person in self.persons if person.name.split()[0] == name and " " in person.name]
            if len(given) == 1:
                return given[0]
        return None

    def surnames(self) -> set[str]:
        return {person.name.rsplit(maxsplit=1)[-1] for person in self.persons if person.name}

    def remember_person(self, person: _Person) -> _Person:
        known = self.person(person.name)
        if known is not None:
            if len(person.name) > len(known.name):
                known.name = person.name
            known.role = person.role or known.role
            known.organization = person.organization or known.organization
            known.medium = person.medium or known.medium
            known.interviewer = person.interviewer or known.interviewer
            known.gender = person.gender or known.gender
            self.persons.remove(known)
            person = known
        self.persons.append(person)
        return person

    def full_name(self, name: str) -> str:
        """The organisation an acronym stands for: defined in the text ("Norrvik
        Container Terminal (NCT)"), else the initials of one named before."""
        short = 2 <= len(name) <= 6 and name.isupper() and name.isalpha()
        if not short and not (3 <= len(name) <= 12 and name.isalpha() and name[0].isupper()):
            return name
        if self._acronyms is None:
            self._acronyms = self._find_acronyms()
        if name in self._acronyms:
            return self._acronyms[name]
        if not short:
            return name
        for organization in reversed(self.organizations):
            if "".join(w[0] for w in organization.name.split() if is_capitalised(w)) == name:
                return organization.name
        return name

    def remember_organization(self, name: str, kinds: list[str] | tuple[str, ...] = (), spoke: bool = False,
                              mentioned: bool = False) -> str:
        """Remember the organisation ``name`` as the one named last;
        ``mentioned`` when the text only names it in passing (an object, a
        description), which "its" does not refer to."""
        name = self.full_name(name)
        lowered = name.lower()
        for organization in self.organizations:
            if organization.name.lower() == lowered:
                organization.kinds.update(kinds)
                organization.spoke = organization.spoke or spoke
                organization.mentioned = organization.mentioned and mentioned
                self.organizations.remove(organization)
                self.organizations.append(organization)
                return organization.name
        self.organizations.append(_Organization(name, set(kinds), spoke, mentioned, self.sentence))
        return name

    def organization_named(self, name: str) -> str | None:
        """The organisation remembered by exactly ``name`` (case aside), if any."""
        lowered = name.lower()
        return next((o.name for o in self.organizations if o.name.lower() == lowered), None)

    def organization_like(self, head: str, qualifier: str | None = None) -> str | None:
        for organization in reversed(self.organizations):
            words = organization.name.lower().split() + [w for kind in organization.kinds for w in kind.split()]
            if any(same_head(head, w) or _compound_of(w, head) for w in words) and (
                qualifier is None or qualifier.lower() in organization.name.lower()
            ):
                return organization.name
        return self.organization_of_class(head.lower()) if qualifier is None else None

    def portfolio_body(self, portfolio: str, besides: str | None = None) -> str | None:
        """The government body named so far whose name has every word of
        ``portfolio`` ("Transport") and a word for such a body: "Transport
        Secretariat", "Ministry of Transport", "Department of Transport"
        (``besides`` that one)."""
        wanted = {word.lower() for word in portfolio.split() if word.lower() not in ("and", "of", "for", "the", "&")}
        for organization in reversed(self.organizations):
            words = set(organization.name.lower().split())
            if wanted and wanted <= words and not _PORTFOLIO_BODIES.isdisjoint(words) and organization.name != besides and (
                organization.name.split()[0] not in mentions.NATIONALITIES  # another country's: "Thai Department of ..."
            ):
                return organization.name
        return None

    def organization_described(self, agent: Agent) -> str | None:
        """The organisation a description refers to ("the group", "the health ministry"): with
        words before its noun that tell it apart ("the Socialist group", "the social services
        department"), only one named with those words ("Ministry of Health" for "the health
        ministry"); else any of its kind (:meth:`organization_like`)."""
        head = agent.head or ""
        modifiers = [w.lower() for w in (agent.name or "").split()[:-1]
                     if w.isalpha() and w.lower() not in _GENERIC_MODIFIERS]
        if not modifiers:
            return self.organization_like(head)
        nouns = ORG_CLASSES.get(head.lower(), frozenset())
        for organization in reversed(self.organizations):
            words = organization.name.lower().split() + [w for kind in organization.kinds for w in kind.split()]
            if (any(same_head(head, w) for w in words) or not nouns.isdisjoint(words)) and all(
                any(same_head(modifier, w) for w in words) for modifier in modifiers
            ):
                return organization.name
        if "company" in nouns and head != "group":  # a group may be a party's, a campaign's
            # "the software maker", "the Dutch lender": words that describe a firm's trade rather than
            # tell apart bodies of one kind (as "health" does in "the health ministry")
            return self.organization_like(head)
        return None

    def organization_of_class(self, noun: str) -> str | None:
        """The organisation a class noun refers to: the last one named with a
        noun of the same class ("the company" for "Vistula Power Group", "the
        regulator" for "Energy Supervisory Authority"), else the article's lead
        organisation if it fits: by class, or, when its name shows none
        ("Westport United"), if the noun is one for a business or a club."""
        nouns = ORG_CLASSES.get(noun)
        if nouns is None:
            return None
        lead = self.lead  # found first: finding it remembers the lead with its description's class

        def of_class(organization: _Organization) -> bool:
            return not nouns.isdisjoint(organization.name.lower().split()) or any(
                not nouns.isdisjoint(kind.split()) for kind in organization.kinds)

        known = next((o.name for o in reversed(self.organizations) if not o.mentioned and of_class(o)), None)
        if known is not None:
            return known
        if lead is not None and _fits_class(lead, noun):
            return lead
        # "Kestrel said ... the company said": a brand that has spoken, when the article is about
        # someone else (a regulator fining it); else one named only in passing ("fined the online
        # casino operator X ... the company said")
        return next((organization.name for organization in reversed(self.organizations)
                     if organization.spoke and not organization.kinds and _fits_class(organization.name, noun)),
                    None) or next((o.name for o in reversed(self.organizations) if o.mentioned and of_class(o)), None)


def _fits_class(name: str, noun: str) -> bool:
    """Can the class noun ``noun`` ("the company") refer to the organisation
    ``name``: by a noun of its class in the name, or, for a name that shows
    no class ("Westport United"), when the noun is one for a business or a
    club?"""
    nouns = ORG_CLASSES.get(noun)
    if nouns is None:
        return False
    words = name.lower().split()
    return not nouns.isdisjoint(words) or (noun in LEAD_CLASS_NOUNS and not any(word in ORG_CLASSES for word in words))


# -- reading one sentence ------------------------------------------------------


def _strip_between(text: str) -> tuple[str, bool]:
    """``text`` without the auxiliaries and adverbs that end it ("has also"),
    and whether one of them was a form of "be" (a passive: "is expected")."""
    passive = False
    while True:
        stripped = text.rstrip()
        cut = max(stripped.rfind(" "), stripped.rfind("\n"))
        last = stripped[cut + 1:]
        if last.lower() in BETWEEN_SUBJECT_AND_VERB:
            passive = passive or last.lower() in _BE
            text = stripped[: cut + 1]
            continue
        return stripped, passive


def _head_like(token: str, low: str) -> bool:
    """Can ``token`` (lower-cased ``low``) be the head of a source phrase?"""
    return is_capitalised(token) or low in PRONOUNS or mentions.strip_possessive(low) in _HEAD_WORDS or (
        mentions.plural_org_head(low))


def _last_chunk_start(text: str) -> int:
    """Where the last chunk of ``text`` starts: the end of the last match of
    :data:`_CHUNK_BREAK`, or 0.

    The search starts just before the last character a break can contain,
    after a character none can contain (so no break runs across the start
    and the matches from there are those of a search from the beginning):
    texts before a verb run to hundreds of characters, and their last break
    is usually a few characters back."""
    backwards = text[::-1]
    limit = len(text)
    while True:
        found = _BREAK_CHARACTER.search(backwards, len(text) - limit)
        if found is None:
            return 0
        start = max(0, len(text) - 1 - found.start() - 2)  # a break begins at most two characters before its last dash or mark
        # back over the white space and break characters before it, in C: a
        # masked quotation is a run of hundreds of them
        before = text[:start]
        while len(shorter := before.rstrip().rstrip(_BREAK_CHARACTERS)) < len(before):
            before = shorter
        start = len(before)
        last = deque(_CHUNK_BREAK.finditer(text, start, limit), maxlen=1)  # one break per masked character
        end = last[0].end() if last else 0
        if end or not start:
            return end
        limit = start  # only dashes inside words there ("Kyiv-based"): look further back


def _scan_back(text: str) -> Agent | None:
    """The source phrase that ends ``text``: the words before an attribution verb."""
    if text.endswith(")"):
        text = _TRAILING_SHORT_NAME.sub("", text)  # "The Sindicato Galego de Enfermería (SIGEN)"
    tokens = words_of(text[_last_chunk_start(text):])
    accepted: list[str] = []
    modifiers = 0
    index = len(tokens) - 1
    foreign = mentions.foreign_name_start(tokens)
    if foreign is not None:
        accepted, index = tokens[foreign:], foreign - 1
    while index >= 0:
        token = tokens[index]
        low = token.lower()
        if low in ("the", "a", "an") or low in POSSESSIVE_PRONOUNS:
            if accepted and index >= 2 and [t.lower() for t in tokens[index - 2:index]] in (
                ["close", "to"], ["familiar", "with"]
            ):
                return None  # "a person close to the company said": an unnamed source, not the company
            if accepted and index >= 2 and tokens[index - 1].lower() in ("in", "on") and (
                tokens[index - 2].lower() in _BODY_PARTS
            ):
                # "the Socialist group in the regional parliament said": the group speaks, not where it sits
                accepted = []
                modifiers = 0
                index -= 2
                continue
            if accepted and index >= 2 and tokens[index - 1].lower() in ("from", "by") and (
                tokens[index - 2].lower() in DOCUMENT_NOUNS
            ):
                # "figures from the National Statistics Bureau show", "a study by the X Observatory"
                accepted[:0] = tokens[index - 1: index + 1]
                index -= 2
                modifiers = 0
                continue
            if accepted:
                accepted.insert(0, token)
                if low == "the" and index >= 2 and tokens[index - 1] in ("of", "for", "at") and (
                    is_capitalised(tokens[index - 2]) or tokens[index - 2].lower() in _ROLE_WORDS
                ):
                    # "Senator Paula Greer of the Harbour Party", "the director of the X Project":
                    # the phrase goes on before "of the"
                    accepted.insert(0, tokens[index - 1])
                    index -= 2
                    modifiers = 0
                    continue
            break
        if low in ("of", "for") or (low == "at" and index and tokens[index - 1].lower() in _ROLE_WORDS) or (
            low in ("and", "&") and accepted and index and is_capitalised(tokens[index - 1])
        ) or (low in ("from", "by") and index and tokens[index - 1].lower() in DOCUMENT_NOUNS):
            # "the director of X", "State Secretary for Agriculture X", "deputy mayor for the
            # environment", "Minister of Trade and Competition": the phrase goes on before it
            before = tokens[index - 1].lower() if index else ""
            if accepted and (before in _UNIT_WORDS or before in _ROLE_WORDS or before in DOCUMENT_NOUNS
                             or (index and is_capitalised(tokens[index - 1]))):
                accepted.insert(0, token)
                index -= 1
                modifiers = 0
                continue
            break
        if low in ("in", "on") and accepted and index and tokens[index - 1].lower() in _BODY_PARTS:
            # "the Socialist group in parliament said": the group speaks, not where it sits
            accepted = []
            modifiers = 0
            index -= 1
            continue
        if low == "in" and accepted and len(accepted) <= 3 and all(is_capitalised(w) for w in accepted) and index and (
            tokens[index - 1].lower() == "police" or tokens[index - 1].lower() in GROUP_NOUNS
        ):
            # "Police in Dayton said" is the Dayton police; "Officials in Dayton said" are officials, not
            # an organisation called Dayton
            accepted = [*accepted, "police"] if tokens[index - 1].lower() == "police" else [tokens[index - 1]]
            index -= 2
            modifiers = 0
            continue
        # a capitalised "Said" is a name ("Amira Said"), unless it starts the chunk
        if low in NOT_IN_NAME and low not in PRONOUNS and (not is_capitalised(token) or index == 0):
            break
        if _head_like(token, low) or (not accepted and _field_of_role(tokens, index)):
            accepted.insert(0, token)
        elif accepted and modifiers < _MAX_MODIFIERS and token.replace("-", "").replace("'", "").replace("’", "").isalpha():
            accepted.insert(0, token)
            modifiers += 1
        else:
            break
        index -= 1
    if not accepted:
        return None
    if len(accepted) == 1 and accepted[0] not in _MONTHS_AND_DAYS and any(
        tokens[i].lower() in ("in", "from", "near") and tokens[i - 1].isalpha() and tokens[i - 1].islower()
        and tokens[i - 1].endswith("s") for i in range(1, index + 1)
    ):
        # "Small growers in the highland region of Ayacucho say": a place in the subject, whose head is the
        # people before "in"
        return None
    # "Economists surveyed by X expect": X is the agent of the participle,
    # the subject is what comes before it.
    start = index + 1
    if start >= 2 and tokens[start - 1].lower() in ("in", "near") and tokens[start - 2].islower() and all(
        is_capitalised(word) and word not in _MONTHS_AND_DAYS for word in accepted
    ):
        # "A teacher at a school in Birnin Kebbi said": the place is where the subject is, not who speaks
        return _scan_back(" ".join(tokens[: start - 1]))
    if start >= 2 and tokens[start - 1].lower() == "by" and (
        tokens[start - 2].lower().endswith("ed") or tokens[start - 2].lower() in _IRREGULAR_PARTICIPLES
    ):
        return _scan_back(" ".join(tokens[: start - 2]))  # "Internal documents seen by the Ledger show"
    if start >= 3 and tokens[start - 1].lower() in ("in", "on") and tokens[start - 2].lower().endswith("ed") and (
        len(accepted) == 1 and (accepted[0] in _MONTHS_AND_DAYS)
    ):
        # "A study by X published in June projected": the date belongs to the participle, the subject is before it
        return _scan_back(" ".join(tokens[: start - 2]))
    return parse_source(" ".join(accepted))


# Why a source goes unnamed, in a clause between the source and its verb.
_ANONYMITY = re.compile(
    r"\s+who\s+(?:asked|declined|requested|spoke|did\s+not\s+want|was\s+not\s+authori[sz]ed)\b[^,;]*$")
# Whose reading of data a sentence gives: "For the Ratepayers' Association, the figures show".
_VIEW_HOLDER = re.compile(r"\s*For\s+((?:the\s+)?[A-Z][^,]{2,80}),\s+(?:the|these|those|its|their)\s")
_IRREGULAR_PARTICIPLES = frozenset({"seen", "shown", "given", "taken", "written", "drawn", "known"})


def _field_of_role(tokens: list[str], index: int) -> bool:
    """Is ``tokens[index]`` the field a role is held for, ending the phrase:
    "head of services", "deputy mayor for the environment"?"""
    for link in range(index - 1, max(index - 4, 0), -1):  # "head of pelagic research", "mayor for the environment"
        word = tokens[link].lower()
        if word in ("of", "for"):
            return tokens[link - 1].lower() in _ROLE_WORDS
        if not (word == "the" or (word.isalpha() and word.islower())):
            return False
    return False


def _organization_runs_on(tokens: list[str]) -> bool:
    """Do the capitalised words that open ``tokens`` end in a word for an
    organisation ("Bute Council" after "Argyll and"), so that "and" joins
    one name rather than two subjects?"""
    run = list(itertools.takewhile(is_capitalised, tokens))
    return bool(run) and run[-1].lower() in ORG_HEADS


def _subject_at_start(masked: str) -> Agent | None:
    """The subject of the sentence's main clause (after a dateline or an
    introductory phrase): the words up to its verb. A photo caption or
    credit has none that speaks."""
    if CAPTION_OR_LINK.match(masked):
        return None
    position = 0
    dateline = _DATELINE.match(masked)
    if dateline:
        position = dateline.end()
    intro = _INTRO.match(masked, position)
    if intro:
        position = intro.end()
    chunks = masked[position: position + 200].split(",", 2)
    tokens = words_of(chunks[0])
    taken: list[str] = []
    have_head = False
    for index, token in enumerate(tokens):
        low = token.lower()
        if not taken and (low in ("the", "a", "an", "its") or low in POSSESSIVE_PRONOUNS):
            taken.append(token)
            continue
        if low in ("for", "at", "of") and have_head and (
            taken[-1].lower() in _ROLE_WORDS or taken[-1].lower() in GROUP_NOUNS
        ):
            # "A spokesman for Harbour Foods declined to comment but said": the role's organisation
            named = list(itertools.takewhile(
                lambda word: is_capitalised(word) or word in ("the", "of", "for", "and", "&"), tokens[index + 1:]))
            while named and not is_capitalised(named[-1]):
                named.pop()
            if named:
                taken.extend([token, *named])
            break
        if (token == "&" or (low == "and" and _organization_runs_on(tokens[index + 1:]))) and taken and (
            is_capitalised(taken[-1])
        ):
            taken.append(token)  # "Haven & Kade", "Argyll and Bute Council"
            continue
        if low in NOT_IN_NAME or low in BETWEEN_SUBJECT_AND_VERB:
            break
        if _head_like(token, low) and not (taken and taken[-1].endswith(("'s", "’s")) and not is_capitalised(token)):
            taken.append(token)
            have_head = True
        elif (not have_head or taken[-1].endswith(("'s", "’s"))) and len(taken) < _MAX_MODIFIERS + 1:
            taken.append(token)  # "Malta's gambling regulator": the possessor's words run on to the head
            have_head = have_head and not taken[-1].islower()
        else:
            break
    if len(chunks) == 3 and _ROLE_OPENING.match(chunks[0]):
        # "Its chief executive, X, went further", "The Undersecretary for Health, X, went further":
        # the role, then its holder; "The school boards' association, X, welcomed": the description, then
        # the organisation's name
        role = parse_source(chunks[0])
        if role is not None and (role.kind == mentions.ROLE_REFERENCE or (
            role.kind == mentions.ORG_REFERENCE and role.definite and chunks[1].strip()[:1].isupper()
        )):
            return _named_after(role, chunks[0], chunks[1]) or role
    if not have_head:
        return None
    return parse_source(" ".join(taken))


def _subject_before(masked: str, end: int) -> tuple[Agent, list[Agent], bool] | None:
    """The subject of an attribution verb at ``end``: (source, appositives
    describing it, passive?). Handles "X, <appositive>, said"."""
    left, passive = _strip_between(masked[:end])
    if ", " in left:
        left = _AGE_IN_APPOSITION.sub("", left)  # "Lisa Martin, 52, a harvester from Pubnico, said"
    if " who " in left and (anonymous := _ANONYMITY.search(left)) is not None:
        left = left[: anonymous.start()]  # "a teacher who asked not to be named because ... said"
    if not left.endswith(","):
        agent = _scan_back(left)
        return (agent, [], passive) if agent is not None else None
    body = left[:-1]
    cut = body.rfind(", ")  # not the comma of "310,000"
    if cut < 0:
        return None
    before = body.rfind(", ", 0, cut)
    if before >= 0 and _parenthetical(body[cut + 1:]) and (
        _parenthetical(body[before + 1: cut]) or body[cut + 1:].lstrip().startswith("which ")
    ):
        # "Julia Mazur, 19, from a village near Olsztyn, said", "X, a supervisor at the Y plant,
        # which employs 140 people, said": the clause describes what comes before it
        body, cut = body[:cut], before
    appositive_text = body[cut + 1:]
    appositive = parse_appositive(appositive_text)
    portfolio = _PORTFOLIO_LIST.search(body, 0, cut) if "," in body[:cut] else None
    # "The Minister of Education, Culture and Science, X, said": a portfolio of several words in a list
    agent = parse_source(portfolio.group(1)) if portfolio is not None else _scan_back(body[:cut])
    if agent is None and (member := _ONE_OF_ORGANIZATIONS.search(body, 0, cut)) is not None:
        # "One of those operators, Zipp Mobility, said": one of several organisations, then its name
        plural = member.group(2).lower()
        singular = plural[:-3] + "y" if plural.endswith("ies") else plural[:-1]
        if singular in ORG_HEADS:
            agent = Agent(mentions.ORG_REFERENCE, member.group(0).strip(), head=singular)
    made = _MADE_BY.match(appositive_text) if agent is not None and agent.kind == mentions.DOCUMENT else None
    if made is not None and agent is not None:
        # "The assessment, drawn up by the National Disaster Recovery Office, counts ..."; but "a review by
        # X, commissioned by the council," is still X's: who commissions a document does not write it
        if agent.producer is None or not appositive_text.lstrip().startswith("commissioned"):
            agent.producer = parse_source(_PRODUCER_END.sub("", made.group(1)))
        return agent, [], passive
    if agent is not None and agent.kind == mentions.NAME and appositive is None and _describes(appositive_text) and (
        _A_PERSON.match(appositive_text)
    ):
        # "Nadia, a single mother of three who ..., said": a person known by one name
        return Agent(mentions.PERSON, agent.text, name=agent.name, head=agent.head), [], passive
    if agent is None or (appositive is None and not _parenthetical(appositive_text) and not (
        agent.kind in (mentions.ORGANIZATION, mentions.PERSON) and _describes(appositive_text)
    )):
        # "Her main challenger, Councillor X of Y, accused": the name is the second phrase
        named = _named_after(agent, body[:cut], appositive_text)
        if named is not None and named.kind == mentions.PERSON and _ONE_OF_THEM.search(body, 0, cut):
            named.organization = _THEM
        return (named, [], passive) if named is not None else None
    return _described_organization(agent, appositive), [appositive] if appositive else [], passive


def _named_after(agent: Agent | None, agent_text: str, name_text: str) -> Agent | None:
    """Who ``name_text`` names after the phrase ``agent`` (read from
    ``agent_text``) that describes them: a person with that role and
    organisation ("Its president, X, said", "The guild's president, X,
    said"), or an organisation with that description as its kind ("A
    residents' group, Save the Hanamura Line, accused")."""
    if agent is not None and agent.kind == mentions.ORG_REFERENCE and agent.head:
        # "A residents' group, Save the Hanamura Line, accused", "The largest union, Onderwijsbond NL,
        # said", "A smaller union, the Christian teachers' association VCLB, rejected": the
        # description, then the organisation's name
        named = parse_source(name_text)
        if named is not None and named.kind == mentions.ORGANIZATION and named.name:
            return Agent(mentions.ORGANIZATION, named.text, name=named.name, head=agent.head,
                         kinds=[*named.kinds, agent.head])
        if name_text.strip()[:1].isupper():  # a person is not what "a residents' group" describes
            name = name_text.strip()
            return Agent(mentions.ORGANIZATION, name, name=name, head=agent.head, kinds=[agent.head])
    named = parse_source(name_text)
    if named is None and (of := _PERSON_OF.fullmatch(name_text.strip())) is not None:
        # "His agent, Pieter van Hulst of Rotterdam-based Stride Management, said": a person, then where they work
        person, workplace = parse_source(of.group(1)), parse_source(of.group(3))
        if person is not None and person.kind == mentions.PERSON:
            # a name based somewhere is an organisation's ("Rotterdam-based Stride Management"); a place alone
            # is where the person lives ("Ana Lima of Lisbon")
            if workplace is not None and (
                (workplace.kind == mentions.ORGANIZATION and of.group(3).strip() not in lexicon.GOVERNMENT_METONYMS)
                or (of.group(2) and workplace.kind == mentions.PERSON)
            ):
                workplace = Agent(mentions.ORGANIZATION, workplace.text, name=workplace.name, head=workplace.head)
            else:
                workplace = None
            named = Agent(mentions.PERSON, person.text, name=person.name, head=person.head, organization=workplace)
    if named is not None and named.kind in (mentions.ORGANIZATION, mentions.MEDIUM) and agent is not None and (
        agent.kind == mentions.ROLE_REFERENCE and _PERSON_NAME.fullmatch(name_text.strip())
    ) and ORG_HEADS.isdisjoint(name_text.lower().split()):
        # "Its mayor, Hendrik Post,": a role describes a person, though "Post" can end a firm's name
        named = Agent(mentions.PERSON, named.text, name=name_text.strip(), head=name_text.split()[-1])
    if named is None or named.kind != mentions.PERSON:
        return None
    if agent is not None and agent.kind == mentions.ROLE_REFERENCE and not named.role:
        owner = agent.organization or (_ITS if _ITS_BEFORE.search(agent_text) else None)
        named = Agent(mentions.PERSON, named.text, name=named.name, role=agent.role, head=named.head,
                      organization=owner or named.organization)
    return named


# "Its president, X, said": the organisation named last, resolved when the source is.
_ITS = Agent(mentions.ORG_REFERENCE, "its", definite=True)
# A member of the group named before: "one of them, councillor X"
_THEM = Agent(mentions.ORG_REFERENCE, "them", definite=True)
# The last word of a firm's name, which its short form leaves out ("Northern Shield" for "Northern Shield
# Railway"); not the words of bodies named after a person ("the Anna Berg Foundation", "Institute", "Fund")
# The legal forms that end a firm's name ("Kustlinjen Buss AB", "Harbour Foods Ltd") or open it
# ("PT Kencana Rimba Sejahtera", Indonesian; "OOO ...", Russian).
_LEGAL_FORMS = frozenset("AB GmbH AG Oy Oyj ASA NV BV SpA Srl SARL Pty Bhd Inc Ltd Plc PLC LLC Corp".split())
_LEGAL_FORMS_BEFORE = frozenset("PT OOO PJSC OAO".split())
_FIRM_WORDS = (mentions._ORG_NAME_WORDS - {"Institute", "Centre", "Center", "Project", "Fund", "Council", "Union",
                                          "International", "National", "World", "Global"}) | {
    "Company", "Corporation", "Group", "Mobility"} | _LEGAL_FORMS
_FIRM_WITH_LEGAL_FORM = re.compile(
    r"\b((?:[A-Z][\w&'’-]*\s+){1,4}(?:" + "|".join(sorted(_LEGAL_FORMS)) + r"))\b"
    r"|\b((?:" + "|".join(sorted(_LEGAL_FORMS_BEFORE)) + r")(?:\s+[A-Z][\w&'’-]*){1,4})")
_ONE_OF_ORGANIZATIONS = re.compile(
    r"(?:^|\s)((?:[Oo]ne|[Aa]nother|[Ee]ach)\s+of\s+(?:the|those|these|its|their)\s+(?:[\w-]+\s+){0,2}?)"
    r"([a-z]+s)\s*$"
)
# A form of "be" (and an adverb) before a verb in -ing: "are demanding", "is now warning"
_AUXILIARY_END = re.compile(r"\b(?:is|are|was|were|been|be|am)(?:\s+\w+ly|\s+now|\s+still|\s+also)?$")
# What ends the reported words before a source at the end of its sentence: "..., the ministry said."
_BEFORE_TRAILING_SOURCE = frozenset(",”\"’\x1f:;—–-)")
# "X was quoted by <outlet> as saying": the outlet that relayed X's words
_QUOTED_AS = re.compile(
    r"\s(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+quoted\s+(?:by\s+(.+?)\s+)?as\s+(?:saying|telling)\b")
# Social networks and messaging services a source posts on: "wrote on Telegram", "in a post on X".
_ON_PLATFORM = re.compile(
    r"\bon\s+(X|Twitter|Telegram|Facebook|Instagram|TikTok|LinkedIn|Bluesky|Threads|Truth Social|Weibo|WeChat"
    r"|YouTube|Substack|Mastodon|VKontakte)(?![\w-]|\s+[A-Z])"
)
# A portfolio before a role that holds it: "Transport Secretary", "Trade Commissioner"
_PORTFOLIO_TITLE = re.compile(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)\s+(?:Secretary|Commissioner)")
# A lower-case word for a medium after its name: "Deutschlandfunk radio", "Rai television"
_MEDIUM_AFTER_NAME = re.compile(r"(?:radio|television|tv|newspaper|broadcaster|channel|daily|weekly)\b", re.I)
# A short name in brackets after a name: " (SIGEN)", " (Sergas)"
_TRAILING_SHORT_NAME = re.compile(r"\s*\([A-Z][A-Za-z]{1,9}\)$")
# An age between a name and what describes the person: ", 52" in "X, 52, a harvester, said"
_AGE_IN_APPOSITION = re.compile(r",\s*\d{1,3}(?=,\s*(?:a|an|the|who)\s)")
# An age after a person's name: ", 52,"
_AGE_AFTER_NAME = re.compile(r",\s*\d{1,3},")
# An organisation after a person's name: "of the Nova Scotia Supreme Court"
_AFFILIATION_AFTER = re.compile(r"\s+of\s+((?:the\s+)?(?:[A-Z][\w'’-]*\s+(?:of\s+|for\s+)?)*[A-Z][\w'’-]*)")
# A person's name, then their organisation after "of" (a place's "-based" before it is left out)
_PERSON_OF = re.compile(
    r"((?:[A-Z][\w'’-]+\s+){1,2}(?:(?:van|von|de|da|di|del|der|den|la|le|du|dos|ter)\s+)?[A-Z][\w'’-]+)\s+of\s+"
    r"(?:the\s+)?([A-Z][\w'’-]*-based\s+)?([A-Z].+)"
)
_ONE_OF_THEM = re.compile(r"\b(?:[Oo]ne|[Tt]wo|[Aa]nother|[Ss]ome)\s+of\s+them$")
# A person named by a first name and an initial: "Marc D."
_ANONYMISED = re.compile(r"[A-Z][a-zà-ÿ'’-]+\s+[A-Z]\.")
_OPENS_WITH_ITS = re.compile(r"\s*(?:" + _DATELINE.pattern + r")?[Ii]ts\s")
# Nouns for a business that "the company" may refer to, and how many sentences back its name may be
# found read as a person's.
_BUSINESS_NOUNS = frozenset({"company", "firm", "group", "business", "corporation", "manufacturer", "retailer",
                             "carmaker", "lender", "insurer", "airline", "operator", "producer", "chain", "maker"})
_FIRM_LOOKBACK = 2
# Nouns for a public body whose name may show no kind ("Statistics Sweden" is "the agency").
_PUBLIC_BODY_NOUNS = frozenset({"agency", "office", "bureau", "body", "organisation", "organization", "institute",
                                "service", "party"})
_OPENING_ADVERB = re.compile(r"[A-Z][a-z]+,\s+")
# Those who speak for an organisation, named or not.
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "press officer", "press secretary"})
# What speaks for a person rather than in their own name: "her office", "his spokeswoman".
_OFFICES_OF_A_PERSON = frozenset({"office", "team", "campaign", "cabinet"})
_NAMED_PERSONS_UNIT = re.compile(
    r"([A-Z][\w'’-]+)['’]s\s+(office|team|campaign|spokesman|spokeswoman|spokesperson|aides?)", re.I)
_SPEAKERS_FOR_A_PERSON = frozenset({"spokesman", "spokeswoman", "spokesperson", "secretary", "aide", "aides"})
# Roles held in a town: "Its mayor" is the town's.
_PLACE_ROLES = frozenset({"mayor"})
# "In Hanamura, a mountain town of 3,900 people": a place the text says is a town.
_PLACE_DESCRIBED = re.compile(
    r"((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+),\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:town|city|village|commune|municipality|borough|district)\b"
)
# A run of capitalised words (joined by "&", "of", "for", "de", ...): a name.
_NAME_RUN = r"[A-Z][\w'’.&-]*(?:\s+(?:&\s+)?(?:(?:of|for|de|del|du|the)\s+)?[A-Z][\w'’&-]*)*"
# A sentence opening with the organisation where what it tells happens: "But at the X Hospital in Cluj, ..."
_AT_ORGANIZATION = re.compile(r"\s*(?:(?:But|And|Meanwhile|Yet),?\s+)?[Aa]t\s+((?:the\s+)?" + _NAME_RUN + ")")
_DESCRIPTOR_BYTES = frozenset(word.encode() for word in ORG_DESCRIPTORS)
_LEGAL_FORM_BYTES = frozenset(form.encode() for form in _LEGAL_FORMS | _LEGAL_FORMS_BEFORE)
_DESCRIBED_NAME = re.compile(r"\b(?<![’'-])(?:" + word_alternation(ORG_DESCRIPTORS) + r")\s+" + _NAME_RUN)
_WHICH = re.compile(r",\s+which\s")
_DESCRIPTION_AFTER = re.compile(r",\s+((?:the|a|an)\s+[^,;:.\x1f]{3,80}?)(?=[,;:.\x1f]|$)")
_NAME_PARTS = frozenset({"&", "of", "for", "de", "del", "du", "the"})


def _name_before(text: str, end: int) -> str | None:
    """The name that ends ``text`` at ``end``: its capitalised words (joined by
    "&", "of", ...), without the words that open a sentence ("In Hanamura",
    "The Noordbank")."""
    words = text[max(0, end - 80): end].split()
    taken: list[str] = []
    while words and (is_capitalised(words[-1]) or (taken and words[-1] in _NAME_PARTS)):
        taken.insert(0, words.pop())
    while taken and (
        taken[0].lower() in NOT_IN_NAME or not is_capitalised(taken[0]) or taken[0] in _MONTHS_AND_DAYS
    ):
        taken = taken[1:]
    return " ".join(taken) or None


# A name with its acronym after it in brackets.
_ACRONYM_DEFINED = re.compile(
    r"((?:[A-Z][\w'’&.-]*\s+(?:(?:of|for|and|the|on|de|du)\s+)*){1,7})\(([A-Z]{2,6}|[A-Z][a-z]{2,11})\)")


def _described_organization(agent: Agent, appositive: Agent | None) -> Agent:
    """``agent`` as an organisation when its appositive describes one ("Harbour
    Freight, Ireland's largest logistics group"), though two capitalised
    words read as a person's name."""
    if appositive is not None and appositive.kinds and agent.kind in (mentions.PERSON, mentions.NAME) and not agent.role:
        return Agent(mentions.ORGANIZATION, agent.text, name=agent.name, head=agent.head)
    return agent


def _describes(text: str) -> bool:
    """Does ``text`` read as a description set after a name ("Poland's
    second-largest producer", "a family firm"), one that names no role?"""
    words = text.split()
    return bool(words) and (words[0].lower() in ("a", "an", "the") or words[0].endswith(("'s", "’s")))


def _parenthetical(text: str) -> bool:
    """", for its part," or ", who sits on the committee," between a subject and its verb."""
    words = text.split()
    if len(words) == 1 and words[0].isdigit():
        return True  # an age: "Vance, 61, denied"
    if len(words) > 1 and words[0].endswith("ed") and (
        words[1].lower() in ("in", "on", "last", "this", "at", "earlier") or words[1] in _MONTHS_AND_DAYS
        or words[1].isdigit()
    ):
        return True  # "The inspectorate's annual report, published in April, said", "The document, dated September,"
    if len(words) > 2 and words[0].lower() == "known" and words[1].lower() in ("as", "by"):
        return True  # "The Sports Court, known by its initials TSC, confirmed"
    return bool(words) and words[0].lower() in {
        "for", "who", "which", "in", "on", "at", "however", "meanwhile", "too", "though", "also",
        "by", "like", "as", "speaking", "asked", "writing", "according", "from",
    }


def _is_age(text: str) -> bool:
    """Is ``text`` an age set after a name: "71", "seven", "twenty-two"?"""
    text = text.strip()
    words = text.lower().split("-")
    return (text.isdigit() and len(text) <= 3) or (len(words) <= 2 and all(word in SMALL_NUMBERS for word in words))


def _subject_after(masked: str, start: int) -> tuple[Agent, list[Agent]] | None:
    """The source named after an inverted verb ("said Olena Marchuk, the
    director of ..."), with its appositives."""
    rest = masked[start:]
    parts = re.split(r",\s*", rest.rstrip(" .!?\x1f”\"’"))
    if not parts or not parts[0].strip():
        return None
    agent = parse_source(parts[0])
    if agent is None or agent.kind in (mentions.DOCUMENT,):
        return None
    if agent.kind == mentions.ROLE_REFERENCE and len(parts) > 1:
        # "said its president, Loïc Guéguen, who raises pigs": the role, then its holder
        named = _named_after(agent, parts[0], parts[1])
        if named is not None:
            return named, []
    if agent.kind == mentions.NAME and len(parts) > 1 and _is_age(parts[1]):
        agent = Agent(mentions.PERSON, agent.text, name=agent.name, head=agent.head)  # "said Calum, seven"
    appositives = []
    for part in [part for part in parts[1:4] if not part.strip().isdigit()][:2]:  # "said Takeshi Mori, 71, a ..."
        appositive = parse_appositive(part)
        if appositive is None:
            break
        appositives.append(appositive)
    return _described_organization(agent, appositives[0] if appositives else None), appositives


def _closing_speaker(masked: str, first: _Match) -> _Match | None:
    """A person named in a reporting clause that closes the sentence, after
    a first match whose source is an organisation ("The city expects ..., its
    treasurer, X, told the Herald"): that person reports the whole sentence."""
    unnamed = first.agent.kind == mentions.GROUP and first.agent.organization is None
    if first.agent.kind not in (mentions.ORGANIZATION, mentions.ORG_REFERENCE, mentions.NAME, mentions.DOCUMENT) and (
        not unnamed
    ):
        return None
    closing = _CLOSING_CLAUSE.search(masked, first.position + 1)
    if closing is None:
        return None
    found = _CUE.match(masked, closing.start(1))
    match = _cue_match(masked, found) if found is not None else None
    if match is None or not (match.agent.kind == mentions.PERSON or (
        match.agent.kind == mentions.ORGANIZATION and first.cue not in _SPEECH_CUES
    ) or (unnamed and match.agent.kind in (mentions.ORGANIZATION, mentions.ORG_REFERENCE))):
        # "Investigators found that ..., the board said": the board reports what its unnamed staff found
        return None  # "Italy recorded 4,300 more deaths ..., the National Institute for Population Health said"
    return match


def _described_outlet(words: list[str]) -> str | None:
    """The outlet that a description introduces at the start of ``words``:
    "news agency Nordpress on Monday" → "Nordpress"."""
    described = next((i for i, word in enumerate(words[:4]) if is_capitalised(word)), None)
    if not described:
        return None
    name = list(itertools.takewhile(is_capitalised, words[described:]))
    outlet = parse_source(" ".join([*words[:described], *name]))
    return outlet.name if outlet is not None and outlet.kind == mentions.MEDIUM else None


def _medium_after(masked: str, start: int) -> tuple[str | None, str | None]:
    """The medium (and interviewer) named right after "told": "told NBC's
    Keir Simmons" → ("NBC", "Keir Simmons"); (None, None) when the words
    after "told" are not a news outlet ("told reporters")."""
    tokens = words_of(masked[start: start + 120].split(",", 1)[0])
    if tokens and tokens[0].lower() == "the":
        tokens = tokens[1:]
    if tokens and not is_capitalised(tokens[0]):
        return _described_outlet(tokens), None  # "told the news agency Nordpress"
    name: list[str] = []
    possessive = False
    for token in tokens:
        if not is_capitalised(token):
            break
        bare = mentions.strip_possessive(token)
        name.append(bare)
        if bare != token:
            possessive = True
            break
    if name and not possessive and _MEDIUM_AFTER_NAME.match(" ".join(tokens[len(name):len(name) + 1])):
        return " ".join(name), None  # "told Deutschlandfunk radio"
    while len(name) > 1 and not mentions.is_medium(" ".join(name)):
        name.pop()  # "told BBC Breakfast": a programme of a known outlet
        possessive = False
    medium = " ".join(name)
    if not medium or not mentions.is_medium(medium):
        return None, None
    interviewer: list[str] = []
    if possessive:
        for token in tokens[len(name):]:
            if not is_capitalised(token):
                break
            interviewer.append(token)
    return medium, " ".join(interviewer) or None


def _may_have_cue(masked: str) -> bool:
    """False when ``masked`` has none of the attribution verbs as a word of its
    own, told with byte-string operations several times faster than a search
    (a third of sentences have none); True when it may have one."""
    return not _CUE_BYTES.isdisjoint(ascii_words(masked))


def _matches_in_order(masked: str) -> Iterator[_Match]:
    """The places in one (masked) sentence that name a source, in order.

    Each place is found by a search, but its source phrase is read only when
    the caller asks for it: callers want the first (or the first named
    outright), and reading a phrase costs far more than finding it."""
    cues = list(_CUE.finditer(masked)) if _may_have_cue(masked) else []
    if not cues and _OTHER_SIGNAL.search(masked) is None:
        return  # most sentences: two searches instead of one per pattern
    # (position, pattern order for ties, reader, found): sorted, the order of every match by position
    places: list[tuple[int, int, Callable[[str, re.Match[str]], _Match | None], re.Match[str]]] = []
    # a substring test before each search: it costs a small fraction of one
    if "ccording" in masked:
        places += [(found.start(), 0, _according_match, found) for found in _ACCORDING.finditer(masked)]
    if "reported" in masked:
        places += [(found.start(), 1, _reported_match, found) for found in _REPORTED_BY.finditer(masked)]
    places += [(found.start(), 2, _cue_match, found) for found in cues]
    if "put" in masked:
        places += [(found.start(), 3, _put_figure_match, found) for found in _PUT_FIGURE.finditer(masked)]
    if "critical" in masked:
        places += [(found.start(), 4, _critical_match, found) for found in _CRITICAL_OF.finditer(masked)]
    if "his" in masked or "her" in masked:  # "their" has "her"
        places += [(found.start(), 5, _in_view_match, found) for found in _IN_VIEW.finditer(masked)]
    headline = _HEADLINE_SOURCE.search(masked)
    if headline is not None:
        places.append((headline.start(1), 6, _headline_match, headline))
    participle = _PARTICIPLE.search(masked)
    if participle is not None:
        places.append((participle.start(1), 7, _participle_match, participle))
    quoted = _QUOTED_AS.search(masked) if "quoted" in masked else None
    if quoted is not None:
        places.append((quoted.start(), 8, _quoted_as_match, quoted))
    places.sort(key=itemgetter(0, 1))  # by position, then pattern order
    for _, _, read, found in places:
        match = read(masked, found)
        if match is not None:
            yield match


def _according_match(masked: str, found: re.Match[str]) -> _Match | None:
    agent = _frame_source(found.group(1))
    if agent is None:
        return None
    if agent.kind == mentions.DOCUMENT and agent.producer is None and not agent.definite:
        # "Westport United lost £38.7 million, according to accounts filed on Wednesday":
        # a document nobody is said to have made is the subject organisation's own
        subject = _subject_at_start(masked)
        if subject is not None and subject.kind == mentions.ORGANIZATION:
            agent.producer = subject
    elif agent.kind == mentions.DOCUMENT and agent.producer is not None and agent.producer.kind == mentions.PRONOUN:
        # "The commission has suspended 23 athletes, according to its own records": "its" is the subject's
        subject = _subject_at_start(masked)
        if subject is not None and subject.kind in (mentions.ORGANIZATION, mentions.ORG_REFERENCE):
            agent.producer = subject
    appositive = _following_appositive(masked, found.end())
    described = agent.producer if agent.kind == mentions.DOCUMENT else agent
    name = re.split(r"[,;.]\s", masked[found.end() + 1:] + " ", maxsplit=1)[0]
    named_next = masked.startswith(",", found.end())
    if agent.kind == mentions.ROLE_REFERENCE and named_next:
        # "according to its head of finance, Alasdair Munro": the role, then its holder
        named = _named_after(agent, found.group(1), name)
        if named is not None:
            agent, appositive = named, None
    elif described is not None and described.kind == mentions.ORG_REFERENCE and described.head and named_next:
        # "according to an assessment commissioned by the port's operator, Hai Lam Port Corporation": the
        # description, then the organisation's name
        named = _named_after(described, described.text, name)
        if named is not None and named.kind == mentions.ORGANIZATION:
            if agent.kind == mentions.DOCUMENT:
                agent.producer = named
            else:
                agent = named
            appositive = None
    modality = "estimate" if agent.kind == mentions.DOCUMENT and agent.head in ("estimate", "estimates") else "statement"
    return _Match(found.start(), "according_to", agent, "according to", modality, [appositive] if appositive else [])


def _reported_match(masked: str, found: re.Match[str]) -> _Match | None:
    agent = parse_source(found.group(1))
    return _Match(found.start(), "as_reported_by", agent, "reported by", "statement") if agent is not None else None


def _quoted_as_match(masked: str, found: re.Match[str]) -> _Match | None:
    """"X was quoted by Xinhua as saying ...": X is the source, the outlet the medium."""
    subject = _subject_before(masked, found.start())
    if subject is None:
        return None
    return _Match(found.start(), "quoted_as_saying", subject[0], "quoted as saying", "statement", subject[1])


def _put_figure_match(masked: str, found: re.Match[str]) -> _Match | None:
    subject = _subject_before(masked, found.start())
    agent = subject[0] if subject else _subject_at_start(masked)
    if agent is None:
        return None
    return _Match(found.start(), "put_figure", agent, found.group().split()[0], "estimate", subject[1] if subject else [])


def _critical_match(masked: str, found: re.Match[str]) -> _Match | None:
    subject = _subject_before(masked, found.start())
    if subject is None:
        return None
    return _Match(found.start(), "critical_of", subject[0], "critical of", "statement", subject[1])


def _in_view_match(masked: str, found: re.Match[str]) -> _Match:
    return _Match(found.start(), "in_view", Agent(mentions.PRONOUN, found.group(1), head=found.group(1)),
                  found.group(), "statement")


def _headline_match(masked: str, found: re.Match[str]) -> _Match | None:
    agent = parse_source(found.group(1))
    return _Match(found.start(1), "headline_source", agent, "–", "statement") if agent is not None else None


def _participle_match(masked: str, found: re.Match[str]) -> _Match | None:
    agent = _subject_at_start(masked)
    if agent is None:
        return None
    return _Match(found.start(1), "participle", agent, found.group(1), PARTICIPLE_CUES[found.group(1)])


def _frame_source(phrase: str) -> Agent | None:
    """The source after "according to": a source, or a document and its producer
    ("an audit released Wednesday by the city's auditor general")."""
    produced = _PRODUCED_BY.search(phrase)
    if produced is not None:
        document = parse_source(phrase[: produced.start()])
        producer_text = _PRODUCER_END.sub("", produced.group(1) or produced.group(2))
        producer = parse_source(producer_text)
        if document is not None and document.kind == mentions.DOCUMENT and producer is not None:
            document.producer = producer
            return document
    made = _DOCUMENT_MADE_BY_SUBJECT.match(phrase)
    if made is not None:
        # "a survey the union carried out in June": the document, then who made it
        document, producer = parse_source(made.group(1)), parse_source(made.group(2))
        if document is not None and document.kind == mentions.DOCUMENT and producer is not None:
            document.producer = producer
            return document
    agent = parse_source(phrase)
    if agent is None:
        # "accounts filed on Wednesday", "data published last week": the document before what is said of it
        trimmed = parse_source(_DOCUMENT_END.sub("", phrase))
        agent = trimmed if trimmed is not None and trimmed.kind == mentions.DOCUMENT else None
    if agent is not None and agent.kind == mentions.DOCUMENT and agent.producer is None and (
        phrase.lstrip().lower().startswith(("its ", "their "))
    ):
        # "according to its annual report": the organisation last named as a source made it
        agent.producer = Agent(mentions.PRONOUN, "they", head="they")
    return agent


def _following_appositive(masked: str, end: int) -> Agent | None:
    rest = masked[end:]
    if not rest.startswith(","):
        return None
    return parse_appositive(re.split(r"[,;.]\s", rest[1:] + " ", maxsplit=1)[0])


def _cue_match(masked: str, found: re.Match[str]) -> _Match | None:
    cue = found.group(1)
    modality = CUE_VERBS[cue]
    left_text = masked[: found.start()].rstrip()
    inverted = (not left_text or left_text[-1] in ",”\"’\x1f") and cue not in NOT_INVERTED_CUES
    if inverted and not (left_text.endswith(",") and _subject_before(masked, found.start())):
        after = _subject_after(masked, found.end())
        if after is None:
            return None
        agent, appositives = after
        if cue in DOCUMENT_ONLY_CUES or cue in RECORDING_CUES:
            return None
        return _Match(found.start(), "inverted", agent, cue, modality, appositives)
    by = _BY_AGENT.match(masked, found.end()) if _PASSIVE_END.search(left_text) else None
    if by is not None:
        # "That account was disputed by the X Network": the source is the agent after "by"
        phrase = re.split(r"[,;]\s*", masked[by.end():], maxsplit=1)[0].rstrip(" .!?\x1f”\"’")
        agent_words = _PRODUCER_END.sub("", phrase)
        if agent_words != phrase:
            # "was announced by the National Treasury in June": the agent before the time or place
            agent = parse_source(agent_words)
            after = (agent, []) if agent is not None and agent.kind != mentions.DOCUMENT else None
        else:
            after = _subject_after(masked, by.end())
        if after is None or cue in DOCUMENT_ONLY_CUES or cue in RECORDING_CUES:
            return None
        return _Match(found.start(), "passive_by", after[0], cue, modality, after[1])
    subject = _subject_before(masked, found.start())
    if subject is None and cue not in NOT_INVERTED_CUES and _COORDINATED.search(left_text) is not None:
        # "The association, X, welcomed the deal but said ...": the second verb's subject is the first's
        # (a verb of saying: "X employs 600 people and reported a loss" is no statement)
        agent = _subject_at_start(masked)
        if agent is not None and agent.kind != mentions.DOCUMENT and agent.name:
            subject = agent, [], False
    if subject is None:
        if cue in DOCUMENT_ONLY_CUES:
            agent = _subject_at_start(masked)
            if agent is not None and agent.kind == mentions.DOCUMENT:
                return _Match(found.start(), "figures_show", agent, cue, modality)
        return None
    agent, appositives, passive = subject
    if cue.endswith("ing") and not left_text.endswith(",") and _AUXILIARY_END.search(left_text) is None:
        return None  # "He wrote to the secretary demanding an inquiry": a participle after its noun, no verb
    if passive and not _PROGRESSIVE.match(cue):
        return None  # "is expected", "was reported": nobody is named as saying it
    if cue in DOCUMENT_ONLY_CUES and agent.kind != mentions.DOCUMENT and _THAT.match(masked, found.end()) is None:
        return None  # "police found a body" attributes nothing; "the authority found that ..." does
    if cue in _CALLING and _ARTICLE.match(masked, found.end()):
        return None  # "has called a 48-hour strike", "called an election": an act, not a statement
    if cue in RECORDING_CUES and (agent.kind not in (mentions.ORGANIZATION, mentions.ORG_REFERENCE, mentions.GROUP) or (
        agent.text.strip() in GOVERNMENT_METONYMS
    )):
        # "the force recorded 1,412 burglaries" is its figure; "Smith recorded a song" is not a statement, and
        # "Italy recorded 4,300 more deaths" says where they happened
        return None
    bare = agent.text.strip()
    if agent.kind == mentions.ORG_REFERENCE and not agent.definite and " " not in bare and (
        masked[found.end():].strip(" .!?\x1f”\"’") == "" and left_text[: -len(bare)].rstrip().endswith(",")
    ):
        agent.definite = True  # a headline drops its articles: "Grain exports fell 12%, ministry says"
    if agent.kind == mentions.ORG_REFERENCE and not agent.definite and agent.name and not agent.kinds:
        if not is_capitalised(agent.text):
            return None  # "a group called ..." names nobody
    if agent.kind == mentions.DOCUMENT and agent.producer is None and (held := _VIEW_HOLDER.match(masked)):
        # "For the Ratepayers' Association, the figures show that ...": the reading is the association's
        holder = parse_source(held.group(1))
        if holder is not None and holder.kind in (mentions.ORGANIZATION, mentions.ORG_REFERENCE):
            agent.producer = holder
    if agent.kind == mentions.DOCUMENT:
        pattern = "figures_show"
    elif appositives:
        pattern = "appositive"
    elif cue in ("told", "tells") and _medium_after(masked, found.end())[0]:
        pattern = "told_medium"
    elif masked[found.end():].strip(" .!?\x1f”\"’") == "":
        # "..., the ministry said.": the reported words come first, set off by a comma or a quotation;
        # in "It needs the backing of member states." no source and verb end the sentence
        # (the whole phrase: its first word alone, "a", is found inside "spokesman")
        at = left_text.rfind(agent.text)
        if at < 0 and agent.text.split():
            at = left_text.rfind(agent.text.split()[0])
        lead = left_text[:at].rstrip() if at > 0 else ""
        if lead and lead[-1] not in _BEFORE_TRAILING_SOURCE:
            return None
        pattern = "trailing"
    else:
        pattern = "subject_verb"
    return _Match(found.start(), pattern, agent, cue, modality, appositives)


# -- the document --------------------------------------------------------------


class _Reader:
    """Reads one document's sentences in order, resolving each source
    against what was named before."""

    def __init__(self, text: str, publisher: str) -> None:
        self.text = text
        self.quotations = find_quotations(text)
        self.quotation_ends = [quotation.end for quotation in self.quotations]
        self.masked = mask_quotations(text, self.quotations)
        self.sentences: list[Sentence] = []
        self.memory = _Memory(self._lead_organization, self._acronyms)
        self.publisher_link = AttributionLink(name=publisher, kind="publisher")
        self.publisher_own: dict[tuple[str | None, bool], Attribution] = {}
        self._country: tuple[str | None] | None = None  # the dateline's country, found when first needed
        self.sources_by_sentence: dict[int, str] = {}  # the organisation each sentence's source gives, if any
        self.organizations_quoted: dict[int, str] = {}  # those that are the source themselves, with no person
        self.portfolio_ministries: dict[str, str] = {}  # ministries named after a portfolio -> the portfolio
        self.firms_read_as_persons: set[str] = set()  # names a later "the company" showed to be a firm's

    def read(self) -> list[Unit]:
        sentences = self.sentences = split_sentences(self.text)
        results: list[tuple[Sentence, list[tuple[int, int, _Source | None, _Match | None]]]] = []
        for index, sentence in enumerate(sentences):
            self.memory.sentence = index
            pieces = self._pieces(sentence)
            resolved = []
            for start, end in pieces:
                masked = self.masked[start:end]
                if ", which " in masked:
                    # before the sentence's own source is read: "X, which represents 40 firms, disputes ..."
                    self._remember_named_before_which(masked)
                match = self._best_match(masked)
                if match is None:
                    match = self._person_subject(masked, index)
                closing = _closing_speaker(masked, match) if match is not None else None
                if closing is not None:
                    # "The city expects a gap of 2.3 billion, its treasurer, X, told Y": the organisation
                    # is remembered (for "its"), the person at the end reports the whole sentence
                    self._resolve_match(match, index, masked)
                    match = closing
                source = self._resolve_match(match, index, masked) if match is not None else None
                resolved.append((start, end, source, match))
                if source is not None and source.organization and index not in self.sources_by_sentence:
                    self.sources_by_sentence[index] = source.organization
                    if source.speaker is None:
                        self.organizations_quoted[index] = source.organization
                self._remember_named_in_passing(masked)
                if " by " in masked:
                    self._remember_documents_described(masked, index)
                if source is None and masked[:1].isupper() and " at " in masked:
                    self._note_group(masked, index)
                if source is None or _FAMILY_TOPIC.match(masked):
                    self._note_topic(masked, index)
                elif source is not None and source.speaker is not None and self.memory.topic is not None and (
                    self.memory.topic[1] < index
                ):
                    self.memory.topic = None  # a source named since: the nearer antecedent
            results.append((sentence, resolved))
        return self._finish(results)

    def _acronyms(self) -> dict[str, str]:
        """Acronyms the text defines: "Norrvik Container Terminal (NCT)"."""
        found = {}
        for defined in _ACRONYM_DEFINED.finditer(self.text):
            name, acronym = defined.group(1).strip(), defined.group(2)
            words = [w for w in name.split() if is_capitalised(w)]
            # the name is the run of words whose initials the acronym spells, counted from its end
            initials = "".join(w[0] for w in words)
            if initials.endswith(acronym):
                first = words[len(words) - len(acronym)]
                found[acronym] = name[name.rfind(first):]
            elif not acronym.isupper() and words and (
                words[-1].lower() in ORG_HEADS or words[-1] in mentions._ORG_NAME_WORDS
            ):
                # "the Peruvian Fresh Fruit Exporters Association (Aprofex)": a short name, not initials
                found[acronym] = " ".join(words)
        return found

    def _lead_organization(self) -> str | None:
        """The organisation the article is about: the subject of one of its
        first sentences ("Westport United lost £38.7 million ..."), if any."""
        for sentence in range(min(_LEAD_SENTENCES, len(self.sentences))):
            agent = self._sentence_subject(sentence)
            masked = self.masked[self.sentences[sentence].start: self.sentences[sentence].end]
            parts = masked.split(",", 2)
            appositive = parse_appositive(parts[1]) if len(parts) == 3 else None
            if agent is not None and agent.kind == mentions.ORGANIZATION and agent.name and (
                agent.name.lower() not in ORG_HEADS  # "School buses late ...": a class noun, no name
            ):
                # "Noordbank, the Netherlands' third-largest lender, ...": "the bank" is Noordbank
                reading, self.memory.sentence = self.memory.sentence, sentence  # named in that sentence
                try:
                    kinds = appositive.kinds if appositive else agent.kinds
                    return self.memory.remember_organization(agent.name, kinds)
                finally:
                    self.memory.sentence = reading
        return None

    def _person_named_before(self, surname: str, sentence: int) -> tuple[str, str | None] | None:
        """The person the text named before sentence number ``sentence`` by
        their first name and ``surname``, if any: (full name, organisation);
        the organisation when the words that named them give it ("Grace
        Achieng of the People's Unity Party")."""
        # A double-barrelled surname too ("Moana-Riley", "O'Neill").
        if not all(part.isalpha() for part in re.split(r"[-'’]", surname)) or not is_capitalised(surname):
            return None
        before = self.masked[: self.sentences[sentence].start]
        if surname not in before:
            return None  # most names: not in the text before, no search
        for found in re.finditer(r"\b[A-Z][a-z]+\s+" + re.escape(surname) + r"\b", before):
            if found.group().split()[0].lower() in NOT_IN_NAME:
                continue  # "In Split", "The Hague": no first name
            named = parse_source(found.group())
            if named is None or named.kind != mentions.PERSON or named.name != found.group():
                continue
            # "Grace Achieng of the People's Unity Party": the organisation after "of"
            rest = _NAME_PHRASE_END.split(before[found.end(): found.end() + 120], maxsplit=1)[0]
            affiliation = parse_source(rest[4:]) if rest.startswith(" of ") else None
            if affiliation is not None and affiliation.kind == mentions.ORGANIZATION:
                return named.name, affiliation.name
            return named.name, None
        return None

    def _national(self, name: str) -> str:
        """``name``, or for a national body described in lower case ("the
        national meteorological service", "the government") in a story
        datelined in a capital or a country, that country's body ("Hungarian
        Meteorological Service", "Kenyan government")."""
        if name == "government":
            country = self._dateline_country()
            return f"{country} government" if country else name
        if not name.startswith("national ") or name.count(" ") > _MAX_MODIFIERS + 1:
            return name
        country = self._dateline_country()
        return f"{country} {name.removeprefix('national ').title()}" if country else name

    def _dateline_country(self) -> str | None:
        """The adjective of the country of the story's dateline: its capital
        ("BUDAPEST — "), or the country after the city ("NAIROBI, Kenya (AP) — ")."""
        if self._country is None:
            datelines = (_DATELINE.match(self.masked, s.start) for s in self.sentences[:_LEAD_SENTENCES])
            dateline = next(filter(None, datelines), None)
            parts = [part.split("(")[0].strip(" —–-") for part in dateline.group().split(",")] if dateline else []
            city = parts[0].title() if parts else ""
            country = COUNTRY_ADJECTIVES.get(parts[1]) if len(parts) > 1 else None
            self._country = (CAPITALS.get(city) or country,)
        return self._country[0]

    def _person_subject(self, masked: str, sentence: int) -> _Match | None:
        """A sentence with no attribution verb whose subject is a person
        ("Police Chief X declined to comment", "X defended the outlay in an
        interview with Y", "Mendes also voiced doubt"): the person is its
        source, and is remembered for the sentences after it."""
        introduced = _INTRODUCED_PERSON.match(masked)
        if introduced is not None:
            # "Rosa Quilodrán, a seamstress, lost her house": the story's account of a person, who
            # is remembered for the "she said" after it
            agent = parse_source(introduced.group(1))
            if agent is not None and agent.kind == mentions.PERSON and not self.memory.person(agent.name or ""):
                # the description's noun is what the person is ("a seamstress"), unless it is a role at an
                # organisation, which the appositive reader handles
                agent.role = introduced.group(2).split()[-1]
                self._resolve(agent, sentence)
                return None
        opening = [word.rstrip(",;:") for word in masked[:_OPENING].split()]  # "Beaton, who has ..., repeated"
        if masked.startswith(_NOT_A_PERSON_SUBJECT) and not (
            masked.startswith(("The ", "Its ")) and masked.count(",") >= 2
            and not _ROLE_WORDS.isdisjoint(masked[: masked.find(",")].lower().split())
        ):
            return None  # "The figures ...": no person, unless a role and its holder open it ("The regional Councillor
            # for Infrastructure, X, defended the decision")
        if not masked.startswith(_NOT_A_PERSON_SUBJECT) and not (
            any(word.lower() in _ROLE_WORDS for word in opening)
            or not self.memory.surnames().isdisjoint(opening)
        ):
            return None  # most sentences: no title and no known name among the first words, no reading of the subject
        agent = _subject_at_start(masked)
        # a title or an earlier mention makes two capitalised words a person, not a firm ("Vistara Rail")
        if agent is None or agent.kind not in (mentions.PERSON, mentions.NAME) or not agent.name:
            return None
        if not (agent.kind == mentions.PERSON and agent.role or self.memory.person(agent.name)):
            return None
        after = masked.find(agent.text) + len(agent.text)
        affiliation = _AFFILIATION_AFTER.match(masked, after)
        if affiliation is not None:
            # "Justice X of the Nova Scotia Supreme Court ordered": where the person works, then the verb
            workplace = parse_source(affiliation.group(1))
            if workplace is not None and workplace.kind == mentions.ORGANIZATION:
                agent.organization = workplace
                after = affiliation.end()
        age = _AGE_AFTER_NAME.match(masked, after)
        if age is not None:
            after = age.end()  # "Whitfield, 52, took over in 2022": the verb after the age
        verb = [word.lower() for word in words_of(masked[after: after + 40])[:2]]
        if verb[:1] == ["who"] and (close := masked.find(", ", after + 2)) > 0:
            # "Beaton, who has represented the district since 2018, repeated the claim": the verb after the clause
            verb = [word.lower() for word in words_of(masked[close + 2: close + 42])[:2]]
        if verb and (verb[0] in _BE or verb[-1] == "been" or verb[0] in _HAPPENED_TO):
            # "X was jailed", "X has been charged": what happened to X, not what X says;
            # X is remembered for "Vance denied" or "He said" after it
            self._resolve(agent, sentence)
            return None
        return _Match(after, "person_subject", agent, verb[0] if verb else "", "statement")

    def _organization_shortened(self, name: str, sentence: int) -> str | None:
        """The organisation the text named before as ``name`` and a word of an organisation's name
        ("Northern Shield Railway", "Zipp Mobility Group" for "Northern Shield", "Zipp Mobility"), if any."""
        before = self.text[: self.sentences[sentence].start]
        if name not in before:
            return None
        for found in re.finditer(re.escape(name) + r"\s+([A-Z][\w'’-]+)", before):
            last = found.group(1)
            if last in _FIRM_WORDS:
                return found.group(0)
        for organization in self.memory.organizations:
            words = organization.name.split()
            if words[0] in _LEGAL_FORMS_BEFORE and f" {name} " in f" {organization.name} ":
                return organization.name  # "Kencana Rimba said" after "PT Kencana Rimba Sejahtera"
        return None

    def _note_group(self, masked: str, sentence: int) -> None:
        """Remember a group of people at an organisation that a sentence with
        no source opens with ("Researchers at the University of Leeds gave
        129 adults ..."), which "they" in the next sentences refers to."""
        agent = _subject_at_start(masked)
        if agent is not None and agent.kind == mentions.GROUP and agent.organization is not None:
            organization = self._organization_name(agent.organization, sentence)
            if organization:
                self.memory.last_collective = _Source(organization=organization, role=agent.text.strip(),
                                                      resolution="pronoun")

    def _note_topic(self, masked: str, sentence: int) -> None:
        """Remember the person a sentence with no source introduces as its subject ("Hugh Reid has kept bees
        for 35 years") or its topic ("For Tom Hale's widow, Ann, the report comes too late"), the antecedent
        of a "he" or "she" in the next sentences; a sentence about "he"/"she" keeps them and tells their
        gender ("He lost 14 hives")."""
        memory = self.memory
        family = _FAMILY_TOPIC.match(masked)
        if family is not None:
            relative, relation, first = family.groups()
            memory.topic = (_Person(f"{first} {relative.split()[-1]}", gender=_RELATIVE_GENDERS[relation.lower()]),
                            sentence)
            return
        topic = memory.topic
        opening = masked.lstrip()[:4].split(" ", 1)[0]
        if topic is not None and opening in ("He", "She") and sentence - topic[1] <= 1 and topic[0].gender in (
            None, _PRONOUN_GENDERS[opening.lower()]
        ):
            topic[0].gender = _PRONOUN_GENDERS[opening.lower()]
            memory.topic = (topic[0], sentence)
            return
        if not masked[:1].isupper() or masked.startswith(_NOT_A_PERSON_SUBJECT):
            return
        agent = _subject_at_start(masked)
        if agent is None or agent.kind != mentions.PERSON or not agent.name or len(agent.name.split()) < 2 or (
            memory.organization_named(agent.name) or not masked.startswith(agent.text)
        ):
            return
        after = masked[len(agent.text):].lstrip()
        if after.startswith(", who ") and (close := after.find(", ", 6)) > 0:
            after = after[close + 2:]  # "Mick Hoffmann, who farms 40 hectares near Nuriootpa, left ..."
        if not after[:1].islower():
            return  # "Hugh Reid has ...": a verb follows the name
        memory.topic = (_Person(agent.name, gender=_honorific_gender(agent.text) or _own_pronoun_gender(after)),
                        sentence)

    def _pieces(self, sentence: Sentence) -> list[tuple[int, int]]:
        """The sentence, or its clauses when it joins statements that two
        different sources make ("A said X, and B said Y")."""
        masked = self.masked[sentence.start: sentence.end]
        if _SEPARATOR.search(masked) is None or not _may_have_cue(masked) or len(_CUE.findall(masked)) < 2:
            return [(sentence.start, sentence.end)]
        for separator in _SEPARATOR.finditer(masked):
            left = _best_named(masked[: separator.start()])
            right = _best_named(masked[separator.end():])
            if left and right and left.lower() != right.lower():
                cut = sentence.start + separator.start()
                resume = sentence.start + separator.end()
                return [(sentence.start, cut), (resume, sentence.end)]
        return [(sentence.start, sentence.end)]

    def _best_match(self, masked: str) -> _Match | None:
        best = next(_matches_in_order(masked), None)
        if best is None:
            return None
        statement = _STATEMENT.search(masked) if "statement" in masked else None
        speaking = _SPEAKING_TO.search(masked) if "peaking" in masked or "alking" in masked else None
        if speaking and speaking.start() < best.position + 40:
            best.pattern = "speaking_to"
        elif statement is not None and best.pattern in ("subject_verb", "appositive", "trailing"):
            best.pattern = "in_statement"
            best.cue = f"{statement.group()}, {best.cue}"
        return best

    # -- resolution --------------------------------------------------------

    def _resolve_match(self, match: _Match, sentence: int, masked: str) -> _Source | None:
        agent = match.agent
        if match.pattern in ("trailing", "inverted") and agent.kind == mentions.ORG_REFERENCE and agent.definite:
            # "Tarangam Systems will cut 1,800 jobs, the company said": the sentence's own subject
            subject = _subject_at_start(masked)
            # two capitalised words read as a person's name unless "the company" says otherwise
            named = subject is not None and subject.name and (subject.kind == mentions.ORGANIZATION or (
                subject.kind == mentions.PERSON and not subject.role and self.memory.person(subject.name) is None
            ))  # one capitalised word opening a sentence ("Production of the Tessa ...") is no name
            if named and _fits_class(subject.name, agent.head or ""):
                agent = Agent(mentions.ORGANIZATION, subject.text, name=subject.name, head=subject.head)
        represented = self._represented_person(agent, sentence)
        source = represented or self._resolve(agent, sentence)
        if source is None:
            return None
        framed = _IN_A_DOCUMENT.match(masked) if source.organization and masked.startswith(("In ", "in ")) else None
        if framed is not None:
            # "In a report covering 23 days, the institute estimated ...": the report is the institute's
            self.memory.documents.append(_Document(framed.group(1).lower(), source.organization, sentence))
        for appositive in match.appositives:
            self._apply_appositive(source, appositive, sentence)
        if source.organization:
            self.memory.latest_organization = source.organization
        return source

    def _quoted_just_before(self, head: str, sentence: int) -> str | None:
        """"Statistics Sweden reported ... The agency said", "The National Rally
        said ... party leader X told": the organisation the sentence before
        quoted, for a noun that fits any public body or party, when its name
        shows no kind that could rule it out."""
        previous = self.sources_by_sentence.get(sentence - 1)
        if head in _PUBLIC_BODY_NOUNS and previous and ORG_HEADS.isdisjoint(previous.lower().split()):
            return previous
        return None

    def _represented_person(self, agent: Agent, sentence: int) -> _Source | None:
        """"Her office said", "his spokeswoman said", "Barnier's office said":
        someone who speaks for the person the pronoun or the name refers to,
        so for that person's organisation."""
        named = _NAMED_PERSONS_UNIT.fullmatch(agent.text.strip())
        if named is not None and (person := self.memory.person(named.group(1))) is not None:
            unit = named.group(2).lower()
            role = f"{unit} of {person.name}" if unit in _OFFICES_OF_A_PERSON else f"{unit} for {person.name}"
            return _Source(organization=person.organization, role=role, resolution="surname")
        owner = agent.text[:4].lower()
        if owner not in ("his ", "her ") or not (
            agent.kind == mentions.ORG_REFERENCE and agent.head in _OFFICES_OF_A_PERSON
            or agent.kind == mentions.ROLE_REFERENCE and agent.head in _SPEAKERS_FOR_A_PERSON
        ):
            return None
        pronoun = "he" if owner == "his " else "she"
        person = self._resolve(Agent(mentions.PRONOUN, pronoun, head=pronoun), sentence)
        if person is None or person.speaker is None:
            return None
        role = f"{agent.role or agent.head} for {person.speaker.name}" if agent.kind == mentions.ROLE_REFERENCE else (
            f"{agent.head} of {person.speaker.name}")
        return _Source(organization=person.speaker.organization, role=role, resolution="pronoun")

    def _apply_appositive(self, source: _Source, appositive: Agent, sentence: int) -> None:
        if appositive.kind == mentions.ROLE_REFERENCE:
            if source.speaker is not None:
                source.speaker.role = appositive.role or source.speaker.role
                source.role = source.speaker.role
                if appositive.organization is not None:
                    organization = self._organization_name(appositive.organization, sentence)
                    if organization:
                        source.speaker.organization = organization
                        source.organization = organization
        elif appositive.kinds and source.organization:
            self.memory.remember_organization(source.organization, appositive.kinds)

    def _organization_name(self, agent: Agent, sentence: int, role: str | None = None) -> str | None:
        """The organisation ``agent`` names, resolving "the command" to the
        command named before."""
        if agent.kind == mentions.ORGANIZATION or agent.kind == mentions.NAME:
            name = agent.name or agent.text
            if not name.isupper() and (
                _ANONYMISED.fullmatch(name) is not None  # "Marc D.'s lawyer": a client, named as courts name people
                or any(person.name == name for person in self.memory.persons)
                or " " not in name and (self.memory.person(name) or self._person_named_before(name, sentence))
            ):
                return None  # "a lawyer for Mwangi", "Marc D.'s lawyer": a client, not an employer
            # a class noun standing for an organisation named before: "Company spokesman X"
            known = self.memory.organization_of_class(name.lower()) if " " not in name else None
            if known is None and agent.head == "ministry" and name == f"{agent.text} Ministry":
                # "The Secretary of State for Transport, X" after "the Transport Secretariat said": the
                # portfolio's body as the text named it, rather than a ministry named after the portfolio
                known = self.memory.portfolio_body(agent.text)
                if known is None:
                    self.portfolio_ministries[name] = agent.text  # the text may name the body later
            return known or self.memory.remember_organization(name, agent.kinds)
        if agent.kind == mentions.MEDIUM:
            return agent.name
        if agent.kind == mentions.DOCUMENT and agent.definite and agent.producer is None:
            # "X, who led the survey, said": the organisation that made the survey named before, if any
            document = _nearest_document(self.memory.documents, agent.head or "")
            return document.producer if document is not None else None
        if agent is _ITS:
            return self._its_owner(sentence, role)
        if agent is _THEM:
            # "one of them, councillor X": the organisation of the group the story last quoted
            return self.memory.last_collective.organization if self.memory.last_collective else None
        if agent.kind == mentions.ORG_REFERENCE:
            known = self.memory.organization_described(agent) if agent.definite or agent.head else None
            if known:
                return known
            known = self._quoted_just_before(agent.head or "", sentence)  # "party leader X" after "National Rally said"
            if known:
                return known
            return self.memory.remember_organization(self._national(agent.name or agent.text))
        if agent.kind == mentions.ROLE_REFERENCE and agent.role:
            return self.memory.remember_organization(agent.role)
        if agent.kind == mentions.PERSON and agent.name:
            return self.memory.remember_organization(agent.name)
        return None

    def _its_owner(self, sentence: int, role: str | None) -> str | None:
        """What "its" before a role refers to ("Its chief executive, X, said"):
        for a mayor, the town the sentence before described as one ("In
        Hanamura, a mountain town of 3,900 people, ..."); when the sentence
        opens with "Its", the organisation the sentence before quoted, else
        the organisation that is its subject; else the organisation last named as a source or employer, else
        the one the article is about."""
        memory = self.memory
        if role and role.lower().split()[-1] in _PLACE_ROLES:
            for previous in range(sentence - 1, max(sentence - 3, -1), -1):
                start, end = self.sentences[previous].start, self.sentences[previous].end
                places = list(_PLACE_DESCRIBED.finditer(self.masked, start, end))
                if places:
                    words = places[-1].group(1).split()
                    while words and words[0].lower() in NOT_IN_NAME:
                        words = words[1:]  # "In Hanamura, a mountain town"
                    if words:
                        return memory.remember_organization(" ".join(words))
        if sentence > 0 and _OPENS_WITH_ITS.match(self.masked, self.sentences[sentence].start):
            quoted = self.sources_by_sentence.get(sentence - 1)
            if quoted is not None:
                # "..., according to the Health Workforce Observatory. Its director, X, said"
                return memory.remember_organization(quoted)
            subject = self._sentence_subject(sentence - 1)
            if subject is not None and subject.name and subject.kind in (mentions.PERSON, mentions.NAME) and (
                not subject.role
            ):
                named = memory.organization_named(subject.name)  # "its" is no person's
                if named is not None:
                    return memory.remember_organization(named)
            elif subject is not None and subject.kind in (mentions.ORGANIZATION, mentions.ORG_REFERENCE):
                named = self._organization_name(subject, sentence - 1)
                if named is not None:
                    return named
        organizations = [organization for organization in memory.organizations if not organization.mentioned]
        return organizations[-1].name if organizations else memory.lead

    def _firm_read_as_person(self, sentence: int) -> str | None:
        """The firm "the company" refers to when none was named as one: two
        capitalised words that opened one of the sentences just before, read
        as a person's name but never given a title, a role or a "he" or
        "she" ("Acme Steel reported a loss ... The company said")."""
        for earlier in range(sentence - 1, max(sentence - 1 - _FIRM_LOOKBACK, -1), -1):
            masked = self.masked[self.sentences[earlier].start: self.sentences[earlier].end]
            opener = _OPENING_ADVERB.match(masked)  # "Meanwhile, Acme Steel reported ..."
            subject = _subject_at_start(masked[opener.end():] if opener else masked)
            if subject is None or subject.kind != mentions.PERSON or subject.role or not subject.name:
                continue
            person = self.memory.person(subject.name)
            if subject.text.strip() == subject.name and (person is None or (
                person.gender is None and person.role is None and person.organization is None
            )):
                if person is not None:
                    self.memory.persons.remove(person)
                self.firms_read_as_persons.add(subject.name)
                return subject.name
        return None

    def _acting_organization(self, sentence: int, kind: str | None) -> str | None:
        """The organisation that is the subject of sentence number
        ``sentence`` ("Marina has ordered ...", with Marina the short name of
        an authority the text defined), if it fits the class noun ``kind``
        ("agency") when one is given."""
        subject = self._sentence_subject(sentence)
        if subject is None or subject.kind not in (mentions.ORGANIZATION, mentions.ORG_REFERENCE, mentions.NAME):
            return None
        name = self.memory.full_name(subject.name or subject.text) if subject.kind == mentions.NAME else None
        if subject.kind == mentions.NAME and name == (subject.name or subject.text):
            return None  # a name that is no organisation the text defined
        name = name or self._organization_name(subject, sentence)
        if name is None or (kind is not None and not _fits_class(name, kind)):
            return None
        return name

    def _sentence_subject(self, sentence: int) -> Agent | None:
        """The subject of sentence number ``sentence``, as an organisation when
        an appositive describes one ("Noordbank, the Netherlands' third-largest
        lender, ...")."""
        masked = self.masked[self.sentences[sentence].start: self.sentences[sentence].end]
        agent = _subject_at_start(masked)
        parts = masked.split(",", 2)
        appositive = parse_appositive(parts[1]) if len(parts) == 3 else None
        if agent is not None and appositive is not None:
            agent = _described_organization(agent, appositive)
        return agent

    def _remember_named_before_which(self, masked: str) -> None:
        """A name followed by ", which" is an organisation (people are
        "who"), in this sentence already ("Cloud Data Ireland, which
        represents 40 firms, disputes the figures") and later."""
        memory = self.memory
        for found in _WHICH.finditer(masked):
            name = _name_before(masked, found.start())
            if name and memory.person(name) is None and name not in GOVERNMENT_METONYMS:
                memory.remember_organization(name, mentioned=True)

    def _remember_documents_described(self, masked: str, sentence: int) -> None:
        """Documents the sentence says an organisation made, whatever the
        sentence's own source (see :data:`_DOCUMENT_DESCRIBED`)."""
        for found in _DOCUMENT_DESCRIBED.finditer(masked):
            phrase = _PRODUCER_END.sub("", found.group(2)).rstrip(" .")
            agent = parse_source(phrase) if phrase else None
            if agent is not None and agent.kind == mentions.ORGANIZATION and agent.name:
                producer = self.memory.remember_organization(agent.name, agent.kinds)
                self.memory.documents.append(_Document(found.group(1).lower(), producer, sentence))

    def _remember_named_in_passing(self, masked: str) -> None:
        """Organisations the sentence names in passing, which "the company" or
        "the operator" may refer to later and which are no person when they
        speak later: a name after a lower-case description ("fined the online
        casino operator Luckstream Entertainment"), a name with a description
        after it (", at Metro Valencia Turia, the publicly owned operator,");
        names followed by ", which" are remembered before the sentence is read
        (:meth:`_remember_named_before_which`)."""
        memory = self.memory
        if ", " in masked:
            for found in _DESCRIPTION_AFTER.finditer(masked) if ", the " in masked or ", a" in masked else ():
                description = found.group(1)
                if ORG_HEADS.isdisjoint(description.lower().split()):
                    continue  # most descriptions: of a person, or of no organisation
                name = _name_before(masked, found.start())
                if not name or memory.person(name) is not None or name in GOVERNMENT_METONYMS:
                    continue
                appositive = parse_appositive(description)
                if appositive is not None and appositive.kind == mentions.ORG_REFERENCE and appositive.kinds:
                    memory.remember_organization(name, appositive.kinds, mentioned=True)
        words = ascii_words(masked)
        for found in _FIRM_WITH_LEGAL_FORM.finditer(masked) if not _LEGAL_FORM_BYTES.isdisjoint(words) else ():
            # "won by Kustlinjen Buss AB", "palm oil exporter PT Kencana Rimba Sejahtera"
            name = found.group(2) or _name_before(masked, found.end())
            if name and (name.split()[-1] in _LEGAL_FORMS or name.split()[0] in _LEGAL_FORMS_BEFORE) and (
                len(name.split()) > 1
            ):
                memory.remember_organization(name, ["company"], mentioned=True)
        if not _DESCRIPTOR_BYTES.isdisjoint(words):  # descriptors are in lower case
            for found in _DESCRIBED_NAME.finditer(masked):
                agent = parse_source(found.group())
                if agent is not None and agent.kind == mentions.ORGANIZATION and agent.name and (
                    agent.name.split()[0] not in _MONTHS_AND_DAYS  # "the company on Monday": no name
                ):
                    memory.remember_organization(agent.name, agent.kinds, mentioned=True)

    def _resolve(self, agent: Agent, sentence: int) -> _Source | None:
        memory = self.memory
        kind = agent.kind
        if kind == mentions.PERSON and not agent.role and agent.organization is None and agent.name and (
            memory.organizations and memory.person(agent.name) is None
        ):
            # two capitalised words the text named before as an organisation: "Skovlund Vind has put the
            # cost at ..." after "developed by the company Skovlund Vind"
            named = memory.organization_named(agent.name)
            if named is not None:
                agent = Agent(mentions.ORGANIZATION, agent.text, name=named, head=agent.head)
                kind = agent.kind
        if kind == mentions.PERSON and not agent.role and agent.organization is None and agent.name and (
            memory.person(agent.name) is None
        ) and (longer := self._organization_shortened(agent.name, sentence)) is not None:
            # "Northern Shield denied the claim" after "accused Northern Shield Railway of ...": a firm's
            # name without its last word, not a person's
            agent = Agent(mentions.ORGANIZATION, agent.text, name=memory.remember_organization(longer), head=agent.head)
            kind = agent.kind
        if kind == mentions.PERSON:
            organization = (self._organization_name(agent.organization, sentence, agent.role)
                            if agent.organization else None)
            if organization is None and agent.role:
                organization = memory.organization_like(agent.role.split()[-1], None) if agent.role.lower() in {
                    o.name.lower() for o in memory.organizations} else None
                described = agent.text[: agent.text.lower().find(agent.role.lower())].split()
                if organization is None and agent.role.lower() in EXECUTIVE_ROLES and not any(
                    word.isalpha() and word.islower() and word not in ("a", "an", "the") for word in described
                ):  # "spaza shop owner X" owns the shop the words before the role name
                    # "Chief Executive X" runs the company the article is about; "a spokesperson, X"
                    # speaks for it; when the article is about a body that is no business (a regulator
                    # fining a firm), the organisation the last two sentences quoted ("In a statement, the
                    # company said ... Chief executive X told")
                    at = _AT_ORGANIZATION.match(self.masked, self.sentences[sentence].start)
                    workplace = parse_source(at.group(1)) if at is not None else None
                    organization = memory.lead
                    if workplace is not None and workplace.kind == mentions.ORGANIZATION and workplace.name:
                        # "At the Somes Clinical Hospital, a spokeswoman, X, said"
                        organization = memory.remember_organization(workplace.name)
                    elif organization is None or not _fits_class(organization, "company"):
                        organization = next((self.organizations_quoted[previous] for previous in (
                            sentence - 1, sentence - 2) if previous in self.organizations_quoted), organization)
            if organization is None and agent.text.startswith("Justice "):
                # "Justice X" sits in the court the story named ("the High Court"), if it named one
                organization = next((o.name for o in reversed(memory.organizations)
                                     if "court" in o.name.lower().split()), None)
            portfolio = _PORTFOLIO_TITLE.fullmatch(agent.role) if organization is None and agent.role else None
            if portfolio is not None:
                # "Transport Secretary X" heads the Department for Transport, if the story named it; a
                # commissioner without one sits on the commission it named ("the European Commission")
                organization = memory.portfolio_body(portfolio.group(1)) or (
                    memory.organization_like("commission") if agent.role.endswith("Commissioner") else None)
            known = memory.person(agent.name or "")
            if known is None and agent.name and " " not in agent.name and (
                named_before := self._person_named_before(agent.name, sentence)
            ):
                # "Natarajan, a 38-year-old pharmacist, says" after "Priya Natarajan was ahead by 211 votes"
                agent = Agent(mentions.PERSON, agent.text, name=named_before[0], role=agent.role, head=agent.head,
                              organization=agent.organization)
                organization = organization or named_before[1]
            person = memory.remember_person(_Person(agent.name or "", agent.role, organization,
                                                    gender=_honorific_gender(agent.text)))
            memory.last_person = person
            return _Source(speaker=person, organization=person.organization, role=person.role,
                           resolution="surname" if known is not None and known.name != agent.name else "named")
        if kind == mentions.NAME:
            known = memory.person(agent.name or "")
            if known is None and (named := self._person_named_before(agent.name or "", sentence)):
                # "Achieng, speaking to Kirimo FM, ...": a person the story named before as
                # "Grace Achieng of the People's Unity Party"
                known = memory.remember_person(_Person(named[0], None, named[1]))
            if known is not None:
                memory.remember_person(known)
                memory.last_person = known
                return _Source(speaker=known, organization=known.organization, role=known.role, resolution="surname")
            organization = memory.remember_organization(agent.name or agent.text, spoke=True)
            source = _Source(organization=organization)
            memory.last_collective = source
            return source
        if kind == mentions.PRONOUN:
            if agent.head in ("they", "it"):
                # "they", "it": the organisation or group last named as a source
                if memory.last_collective is None:
                    return None
                previous = memory.last_collective
                return _Source(organization=previous.organization, role=previous.role, resolution="pronoun")
            gender = _PRONOUN_GENDERS.get(agent.head or "")
            start = self.sentences[sentence].start
            opening = self.masked[start: start + 40].split(maxsplit=1)[:1]
            opener = memory.person(opening[0].rstrip(",:;")) if opening and is_capitalised(opening[0]) and (
                opening[0].rstrip(",:;").isalpha() and opening[0].lower() not in PRONOUNS
            ) else None
            if opener is not None and opener.name.split()[-1] == opening[0].rstrip(",:;") and (
                opener.gender in (None, gender)
            ):
                # "Mutua thinks not: he said ...": the person the sentence opens with
                memory.topic = None
                memory.last_person = memory.remember_person(opener)
            topic = memory.topic
            if topic is not None and sentence - topic[1] <= _TOPIC_SENTENCES and (topic[0].gender == gender or (
                topic[0].gender is None and sentence - topic[1] == 1 and _plainly_a_person(topic[0].name)
                and self.sentences[sentence].paragraph == self.sentences[topic[1]].paragraph
            )):
                # "X has kept bees for 35 years. He lost 14 hives. '...,' he said": the person just
                # introduced, not the source quoted before, once the text has said the person is a "he" or a
                # "she" (a firm can open a sentence as a person does: "Vistara Rail has cut 40 jobs"), or
                # in the very next sentence of the paragraph when no word of the name is a firm's
                memory.topic = None
                memory.last_person = memory.remember_person(topic[0])
            if memory.last_person is None:
                return memory.last_unnamed
            person = memory.last_person
            if person.gender is None:
                person.gender = gender
            return _Source(speaker=person, organization=person.organization, role=person.role, resolution="pronoun")
        if kind == mentions.ROLE_REFERENCE:
            qualifier = agent.organization.text if agent.organization is not None else None
            for person in reversed(memory.persons):
                if person.role and any(same_head(agent.head or "", w) for w in person.role.lower().split()) and (
                    # "the judge" is the judge named before, whose court the text may not have named
                    qualifier is None or person.organization is None
                    or person.organization.lower().find(qualifier.lower()) >= 0
                ):
                    memory.remember_person(person)
                    memory.last_person = person
                    return _Source(speaker=person, organization=person.organization, role=person.role,
                                   resolution="description")
            organization = None
            if agent.role and agent.role.lower() in _SPOKESPEOPLE and (
                agent.organization is None or agent.organization.kind == mentions.ORG_REFERENCE
            ):
                # "The Harbour Authority has cut 40 jobs, a spokeswoman said", "Marina has ordered ..., an agency
                # spokesman said": the organisation the sentence reports on, if of the spokesman's kind
                organization = self._acting_organization(
                    sentence, agent.organization.head if agent.organization else None)
            if organization is None and agent.organization:
                organization = self._organization_name(agent.organization, sentence)
            if organization is None and agent.role and agent.role.lower() in _SPOKESPEOPLE:
                # "The ministry disputes that picture. A spokesman said ...": the organisation just quoted
                organization = next((self.organizations_quoted[previous] for previous in (sentence - 1, sentence - 2)
                                     if previous in self.organizations_quoted), None)
            if organization is None and (_ITS_BEFORE.search(agent.text) or (
                agent.role and _OPENS_WITH_ITS.match(self.masked, self.sentences[sentence].start)
                and self.masked.startswith(agent.text, self.masked.find(" ", self.sentences[sentence].start) + 1)
            )):
                organization = self._its_owner(sentence, agent.role)  # "Its chief executive said"
            source = _Source(organization=organization, role=agent.role, resolution="unresolved")
            memory.last_collective = source
            if not agent.definite and agent.role and agent.role.split()[-1].lower() in ROLES:
                # "A teacher who asked not to be named said ... '...,' she said": the "she" is the teacher,
                # not a person named earlier
                memory.last_person, memory.last_unnamed = None, source
            return source
        if kind == mentions.ORG_REFERENCE:
            known = memory.organization_described(agent) if agent.definite or not agent.name else None
            if known is None and agent.definite and agent.head in _BUSINESS_NOUNS:
                known = self._firm_read_as_person(sentence)
            if known is None and agent.definite:
                known = self._quoted_just_before(agent.head or "", sentence)
            if known is not None:
                # named again: the organisation "its" and "the group" refer to next
                source = _Source(organization=memory.remember_organization(known, spoke=True), resolution="description")
            else:
                source = _Source(organization=memory.remember_organization(self._national(agent.name or agent.text)),
                                 resolution="named")
                if sentence < _LEAD_SENTENCES and (agent.definite or "'s " in agent.text or "’s " in agent.text):
                    # "Malta's gambling regulator has fined X ..., the regulator said": the lead describes the
                    # organisation the next sentences name ("The Malta Gaming Supervisory Board said")
                    source.forward_description = agent
            memory.last_collective = source
            return source
        if kind == mentions.MEDIUM:
            # "as reported by the sports daily Diário da Bola": an outlet relays what it reports; it is the
            # medium, and whoever it learnt it from (unnamed here) the source
            return _Source(medium=agent.name or agent.text)
        if kind == mentions.ORGANIZATION:
            name = memory.remember_organization(agent.name or agent.text, agent.kinds, spoke=True)
            source = _Source(organization=name)
            memory.last_collective = source
            return source
        if kind == mentions.DOCUMENT:
            return self._resolve_document(agent, sentence)
        if kind == mentions.ORGANIZATIONS:
            # "The agencies said" after "the World Health Organization and UNICEF said": the source that named
            # several organisations, if the text has just quoted one
            previous = memory.last_collective
            if previous is None or " and " not in (previous.organization or ""):
                return _Source(role=agent.text.strip(), resolution="named")  # unnamed, like "officials"
            return _Source(organization=previous.organization, resolution="description")
        if kind == mentions.GROUP:
            organization = self._organization_name(agent.organization, sentence) if agent.organization else None
            if organization is None and agent.definite and agent.head in TRADE_GROUPS:
                # "the auditors found" after "the National Audit Office said": the body named by their trade
                organization = memory.organization_like(agent.head or "")
            if organization is None and agent.head == "authors" and memory.documents:
                # "Its authors estimated" after "a report by the X Institute": the document's makers
                organization = memory.documents[-1].producer
            source = _Source(organization=organization, role=agent.text.strip(),
                             resolution="description" if organization else "named")
            memory.last_collective = source
            return source
        return None

    def _resolve_document(self, agent: Agent, sentence: int) -> _Source:
        memory = self.memory
        if agent.producer is not None and agent.producer.kind == mentions.ROLE_REFERENCE and agent.producer.name:
            # an office that publishes is an institution: "the Port Auditor", "the auditor general"
            producer: _Source | None = _Source(organization=memory.remember_organization(agent.producer.name))
        elif agent.producer is not None:
            producer = self._resolve(agent.producer, sentence)
        else:
            producer = None
        if producer is not None:
            if producer.organization:
                memory.documents.append(_Document(agent.head or "", producer.organization, sentence))
                memory.last_collective = producer  # "It estimated" after "The audit said"
            return producer
        if agent.definite:
            known = _nearest_document(memory.documents, agent.head or "")
            if known is not None:
                source = _Source(organization=known.producer, resolution="document")
                memory.last_collective = source
                return source
        modifiers = frozenset(w for w in agent.text.lower().split()[:-1] if w.isalpha() and w not in mentions._LEADING)
        return _Source(resolution="forward", forward_document=agent.head, forward_modifiers=modifiers,
                       latest_organization=memory.latest_organization)

    # -- finishing ---------------------------------------------------------

    def _finish(self, results: list[tuple[Sentence, list[tuple[int, int, _Source | None, _Match | None]]]]) -> list[Unit]:
        units: list[Unit] = []
        previous: tuple[Sentence, Attribution] | None = None
        # "Ireland's Minister of State for Transport, X, said ... The Department of Transport said": the
        # portfolio's body as the text names it later
        bodies = {name: body for name, portfolio in self.portfolio_ministries.items()
                  if (body := self.memory.portfolio_body(portfolio, besides=name)) is not None}
        for index, (sentence, pieces) in enumerate(results):
            for start, end, source, match in pieces:
                if source is not None and source.speaker is not None and (
                    source.speaker.name in self.firms_read_as_persons
                ):
                    source.organization, source.speaker = source.speaker.name, None
                if source is not None and bodies:
                    source.organization = bodies.get(source.organization or "", source.organization)
                    if source.speaker is not None and source.speaker.organization in bodies:
                        source.speaker.organization = bodies[source.speaker.organization]
                if source is not None and source.forward_document is not None:
                    self._resolve_forward(source, index)
                if source is not None and source.forward_description is not None:
                    later = self._described_later(source.forward_description, index)
                    source.organization = later or source.organization
                attribution = None
                if source is not None and match is not None and (
                    source.speaker or source.organization or source.role or source.medium
                ):
                    attribution = self._attribution(start, end, source, match)
                elif previous is not None and self._continues_quote(start, end, previous[0], sentence):
                    attribution = previous[1].model_copy(update={
                        "cue": "continued quotation",
                        "modality": "quote",
                        "direct_quote": True,
                        "confidence": round(PATTERN_CONFIDENCE["continued_quote"], 3),
                    })
                if attribution is None:
                    attribution = self._unattributed(start, end)
                units.append(Unit(start, end, attribution))
                # a quotation standing alone after a sentence that names its source carries on that
                # source's words, whether that sentence quoted them or reported them
                previous = (sentence, attribution) if attribution.claimant else None
        # '"Burglary is down. That did not happen by accident," she said.': a quotation
        # whose attribution comes in a later sentence; backwards, so that it reaches every part
        for index in range(len(units) - 2, -1, -1):
            unit, following = units[index], units[index + 1]
            if (unit.attribution.claimant is None or unit.attribution.cue == "continued quotation") and (
                following.attribution.claimant
            ) and (
                following.attribution.direct_quote and self._quotation_runs_on(unit.start, unit.end)
            ):
                units[index] = unit._replace(attribution=following.attribution.model_copy(update={
                    "cue": "quotation attributed later",
                    "modality": "quote",
                    "confidence": round(PATTERN_CONFIDENCE["continued_quote"], 3),
                }))
        return units

    def _quotation_runs_on(self, start: int, end: int) -> bool:
        """Is ``text[start:end]`` nothing but the start of a quotation that
        goes on after ``end``?"""
        index = bisect_right(self.quotation_ends, end)  # the first quotation that ends after ``end``
        if index == len(self.quotations) or not start <= self.quotations[index].start <= end:
            return False
        return not any(ch.isalnum() for ch in self.masked[start:end])

    def _described_later(self, description: Agent, index: int) -> str | None:
        """The organisation one of the next sentences names that a description
        in the lead fits: by its noun or one of its class ("regulator" for an
        authority), or by a word sharing its stem ("regulator" for a
        supervisory board is not enough: "supervisory" for "supervisor" is)."""
        head = description.head or ""
        nouns = ORG_CLASSES.get(head, frozenset()) | {head}
        for organization in self.memory.organizations:
            if not index < organization.sentence <= index + _DESCRIBED_LATER or organization.mentioned:
                continue
            # its name, or what the text said it is ("the largest nursing union in Ourense")
            words = organization.name.lower().split() + [w for kind in organization.kinds for w in kind.split()]
            if any(word in nouns or any(same_head(word, noun) for noun in nouns) for word in words):
                return organization.name
        return None

    def _resolve_forward(self, source: _Source, index: int) -> None:
        later = [d for d in self.memory.documents if d.sentence > index]
        known = _nearest_document(later[::-1], source.forward_document or "")
        named = self._named_later_with(source.forward_modifiers, index) if known is None else None
        if known is not None:
            source.organization = known.producer
            source.resolution = "forward"
        elif named is not None:
            # "exports rose 8.7%, customs data showed ... according to the General Administration of
            # Customs": the organisation named later whose name has the document's words
            source.organization = named
            source.resolution = "forward"
        else:
            # "according to the decision" with no decision named: the decision of the body the
            # story was last quoting ("the board ... fined", "Police Chief X ... published")
            source.organization = source.latest_organization
            source.resolution = "context"

    def _named_later_with(self, words: frozenset[str], index: int) -> str | None:
        """The first organisation named in the sentences after sentence
        ``index`` (up to :data:`_DESCRIBED_LATER`) whose name has one of
        ``words`` (lower-case)."""
        if not words:
            return None
        for organization in self.memory.organizations:
            if index < organization.sentence <= index + _DESCRIBED_LATER and not words.isdisjoint(
                organization.name.lower().split()
            ):
                return organization.name
        return None

    def _continues_quote(self, start: int, end: int, previous: Sentence, sentence: Sentence) -> bool:
        """Is this sentence only more of the quotation the previous sentence attributed?"""
        if previous.paragraph != sentence.paragraph:
            return False
        visible = self.masked[start:end]
        return HIDDEN in visible and not any(ch.isalnum() for ch in visible)

    def _quoted_words(self, start: int, end: int) -> int:
        """The number of words of ``text[start:end]`` inside quotations."""
        quotations = self.quotations
        quoted = 0
        # quotations are in order and do not overlap: start at the first that ends after ``start``
        for index in range(bisect_right(self.quotation_ends, start), len(quotations)):
            quotation = quotations[index]
            if quotation.start >= end:
                break
            quoted += len(self.text[max(quotation.start, start): min(quotation.end, end)].split())
        return quoted

    def _attribution(self, start: int, end: int, source: _Source, match: _Match) -> Attribution:
        masked = self.masked[start:end]
        quoted = self._quoted_words(start, end)
        # a sentence that starts inside a quotation opened before it opens with it too
        opens_with_quote = self.text[start:end][:1] in "“\"«‘„" or self.masked[start:start + 1] == HIDDEN
        direct_quote = quoted >= 3
        modality = match.modality
        if direct_quote and modality == "statement" and (
            opens_with_quote or 2 * quoted >= len(self.text[start:end].split())
        ):
            modality = "quote"
        medium, interviewer = self._medium(masked, match)
        person = source.speaker
        if person is not None:
            if medium:
                person.medium, person.interviewer = medium, interviewer
            else:
                medium, interviewer = person.medium, person.interviewer
        medium = medium or source.medium
        cited = [citing.group(1).strip() for citing in _CITING.finditer(masked)] if "iting" in masked else []
        confidence = PATTERN_CONFIDENCE[match.pattern] * RESOLUTION_CONFIDENCE[source.resolution]
        if source.speaker is None and source.organization is None:
            confidence = PATTERN_CONFIDENCE["unnamed_group"]
        role = source.role if person is None else person.role
        # links as dicts: the Attribution validates them into AttributionLinks at less cost than building each
        chain: list[dict[str, str | None] | AttributionLink] = [{"name": name, "kind": "speaker"} for name in cited]
        if source.organization:
            chain.append({"name": source.organization, "kind": "organization"})
        if person is not None:
            chain.append({"name": person.name, "kind": "speaker", "role": role})
        elif role and not source.organization:
            chain.append({"name": role, "kind": "speaker", "role": role})
        if interviewer:
            chain.append({"name": interviewer, "kind": "interviewer"})
        if medium and medium != source.organization:
            chain.append({"name": medium, "kind": "medium"})
        chain.append(self.publisher_link)
        return Attribution(
            speaker=person.name if person is not None else None,
            role=role,
            organization=source.organization,
            cue=match.cue,
            medium=medium,
            interviewer=interviewer,
            modality=modality,
            direct_quote=direct_quote,
            confidence=round(confidence, 3),
            chain=chain,
            attributed_by=PLUGIN_NAME,
        )

    def _medium(self, masked: str, match: _Match) -> tuple[str | None, str | None]:
        # a substring test before each search, which costs a small fraction of one
        speaking = "peaking" in masked or "alking" in masked
        for pattern, may_match in ((_SPEAKING_TO, speaking), (_INTERVIEW_WITH, "interview" in masked)):
            found = pattern.search(masked) if may_match else None
            if found:
                # the outlet's name ends where a lower-case word starts: "Matchday Radio on Wednesday";
                # a description may come before it: "the business channel Ekonomi24"
                words = found.group(1).strip().removeprefix("the ").split()
                name = " ".join(itertools.takewhile(is_capitalised, words))
                if mentions.is_medium(name) or name and _MEDIUM_AFTER_NAME.match(" ".join(words[len(name.split()):])):
                    return name, None  # "Speaking to Deutschlandfunk radio"
                outlet = _described_outlet(words) if words and not name else None
                if outlet:
                    return outlet, None
        if "told" in masked or "telling" in masked:
            for told in _TOLD.finditer(masked):
                medium, interviewer = _medium_after(masked, told.end())
                if medium:
                    return medium, interviewer
        quoted = _QUOTED_AS.search(masked) if match.pattern == "quoted_as_saying" else None
        if quoted is not None and quoted.group(1):
            words = quoted.group(1).strip().removeprefix("the ").split()
            name = " ".join(itertools.takewhile(is_capitalised, words))
            outlet = name if mentions.is_medium(name) else _described_outlet(words)
            if outlet:
                return outlet, None  # "quoted by state news agency Xinhua as saying"
        platform = _ON_PLATFORM.search(masked) if " on " in masked else None
        if platform is not None:
            return platform.group(1), None  # "wrote on Telegram", "said in a post on X"
        return None, None

    def _unattributed(self, start: int, end: int) -> Attribution:
        quoted = self._quoted_words(start, end)
        modality = None if self.text[start:end].rstrip().endswith("?") else "statement"
        direct_quote = quoted >= 3
        # one model per kind, shared by the document's sentences (models are treated as values)
        attribution = self.publisher_own.get((modality, direct_quote))
        if attribution is None:
            attribution = self.publisher_own[modality, direct_quote] = Attribution(
                modality=modality,
                direct_quote=direct_quote,
                confidence=PATTERN_CONFIDENCE["unattributed"],
                chain=[self.publisher_link],
                attributed_by=PLUGIN_NAME,
            )
        return attribution


def _other_first_name(one: str, other: str) -> bool:
    """Do two full names with the same surname give different first names ("Anne Pilgrim", "Gordon Pilgrim")?"""
    first, second = one.split(), other.split()
    return len(first) > 1 and len(second) > 1 and first[0] != second[0] and all(
        is_capitalised(word) and not word.endswith(".") for word in (first[0], second[0]))


def _own_pronoun_gender(text: str) -> str | None:
    """The gender the possessive pronouns of the rest of a sentence give the
    person it opens with ("X retired last year after her fourth
    concussion"), if they are all of one kind."""
    words = set(text.lower().split())
    his, her = "his" in words, "her" in words
    return "m" if his and not her else "f" if her and not his else None


def _plainly_a_person(name: str) -> bool:
    """Has ``name`` no word that ends firms' or institutions' names?"""
    return all(word not in mentions._ORG_NAME_WORDS and word.lower() not in ORG_HEADS for word in name.split())


def _compound_of(word: str, head: str) -> bool:
    """Is ``word`` a one-word name made with ``head`` ("Bundesbank" for "the
    bank", "Rijkswaterstaat" is not "the state")? Only heads of four
    letters or more, after a stem of four or more."""
    return len(head) >= 4 and len(word) >= len(head) + 4 and word.endswith(head)


def _honorific_gender(text: str) -> str | None:
    """The gender an honorific before a name says ("Mr", "Ms"), if any."""
    return _HONORIFIC_GENDERS.get(text.split(maxsplit=1)[0].rstrip(".").lower()) if text.strip() else None


def _nearest_document(documents: list[_Document], head: str) -> _Document | None:
    """The last of ``documents`` that ``head`` can refer to: the same noun,
    else a noun of the same class ("the report" can be the audit, "the
    figures" the data)."""
    same_class = [d for d in documents if _document_class(d.head) == _document_class(head)]
    for candidates in ([d for d in documents if same_head(d.head, head)], same_class):
        if candidates:
            return candidates[-1]
    return None


def _document_class(head: str) -> str:
    return "data" if head in DATA_NOUNS else "publication"


def _best_named(masked: str) -> str | None:
    """The phrase of the first source named outright in ``masked`` (not a
    pronoun or a description), for deciding whether to split a sentence."""
    for match in _matches_in_order(masked):
        if match.agent.kind in (mentions.PERSON, mentions.ORGANIZATION, mentions.NAME, mentions.MEDIUM):
            return match.agent.name or match.agent.text
    return None


def attribute_document(text: str, publisher: str) -> list[Unit]:
    """Split ``text`` into claim-sized units and attribute each one;
    ``publisher`` ends every chain."""
    return _Reader(text, publisher).read()
