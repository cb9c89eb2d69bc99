"""How English-language news writes the facts we extract.

Templates are regular expressions over a sentence's abstract form (see
`sentence.py`): ``{S:of}`` is a state mention captured as *of*, ``{SO}`` a state
or organisation, ``NAME`` a capitalised personal name, ``ART`` an optional
article, ``LIST`` a list of states. The rule engine (`rules.py`) is the same
for every language.
"""

LANG = "en"

ART = r"(?:the |The )?"
OF = r"(?: of (?:the )?| for (?:the )?)"
TO = r"(?: to (?:the )?| in (?:the )?| at (?:the )?)"
CONJ = r"(?:,? and |, | as well as |, as well as )"
STOPWORDS_CAP = frozenset(
    "The A An In On At He She It They We I This That These Those Its His Her Their Our My Meanwhile However "
    "Speaking Marking Earlier Later According After Before During While When Where Although But And Or Also "
    "Mr Mrs Ms Dr Sir Madam Dame Justice Sheikh Prof Professor Excellency Hon Honourable Honorable President Minister Ambassador Secretary General Director Chairman "
    "Officials Analysts Diplomats Sources Critics Experts Authorities Police Protesters Residents Witnesses "
    "Observers Lawmakers Leaders Ministers Participants Organizers Organisers Delegates Reports Media Others Many "
    "Some Both All Everyone Nobody Government Parliament Officers Troops Voters Investors Markets".split()
)
NAME_PARTICLES = r"(?:bin|ibn|al|el|de|da|di|van|von|der|den|du|la|le|ould|Abu|abu|dos|das|del)"

# ---- persons: cues that a capitalised name is a person
SPEECH_VERBS = (r"said|says|told|added|noted|stressed|underscored|underlined|emphasi[sz]ed|highlighted|"
                r"explained|announced|declared|insisted|argued|warned|praised|urged|called|welcomed|"
                r"congratulated|recalled|pointed out|remarked|stated|affirmed|reiterated|confirmed|wrote|"
                r"tweeted|posted|hailed|thanked|expressed|hoped|observed|indicated|acknowledged|commented")
PERSON_CUES = [
    ("person:title", r"(?:Mr|Mrs|Ms|Dr|Sir|Dame)\.? (?P<name>NAME1)"),
    ("person:role-before", r"{R}(?: \([A-Z]{2,5}\))?(?:" + OF + r"{SO}(?: \((?:{O}|{S})\))?|" + TO + r"{SO})*,? (?:(?:Dr|Mr|Mrs|Ms|Prof|"
     r"Justice|General|Sheikh|Madam|Prince|Princess|Hon)\.? )?(?P<name>NAME1)"),
    ("person:role-after", r"(?P<name>NAME), (?:the |a |an |who is (?:the |a )?)?(?:[\w-]+ ){0,2}?(?:{SOD}(?:['’]s?)? )?{R}"),
    ("person:speech", r"(?P<name>NAME),?(?: \w+ly)? (?:" + SPEECH_VERBS + r")\b"),
    # a lone surname acting as a subject: "Omuraliev also announced", "Tokayev met"
    ("person:subject-verb", r"(?<![\w’'-])(?P<name>NAME1)(?: also| later| then| on {T})? (?:" + SPEECH_VERBS
     + r"|met|meets|is visiting|visited|will visit|arrived|travelled|traveled|signed|held talks|returned"
     r"|(?:has |had |officially |formally )*(?:taken over|took over|takes over|assumed|became|become))\b"),
    ("person:speech-inverted", r"[”\"],? (?:" + SPEECH_VERBS + r") (?P<name>NAME)"),
    # the subject or object of an appointment, election or oath: "X was elected", "appointed X as"
    ("person:appointed", r"(?<![\w’'-])(?P<name>NAME)(?: of (?:the )?{S})?(?: has| had)? (?:was |been |is )?(?:re-)?(?:elected|sworn in|"
     r"appointed|named|nominated|inaugurated|took the oath|took office|assumed office)\b"),
    ("person:appoints", r"\b(?:appointed|appoints|named|elected|nominated|re-elected) (?:(?:Dr|Mr|Mrs|Ms|Prof|Madam|"
     r"Madame|Dame|Sir|Ambassador)\.? )?(?P<name>NAME)(?: of (?:the )?{S},?)? (?:as|to)\b"),
    ("person:counterpart", r"(?:[Hh]is|[Hh]er|[Vv]isiting) (?:visiting )?(?:{D} )?counterpart,? (?P<name>NAME)"),
    ("person:met", r"(?:met|meets|meeting|talks) with (?P<name>NAME)\b"),
]

# ---- role holdings: person, role, of, to
#: an honorific or rank between a title and the name ("Minister of Trade Dr. Omar Bolat")
HON = (r"(?:(?:Dr|Mr|Mrs|Ms|Prof|Professor|Justice|General|Gen|Sheikh|Madam|Madame|Dame|Sir|H\.E|Ambassador|Prince|"
       r"Princess|Hon|Honourable|Honorable)\.? )?")
#: an organisation's acronym in brackets after its name
ACR = r"(?: \((?:{O}|{S})\))?"
#: being given a post: "has been elected", "was officially appointed as", "has taken over as"
GIVEN_POST = (r"(?:has |have |had |will )?(?:been |was |were |be |is )?(?:officially |formally |unanimously |"
              r"overwhelmingly |also |duly )?(?:re-?)?(?:elected|appointed|named|designated|sworn in|confirmed|"
              r"inaugurated|installed|taken over|took over|takes over|take over|assumed office|assumes office)"
              r"(?:,? (?:on )?{T}(?: {T})?,?)?(?: as)?")
#: a title's own acronym in brackets ("la secrétaire générale (SG) de l'OIF")
ROLE_ACR = r"(?: \([A-Z]{2,5}\))?"
#: what may stand before a title in an apposition ("the serving African Union chairman")
_POST_ADJ = r"(?:(?:new|former|current|outgoing|incoming|serving|sitting|acting|interim|then|deputy) )?"
#: the article before a title in an apposition
_APPOS_ART = r"(?:the |a |an )?"
#: "A, ambassadeur de Serbie, B, ambassadeur de Chine": a name followed by a title of its own does not take the one
#: before it (a list of appositions), and the name before that title keeps it
_OWN_TITLE_NEXT = r"(?(appos)(?!, " + _APPOS_ART + r"\ue000R))"
#: the title stands right after "A, ": the list may be one of appositions
_AFTER_NAME = "(?=\ue000R)(?P<appos>" + "|".join("(?<=P" + r"\d" * n + "\ue001, " + a + ")" for n in (1, 2, 3)
                                  for a in ['', 'the ', 'a ', 'an ']) + ")?+"
ROLE_RULES = [
    ("role:possessive-title", r"{SOD:of}(?:['’]s?)? (?:(?:new|former|current|outgoing) )?{R:role}(?:" + TO
     + r"{SO:to})?,? " + HON + r"{P:person}"),
    ("role:title", _AFTER_NAME + r"{R:role}" + ROLE_ACR + r"(?:" + OF + r"{SO:of}" + ACR + r")?(?:" + TO + r"{SO:to})?,? " + HON + r"{P:person}"
     + _OWN_TITLE_NEXT),
    # "X, the Foreign Minister of Djibouti, has been elected Chairperson of the African Union Commission"
    ("role:given", r"{P:person}(?: of (?:the )?{S})?(?:, [^,]{1,120},)? " + GIVEN_POST + r" (?:the )?(?:new |next |"
     r"first )?(?:{SOD:ofd}(?:['’]s?)? )?(?:new |next |first )?{R:role}(?:" + OF + r"{SO:of})?"),
    # "elected President Issoufou Mahamadou of Niger as the chair of ECOWAS", "elected X as its secretary general"
    ("role:given-object", r"\b(?:elected|appointed|named|designated|nominated|chose|picked) (?:{D} )?(?:{R} )?" + HON
     + r"{P:person}(?: of (?:the )?{S})?(?:, [^,]{1,120},)?,? as (?:the |(?P<its>its|their) )?(?:new |next )?"
     r"(?:{SOD:ofd}(?:['’]s?)? )?{R:role}(?:" + OF + r"{SO:of})?"),
    ("role:apposition", r"{P:person}, (?:the |a |an |who is (?:the |a )?)?(?:(?:new|former|current|outgoing|"
     r"then|deputy|serving|incoming|sitting|acting|interim) )?(?:{SOD:ofd}(?:['’]s?)? )?{R:role}(?![^,]{0,120}, " + HON + r"\ue000P\d+\ue001(?!,? " + _APPOS_ART + r"\ue000R))(?:" + OF + r"{SO:of})?(?:" + TO + r"{SO:to})?"),
    # "Azali Assoumani, the President of the Comoros and serving African Union chairman": the second title
    ("role:apposition-second", r"{P:person}, (?:the |a |an )?" + _POST_ADJ + r"(?:{SOD}(?:['’]s?)? )?{R}(?:" + OF
     + r"{SO})?(?:" + TO + r"{SO})? and (?:the |a |an )?" + _POST_ADJ + r"(?:{SOD:ofd}(?:['’]s?)? )?{R:role}(?:" + OF
     + r"{SO:of})?(?:" + TO + r"{SO:to})?"),
    ("role:possessive-pronoun", r"(?P<its>[Ii]ts|[Tt]heir) (?:(?:new|former|current) )?{R:role}(?:" + TO
     + r"{SO:to})?,? {P:person}"),
    # "X was elected to head the AU Commission": the post is the title of the body's head (heads_of_organisations.tsv)
    ("role:head-of", r"{P:person}(?: of (?:the )?{S})?(?:, [^,]{1,120},)? (?:(?:has |have |had |will )?(?:been |was |were "
     r"|be |is )?(?:officially |formally |unanimously )?(?:re-?)?(?:elected|appointed|named|chosen|picked|tapped)(?:,? (?:on )?"
     r"{T}(?: {T})?,?)? (?:to (?:head|lead)|as (?:the )?(?:new )?head of)|(?:took|takes|has taken|will take) the helm "
     r"of) (?:the )?{O:head}"),
    ("role:head-of-object", r"\b(?:elected|appointed|named|chose|picked) " + HON + r"{P:person}(?: of (?:the )?{S})?,? "
     r"(?:to (?:head|lead)|as (?:the )?(?:new )?head of) (?:the )?{O:head}"),
    ("role:copula", r"{P:person} (?:is|was|serves as|served as|has served as|became|has been|was appointed|"
     r"was named|was elected) (?:the |a |an )?(?:{SOD:ofd}(?:['’]s?)? )?{R:role}(?:" + OF + r"{SO:of})?(?:" + TO
     + r"{SO:to})?"),
]

# ---- organisations: embassies and other missions
EMBASSY_WORD = r"(?:[Ee]mbassy|[Cc]onsulate(?: [Gg]eneral)?|[Pp]ermanent [Mm]ission)"
EMBASSY_RULES = [
    r"{D:of} " + EMBASSY_WORD + r"(?: (?:to|in) (?:the )?{SL:to})?",
    r"{S:of}['’]s " + EMBASSY_WORD + r"(?: (?:to|in) (?:the )?{SL:to})?",
    EMBASSY_WORD + r" of (?:the )?{S:of}(?: (?:to|in) (?:the )?{SL:to})?",
]
ORG_HEADS = (r"Organi[sz]ation|Council|Union|Party|Agency|Ministry|Bank|Fund|Forum|Assembly|Commission|"
             r"Committee|Institute|Foundation|Association|Alliance|Movement|Front|Court|Parliament|Secretariat|"
             r"Academy|University|Centre|Center|Authority|Corporation|Company|Federation|League|Office|"
             r"Conference|Community|Group|Board|Senate|Congress|Government|Administration|Chamber|Cabinet")
# "the National Security Council", "Justice and Development Party", "Council of Turkic Diaspora Organizations"
ORG_NAME = (r"(?<![\w’'])(?:UP[\w-]+ (?:(?:and|for|of|on|the|de) )?){0,5}(?:" + ORG_HEADS
            + r")s?\b(?: (?:of|for|on) (?:the )?UP[\w-]+(?: (?:(?:and|of|the|for) )?UP[\w-]+){0,5})?")
ACRONYM_DEF = r"(?P<name>[^()]{3,80}?) \((?P<acr>[A-Z][A-Za-z]{1,9})\)"
ORG_ALIAS_RULES = [
    ("org:formerly", "former", r"{O:org},? (?:(?:which was |which is |once |was )?(?:formerly|previously) "
     r"(?:known as|called|named) |once known as )(?:the )?(?:{O:alias}|(?P<name>(?:UP[\w-]+ ?)+))"),
    ("org:renamed", "former", r"(?:the )?(?:{O:alias}|(?P<name>(?:UP[\w-]+ ?)+)),? (?:which was |was )?(?:renamed|"
     r"rebranded as) (?:the )?{O:org}"),
]

# ---- observances and programmes (names absent from the lexicon)
OBSERVANCE_NAME = (r"(?<![\w’'])(?:(?:UP[\w’'-]+ ){1,7}Day\b(?: of (?:the )?(?:UP[\w-]+ ?){1,5})?"
                   r"|Day of (?:the )?(?:(?:UP[\w-]+|of|and|the|for|with) ?){1,8}(?<! )(?<!of)(?<!and)(?<!the))")
PROGRAMME_NAME = (r"(?<![\w’'])(?:UP[\w-]+ ){1,7}(?:Program|Programme|Initiative|Platform|Project|Strategy|"
                  r"Roadmap|Road Map|Action Plan|Vision Document|Vision|Document|Plan)\b")

# ---- memberships
LIST = r"(?P<list>{S}(?:" + CONJ + r"(?:the )?{S})*)(?:,? (?:which|that|who) ?)?(?: (?:also|already|now|still|both|all|too|currently|formally|officially))?"
MEMBERSHIP_RULES = [
    # (rule, status, template); states are the S mentions inside (?P<list>), the organisation is {O:org}
    # or, when absent, the organisation the article is about.
    ("membership:members-are", "member", r"(?:(?:[Ii]ts|[Tt]he organi[sz]ation['’]s|{O:org}['’]s|[Tt]he) "
     r"(?:full |founding |current )?members(?: of (?:the )?{O:org2})? (?:are|include|comprise|were)|"
     r"(?:[Tt]he )?(?:members|member states) (?:of (?:the )?{O:org3} )?(?:are|include)) (?:the )?" + LIST),
    ("membership:are-members", "member", LIST + r" (?:are|is|became|become|remain|has been|have been) (?:also |already |now |still |all )?(?:the |an? )?(?:full |founding )?"
     r"(?:members?|member states?)(?: (?:of|in) (?:the )?{O:org})?"),
    ("membership:joined", "member", LIST + r" (?:joined|acceded to|has joined|have joined) (?:the )?(?:{O:org}|"
     r"(?P<orgref>council|organi[sz]ation|bloc|alliance|union|group|grouping))"),
    ("membership:members-such-as", "member", r"\b(?:members|member states|member countries)(?: \w+)?,? (?:such as|"
     r"including|like) (?:the )?" + LIST),
    ("membership:observers-such-as", "observer", r"\bobservers?(?: states| countries)?,? (?:such as|including|like) "
     r"(?:the )?" + LIST),
    ("membership:observer-apposition", "observer", LIST + r", (?:an? |the )?observer(?: state| country| member)?,"),
    ("membership:person-chairs", "chair", r"{P:person},? (?:who |which )?(?:currently )?(?:chairs|presides over|"
     r"holds the (?:rotating )?(?:chairmanship|presidency) of) (?:the )?(?:{O:org}|(?P<orgref>council|organi[sz]ation"
     r"|bloc|alliance|union|group))"),
    ("membership:holds-its-presidency", "chair", r"{S:state} (?:currently |now )?(?:holds|held|took over|assumed) the "
     r"(?:{O:org}['’]s|(?P<orgref>council|organi[sz]ation|bloc|alliance|union|group)['’]s) (?:rotating )?"
     r"(?:chairmanship|chair|presidency)"),
    ("membership:observer", "observer", LIST + r" (?:hold|holds|have|has|enjoy|enjoys|received|was granted|were "
     r"granted|has been granted|have been granted) (?:an )?observer status(?: (?:in|at|with) (?:the )?{O:org})?"),
    ("membership:are-observers", "observer", LIST + r" (?:are|is|serve as|serves as) (?:also |already |now )?(?:an |the )?observers?"
     r"(?: states?| countries)?(?: (?:in|of|at|to) (?:the )?{O:org})?"),
    ("membership:observers-are", "observer", r"(?:[Ii]ts |[Tt]he )?observers?(?: states)?(?: (?:of|in|at) (?:the )?"
     r"{O:org})? (?:are|include) (?:the )?" + LIST),
    ("membership:candidate", "candidate", LIST + r" (?:is|are|has been|have been) (?:an? |the )?(?:official )?"
     r"(?:candidates?|applicants?)(?: (?:countries|country|states?))?(?: (?:for|to) (?:membership (?:of|in) )?"
     r"(?:the )?{O:org})?"),
    ("membership:granted-status", "candidate", LIST + r" (?:were|was|has been|have been|had been) (?:formally )?"
     r"granted (?:EU |official )?candidate status(?: by (?:the )?{O:org})?"),
    ("membership:applied", "candidate", LIST + r" (?:has |have )?(?:applied|formally applied|bid) (?:for membership "
     r"(?:of|in) |to join )(?:the )?{O:org}"),
    ("membership:partner", "partner", LIST + r" (?:is|are) (?:an? |the )?(?:dialogue |strategic |associate )?"
     r"partners?(?: states?| countries)?(?: (?:of|to|in) (?:the )?{O:org})"),
    ("membership:chair", "chair", r"(?:{S:state}|(?P<anaphor>the country|[Ii]t)) (?:currently |now )?(?:serves|served|"
     r"acts|is serving|holds office) as (?:the )?(?:{O:org}['’]s )?(?:rotating )?(?:chair|chairperson|chairman|"
     r"chair-in-office|chairperson-in-office|chairman-in-office|{R}|president)(?: of (?:the )?{O:org2})?"),
    ("membership:chairs", "chair", r"(?:{S:state}|(?P<anaphor>the country|[Ii]t)),?(?: which| that)? (?:currently |now )?(?:holds|held|"
     r"took over|assumed|has taken over) the (?:rotating )?(?:chairmanship|chair|presidency)(?: of (?:the )?"
     r"{O:org})?"),
    ("membership:chairs-verb", "chair", r"{S:state} (?:currently |now )?chairs (?:the )?{O:org}"),
]
ORG_ANAPHORA = r"\b(?:[Ii]ts|the organi[sz]ation|[Tt]he bloc|[Tt]he alliance|[Tt]he group)\b"
STATE_ANAPHORA = r"\b(?:the country)\b"
PRONOUN_SUBJECT = r"(?:^|, |; |\band |\bwhere |\bthat )(?:he|she|He|She)\b"

# ---- events
EVENT_RULES = [
    # (rule, type, template). Named groups: host, occasion, place, with, about, by, date
    ("event:reception", "reception", r"\breceptions?\b(?: (?:hosted|organi[sz]ed|given|held|thrown|offered) by "
     r"(?:the )?{SOP:host})?(?:[^.;]{0,40}?\b(?:to mark|marking|on the occasion of|in honou?r of|to celebrate|"
     r"celebrating|for) (?:the )?{V:occasion})?"),
    ("event:meeting", "meeting", r"\b(?:(?:(?:held|had|holds|has|hold) (?:a |an |the )?(?:[\w-]+ )?(?:meetings?|talks|"
     r"consultations)|meeting)(?: (?:on )?{T:date})?(?: separately)? with|met(?: with)?|meets(?: with)?|(?:received|"
     r"receives|hosted|hosts)(?= (?:his |her |their )?{SDRP}))\b(?: (?:on )?{T:date2})? (?:the )?(?P<with>[^.;]{0,160})"),
    ("event:meeting-plural", "meeting", r"\b(?:will meet|will convene|convened|gathered|will gather|are due to meet)\b"
     r"(?: (?:in|at) {L:place})?(?: (?:on )?{T:date2})?"),
    ("event:summit", "summit", r"(?:{O:host}(?:['’]s?)? |\b)(?:[a-z]+ )?[Ss]ummit\b(?: of (?:the )?{O:host2})?(?: (?:in|at) "
     r"{LS:place})?"),
    ("event:visit", "visit", r"\b(?:(?:is|was|are|were) (?:on an? (?:official |working |state |[\w-]+-day )?"
     r"visit to|visiting)|visited|visits|(?:paid|pays|paying) an? (?:\w+ )?visit to|arrived in|(?:will|is to|is due to|"
     r"is expected to|are expected to|plans to|is scheduled to) "
     r"(?:travel|fly|go) to|(?:travelled|traveled|flew|travels|travelling|traveling) to|will visit|(?:was|is|were) "
     r"(?:received|welcomed|hosted)(?: {T:date})? in) (?:the )?{LS:place}(?: (?:on )?{T:date2})?(?: by (?:{SD} )?"
     r"(?:{R} )?(?:counterpart )?{P:host})?"),
    ("event:visit-welcomed", "visit", r"\b(?:welcomed|welcomes|received|receives|hosted|hosts) (?:his |her )?(?:{D} )?"
     r"(?:{R} |counterpart )?{P:guest}(?: (?:on )?{T:date})? (?:to|in) (?:the )?{LS:place}(?: (?:on )?{T:date2})?"),
    ("event:designation", "designation", r"{O:by} (?:has |have |had )?(?:officially )?(?:designated|declared|"
     r"proclaimed|recogni[sz]ed|established|adopted) (?:(?:on )?{T:date} )?(?:as )?(?:the )?{V:about}"),
    ("event:designation-relative", "designation", r"{V:about},? (?:which|that) (?:the )?{O:by} (?:had |has )?"
     r"(?:officially )?(?:designated|declared|proclaimed|recogni[sz]ed|established)"),
    ("event:designation-passive", "designation", r"{V:about},?(?: observed on {T:date},?)? (?:was|has been|had been) "
     r"(?:officially )?(?:designated|declared|proclaimed|recogni[sz]ed) by (?:the )?{O:by}"),
    ("event:launch", "launch", r"(?:{O:host}['’]s (?:{G:about}|(?P<about1>(?:UP[\w-]+ ){1,8}))\s?launch(?: program(?:me)?| "
     r"ceremony| event)?|\b(?:launched|unveiled|inaugurated) (?:the |a |an |its )?(?:new )?(?:{G:about2}|"
     r"(?P<about3>(?:UP[\w-]+ ?){2,8}))|\blaunch (?:ceremony |event )?(?:of|for) (?:the )?(?:{G:about4}|"
     r"(?P<about5>(?:UP[\w-]+ ?){2,8})))"),
    # a state or body as the speaker: "Syria called on Sunday for ...", "The United States has said it will not ..."
    ("event:body-says", "announcement", r"^(?:The |the )?{SO:by}(?:['’]s (?:government|foreign ministry|presidency))?"
     r"(?: (?:on|last) \w+)?,? (?:has |have |had )?(?:also )?(?:said|says|announced|called (?:on|for)|urged|welcomed|"
     r"condemned|warned|declared|stated|denounced|rejected|demanded|hailed)\b"),
    ("event:announcement", "announcement", r"\b(?:announced|announces|unveiled plans?) (?:that |plans? |on \w+ that )"
     r"(?P<content>[^;]{10,300})"),
    ("event:agreement", "agreement", r"\b(?:signed|sign|concluded|inked|initialled) (?:an? |the )?(?:[\w-]+ ){0,4}?(?:agreement|"
     r"memorandum|treaty|accord|deal|protocol|declaration|roadmap)s?\b"),
]
# "the two sides", "both leaders": the persons of the sentence before
PLURAL_ANAPHORA = r"\b(?:[Tt]he two (?:sides|leaders|presidents|ministers|countries|men|women|officials|delegations)|[Bb]oth (?:sides|leaders|presidents|ministers|countries|men))\b"
# "his Chinese counterpart Wang Yi": the same post, for another state
COUNTERPART_RULES = [r"(?:[Hh]is|[Hh]er|[Vv]isiting) (?:visiting )?(?:{D:ofd} )?counterpart(?: (?:from|of) (?:the )?{S:of})?,? {P:person}",
                     r"{P:person}, (?:his|her) (?:{D:ofd} )?counterpart(?: (?:from|of) (?:the )?{S:of})?"]
# English writes the nationality before the post ("Ukrainian Defence Minister"): nothing to join
TITLE_CONTINUED = None
ROLE_AROUND_DEMONYM = None
# a place the lexicon does not know, where something happens: "talks in Ahmedabad"
PLACE_NAME = (r"\b(?:arrived|arrives|met|meet|meets|held|hold|gathered|convened|summit|visit(?:ed|ing|s)?|"
              r"travel(?:led|ed|s)?|talks|hosted|signed|opened)\b[^.;]{0,40}?\b(?:in|at) (?P<name>UP[\w’'-]+"
              r"(?:[- ]UP[\w’'-]+){0,2})")
EVENT_WHERE = r"{LS:place}, where (?:he|she|they|\w+) (?:held|had|met|attended)"
PLACE_PREP = r"\b(?:in|at) (?:the )?{L:place}"
SETTING_RULES = [r"^{L:place}(?:, {S})?(?:,? {T})?(?:,? \([\w ]+\))? ?(?:[-—–]|:(?= ))", r"^In {L:place},"]

# ---- trade targets
TRADE_WORD = r"\b(?:trade|trade volume|trade turnover|bilateral trade|commerce|exports|imports|economic exchanges)\b"
TRADE_AIM = (r"\b(?:aims?|aimed|aiming|seeks?|sought|seeking|plans?|planned|planning|wants?|wanted|intends?|intended|"
             r"hopes?|hoped|targets?|targeted|targeting|expects?|expected|"
             r"is determined|agreed|pledged|vowed|set a (?:goal|target)|(?:should|would|could|will|to|can) (?:reach|hit|"
             r"exceed|surpass|top)|objective|goal|need to|(?:increase|raise|boost|bring|take|double|triple|enhance|"
             r"enhancement of|expand|lift)(?: \w+){0,6} to)\b")
TRADE_PARTNER = (r"\b(?:trade|turnover|exchanges|commerce)(?: volume)? (?:with|between) (?:the )?(?:{SO:partner}"
                 r"|(?P<ptext>(?:[\w-]+ ){0,3}?(?:states|countries|nations|members|partners|republics|neighbou?rs)))")
TRADE_BETWEEN = r"\bbetween (?:the )?{SO:a} and (?:the )?{SO:b}"

# ---- statements
QUOTES = r"“(?P<q1>[^”]{8,})”|\"(?P<q2>[^\"]{8,})\"|«\s?(?P<q3>[^»]{8,}?)\s?»"
STATEMENT_SPEAKER = [
    r"[”\"»],? {P:speaker},?(?: \w+ly)? (?:" + SPEECH_VERBS + r")",
    r"[”\"»],? (?:" + SPEECH_VERBS + r") {P:speaker}",
    r"{P:speaker}(?: \w+ly)? (?:" + SPEECH_VERBS + r")(?: that)?,? [“\"«]",
]
PRONOUN_SPEECH = r"[”\"],? (?:he|she) (?:" + SPEECH_VERBS + r")"

# ---- posts read across the article (extract/posts.py)
#: two titles before one name: "Ambassador of Azerbaijan to Saudi Arabia, Permanent Representative to the OIC X"
CHAINED_TITLES = (r"{R:r1}(?:" + OF + r"{SO:o1})?(?:" + TO + r"{SO:t1})?(?:, (?:and )?| and ){R:r2}(?:" + OF
                  + r"{SO:o2})?(?:" + TO + r"{SO:t2})?(?: \((?:{O}|[A-Z]{2,6})\))?(?:(?:, (?:and )?| and ){R:r3}(?:" + OF
                  + r"{SO:o3})?)?,? " + HON + r"{P:person}")
#: the state the article ties a person to: "Uruguayan diplomat Luis Almagro", "Moussa Faki of Chad",
#: "Senegal was represented by Amadou Ba"
NATIONALITY_RULES = [
    r"{D:state} (?:[a-z-]+ ){0,2}" + HON + r"{P:person}",
    r"{P:person} of (?:the )?{S:state}",
    r"{S:state} (?:was |were |is |will be |has been )?represented (?:[^,.\ue000]{0,60} )?by " + HON + r"{P:person}",
]
#: "X ... replaces Moussa Faki", "taking over from the outgoing President Y", "from his predecessor Z"
SUCCESSION_RULES = [
    r"\b(?:replac(?:es|ed|ing)|succeed(?:s|ed|ing)|(?:taking|takes|took|taken) over from|(?:his|her) predecessor,?)"
    r" (?:the )?(?:outgoing |outgone |incumbent |former )?(?:{D} )?(?:{R}(?: of (?:the )?{SO})? )?" + HON
    + r"(?:{P:pred}|(?P<name>NAME))",
]
#: "the presidents of Senegal, Bassirou Diomaye Faye, and of Ghana, John Dramani Mahama";
#: "Foreign Affairs Ministers Rogelio Mayta (Bolivia), Marcelo Ebrard (Mexico) and Bruno Rodriguez (Cuba)"
_PLURAL_TITLES = (r"(?P<plural>[Pp]residents|[Pp]rime [Mm]inisters|[Ff]oreign (?:[Aa]ffairs )?[Mm]inisters|"
                  r"[Aa]mbassadors|[Ll]eaders|[Hh]eads of [Ss]tate)")
ROLE_LISTS = [
    (r"\b" + _PLURAL_TITLES + r"(?P<items>(?:(?:,| and|, and)? (?:of |from )?(?:the )?{S}, " + HON + r"NAME){2,})",
     r"(?:of |from )?(?:the )?{S:state}, " + HON + r"(?P<name>NAME)"),
    (r"\b" + _PLURAL_TITLES + r"(?: [\w’'-]+){0,12}?[,:]? (?P<items>(?:{P}|NAME) \({S}\)(?:(?:,|,? and) (?:{P}|NAME) \({S}\))+)",
     r"(?:{P:person}|(?P<name>NAME)) \({S:state}\)"),
    (r"\b" + _PLURAL_TITLES + r"(?: [\w’'.-]+){0,8}?[,:]? (?P<items>(?:{P}|NAME) (?:of|from) (?:the )?{S}(?:(?:,|,? and) "
     r"(?:{P}|NAME) (?:of|from) (?:the )?{S}){2,})", r"(?:{P:person}|(?P<name>NAME)) (?:of|from) (?:the )?{S:state}"),
    # "Presidents Andry Rajoelina and Emmanuel Macron": the states from what else the article (or the tenure table)
    # says of each
    (r"\b" + _PLURAL_TITLES + r" (?P<items>(?:{P}|NAME)(?:(?:,|,? and) (?:{P}|NAME))+)(?! of\b| \(|,? \ue000[SD])",
     r"(?:{P:person}|(?P<name>NAME))"),
]
ROLE_LIST_KEYS = {"presidents": "president", "prime ministers": "prime-minister",
                  "foreign ministers": "minister-of-foreign-affairs", "foreign affairs ministers":
                  "minister-of-foreign-affairs", "ambassadors": "ambassador", "leaders": "leader",
                  "heads of state": "head-of-state"}

# ---- what kind of body an unknown organisation name is (rules.classify_body)
#: names of happenings, not bodies: "the Business Forum", "the Intergovernmental Conference"
#: venues, not bodies: "the International Convention Center", "the Kirchner Cultural Center"
VENUE_NAME = r"\b(?:Cent(?:er|re)|Palace|Hall|Hotel|Stadium|Arena|Auditorium|Residence)\b"
EVENT_NAME = r"\b(?:Summit|Forum|Conference(?! of)|Meeting|Games|Expo|EXPO|Session|Congress of)\b"
#: words that make a body international whatever else its name says
INTERNATIONAL_WORDS = (r"\b(?:International|Intergovernmental|Regional|African|European|Asian|Arab|Islamic|Union|"
                       r"Nations|Community|Commonwealth|Turkic|Francophonie|Global|World|Economic Community)\b")
#: bodies of one state, by the head of their name
NATIONAL_BODIES = [  # the first that matches: a news agency is not a government agency
    ("national", r"\b(?:Federal Council|Parliament|Senate|Congress|(?:Grand )?National Assembly|House of \w+|Chambers? of Commerce|"
                 r"Chamber|Court|News Agency|Press Service|Radio|Television|Broadcasting|Police|Armed Forces|Army)\b"),
    ("party", r"\bParty\b"),
    ("agency", r"\b(?:Ministry|Department|Agency|Authority|Board|Directorate|Administration|Service|Secretariat "
               r"of State|Cabinet|Government|Presidency|Central Bank|Customs)\b"),
]
