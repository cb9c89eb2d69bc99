"""Interactive diagrams for people: the RDF graph projected to entities and labelled facts, drawn with vis-network.

`project(graph)` turns the triples into a networkx graph where states,
organisations, persons, places, events, observances and programmes are nodes and
n-ary facts (memberships, posts, trade targets) are labelled edges; literals and
evidence sentences go into tooltips. `write_html(nxg, path)` writes one
self-contained page: vis-network is inlined from the pyvis package, nothing is
loaded from the network, and every piece of article text reaches the page as
JSON data shown with `textContent`, never as markup.
"""

from __future__ import annotations

import html
import json
import math
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from .errors import DiplographError
from .export import atomic_write
from .resources import package_file
from .vocab import DG

MAX_NODES = 20_000
#: supporting sentences shown per node or edge (the graph keeps them all: `diplograph query evidence`)
MAX_EVIDENCE = 12
#: ... and per fact drawn as an edge (a diagram of thousands of edges needs a sample, not every telling)
MAX_EDGE_EVIDENCE = 3
PHYSICS_LIMIT = 400  # above this many nodes, positions are computed here and physics stays off


class VizError(DiplographError):
    pass


# class -> (type name, colour, shape)
STYLE: dict[Node, tuple[str, str, str]] = {
    DG.State: ("state", "#3b82f6", "dot"),
    DG.IntergovernmentalOrganisation: ("intergovernmental organisation", "#f59e0b", "diamond"),
    DG.PoliticalParty: ("political party", "#d97706", "square"),
    DG.DiplomaticMission: ("diplomatic mission", "#b45309", "triangleDown"),
    DG.GovernmentAgency: ("government agency", "#92400e", "square"),
    DG.Organisation: ("organisation", "#fbbf24", "square"),
    DG.Person: ("person", "#10b981", "dot"),
    DG.Place: ("place", "#6b7280", "dot"),
    DG.Observance: ("observance", "#8b5cf6", "triangle"),
    DG.Programme: ("programme", "#14b8a6", "box"),
    DG.Reception: ("reception", "#ef4444", "star"),
    DG.Meeting: ("meeting", "#ef4444", "star"),
    DG.Summit: ("summit", "#dc2626", "star"),
    DG.Visit: ("visit", "#f87171", "star"),
    DG.Designation: ("designation", "#e11d48", "star"),
    DG.Launch: ("launch", "#fb7185", "star"),
    DG.Announcement: ("announcement", "#f43f5e", "star"),
    DG.Agreement: ("agreement", "#be123c", "star"),
    DG.Event: ("event", "#ef4444", "star"),
}
GROUP_STYLE = ("group of states", "#94a3b8", "dot")


def _label(g: Graph, node) -> str:
    """English (or language-free) name first, then an English event label, then any; the same every time."""
    pref = sorted(g.objects(node, SKOS.prefLabel), key=str)
    for lit in pref:
        if isinstance(lit, Literal) and lit.language in (None, "en"):
            return str(lit)
    events = sorted(g.objects(node, DG.eventLabel), key=str)
    for lit in events:
        if isinstance(lit, Literal) and lit.language == "en":
            return str(lit)
    if pref or events:
        return str((pref or events)[0])
    return str(node).rsplit("/", 1)[-1]


def _evidence(g: Graph, node, fetched: dict | None = None, cap: int = MAX_EVIDENCE) -> list[dict]:
    if fetched is not None:  # read by `fetch` already, without putting the mentions in the graph
        return fetched.get(str(node), [])
    out = []
    for m in sorted(g.objects(node, DG.evidence), key=str):
        art = g.value(m, DG.inArticle)
        out.append({"article": str(g.value(art, DG.sourceFile) or art or ""),
                    "lang": str(g.value(m, DG.language) or ""),
                    "sentence": str(g.value(m, DG.sentence) or "")})
    # the same sentence supports a fact once
    seen, uniq = set(), []
    for e in out:
        k = (e["article"], e["sentence"])
        if k not in seen:
            seen.add(k)
            uniq.append(e)
    return uniq[:cap]


#: the classes of STYLE, most specific first
_RANK: dict[Node, int] = {c: i for i, c in enumerate(STYLE)}


def _amount(value: Node | None, currency: str) -> str:
    v = float(value.toPython()) if isinstance(value, Literal) else 0.0
    sym = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency, currency + " ")
    for scale, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if v >= scale:
            return f"{sym}{v / scale:g} {word}"
    return f"{sym}{v:g}"


def project(g: Graph, evidence: dict[str, list[dict]] | None = None) -> nx.MultiDiGraph:
    """The graph as people read it: entities as nodes, facts as labelled edges.

    >>> nxg = project(Graph().parse("graphs/diplograph.ttl"))     # doctest: +SKIP
    >>> nxg.nodes["https://w3id.org/diplograph/id/state/AZE"]["label"]   # doctest: +SKIP
    'Azerbaijan'

    `evidence` (IRI -> supporting sentences, as `fetch` gives them) replaces reading the mentions from `g`.
    """
    out = nx.MultiDiGraph()
    types: dict[Node, Node] = {}
    for s, cls in g.subject_objects(RDF.type):
        if cls in STYLE and isinstance(s, URIRef):
            # the most specific class wins (Reception over Event, IGO over Organisation)
            cur = types.get(s)
            if cur is None or _RANK[cls] < _RANK[cur]:
                types[s] = cls
    for s, cls in types.items():
        name, colour, shape = STYLE[cls]
        details: list[str] = []
        attrs = {"label": _label(g, s), "type": name, "color": colour, "shape": shape, "iri": str(s),
                 "evidence": _evidence(g, s, evidence), "details": details}
        for lit in g.objects(s, DG.acronym):
            details.append(f"acronym: {lit}")
        for lit in g.objects(s, DG.formerName):
            details.append(f"formerly: {lit}")
        for o in g.objects(s, URIRef("http://www.w3.org/2002/07/owl#sameAs")):
            details.append(f"Wikidata: {o}")
        for lit in g.objects(s, DG.dateText):
            details.append(f"when: {lit}")
        for lit in g.objects(s, DG.date):
            details.append(f"date: {lit}")
        details.sort()
        out.add_node(str(s), **attrs)

    def edge(a, b, label, fact, **extra):
        if str(a) in out and str(b) in out:
            out.add_edge(str(a), str(b), key=f"{fact}|{label}|{b}", label=label,
                         evidence=_evidence(g, fact, evidence, MAX_EDGE_EVIDENCE) if fact is not None else [],
                         **extra)

    for m in g.subjects(RDF.type, DG.Membership):
        status = str(g.value(m, DG.status)).rsplit("#", 1)[-1]
        edge(g.value(m, DG.memberState), g.value(m, DG.organisation), f"{status} of" if status != "chair" else
             "chairs", m)
    for h in g.subjects(RDF.type, DG.RoleHolding):
        role = _label(g, g.value(h, DG.role))
        person = g.value(h, DG.holder)
        of, to = g.value(h, DG.roleOf), g.value(h, DG.roleTo)
        if of is not None:
            edge(person, of, f"{role} of", h)
        if to is not None:
            edge(person, to, f"{role} to", h)
    for t in g.subjects(RDF.type, DG.TradeTarget):
        actor, partner = g.value(t, DG.actor), g.value(t, DG.tradePartner)
        if partner is None and g.value(t, DG.partnerText) is not None:
            text = str(g.value(t, DG.partnerText))
            partner = URIRef("urn:diplograph:group:" + text.lower().replace(" ", "-"))
            if str(partner) not in out:
                out.add_node(str(partner), label=text, type=GROUP_STYLE[0], color=GROUP_STYLE[1],
                             shape=GROUP_STYLE[2], iri="", evidence=[], details=["named as a group in the text"])
        horizon = g.value(t, DG.horizon) or g.value(t, DG.targetYear)
        amount = _amount(g.value(t, DG.amount), str(g.value(t, DG.currency)))
        label = f"trade target {amount}" + (f" ({horizon})" if horizon else "")
        by = g.value(t, DG.statedBy)
        edge(actor, partner, label, t, stated_by=_label(g, by) if by is not None else "")
    for e, cls in types.items():
        if not issubclass_event(cls):
            continue
        hosts = set(g.objects(e, DG.host))
        for p in g.objects(e, DG.participant):
            edge(p, e, "hosts" if p in hosts else "takes part in", None)
        for p in g.objects(e, DG.place):
            edge(e, p, "in", None)
        for o in g.objects(e, DG.occasion):
            edge(e, o, "marks", None)
        for o in g.objects(e, DG.about):
            edge(e, o, "about", None)
    for o in g.subjects(RDF.type, DG.Observance):
        for by in g.objects(o, DG.designatedBy):
            edge(by, o, "designated", None)
    for p in g.subjects(RDF.type, DG.Programme):
        for by in g.objects(p, DG.runBy):
            edge(by, p, "runs", None)
    quotes: defaultdict[str, list[str]] = defaultdict(list)
    for st in g.subjects(RDF.type, DG.Statement):
        sp = g.value(st, DG.speaker)
        for q in g.objects(st, DG.quote):
            quotes[str(sp)].append(str(q))
    for speaker, qs in quotes.items():
        if speaker in out:
            out.nodes[speaker]["details"].extend(f"said: “{q}”" for q in sorted(qs))
    return out


def issubclass_event(cls) -> bool:
    return STYLE.get(cls, ("",))[0] in {"reception", "meeting", "summit", "visit", "designation", "launch",
                                        "announcement", "agreement", "event"}


def find_node(nxg: nx.MultiDiGraph, name: str) -> str:
    """The node a user means by a label, an acronym or an IRI (case and accents ignored)."""
    from .ids import fold

    if name in nxg:
        return name
    want = fold(name).strip()
    for n, d in nxg.nodes(data=True):
        if fold(d.get("label", "")) == want:
            return n
        if any(fold(x.split(": ", 1)[1]) == want for x in d.get("details", []) if x.startswith("acronym: ")):
            return n
    for n, d in nxg.nodes(data=True):
        if want and want in fold(d.get("label", "")):
            return n
    raise VizError(f"no entity called {name!r} in the graph (try a label, an acronym or an IRI)")


def ego(nxg: nx.MultiDiGraph, entity: str, radius: int = 1) -> nx.MultiDiGraph:
    """One entity's neighbourhood, following edges both ways."""
    return nx.ego_graph(nxg, find_node(nxg, entity), radius=radius, undirected=True).copy()


def keep_types(nxg: nx.MultiDiGraph, types: list[str]) -> nx.MultiDiGraph:
    wanted = {t.lower() for t in types}
    keep = [n for n, d in nxg.nodes(data=True) if d["type"] in wanted or d["type"].split()[-1] in wanted]
    return nxg.subgraph(keep).copy()


# ------------------------------------------------------------------ layout


def layout(nxg: nx.MultiDiGraph | nx.Graph, seed: int = 7,
           spread: float = 1.0) -> tuple[dict[str, tuple[float, float]], dict[str, int]]:
    """Positions for large graphs, and each node's community.

    Communities (Louvain, seeded so the picture is stable) are packed on shelves, largest first, each in a
    square that grows with its size; inside, a short force-directed layout. Clusters stay apart, so the
    page shows groups rather than a disc of dots, and nothing has to move once the page is open.
    """
    und = nx.Graph(nxg)
    comms = [sorted(c) for c in nx.community.louvain_communities(und, seed=seed)] if len(und) else []
    comms.sort(key=lambda c: (-len(c), c[0]))
    if spread != 1.0:  # a few large communities and a tail of pairs and single entities, in that order
        comms = [c for c in comms if len(c) > 1] + [sum((c for c in comms if len(c) == 1), [])]
        comms = [c for c in comms if c]
    comms.sort(key=lambda c: (-len(c), c[0]))
    sizes = [(60 * math.sqrt(len(c)) + 40) * spread for c in comms]
    width = math.sqrt(sum(z * z for z in sizes)) * 1.3
    pos: dict[str, tuple[float, float]] = {}
    member: dict[str, int] = {}
    x = y = shelf = 0.0
    for i, (comm, side) in enumerate(zip(comms, sizes, strict=True)):
        if x + side > width and x > 0:
            x, y, shelf = 0.0, y + shelf, 0.0
        cx, cy = x + side / 2, y + side / 2
        x += side
        shelf = max(shelf, side)
        if len(comm) == 1:
            local = {comm[0]: (0.0, 0.0)}
        elif spread != 1.0 and len(comm) <= 400:
            # ForceAtlas2 with sizes: the members of a tight group (a bloc and its states) do not overlap
            sub = und.subgraph(comm)
            raw = nx.forceatlas2_layout(sub, max_iter=200, seed=seed, node_size={n: 1.0 for n in comm},
                                        scaling_ratio=4.0, distributed_action=True, weight=None)
            cx0 = sum(float(p[0]) for p in raw.values()) / len(raw)
            cy0 = sum(float(p[1]) for p in raw.values()) / len(raw)
            span = max(max(abs(float(p[0]) - cx0), abs(float(p[1]) - cy0)) for p in raw.values()) or 1.0
            local = {n: ((float(p[0]) - cx0) / span, (float(p[1]) - cy0) / span) for n, p in raw.items()}
        elif len(comm) <= 400:
            local = nx.spring_layout(und.subgraph(comm), seed=seed, iterations=30)
        else:
            # very large communities: a disc by degree, hubs in the middle (linear time)
            by_deg = sorted(comm, key=lambda n: -und.degree(n))
            local = {}
            for k, n in enumerate(by_deg):
                ring, a = math.sqrt(k / len(comm)), k * 2.399963
                local[n] = (ring * math.cos(a), ring * math.sin(a))
        for n, (lx, ly) in local.items():
            pos[n] = (cx + lx * side * 0.42, cy + ly * side * 0.42)
            member[n] = i
    return pos, member


# ------------------------------------------------------------------ HTML


def _vis_assets() -> tuple[str, str]:
    import pyvis

    base = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return (base / "vis-network.min.js").read_text(encoding="utf-8"), \
        (base / "vis-network.css").read_text(encoding="utf-8")


def _json_for_script(data) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can close the tag or start markup."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


#: the page around the diagram: @@NAME@@ marks what is put in (scripts, styles, the data as JSON)
PAGE = package_file("diagram.html").read_text(encoding="utf-8")


def _timeline_assets() -> tuple[str, str]:
    base = package_file("vendor").joinpath("vis-timeline")
    return (base.joinpath("vis-timeline-graph2d.min.js").read_text(encoding="utf-8"),
            base.joinpath("vis-timeline-graph2d.min.css").read_text(encoding="utf-8"))


def _legend(nodes: list[dict]) -> list[dict]:
    counts = Counter(n["type"] for n in nodes)
    colours = {n["type"]: n["color"] for n in nodes}
    return [{"type": t, "color": colours[t], "count": c} for t, c in sorted(counts.items())]


def _options(n: int, physics: bool) -> dict:
    return {
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
                    "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n > 300,
                        "hideEdgesOnZoom": n > 1000, "navigationButtons": False},
        "edges": {"font": {"size": 10, "align": "middle"}, "smooth": False if n > 150 else {"type": "dynamic"},
                  "color": {"color": "#94a3b8", "highlight": "#1d4ed8", "hover": "#475569", "opacity": 0.55}},
        # a label smaller than 8 px on screen is not drawn: the largest entities are named, the rest on zoom
        "nodes": {"font": {"size": 14}, "scaling": {"label": {"enabled": False, "drawThreshold": 8,
                                                             "maxVisible": 40}}},
        "layout": {"improvedLayout": n <= 150, "randomSeed": 7},
    }


def render_page(payload: dict, title: str) -> str:
    """The page for a payload (nodes, edges, articles, sentences, index, events): one self-contained HTML file."""
    n = sum(1 for x in payload["nodes"] if not x.get("hidden"))
    physics = payload.pop("physics", None)
    if physics is None:
        physics = not all("x" in x for x in payload["nodes"])
    shown = [x for x in payload["nodes"] if not x.get("hidden")]
    payload = {**payload, "options": _options(n, physics), "legend": _legend(payload["nodes"]),
               "title": f"{title} — {len(shown)} entities, "
                        f"{sum(1 for e in payload['edges'] if not e.get('hidden'))} links"}
    vis_js, vis_css = _vis_assets()
    tl_js, tl_css = _timeline_assets() if payload.get("events") else ("", "")
    parts = {"TITLE": html.escape(payload["title"]), "VIS_CSS": vis_css, "TIMELINE_CSS": tl_css,
             "VIS_JS": vis_js.replace("</script", "<\\/script"), "TIMELINE_JS": tl_js.replace("</script", "<\\/script"),
             "DATA": _json_for_script(payload)}
    return re.sub(r"@@([A-Z_]+)@@", lambda m: parts[m.group(1)], PAGE)


def payload_from_nx(nxg: nx.MultiDiGraph, physics: bool | None = None) -> dict:
    """The page's data for a projected graph (`project`): its nodes, labelled edges and their sentences."""
    n = nxg.number_of_nodes()
    if n > MAX_NODES:
        raise VizError(f"{n} nodes is more than a diagram can show ({MAX_NODES}); draw a part of it with "
                       f"--focus ENTITY --radius 2, or --type state organisation")
    physics = (n <= PHYSICS_LIMIT) if physics is None else physics
    pos, member = (None, {}) if physics else layout(nxg)
    sentences: list[str] = []
    at: dict[str, int] = {}
    articles: list[dict] = []
    art_at: dict[str, int] = {}

    def refs(evidence: list[dict]) -> list[list]:
        out = []
        for e in evidence:
            if e["article"] not in art_at:
                art_at[e["article"]] = len(articles)
                articles.append({"file": e["article"], "lang": e.get("lang", ""), "title": "", "outlet": "",
                                 "date": "", "url": ""})
            if e["sentence"] not in at:
                at[e["sentence"]] = len(sentences)
                sentences.append(e["sentence"])
            out.append([art_at[e["article"]], at[e["sentence"]]])
        return out

    deg = dict(nxg.degree())
    nodes = []
    for node_id in sorted(nxg.nodes):
        d = nxg.nodes[node_id]
        item = {"id": node_id, "label": d["label"], "type": d["type"], "shape": d["shape"], "color": d["color"],
                "articles": len({e["article"] for e in d.get("evidence", [])}), "facts": deg.get(node_id, 0),
                "community": member.get(node_id, -1), "iri": d.get("iri", ""), "details": d.get("details", []),
                "names": sorted({d["label"], *(x.split(": ", 1)[1] for x in d.get("details", [])
                                              if x.startswith(("acronym: ", "formerly: ")))}),
                "src": refs(d.get("evidence", []))}
        if pos is not None:
            x, y = pos[node_id]
            item.update(x=round(x, 1), y=round(y, 1))
        nodes.append(item)
    edges = []
    for a, b, _key, d in sorted(nxg.edges(keys=True, data=True), key=lambda t: (t[0], t[1], str(t[2]))):
        edges.append({"from": a, "to": b, "label": d["label"], "weight": max(1, len(d.get("evidence", []))),
                      "facts": 1, "arrows": "to", "stated_by": d.get("stated_by", ""),
                      "src": refs(d.get("evidence", []))})
    index = [[x["id"], x["label"], x["type"], x["articles"], *[k for k in x["names"] if k != x["label"]]]
             for x in nodes]
    return {"nodes": nodes, "edges": edges, "articles": articles, "sentences": sentences, "index": index,
            "events": [], "physics": physics}


def render_html(nxg: nx.MultiDiGraph, title: str = "diplograph", physics: bool | None = None) -> str:
    return render_page(payload_from_nx(nxg, physics), title)


def write_html(nxg: nx.MultiDiGraph, path: str | Path, title: str = "diplograph",
               physics: bool | None = None) -> Path:
    """Write the diagram as one self-contained HTML file (atomically)."""
    text = render_html(nxg, title, physics)
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_page(payload: dict, path: str | Path, title: str) -> Path:
    text = render_page(payload, title)
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


# ------------------------------------------------------------------ a part of the graph, fetched by SPARQL

_DG = str(DG)
#: links from a fact node to the entities it joins (the fact becomes an edge between them)
FACT_LINKS = ("memberState", "organisation", "holder", "roleOf", "roleTo", "actor", "tradePartner", "speaker",
              "statedBy")
#: links from an entity node (event, observance, programme) straight to another
NODE_LINKS = ("participant", "host", "place", "occasion", "about", "designatedBy", "runBy")
_CHUNK = 400


def _values(iris) -> str:
    return " ".join(f"<{i}>" for i in iris)


def _chunks(items: list[str]):
    for i in range(0, len(items), _CHUNK):
        yield items[i: i + _CHUNK]


def _classes(types: list[str] | None) -> list[str]:
    if not types:
        return [str(c) for c in STYLE]
    wanted = {t.lower() for t in types}
    return [str(c) for c, (name, _, _) in STYLE.items() if name in wanted or name.split()[-1] in wanted]


def node_iris(store, types: list[str] | None = None) -> set[str]:
    q = f"SELECT DISTINCT ?s WHERE {{ VALUES ?c {{ {_values(_classes(types))} }} ?s a ?c FILTER(isIRI(?s)) }}"
    return {str(r[0]) for r in store.query(q).rows}


def resolve_focus(store, name: str) -> str:
    """The entity a user means by a label, an acronym or an IRI (case and accents ignored), found by SPARQL.

    The store compares first (case-insensitive equality, then labels of about the same length folded here);
    only a name that matches nothing is looked for inside every label.
    """
    from .ids import fold
    from .store import term_sparql

    if name.startswith(("http://", "https://")):
        if store.query(f"ASK {{ <{name}> a ?c }}").boolean:
            return name
    want = fold(name).strip()
    low = term_sparql(Literal(name.strip().lower()))
    labels = (f"{{ ?s <{SKOS.prefLabel}> ?l }} UNION {{ ?s <{_DG}eventLabel> ?l }} UNION "
              f"{{ ?s <{_DG}acronym> ?l }}")
    drawn = {str(c) for c in STYLE}

    def found(condition: str, test=None) -> str | None:
        rows = store.query(f"SELECT DISTINCT ?s ?l WHERE {{ {labels} FILTER({condition}) }}").rows
        hits = sorted({str(s) for s, lab in rows if test is None or test(fold(str(lab)).strip())})
        for chunk in _chunks(hits):  # only what a diagram draws (not an article, not a fact)
            typed = {str(r[0]) for r in store.query(f"SELECT ?s ?c WHERE {{ VALUES ?s {{ {_values(chunk)} }} "
                                                    f"?s a ?c }}").rows if str(r[1]) in drawn}
            if typed:
                return min(typed)
        return None

    n = len(name.strip())
    hit = (found(f"LCASE(STR(?l)) = {low}")
           or found(f"ABS(STRLEN(?l) - {n}) <= 3", lambda f: f == want)
           or found(f"CONTAINS(LCASE(STR(?l)), {low})")
           or (found("true", lambda f: bool(want) and want in f) if want else None))
    if hit is None:
        raise VizError(f"no entity called {name!r} in the graph (try a label, an acronym or an IRI)")
    return hit


def neighbours(store, frontier: set[str]) -> set[str]:
    """The entities one link away from `frontier`, as the diagram links them (facts between two entities count
    as one link)."""
    fl = "|".join(f"<{_DG}{p}>" for p in FACT_LINKS)
    nl = "|".join(f"<{_DG}{p}>" for p in NODE_LINKS)
    found: set[str] = set()
    for chunk in _chunks(sorted(frontier)):
        q = (f"SELECT DISTINCT ?n WHERE {{ VALUES ?x {{ {_values(chunk)} }} "
             f"{{ ?f {fl} ?x . ?f {fl} ?n }} UNION {{ ?x {nl} ?n }} UNION {{ ?n {nl} ?x }} FILTER(isIRI(?n)) }}")
        found.update(str(r[0]) for r in store.query(q).rows)
    return found - frontier


def fetch(store, nodes: set[str], facts: bool = True) -> tuple[Graph, dict[str, list[dict]]]:
    """What `project` needs to draw `nodes`: their descriptions, the facts that become edges between them
    (facts=True), and up to MAX_EVIDENCE supporting sentences each (for `project(g, evidence)`). Work is
    proportional to the part drawn, not to the graph."""
    from .store import _to_rdflib

    g = Graph()

    def add(rows) -> None:
        for row in rows:
            s_, p_, o_ = _to_rdflib(row[0]), _to_rdflib(row[1]), _to_rdflib(row[2])
            assert s_ is not None and p_ is not None and o_ is not None  # a triple has all three
            g.add((s_, p_, o_))

    keep = ("" if facts else f"VALUES ?p {{ <{RDF.type}> <{SKOS.prefLabel}> <{_DG}eventLabel> }} ")
    for chunk in _chunks(sorted(nodes)):
        add(_rows(store, f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {_values(chunk)} }} {keep}?s ?p ?o "
                         f"FILTER(?p != <{_DG}evidence>) }}"))
    kept: set[str] = set()
    if facts:
        # the facts touching the nodes, by their links only; kept when the diagram shows them (an edge between
        # two of the nodes, a speaker's quotation, a trade target with a group of states as partner)
        links: dict[str, list[tuple[str, str]]] = {}
        preds = ", ".join(f"<{_DG}{p}>" for p in FACT_LINKS)
        fl = "|".join(f"<{_DG}{p}>" for p in FACT_LINKS)
        for chunk in _chunks(sorted(nodes)):
            q = (f"SELECT DISTINCT ?f ?p ?y WHERE {{ VALUES ?x {{ {_values(chunk)} }} ?f {fl} ?x . "
                 f"?f ?p ?y FILTER(?p IN ({preds})) }}")
            for f, p, y in _rows(store, q):
                links.setdefault(f.value, []).append((p.value[len(_DG):], y.value))
        for f, ends in links.items():
            inside = {p for p, y in ends if y in nodes}
            both = len([p for p, y in ends if y in nodes and p not in ("speaker", "statedBy")]) >= 2
            group = "actor" in inside and not any(p == "tradePartner" for p, _ in ends)
            if both or group or "speaker" in inside:
                kept.add(f)
        labelled: set[str] = set()
        for chunk in _chunks(sorted(kept)):
            q = f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {_values(chunk)} }} ?s ?p ?o FILTER(?p != <{_DG}evidence>) }}"
            rows = list(_rows(store, q))
            add(rows)
            labelled.update(r[2].value for r in rows if r[1].value in (str(DG.role), str(DG.statedBy))
                            and r[2].value not in nodes)
        for chunk in _chunks(sorted(labelled)):
            add(_rows(store, f"SELECT ?s ?p ?l WHERE {{ VALUES ?s {{ {_values(chunk)} }} "
                             f"VALUES ?p {{ <{SKOS.prefLabel}> }} ?s ?p ?l }}"))
    return g, {**_fetch_evidence(store, nodes), **_fetch_evidence(store, kept, MAX_EDGE_EVIDENCE, few=True)}


def _rows(store, q: str):
    """Rows as pyoxigraph terms (no rdflib objects: these answers can be large)."""
    if getattr(store, "ox", None) is not None:
        return store.ox.query(q, use_default_graph_as_union=True)
    return store.query(q).rows


def _fetch_evidence(store, subjects: set[str], cap: int = MAX_EVIDENCE, few: bool = False) -> dict[str, list[dict]]:
    """Up to `cap` supporting sentences of each subject, chosen as `_evidence` chooses them (mentions in
    IRI order, one per article and sentence). The counting and choosing happen in the store."""
    every: dict[str, list[str]] = {}  # the first mentions of each subject, in IRI order

    def first(subjects: list[str], k: int) -> None:
        if few:  # facts are told a few times each: all their mentions in one go, the first k kept here
            for chunk in _chunks(subjects):
                found: dict[str, list[str]] = {}
                for x, m in _rows(store, f"SELECT ?x ?m WHERE {{ VALUES ?x {{ {_values(chunk)} }} "
                                         f"?x <{_DG}evidence> ?m }}"):
                    found.setdefault(str(getattr(x, "value", x)), []).append(str(getattr(m, "value", m)))
                for x, ms in found.items():
                    every[x] = sorted(ms)[:k]
            return
        for i in range(0, len(subjects), 40):
            parts = [f"{{ SELECT ?m (<{x}> AS ?x) WHERE {{ <{x}> <{_DG}evidence> ?m }} ORDER BY STR(?m) LIMIT {k} }}"
                     for x in subjects[i: i + 40]]
            each: dict[str, list[str]] = {}
            for row in _rows(store, "SELECT ?x ?m WHERE { " + " UNION ".join(parts) + " }"):
                each.setdefault(str(getattr(row[0], "value", row[0])), []).append(
                    str(getattr(row[1], "value", row[1])))
            for x, ms in each.items():
                every[x] = sorted(ms)

    about: dict[str, dict] = {}
    out: dict[str, list[dict]] = {}
    pending, k = sorted(subjects), cap * 2
    while pending:
        first(pending, k)
        wanted = sorted({m for x in pending for m in every.get(x, [])} - about.keys())
        for chunk in _chunks(wanted):
            q = (f"SELECT ?m ?file ?lang ?sentence WHERE {{ VALUES ?m {{ {_values(chunk)} }} "
                 f"OPTIONAL {{ ?m <{_DG}inArticle> ?a OPTIONAL {{ ?a <{_DG}sourceFile> ?file }} }} "
                 f"OPTIONAL {{ ?m <{_DG}language> ?lang }} OPTIONAL {{ ?m <{_DG}sentence> ?sentence }} }}")
            for row in _rows(store, q):
                m, file, lang, sentence = ("" if t is None else str(getattr(t, "value", t)) for t in
                                           (row[0], row[1], row[2], row[3]))
                about[m] = {"article": file or "", "lang": lang or "", "sentence": sentence or ""}
        more = []
        for x in pending:
            ms = every.get(x, [])
            seen, uniq = set(), []
            for m in ms:
                e = about[m]
                if (e["article"], e["sentence"]) not in seen:
                    seen.add((e["article"], e["sentence"]))
                    uniq.append(e)
            if ms:
                out[x] = uniq[:cap]
            if len(uniq) < cap and len(ms) == k:  # one sentence told many times: look further
                more.append(x)
        pending, k = more, k * 4
    return out


def view_page(kg, focus: str | None = None, entity: str | None = None, radius: int = 1,
              types: list[str] | None = None, top: int = 150, since: str | None = None,
              until: str | None = None) -> tuple[str, int, int]:
    """The page of an aggregated view of a store (as `viz` writes it, and `serve` answers at /explore): its HTML,
    the entities and the links shown."""
    from . import explore

    focus = entity or focus
    focus_iri = explore.resolve(kg, focus) if focus else None
    payload = explore.view(kg, top=top, types=types, since=since, until=until, focus=focus_iri, radius=radius)
    if focus_iri is not None:
        payload["select"] = focus_iri
        label = next(n["label"] for n in payload["nodes"] if n["id"] == focus_iri)
        title = f"diplograph — {label}" if entity else f"diplograph — around {label}"
        payload["entity"] = bool(entity)
    else:
        title = "diplograph"
    if since or until:
        title += f" ({since or '…'} to {until or '…'})"
    shown = {n["id"] for n in payload["nodes"] if not n["hidden"]}
    links = sum(1 for e in payload["edges"] if e["from"] in shown and e["to"] in shown)
    return render_page(payload, title), len(shown), links


def draw(data: list[str | Path], out: str | Path, focus: str | None = None, radius: int = 1,
         query: str | Path | None = None, types: list[str] | None = None,
         store: str | Path | None = None, top: int = 150, since: str | None = None,
         until: str | None = None, entity: str | None = None) -> tuple[Path, int, int, float]:
    """The `viz` command: an aggregated view (the `top` entities by weight, or those around `focus`) or a CONSTRUCT
    query's result, written as one HTML page. Returns (path, entities shown, links shown, seconds).

    The graph is read from files (`data`) or else from the graph store folder (`store`, default graphs/store).
    Only the part drawn is read, by SPARQL with bound values: weights are counted in the store, the
    neighbourhood of --focus is walked there, and each node and edge brings its newest sources.
    """
    from . import explore
    from .store import EmbeddedStore

    t0 = time.perf_counter()
    types = explore.check_types(types)
    kg = EmbeddedStore.load(*data) if data else EmbeddedStore.open(store or "graphs/store")
    if query is not None:
        from .query import run

        res = run(kg, str(query))  # checked, with the usual prefixes, as `diplograph query` runs it
        if res.kind != "graph":
            raise VizError("--query needs a CONSTRUCT or DESCRIBE query (its result is what is drawn)")
        g = res.graph
        assert g is not None
        # keep the labels, types and evidence of what the query returned
        keep = {str(x) for t in g for x in (t[0], t[2]) if isinstance(x, URIRef)}
        desc, evidence = fetch(kg, keep, facts=False)
        for t in desc:
            g.add(t)
        nxg = project(g, evidence)
        if types:
            nxg = keep_types(nxg, types)
        path = write_html(nxg, out, f"diplograph — {Path(str(query)).name}")
        return path, nxg.number_of_nodes(), nxg.number_of_edges(), time.perf_counter() - t0
    text, shown, links = view_page(kg, focus=focus, entity=entity, radius=radius, types=types, top=top, since=since,
                                   until=until)
    path = atomic_write(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path, shown, links, time.perf_counter() - t0
