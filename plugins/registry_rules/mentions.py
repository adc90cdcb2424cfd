"""Read the noun phrase that names a source: a person with a role and an
organisation, an organisation, a document, an unnamed group, a pronoun, or a
description to resolve from context ("the spokesman", "the group").

The attribution rules find *where* a source is named (the words before or
after an attribution verb, after "according to", in an appositive); this
module says *what* the phrase names, from its words alone. Resolving
references against the rest of the document is the attribution module's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import (
    CAPITALS,
    COUNTRY_ADJECTIVES,
    DEFINITE_WITHOUT_ARTICLE,
    DOCUMENT_NOUNS,
    GOVERNMENT_METONYMS,
    GROUP_NOUNS,
    HONORIFICS,
    MEDIA_OUTLETS,
    MEDIA_WORDS,
    ORG_DESCRIPTORS,
    ORG_HEADS,
    PORTFOLIO_ROLES,
    PRONOUNS,
    ROLE_INSTITUTIONS,
    ROLES,
    SPEAKING_UNITS,
)

PERSON = "person"
ORGANIZATION = "organization"
MEDIUM = "medium"
PRONOUN = "pronoun"
ROLE_REFERENCE = "role_reference"  # "the spokesman", "the Kremlin spokesman"
ORG_REFERENCE = "org_reference"  # "the group", "the ministry", "the statistics office"
DOCUMENT = "document"  # "the report", "Russian Defense Ministry estimates"
GROUP = "group"  # "officials", "opposition lawmakers"
NAME = "name"  # one capitalised word: a known person's surname, or an organisation
ORGANIZATIONS = "organizations"  # "the agencies", "both companies": several organisations named before


@dataclass
class Agent:
    """What a source phrase names. ``head`` is the noun a reference is
    resolved by; ``producer`` is whoever made a document; ``kinds`` are
    descriptions of an organisation ("research group")."""

    kind: str
    text: str
    name: str | None = None
    role: str | None = None
    organization: Agent | None = None
    producer: Agent | None = None
    head: str | None = None
    definite: bool = False
    kinds: list[str] = field(default_factory=list)


_TOKEN = re.compile(r"[^\s,;:()\[\]“”\"«»]+")
_POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")
_DETERMINERS = frozenset({"the", "a", "an"})
# What may come before the words of a source phrase: an article or a possessive.
_LEADING = _DETERMINERS | {"its", "their", "his", "her", "another"}
_INDEFINITE = frozenset({"a", "an", "another"})
NATIONALITIES = frozenset(COUNTRY_ADJECTIVES.values()) | {"Russian", "Ukrainian", "American"}
_ROLE_MODIFIERS = frozenset(
    "senior chief deputy former acting top lead assistant associate interim vice presiding local veteran regional "
    "provincial municipal district county opposition".split())
_NAME_PARTICLES = frozenset("de da di del della der den van von bin al el la le du dos das ter".split())
# Words that make a run of capitalised words an organisation rather than a person.
_ORG_NAME_WORDS = frozenset(
    "International Global National World Europe European Africa African Asia Asian America American "
    "United Union Tracker Monitor Watch Institute Centre Center Project Group Fund Council "
    "Capital Securities Partners Holdings Energy Motors Rovers Athletic Wanderers FC "
    "Pharmaceuticals Pharma Airways Airlines Apps Technologies Systems Industries Logistics Shipping "
    "Foods Mining Insurance Telecom Labs Terminals Solutions Software Networks Resources Properties "
    "Ventures Bank Ltd Inc Plc AG SA Railway Railways Rail Airport Transport Power Electric Gas Post "
    "Lines Ferries Partido Parti Partei Services Laboratories Associates Hospitals Advisory Statistics "
    "Estates Wines Vineyards Farms Breweries Dairies Fisheries Growers Producers Exporters Hotels Resorts Homes "
    "Studios Entertainment Healthcare Clinics Pharmacies Utilities Chemicals Cement Textiles Aerospace House".split()
)
# The first words of institutions' names in other languages, and the words that follow them there.
_FOREIGN_ORG_HEADS = frozenset(
    "Institut Instituto Istituto Agence Agencia Agenzia Ministère Ministerio Ministero Conseil Consejo Consiglio "
    "Observatoire Observatorio Fondation Fundación Fondazione Banque Banco Caisse Autorité Autoridad Autorità "
    "Comisión Commissione Direction Dirección Tribunal Cour Corte Société Sociedad Società Syndicat Sindicato "
    "Confédération Fédération Federación Federazione Asociación Associazione Centre Centro Université "
    "Universidad Università Consellería Conselleria Secretaría Delegación Junta Régie Office Oficina".split()
)
_FOREIGN_LINKS = frozenset("de des du della delle dei di del d la le les pour per para do da dos das".split())
_AFFILIATION_LINKS = frozenset({"at", "of", "for", "with"})
# Parts of an organisation named after its possessive: "the ministry's chemical safety division".
_SUB_UNITS = frozenset({"division", "unit", "section", "branch", "directorate", "desk", "department", "office",
                        "team", "wing", "arm", "service", "district", "region"})
_OFFICES = frozenset({"office", "department", "cabinet", "team", "chambers"})
# Endings of adjectives that a sentence opens with before a document ("Internal", "Provisional").
_ADJECTIVE_ENDINGS = ("al", "ive", "ary", "ous", "ic")
# What an outlet does with a document it did not make: "documents seen by the Ledger".
_SEEN = frozenset({"seen", "obtained", "reviewed", "viewed"})
# Who speaks when a report keeps its source unnamed ("a person close to the company").
_UNNAMED_SOURCES = frozenset("person people source sources someone individual individuals insider insiders".split())
_HEADING_VERBS = frozenset("heads leads runs chairs directs manages headed led ran chaired directed managed".split())
# Lower-case nouns that introduce the name of an outlet: "the news agency NordWire".
_MEDIA_NOUNS = frozenset(
    "agency channel broadcaster newspaper daily weekly station network outlet website magazine newsletter bulletin "
    "tabloid podcast".split()
)
_MEDIA_IF_NEWS = frozenset({"agency", "network", "website"})  # "the news agency X", but "the drug agency X"
_NAME_CONNECTIVES = frozenset({"of", "for", "and", "the", "on", "&"})
_MAX_ROLE_WORDS = 4
# Portfolios, which name a remit rather than an organisation before any role: "Agriculture spokesman X".
_PORTFOLIOS = frozenset(
    "Agriculture Health Finance Education Transport Defence Defense Justice Interior Environment Energy Trade "
    "Economy Housing Culture Foreign Home Immigration Employment Industry Tourism Fisheries Infrastructure".split())
# Government departments named by one word before a role: "Treasury Secretary X".
_ONE_WORD_DEPARTMENTS = frozenset({"Treasury", "Pentagon", "Kremlin"})
# A US legislator's party and state after the name: "D-N.Y.", "R-Pa."
_PARTY_AND_STATE = re.compile(r"([DRI])-[A-Z][A-Za-z.]{0,6}")
_US_PARTIES = {"D": "Democratic Party", "R": "Republican Party"}
# Capitalised adjectives before a role that name a party: "Labour MP X".
PARTY_ADJECTIVES = {
    "Labour": "Labour Party", "Conservative": "Conservative Party", "Liberal": "Liberal Party",
    "Republican": "Republican Party", "Democratic": "Democratic Party", "Democrat": "Democratic Party",
    "Green": "Green Party", "Socialist": "Socialist Party", "Tory": "Conservative Party",
}
# Roles held in a document rather than an organisation: "the study's lead author".
_AUTHORSHIP = frozenset({"author", "authors", "co-author", "co-authors", "researcher", "researchers"})
_ROLE_FIRST_WORDS = frozenset(role.split()[0] for role in ROLES)


def foreign_name_start(words: list[str]) -> int | None:
    """Where the name of an institution in another language that ends
    ``words`` starts ("... by the Institut de la démocratie numérique"), if
    one does: only its first word is capitalised, so the rules for English
    names do not find where it starts."""
    for start in range(len(words) - 3, max(len(words) - 9, -1), -1):
        if words[start] in _FOREIGN_ORG_HEADS:
            after = words[start + 1:]
            if not _FOREIGN_LINKS.isdisjoint(w.lower() for w in after[:2]) and all(w.isalpha() for w in after):
                return start
            return None
    return None


_SEVERAL = frozenset({"both", "two", "three", "four"})


def plural_org_head(word: str) -> bool:
    """Is ``word`` the plural of a noun for an organisation ("agencies",
    "unions", "companies")?"""
    if not word.endswith("s") or word in ORG_HEADS:
        return False
    singular = word[:-3] + "y" if word.endswith("ies") else word[:-1]
    return singular in ORG_HEADS


def words_of(phrase: str) -> list[str]:
    """The words of ``phrase`` with trailing full stops of plain words removed."""
    if "." not in phrase:
        return _TOKEN.findall(phrase)  # most phrases: no token to look at
    words = []
    for token in _TOKEN.findall(phrase):
        if token.endswith(".") and token.count(".") == 1 and token.lower() not in HONORIFICS:
            token = token[:-1]
        if token:
            words.append(token)
    return words


def is_capitalised(word: str) -> bool:
    # "d'Entremont": a name whose particle is elided before a capital
    return word[:1].isupper() or word[:2] in ("d'", "d’") and word[2:3].isupper()


def strip_possessive(word: str) -> str:
    """``word`` (no white space in it) without its possessive ending: a
    plural keeps its "s" ("Doctors'" is "Doctors", not "Doctor")."""
    if word.endswith(("s'", "s’")):
        return word[:-1]
    return word[:-2] if word.endswith(_POSSESSIVE_ENDINGS) else word


def _stem(word: str) -> str:
    return word.lower()[:5]


def same_head(a: str, b: str) -> bool:
    """Do two nouns name the same kind of thing ("ministry"/"minister" do not
    matter here: they only compare heads of references and names)?"""
    return _stem(a) == _stem(b)


def find_role(lowered: list[str]) -> tuple[int, int] | None:
    """The first, longest run of words that is a role, as ``(start, end)``."""
    for start, word in enumerate(lowered):
        if word not in _ROLE_FIRST_WORDS and " " not in word:
            continue  # no role starts with this word
        for end in range(min(len(lowered), start + _MAX_ROLE_WORDS), start, -1):
            if " ".join(lowered[start:end]) in ROLES:
                return start, end
    return None


def parse_source(phrase: str) -> Agent | None:
    """What ``phrase`` (a subject or the words after "according to") names,
    or None when it names no source."""
    parsed = _parsed_source(phrase)
    return _copy(parsed, {}) if parsed is not None else None


# Distinct source phrases kept: news repeats its sources' phrases ("he", "the
# ministry", a spokesman's name), on distinct text about five times each.
_CACHED_PHRASES = 8192


@lru_cache(maxsize=_CACHED_PHRASES)
def _parsed_source(phrase: str) -> Agent | None:
    """:func:`parse_source`, worked out once per phrase; never handed out, as
    the attribution rules complete the agents they are given."""
    words = words_of(phrase)
    if not words:
        return None
    return _parse(words, phrase.strip())


def _copy(agent: Agent, copies: dict[int, Agent]) -> Agent:
    """A copy of ``agent`` and of the agents and lists it holds, with an
    agent held twice copied once (``copies``, by the original's id). A new
    field that holds an agent or a list must be copied here too."""
    copied = copies.get(id(agent))
    if copied is None:
        copied = copies[id(agent)] = object.__new__(Agent)
        copied.__dict__.update(agent.__dict__)
        copied.kinds = list(agent.kinds)
        if agent.organization is not None:
            copied.organization = _copy(agent.organization, copies)
        if agent.producer is not None:
            copied.producer = _copy(agent.producer, copies)
    return copied


def _parse(words: list[str], text: str) -> Agent | None:
    definite = False
    while words and words[0].lower() in _LEADING:
        definite = words[0].lower() not in _INDEFINITE
        words = words[1:]
    if len(words) > 1 and words[0].endswith("-based") and is_capitalised(words[1]):
        # "the Montreal-based Aurora Institute" is the Aurora Institute; only an organisation is based somewhere
        based = _parse(words[1:], text)
        if based is not None and based.kind in (PERSON, NAME):
            return Agent(ORGANIZATION, text, name=based.name, head=(based.head or "").lower())
        return based
    if not words:
        return None
    lowered = [w.lower() for w in words]
    if len(words) == 1 and lowered[0] in PRONOUNS:
        return Agent(PRONOUN, text, head=lowered[0])
    if any(lowered[i] in _UNNAMED_SOURCES and lowered[i + 1:i + 3] == ["close", "to"] for i in range(len(words) - 2)):
        return None  # "a person close to the company": nobody the text names, not the company
    if plural_org_head(lowered[-1]) and (definite or lowered[0] in _SEVERAL) and all(
        w.islower() or w.lower() in _SEVERAL for w in words
    ) and len(words) <= 3:
        return Agent(ORGANIZATIONS, text, head=lowered[-1], definite=True)
    if "of" in lowered[1:-1] and not _holds_portfolio(lowered):
        of = lowered.index("of", 1)
        left = " ".join(lowered[:of])
        named = is_capitalised(words[0]) and is_capitalised(words[of - 1]) and is_capitalised(words[-1])
        if left in SPEAKING_UNITS or lowered[of - 1] in ROLES or (lowered[of - 1] in DOCUMENT_NOUNS and not named):
            # ("the Institute for the Study of War" is a name, though "study" can be a document)
            inner = _parse(words[of + 1:], " ".join(words[of + 1:]))
            return _unit_of(words[:of], lowered[:of], inner, text, definite)
    seen = next((i for i in range(2, len(words) - 1)
                 if lowered[i] == "by" and lowered[i - 1] in _SEEN and lowered[i - 2] in DOCUMENT_NOUNS), None)
    if seen is not None:
        # "Internal documents seen by Nordic Press Service": an outlet that saw them did not make them;
        # "Coast guard records seen by the Ledger" are the coast guard's
        document = _parse(words[:seen - 1], " ".join(words[:seen - 1]))
        producer = document.producer if document is not None and document.kind == DOCUMENT else None
        return Agent(DOCUMENT, text, head=lowered[seen - 2], definite=definite, producer=producer)
    made_by = next((i for i in range(1, len(words) - 1)
                    if lowered[i] in ("by", "from") and lowered[i - 1] in DOCUMENT_NOUNS), None)
    if made_by is not None:
        # "figures from the National Statistics Bureau", "a report by the X committee"
        producer = _parse(words[made_by + 1:], " ".join(words[made_by + 1:]))
        if producer is not None:
            return Agent(DOCUMENT, text, head=lowered[made_by - 1], definite=definite, producer=producer)
    possessor_at = next((i for i, w in enumerate(words[:-1]) if w.endswith(_POSSESSIVE_ENDINGS)), None)
    if possessor_at is not None:
        possessor = words[: possessor_at + 1]
        possessor[-1] = strip_possessive(possessor[-1])
        rest = words[possessor_at + 1:]
        if rest[-1].lower() in DOCUMENT_NOUNS and not any(w.lower() in ORG_HEADS for w in rest):  # not "Court of Audit"
            owner_words = (["the"] if definite else []) + possessor
            return Agent(DOCUMENT, text, head=rest[-1].lower(), definite=True,
                         producer=_parse(owner_words, " ".join(owner_words)))
        owner = " ".join(possessor)
        if len(possessor) == 1 and owner in CAPITALS:
            owner = possessor[0] = CAPITALS[owner]  # "Moscow's Defense Ministry" is the Russian one
        if rest[-1].lower() in _OFFICES and len(rest) >= 2 and rest[-2].endswith(_POSSESSIVE_ENDINGS) and (
            strip_possessive(rest[-2]).lower() in ROLES
        ):
            # "Ukraine's prosecutor general's office": the office of a role, in a country or an organisation
            holder = COUNTRY_ADJECTIVES.get(owner, owner)
            return Agent(ORGANIZATION, text, name=" ".join([holder, *rest]), head=rest[-1].lower())
        if len(possessor) == 1 and owner.lower() in DOCUMENT_NOUNS and rest[-1].lower() in _AUTHORSHIP:
            # "the study's lead author": held in the document, at whoever made it
            held = _parse(rest, " ".join(rest))
            if held is not None and held.kind == ROLE_REFERENCE:
                held.organization = _document_owner(words[: possessor_at + 1])
                held.definite = definite
                return held
        if rest[-1] in _SUB_UNITS and (
            possessor[-1].lower() in ORG_HEADS or is_capitalised(owner)
        ) and possessor[-1].lower() not in ROLES:
            # "the ministry's chemical safety division", "Acme's press office", "the coast guard's Southern
            # Tagalog district": a part of the organisation that speaks for it (a capitalised last word
            # names an agency of its own: "Ukraine's Security Service")
            owner_words = (["the"] if definite else []) + possessor
            unit_owner = _parse(owner_words, " ".join(owner_words))
            if unit_owner is not None and unit_owner.kind in (ORGANIZATION, ORG_REFERENCE):
                return unit_owner  # not a person's office: "Barnier's office" speaks for Barnier
        if len(rest) == 1 and rest[0].lower() in _OFFICES and possessor[-1].lower() in ROLES:
            # "the Liège public prosecutor's office", "the mayor's office": an office is an organisation
            return Agent(ORGANIZATION, text, name=" ".join(words), head=rest[0].lower())
        if owner in COUNTRY_ADJECTIVES:
            words = [COUNTRY_ADJECTIVES[owner], *rest]
        elif not is_capitalised(owner) and owner.lower() not in ORG_HEADS:
            words = rest  # "the city's auditor general" is the auditor general; "the union's president" the union's
        elif possessor_at == 0 and len(rest) >= 2 and all(is_capitalised(w) for w in rest) and (
            rest[0] in _ORG_NAME_WORDS or rest[0].lower() in ORG_HEADS
        ):
            # "King's College London", "St Mary's Hospital": the possessive is part of the name
            words = [words[0], *rest]
        else:
            words = [*possessor, *rest]
        lowered = [w.lower() for w in words]
    at = next((i for i in range(1, len(lowered) - 1) if lowered[i] in ("at", "from")), None)
    if at is not None and lowered[at - 1] in GROUP_NOUNS:
        # "Researchers at the University of Leeds", "officials at the ministry": a group at an organisation
        workplace = _parse(words[at + 1:], " ".join(words[at + 1:]))
        if workplace is not None and workplace.kind in (ORGANIZATION, ORG_REFERENCE):
            return Agent(GROUP, text, head=lowered[at - 1], organization=workplace, definite=definite)
    title = 2 if lowered[:2] == ["chief", "justice"] else 1 if lowered[0] == "justice" else 0
    if title and 2 <= len(words) - title <= 3 and find_role(lowered[title:]) is None and all(
        is_capitalised(w) and w not in _ORG_NAME_WORDS and w.lower() not in ORG_HEADS for w in words[title:]
    ):
        # "Justice Hélène Bouchard": a judge's title, not a name ("Justice Minister X" has a role)
        return Agent(PERSON, text, name=" ".join(words[title:]), role="chief justice" if title == 2 else "judge",
                     head=words[-1])  # which court, only the text can say
    role_at = find_role(lowered)
    if role_at is not None and role_at[0] == 0 and is_capitalised(words[0]) and len(words) > role_at[1] and (
        words[role_at[1]].lower() in ORG_HEADS or words[role_at[1]] in _ORG_NAME_WORDS
    ):
        # "the General Administration of Customs", "General Electric": a name that opens with a word
        # for a rank, not a person who holds it
        return Agent(ORGANIZATION, text, name=" ".join(words), head=words[role_at[1]].lower())
    if role_at is not None:
        return _with_role(words, lowered, role_at, text, definite)
    head = lowered[-1]
    if _organization_with_connectives(words, lowered, definite):
        return Agent(ORGANIZATION, text, name=" ".join(words),
                     head=next((w for w in lowered if w in ORG_HEADS or w.title() in _ORG_NAME_WORDS), lowered[-1]))
    modifiers = words[:-1]
    if head in DOCUMENT_NOUNS:
        if len(modifiers) == 1 and modifiers[0].lower() in ORG_HEADS:
            # "Council papers show", "ministry figures": the council or ministry the story is about
            producer = _class_reference(modifiers[0])
        elif len(modifiers) == 1 and modifiers[0].lower().endswith(_ADJECTIVE_ENDINGS):
            producer = None  # "Internal documents", "Official figures": an adjective opening the sentence
        else:
            producer = _parse(modifiers, " ".join(modifiers)) if _names_something(modifiers) else None
        return Agent(DOCUMENT, text, head=head, definite=definite, producer=producer)
    # a plural of an occupation in -ist names a group too: "Criminologists urged caution",
    # "Health economists" (a capitalised last word after others is a surname)
    if head in GROUP_NOUNS or (head.endswith("ists") and len(head) > 6 and head.isalpha() and (
        len(words) == 1 or not is_capitalised(words[-1])
    )):
        # "ministry officials", "Kremlin officials", "Central Bank officials" speak for an
        # organisation; "Opposition lawmakers" or "Western officials" for nobody in particular
        organization = None
        if modifiers and (modifiers[-1].lower() in ORG_HEADS or _proper_name(modifiers)):
            organization = _parse(modifiers, " ".join(modifiers))
        return Agent(GROUP, text, head=head, organization=organization, definite=definite)
    if head in ORG_HEADS:
        if any(is_capitalised(w) for w in words[1:]) or (is_capitalised(words[0]) and not definite and len(words) == 1):
            return Agent(ORGANIZATION, text, name=" ".join(_trailing_name(words, lowered)), head=head)
        # "police said" means the police force as "the police said" does
        definite = definite or (len(words) == 1 and head in DEFINITE_WITHOUT_ARTICLE)
        return Agent(ORG_REFERENCE, text, name=" ".join(words), head=head, definite=definite)
    if foreign_name_start(words) == 0:
        # "the Institut de la démocratie numérique": in French and other languages only the first word of an
        # institution's name is capitalised
        return Agent(ORGANIZATION, text, name=" ".join(words), head=lowered[0])
    if not all(is_capitalised(w) or w.lower() in _NAME_PARTICLES for w in words):
        return _introduced_name(words, lowered, text)
    name = " ".join(w for w in words if w.lower() not in HONORIFICS)
    if not name:
        return None
    if name in GOVERNMENT_METONYMS:
        return Agent(ORGANIZATION, text, name=GOVERNMENT_METONYMS[name], head="government")
    if is_medium(name):
        return Agent(MEDIUM, text, name=name)
    # people do not take "the": "the Red Cross" is an organisation
    if definite or any(w in _ORG_NAME_WORDS or w.isupper() for w in words):
        return Agent(ORGANIZATION, text, name=name, head=lowered[-1])
    named = [w for w in words if w.lower() not in HONORIFICS]
    if len(named) == 1:
        return Agent(NAME, text, name=name, head=name)
    if len(named) <= 4:
        return Agent(PERSON, text, name=name, head=named[-1])
    return Agent(ORGANIZATION, text, name=name, head=lowered[-1])


def _trailing_name(words: list[str], lowered: list[str]) -> list[str]:
    """The run of capitalised words that ends an organisation's phrase:
    "results declared on Saturday by the Independent Electoral Commission"
    names the commission. A phrase that ends in a lower-case head ("the
    Rennes water board") is the name as it is."""
    if not is_capitalised(words[-1]):
        return words
    start = len(words) - 1
    while start and (is_capitalised(words[start - 1]) or lowered[start - 1] in ("of", "for", "and", "&")):
        start -= 1
    while not is_capitalised(words[start]):
        start += 1  # a connective cannot start a name
    return words[start:]


def _introduced_name(words: list[str], lowered: list[str], text: str) -> Agent | None:
    """A name that a lower-case description of its class introduces: "the
    consultancy Casa Index", "the consumer group Fair Skies Ireland", "the
    business channel Ekonomi24" (an organisation, or a medium)."""
    # the name starts after the last lower-case word ("Environmental group Clean Air Plovdiv": the
    # first word is capitalised only because it opens the sentence)
    named_at = max((
        i for i, w in enumerate(words)
        if not is_capitalised(w) and w != "&" and not _joins_name(words, i)
    ), default=-1) + 1
    if not 0 < named_at < len(words):
        return None
    description = lowered[:named_at]
    name = " ".join(words[named_at:])
    organization_named = any(w in _ORG_NAME_WORDS or w.lower() in ORG_HEADS for w in words[named_at:])
    if description[-1] not in ORG_DESCRIPTORS and description[-1] not in ORG_HEADS and (
        description[-1] not in _MEDIA_NOUNS
    ) and not organization_named:
        if len(description) <= 2 and 2 <= len(words) - named_at <= 3 and description[-1].isalpha():
            # "welder Moses Tembo": an occupation, then the person's name
            return Agent(PERSON, text, name=name, role=description[-1], head=words[-1])
        return None
    if description[-1] in _MEDIA_NOUNS and (description[-1] not in _MEDIA_IF_NEWS or "news" in description):
        return Agent(MEDIUM, text, name=name)
    kinds = [" ".join(description[-2:]), description[-1]] if len(description) > 1 else [description[-1]]
    return Agent(ORGANIZATION, text, name=name, head=description[-1], kinds=kinds)


def _joins_name(words: list[str], index: int) -> bool:
    """Is ``words[index]`` a connective inside a name ("Valores del Pacífico",
    "Bank of Lisbon"): a name word on each side and not the description's
    last word before the name?"""
    return (
        words[index].lower() in _NAME_CONNECTIVES | _FOREIGN_LINKS
        and 0 < index < len(words) - 1 and is_capitalised(words[index + 1])
        and is_capitalised(words[index - 1]) and words[index - 1].lower() not in ORG_DESCRIPTORS
    )


def _holds_portfolio(lowered: list[str]) -> bool:
    """Does the phrase name a minister by portfolio ("minister of health X"),
    rather than a role at an organisation ("director of the X Project")?"""
    of = lowered.index("of", 1)
    return lowered[of - 1] in PORTFOLIO_ROLES and lowered[of + 1] not in _DETERMINERS


def _organization_with_connectives(words: list[str], lowered: list[str], definite: bool) -> bool:
    """A proper name joined by "of", "for", "and" or "the" that has a word of
    an organisation in it: "Atlantic Institute of Public Policy", "Bank of
    Lisbon", "Centre for Energy and Climate"."""
    if len(words) < 3 or not is_capitalised(words[0]) or not is_capitalised(words[-1]):
        return False
    if not all(is_capitalised(w) or w in _NAME_CONNECTIVES for w in words):
        return False
    # "the Tech Workers' Collective of Karnataka": with "the", a proper name with "of" is no person's
    return any(w in ORG_HEADS for w in lowered) or any(w in _ORG_NAME_WORDS for w in words) or definite


def _names_something(words: list[str]) -> bool:
    return bool(words) and (words[-1].lower() in ORG_HEADS or any(is_capitalised(w) for w in words[1:])
                            or (len(words) == 1 and is_capitalised(words[0])))


def _proper_name(words: list[str]) -> bool:
    """Two or more capitalised words that are not nationalities, or a metonym."""
    proper = [w for w in words if is_capitalised(w) and w not in NATIONALITIES and "." not in w]
    return len(proper) >= 2 or " ".join(words) in GOVERNMENT_METONYMS


def _unit_of(unit: list[str], lowered: list[str], inner: Agent | None, text: str, definite: bool) -> Agent | None:
    """"the press office of X" speaks for X; "the director of X" is a role at
    X; "a report of X" is X's document."""
    if inner is None or (inner.kind == DOCUMENT and inner.producer is None and lowered[-1] not in DOCUMENT_NOUNS):
        role_at = find_role(lowered)
        if role_at is not None and role_at[1] == len(lowered):
            # "head of services", "head of pelagic research": a title, at the organisation named elsewhere
            return Agent(ROLE_REFERENCE, text, role=" ".join(unit[role_at[0]:]), head=lowered[-1], definite=definite)
        return None
    if lowered[-1] in DOCUMENT_NOUNS:
        return Agent(DOCUMENT, text, head=lowered[-1], definite=definite, producer=inner)
    role_at = find_role(lowered)
    if role_at is not None and " ".join(lowered) not in SPEAKING_UNITS:
        return Agent(ROLE_REFERENCE, text, role=" ".join(unit[role_at[0]:role_at[1]]), head=lowered[role_at[1] - 1],
                     organization=inner, definite=definite)
    return inner


def _with_role(words: list[str], lowered: list[str], role_at: tuple[int, int], text: str, definite: bool) -> Agent:
    start, end = role_at
    modifiers = words[:start]
    role_words = words[start:end]
    while modifiers and modifiers[-1].lower() in _ROLE_MODIFIERS | NATIONALITIES | {m.lower() for m in NATIONALITIES}:
        role_words = [modifiers.pop(), *role_words]
    if len(modifiers) > 1 and modifiers[0].lower() in _ROLE_MODIFIERS and is_capitalised(modifiers[1]):
        # "a former Streamline engineer": a former engineer, at Streamline
        role_words = [modifiers.pop(0), *role_words]
    name_words = [w for w in words[end:] if w.lower() not in HONORIFICS]
    organization = None
    held = " ".join(lowered[start:end])
    if (held in PORTFOLIO_ROLES or lowered[end - 1] in PORTFOLIO_ROLES) and len(name_words) >= 2 and (
        name_words[0].lower() in ("for", "of")
    ):
        # "State Secretary for Agriculture Balazs Fodor", "the Minister of Health": the portfolio,
        # then the holder's name if two more capitalised words follow it
        named = 2 if len(name_words) >= 4 and all(is_capitalised(w) for w in name_words[-2:]) and (
            name_words[-3].lower() not in _NAME_CONNECTIVES
        ) else 0
        portfolio_words = name_words[1: len(name_words) - named]
        if portfolio_words and all(is_capitalised(w) or w.lower() in _NAME_CONNECTIVES for w in portfolio_words):
            role_words = [*role_words, words[end], *portfolio_words]
            name_words = name_words[len(name_words) - named:]
            organization = Agent(ORGANIZATION, " ".join(portfolio_words),
                                 name=" ".join([*portfolio_words, "Ministry"]), head="ministry")
    # "Councillor Daniel Reyes of the Civic Alliance": the name, then where the role is held
    link = next((i for i, w in enumerate(name_words) if w.lower() in _AFFILIATION_LINKS), None)
    if organization is None and link is not None and name_words[link].lower() == "for" and (
        held in ROLE_INSTITUTIONS
    ) and not any(w in _ORG_NAME_WORDS or w.lower() in ORG_HEADS for w in name_words[link + 1:]):
        # "Councillor for Infrastructure": a portfolio in the institution the role implies, no workplace
        role_words = [*role_words, *name_words[link:]]
        name_words = name_words[:link]
    elif organization is None and link is not None and all(
        is_capitalised(w) or w.lower() in _NAME_PARTICLES for w in name_words[:link]
    ):
        # "Councillor X of the Civic Alliance"; "the State Secretary at the Ministry of Tourism",
        # "a spokesman for the Transport Secretariat" (no name: a role at an organisation)
        organization = _workplace(name_words[link + 1:], name_words[link].lower())
        name_words = name_words[:link]
    if lowered[end - 1] == "minister" and modifiers:
        role_words = [*modifiers, *role_words]
        modifiers = []
    # a portfolio is capitalised ("Finance Minister"); "the federal minister" names none
    portfolio = [w for w in role_words[:-1] if w.lower() not in _ROLE_MODIFIERS | {"prime"} and is_capitalised(w)]
    if organization is not None:
        pass  # named outright after the name
    elif lowered[end - 1] == "minister" and portfolio and role_words[0].lower() != "prime":
        # "Finance Minister X" heads the Finance Ministry
        organization = Agent(ORGANIZATION, " ".join(portfolio), name=" ".join([*portfolio, "Ministry"]), head="ministry")
    elif lowered[end - 1] in _AUTHORSHIP and (owner := _document_owner(modifiers)) is not None:
        organization = owner  # "the study's lead author, X"
    elif modifiers and modifiers[0] in PARTY_ADJECTIVES:
        # "Labour MP X", "Liberal agriculture spokesman X": the party, whatever portfolio follows
        named = 2 if modifiers[1:2] == ["Party"] else 1  # "Green Party spokeswoman X"
        organization = Agent(ORGANIZATION, " ".join(modifiers[:named]), name=PARTY_ADJECTIVES[modifiers[0]],
                             head="party")
        role_words = [*modifiers[named:], *role_words]
    elif len(modifiers) == 1 and is_capitalised(modifiers[0]) and (
        held in PORTFOLIO_ROLES or modifiers[0] in _PORTFOLIOS
    ) and modifiers[0].lower() not in ORG_HEADS and modifiers[0] not in _ONE_WORD_DEPARTMENTS:
        # "Trade Commissioner X", "Health Secretary X": a portfolio, part of the role, not an organisation
        role_words = [modifiers.pop(), *role_words]
    elif modifiers and all(w.lower() not in HONORIFICS for w in modifiers):
        organization = _parse(modifiers, " ".join(modifiers))
        if organization is not None and organization.kind in (NAME, PERSON):
            organization = Agent(ORGANIZATION, organization.text, name=organization.name, head=organization.head)
    role = " ".join(role_words)
    if organization is None and role_words[0].lower() in ORG_HEADS and len(role_words) > 1:
        # "Police Chief X", "Party Leader X": the organisation named before with that head
        organization = Agent(ORG_REFERENCE, role_words[0], name=role_words[0].lower(), head=role_words[0].lower(),
                             definite=True)
    if organization is None:
        institution = ROLE_INSTITUTIONS.get(role.lower()) or ROLE_INSTITUTIONS.get(role.lower().split()[-1]) or (
            ROLE_INSTITUTIONS.get(held))
        if institution:
            organization = Agent(ORG_REFERENCE, institution, name=institution, head=institution.split()[-1].lower())
    name_ok = name_words and all(is_capitalised(w) or w.lower() in _NAME_PARTICLES for w in name_words)
    if name_ok:
        return Agent(PERSON, text, name=" ".join(name_words), role=role, organization=organization,
                     head=name_words[-1])
    return Agent(ROLE_REFERENCE, text, name=" ".join(words), role=role, head=lowered[end - 1],
                 organization=organization, definite=definite)


def is_medium(name: str) -> bool:
    """Is ``name`` a news outlet (known, or named with a media word)?"""
    if name in MEDIA_OUTLETS:
        return True
    words = name.split()
    return len(words) > 1 and any(w in MEDIA_WORDS for w in words) and all(is_capitalised(w) for w in words)


def parse_appositive(phrase: str) -> Agent | None:
    """Read an appositive after a name: "a spokesman for the command",
    "chief economist at Vltava Bank", "the director of the X Project",
    "a Kyiv-based research group that ..." (a description of an
    organisation, returned as an ORG_REFERENCE whose ``kinds`` hold it)."""
    party = _PARTY_AND_STATE.fullmatch(phrase.strip())
    if party is not None:
        # "Chuck Schumer, D-N.Y., said": a US legislator's party and state
        name = _US_PARTIES.get(party.group(1))  # an independent ("I-Vt.") has none
        return Agent(ROLE_REFERENCE, phrase.strip(), organization=Agent(
            ORGANIZATION, party.group(1), name=name, head="party") if name else None)
    words = words_of(phrase)
    for index, word in enumerate(words):
        if word.lower() in {"who", "which", "that", "whose", "where"} and not word.isupper():  # "a WHO epidemiologist"
            if index == 0 and word.lower() == "who":
                return _relative_clause(words[1:], phrase)
            if word.lower() == "who" and index > 0 and (member := _membership(words[index + 1:])) is not None:
                # "a lawyer who has sat on the federation's disciplinary committee since 2019": the description's
                # role, in the body whose committee or board the person sits on
                described = parse_appositive(" ".join(words[:index]))
                role = described.role if described is not None and described.role else None
                return Agent(ROLE_REFERENCE, phrase.strip(), role=role, head=(role or "member").split()[-1],
                             organization=member)
            if word.lower() == "who" and len(words) > index + 2 and words[index + 1].lower() in _HEADING_VERBS:
                # "a retired teacher who leads the group": the description's role, at what the clause names
                clause = _relative_clause(words[index + 1:], phrase)
                if clause is not None and clause.organization is not None:
                    described = parse_appositive(" ".join(words[:index]))
                    role = described.role if described is not None and described.role else clause.role
                    return Agent(ROLE_REFERENCE, phrase.strip(), role=role, head=(role or "head").split()[-1],
                                 organization=clause.organization)
            words = words[:index]
            break
    # a participle with its agent ends the description: "an independent body funded by the ministry"
    for index in range(1, len(words) - 1):
        if words[index + 1].lower() == "by" and words[index].lower().endswith("ed"):
            words = words[:index]
            break
    if not words:
        return None
    if len(words) > 1 and words[0].lower() in ("of", "at") and (
        member := _workplace(words[1:], words[0].lower())
    ) is not None and member.kind == ORGANIZATION:
        return Agent(ROLE_REFERENCE, phrase.strip(), organization=member)  # ", of the Workers' Party,"
    if "and" in words[1:-1]:
        # "a cardiology resident and the union's vice-president": the description that names an organisation
        cut = words.index("and", 1)
        first, second = parse_appositive(" ".join(words[:cut])), parse_appositive(" ".join(words[cut + 1:]))
        if second is not None and second.organization is not None and (first is None or first.organization is None):
            return second
    if len(words) > 3 and words[0].lower() == "one" and words[1].lower() == "of":
        words = words[2:]  # "one of the study's authors": one of them has their description
    indefinite = words[0].lower() in _INDEFINITE
    if words[0].lower() in _DETERMINERS:
        words = words[1:]
    lowered = [w.lower() for w in words]
    link = next((i for i, w in enumerate(lowered) if w in {"of", "at", "for", "with", "from", "in"}), len(words))
    head_words, rest = words[:link], words[link + 1:]
    head_lowered = lowered[:link]
    role_at = find_role(head_lowered)
    if role_at is None and head_lowered and head_lowered[-1] in _AUTHORSHIP:
        role_at = (len(head_lowered) - 1, len(head_lowered))  # "one of the study's authors"
    if role_at is None and head_lowered and head_lowered[-1] not in ORG_HEADS:
        # "a Tartu-based parents' group opposed to compulsory vaccination", "a coalition campaigning
        # for ...": the description ends at its head, before a participle
        cut = next((i for i in range(1, len(head_lowered)) if head_lowered[i - 1] in ORG_HEADS and (
            head_lowered[i].endswith(("ed", "ing")) and head_lowered[i].isalpha())), None)
        if cut is not None:
            head_words, head_lowered, rest = head_words[:cut], head_lowered[:cut], []
    if role_at is not None:
        organization = None
        authorship = head_lowered[role_at[1] - 1] in _AUTHORSHIP
        owner = _possessor(head_words[: role_at[0]]) if role_at[0] > 0 else None
        if owner is not None and lowered[link:link + 1] == ["for"]:
            organization = owner  # "WHO's regional director for Europe": a region or field after "for"
        elif lowered[link:link + 3] == ["in", "charge", "of"] and len(rest) > 2:
            # "the officer in charge of the council's grants section": at what they run
            organization = _workplace(rest[2:], "of")
        elif rest and lowered[link] != "in":
            organization = _workplace(rest, lowered[link])
            if organization is not None and organization.kind == DOCUMENT and not (
                authorship and organization.definite
            ):
                # "head of research": a field, though "research" can name a document; but "a co-author
                # of the study" is at the organisation that made the study, as "who led the study" is
                organization = None
            later = next((i for i, w in enumerate(rest) if w.lower() in ("at", "with")), None)
            if organization is None and later is not None:
                # "head of research at the consultancy Casa Index": the workplace after the field
                organization = _workplace(rest[later + 1:], rest[later].lower())
        if organization is None and role_at[0] > 0:
            # "the trust's head of research", "the authority's vice-president for transport": a field
            # after the role names no workplace, the possessor does
            organization = (authorship and _document_owner(head_words[: role_at[0]])) or _possessor(
                head_words[: role_at[0]]) or _parse(head_words[: role_at[0]], " ".join(head_words[: role_at[0]]))
            if organization is not None and organization.kind == PERSON and not organization.role:
                # "a Red Cross coordinator": capitalised words before a role are where it is held
                organization = Agent(ORGANIZATION, organization.text, name=organization.name, head=organization.head)
            if organization is not None and (organization.kind not in (ORGANIZATION, ORG_REFERENCE) or (
                indefinite and organization.kind == ORG_REFERENCE
            )) and not (authorship and organization.kind == DOCUMENT and organization.definite):
                # "a primary school teacher" works at some school, not at an institute named before
                organization = None
        role = " ".join(head_words[role_at[0]: role_at[1]])
        if authorship and role.endswith("s"):
            role = role[:-1]  # one of the authors is an author
        return Agent(ROLE_REFERENCE, phrase.strip(), role=role, head=head_lowered[role_at[1] - 1], organization=organization)
    if head_lowered and head_lowered[-1] in ORG_HEADS:
        kind = " ".join(head_lowered[-2:]) if len(head_lowered) > 1 and head_lowered[-2].isalpha() else head_lowered[-1]
        return Agent(ORG_REFERENCE, phrase.strip(), head=head_lowered[-1], kinds=[kind, head_lowered[-1]])
    if rest and lowered[link] in _AFFILIATION_LINKS and 0 < len(head_words) <= _MAX_ROLE_WORDS and all(
        w.isalpha() and not is_capitalised(w) for w in head_words
    ):
        # an occupation the role list does not know, at a named organisation: "a criminologist at X",
        # "a hydrologist at the Institute for Water Research in Maribor"
        organization = _workplace(rest, lowered[link])
        if organization is not None and organization.kind in (ORGANIZATION, ORG_REFERENCE):
            return Agent(ROLE_REFERENCE, phrase.strip(), role=head_words[-1], head=head_lowered[-1],
                         organization=organization)
    return None


def _workplace(words: list[str], link: str) -> Agent | None:
    """The organisation after "at", "of", "for" or "with" in a description of
    a person; a capitalised name there is an organisation ("an analyst at
    Kestrel Capital"), and it ends where a lower-case word starts when the
    words after it name nothing ("the Institute for Water Research in
    Maribor"). After "from" only a phrase that is plainly an organisation
    counts: "a teacher from Braga" says where she lives."""
    organization = _parse(words, " ".join(words))
    run = _proper_run(words) if organization is None else words
    if len(run) < len(words) and (len(run) > 1 or run and is_capitalised(run[0])):
        organization = _parse(run, " ".join(run))
    if organization is not None and organization.kind in (NAME, PERSON):
        if link == "from":
            return None
        return Agent(ORGANIZATION, organization.text, name=organization.name, head=organization.head)
    return organization


def _class_reference(word: str) -> Agent:
    """A definite reference by class noun alone ("union's", "Council" in
    "Council papers"): the organisation of that kind the text names."""
    return Agent(ORG_REFERENCE, word, name=word.lower(), head=word.lower(), definite=True)


def _document_owner(words: list[str]) -> Agent | None:
    """The document a role is held in, by its possessive: "study's" in "the
    study's lead author" (the determiner may be gone already)."""
    if words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    if not words or not words[0].endswith(_POSSESSIVE_ENDINGS) or any(
        w.lower() not in _ROLE_MODIFIERS for w in words[1:]
    ):
        return None
    head = strip_possessive(words[0]).lower()
    if head not in DOCUMENT_NOUNS:
        return None
    return Agent(DOCUMENT, f"the {head}", head=head, definite=True)


def _possessor(words: list[str]) -> Agent | None:
    """The organisation that owns a role: "the union's" in "the union's
    president" (a reference to resolve), "Vltava Bank's" in "Vltava Bank's
    chief economist"."""
    at = next((i for i in range(len(words) - 1, -1, -1) if words[i].endswith(_POSSESSIVE_ENDINGS)), None)
    if at is None:
        return None
    owner = [*words[:at], strip_possessive(words[at])]
    if len(owner) == 1 and owner[0].lower() in ORG_HEADS:
        return _class_reference(owner[0])
    organization = _parse(owner, " ".join(owner))
    if organization is not None and organization.kind in (NAME, PERSON):
        return Agent(ORGANIZATION, organization.text, name=organization.name, head=organization.head)
    return organization


_SITTING = frozenset("sits sat serves served sit serve".split())
_MEMBERSHIP_END = frozenset("since for until in from between as".split())


def _membership(words: list[str]) -> Agent | None:
    """The organisation a person sits on a committee or board of, from the words after "who": "has sat on the
    federation's disciplinary committee" → the federation; "sits on the board of X" → X."""
    lowered = [w.lower() for w in words]
    at = 1 if lowered[:1] in (["has"], ["had"]) else 0
    if len(words) < at + 3 or lowered[at] not in _SITTING or lowered[at + 1] != "on":
        return None
    rest = words[at + 2:]
    end = next((i for i, w in enumerate(rest) if w.lower() in _MEMBERSHIP_END), len(rest))
    rest = rest[:end]
    lowered_rest = [w.lower() for w in rest]
    if "of" in lowered_rest[1:-1]:
        # "the board of the Harbour Trust": the organisation after "of"
        organization = _workplace(rest[lowered_rest.index("of") + 1:], "of")
    else:
        organization = _possessor(rest)  # "the federation's disciplinary committee"
    if organization is None or organization.kind not in (ORGANIZATION, ORG_REFERENCE):
        return None
    return organization


def _relative_clause(words: list[str], phrase: str) -> Agent | None:
    """", who is a professor at X," and ", who covers football finance at
    X,": the organisation a person works at, named in a relative clause."""
    if len(words) > 1 and words[0].lower() in ("is", "was") and words[1].lower() in _DETERMINERS:
        return parse_appositive(" ".join(words[1:]))
    lowered = [w.lower() for w in words]
    second = next((i for i in range(1, len(words) - 1)
                   if lowered[i] == "and" and lowered[i + 1] in ("who", "whose", "whom")), None)
    if second is not None:
        # ", who chairs the parent council and whose daughters went to the school,": the first clause
        words, lowered = words[:second], lowered[:second]
    heading = next((i for i in range(2, len(words) - 1) if lowered[i] in _HEADING_VERBS and lowered[i - 1] == "and"),
                   None)
    if heading is not None and lowered[0] not in _HEADING_VERBS:
        # ", who grows avocados near Huanta and heads a local cooperative,": what the second verb says
        return _relative_clause(words[heading:], phrase)
    if len(words) > 1 and lowered[0] in _HEADING_VERBS:
        # ", who heads the Karnataka Labour Department,", ", who chairs the residents' association X,"
        organization = _workplace(words[1:], "of")
        if organization is not None and (organization.kind == ORGANIZATION or (
            organization.kind == ORG_REFERENCE and organization.definite and len(words) <= 4
        )):  # "who heads the Karnataka Labour Department", "who leads the group"
            return Agent(ROLE_REFERENCE, phrase.strip(), role="head", head="head", organization=organization)
        if organization is not None and organization.kind == DOCUMENT and organization.definite and (
            organization.producer is None and len(words) <= 3
        ):
            # "who led the survey": at the organisation that made the survey the text named before
            return Agent(ROLE_REFERENCE, phrase.strip(), head="head", organization=organization)
        if lowered[1] in _INDEFINITE and not ORG_HEADS.isdisjoint(lowered[2:5]):
            # "who heads a local cooperative of 120 families": the head of an organisation the text does not name
            return Agent(ROLE_REFERENCE, phrase.strip(), role="head", head="head")
    for index in range(len(words) - 2, -1, -1):
        if lowered[index] in ("at", "for") and is_capitalised(words[index + 1]) or (
            lowered[index] in ("at", "for") and lowered[index + 1] == "the" and index + 2 < len(words)
            and is_capitalised(words[index + 2])
        ):
            # "for Parakh Securities in Mumbai": the name ends where a lower-case word starts
            organization = _workplace(words[index + 1:], lowered[index])
            if organization is not None and organization.kind == ORGANIZATION:
                return Agent(ROLE_REFERENCE, phrase.strip(), organization=organization)
            return None
    return None


def _proper_run(words: list[str]) -> list[str]:
    """``words`` up to the end of the proper name they start with (an
    article before it kept): "the Labour Department in Bengaluru" → "the
    Labour Department"."""
    start = 1 if words and words[0].lower() in _DETERMINERS else 0
    end = start
    while end < len(words) and (is_capitalised(words[end]) or (
        words[end].lower() in _NAME_CONNECTIVES and end + 1 < len(words) and is_capitalised(words[end + 1])
    )):
        end += 1
    return words[:end]
