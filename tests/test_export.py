"""Exports round-trip without loss (checked by a second parser where installed) and open in other tools."""

from __future__ import annotations

import csv
import shutil
import subprocess

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from diplograph.export import export, write_graph

RAPPER = shutil.which("rapper")
needs_rapper = pytest.mark.skipif(RAPPER is None, reason="Debian's raptor2-utils (rapper) is not installed")

HOSTILE = ['quote " and \'single\'', "back\\slash \\n not a newline", "line\nbreak\r\nand\ttab",
           "control \x01\x07\x1f chars", "right\u200fto\u202eleft \u200e marks", "emoji 🌍 and \U0001f1fa\U0001f1f8",
           '""" triple quotes """', "</script><script>alert(1)</script>"]


def rapper_count(path, syntax):
    r = subprocess.run([RAPPER, "-i", syntax, "-c", str(path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return int(r.stderr.split("returned ")[1].split(" ")[0])


def hostile_dataset() -> Dataset:
    ds = Dataset()
    g = ds.graph(URIRef("https://w3id.org/diplograph/id/article/x"))
    for i, text in enumerate(HOSTILE):
        s = URIRef(f"https://w3id.org/diplograph/id/statement/{i}")
        g.add((s, URIRef("https://w3id.org/diplograph/ontology#quote"), Literal(text, lang="en")))
        g.add((s, URIRef("https://w3id.org/diplograph/ontology#rule"), Literal(text)))
    return ds


@pytest.mark.parametrize("ext,fmt", [(".ttl", "turtle"), (".nt", "nt"), (".trig", "trig"), (".nq", "nquads"),
                                     (".jsonld", "json-ld")])
def test_hostile_literals_round_trip(tmp_path, ext, fmt):
    ds = hostile_dataset()
    path = write_graph(ds, tmp_path / f"h{ext}")
    back = Dataset()
    back.parse(path, format=fmt)
    a, b = Graph(), Graph()
    for *t, _ in ds.quads((None, None, None, None)):
        a.add(tuple(t))
    for *t, _ in back.quads((None, None, None, None)):
        b.add(tuple(t))
    assert len(a) == 2 * len(HOSTILE) and isomorphic(a, b)


@needs_rapper
@pytest.mark.parametrize("ext,syntax", [(".ttl", "turtle"), (".nt", "ntriples"), (".nq", "nquads"), (".trig", "trig")])
def test_second_parser_reads_hostile_literals(tmp_path, ext, syntax):
    path = write_graph(hostile_dataset(), tmp_path / f"h{ext}")
    assert rapper_count(path, syntax) == 2 * len(HOSTILE)


@pytest.mark.parametrize("fmt,ext,parse_fmt", [("turtle", ".ttl", "turtle"), ("ntriples", ".nt", "nt"),
                                               ("nquads", ".nq", "nquads"), ("trig", ".trig", "trig"),
                                               ("jsonld", ".jsonld", "json-ld")])
def test_seed_graph_round_trips(seed_build, tmp_path, fmt, ext, parse_fmt):
    out, _ = seed_build
    original = Graph().parse(out / "g.ttl")
    (path,) = export([out / "g.ttl"], fmt, tmp_path / f"x{ext}")
    back = Dataset()
    back.parse(path, format=parse_fmt)
    g = Graph()
    for *t, _ in back.quads((None, None, None, None)):
        g.add(tuple(t))
    assert len(g) == len(original) and isomorphic(g, original)


@needs_rapper
def test_seed_turtle_read_by_rapper(seed_build):
    out, _ = seed_build
    assert rapper_count(out / "g.ttl", "turtle") == len(Graph().parse(out / "g.ttl"))
    assert rapper_count(out / "g.trig", "trig") > 0


def test_graphml_and_gexf_have_labels_and_types(seed_build, tmp_path):
    out, _ = seed_build
    (gm,) = export([out / "g.ttl"], "graphml", tmp_path / "g.graphml")
    (gx,) = export([out / "g.ttl"], "gexf", tmp_path / "g.gexf")
    for g in (nx.read_graphml(gm), nx.read_gexf(gx)):
        labels = {d["label"]: d["type"] for _, d in g.nodes(data=True)}
        assert labels["Hungary"] == "state" and labels["Khazar Ibrahim"] == "person"
        assert any(d.get("label") == "observer of" for *_, d in g.edges(data=True))


def test_csv_one_file_per_fact_type(seed_build, tmp_path):
    out, _ = seed_build
    files = {p.name: p for p in export([out / "g.ttl"], "csv", tmp_path / "csv")}
    assert {"memberships.csv", "office_holders.csv", "trade_targets.csv", "events.csv"} <= set(files)
    rows = list(csv.DictReader(files["memberships.csv"].open()))
    assert len(rows) == 9 and set(rows[0]) == {"state", "organisation", "status"}
