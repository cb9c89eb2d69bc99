"""Writing graphs to files: the format follows the extension, and nothing is ever half-written.

Every file is written to a temporary file in the run's hidden folder beside the target and renamed over it
(all the files of one run together: `outputs.OutputSet`), so an interrupted run leaves the previous files intact.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from rdflib import Dataset

from .errors import DiplographError
from .outputs import die_with_parent
from .rdf import Quads
from .rdfinput import check_rdf_file
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


class ExportError(DiplographError):
    pass


def atomic_write(path: str | Path, write: Callable[[Path], object]) -> Path:
    """Call write(tmp) then rename tmp over path; on any failure the old file stays as it was.

    The temporary file lives in the run's hidden folder beside `path` (`outputs.OutputSet`), which the next run
    removes if this one is killed."""
    return atomic_write_all([(path, write)])[0]


def atomic_write_all(items: Sequence[tuple[str | Path, Callable[[Path], object]]]) -> list[Path]:
    """Several files written, then renamed into place together (`outputs.OutputSet`): all appear, or none."""
    from .outputs import OutputSet

    with OutputSet([p for p, _ in items]) as outs:
        with outs.writing():
            for path, write in items:
                write(outs.path_for(path))
        outs.commit()
    return [Path(p) for p, _ in items]


def ensure_folder(path: str | Path, is_folder: bool = False) -> None:
    """The folder an output goes into (or the output itself, a folder), made if need be; an ExportError when it
    cannot be (said before any work)."""
    from .outputs import problem

    folder = Path(path) if is_folder else Path(path).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise problem(path, exc) from exc


def format_for(path: str | Path) -> tuple[str, bool]:
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        raise ExportError(f"{path}: unknown output format {ext or '(no extension)'!r}; use one of "
                          f"{', '.join(sorted(FORMATS))}")
    return FORMATS[ext]


_OX_FORMAT = {"turtle": "TURTLE", "trig": "TRIG", "nt": "N_TRIPLES", "nquads": "N_QUADS", "json-ld": "JSON_LD",
              "xml": "RDF_XML"}


def _sorted_triples(triples) -> list:
    """Triples by subject, predicate and object text: a canonical order, whatever order they came in."""
    return sorted(triples, key=lambda t: (t.subject.value, t.predicate.value, t.object.value))


def as_quads(data) -> Quads:
    """A `rdf.Quads` from a Quads (as is) or an rdflib Dataset/Graph (through N-Quads)."""
    import pyoxigraph as ox
    from rdflib import Dataset as RDataset

    if isinstance(data, Quads):
        return data
    q = Quads()
    if isinstance(data, RDataset):
        text = data.serialize(format="nquads")
        for quad in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS):
            gname = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else "urn:x-default"
            q.graph(gname).add((quad.subject, quad.predicate, quad.object))
    else:  # an rdflib Graph
        text = data.serialize(format="nt")
        for t in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
            q.graph("urn:x-default").add((t.subject, t.predicate, t.object))
    return q


def serialize(data, fmt: str) -> bytes:
    """Quads (or an rdflib Dataset) as bytes in a stable order (pyoxigraph's serialisers).

    Triple formats (Turtle, N-Triples, RDF/XML) hold the merged graph in canonical order; TriG and
    N-Quads keep one named graph per article, each in the order its facts were read.
    """
    import pyoxigraph as ox

    q = as_quads(data)
    ox_fmt = getattr(ox.RdfFormat, _OX_FORMAT[fmt])
    if fmt == "trig":
        # one Turtle body per named graph inside its block: valid TriG, without making a Quad per triple
        parts = [_prefix_header()]
        for name in sorted(q.graphs):
            body = ox.serialize(list(q.graphs[name].triples), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
            body = b"\n".join(ln for ln in body.split(b"\n") if not ln.startswith(b"@prefix "))
            opening = b"{\n" if name == "urn:x-default" else f"<{name}> {{\n".encode()
            parts.append(opening + body.rstrip(b"\n") + b"\n}\n")
        return b"".join(parts)
    if fmt in ("nquads", "json-ld"):
        blob = ox.serialize(q.quads(), format=ox_fmt, prefixes=None if fmt == "nquads" else PREFIXES) or b""
        return blob
    triples = _sorted_triples(q.triples())
    if fmt == "xml":
        triples = list(xml_safe_triples(triples))
    if fmt == "nt":
        return ox.serialize(triples, format=ox_fmt) or b""
    return _prefixes_sorted(ox.serialize(triples, format=ox_fmt, prefixes=PREFIXES) or b"", fmt)


def _prefixes_sorted(blob: bytes, fmt: str) -> bytes:
    """Turtle and TriG with their @prefix lines in alphabetical order (the serialiser's own order is a hash's)."""
    if fmt not in ("turtle", "trig"):
        return blob
    lines = blob.split(b"\n")
    n = 0
    while n < len(lines) and lines[n].startswith(b"@prefix "):
        n += 1
    return b"\n".join(sorted(lines[:n]) + lines[n:])


def write_graph(data, path: str | Path) -> Path:
    """Write the graph (Quads or an rdflib Dataset) to `path`, format by extension, atomically."""
    fmt, _ = format_for(path)
    blob = serialize(data, fmt)
    return atomic_write(path, lambda tmp: tmp.write_bytes(blob))


class StreamWriter:
    """Writes a run's outputs while articles stream in, into the run's folder (`outputs.OutputSet`); nothing
    appears until the set is committed.

    Named-graph formats (TriG, N-Quads) get each article's graph appended at once. Triple formats get the
    merged graph: every article's triples go to a scratch N-Triples file, which `sort -u` (coreutils,
    bounded memory, spilling to disk) turns into the deduplicated, canonically ordered merged graph; Turtle,
    JSON-LD and RDF/XML are then serialised from that sorted stream by pyoxigraph. Every file, spill files
    included, is in the run's folder, which goes when the run ends (or, killed, when the next one starts).
    """

    NAMED = ("trig", "nquads")

    def __init__(self, outputs: list[Path], outs, formats: dict[Path, str] | None = None) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.outs = outs
        self.outputs = outputs
        formats = formats or {}
        fmts = [(o, formats.get(o) or format_for(o)[0]) for o in outputs]
        self.files: dict[Path, BinaryIO] = {}
        self.named = [(o, f) for o, f in fmts if f in self.NAMED]
        self.merged = [(o, f) for o, f in fmts if f not in self.NAMED]
        self.scratch: Path | None = None

    def __enter__(self) -> StreamWriter:
        for out, fmt in self.named:
            fh = open(self.outs.path_for(out), "wb")  # noqa: SIM115 (closed in finish or abandon)
            self.files[out] = fh
            if fmt == "trig":
                fh.write(_prefix_header())
        if self.merged:
            self.scratch = self.outs.scratch / "merged.nt"
            self.files[self.scratch] = open(self.scratch, "wb")  # noqa: SIM115
        return self

    def add(self, graph: str, triples: list) -> None:
        ox = self.ox
        for out, fmt in self.named:
            fh = self.files[out]
            if fmt == "trig":
                body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
                body = b"\n".join(ln for ln in body.split(b"\n") if not ln.startswith(b"@prefix "))
                fh.write(f"<{graph}> {{\n".encode() + body.strip(b"\n") + b"\n}\n")
            else:
                gn = ox.NamedNode(graph)
                fh.write(ox.serialize((ox.Quad(t.subject, t.predicate, t.object, gn) for t in triples),
                                      format=ox.RdfFormat.N_QUADS) or b"")
        if self.scratch is not None:
            self.files[self.scratch].write(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")

    def finish(self) -> int:
        """Complete every output (the set's `commit` renames them into place); the number of triples in the
        merged graph."""
        for fh in self.files.values():
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        self.files = {}
        count = 0
        if self.scratch is not None:
            sorted_nt = self.scratch.with_name("merged.sorted.nt")
            env = dict(os.environ, LC_ALL="C")
            r = subprocess.run(["sort", "-u", "-S", "256M", "-T", str(self.outs.scratch), "-o", str(sorted_nt),
                                str(self.scratch)], env=env, capture_output=True, text=True, errors="replace",
                               preexec_fn=die_with_parent)
            if r.returncode:
                said = (r.stderr.strip().splitlines() or ["sort failed"])[-1]
                code = errno.ENOSPC if "No space left" in said else errno.EIO
                raise OSError(code, os.strerror(code) if code == errno.ENOSPC else said, str(self.scratch))
            self.scratch.unlink()
            self.scratch = sorted_nt
            with open(sorted_nt, "rb") as fh:
                count = sum(1 for _ in fh)
            for out, fmt in self.merged:
                tmp = self.outs.path_for(out)
                if fmt == "nt":
                    shutil.copyfile(sorted_nt, tmp)
                else:
                    self._convert(sorted_nt, tmp, fmt)
            sorted_nt.unlink()
            self.scratch = None
        return count

    def _convert(self, sorted_nt: Path, target: Path, fmt: str) -> None:
        """Serialise the sorted merged graph without holding it in memory (pyoxigraph streams both ways)."""
        ox = self.ox
        ox_fmt = getattr(ox.RdfFormat, _OX_FORMAT[fmt])
        stream = ox.parse(path=str(sorted_nt), format=ox.RdfFormat.N_TRIPLES)
        if fmt == "turtle":
            body = self.outs.scratch / "merged.body.ttl"
            ox.serialize(stream, str(body), ox_fmt, prefixes=PREFIXES)
            with open(target, "wb") as out, open(body, "rb") as src:
                out.write(_prefix_header())
                for line in src:
                    if not line.startswith(b"@prefix "):
                        out.write(line)
            body.unlink()
        else:
            if fmt == "xml":
                stream = xml_safe_triples(stream)
            ox.serialize(stream, str(target), ox_fmt, prefixes=PREFIXES)

    def abandon(self) -> None:
        for fh in self.files.values():
            fh.close()
        self.files = {}

    def __exit__(self, *exc) -> None:
        self.abandon()  # what was written stays in the run's folder, which the set removes


def _prefix_header() -> bytes:
    return b"".join(sorted(f"@prefix {p}: <{ns}> .\n".encode() for p, ns in PREFIXES.items()))



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
            check_rdf_file(p)
            if fmt:
                ds.parse(p, format=fmt)
            else:
                ds.default_graph.parse(p)
        except Exception as exc:
            raise ExportError(f"{p}: cannot be parsed ({str(exc).splitlines()[0][:120]})") from exc
    return ds


def export(paths: list[str | Path], fmt: str, out: str | Path, store: str | Path | None = None) -> list[Path]:
    """Write the graph (files `paths`, else the graph store folder `store`) as `fmt`: an RDF format, GraphML or
    GEXF (for Gephi), or CSV tables."""
    out = Path(out)
    ensure_folder(out, is_folder=fmt == "csv")
    if store is not None and not paths:
        return _export_store(store, fmt, out)
    paths = list(paths) or ["graphs/diplograph.ttl"]
    if fmt in ("graphml", "gexf"):
        from .explore import entity_network
        from .store import EmbeddedStore

        return _write_gephi(entity_network(EmbeddedStore.load(*paths)), fmt, out)
    if fmt == "csv":
        from .store import EmbeddedStore

        return _write_csvs(EmbeddedStore.load(*paths), out)
    ext = FORMAT_NAMES.get(fmt)
    if ext is None:
        raise ExportError(f"unknown format {fmt!r}")
    rdf_fmt, _ = FORMATS[ext]
    if rdf_fmt == "json-ld":
        ds = load_dataset(paths)
        context = jsonld_context()
        text = ds.serialize(format="json-ld", context=context, sort_keys=True, indent=1)
        return [atomic_write(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))]
    blob = serialize(load_quads(paths), rdf_fmt)
    return [atomic_write(out, lambda tmp: tmp.write_bytes(blob))]


def jsonld_context() -> dict:
    """The JSON-LD context shipped with the package (ontology/context.jsonld), which makes the keys read as words."""
    import json

    from .resources import ontology_dir

    return json.loads(ontology_dir().joinpath("context.jsonld").read_text(encoding="utf-8"))["@context"]


def _write_text(tmp: Path, text: str) -> None:
    tmp.write_text(text, encoding="utf-8")


def _write_gephi(nxg, fmt: str, out: Path) -> list[Path]:
    """GraphML, or GEXF without the day's date (the same graph gives the same bytes)."""
    import networkx as nx

    writer = nx.write_graphml if fmt == "graphml" else write_gexf
    return [atomic_write(out, lambda tmp: writer(nxg, str(tmp)))]


def _write_csvs(store, out: Path) -> list[Path]:
    """One CSV per question of CSV_QUERIES, in the folder `out`."""
    from .query import render, run

    out.mkdir(parents=True, exist_ok=True)
    items = [(out / f"{name}.csv", functools.partial(_write_text, text=render(run(store, name), "csv")))
             for name in CSV_QUERIES]
    return atomic_write_all(items)  # the tables of one graph appear together


def _export_store(store_dir: str | Path, fmt: str, out: Path) -> list[Path]:
    """Exports of the graph store: RDF streamed from it in canonical order, the rest through its graph."""
    from .store import EmbeddedStore

    store = EmbeddedStore.open(store_dir)
    if fmt in ("graphml", "gexf"):
        from .explore import entity_network

        return _write_gephi(entity_network(store), fmt, out)
    if fmt == "csv":
        return _write_csvs(store, out)
    ext = FORMAT_NAMES.get(fmt)
    if ext is None:
        raise ExportError(f"unknown format {fmt!r}")
    if FORMATS[ext][0] == "json-ld":
        from rdflib import Dataset

        from .ingest import graph_names, graph_triples

        ds = Dataset()
        import pyoxigraph as ox

        for name in graph_names(store.ox):
            blob = ox.serialize(graph_triples(store.ox, name), format=ox.RdfFormat.N_TRIPLES) or b""
            ds.graph(name).parse(data=blob.decode("utf-8"), format="nt")
        context = jsonld_context()
        text = ds.serialize(format="json-ld", context=context, sort_keys=True, indent=1)
        return [atomic_write(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))]
    from .ingest import export_store

    export_store(store.ox, [out], formats={out: FORMATS[ext][0]})
    return [out]


def load_quads(paths: list[str | Path]):
    """Graph files parsed by pyoxigraph into `rdf.Quads` (triples files go to the default graph)."""
    import pyoxigraph as ox

    from .rdf import Quads

    q = Quads()
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise ExportError(f"{p}: no such file (build the graph first: diplograph build)")
        try:
            check_rdf_file(p)
            for item in ox.parse(path=str(p)):
                if isinstance(item, ox.Quad):
                    g = item.graph_name
                    name = g.value if isinstance(g, ox.NamedNode) else "urn:x-default"
                else:
                    name = "urn:x-default"
                q.graph(name).add((item.subject, item.predicate, item.object))
        except (SyntaxError, ValueError, OSError) as exc:
            raise ExportError(f"{p}: cannot be parsed ({str(exc).splitlines()[0][:120]})") from exc
    return q


# characters XML 1.0 does not allow, even escaped: a GraphML or GEXF file holding one is not well-formed
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value) -> str:
    """Text that XML 1.0 can hold: control characters (and stray surrogates, U+FFFE/U+FFFF) removed."""
    return _NOT_XML.sub("", str(value))


def xml_safe_triples(triples):
    """Triples whose literals RDF/XML can hold: XML 1.0 has no way to write most control characters, so
    they are removed from the literal (the serialiser would write them raw, and no XML parser reads that)."""
    import pyoxigraph as ox

    for t in triples:
        o = t.object
        if isinstance(o, ox.Literal) and _NOT_XML.search(o.value):
            clean = xml_text(o.value)
            o = ox.Literal(clean, language=o.language) if o.language else ox.Literal(clean, datatype=o.datatype)
            t = ox.Triple(t.subject, t.predicate, o)
        yield t


def flat_for_gephi(nxg):
    """GraphML and GEXF take scalar attributes: lists become text, evidence its first sentences.

    Every piece of text is made XML-safe, and nodes and edges come in sorted order, so that the file is
    well-formed whatever an article holds and the same graph gives the same bytes.
    """
    import networkx as nx

    flat = nx.MultiDiGraph()
    for n, d in sorted(nxg.nodes(data=True), key=lambda x: str(x[0])):
        flat.add_node(xml_text(n), label=xml_text(d["label"]), type=xml_text(d["type"]),
                      iri=xml_text(d.get("iri", "")), details=xml_text(" | ".join(d.get("details", []))),
                      evidence=xml_text(" | ".join(e["sentence"] for e in d.get("evidence", [])[:3])))
    for a, b, k, d in sorted(nxg.edges(keys=True, data=True), key=lambda x: (str(x[0]), str(x[1]), str(x[2]))):
        flat.add_edge(xml_text(a), xml_text(b), key=xml_text(k), label=xml_text(d.get("label", "")),
                      evidence=xml_text(" | ".join(e["sentence"] for e in d.get("evidence", [])[:3])))
    return flat


def write_gexf(nxg, path: str) -> None:
    """networkx's GEXF writer without the date of the day in the file (the same graph, the same bytes)."""
    from networkx.readwrite.gexf import GEXFWriter

    if nxg.graph.get("mode") == "dynamic":  # Gephi's timeline reads each node's and edge's first date
        nxg = nxg.copy()
        nxg.graph["timeformat"] = "date"
        for _, d in nxg.nodes(data=True):
            if "r" in d:  # colours and sizes as Gephi draws them
                d["viz"] = {"color": {"r": d["r"], "g": d["g"], "b": d["b"], "a": 1.0},
                            "size": round(4 + 2 * d.get("articles", 0) ** 0.5, 2)}
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "diplograph"
    writer.add_graph(nxg)
    writer.write(path)
