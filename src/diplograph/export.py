"""Writing graphs to files: the format follows the extension, and nothing is ever half-written.

Every file is written to a temporary file beside the target and renamed over
it, so an interrupted run leaves the previous file intact.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from rdflib import Dataset, Graph

from .vocab import PREFIXES

#: extension -> (rdflib format, whether it keeps named graphs)
FORMATS = {
    ".ttl": ("turtle", False),
    ".trig": ("trig", True),
    ".nt": ("nt", False),
    ".nq": ("nquads", True),
    ".jsonld": ("json-ld", True),
    ".json": ("json-ld", True),
    ".rdf": ("xml", False),
    ".owl": ("xml", False),
}
FORMAT_NAMES = {
    "turtle": ".ttl", "ttl": ".ttl", "trig": ".trig", "ntriples": ".nt", "nt": ".nt", "nquads": ".nq",
    "nq": ".nq", "jsonld": ".jsonld", "json-ld": ".jsonld", "xml": ".rdf", "rdfxml": ".rdf",
}


class ExportError(Exception):
    pass


def atomic_write(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call write(tmp) then rename tmp over path; on any failure the old file stays as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp_path, 0o666 & ~umask)  # mkstemp makes 0600 files; outputs are ordinary files
    try:
        write(tmp_path)
        with open(tmp_path, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    return path


def format_for(path: str | Path) -> tuple[str, bool]:
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        raise ExportError(f"{path}: unknown output format {ext or '(no extension)'!r}; use one of "
                          f"{', '.join(sorted(FORMATS))}")
    return FORMATS[ext]


def _sorted_lines(data: str) -> str:
    lines = sorted({ln for ln in data.splitlines() if ln.strip()})
    return "\n".join(lines) + ("\n" if lines else "")


def serialize(ds: Dataset, fmt: str, merged: Graph | None = None) -> str:
    """The dataset (or the merged graph for triple formats) as text, in a stable order."""
    named = fmt in ("trig", "nquads", "json-ld")
    if named:
        data = ds.serialize(format=fmt)
    else:
        from .rdf import merged_graph

        g = merged if merged is not None else merged_graph(ds)
        data = g.serialize(format=fmt)
    if fmt in ("nt", "nquads"):
        data = _sorted_lines(data)
    return data


def write_graph(ds: Dataset, path: str | Path, merged: Graph | None = None) -> Path:
    fmt, _ = format_for(path)
    text = serialize(ds, fmt, merged)
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def bind_prefixes(g: Graph) -> Graph:
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    return g


# ------------------------------------------------------------------ the export command

CSV_QUERIES = ("states", "organisations", "office_holders", "memberships", "events", "trade_targets", "statements",
               "evidence")


def load_dataset(paths: list[str | Path]) -> Dataset:
    ds = Dataset()
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise ExportError(f"{p}: no such file (build the graph first: diplograph build)")
        fmt = {".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld"}.get(p.suffix.lower())
        try:
            if fmt:
                ds.parse(p, format=fmt)
            else:
                ds.default_graph.parse(p)
        except Exception as exc:
            raise ExportError(f"{p}: cannot be parsed ({str(exc).splitlines()[0][:120]})") from exc
    return ds


def export(paths: list[str | Path], fmt: str, out: str | Path) -> list[Path]:
    """Write the graph files `paths` as `fmt`: an RDF format, GraphML or GEXF (for Gephi), or CSV tables."""
    import json

    out = Path(out)
    if fmt in ("graphml", "gexf"):
        import networkx as nx
        from rdflib import Graph

        from .viz import project

        g = Graph()
        for t in load_dataset(paths).triples((None, None, None)):
            g.add(t)
        nxg = flat_for_gephi(project(g))
        writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
        return [atomic_write(out, lambda tmp: writer(nxg, str(tmp)))]
    if fmt == "csv":
        from .query import render, run
        from .store import EmbeddedStore

        store = EmbeddedStore.load(*paths)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name in CSV_QUERIES:
            text = render(run(store, name), "csv")
            written.append(atomic_write(out / f"{name}.csv", lambda tmp, t=text: tmp.write_text(t, encoding="utf-8")))
        return written
    ext = FORMAT_NAMES.get(fmt)
    if ext is None:
        raise ExportError(f"unknown format {fmt!r}")
    ds = load_dataset(paths)
    rdf_fmt, _ = FORMATS[ext]
    if rdf_fmt == "json-ld":
        from .lexicon import ONTOLOGY_DIR

        context = json.loads((ONTOLOGY_DIR / "context.jsonld").read_text(encoding="utf-8"))["@context"]
        text = ds.serialize(format="json-ld", context=context, sort_keys=True, indent=1)
    else:
        text = serialize(ds, rdf_fmt)
    return [atomic_write(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))]


def flat_for_gephi(nxg):
    """GraphML and GEXF take scalar attributes: lists become text, evidence its first sentences."""
    import networkx as nx

    flat = nx.MultiDiGraph()
    for n, d in nxg.nodes(data=True):
        flat.add_node(n, label=d["label"], type=d["type"], iri=d.get("iri", ""),
                      details=" | ".join(d.get("details", [])),
                      evidence=" | ".join(e["sentence"] for e in d.get("evidence", [])[:3]))
    for a, b, k, d in nxg.edges(keys=True, data=True):
        flat.add_edge(a, b, key=k, label=d.get("label", ""),
                      evidence=" | ".join(e["sentence"] for e in d.get("evidence", [])[:3]))
    return flat
