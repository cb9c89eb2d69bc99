"""SHACL validation of a built graph (pySHACL), optionally after RDFS/OWL-RL inference."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from .errors import DiplographError
from .messages import clean
from .rdfinput import check_rdf_file
from .resources import ontology_dir


def ontology_graph() -> Graph:
    """The OWL ontology shipped with the package (ontology/diplograph.ttl)."""
    return Graph().parse(data=ontology_dir().joinpath("diplograph.ttl").read_bytes(), format="turtle")


def shapes_graph() -> Graph:
    """The SHACL shapes shipped with the package (ontology/shapes.ttl)."""
    return Graph().parse(data=ontology_dir().joinpath("shapes.ttl").read_bytes(), format="turtle")


class ValidationError(DiplographError):
    pass


@dataclass
class Report:
    conforms: bool
    violations: list[tuple[str, str, str, str]]  # (focus node, path, message, severity)

    def text(self) -> str:
        if self.conforms:
            return "conforms: the graph satisfies every shape"
        lines = [f"{len(self.violations)} violation(s):"]
        for focus, path, msg, sev in self.violations:
            lines.append(clean(f"- {sev}: {focus} {path}: {msg}"))  # one line each, whatever the data holds
        return "\n".join(lines)


def load_graph(paths: list[str | Path]) -> Graph:
    g = Graph()
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise ValidationError(f"{p}: no such file (build the graph first: diplograph build)")
        try:
            check_rdf_file(p)
            g.parse(p)
        except Exception as exc:
            raise ValidationError(f"{p}: cannot be parsed ({str(exc).splitlines()[0][:100]})") from exc
    return g


def entail(g: Graph) -> Graph:
    """The graph with the RDFS entailments of itself and the ontology added (owlrl), in a new Graph.

    owl:sameAs links to Wikidata are kept out of the reasoning (they are identity hints for other tools;
    OWL-RL would copy every statement onto the Wikidata IRIs), and the statements RDFS makes about literals
    (generalised RDF, which no store takes) are dropped.
    """
    import owlrl
    import rdflib.term
    from rdflib import Literal
    from rdflib.namespace import OWL

    out = Graph()
    for t in g:
        if t[1] != OWL.sameAs:
            out.add(t)
    out += ontology_graph()
    # owlrl swaps in its own lexical-to-value converters, one of which misreads xsd:gMonthDay ("--12-15");
    # put rdflib's back afterwards
    saved = dict(rdflib.term._toPythonMapping)
    try:
        owlrl.DeductiveClosure(owlrl.RDFS_Semantics, axiomatic_triples=False).expand(out)
    finally:
        rdflib.term._toPythonMapping.clear()
        rdflib.term._toPythonMapping.update(saved)
    clean = Graph()
    for t in out:
        if not isinstance(t[0], Literal):
            clean.add(t if not isinstance(t[2], Literal) else (t[0], t[1], Literal(str(t[2]), lang=t[2].language,
                                                                                 datatype=t[2].datatype)))
    for t in g.triples((None, OWL.sameAs, None)):
        clean.add(t)
    return clean


def validate(data: list[str | Path] | Graph, infer: bool = False, store: str | Path | None = None) -> Report:
    """Check a graph (files or an rdflib Graph) against the SHACL shapes (ontology/shapes.ttl in the package).

    With infer=True the RDFS entailments of the ontology are added first (subclasses and subproperties,
    which is what the shapes and queries rely on).
    """
    from pyshacl import validate as shacl

    if store is not None and not data:
        from .store import EmbeddedStore, StoreError

        try:
            g = EmbeddedStore.open(store).rdflib_graph()  # SHACL reads the whole graph: pySHACL needs rdflib
        except StoreError as exc:
            raise ValidationError(str(exc)) from exc
    else:
        g = data if isinstance(data, Graph) else load_graph(list(data) or ["graphs/diplograph.ttl"])
    if infer:
        g = entail(g)
    shapes = shapes_graph()
    ont = ontology_graph()
    conforms, results, _ = shacl(g, shacl_graph=shapes, ont_graph=ont, inference="none",
                                 abort_on_first=False, allow_warnings=True, advanced=True)
    violations = []
    for r in results.subjects(SH.resultSeverity, None):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        msgs = [m for m in results.objects(r, SH.resultMessage)]
        msg = next((str(m) for m in msgs if getattr(m, "language", None) == "en"), str(msgs[0]) if msgs else "")
        sev = str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        violations.append((str(focus), str(path).rsplit("#", 1)[-1] if path else "", msg, sev))
    violations.sort()
    return Report(bool(conforms), violations)
