"""The ontology and the exported data as OWL tools read them.

The OWL API (the library Protégé is built on, from Debian's libowlapi-java) checks the OWL 2 DL profile of the
ontology and of each export, and tells how it reads the facts; HermiT (the reasoner owlready2 ships) checks
that the ontology and the data are consistent. Both need Java: `make test` installs it (default-jdk-headless
and libowlapi-java, see the Makefile's system-deps); elsewhere these tests are skipped with the reason.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, Namespace, URIRef
from rdflib.namespace import SKOS

from diplograph.build import build
from diplograph.export import export
from diplograph.vocab import DG, ONTOLOGY_IRI

from .conftest import ROOT

ONTOLOGY = ROOT / "src" / "diplograph" / "ontology" / "diplograph.ttl"
CHECKER = Path(__file__).resolve().parent / "owl" / "OwlCheck.java"
OWLAPI_JARS = Path("/usr/share/java")
CAMEO = Namespace("https://w3id.org/diplograph/cameo/")
PLOVER = Namespace("https://w3id.org/diplograph/plover/")

needs_java = pytest.mark.skipif(shutil.which("java") is None,
                                reason="needs Java (Debian default-jdk-headless; make test installs it as root)")
needs_owlapi = pytest.mark.skipif(not (OWLAPI_JARS / "owlapi-distribution.jar").exists(),
                                  reason="needs the OWL API (Debian libowlapi-java; make test installs it as root)")


def owl_api(*files: Path, ontology: Path = ONTOLOGY) -> dict[str, dict]:
    """What the OWL API makes of each file (ontology IRI mapped to `ontology`): its imports, OWL 2 DL profile
    violations, axiom counts by type and annotation assertions by property."""
    res = subprocess.run(["java", "-cp", f"{OWLAPI_JARS}/*", str(CHECKER), ONTOLOGY_IRI, str(ontology),
                          *map(str, files)], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    out: dict[str, dict] = {}
    for line in res.stdout.splitlines():
        kind, _, rest = line.partition("\t")
        if kind == "file":
            cur = out[rest] = {"imports": [], "violations": [], "axioms": Counter(), "annotations": Counter()}
        elif kind == "imports":
            cur["imports"].append(rest)
        elif kind == "violation":
            cur["violations"].append(rest)
        elif kind in ("axioms", "annotation"):
            name, n = rest.rsplit("\t", 1)
            cur["axioms" if kind == "axioms" else "annotations"][name] = int(n)
    return out


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    """The seed articles and the development corpus (dates, publication dates, headlines, target years), built
    to a store and exported: Turtle and TriG by build, JSON-LD by the store's export."""
    out = tmp_path_factory.mktemp("owl")
    files = {}
    for name, src in (("seed", ROOT / "articles"), ("dev", ROOT / "tests" / "corpus" / "dev" / "articles")):
        store = out / f"{name}-store"
        build([src], [out / f"{name}.ttl", out / f"{name}.trig"], store=store)
        export([], "jsonld", out / f"{name}.jsonld", store=store)
        files.update({f"{name}.ttl": out / f"{name}.ttl", f"{name}.trig": out / f"{name}.trig",
                      f"{name}.jsonld": out / f"{name}.jsonld"})
    return files


@needs_java
@needs_owlapi
def test_the_ontology_is_owl2_dl(ontology):
    (report,) = owl_api(ONTOLOGY).values()
    assert report["violations"] == []
    # and it still holds what it held: classes, properties of each kind
    assert report["axioms"]["SubClassOf"] >= 30 and report["axioms"]["DataPropertyRange"] >= 10


@needs_java
@needs_owlapi
def test_the_checker_sees_violations(tmp_path):
    """The profile check can fail: the former ontology's faults (a data property under rdfs:label, a day as
    xsd:date range of a data property, an undeclared class) are each reported."""
    bad = tmp_path / "bad.ttl"
    bad.write_text("""@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix dg: <https://w3id.org/diplograph/ontology#> .
<https://w3id.org/diplograph/ontology> a owl:Ontology .
dg:eventLabel a owl:DatatypeProperty ; rdfs:subPropertyOf rdfs:label .
dg:date a owl:DatatypeProperty ; rdfs:range xsd:date .
dg:Agent a owl:Class ; rdfs:subClassOf <http://xmlns.com/foaf/0.1/Agent> .
""", encoding="utf-8")
    (report,) = owl_api(bad, ontology=bad).values()
    text = "\n".join(report["violations"])
    assert "Cannot pun between properties: <https://w3id.org/diplograph/ontology#eventLabel>" in text
    assert "Use of undeclared datatype: xsd:date" in text
    assert "Use of undeclared class: <http://xmlns.com/foaf/0.1/Agent>" in text


@needs_java
@needs_owlapi
def test_exports_are_owl2_dl_and_read_as_assertions(exports, ontology):
    """Every export imports the ontology, has no OWL 2 DL violation, and the OWL API reads each fact as the
    assertion its property makes it: object and data property assertions, annotations only for names and
    calendar values (the annotation properties of the ontology)."""
    reports = owl_api(*exports.values())
    kinds = {kind: {str(p) for p in ontology.subjects(RDF.type, kind)}
             for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)}
    for name, path in exports.items():
        r = reports[str(path)]
        assert r["imports"] == [ONTOLOGY_IRI], name
        assert r["violations"] == [], (name, r["violations"][:5])
        assert set(r["annotations"]) <= kinds[OWL.AnnotationProperty], name
        if name == "seed.ttl":  # one triple per assertion in the merged graph: the counts must agree
            g = Graph().parse(path)
            preds = Counter(str(p) for _, p, _ in g)
            assert r["axioms"]["ObjectPropertyAssertion"] == sum(
                n for p, n in preds.items() if p in kinds[OWL.ObjectProperty]), name
            assert r["axioms"]["DataPropertyAssertion"] == sum(
                n for p, n in preds.items() if p in kinds[OWL.DatatypeProperty]), name
            assert r["axioms"]["ClassAssertion"] == preds[str(RDF.type)] - 1, name  # less the header's
        assert r["axioms"]["DataPropertyAssertion"] > 500 and r["axioms"]["ObjectPropertyAssertion"] > 300, name


def test_exports_carry_the_ontology_header(exports):
    """Same bytes for the same articles (no date in it), the header once, in the facts graph."""
    header = "<https://w3id.org/diplograph/id/data> <http://www.w3.org/2002/07/owl#imports> " \
             f"<{ONTOLOGY_IRI}> <https://w3id.org/diplograph/id/graph/facts> ."
    ds = Graph().parse(exports["seed.ttl"])
    assert (URIRef("https://w3id.org/diplograph/id/data"), OWL.imports, URIRef(ONTOLOGY_IRI)) in ds
    from diplograph.export import load_quads, serialize

    nq = serialize(load_quads([exports["seed.trig"]]), "nquads").decode()
    assert nq.count(header) == 1


def hermit_consistent(ontology: Path, data: Path) -> bool:
    """Whether HermiT finds the ontology and the data together consistent (owlready2 runs it)."""
    import owlready2

    def ntriples(path: Path) -> io.BytesIO:
        return io.BytesIO(Graph().parse(path).serialize(format="nt", encoding="utf-8"))

    world = owlready2.World()
    # the ontology first, under its IRI, so that the data's owl:imports finds it here and not on the network
    world.get_ontology(ONTOLOGY_IRI).load(fileobj=ntriples(ontology), format="ntriples")
    world.get_ontology("https://w3id.org/diplograph/id/data").load(fileobj=ntriples(data), format="ntriples")
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    return True


@needs_java
def test_hermit_finds_ontology_and_seed_graph_consistent(exports):
    assert hermit_consistent(ONTOLOGY, exports["seed.ttl"])


@needs_java
def test_hermit_sees_an_inconsistency(exports, tmp_path):
    """The consistency check can fail: with 'date as written' ranged over xsd:string (as it was), the seed
    graph's dates in words (language-tagged) contradict the ontology."""
    wrong = tmp_path / "wrong.ttl"
    text = ONTOLOGY.read_text(encoding="utf-8")
    assert "dg:dateText a owl:DatatypeProperty ; rdfs:range rdf:langString ;" in text
    wrong.write_text(text.replace("dg:dateText a owl:DatatypeProperty ; rdfs:range rdf:langString ;",
                                  "dg:dateText a owl:DatatypeProperty ; rdfs:range xsd:string ;"), encoding="utf-8")
    assert not hermit_consistent(wrong, exports["seed.ttl"])


def test_event_classes_join_cameo_and_plover(exports, ontology):
    """Our events get the CAMEO codes (GDELT) and PLOVER types (POLECAT) of their class in one query."""
    g = Graph().parse(exports["seed.ttl"])
    g += ontology
    rows = g.query("""
        PREFIX dg: <https://w3id.org/diplograph/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?cls ?scheme ?code (COUNT(DISTINCT ?e) AS ?events) WHERE {
          ?e a ?cls . ?cls skos:closeMatch ?c . ?c skos:inScheme ?scheme ; skos:notation ?code .
        } GROUP BY ?cls ?scheme ?code""")
    got = {(str(c).split("#")[1], str(s).rsplit("/", 1)[1], str(code)): int(n) for c, s, code, n in rows}
    assert got[("Meeting", "cameo", "04")] >= 1 and got[("Meeting", "plover", "CONSULT")] >= 1
    assert got[("Statement", "cameo", "01")] == 5
    expected = {DG.Meeting: {CAMEO["04"], PLOVER.CONSULT}, DG.Summit: {CAMEO["04"], PLOVER.CONSULT},
                DG.Visit: {CAMEO["042"], CAMEO["043"], PLOVER.CONSULT}, DG.Agreement: {CAMEO["057"], PLOVER.AGREE},
                DG.Announcement: {CAMEO["01"]}, DG.Statement: {CAMEO["01"]}}
    for cls, concepts in expected.items():
        assert set(ontology.objects(cls, SKOS.closeMatch)) == concepts, cls
    for concept in set().union(*expected.values()):
        assert ontology.value(concept, SKOS.notation) is not None and ontology.value(concept, SKOS.prefLabel)
