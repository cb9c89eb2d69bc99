"""How French-language news writes the facts we extract.

Same names and template language as `patterns_en.py`; see there.
"""

LANG = "fr"

ART = r"(?:la |le |les |l['’]|La |Le |Les |L['’])?"
_DE = r"(?:de la |de l['’]|du |des |de |d['’])"
OF = r"(?: " + _DE + r"|\s?d['’]| pour (?:la |le |l['’])?)"
TO = r"(?: (?:aux |au |en |à |pour |auprès (?:de la |de l['’]|du |des |de ))(?:la |le |les |l['’])?)"
CONJ = r"(?:, | et |, et | ainsi que )"
STOPWORDS_CAP = frozenset(
    "Le La Les L Un Une Des Du De D En Au Aux À A Il Elle Ils Elles Ce Cette Ces Son Sa Ses Leur Leurs Selon "
    "Lors Dans Pour Par Sur Avec Mais Et Ou Donc Or Ni Car Anciennement Cependant Toutefois Par ailleurs Parallèlement "
    "M Mme Monsieur Madame Général Générale Colonel Docteur Professeur Cheikh Président Ministre Ambassadeur Secrétaire Général Directeur Paris Moscou Pékin "
    "Responsables Diplomates Experts Observateurs Autorités Manifestants Habitants Dirigeants Ministres "
    "Participants Médias Plusieurs Certains Tous Chacun Personne Gouvernement Parlement".split()
)
NAME_PARTICLES = r"(?:bin|ibn|al|el|de|da|di|van|von|der|den|du|la|le|ould|Abu|abu|dos|das|del)"

SPEECH_VERBS = (r"déclaré|affirmé|souligné|insisté|salué|annoncé|indiqué|précisé|estimé|ajouté|rappelé|expliqué|"
                r"exprimé|dit|assuré|averti|martelé|plaidé|appelé|félicité|remercié|noté|observé|réaffirmé|"
                r"confirmé|déploré|dénoncé|jugé|écrit|lancé|mis en avant")
SPEECH_VERBS_PRESENT = r"déclare|affirme|souligne|insiste|salue|annonce|indique|précise|estime|ajoute|rappelle|explique"
#: a title continued ("ministre des Affaires étrangères et de la Coopération du Timor-Leste")
TITLE_MORE = r"(?: et (?:de la |de l['’]|du |des |de )?[A-ZÉa-zé][\w’'-]+(?: [\w’'-]+){0,2}?)?"
#: what qualifies a title without changing it ("le président sortant", "le président guinéen de transition")
TITLE_STATE = (r"(?: (?:sortante?|déchue?|(?:[a-zé]+ment )?élue?|par intérim|intérimaire|de transition|de la transition|en exercice|"
               r"de la République))?")
PERSON_CUES = [
    ("person:title", r"(?:M\.|Mme|Monsieur|Madame) (?P<name>NAME1)"),
    ("person:role-before", r"{R}(?: \([A-Z]{2,5}\))?" + TITLE_STATE + r"(?: {D})?" + TITLE_STATE + TITLE_MORE + r"(?:" + OF + r"{SO}(?: \((?:{O}|{S})\))?|" + TO + r"{SO})*,? (?:(?:le |la )?"
     r"(?:général|générale|colonel|docteur|professeur|Dr\.?|M\.|Mme|prince|princesse|cheikh|[Ss]ir) )?(?P<name>NAME1)"),
    ("person:role-after", r"(?P<name>NAME)(?:, (?:le |la |l['’]|un |une |qui est )?| (?:le |la ))(?:[\w-]+ ){0,2}?{R}"),
    ("person:speech", r"(?P<name>NAME),? (?:a|avait|aurait|ont) (?:\w+ )?(?:" + SPEECH_VERBS + r")\b"),
    ("person:subject-verb", r"(?<![\w’'-])(?P<name>NAME1),? (?:a|avait) (?:également |aussi |ensuite )?(?:"
     + SPEECH_VERBS + r"|rencontré|visité|signé|reçu|rendu visite|effectué)\b"),
    # l'élu, le nommé, l'investi: "X a été élu", "X a prêté serment", "a nommé X"
    ("person:appointed", r"(?<![\w’'-])(?P<name>NAME),? (?:a été |est |sera )(?:ré)?(?:élue?|nommée?|investie?|"
     r"désignée?|reconduite?)\b"),
    ("person:oath", r"(?<![\w’'-])(?P<name>NAME),? a prêté serment\b"),
    ("person:appoints", r"\b(?:a nommé|nomme|a désigné|ont élu|a élu|ont désigné) (?P<name>NAME)\b"),
    ("person:speech-present", r"(?P<name>NAME),? (?:" + SPEECH_VERBS_PRESENT + r")\b"),
    ("person:speech-inverted", r"[»\"”],? (?:a |a-t-il |a-t-elle )?(?:" + SPEECH_VERBS + r"|" + SPEECH_VERBS_PRESENT
     + r") (?P<name>NAME)"),
    ("person:counterpart", r"(?:[Ss]on|[Ss]a) homologue(?: {D})?,? (?P<name>NAME)"),
    ("person:met", r"(?:rencontré|entretenu avec|reçu|rencontre avec|entretien avec) (?P<name>NAME)\b"),
]

#: a rank or honorific between a title and the name ("le président de transition, le général Mamadi Doumbouya")
HON = (r"(?:(?:le |la )?(?:général|générale|colonel|commandant|capitaine|docteur|professeur|Dr\.?|M\.|Mme|Me|[Ss]ir|"
       r"cheikh|Pr\.?|prince|princesse|{R}) )?")
#: an organisation's acronym in brackets after its name
ACR = r"(?: \((?:{O}|{S})\))?"
#: being given a post: "a été élu", "a été nommée par consensus au poste de"
GIVEN_POST = (r"(?:a prêté serment(?: {T}){0,3} (?:comme|en tant que)|(?:a été|avait été|sera|est|vient d['’]être|a officiellement été) (?:officiellement |"
              r"largement |triomphalement )?(?:ré)?(?:élue?|nommée?|désignée?|investie?|reconduite?|installée?)"
              r"(?:,? (?:par consensus|à l['’]unanimité|(?:ce |le |dès le )?{T})){0,3},?(?: (?:comme|au poste de|en tant que|à la "
              r"fonction de))?)")
#: a title's own acronym in brackets ("la secrétaire générale (SG) de l'OIF")
ROLE_ACR = r"(?: \([A-Z]{2,5}\))?"
#: the article before a title in an apposition
_APPOS_ART = r"(?:le |la |l['’]|un |une )?"
#: "A, ambassadeur de Serbie, B, ambassadeur de Chine": a name followed by a title of its own does not take the one
#: before it (a list of appositions), and the name before that title keeps it
_OWN_TITLE_NEXT = r"(?(appos)(?!, " + _APPOS_ART + r"\ue000R))"
#: the title stands right after "A, ": the list may be one of appositions
_AFTER_NAME = "(?=\ue000R)(?P<appos>" + "|".join("(?<=P" + r"\d" * n + "\ue001, " + a + ")" for n in (1, 2, 3)
                                  for a in ['', 'le ', 'la ', "l'", 'l’', 'un ', 'une ']) + ")?+"
ROLE_RULES = [
    ("role:title", _AFTER_NAME + r"{R:role}" + ROLE_ACR + TITLE_STATE + r"(?: {D:ofd})?" + TITLE_STATE + TITLE_MORE + r"(?:" + OF + r"{SO:of}" + ACR + r")?(?:" + TO
     + r"{SO:to})?,? " + HON + r"{P:person}" + _OWN_TITLE_NEXT),
    ("role:given", r"{P:person}(?:, [^,]{1,120},)? " + GIVEN_POST + r" (?:le |la |l['’]|nouveau |nouvelle )?{R:role}"
     + TITLE_STATE + r"(?: {D:ofd})?(?:" + OF + r"{SO:of})?"),
    ("role:possessive-title", r"{R:role} (?:" + _DE + r")?{SO:of}(?:" + TO + r"{SO:to})?,? {P:person}"),
    ("role:apposition", r"{P:person}(?:, (?:le |la |l['’]|un |une |qui est (?:le |la |l['’])?)?| (?:le |la ))(?:(?:"
     r"nouveau|nouvelle|ancien|ancienne|actuel|actuelle) )?{R:role}(?![^,]{0,120}, " + HON + r"\ue000P\d+\ue001(?!,? " + _APPOS_ART + r"\ue000R))" + TITLE_STATE + r"(?: {D:ofd})?(?:" + OF + r"{SO:of})?(?:" + TO + r"{SO:to})?"),
    ("role:possessive-pronoun", r"(?P<its>[Ss]on|[Ss]a|[Ll]eur) (?:(?:nouvel|nouveau|nouvelle|ancien|ancienne|actuel|actuelle) )?{R:role}(?:" + TO
     + r"{SO:to})?,? {P:person}"),
    # "X a été élu le 15 février à la tête de la Commission de l'UA": the title of the body's head
    # (heads_of_organisations.tsv)
    ("role:head-of", r"{P:person}(?:, [^,]{1,120},)? (?:(?:a été|avait été|sera|est|vient d['’]être) (?:officiellement )?"
     r"(?:ré)?(?:élue?|nommée?|désignée?|reconduite?|portée?|installée?|placée?|investie?)(?:,? (?:par consensus|à "
     r"l['’]unanimité|(?:ce |le |dès le )?{T})){0,3},? à la tête|(?:a pris|prend|prendra|prenait) la tête) "
     r"(?:de la |de l['’]|du |des |de |d['’])?{O:head}"),
    ("role:copula", r"{P:person} (?:est|était|a été|devient|est devenu|est devenue|a été nommé|a été nommée|a été élu|"
     r"a été élue|occupe le poste de) (?:le |la |l['’]|un |une )?{R:role}(?: {D:ofd})?(?:" + OF + r"{SO:of})?(?:" + TO
     + r"{SO:to})?"),
]

EMBASSY_WORD = r"(?:[Aa]mbassade|[Cc]onsulat(?: général)?|[Mm]ission permanente)"
EMBASSY_RULES = [
    EMBASSY_WORD + r" " + _DE + r"{S:of}" + r"(?: (?:aux |au |en |à |auprès (?:de la |de l['’]|du |des |de ))(?:la |le |les |l['’])?{SL:to})?",
    EMBASSY_WORD + r" {D:of}(?: (?:aux |au |en |à |auprès (?:de la |de l['’]|du |des |de ))(?:la |le |les |l['’])?{SL:to})?",
]
ORG_HEADS = (r"Organisation|Conseil|Union|Parti|Agence|Ministère|Banque|Fonds|Forum|Assemblée|Commission|Comité|"
             r"Institut|Fondation|Association|Alliance|Mouvement|Front|Cour|Parlement|Secrétariat|Académie|"
             r"Université|Centre|Autorité|Fédération|Ligue|Office|Conférence|Communauté|Groupe|Sénat|Congrès|"
             r"Gouvernement|Chambre|Bureau")
_ADJ = r"(?![a-zà-ÿ-]*ment(?![\w-]))[a-zà-ÿ-]+(?:ique|iques|ien|ienne|iens|iennes|ais|aise|aises|al|ale|aux|ales|el|elle|els|elles|ain|aine|aines|aire|aires|if|ive|ifs|ives|é|ée|és|ées|eur|eurs|ant|ante|ants|ent|ente|ois|oise|ien|en|enne|ens|ennes|turciques|unies|uni)(?![\w-])"
ORG_NAME = (r"(?<![\w’'])(?:" + ORG_HEADS + r")\b(?: " + _ADJ + r")?(?: (?:de la |de l['’]|du |des |de |d['’]|pour la |"
            r"pour le |pour l['’]|pour les |pour |et (?:de la |de l['’]|du |des |de |(?=UP))|sur (?:la |le |les |l['’])?)"
            r"(?:UP[\w-]+|[a-zà-ÿ-]{3,})(?: " + _ADJ + r")?){0,4}")
ACRONYM_DEF = r"(?P<name>[^()]{3,80}?) \((?P<acr>[A-Z][A-Za-z]{1,9})\)"
ORG_ALIAS_RULES = [
    ("org:formerly", "former", r"(?:[Aa]nciennement|[Aa]utrefois|[Pp]récédemment|[Jj]adis) (?:appelée?|connue? sous "
     r"le nom (?:de |d['’])|dénommée?|nommée?) (?:la |le |l['’]|les )?(?:{O:alias}|(?P<name>(?:UP[\w-]+|[a-zà-ÿ]+)(?: "
     r"[\w-]+){0,4}?)),? (?:la |le |l['’]|les )?{O:org}"),
    ("org:formerly-after", "former", r"{O:org},? (?:anciennement|autrefois|précédemment|ex-) ?(?:appelée? |connue? "
     r"sous le nom (?:de |d['’])|dénommée? )?(?:la |le |l['’]|les )?(?:{O:alias}|(?P<name>UP[\w-]+(?: [\w-]+){0,4}?))"
     r"(?=[,.;)])"),
]

OBSERVANCE_NAME = (r"(?<![\w’'])Journée (?:" + _ADJ + r" )?(?:de la |de l['’]|des |du |de |d['’])[^,.;:()«»]{3,70}?"
                   r"(?=[,.;:()«»]| (?:a|est|sera|par|qui|que|et|à|au|aux|en|dans|pour|sur|le|les|célébrée|"
                   r"proclamée)\b|$)")
PROGRAMME_NAME = (r"(?<![\w’'])(?:[Pp]rogramme|[Ii]nitiative|[Pp]lateforme|[Pp]rojet|[Ss]tratégie|[Ff]euille de "
                  r"route|[Pp]lan d['’]action|[Dd]ocument) (?:" + _ADJ + r" )?(?:de |d['’]|du |des |pour )[^,.;()]{3,90}?"
                  r"(?=,| lancée?s?\b| qui\b| pourrait\b| a\b| est\b| sera\b|\.|$)")

LIST = r"(?P<list>{S}(?:" + CONJ + r"(?:la |le |les |l['’])?{S})*)(?:,? qui)?(?: (?:aussi|également|déjà|désormais|toujours|tous|actuellement|officiellement))?"
MEMBERSHIP_RULES = [
    ("membership:members-are", "member", r"(?:(?:[Ss]es|[Ll]es) (?:membres|États membres|pays membres)(?: "
     r"(?:de la |de l['’]|du |des |de ){O:org})? (?:sont|comprennent|incluent|étaient)) (?:la |le |les |l['’])?" + LIST),
    ("membership:are-members", "member", ART + LIST + r" (?:sont|est|sont devenus|est devenu|est devenue|restent|reste) "
     r"(?:aussi |également |déjà |désormais |toujours |tous |pleinement )?(?:des |les |un |une )?(?:membres?|États membres|pays membres|membre à part entière)(?: (?:de la |de l['’]|du |"
     r"des |de ){O:org})?"),
    ("membership:joined", "member", ART + LIST + r" (?:a|ont) (?:rejoint|réintégré|adhéré à) (?:la |le |l['’]|les )?(?:{O:org}|"
     r"(?P<orgref>organisation|conseil|alliance|union|bloc|groupe))"),
    ("membership:counts-members", "member", r"\b(?:compte|réunit|rassemble|regroupe) (?:\d+ )?(?:États|pays) membres,? "
     r"(?:dont|parmi lesquels|notamment|comme) (?:la |le |les |l['’])?" + LIST),
    ("membership:observers-such-as", "observer", r"\bobservateurs,? (?:comme|dont|tels que|notamment) "
     r"(?:la |le |les |l['’])?" + LIST),
    ("membership:observer-apposition", "observer", ART + LIST + r", (?:pays|État) observateur,"),
    ("membership:person-chairs", "chair", r"{P:person},? qui (?:préside|dirige|assure la présidence (?:tournante )?de) "
     r"(?:actuellement )?(?:la |le |l['’])?(?:{O:org}|(?P<orgref>organisation|alliance|union|bloc|conseil|groupe))"),
    ("membership:observer", "observer", ART + LIST + r" (?:disposent|dispose|bénéficient|bénéficie|ont|a|jouissent|"
     r"jouit|possèdent|possède|ont obtenu|a obtenu) (?:d['’]un|du|le|un) statut d['’]observateur(?: (?:au sein |auprès )?"
     r"(?:de la |de l['’]|du |des |de |à la |à l['’]|au ){O:org})?"),
    ("membership:are-observers", "observer", ART + LIST + r" (?:sont|est) (?:aussi |également |déjà |désormais )?(?:des |un |une |les )?(?:pays |États )?"
     r"observateurs?(?: (?:au sein )?(?:de la |de l['’]|du |des |de |à la |à l['’]|au ){O:org})?"),
    ("membership:observers-are", "observer", r"(?:[Ss]es|[Ll]es) (?:pays |États )?observateurs (?:de la |de l['’]|du "
     r"|des |de )?(?:{O:org} )?(?:sont|comprennent) (?:la |le |les |l['’])?" + LIST),
    ("membership:candidate", "candidate", ART + LIST + r" (?:est|sont|a|ont) (?:officiellement )?(?:candidate?s?|"
     r"déposé (?:sa|leur) candidature|demandé à adhérer)(?: (?:à l['’]adhésion )?(?:à la |à l['’]|au |aux )?{O:org})?"),
    ("membership:candidate-apposition", "candidate", ART + LIST + r",? (?:candidate?s?|pays candidats?) (?:officielle?s? )?"
     r"à l['’]adhésion (?:à |au |aux )(?:la |l['’]|le )?{O:org}"),
    ("membership:partner", "partner", ART + LIST + r" (?:est|sont) (?:un |une |des )?partenaires? (?:de dialogue |"
     r"stratégiques? )?(?:de la |de l['’]|du |des |de ){O:org}"),
    ("membership:chair", "chair", r"(?:{S:state}|(?P<anaphor>le pays|il|elle)) (?:assure|assume|exerce|occupe|détient) "
     r"(?:actuellement |désormais |{T} |cette année |depuis {T} )?la présidence(?: tournante| en exercice)?(?: (?:de la |de l['’]|du |des |de )"
     r"(?:{O:org}|organisation))?"),
    ("membership:chairs-verb", "chair", r"{S:state} (?:préside|présidera) (?:actuellement )?(?:la |le |l['’])?{O:org}"),
]
ORG_ANAPHORA = r"\b(?:[Ss]es|[Ss]on|[Ss]a|l['’]organisation|[Ll]['’]organisation|l['’]alliance|le bloc)\b"
STATE_ANAPHORA = r"\b(?:le pays)\b"
PRONOUN_SUBJECT = r"(?:^|, |; |\bet |\bqu['’]|\bque )(?:il|elle|Il|Elle)\b|\b(?:[Ss]elon lui|[Ss]elon elle)\b|-t-(?:il|elle)\b"

EVENT_RULES = [
    ("event:reception", "reception", r"\bréceptions?\b(?: (?:organisée|offerte|donnée|tenue) par (?:la |le |l['’])?"
     r"{SOP:host})?(?:[^.;]{0,40}?(?:marquant|à l['’]occasion de|pour célébrer|célébrant|en l['’]honneur de|pour "
     r"marquer) (?:la |le |l['’])?{V:occasion})?"),
    ("event:meeting", "meeting", r"\b(?:(?:(?:a |ont )?(?:tenu|eu) (?:une |des )?(?:réunions?|rencontres?|entretiens?|"
     r"consultations?)|(?:s['’]est |se sont )?(?:entretenue?s?|réunie?s?)|rencontre|entretien|réunion)(?: {T:date})?"
     r"(?: séparément)? avec|(?:a |ont )?(?:également |aussi )?(?:rencontré|reçu)(?: {T:date3})?(?: (?:à|au|en) "
     r"{L:place})?(?= (?:la |le |les |l['’])?{SDRP}))"
     r"(?: {T:date2})? (?:la |le |les |l['’])?(?P<with>[^.;]{0,160})"),
    ("event:meeting-plural", "meeting", r"\bse (?:réuniront|réunissent|sont réunis|sont réunies|réunira|réunit|"
     r"retrouveront|retrouvent)\b(?: (?:à|au|en) {L:place})?(?: {T:date2})?"),
    ("event:summit", "summit", r"\b[Ss]ommet\b(?: [a-zà-ÿ]+)?(?: (?:de la |de l['’]|du |des |de ){O:host})?(?: (?:à|au|en) {LS:place})?"),
    ("event:visit", "visit", r"\b(?:(?:en|lors d['’]une|pour une) (?:visite|déplacement)(?: officielle| de travail| "
     r"d['’]État)?|s['’]est rendue?|se rend(?:ra)?|a visité|visite|(?:a été|sera|est) (?:reçue?|accueillie?)|"
     r"(?:doit|devrait) se rendre|se rendra)(?: {T:date})? (?:à |au |aux |en )?(?:la |le |les |l['’])?{LS:place}"
     r"(?: {T:date2})?(?: par (?:son |sa )?(?:homologue )?(?:{D} )?(?:{R} )?{P:host})?"),
    ("event:designation", "designation", r"{O:by} (?:a |avait )?(?:officiellement )?(?:proclamé|désigné|déclaré|institué|"
     r"reconnu|consacré) (?:le |la |l['’])?(?:{T:date} )?(?:comme |en tant que )?(?:la |le |l['’])?{V:about}"),
    ("event:designation-relative", "designation", r"{V:about},? (?:que|qu['’]) ?(?:la |le |l['’])?{O:by} (?:a|avait) "
     r"(?:officiellement )?(?:proclamée?|désignée?|instituée?|reconnue?)"),
    ("event:designation-passive", "designation", r"{V:about},?(?: célébrée le {T:date},?)? (?:a été|avait été) "
     r"(?:officiellement )?(?:proclamée|désignée|instituée|reconnue) par (?:la |le |l['’])?{O:by}"),
    ("event:launch", "launch", r"\blancement (?:officiel )?(?:du |de la |de l['’]|des )(?:{G:about2}|(?P<about3>"
     r"(?:UP[\w-]+ ?){1,8}))|\b(?:a |ont )?(?:lancé|inauguré|dévoilé) (?:le |la |l['’]|les |un |une |son |sa )?"
     r"(?:nouveau |nouvelle )?(?:{G:about4}|(?P<about5>(?:UP[\w-]+ ?){2,8}))"),
    # un État ou une organisation qui parle : "La Syrie a appelé dimanche ...", "Kiev a salué la décision"
    ("event:body-says", "announcement", r"^(?:[Ll]a |[Ll]e |[Ll]es |[Ll]['’])?{SO:by}(?: a| ont| avait) (?:également |aussi )?"
     r"(?:annoncé|déclaré|appelé|salué|condamné|dénoncé|rejeté|exigé|averti|exhorté|affirmé)\b"),
    ("event:announcement", "announcement", r"\b(?:a |ont |avait )?(?:également |aussi )?annoncé (?:que |qu['’]|"
     r"son intention de |le |la |l['’]|de |des )(?P<content>[^;]{10,300})"),
    ("event:agreement", "agreement", r"\b(?:ont |a )?(?:signé|conclu|paraphé|conclu) (?:un |une |le |la |l['’]|des |"
     r"plusieurs |deux |trois |quatre |de nouveaux |d['’]importants )"
     r"(?:[\w-]+ ){0,4}?(?:accord|mémorandum|traité|protocole|convention|déclaration|feuille de route)s?\b"),
]
PLURAL_ANAPHORA = r"\b(?:[Ll]es deux (?:parties|chefs d['’]État|dirigeants|présidents|ministres|pays|hommes|femmes|délégations|responsables))\b"
COUNTERPART_RULES = [r"(?:[Ss]on|[Ss]a) homologue (?:{D:ofd},? ?)?(?:(?:de la |du |de l['’]|d['’]|de ){S:of},? ?)?,?\s?{P:person}",
                     r"{P:person}, (?:son|sa) homologue(?: {D:ofd})?"]
PLACE_NAME = (r"\b(?:arrivée?s?|réunie?s?|réunissent|rencontré|tenue?s?|tiendra|sommet|visite|rendue?|accueilli|"
              r"reçue?s?|signé|lieu|ouvert)\b[^.;]{0,40}?\b(?:à|au) (?P<name>UP[\w’'-]+(?:[- ]UP[\w’'-]+){0,2})")
EVENT_WHERE = r"{LS:place}, où (?:il|elle|ils|\w+) a (?:tenu|eu|rencontré)"
PLACE_PREP = r"\b(?:à|au) {L:place}"
SETTING_RULES = [r"^(?:À|A) {L:place},", r"^{L:place}(?:, {S})?(?:,? {T})?(?:,? \([\w ]+\))? ?(?:[-—–]|:(?= ))"]
# "le ministre ukrainien de la Défense": a post written around the nationality
#: a title whose field goes on after a comma ("le ministre des Affaires étrangères, de la Coopération africaine et
#: des Marocains résidant à l'étranger, Nasser Bourita"): the title's mention is stretched to the last comma
TITLE_CONTINUED = (r"\ue000R(?P<role>\d+)\ue001(?P<more>(?:,? (?:et )?(?:de la |de l['’]|du |des )(?:[^,\ue000]|\ue000D\d+\ue001)"
                   r"{3,60}?)+)(?=, \ue000P|, (?:M\. |Mme |le |la )?[A-ZÉ][a-zé])")
ROLE_AROUND_DEMONYM = r"\ue000R(?P<role>\d+)\ue001 \ue000D(?P<dem>\d+)\ue001 (?P<rest>(?:de la |de l['’]|des |du |de )[\w’'-]+(?: (?:(?:et|de|du|des|la|aux) |l['’])?[\w’'-]+){0,4})"

TRADE_WORD = r"\b(?:échanges(?: commerciaux)?|commerce|volume des échanges|exportations|importations)\b"
TRADE_AIM = (r"\b(?:vise|visent|ambitionne|ambitionnent|souhaite|souhaitent|veut|veulent|compte|comptent|entend|"
             r"devrait|devraient|doit|doivent|pourrait|pourraient|"
             r"entendent|espère|espèrent|prévoit|prévoient|objectif|s['’]est fixé|se sont fixé|ont convenu|"
             r"(?:porter|hisser|doubler|tripler|augmenter|atteindre|relever)(?: [\w’']+){0,6} (?:à|de)|atteindre)\b")
TRADE_PARTNER = (r"\b(?:échanges(?: commerciaux)?|commerce)(?: bilatéraux| bilatéral)? (?:avec|entre) (?:la |le |les |l['’])?"
                 r"(?:{SO:partner}|(?P<ptext>(?:États|pays|nations|membres|partenaires|républiques|voisins)(?: (?:membres|"
                 r"[a-zà-ÿ-]+(?:iques|ains|aines|aux|ales|ens|ennes|ais|aises|ois|oises)))?))")
TRADE_BETWEEN = r"\bentre (?:la |le |les |l['’])?{SO:a} et (?:la |le |les |l['’])?{SO:b}"

QUOTES = r"«\s?(?P<q3>[^»]{8,}?)\s?»|“(?P<q1>[^”]{8,})”|\"(?P<q2>[^\"]{8,})\""
STATEMENT_SPEAKER = [
    r"[»”\"],? (?:a |a-t-il |a-t-elle )?(?:" + SPEECH_VERBS + r"|" + SPEECH_VERBS_PRESENT + r") {P:speaker}",
    r"{P:speaker},? (?:a |avait )?(?:" + SPEECH_VERBS + r"|" + SPEECH_VERBS_PRESENT + r")(?: que)?\s?:?\s?[«“\"]",
    r"[»”\"],? (?:selon|d['’]après) {P:speaker}",
]
PRONOUN_SPEECH = r"[»”\"],? (?:a-t-il|a-t-elle|(?:a |)(?:" + SPEECH_VERBS + r")-t-(?:il|elle)|dit-il|dit-elle|" \
                 r"déclare-t-il|déclare-t-elle|ajoute-t-il|ajoute-t-elle|souligne-t-il|souligne-t-elle)"

# ---- posts read across the article (extract/posts.py)
#: two titles before one name: "Le président de la République arabe d'Égypte, président en exercice de l'Union
#: africaine (UA), Abdel Fattah Al Sissi"
CHAINED_TITLES = (r"{R:r1}" + TITLE_STATE + r"(?: {D:d1})?(?:" + OF + r"{SO:o1})?(?:" + TO + r"{SO:t1})?(?:, (?:et )?| et )"
                  r"{R:r2}" + TITLE_STATE + r"(?: {D:d2})?(?:" + OF + r"{SO:o2}(?: \((?:{O}|[A-Z]{2,6})\))?)?(?:" + TO
                  + r"{SO:t2})?(?:(?:, (?:et )?| et ){R:r3}(?: {D:d3})?(?:" + OF + r"{SO:o3})?)?,? " + HON + r"{P:person}")
#: "Le Djiboutien Mahmoud Ali Youssouf", "le président sénégalais Bassirou Diomaye Faye",
#: "Le Cap-Vert était représenté par X"
NATIONALITY_RULES = [
    r"{D:state} " + HON + r"{P:person}",
    r"{S:state} (?:était |a été |est |sera |s['’]est fait )?représentée? (?:[^,.\ue000]{0,60} )?par " + HON
    + r"{P:person}",
]
#: "succédant au Tchadien Moussa Faki Mahamat", "remplace X", "son prédécesseur Y"
SUCCESSION_RULES = [
    r"\b(?:succédant|succède|succédera|a succédé|remplace|remplaçant|remplacera|a remplacé|prend la succession|"
    r"prendra la succession|a pris la succession|son prédécesseur|sa prédécesseure?|en remplacement)(?: à la| au| aux|"
    r" à l['’]| à| de la| du| de l['’]| de| d['’])? ?(?:l[ea] |l['’])?(?:{D},? )?(?:{R}(?: {D})?(?: (?:de la |du |de l['’]|des "
    r"|de ){SO})?,? )?" + HON + r"(?:{P:pred}|(?P<name>NAME))",
]
#: "les présidents du Sénégal, Bassirou Diomaye Faye, de la Guinée-Bissau, Umaro Sissoco Embaló ...";
#: "Quatre nouveaux ambassadeurs ... Ce sont : MM. Benny Omer (Israël), Jean-Marc Simon (France)"
_PLURAL_TITLES = (r"(?P<plural>[Pp]résidents|[Pp]remiers [Mm]inistres|[Mm]inistres des [Aa]ffaires [ée]trangères|"
                  r"[Aa]mbassadeurs|[Dd]irigeants|[Cc]hefs de la diplomatie|[Cc]hefs d['’][ÉE]tats?)")
ROLE_LISTS = [
    (r"\b" + _PLURAL_TITLES + r"(?P<items>(?:(?:,| et|, et)? (?:de la |du |de l['’]|des |de |d['’])?{S}, " + HON
     + r"NAME){2,})", r"(?:de la |du |de l['’]|des |de |d['’])?{S:state}, " + HON + r"(?P<name>NAME)"),
    (r"\b" + _PLURAL_TITLES + r"(?: [\w’'.-]+){0,30}?[,:]? (?:(?:MM?\.|Mmes?) )?(?P<items>(?:{P}|NAME) \({S}\)(?:(?:,|,? et) "
     r"(?:{P}|NAME) \({S}\))+)", r"(?:{P:person}|(?P<name>NAME)) \({S:state}\)"),
    (r"\b" + _PLURAL_TITLES + r"(?: [\w’'.-]+){0,8}?[,:]? (?P<items>(?:{P}|NAME) (?:du |de la |de l['’]|des |d['’]|de )"
     r"{S}(?:(?:,|,? et) (?:{P}|NAME) (?:du |de la |de l['’]|des |d['’]|de ){S}){2,})",
     r"(?:{P:person}|(?P<name>NAME)) (?:du |de la |de l['’]|des |d['’]|de ){S:state}"),
    # "Les présidents Andry Rajoelina et Emmanuel Macron": the states from what else the article says of each
    (r"\b" + _PLURAL_TITLES + r" (?P<items>(?:{P}|NAME)(?:(?:,| et|, et) (?:{P}|NAME))+)(?! \(|,? \ue000[SD]| d[eu]\b)",
     r"(?:{P:person}|(?P<name>NAME))"),
]
ROLE_LIST_KEYS = {"présidents": "president", "premiers ministres": "prime-minister",
                  "ministres des affaires étrangères": "minister-of-foreign-affairs",
                  "ministres des affaires etrangères": "minister-of-foreign-affairs",
                  "ambassadeurs": "ambassador", "dirigeants": "leader",
                  "chefs de la diplomatie": "minister-of-foreign-affairs", "chefs d'etats": "head-of-state",
                  "chefs d'états": "head-of-state", "chefs d'état": "head-of-state", "chefs d’etats": "head-of-state",
                  "chefs d’états": "head-of-state", "chefs d’état": "head-of-state", "chefs d'etat": "head-of-state",
                  "chefs d’etat": "head-of-state"}

# ---- what kind of body an unknown organisation name is (rules.classify_body)
VENUE_NAME = r"\b(?:Palais|Centre|Hôtel|Salle|Stade|Résidence)\b"
EVENT_NAME = r"\b(?:Sommet|Forum|Conférence(?! des)|Réunion|Jeux|Expo|Session)\b"
INTERNATIONAL_WORDS = (r"\b(?:[Ii]nternationale?s?|[Ii]ntergouvernementale?s?|[Rr]égionale?s?|[Aa]fricaine?s?|"
                       r"[Ee]uropéenne?s?|[Aa]siatiques?|[Aa]rabes?|[Ii]slamiques?|Union|Nations|Communauté|"
                       r"Commonwealth|[Tt]urciques?|Francophonie|[Mm]ondiale?s?)\b")
NATIONAL_BODIES = [  # the first that matches: a news agency is not a government agency
    ("national", r"\b(?:Conseil fédéral|Parlement|Sénat|Assemblée nationale|Chambre|Cour|Tribunal|Conseil constitutionnel|"
                 r"Agence de presse|Radio|Télévision|Police|Armée|Forces armées)\b"),
    ("party", r"\bParti\b"),
    ("agency", r"\b(?:Ministère|Direction|Agence(?! de presse)|Autorité|Office|Administration|Gouvernement|"
               r"Présidence|Banque centrale|Douanes?|Secrétariat d['’]État)\b"),
]
