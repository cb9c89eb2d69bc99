"""SHACL validation of a built graph (pySHACL), optionally after RDFS/OWL-RL inference."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from .lexicon import ONTOLOGY_DIR

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY = ONTOLOGY_DIR / "diplograph.ttl"


class ValidationError(Exception):
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
            lines.append(f"- {sev}: {focus} {path}: {msg}")
        return "\n".join(lines)


def load_graph(paths: list[str | Path]) -> Graph:
    g = Graph()
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise ValidationError(f"{p}: no such file (build the graph first: diplograph build)")
        try:
            g.parse(p)
        except Exception as exc:
            raise ValidationError(f"{p}: cannot be parsed ({str(exc).splitlines()[0][:100]})") from exc
    return g


def _without_same_as(g: Graph) -> Graph:
    from rdflib.namespace import OWL

    out = Graph()
    for t in g:
        if t[1] != OWL.sameAs:
            out.add(t)
    return out


def validate(data: list[str | Path] | Graph, infer: bool = False) -> Report:
    """Check a graph (files or an rdflib Graph) against ontology/shapes.ttl."""
    from pyshacl import validate as shacl

    g = data if isinstance(data, Graph) else load_graph(list(data))
    if infer:
        # owl:sameAs to Wikidata would make OWL-RL copy every statement onto the Wikidata IRI (and count
        # each state twice); the links are identity hints for other tools, not for our own reasoning.
        g = _without_same_as(g)
    shapes = Graph().parse(SHAPES)
    ont = Graph().parse(ONTOLOGY)
    conforms, results, _ = shacl(g, shacl_graph=shapes, ont_graph=ont, inference="owlrl" if infer else "none",
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
