"""The ontology, the shapes and the reference lexicon: parse, are documented in both languages, and cover the facts."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SH, SKOS

from diplograph.vocab import DG

from .conftest import ROOT

ONT = ROOT / "src" / "diplograph" / "ontology"


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(ONT / "diplograph.ttl")


@pytest.fixture(scope="module")
def shapes():
    return Graph().parse(ONT / "shapes.ttl")


def terms(g):
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        yield from (t for t in g.subjects(RDF.type, kind) if str(t).startswith(str(DG._NS)))


def test_every_term_has_label_and_comment_in_english_and_french(ontology):
    missing = []
    for t in terms(ontology):
        for pred in (RDFS.label, RDFS.comment):
            langs = {o.language for o in ontology.objects(t, pred)}
            if not {"en", "fr"} <= langs:
                missing.append((str(t), str(pred)))
    assert not missing
    assert len(list(terms(ontology))) >= 70


def test_vocab_module_matches_ontology(ontology):
    declared = {str(t) for t in terms(ontology)} | {str(t) for t in ontology.subjects(RDF.type, DG.MembershipStatus)}
    in_code = {str(getattr(DG, n)) for n in DG.__annotations__}
    assert in_code <= declared, in_code - declared


@pytest.mark.parametrize("cls,aligned", [
    (DG.Organisation, "http://www.w3.org/ns/org#FormalOrganization"),
    (DG.Event, "http://semanticweb.cs.vu.nl/2009/11/sem/Event"),
    (DG.Person, "http://xmlns.com/foaf/0.1/Person"),
    (DG.NewsArticle, "https://schema.org/NewsArticle"),
    (DG.Fact, "http://www.w3.org/ns/prov#Entity"),
    (DG.RoleHolding, "http://www.w3.org/ns/org#Membership"),
])
def test_classes_are_aligned_to_standard_vocabularies(ontology, cls, aligned):
    assert (cls, RDFS.subClassOf, URIRef(aligned)) in ontology


def test_target_year_is_aligned_to_owl_time(ontology):
    assert (DG.targetYear, RDFS.subPropertyOf, URIRef("http://www.w3.org/2006/time#inXSDgYear")) in ontology


def test_every_fact_class_has_a_shape_with_messages(shapes):
    targets = set(shapes.objects(None, SH.targetClass))
    for cls in (DG.RoleHolding, DG.Membership, DG.Event, DG.TradeTarget, DG.Statement, DG.Observance,
                DG.Programme, DG.Mention, DG.NewsArticle, DG.State, DG.Organisation, DG.Person):
        assert cls in targets, cls
    for prop in shapes.subjects(SH.path, None):
        msgs = {m.language for m in shapes.objects(prop, SH.message)}
        assert {"en", "fr"} <= msgs, prop


def test_reference_counts(lex):
    states = lex.all("state")
    iso = [e for e in states if len(e.key) == 3 and e.key.isupper()]
    assert len(iso) >= 249
    assert {"northern-cyprus", "XKX", "PSE", "TWN"} <= {e.key for e in states}
    igos = [e for e in lex.all("organisation") if e.subtype == "igo"]
    assert len(igos) >= 60
    assert len(lex.all("role")) >= 40


@pytest.mark.parametrize("name,kind,key", [
    ("Kirghizistan", "state", "KGZ"),
    ("Türkiye", "state", "TUR"),
    ("Turkey", "state", "TUR"),
    ("Turquie", "state", "TUR"),
    ("Azerbaïdjan", "state", "AZE"),
    ("the Turkic Council", "organisation", "organization-of-turkic-states"),
    ("l'Organisation des États turciques", "organisation", "organization-of-turkic-states"),
    ("OTAN", "organisation", "north-atlantic-treaty-organization"),
    ("secrétaire général", "role", "secretary-general"),
    ("présidence tournante", None, None),
    ("Northern Cyprus", "state", "northern-cyprus"),
])
def test_reference_lookup(lex, name, kind, key):
    entry = lex.lookup(name)
    if key is None:
        assert entry is None
    else:
        assert (entry.kind, entry.key) == (kind, key)


def test_demonyms_in_both_languages(lex):
    forms = lex.forms[("azerbaijani",)] + lex.forms[("azerbaidjanais",)]
    assert {f.lang for f in forms} == {"en", "fr"}
    assert all(f.entry.key == "AZE" for f in forms)


def test_wikidata_ids_of_seed_states(lex):
    assert lex.get("state", "AZE").qid == "Q227"
    assert lex.get("state", "northern-cyprus").qid == "Q23681"


def test_reference_script_regenerates_the_committed_files(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_reference.py"), str(tmp_path)], check=True,
                   capture_output=True)
    for name in ("states.ttl", "places.ttl"):
        assert (tmp_path / name).read_bytes() == (ONT / "reference" / name).read_bytes(), name


def test_reference_labels_are_skos(lex):
    g = Graph().parse(ONT / "reference" / "roles.ttl")
    assert len(set(g.subjects(SKOS.prefLabel, None))) >= 40


def test_places_are_cities_of_known_states_and_never_take_a_state_name(lex):
    places = lex.all("place")
    assert len(places) > 1000
    assert [p.key for p in places if lex.get("state", p.country) is None] == []
    for key, forms in lex.forms.items():
        owners = {f.entry.key for f in forms if f.entry.kind == "place"}
        assert len(owners) <= 1, (key, owners)  # one city per name: "Tripoli" is Libya's, not Lebanon's
    # a city named like its state leaves the name to the state ("Djibouti", "Singapore")
    assert lex.lookup("Putrajaya").country == "MYS" and lex.lookup("Sotchi").country == "RUS"
