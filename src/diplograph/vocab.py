"""Every IRI the project writes, in one place.

`DG` is a closed namespace: a misspelt term raises at import time instead of
minting a silent new IRI.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace, URIRef

BASE = "https://w3id.org/diplograph/"
ONTOLOGY_IRI = BASE + "ontology"


class DG(DefinedNamespace):
    """Terms of ontology/diplograph.ttl."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Agent: URIRef
    State: URIRef
    Organisation: URIRef
    IntergovernmentalOrganisation: URIRef
    PoliticalParty: URIRef
    DiplomaticMission: URIRef
    GovernmentAgency: URIRef
    NationalBody: URIRef
    Person: URIRef
    Place: URIRef
    Role: URIRef
    MembershipStatus: URIRef
    Fact: URIRef
    RoleHolding: URIRef
    Membership: URIRef
    TradeTarget: URIRef
    Statement: URIRef
    Event: URIRef
    Meeting: URIRef
    Summit: URIRef
    Reception: URIRef
    Visit: URIRef
    Designation: URIRef
    Launch: URIRef
    Announcement: URIRef
    Agreement: URIRef
    Observance: URIRef
    Programme: URIRef
    NewsArticle: URIRef
    Mention: URIRef
    # membership statuses
    member: URIRef
    observer: URIRef
    candidate: URIRef
    partner: URIRef
    chair: URIRef
    # properties
    acronym: URIRef
    formerName: URIRef
    isoAlpha2: URIRef
    isoAlpha3: URIRef
    isoNumeric: URIRef
    demonym: URIRef
    capital: URIRef
    country: URIRef
    accreditedTo: URIRef
    envoy: URIRef
    holder: URIRef
    role: URIRef
    roleOf: URIRef
    roleTo: URIRef
    since: URIRef
    memberState: URIRef
    organisation: URIRef
    status: URIRef
    date: URIRef
    dateText: URIRef
    place: URIRef
    participant: URIRef
    host: URIRef
    occasion: URIRef
    about: URIRef
    eventLabel: URIRef
    designatedBy: URIRef
    observedOn: URIRef
    runBy: URIRef
    actor: URIRef
    tradePartner: URIRef
    partnerText: URIRef
    amount: URIRef
    currency: URIRef
    horizon: URIRef
    targetYear: URIRef
    statedBy: URIRef
    statedIn: URIRef
    speaker: URIRef
    quote: URIRef
    evidence: URIRef
    inArticle: URIRef
    sentence: URIRef
    start: URIRef
    end: URIRef
    language: URIRef
    rule: URIRef
    sourceFile: URIRef


ID = Namespace(BASE + "id/")
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
TIME = Namespace("http://www.w3.org/2006/time#")

#: one prefix per kind of node we mint (id/<kind>/<key>), so Turtle reads "state:AZE", "event:4bbe…"
NODE_KINDS = ("article", "mention", "state", "organisation", "person", "place", "role", "observance", "programme",
              "event", "membership", "role-holding", "trade-target", "statement")

#: Prefixes bound in every graph we write, so Turtle stays readable.
PREFIXES = {
    "dg": str(DG._NS),
    **{k: f"{BASE}id/{k}/" for k in NODE_KINDS},
    "wd": str(WD),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "sem": str(SEM),
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

#: Kinds of entity, as used in IRIs (id/<kind>/<key>) and in the extractors.
KIND_CLASS = {
    "state": DG.State,
    "organisation": DG.Organisation,
    "person": DG.Person,
    "place": DG.Place,
    "role": DG.Role,
    "observance": DG.Observance,
    "programme": DG.Programme,
}

#: Organisation subtypes as named in the reference data and by the extractors.
ORG_TYPE_CLASS = {
    "igo": DG.IntergovernmentalOrganisation,
    "party": DG.PoliticalParty,
    "mission": DG.DiplomaticMission,
    "agency": DG.GovernmentAgency,
    "national": DG.NationalBody,
    "organisation": DG.Organisation,
}

EVENT_TYPE_CLASS = {
    "meeting": DG.Meeting,
    "summit": DG.Summit,
    "reception": DG.Reception,
    "visit": DG.Visit,
    "designation": DG.Designation,
    "launch": DG.Launch,
    "announcement": DG.Announcement,
    "agreement": DG.Agreement,
    "other": DG.Event,
}

STATUS_TERM = {
    "member": DG.member,
    "observer": DG.observer,
    "candidate": DG.candidate,
    "partner": DG.partner,
    "chair": DG.chair,
}


def entity_iri(kind: str, key: str) -> URIRef:
    """The stable IRI of an entity: id/<kind>/<key>."""
    return ID[f"{kind}/{key}"]
