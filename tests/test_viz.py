"""Diagrams: the projection for people, focus and filters, and the page in a real headless browser."""

from __future__ import annotations

import pytest
from rdflib import Graph

from diplograph.build import build
from diplograph.viz import VizError, draw, ego, find_node, keep_types, project, render_html

from .browser import chromium, open_page

needs_browser = pytest.mark.skipif(chromium() is None, reason="Debian's chromium is not installed "
                                   "(make test installs it when run as root)")


@pytest.fixture(scope="module")
def seed_nx(seed_build):
    out, _ = seed_build
    return project(Graph().parse(out / "g.ttl"))


def test_entities_are_nodes_and_facts_are_labelled_edges(seed_nx):
    types = {d["type"] for _, d in seed_nx.nodes(data=True)}
    assert {"state", "person", "intergovernmental organisation", "reception", "observance"} <= types
    labels = {(seed_nx.nodes[a]["label"], d["label"], seed_nx.nodes[b]["label"])
              for a, b, d in seed_nx.edges(data=True)}
    assert ("Hungary", "observer of", "Organization of Turkic States") in labels
    assert ("Azerbaijan", "chairs", "Organization of Turkic States") in labels
    assert ("Khazar Ibrahim", "ambassador to", "United States") in labels
    assert ("Kubanychbek Omuraliev", "secretary-general of", "Organization of Turkic States") in labels
    assert ("Türkiye", "trade target $60 bn (medium term)", "Turkic states") in labels


def test_literals_are_never_nodes_and_evidence_is_in_tooltips(seed_nx):
    assert all(d["label"] and not d["label"].startswith('"') for _, d in seed_nx.nodes(data=True))
    assert len(seed_nx) < 40
    hun = seed_nx.nodes[find_node(seed_nx, "Hungary")]
    assert any("observer" in e["sentence"] for e in hun["evidence"])
    assert {e["lang"] for e in hun["evidence"]} == {"en", "fr"}


def test_focus_by_label_or_acronym(seed_nx):
    sub = ego(seed_nx, "OTS", radius=1)
    names = {d["label"] for _, d in sub.nodes(data=True)}
    assert "Hungary" in names and "UNESCO" not in names
    assert find_node(seed_nx, "organization of turkic states") == find_node(seed_nx, "OTS")
    with pytest.raises(VizError):
        find_node(seed_nx, "Atlantis")


def test_keep_types(seed_nx):
    sub = keep_types(seed_nx, ["state"])
    assert {d["type"] for _, d in sub.nodes(data=True)} == {"state"}


def test_html_is_self_contained(seed_nx):
    page = render_html(seed_nx)
    assert not __import__("re").search(r'<(script|link)[^>]+(src|href)="https?://', page)


def test_query_draws_a_construct_result(seed_build, tmp_path):
    out, _ = seed_build
    q = tmp_path / "q.rq"
    q.write_text("PREFIX dg: <https://w3id.org/diplograph/ontology#>\nCONSTRUCT { ?m ?p ?o } WHERE "
                 "{ ?m a dg:Membership ; ?p ?o }")
    path, n, e, _ = draw([out / "g.ttl"], tmp_path / "q.html", query=q)
    assert n == 9 and e == 9  # 8 states around the OTS, Azerbaijan both member and chair


@needs_browser
def test_seed_diagram_draws_offline_in_chromium(seed_build, tmp_path):
    out, _ = seed_build
    path, n, e, _ = draw([out / "g.ttl"], tmp_path / "seed.html")
    result, requests = open_page(path)
    assert result["ready"] and result["nodes"] == n and result["edges"] == e
    assert result["drawn"] > 10_000  # the canvas holds a drawing, not a blank page
    assert requests == 0


@needs_browser
def test_hostile_article_text_runs_nothing(tmp_path):
    arts = tmp_path / "a"
    arts.mkdir()
    (arts / "x.txt").write_text(
        'Hungary <img src=x onerror="window.__xss=1"> holds observer status in the Organization of Turkic States. '
        "Turkmenistan <script>window.__xss=2</script> and Kazakhstan are members of the Organization of Turkic "
        'States, officials said. "We <b onmouseover=alert(1)>welcome</b> this step," Kubanychbek Omuraliev said.')
    build([arts], [tmp_path / "x.ttl"])
    path, n, _, _ = draw([tmp_path / "x.ttl"], tmp_path / "x.html")
    page = path.read_text()
    assert "<img src=x" not in page and "<script>window.__xss" not in page
    result, requests = open_page(path)
    assert result["xss"] == 0 and result["imgs"] == 0 and result["nodes"] == n and requests == 0


def _signature(nxg):
    nodes = sorted((n, d["label"], d["type"], tuple(d["details"]), tuple(e["sentence"] for e in d["evidence"]))
                   for n, d in nxg.nodes(data=True))
    edges = sorted((a, b, d["label"], tuple(e["sentence"] for e in d["evidence"])) for a, b, d in nxg.edges(data=True))
    return nodes, edges


def test_store_diagrams_fetch_by_sparql_what_the_whole_projection_shows(tmp_path):
    """A focus walked by SPARQL and a diagram of the whole store draw exactly what projecting everything does."""
    import networkx as nx
    from benchmarks.corpus import generate

    from diplograph.store import EmbeddedStore
    from diplograph.viz import fetch, neighbours, node_iris, resolve_focus

    corpus = generate(tmp_path / "a", 60)
    build([corpus], [], store=tmp_path / "store")
    kg = EmbeddedStore.open(tmp_path / "store")
    whole = project(kg.rdflib_graph())
    assert _signature(project(*fetch(kg, node_iris(kg)))) == _signature(whole)
    for name, radius in (("OTS", 1), ("Hungary", 2)):
        focus = resolve_focus(kg, name)
        nodes, frontier = {focus}, {focus}
        for _ in range(radius):
            frontier = neighbours(kg, frontier) - nodes
            nodes |= frontier
        part = nx.ego_graph(project(*fetch(kg, nodes)), focus, radius=radius, undirected=True)
        assert _signature(part) == _signature(nx.ego_graph(whole, focus, radius=radius, undirected=True))
        assert len(part) > 3
    out, n, e, _ = draw([], tmp_path / "ots.html", focus="OTS", radius=1, store=tmp_path / "store")
    assert out.exists() and n > 3 and e > 3


def test_too_big_is_refused_after_a_count(tmp_path, monkeypatch):
    import diplograph.viz as viz

    build([__import__("tests.conftest", fromlist=["ROOT"]).ROOT / "articles"], [], store=tmp_path / "store")
    monkeypatch.setattr(viz, "MAX_NODES", 5)
    monkeypatch.setattr(viz, "fetch", lambda *a, **k: (_ for _ in ()).throw(AssertionError("fetched")))
    with pytest.raises(VizError, match="more than a diagram can show"):
        draw([], tmp_path / "x.html", store=tmp_path / "store")
