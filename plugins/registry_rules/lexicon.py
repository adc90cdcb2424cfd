"""The small word lists attribution rules rely on: attribution verbs and
their modality, roles and titles, words that make a phrase an organisation,
a document or an unnamed group, news outlets, and capitals or countries
that stand for their governments.

The lists are general English news vocabulary, written for this project;
none of them names a person or is made for one benchmark sentence.
"""

from __future__ import annotations

# Attribution verbs (lower case, outside quotations) → the modality they give.
CUE_VERBS: dict[str, str] = {}
for _modality, _words in {
    "statement": (
        "said says say told tells added adds noted notes stated states continued continues "
        "announced announces reported reports explained explains wrote writes argued argues "
        "insisted insists warned warns cautioned cautions urged urges acknowledged admitted "
        "confirmed confirms revealed reveals declared declares asserted asserts stressed "
        "stresses emphasised emphasized maintained maintains replied responded countered "
        "attributed attributes credited credits condemned condemns "
        "conceded concluded concludes observed tweeted posted called calls described describes "
        "criticised criticized criticises criticizes questioned questions found finds show shows "
        "showed suggest suggests suggested indicate indicates indicated "
        "promised promises pledged pledges vowed vows asked signalled signaled signals "
        "demanded demands demanding advised advises"
    ),
    "estimate": "estimated estimates estimate calculated calculates counted counts projected projects tallied",
    "allegation": "accused accuses alleged alleges claimed claims blamed blames charged",
    "denial": "denied denies disputed disputes dismissed dismisses rejected rejects refuted refutes",
    "prediction": "predicted predicts forecast forecasts expect expects expected",
}.items():
    for _word in _words.split():
        CUE_VERBS[_word] = _modality

# Verbs whose subject must be a document or data ("the report found") —
# with a person or organisation as subject they do not attribute ("police
# found a body").
DOCUMENT_ONLY_CUES = frozenset("found finds show shows showed suggest suggests suggested indicate indicates indicated".split())

# Verbs of record-keeping: with an institution as subject its figures are its
# own ("police recorded 1,412 burglaries"); a person who "recorded" something
# made a recording, not a statement.
RECORDING_CUES = frozenset("recorded records registered logged".split())
CUE_VERBS.update(dict.fromkeys(RECORDING_CUES, "statement"))

# Verbs that never come before their subject ("'...,' said X" but not "...,
# called X"): after a comma they continue a sentence whose subject is before.
NOT_INVERTED_CUES = frozenset(
    """called calls described describes criticised criticized criticises criticizes questioned questions
    condemned condemns attributed attributes credited credits urged urges posted reported reports announced
    announces accused accuses blamed blames charged disputed disputes dismissed dismisses rejected rejects
    refuted refutes promised promises pledged pledges vowed vows expect expects expected forecast forecasts
    found finds show shows showed recorded records registered logged""".split()
)

# ", saying that ..." — the claimant is the subject of the main clause.
PARTICIPLE_CUES: dict[str, str] = {
    "saying": "statement", "adding": "statement", "arguing": "statement", "noting": "statement",
    "warning": "statement", "insisting": "statement", "stressing": "statement",
    "explaining": "statement", "ruling": "statement", "finding": "statement", "concluding": "statement",
    "telling": "statement",
    "claiming": "allegation", "accusing": "allegation",
    "alleging": "allegation", "denying": "denial", "rejecting": "denial",
    "estimating": "estimate", "predicting": "prediction",
}

# Words that may sit between a subject and its verb: "Moscow has repeatedly said".
BETWEEN_SUBJECT_AND_VERB = frozenset(
    "has have had was were is are will would also later then again further previously repeatedly "
    "openly publicly privately separately earlier recently already never not often once first "
    "since still just even sharply strongly flatly angrily briefly bluntly quickly".split()
)

# Roles (lower case; multi-word roles are matched before single words, and
# their first words are not roles on their own: "a senior bank economist" is
# an economist).
ROLES = frozenset(
    """spokesman spokeswoman spokesperson secretary minister
    president chancellor director executive
    ceo chairman chairwoman chair chairperson head
    leader governor mayor councillor councilor senator lawmaker congressman congresswoman mp
    ambassador envoy commander colonel general lieutenant major captain sergeant admiral officer
    commodore brigadier marshal corporal
    official economist analyst researcher professor scientist
    expert adviser advisor aide attorney lawyer prosecutor judge auditor inspector
    commissioner secretary-general founder co-founder editor correspondent nurse doctor teacher
    resident witness activist owner manager member representative negotiator diplomat strategist
    historian physician surgeon engineer farmer worker student driver pilot soldier trader
    investor banker deputy speaker treasurer coordinator campaigner organiser organizer
    superintendent chief vice-chancellor vice-president vice-chair vice-chairman pro-vice-chancellor
    provost dean rector registrar investigator author co-author
    councilwoman councilman councilmember alderman alderwoman assemblyman assemblywoman selectman trustee
    sheriff magistrate coroner ombudsman comptroller criminologist epidemiologist virologist
    ecologist hydrologist climatologist sociologist psychologist demographer statistician
    commuter passenger shopper voter patient pensioner tenant homeowner motorist critic
    msp mep mla mpp rep sen whip prof td""".split()
) | frozenset({
    "press secretary", "prime minister", "vice president", "executive director", "managing director",
    "chief executive", "chief executive officer", "chief economist", "senior analyst",
    "auditor general", "attorney general", "secretary general", "foreign minister",
    "finance minister", "defence minister", "defense minister", "police chief",
    "chief financial officer", "chief operating officer", "chief technology officer", "finance director",
    "general secretary", "general manager", "chief constable",
    "state secretary", "deputy minister", "junior minister", "permanent secretary",
    "secretary of state", "minister of state", "undersecretary", "under-secretary", "vice-minister",
    "deputy mayor", "council member", "state senator", "state representative",
    "majority leader", "minority leader", "majority whip", "minority whip", "director general", "director-general",
    "security guard", "prison guard", "executive mayor", "executive officer", "senior executive officer",
})

# Roles whose holder runs a portfolio named after "for" or "of" ("State
# Secretary for Agriculture X", "Minister of Health X"): the holder speaks
# for that portfolio's ministry.
PORTFOLIO_ROLES = frozenset({
    "minister", "secretary", "commissioner", "secretary of state", "minister of state", "undersecretary",
    "under-secretary", "vice-minister", "deputy minister",
})

# Common nouns that introduce an organisation's name ("the consultancy Casa
# Index", "the charity Oxfam"): the name after them is an organisation, and
# the noun is its class.
ORG_DESCRIPTORS = frozenset(
    """consultancy consultancies charity ngo insurer broker brokerage retailer carrier airline
    lender bank manufacturer carmaker supermarket chain developer publisher startup start-up
    operator regulator watchdog agency company firm group union federation association
    institute foundation club utility broadcaster pollster""".split()
)

# Roles of private people speaking for themselves ("a retired teacher", "a
# second-year student"): what they say is their own experience or view.
PRIVATE_ROLES = frozenset(
    """resident teacher nurse doctor student driver farmer worker pilot soldier trader investor
    witness member owner passenger patient parent pensioner tenant commuter shopper fan voter""".split()
)

# Roles of commentators, who judge and forecast what others decide: their
# forecast is an opinion about the future, while an institution's own
# projection ("the ministry expects a deficit of ...") is an estimate.
COMMENTATOR_ROLES = frozenset(
    """analyst analysts economist economists researcher researchers professor professors expert experts
    strategist strategists scientist scientists historian historians academic academics consultant
    consultants observer observers forecaster forecasters commentator commentators pollster pollsters""".split()
)

# Honorifics stripped from names; they are not roles.
HONORIFICS = frozenset(
    """mr mr. mrs mrs. ms ms. mx dr dr. sir dame justice
    comrade malam mallam alhaji alhaja hajiya hajia engr engr. barrister pastor rev rev. reverend
    sheikh imam rabbi khun shri smt smt. datuk dato""".split()
)

# Roles that imply the institution a holder belongs to.
ROLE_INSTITUTIONS = {
    "councillor": "council", "councilor": "council", "councilwoman": "council", "councilman": "council",
    "councilmember": "council", "council member": "council", "alderman": "council", "alderwoman": "council",
    "senator": "Senate", "sen": "Senate", "rep": "House of Representatives", "msp": "Scottish Parliament",
    "mep": "European Parliament", "td": "Dáil", "congressman": "Congress",
    "congresswoman": "Congress", "lawmaker": None, "mp": "Parliament", "judge": "court",
}

# Roles that run or speak for a company, a club or an agency: held without an
# organisation named ("Chief Executive X", "Commissioner X", "a spokesperson,
# X,"), they belong to the organisation the article is about.
EXECUTIVE_ROLES = frozenset({
    "chief executive", "chief executive officer", "ceo", "chairman", "chairwoman", "chairperson",
    "managing director", "chief financial officer", "cfo", "finance director", "chief operating officer",
    "coo", "executive chairman", "owner", "commissioner", "director", "director general", "director-general",
    "executive director", "spokesperson", "spokesman", "spokeswoman", "press secretary",
})

# Classes of organisation: a definite description with one of these nouns
# ("the company", "the regulator", "police", "the club") can refer to an
# organisation named before whose name has a noun of the same class
# ("Vistula Power Group", "Energy Supervisory Authority"). A noun may be in
# more than one class ("group": a business or a campaign).
ORG_CLASSES: dict[str, frozenset[str]] = {}
for _class in (
    "company group firm corporation business conglomerate producer operator utility holdings inc corp ltd plc llc "
    "maker automaker chipmaker drugmaker steelmaker exporter importer distributor supplier giant shipper "
    "consultancy insurer broker retailer carrier carmaker manufacturer supermarket airline startup subsidiary "
    # plural heads of firms' names: "Tampere Building Services", "Ballotix Systems"
    "services systems industries technologies solutions logistics laboratories partners associates",
    "regulator authority agency commission watchdog inspectorate supervisor",
    "police force constabulary",
    "club team side franchise",
    "union federation association guild",
    "ministry department",
    "coalition alliance campaign group movement network trust charity foundation",
    "university college institute school academy",
    "council municipality assembly",
    "party alliance bloc",
    "bank lender",
    "board committee panel tribunal court",
):
    _nouns = frozenset(_class.split())
    for _noun in _nouns:
        ORG_CLASSES[_noun] = ORG_CLASSES.get(_noun, frozenset()) | _nouns

# Class nouns that can refer to an organisation whose name shows no class
# (a brand: "Westport United", "Vistula"): such names are mostly those of
# businesses and clubs, so "the company" or "the club" may mean the one the
# article is about, while "the union" or "the regulator" may not.
LEAD_CLASS_NOUNS = frozenset(
    """company firm group business club team side consultancy insurer broker retailer carrier carmaker
    manufacturer supermarket airline startup subsidiary operator producer""".split()
)

# Institutions named without an article that still mean one definite body:
# "police said" is the police force named before.
DEFINITE_WITHOUT_ARTICLE = frozenset({"police", "government"})

# The head noun that makes a phrase an organisation.
ORG_HEADS = frozenset(
    """ministry ministries department office agency bureau commission committee council institute
    institution foundation project group association federation union organisation organization
    party government cabinet administration parliament congress senate court bank fund company
    corporation firm authority service command army navy military police university college
    centre center network coalition alliance board trust society league secretariat watchdog
    regulator tank assembly directorate headquarters embassy consulate mission municipality tribunal
    exchange kremlin pentagon inc corp ltd plc llc holdings airline airlines charity ngo tracker
    monitor observatory forum programme program staff prosecutor's body club force utility lender school academy hospital
    guild constabulary inspectorate conglomerate consultancy insurer broker brokerage retailer carrier
    carmaker manufacturer supermarket broadcaster pollster startup operator subsidiary affiliate division
    plant factory mill refinery smelter prosecution cooperative co-operative guard
    maker automaker chipmaker drugmaker steelmaker exporter importer distributor supplier giant shipper
    gmbh ag ab oy oyj asa nv bv spa srl sarl pty bhd""".split()
)

# Phrases naming a part of an organisation that speaks for it: "the press
# office of the southern command" is the southern command speaking.
SPEAKING_UNITS = frozenset({"press office", "press service", "office", "spokesman", "spokesperson", "press team"})

# Nouns for documents and data that can be a source ("the report found").
DOCUMENT_NOUNS = frozenset(
    """report reports audit audits study studies survey surveys review analysis assessment tally
    count census poll polls estimate estimates figures figure data statistics numbers records
    statement statements paper document documents filing memo investigation inquiry findings
    calculations research accounts filings decision ruling judgment judgement verdict results
    indictment lawsuit affidavit papers""".split()
)

# Document nouns for data rather than publications: "the figures" may be the
# data named before, but not the report.
DATA_NOUNS = frozenset("tally count estimate estimates figures figure data statistics numbers records calculations results".split())

# Plural nouns for unnamed groups of people ("officials said").
GROUP_NOUNS = frozenset(
    """officials lawmakers legislators economists analysts experts sources residents critics
    diplomats investigators researchers scientists observers activists witnesses authorities
    politicians leaders officers prosecutors doctors workers people members campaigners
    protesters opponents supporters insiders executives investors traders ministers
    spokespeople representatives commanders academics scholars pollsters auditors inspectors regulators
    farmers growers tenants landlords homeowners renters patients parents teachers nurses students
    fans drivers commuters voters shoppers consumers users customers employers employees retailers
    exporters importers producers shareholders bondholders lenders borrowers passengers authors""".split()
)

# Groups named for what an institution does: "the auditors" are the audit
# office named before ("auditors"/"Audit" share a stem), while "the
# officials" are not the statistics office.
TRADE_GROUPS = frozenset("auditors inspectors regulators prosecutors investigators".split())

PRONOUNS = frozenset({"he", "she", "they", "it"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their"})

# Words a noun phrase never contains; the backward scan for a subject stops there.
NOT_IN_NAME = frozenset(
    """the a an and or but that which who whom whose when while after before because although
    though if as than then so to of in on at by for with from into onto over under about against
    between during since until without within this these those it its is are was were be been
    being has have had do does did will would can could may might must should not no yes we i
    you me us our your my mine said says told also later citing quoting according
    nobody everyone everybody anyone anybody someone somebody others many some few most several all both""".split()
)

# News outlets that relay what people say ("told NBC"). Proper nouns with a
# media word ("Radio Kraina", "Daily Telegraph") are recognised as well.
MEDIA_OUTLETS = frozenset(
    """NBC CBS ABC CNN BBC MSNBC CNBC NPR PBS Fox Reuters AP AFP Bloomberg TASS Interfax RIA
    Xinhua Kyodo Yonhap Ukrinform Kommersant Izvestia Politico Axios RT DW Euronews Sky
    Al-Jazeera Vedomosti Meduza Spiegel Bild Guardian Independent Economist""".split()
) | frozenset({
    "Fox News", "Associated Press", "Agence France-Presse", "RIA Novosti", "Al Jazeera", "Sky News",
    "Deutsche Welle", "France 24", "The New York Times", "New York Times", "The Washington Post",
    "Washington Post", "The Wall Street Journal", "Wall Street Journal", "The Guardian",
    "Financial Times", "The Economist", "Le Monde", "Der Spiegel", "The Times", "CBS News",
    "NBC News", "ABC News", "BBC News", "CNN International", "Voice of America",
    "Radio Free Europe", "The Atlantic", "The New Yorker", "USA Today", "Los Angeles Times",
})
MEDIA_WORDS = frozenset(
    """Radio TV Television News Times Post Journal Gazette Herald Tribune Channel Broadcasting
    Broadcast Daily Magazine Telegraph Chronicle Observer Press Wire Ledger Express Mirror
    Newspaper Podcast Media FM""".split()
)

# Places that stand for their governments when they say something
# ("Moscow has said"). The adjective also replaces a possessive country
# name in an organisation ("Russia's Defense Ministry" → "Russian Defense Ministry").
COUNTRY_ADJECTIVES = {
    "Russia": "Russian", "Ukraine": "Ukrainian", "United States": "US", "U.S.": "US", "US": "US",
    "America": "US", "China": "Chinese", "Britain": "British", "UK": "British", "U.K.": "British",
    "France": "French", "Germany": "German", "Czech Republic": "Czech", "Czechia": "Czech",
    "Poland": "Polish", "Iran": "Iranian", "Israel": "Israeli", "Turkey": "Turkish", "Japan": "Japanese",
    "India": "Indian", "Pakistan": "Pakistani", "Belarus": "Belarusian", "Estonia": "Estonian",
    "Latvia": "Latvian", "Lithuania": "Lithuanian", "Hungary": "Hungarian", "Slovakia": "Slovak",
    "Austria": "Austrian", "Italy": "Italian", "Spain": "Spanish", "Canada": "Canadian",
    "Australia": "Australian", "Egypt": "Egyptian", "Syria": "Syrian", "Iraq": "Iraqi",
    "Georgia": "Georgian", "Armenia": "Armenian", "Azerbaijan": "Azerbaijani", "Moldova": "Moldovan",
    "Romania": "Romanian", "Bulgaria": "Bulgarian", "Finland": "Finnish", "Sweden": "Swedish",
    "Norway": "Norwegian", "Denmark": "Danish", "Greece": "Greek", "Portugal": "Portuguese",
    "Ireland": "Irish", "Serbia": "Serbian", "Mexico": "Mexican", "Brazil": "Brazilian",
    "South Korea": "South Korean", "North Korea": "North Korean", "Taiwan": "Taiwanese",
    "Saudi Arabia": "Saudi", "Afghanistan": "Afghan", "Venezuela": "Venezuelan",
    "South Africa": "South African", "Kenya": "Kenyan", "Nigeria": "Nigerian", "Ghana": "Ghanaian",
    "Chile": "Chilean", "Argentina": "Argentine", "Colombia": "Colombian", "Peru": "Peruvian",
    "New Zealand": "New Zealand", "Philippines": "Philippine", "Indonesia": "Indonesian",
    "Thailand": "Thai", "Vietnam": "Vietnamese", "Malaysia": "Malaysian", "Croatia": "Croatian",
    "Slovenia": "Slovenian", "Belgium": "Belgian", "Netherlands": "Dutch", "Switzerland": "Swiss",
    "Iceland": "Icelandic", "Morocco": "Moroccan", "Ethiopia": "Ethiopian", "Bangladesh": "Bangladeshi",
}
CAPITALS = {
    "Moscow": "Russian", "Kyiv": "Ukrainian", "Kiev": "Ukrainian", "Washington": "US",
    "Beijing": "Chinese", "London": "British", "Paris": "French", "Berlin": "German",
    "Prague": "Czech", "Warsaw": "Polish", "Tehran": "Iranian", "Jerusalem": "Israeli",
    "Ankara": "Turkish", "Tokyo": "Japanese", "New Delhi": "Indian", "Islamabad": "Pakistani",
    "Minsk": "Belarusian", "Tallinn": "Estonian", "Riga": "Latvian", "Vilnius": "Lithuanian",
    "Budapest": "Hungarian", "Bratislava": "Slovak", "Vienna": "Austrian", "Rome": "Italian",
    "Madrid": "Spanish", "Ottawa": "Canadian", "Canberra": "Australian", "Cairo": "Egyptian",
    "Damascus": "Syrian", "Baghdad": "Iraqi", "Tbilisi": "Georgian", "Yerevan": "Armenian",
    "Baku": "Azerbaijani", "Chisinau": "Moldovan", "Bucharest": "Romanian", "Sofia": "Bulgarian",
    "Helsinki": "Finnish", "Stockholm": "Swedish", "Oslo": "Norwegian", "Copenhagen": "Danish",
    "Athens": "Greek", "Lisbon": "Portuguese", "Dublin": "Irish", "Belgrade": "Serbian",
    "Seoul": "South Korean", "Pyongyang": "North Korean", "Taipei": "Taiwanese", "Riyadh": "Saudi",
    "Kabul": "Afghan", "Caracas": "Venezuelan", "Pretoria": "South African", "Nairobi": "Kenyan",
    "Abuja": "Nigerian", "Accra": "Ghanaian", "Santiago": "Chilean", "Buenos Aires": "Argentine",
    "Bogota": "Colombian", "Lima": "Peruvian", "Wellington": "New Zealand", "Manila": "Philippine",
    "Jakarta": "Indonesian", "Bangkok": "Thai", "Hanoi": "Vietnamese", "Kuala Lumpur": "Malaysian",
    "Zagreb": "Croatian", "Ljubljana": "Slovenian", "Brussels": "Belgian", "The Hague": "Dutch",
    "Bern": "Swiss", "Reykjavik": "Icelandic", "Rabat": "Moroccan", "Addis Ababa": "Ethiopian",
    "Dhaka": "Bangladeshi",
}
GOVERNMENT_METONYMS = {**{name: f"{adj} government" for name, adj in CAPITALS.items()},
                       **{name: f"{adj} government" for name, adj in COUNTRY_ADJECTIVES.items()}}
