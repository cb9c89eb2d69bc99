"""diplograph: news articles about international politics into an RDF knowledge graph.

Everything the command line does is one call away::

    import diplograph
    diplograph.build(["articles"], [], store="graphs/store")   # the graph's home, updated incrementally
    kg = diplograph.load()                                      # the store, opened read-only where it is
    kg.query("memberships")                         # rows as dicts of Python values
    kg.query("memberships", state="Hungary")        # a saved question's parameters (`diplograph queries`)
    kg.query("memberships", as_frame=True)          # a pandas DataFrame (pip install 'diplograph[notebook]')
    kg.describe("OTS"), kg.evidence("Hungary"), kg.search("turkic")
    kg.viz(focus="OTS")                             # the diagram, inline in Jupyter
    diplograph.load("graphs/diplograph.ttl")                   # or graph files
"""

from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path

from rdflib import URIRef as URIRef_

from .build import build, build_dataset, remove
from .corpus import Article, iter_articles
from .errors import DiplographError
from .extract import extract


class KnowledgeGraph:
    """A built graph opened for querying: the graph store (read-only, nothing copied) or loaded files.

    `kg.store.ox` is the pyoxigraph Store itself, for anything this class does not wrap.
    """

    def __init__(self, store) -> None:
        self.store = store

    def query(self, name_or_text: str, as_frame: bool = False, **params):
        """The answer to a saved question, a .rq file or SPARQL text.

        SELECT gives a list of dicts of Python values (str, int, Decimal, date ...; None where a column is
        unbound), or with `as_frame=True` a pandas DataFrame (numbers as numbers); ASK a bool; CONSTRUCT and
        DESCRIBE an rdflib Graph.

        `params` are the question's parameters (`diplograph queries` lists them), given as Python values:
        `kg.query("memberships", state="Hungary")` finds the state by its name in any language. For ad-hoc
        SPARQL they bind variables: a str is read as `--param` reads it ("<iri>", '"text"@fr', 42, a date,
        else a plain string), an int, Decimal, date or rdflib term as itself. Values are bound, never pasted.
        """
        from . import query as Q

        res = Q.run(self.store, name_or_text, params)
        if res.kind == "ask":
            return res.boolean
        if res.kind == "graph":
            return res.graph
        rows = res.dicts()
        return _frame(rows, res.vars) if as_frame else rows

    def _entities(self, entity: str) -> list:
        from .params import Param, coerce, resolve

        p = Param("entity", "entity", "e", "")
        term = coerce(p, entity, "entity")
        return [term] if isinstance(term, URIRef_) else resolve(self.store, p, str(term), "entity")

    def describe(self, entity: str, as_frame: bool = False):
        """What the graph says about an entity (a name in any language, an acronym or an IRI): one row per
        statement, `property` and `value` (names instead of IRIs, or the IRI in short such as dg:State;
        `direction` "in" for the facts that point at it: a membership of a state, a post of a person)."""
        from .query import labels_for
        from .store import Result

        res = self.store.query(_DESCRIBE, {"e": self._entities(entity)})
        labels = labels_for(self.store, Result("select", res.vars, [r[2:] for r in res.rows]))
        rows = []
        for e, direction, prop, value in res.rows:
            if isinstance(value, URIRef_):  # a name where the graph has one, else the IRI in short (dg:State)
                v = labels.get(str(value)) or _compact(value)
            else:
                v = value.toPython() if hasattr(value, "toPython") else value
            rows.append({"entity": str(e), "direction": str(direction), "property": _local(prop), "value": v})
        return _frame(rows, ["entity", "direction", "property", "value"]) if as_frame else rows

    def evidence(self, entity: str, as_frame: bool = False):
        """The sentences that support an entity (a name, an acronym or an IRI) and every fact it takes part in:
        one row per fact and sentence, with the article and its language."""
        res = self.store.query(_EVIDENCE, {"e": self._entities(entity)})
        rows = res.dicts()
        for r in rows:
            r["type"] = _local(r["type"])
        return _frame(rows, res.vars) if as_frame else rows

    def search(self, text: str, as_frame: bool = False):
        """Entities whose name (any label, in any language, or acronym) contains `text`, whatever its case."""
        from rdflib import Literal

        res = self.store.query(_SEARCH, {"q": Literal(text.lower())})
        rows = sorted(res.dicts(), key=lambda r: (str(r["name"]), str(r["entity"])))
        for r in rows:
            r["type"] = _local(r["type"])
        return _frame(rows, res.vars) if as_frame else rows

    def viz(self, focus: str | None = None, radius: int = 1, types: list[str] | None = None,
            title: str | None = None):
        """The diagram (as `diplograph viz` draws it) of the whole graph, or of `focus`'s neighbourhood: shown
        inline in Jupyter, `.save(path)` writes the page, `.html` is its text."""
        from .viz import MAX_NODES, VizError, render_html

        nxg = self.to_networkx(focus, radius, types)
        if nxg.number_of_nodes() > MAX_NODES:
            raise VizError(f"{nxg.number_of_nodes()} nodes is more than a diagram can show ({MAX_NODES}); "
                           f"give focus= and radius=, or types=")
        label = nxg.nodes[next(iter(nxg.nodes))]["label"] if focus and len(nxg) else None
        return Diagram(render_html(nxg, title or (f"diplograph — around {label}" if label else "diplograph")),
                       nxg.number_of_nodes(), nxg.number_of_edges())

    def to_networkx(self, focus: str | None = None, radius: int = 1, types: list[str] | None = None):
        """The graph projected for people: entities as nodes, facts as labelled edges (see viz.project).

        With `focus` (a label, acronym or IRI), only its neighbourhood within `radius` links, fetched by SPARQL;
        with `types`, only entities of those types.
        """
        import networkx as nx

        from . import viz

        if self.store.ox is None:  # rdflib's memory backend
            nxg = viz.project(self.store.rdflib_graph())
            return viz.ego(nxg, focus, radius) if focus else nxg
        if focus:
            iri = viz.resolve_focus(self.store, focus)
            nodes, frontier = {iri}, {iri}
            for _ in range(radius):
                frontier = viz.neighbours(self.store, frontier) - nodes
                nodes |= frontier
            nxg = nx.ego_graph(viz.project(*viz.fetch(self.store, nodes)), iri, radius=radius, undirected=True)
        else:
            nxg = viz.project(*viz.fetch(self.store, viz.node_iris(self.store, types)))
        return viz.keep_types(nxg, types) if types else nxg

    def __len__(self) -> int:
        return len(self.store)


class Diagram:
    """A diagram page: displayed inline by Jupyter (an iframe holding the page, which needs no network)."""

    def __init__(self, html: str, nodes: int, edges: int) -> None:
        self.html, self.nodes, self.edges = html, nodes, edges

    def save(self, path: str | Path) -> Path:
        """Write the page to `path` (atomically); open it in any browser."""
        from .export import atomic_write

        return atomic_write(Path(path), lambda tmp: tmp.write_text(self.html, encoding="utf-8"))

    def _repr_html_(self) -> str:
        import html

        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
                f'style="width:100%;height:600px;border:1px solid #ddd"></iframe>')

    def __repr__(self) -> str:
        return f"<Diagram: {self.nodes} entities, {self.edges} links>"


def _local(iri) -> str:
    """The local name of an IRI (after # or the last /)."""
    s = str(iri)
    return s.rsplit("#", 1)[-1] if "#" in s else s.rsplit("/", 1)[-1]


def _compact(iri) -> str:
    """An IRI as prefix:name with the usual prefixes (dg:State, wd:Q28, membership:12f1941a618b)."""
    from .query import QUERY_PREFIXES

    s = str(iri)
    best = max((ns for ns in QUERY_PREFIXES.values() if s.startswith(ns)), key=len, default=None)
    if best is None:
        return s
    prefix = next(p for p, ns in QUERY_PREFIXES.items() if ns == best)
    return f"{prefix}:{s[len(best):]}"


def _frame(rows: list[dict], columns: list[str]):
    """Rows as a pandas DataFrame; exact decimals become floats (or ints when whole), so columns are numeric."""
    try:
        import pandas as pd
    except ImportError:
        raise DiplographError("as_frame=True needs pandas: pip install 'diplograph[notebook]' (or pandas)") from None
    from decimal import Decimal

    def num(v):
        if isinstance(v, Decimal):
            return int(v) if v == v.to_integral_value() else float(v)
        return v

    frame = pd.DataFrame([{k: num(v) for k, v in r.items()} for r in rows], columns=columns)
    for c in frame.columns:  # a column of numbers (with gaps) is numeric, not object
        vals = [v for v in frame[c] if v is not None and v == v]
        if vals and all(isinstance(v, int | float) and not isinstance(v, bool) for v in vals):
            frame[c] = pd.to_numeric(frame[c])
    return frame


_PREFIXES = ("PREFIX dg: <https://w3id.org/diplograph/ontology#> "
             "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ")
_DESCRIBE = _PREFIXES + """SELECT ?e ?direction ?p ?v WHERE {
  { ?e ?p ?v FILTER(?p != dg:evidence) BIND("out" AS ?direction) }
  UNION { ?v ?p ?e FILTER(?p != dg:evidence) BIND("in" AS ?direction) }
} ORDER BY ?e DESC(?direction) ?p ?v"""
_EVIDENCE = _PREFIXES + """SELECT DISTINCT ?subject ?type ?article ?language ?sentence WHERE {
  { ?e dg:evidence ?m . BIND(?e AS ?subject) }
  UNION { ?subject ?p ?e ; a ?factClass ; dg:evidence ?m .
          VALUES ?factClass { dg:RoleHolding dg:Membership dg:TradeTarget dg:Statement dg:Event dg:Meeting dg:Summit
                              dg:Reception dg:Visit dg:Designation dg:Launch dg:Announcement dg:Agreement } }
  ?subject a ?type .
  ?m dg:inArticle ?a ; dg:sentence ?sentence ; dg:language ?language .
  ?a dg:sourceFile ?article .
} ORDER BY DESC(?subject = ?e) ?subject ?article ?sentence ?type"""
_SEARCH = _PREFIXES + """SELECT ?entity (MIN(?label) AS ?name) (MIN(?cls) AS ?type) WHERE {
  ?entity skos:prefLabel|skos:altLabel|dg:acronym ?l FILTER(CONTAINS(LCASE(STR(?l)), ?q))
  ?entity a ?cls ; skos:prefLabel ?any
  OPTIONAL { ?entity skos:prefLabel ?en FILTER(langMatches(lang(?en), "en")) }
  BIND(COALESCE(?en, ?any) AS ?label)
  FILTER EXISTS { ?entity dg:evidence ?m }
} GROUP BY ?entity"""


def load(*paths: str | Path, backend: str = "oxigraph", store: str | Path | None = None) -> KnowledgeGraph:
    """The graph store (`store`, opened read-only where it is), or graph files (Turtle, TriG, N-Triples ...)
    loaded into an embedded store when `paths` are given."""
    from .store import EmbeddedStore

    if paths:
        return KnowledgeGraph(EmbeddedStore.load(*paths, backend=backend))
    return KnowledgeGraph(EmbeddedStore.open(store))  # None: $DIPLOGRAPH_STORE or graphs/store


__all__ = ["__version__", "build", "build_dataset", "remove", "load", "extract", "iter_articles", "Article",
           "KnowledgeGraph", "Diagram", "DiplographError"]
