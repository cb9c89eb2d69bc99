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
    assert result["ready"] and result["shown"] == n and result["nodes"] == n and result["edges"] == e
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
    assert result["xss"] == 0 and result["imgs"] == 0 and result["shown"] == n and requests == 0
    # every sentence of the panel, shown with its mentions marked, stays text
    result, _ = open_page(path, actions="""
      d.data.nodes.forEach(function (n) { d.select(n.id); });
      d.data.edges.forEach(function (e, i) { d.showEdge(i); });
      return {marks: document.querySelectorAll("#info mark").length};""")
    assert result["xssAfter"] == 0 and result["imgsAfter"] == 0 and result["marks"] > 0


def _signature(nxg):
    nodes = sorted((n, d["label"], d["type"], tuple(d["details"]), tuple(e["sentence"] for e in d["evidence"]))
                   for n, d in nxg.nodes(data=True))
    edges = sorted((a, b, d["label"], tuple(e["sentence"] for e in d["evidence"])) for a, b, d in nxg.edges(data=True))
    return nodes, edges


def test_store_diagrams_fetch_by_sparql_what_the_whole_projection_shows(generated_store, tmp_path):
    """A focus walked by SPARQL and a diagram of the whole store draw exactly what projecting everything does."""
    import networkx as nx

    from diplograph.store import EmbeddedStore
    from diplograph.viz import fetch, neighbours, node_iris, resolve_focus

    kg = EmbeddedStore.open(generated_store)
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
    out, n, e, _ = draw([], tmp_path / "hun.html", focus="Hungary", radius=1, store=generated_store)
    assert out.exists() and n > 3 and e > 3


def test_a_large_graph_is_drawn_as_its_most_named_entities(tmp_path):
    """No graph is refused for its size: the view holds the --top entities, as many more kept aside."""
    build([__import__("tests.conftest", fromlist=["ROOT"]).ROOT / "articles"], [], store=tmp_path / "store")
    path, n, e, _ = draw([], tmp_path / "x.html", store=tmp_path / "store", top=5)
    page = path.read_text(encoding="utf-8")
    data = __import__("json").loads(page.split('<script id="data" type="application/json">', 1)[1]
                                    .split("</script>", 1)[0])
    assert n == 5 and sum(1 for x in data["nodes"] if not x["hidden"]) == 5
    assert sum(1 for x in data["nodes"] if x["hidden"]) == 5
    assert data["nodes"][0]["label"] == "Organization of Turkic States"


# ------------------------------------------------------------------ aggregated views of real news


@pytest.fixture(scope="module")
def news_store(tmp_path_factory):
    """The 81 real articles of tests/corpus/dev (each with its outlet, date and URL) in a graph store."""
    from .conftest import ROOT

    store = tmp_path_factory.mktemp("news") / "store"
    build([ROOT / "tests" / "corpus" / "dev" / "articles"], [], store=store)
    return store


def test_aggregated_view_weighs_entities_and_links_and_cites_sources(news_store):
    from diplograph import explore
    from diplograph.store import EmbeddedStore

    kg = EmbeddedStore.open(news_store)
    v = explore.view(kg, top=40)
    shown = [n for n in v["nodes"] if not n["hidden"]]
    spare = [n for n in v["nodes"] if n["hidden"]]
    assert len(shown) == 40 and 0 < len(spare) <= 40
    # the most named first, and each weight is the number of articles naming the entity, counted apart here
    assert [n["articles"] for n in shown] == sorted((n["articles"] for n in shown), reverse=True)
    assert shown[0]["articles"] >= max(n["articles"] for n in spare)
    for n in shown[:5]:
        q = ("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?x <https://w3id.org/diplograph/ontology#evidence> ?m . "
             "?m <https://w3id.org/diplograph/ontology#inArticle> ?a }")
        assert int(kg.query(q, {"x": __import__("rdflib").URIRef(n["id"])}).rows[0][0]) == n["articles"]
    # repeated facts are one edge; every edge and every node has sources, at most one page and a half each
    keys = [(e["from"], e["to"], e["label"]) for e in v["edges"]]
    assert len(keys) == len(set(keys)) and len(keys) > 40
    assert all(e["src"] and len(e["src"]) <= explore.EDGE_SOURCES and e["weight"] >= 1 for e in v["edges"])
    assert all(n["src"] and len(n["src"]) <= explore.NODE_SOURCES for n in v["nodes"])
    labels = {e["label"] for e in v["edges"]}
    assert {"member of", "events together"} <= labels and any(lab.endswith(" of") and lab not in
                                                               explore._STATUS.values() for lab in labels)
    # sources name their article: title or file, outlet, date, and the URL to open
    cited = {a for x in v["nodes"] + v["edges"] for a, _ in x["src"]}
    assert cited == set(range(len(v["articles"])))
    arts = [v["articles"][a] for a in cited]
    assert all(a["url"].startswith("http") and a["outlet"] for a in arts)
    assert sum(1 for a in arts if a["date"]) > len(arts) / 2   # a few real articles carry no date
    # newest first
    for n in shown[:10]:
        days = [v["articles"][a]["date"] for a, _ in n["src"]]
        assert days == sorted(days, reverse=True)
    assert len(v["index"]) >= len(v["nodes"])


def test_dates_and_types_are_checked_and_filter_the_view(news_store):
    from diplograph import explore
    from diplograph.store import EmbeddedStore

    kg = EmbeddedStore.open(news_store)
    for kwargs, message in (({"types": ["stat"]}, "unknown type 'stat'"), ({"since": "2025-13-01"}, "not a date"),
                            ({"since": "2025-02-01", "until": "2025-01-01"}, "is after")):
        with pytest.raises(explore.ExploreError, match=message):
            explore.view(kg, **kwargs)
    everything = {n["id"]: n["articles"] for n in explore.view(kg, top=300)["nodes"]}
    v = explore.view(kg, top=300, since="2025-01-01", until="2025-06-30", types=["state", "person"])
    assert v["nodes"] and {n["type"] for n in v["nodes"]} <= {"state", "person"}
    assert all(0 < n["articles"] <= everything.get(n["id"], 10 ** 6) for n in v["nodes"])
    assert sum(n["articles"] for n in v["nodes"]) < sum(everything.values())
    days = {v["articles"][a]["date"] for n in v["nodes"] for a, _ in n["src"]}
    assert days and all("2025-01-01" <= d <= "2025-06-30" for d in days)
    assert all("2025-01-01" <= ev["date"] or ev["date"] <= "2025-06-30" for ev in v["events"])


def test_focus_resolves_names_in_any_language_and_fails_with_candidates(news_store):
    from diplograph import explore
    from diplograph.store import EmbeddedStore

    kg = EmbeddedStore.open(news_store)
    au = "https://w3id.org/diplograph/id/organisation/african-union"
    assert explore.resolve(kg, "African Union") == au
    assert explore.resolve(kg, "union africaine") == au   # French label, any case
    assert explore.resolve(kg, "UA") == au                 # French acronym
    assert explore.resolve(kg, "Etats-Unis") == "https://w3id.org/diplograph/id/state/USA"   # no accents
    assert explore.resolve(kg, "USA") == "https://w3id.org/diplograph/id/state/USA"          # an alias
    with pytest.raises(VizError, match=r"'Union' may mean \d+ entities: .*African Union"):
        explore.resolve(kg, "Union")
    with pytest.raises(VizError, match="no entity called"):
        explore.resolve(kg, "Atlantis")
    # the CLI says the same in one line
    from click.testing import CliRunner

    from diplograph.cli import main

    r = CliRunner().invoke(main, ["viz", "--store", str(news_store), "--focus", "Union", "--out", "/dev/null"])
    assert r.exit_code != 0 and "may mean" in r.output and "African Union" in r.output
    r = CliRunner().invoke(main, ["viz", "--store", str(news_store), "--type", "stat", "--out", "/dev/null"])
    assert r.exit_code != 0 and "known types: " in r.output


def test_the_entity_graph_is_read_once_per_snapshot(news_store, monkeypatch):
    from diplograph import explore
    from diplograph.store import EmbeddedStore

    kg = EmbeddedStore.open(news_store)
    first = explore.view(kg, top=30)
    assert list((news_store / "views").glob("entities-*.pickle"))
    monkeypatch.setattr(explore, "read_summary", lambda store: (_ for _ in ()).throw(AssertionError("read again")))
    assert explore.view(EmbeddedStore.open(news_store), top=30) == first


@needs_browser
def test_news_view_in_chromium_search_sources_expand_timeline_and_pictures(news_store, tmp_path):
    path, n, e, _ = draw([], tmp_path / "news.html", store=news_store, top=60)
    assert n == 60 and path.stat().st_size < 5_000_000
    result, requests = open_page(path, wait_ms=4000, actions="""
      var out = {};
      out.turkey = d.search("turquie").map(function (r) { return r.label; }).slice(0, 3);
      out.usa = d.search("etats-unis")[0].label;
      out.union = d.search("union").length;
      out.none = d.search("atlantis").length;
      out.listed = d.candidatesFor("union") && document.querySelectorAll("#hits div").length;
      var au = d.search("UA")[0]; out.au = au.label;
      d.select(au.id);
      var info = document.getElementById("info");
      out.sources = info.querySelectorAll(".s").length;
      out.marked = Array.prototype.map.call(info.querySelectorAll("mark"), function (m) { return m.textContent; });
      out.links = Array.prototype.map.call(info.querySelectorAll("a"), function (a) { return a.href; });
      // the timeline follows the entity chosen: its events only
      var seen = {};
      d.data.events.forEach(function (ev) { ev.who.forEach(function (w) { seen[w] = (seen[w] || 0) + 1; }); });
      var busiest = Object.keys(seen).sort(function (a, b) { return seen[b] - seen[a]; })[0];
      d.select(busiest); out.timeline = d.timelineItems; out.timelineWanted = seen[busiest];
      out.timelineAll = d.data.events.length;
      // the biggest entity: twenty sources at a time, then the next page
      var big = d.data.nodes.slice().sort(function (a, b) { return b.src.length - a.src.length; })[0];
      d.select(big.id); out.bigSources = big.src.length; out.page1 = info.querySelectorAll(".s").length;
      var more = Array.prototype.filter.call(info.querySelectorAll("button"), function (b) {
        return b.textContent.indexOf("more (") === 0; })[0];
      if (more) more.click(); out.page2 = info.querySelectorAll(".s").length;
      // entities kept aside appear when a neighbour asks for them
      var before = d.shown(); var withHidden = d.data.nodes.filter(function (x) { return !x.hidden &&
        d.data.edges.some(function (e) { return (e.from === x.id && d.nodes.get(e.to).hidden) ||
          (e.to === x.id && d.nodes.get(e.from).hidden); }); })[0];
      out.revealed = withHidden ? d.reveal(withHidden.id) : -1; out.shownAfter = d.shown() - before;
      out.png = d.png().slice(0, 22); out.svg = d.svg().slice(0, 4);
      out.svgTexts = (d.svg().match(/<text/g) || []).length;
      return out;""")
    assert requests == 0 and result["ready"] and result["shown"] >= 60 and result["xssAfter"] == 0
    assert result["turkey"][0] == "Türkiye" and result["usa"] == "United States" and result["none"] == 0
    assert result["union"] > 3 and 3 < result["listed"] <= 21
    assert result["au"] == "African Union" and 0 < result["sources"] <= 20
    assert "UA" in result["marked"] or "African Union" in result["marked"] or "Union africaine" in result["marked"]
    assert result["links"] and all(x.startswith("http") for x in result["links"])
    assert result["timeline"] == min(400, result["timelineWanted"])
    assert 0 < result["timeline"] < result["timelineAll"]
    assert result["page1"] == min(20, result["bigSources"]) and result["page2"] == min(40, result["bigSources"])
    assert result["revealed"] > 0 and result["shownAfter"] == result["revealed"]
    assert result["png"] == "data:image/png;base64," and result["svg"] == "<svg" and result["svgTexts"] > 10


@needs_browser
def test_timeline_lists_the_events_and_selects_their_entities(news_store, tmp_path):
    from diplograph import explore
    from diplograph.store import EmbeddedStore

    v = explore.view(EmbeddedStore.open(news_store), top=150)
    path, *_ = draw([], tmp_path / "t.html", store=news_store, top=150)
    result, _ = open_page(path, actions="""
      var ev = d.data.events[0]; d.timeline.setSelection([ev.id]);
      d.timeline.emit("select", {items: [ev.id]});
      return {items: d.timelineItems, shownInDom: document.querySelectorAll("#tl .vis-item").length,
              selected: d.network.getSelectedNodes().length, who: ev.who.length, first: ev.id};""")
    assert result["items"] == min(400, len(v["events"])) and len(v["events"]) > 20
    assert result["shownInDom"] > 0 and result["selected"] == result["who"] > 0
    assert result["first"] == v["events"][0]["id"]


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory):
    """80 generated articles: entities named in more articles than a page holds sources for."""
    from benchmarks.corpus import generate

    d = tmp_path_factory.mktemp("generated")
    build([generate(d / "a", 80)], [], store=d / "store")
    return d / "store"


PAGE_SOURCES = """
  var big = d.data.nodes.filter(function (n) { return !n.hidden; }).sort(function (a, b) {
    return b.src.length - a.src.length || b.articles - a.articles; })[0];
  d.select(big.id); var info = document.getElementById("info");
  var out = {articles: big.articles, embedded: big.src.length, page1: info.querySelectorAll(".s").length,
             label: big.label};
  var more = Array.prototype.filter.call(info.querySelectorAll("button"), function (b) {
    return b.textContent.indexOf("more (") === 0; })[0];
  more.click(); out.page2 = info.querySelectorAll(".s").length; out.moreHidden = more.style.display === "none";
  out.note = info.textContent.indexOf("diplograph query evidence") >= 0;
  return out;"""


@needs_browser
def test_sources_come_twenty_at_a_time(generated_store, tmp_path):
    """An entity named in more articles than a page holds: 20 sources, then "more" adds the next ones."""
    path, *_ = draw([], tmp_path / "g.html", store=generated_store, top=30)
    result, _ = open_page(path, actions=PAGE_SOURCES)
    assert result["articles"] > 40 and result["embedded"] == 40
    assert result["page1"] == 20 and result["page2"] == 40 and result["moreHidden"] and result["note"]


@needs_browser
def test_served_pages_are_the_views_and_page_their_sources(generated_store, tmp_path):
    """`serve` answers /explore with the page `viz` writes (?focus=, ?entity= … as its options), cut from the store
    it serves; its evidence panel shows 20 sources at a time; a name that means nothing is a 400 with the reason."""
    import urllib.error
    import urllib.parse
    import urllib.request

    from diplograph.server import OxigraphServer

    with OxigraphServer([], store=generated_store) as srv:
        with urllib.request.urlopen(f"{srv.base}/explore?top=30", timeout=120) as resp:
            assert resp.headers["Content-Type"].startswith("text/html")
            (tmp_path / "served.html").write_bytes(resp.read())
        with urllib.request.urlopen(f"{srv.base}/explore?top=30", timeout=120) as resp:
            assert resp.read() == (tmp_path / "served.html").read_bytes()  # the same page (kept, not made again)
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{srv.base}/explore?focus={urllib.parse.quote('Atlantide «x»')}", timeout=60)
        assert err.value.code == 400 and b"no entity called" in err.value.read()
        result, requests = open_page(tmp_path / "served.html", actions=PAGE_SOURCES)
        assert requests == 0 and result["shown"] == 30
        assert result["articles"] > 40 and result["embedded"] == 40
        assert result["page1"] == 20 and result["page2"] == 40 and result["moreHidden"]
        entity = urllib.parse.quote(result["label"])
        with urllib.request.urlopen(f"{srv.base}/explore?entity={entity}", timeout=120) as resp:
            (tmp_path / "entity.html").write_bytes(resp.read())
    result, _ = open_page(tmp_path / "entity.html", actions="""
      var info = document.getElementById("info");
      var out = {tables: d.entityTables, page1: info.querySelectorAll(".s").length, title: document.title};
      var more = Array.prototype.filter.call(info.querySelectorAll("button"), function (b) {
        return b.textContent.indexOf("more (") === 0; })[0];
      if (more) more.click(); out.page2 = info.querySelectorAll(".s").length; return out;""")
    assert result["title"].startswith("diplograph — ") and result["tables"] >= 1
    assert result["page1"] == 20 and result["page2"] == 40


@needs_browser
def test_entity_page_has_its_facts_events_and_sources(news_store, tmp_path):
    from click.testing import CliRunner

    from diplograph.cli import main

    out = tmp_path / "asean.html"
    r = CliRunner().invoke(main, ["viz", "--store", str(news_store), "--entity", "ANASE", "--out", str(out)])
    assert r.exit_code == 0, r.output
    result, requests = open_page(out, actions="""
      var rows = document.querySelectorAll("#info table.facts tr").length;
      var linked = d.data.edges.filter(function (e) { return e.from === d.panel || e.to === d.panel; }).length;
      return {tables: d.entityTables, rows: rows, linked: linked, events: d.entityEvents, tl: d.timelineItems,
              sources: document.querySelectorAll("#info .s").length, title: document.title};""")
    assert requests == 0 and result["title"].startswith("diplograph — Association of Southeast Asian Nations")
    assert result["tables"] >= 2 and result["rows"] == result["linked"] > 5
    assert result["events"] == result["tl"] > 3 and 0 < result["sources"] <= 20


def test_gephi_files_carry_types_colours_weights_and_dates_and_are_deterministic(news_store, tmp_path):
    import networkx as nx

    from diplograph.export import export

    for fmt in ("gexf", "graphml"):
        a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        export([], fmt, a, store=news_store)
        export([], fmt, b, store=news_store)
        assert a.read_bytes() == b.read_bytes()
    gx = nx.read_gexf(tmp_path / "a.gexf")
    gm = nx.read_graphml(tmp_path / "a.graphml")
    au = "https://w3id.org/diplograph/id/organisation/african-union"
    assert gx.nodes[au]["label"] == "African Union" and gx.nodes[au]["type"] == "intergovernmental organisation"
    assert gx.nodes[au]["viz"]["color"] == {"r": 245, "g": 158, "b": 11, "a": 1.0}
    assert gx.nodes[au]["articles"] == gm.nodes[au]["articles"] > 1 and gm.nodes[au]["r"] == 245
    dated = [d for _, d in gx.nodes(data=True) if d.get("start")]
    assert len(dated) > len(gx) / 2 and all(len(d["start"]) == 10 for d in dated)
    weights = [d["weight"] for *_, d in gx.edges(data=True)]
    assert min(weights) >= 1 and max(weights) > 1
    assert any(d.get("label") == "member of" for *_, d in gm.edges(data=True))


def _entity_graph(sm) -> dict:
    """A summary in terms of article IRIs (its indices depend on the order articles came in)."""
    def arts(ix):
        return sorted(sm.articles[i] for i in ix)

    return {"articles": sorted((a, d, k) for a, d, k in zip(sm.articles, sm.dates, sm.keys, strict=True) if a),
            "told": {s: arts(ix) for s, ix in sm.whole().told.items()},
            "newest": {s: sm.mentions(s) for s in sm.newest},
            "kind": sm.kind, "edges": sm.edges, "event_date": sm.event_date, "names": sm.names,
            "folded": sm.folded, "adj": {x: sorted(ks) for x, ks in sm.adj.items()}, "nfacts": sm.nfacts,
            "evts": sm.evts, "via": sm.via, "tell": sm.tell}


def test_the_entity_graph_follows_additions_changes_and_removals(tmp_path, monkeypatch):
    """After a build the entity graph kept for the former snapshot is brought up to date with only the articles
    that changed (not read again whole), and it is what a reading from nothing gives."""
    import shutil

    from benchmarks.corpus import generate

    from diplograph import explore
    from diplograph.build import remove
    from diplograph.store import EmbeddedStore

    corpus = generate(tmp_path / "a", 30)
    (corpus / "c-full.txt").write_text("President Recep Tayyip Erdogan said on Monday that Türkiye aims to increase "
                                       "trade with Azerbaijan to $10 billion in the medium term.")
    store = tmp_path / "store"
    build([corpus], [], store=store)
    explore.view(EmbeddedStore.open(store), top=20)  # kept in store/views/
    generate(tmp_path / "more", 33)
    for name in ("a00030.txt", "a00031.txt", "a00032.txt"):
        shutil.copy(tmp_path / "more" / name, corpus / name)
    (corpus / "a00004.txt").write_text((corpus / "a00004.txt").read_text() + " Hungary holds observer status.")
    (corpus / "b-variant.txt").write_text("President Recep Tayyip Erdoğan said on Tuesday that Türkiye aims to "
                                          "increase trade with Hungary to $20 billion in the medium term.")
    build([corpus], [], store=store)
    remove(["a00007", "a00011"], store)
    calls = []
    read = explore.read_summary
    monkeypatch.setattr(explore, "read_summary", lambda kg: calls.append(1) or read(kg))
    explore._SUMMARIES.clear()
    updated = explore.summary(EmbeddedStore.open(store))
    assert not calls  # brought up to date, not read again
    fresh = read(EmbeddedStore.open(store))
    got, want = _entity_graph(updated), _entity_graph(fresh)
    for part in want:
        assert got[part] == want[part], part
    # one changed, one mapped again (its Erdogan became Erdoğan), two removed: four slots left empty
    assert len(got["articles"]) == 33 and sum(1 for a in updated.articles if not a) == 4
