"""diplograph: news articles about international politics into an RDF knowledge graph.

Everything the command line does is one call away::

    import diplograph
    diplograph.build(["articles"], [], store="graphs/store")   # the graph's home, updated incrementally
    kg = diplograph.load()                                      # the store, opened read-only where it is
    kg.query("memberships")            # rows as dicts
    kg.query("office_holders", person='"Khazar Ibrahim"@en')
    diplograph.load("graphs/diplograph.ttl")                   # or graph files
"""

from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path

from .build import build, build_dataset, remove
from .corpus import Article, iter_articles
from .extract import extract


class KnowledgeGraph:
    """A built graph opened for querying: the graph store (read-only, nothing copied) or loaded files.

    `kg.store.ox` is the pyoxigraph Store itself, for anything this class does not wrap.
    """

    def __init__(self, store) -> None:
        self.store = store

    def query(self, name_or_text: str, **params):
        """Rows of a saved query, a .rq file or SPARQL text, as dicts; params bind variables safely.

        A value is parsed like `--param`: "<iri>", '"text"@en', 42, 2025-12-15 or a plain string.
        Returns a pandas DataFrame when pandas is installed and `as_frame=True` is given.
        """
        from . import query as Q

        as_frame = params.pop("as_frame", False)
        bound = Q.parse_params([f"{k}={v}" for k, v in params.items()])
        res = Q.run(self.store, name_or_text, bound)
        if res.kind == "ask":
            return res.boolean
        if res.kind == "graph":
            return res.graph
        rows = res.dicts()
        if as_frame:
            import pandas as pd

            return pd.DataFrame(rows, columns=res.vars)
        return rows

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


def load(*paths: str | Path, backend: str = "oxigraph", store: str | Path | None = None) -> KnowledgeGraph:
    """The graph store (`store`, opened read-only where it is), or graph files (Turtle, TriG, N-Triples ...)
    loaded into an embedded store when `paths` are given."""
    from .store import EmbeddedStore

    if paths:
        return KnowledgeGraph(EmbeddedStore.load(*paths, backend=backend))
    return KnowledgeGraph(EmbeddedStore.open(store))  # None: $DIPLOGRAPH_STORE or graphs/store


__all__ = ["__version__", "build", "build_dataset", "remove", "load", "extract", "iter_articles", "Article",
           "KnowledgeGraph"]
