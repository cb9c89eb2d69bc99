"""diplograph: news articles about international politics into an RDF knowledge graph.

Everything the command line does is one call away::

    import diplograph
    diplograph.build(["articles"], ["graphs/diplograph.ttl"])
    kg = diplograph.load("graphs/diplograph.ttl")
    kg.query("memberships")            # rows as dicts
    kg.query("office_holders", person='"Khazar Ibrahim"@en')
"""

from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path

from .build import build, build_dataset
from .corpus import Article, iter_articles
from .extract import extract


class KnowledgeGraph:
    """A built graph loaded for querying (embedded store)."""

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

    def to_networkx(self):
        """The graph projected for people: entities as nodes, facts as labelled edges (see viz.project)."""
        from .viz import project

        return project(self.store.rdflib_graph())

    def __len__(self) -> int:
        return len(self.store)


def load(*paths: str | Path, backend: str = "oxigraph") -> KnowledgeGraph:
    """Load graph files (Turtle, TriG, N-Triples ...) into an embedded store."""
    from .store import EmbeddedStore

    return KnowledgeGraph(EmbeddedStore.load(*(paths or ("graphs/diplograph.ttl",)), backend=backend))


__all__ = ["__version__", "build", "build_dataset", "load", "extract", "iter_articles", "Article", "KnowledgeGraph"]
