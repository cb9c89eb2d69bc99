"""Aggregated views of a large graph, fetched from the store by SPARQL: what a researcher explores.

A graph of thousands of articles is not drawn fact by fact. Here entities are nodes weighted by the
articles that name them and the facts they take part in; every fact joining the same two entities the same
way (a membership, a post, a trade target, events attended together) is one edge weighted by how often it
is told. The default view is the top entities by weight, grouped in communities (networkx's Louvain); the
next ones are kept aside in the page and shown when a neighbour is clicked. Each node and edge carries its
sources (article title, outlet, date, link), newest first, a few pages of them.

Every value reaching a query is an IRI the store gave or a date checked here, written by `term_sparql`;
user text (a --focus name) is compared in Python, never pasted into SPARQL.
"""

from __future__ import annotations

import datetime as dt
import math
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from .ids import fold
from .store import term_sparql
from .viz import VizError
from .vocab import DG, SCHEMA

_DG = str(DG)
_CHUNK = 400
#: sources kept in the page for a node and for an edge (shown 20 at a time)
NODE_SOURCES = 40
EDGE_SOURCES = 5
#: events kept for the timeline
MAX_EVENTS = 1000
#: links each entity keeps in a view: its strongest (a view of 300 entities of a large corpus has 60,000 others)
LINKS_PER_ENTITY = 6


class ExploreError(VizError):
    """A view cannot be drawn as asked (an unknown type, a bad date, a name that means several entities)."""


def _styles():
    from .viz import STYLE, issubclass_event

    entity = {c: s for c, s in STYLE.items() if not issubclass_event(c)}
    event = {c: s for c, s in STYLE.items() if issubclass_event(c)}
    return entity, event


def type_names() -> list[str]:
    """Every value --type accepts: a type's name ("intergovernmental organisation") or its last word."""
    from .viz import STYLE

    names = {s[0] for s in STYLE.values()}
    return sorted(names | {n.split()[-1] for n in names})


def check_types(types: list[str] | None) -> list[str] | None:
    if not types:
        return None
    known = type_names()
    bad = [t for t in types if t.lower() not in known]
    if bad:
        raise ExploreError(f"unknown type {bad[0]!r}; known types: {', '.join(known)}")
    return [t.lower() for t in types]


def _wanted(styles: dict, types: list[str] | None) -> list[str]:
    if not types:
        return [str(c) for c in styles]
    return [str(c) for c, (name, _, _) in styles.items() if name in types or name.split()[-1] in types]


def check_date(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ExploreError(f"{what} {value!r} is not a date (YYYY-MM-DD)") from None


def _values(iris) -> str:
    return " ".join(term_sparql(URIRef(i)) for i in iris)


def _chunks(items: list, n: int = _CHUNK):
    for i in range(0, len(items), n):
        yield items[i: i + n]


def _rows(store, q: str):
    if getattr(store, "ox", None) is not None:
        for row in store.ox.query(q, use_default_graph_as_union=True):
            yield tuple(None if t is None else t.value for t in row)
    else:
        for row in store.query(q).rows:
            yield tuple(None if t is None else str(t) for t in row)


@dataclass
class Window:
    """Which articles count: all, or those published between two dates (inclusive)."""

    since: str | None = None
    until: str | None = None

    def filter(self, article: str = "?a") -> str:
        """A SPARQL pattern keeping `article` inside the window (empty when there is none)."""
        if not (self.since or self.until):
            return ""
        conds = []
        if self.since:
            conds.append(f"STR(?pub) >= {term_sparql(Literal(self.since))}")
        if self.until:
            conds.append(f"SUBSTR(STR(?pub), 1, 10) <= {term_sparql(Literal(self.until))}")
        return f"{article} <{SCHEMA.datePublished}> ?pub FILTER({' && '.join(conds)}) "

    def __bool__(self) -> bool:
        return bool(self.since or self.until)


def kinds(store, iris: list[str], styles: dict) -> dict[str, str]:
    """Each entity's most specific drawn class."""
    order = list(styles)
    rank = {str(c): i for i, c in enumerate(order)}
    out: dict[str, str] = {}
    for chunk in _chunks(sorted(iris)):
        for s, c in _rows(store, f"SELECT ?s ?c WHERE {{ VALUES ?s {{ {_values(chunk)} }} ?s a ?c }}"):
            if c in rank and (s not in out or rank[c] < rank[out[s]]):
                out[s] = c
    return out


def describe(store, iris: list[str], preds: list[str]):
    """(subject, predicate, value, language) of these subjects for these predicates.

    On an embedded store each (subject, predicate) pair is one look-up in Oxigraph's index, proportional to the
    answer (a hub's thousands of evidence links or an article's ledger are never read to find its label).
    Elsewhere each subject is written into its own block of a query (a term the store gave, escaped by
    `term_sparql`): a VALUES list of them would be joined with every triple of the predicate."""
    ox_store = getattr(store, "ox", None)
    if ox_store is not None:
        import pyoxigraph as ox

        nodes = [(p, ox.NamedNode(p)) for p in preds]
        for x in sorted(iris):
            s = ox.NamedNode(x)
            for p, pn in nodes:
                for q in ox_store.quads_for_pattern(s, pn, None, None):
                    o = q.object
                    yield x, p, o.value, getattr(o, "language", None) or ""
        return
    wanted = set(preds)
    for chunk in _chunks(sorted(iris), 50):
        parts = " UNION ".join(f"{{ BIND({term_sparql(URIRef(x))} AS ?s) {term_sparql(URIRef(x))} ?p ?o }}"
                               for x in chunk)
        q = f"SELECT ?s ?p ?o WHERE {{ {parts} }}"  # the predicates are chosen here: a VALUES list slows it
        for s, p, o in store.query(q).rows:
            if str(p) in wanted:
                yield str(s), str(p), str(o), getattr(o, "language", None) or ""


def scan(store, preds: list[str], subjects: set[str] | None = None):
    """(subject, predicate, value, language) of every triple of these predicates (of `subjects` only, when
    given): one pass over each predicate's triples, for many subjects at once."""
    ox_store = getattr(store, "ox", None)
    for p in preds:
        if ox_store is not None:
            import pyoxigraph as ox

            rows = ((q.subject, q.object) for q in ox_store.quads_for_pattern(None, ox.NamedNode(p), None, None))
            for s, o in rows:
                if subjects is None or s.value in subjects:
                    yield s.value, p, o.value, getattr(o, "language", None) or ""
        else:
            for s, o in store.query(f"SELECT ?s ?o WHERE {{ ?s {term_sparql(URIRef(p))} ?o }}").rows:
                if subjects is None or str(s) in subjects:
                    yield str(s), p, str(o), getattr(o, "language", None) or ""


def labels(store, iris: list[str]) -> dict[str, dict]:
    """Names of each entity: its display label (English first) and every label, acronym and former name."""
    out: dict[str, dict] = {i: {"label": "", "names": set()} for i in iris}
    pref: dict[str, list[tuple[int, str]]] = defaultdict(list)
    preds = [str(SKOS.prefLabel), str(SKOS.altLabel), f"{_DG}eventLabel", f"{_DG}acronym", f"{_DG}formerName"]
    rows = scan(store, preds, set(iris)) if len(iris) > 2000 else describe(store, iris, preds)
    for s, p, lab, lang in rows:
        out[s]["names"].add(lab)
        if p in (str(SKOS.prefLabel), f"{_DG}eventLabel"):
            pref[s].append((0 if lang in ("", "en") else 1, lab))
    aliases = lexicon_aliases()
    for s, d in out.items():
        d["names"] |= aliases.get(s, set())
        d["label"] = min(pref[s])[1] if pref.get(s) else (min(d["names"]) if d["names"] else s.rsplit("/", 1)[-1])
    return out


_ALIASES: dict[str, set[str]] | None = None


def lexicon_aliases() -> dict[str, set[str]]:
    """Every name the reference lexicon knows for an entity ("Turkey", "Turquie", "USA", "Turkish"), by IRI."""
    global _ALIASES
    if _ALIASES is None:
        from .lexicon import load_lexicon
        from .vocab import entity_iri

        lex = load_lexicon()
        out: dict[str, set[str]] = defaultdict(set)
        for forms in lex.forms.values():
            for f in forms:
                out[str(entity_iri(f.entry.kind, f.entry.key))].add(f.surface)
        _ALIASES = dict(out)
    return _ALIASES


# ------------------------------------------------------------------ links between entities

_STATUS = {"member": "member of", "observer": "observer of", "chair": "chairs", "candidate": "candidate for",
           "partner": "partner of", "founder": "founder of"}


@dataclass
class Edge:
    a: str
    b: str
    label: str
    facts: set[str] = field(default_factory=set)
    tellings: int = 0


# ------------------------------------------------------------------ sources


_ID = _DG.replace("ontology#", "id/")


def _mention_article(m: str) -> str:
    """The article of a mention, read from its IRI (id/mention/<article>.<start>-<end>), or ""."""
    if not m.startswith(f"{_ID}mention/") or "." not in m:
        return ""
    return f"{_ID}article/{m[len(_ID) + 8:].rsplit('.', 1)[0]}"


class Sources:
    """Sentences and articles shared by every node and edge of a page (each written once)."""

    def __init__(self) -> None:
        self.sentences: list[str] = []
        self._sent: dict[str, int] = {}
        self.articles: dict[str, dict] = {}
        self.mentions: dict[str, tuple[str, str]] = {}  # mention -> (article, sentence)
        self.listed: list[dict] = []  # the articles cited, in the order first cited
        self._art: dict[str, int] = {}

    def load(self, store, mentions: set[str]) -> None:
        todo = sorted(mentions - self.mentions.keys())
        found: dict[str, dict[str, str]] = defaultdict(dict)
        # a mention's IRI names its article (id/mention/<article>.<start>-<end>): only the sentence is looked up
        for m in todo:
            article = _mention_article(m)
            if article:
                found[m]["inArticle"] = article
        for m, p, o, _ in describe(store, [m for m in todo if m not in found], [f"{_DG}inArticle"]):
            found[m][p[len(_DG):]] = o
        for m, p, o, _ in describe(store, todo, [f"{_DG}sentence"]):
            found[m][p[len(_DG):]] = o
        for m, d in found.items():
            if "inArticle" in d and "sentence" in d:
                self.mentions[m] = (d["inArticle"], d["sentence"])
        new = sorted({a for a, _ in self.mentions.values()} - self.articles.keys())
        for a in new:
            self.articles[a] = {"file": "", "title": "", "outlet": "", "date": "", "url": "", "lang": ""}
        props = {f"{_DG}sourceFile": "file", str(SCHEMA.headline): "title", str(SCHEMA.publisher): "outlet",
                 str(SCHEMA.datePublished): "date", str(SCHEMA.url): "url", f"{_DG}language": "lang"}
        for a, p, o, _ in describe(store, new, list(props)):
            self.articles[a][props[p]] = o

    def refs(self, mentions: list[str], cap: int) -> list[list]:
        """[article, sentence index] pairs, newest article first, one per article and sentence."""
        seen: set[tuple[str, str]] = set()
        found: list[tuple[str, int]] = []
        for m in mentions:
            a, s = self.mentions.get(m, ("", ""))
            if (a, s) in seen or not a:
                continue
            seen.add((a, s))
            if s not in self._sent:
                self._sent[s] = len(self.sentences)
                self.sentences.append(s)
            found.append((a, self._sent[s]))
        found.sort(key=lambda r: (self.articles.get(r[0], {}).get("date", ""), r[0]), reverse=True)
        out = []
        for a, i in found[:cap]:  # articles by number in the page (each IRI written once)
            if a not in self._art:
                self._art[a] = len(self.listed)
                self.listed.append({**self.articles[a], "iri": a})
            out.append([self._art[a], i])
        return out


# ------------------------------------------------------------------ the entity graph of a whole store

#: links from a fact or event to the entities it joins, read once per store snapshot
_FACT_PREDS = ("memberState", "organisation", "status", "holder", "role", "roleOf", "roleTo", "actor", "tradePartner",
               "participant", "place", "designatedBy", "runBy", "date")
SUMMARY_VERSION = 5
#: mentions kept per subject in the summary (the newest), from which a page's sources are chosen
KEEP_MENTIONS = 60


@dataclass
class Summary:
    """The graph as entities and aggregated links, with the articles behind each: what every view is cut from.

    Reading it costs one pass over the store's evidence and fact links (about a minute at 10,000 articles on a
    busy machine); it is kept beside the store per snapshot (store/views/), so later views take it from there.
    """

    articles: list[str] = field(default_factory=list)            # article IRIs
    dates: list[str] = field(default_factory=list)               # their publication days ("" when unknown)
    told: dict[str, array | memoryview] = field(default_factory=dict)  # subject -> distinct articles (indices)
    newest: dict[str, str] = field(default_factory=dict)         # subject -> its newest mentions (see `mentions`)
    kind: dict[str, str] = field(default_factory=dict)           # entity or event -> most specific drawn class
    edges: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)  # (from, to, label) -> facts
    event_date: dict[str, str] = field(default_factory=dict)     # event -> its own date
    names: dict[str, dict] = field(default_factory=dict)         # entity -> {"label", "names"} (as `labels`)
    folded: dict[str, tuple[str, ...]] = field(default_factory=dict)  # entity -> its names, folded (search)
    adj: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # entity -> its links (edge keys)
    evts: dict[str, str] = field(default_factory=dict)           # entity -> the events it took part in (or held)
    nfacts: dict[str, int] = field(default_factory=dict)         # entity -> distinct facts of its links
    tell: dict[tuple[str, str, str], int] = field(default_factory=dict)  # link -> articles telling its facts
    # kept for updates only (read from the file when a view brings the entity graph up to date):
    keys: list[str] = field(default_factory=list)                # each article's record in the store's bookkeeping
    via: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # fact -> the links it makes
    # the kept file's articles of every subject (cut on first use), and a date window's counts
    _flat: memoryview | None = field(default=None, init=False, repr=False, compare=False)
    _at: dict[str, tuple[int, int]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _inside: tuple | None = field(default=None, init=False, repr=False, compare=False)

    def mentions(self, subject: str) -> list[str]:
        """The subject's newest mentions (IRIs), one per article, newest first. They are kept as one string per
        subject (the part after id/mention/), so that the kept entity graph loads in a fraction of a second."""
        text = self.newest.get(subject)
        if not text:
            return []
        return [m if "://" in m else f"{_ID}mention/{m}" for m in text.split(" ")]

    def arts(self, subject: str):
        """The articles (indices) naming the subject; read from the kept file's flat array on first use."""
        got = self.told.get(subject)
        if got is None:
            at = self._at.get(subject)
            if at is None or self._flat is None:
                return ()
            got = self.told[subject] = self._flat[at[0]:at[1]]
        return got

    def facts(self, link: tuple[str, str, str]) -> list[str]:
        """The facts making a link (kept as one string per link in the file, split when asked for)."""
        fs = self.edges[link]
        return fs.split(" ") if isinstance(fs, str) else fs

    def whole(self) -> Summary:
        """Every subject's articles in `told` and every link's facts as lists (an update, a save or an export
        goes through all of them)."""
        for s_ in list(self._at):
            self.arts(s_)
        self._at = {}
        if any(isinstance(fs, str) for fs in self.edges.values()):
            self.edges = {k: (fs.split(" ") if isinstance(fs, str) else fs) for k, fs in self.edges.items()}
        return self

    def count(self, subject: str, window: Window) -> int:
        """The articles naming the subject (inside the window, when there is one)."""
        arts = self.arts(subject)
        if not window:
            return len(arts)
        key = (window.since, window.until)
        cached = self._inside
        if cached is None or cached[0] != key:  # the articles the window holds, worked out once per window
            lo, hi = window.since or "", window.until or "9999"
            inside = frozenset(i for i, d in enumerate(self.dates) if d and lo <= d[:10] <= hi)
            cached = self._inside = (key, inside, {})
        memo = cached[2]
        n = memo.get(subject)
        if n is None:
            n = memo[subject] = len(cached[1].intersection(arts)) if arts else 0
        return n


_FOR_UPDATES = ("keys", "via")


def _save(sm: Summary, path: Path) -> None:
    """Two pickles in one file: what views read, then what updates need. The articles of every subject are one
    flat array (an array per subject costs a call each when the file is read)."""
    import pickle

    sm.whole()
    state = {k: v for k, v in sm.__dict__.items() if not k.startswith("_") and k not in _FOR_UPDATES}
    flat, at = array("I"), {}
    for s_, arts in sm.told.items():
        at[s_] = (len(flat), len(flat) + len(arts))
        flat.extend(arts)
    state["told"] = (flat.tobytes(), at)
    state["edges"] = {k: " ".join(fs) for k, fs in sm.edges.items()}
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump({k: getattr(sm, k) for k in _FOR_UPDATES}, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)


def _load(path: Path, for_update: bool = False) -> Summary:
    import pickle

    with path.open("rb") as fh:
        state = pickle.load(fh)
        if for_update:
            state.update(pickle.load(fh))
    raw, at = state["told"]
    state["told"] = {}
    sm = Summary(**state)
    sm._flat, sm._at = memoryview(raw).cast("I"), at
    return sm


def _summary_path(store) -> Path | None:
    root = getattr(store, "path", None)
    if root is None:
        return None
    cur = Path(root) / "current"
    try:
        key = f"{cur.read_text(encoding='utf-8').strip()}-{cur.stat().st_mtime_ns}"
    except OSError:
        return None
    return Path(root) / "views" / f"entities-v{SUMMARY_VERSION}-{key}.pickle"


_SUMMARIES: dict[str, Summary] = {}


def summary(store) -> Summary:
    """The store's entity graph, from the cache kept for the current snapshot or read now (and kept)."""
    import pickle

    path = _summary_path(store)
    if path is not None and str(path) in _SUMMARIES:
        return _SUMMARIES[str(path)]
    if path is not None and path.exists():
        try:
            _SUMMARIES.clear()
            _SUMMARIES[str(path)] = _load(path)
            return _SUMMARIES[str(path)]
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
            pass
    out = None
    earlier = sorted(path.parent.glob(f"entities-v{SUMMARY_VERSION}-*.pickle"),
                     key=lambda p: p.stat().st_mtime_ns) if path is not None and path.parent.exists() else []
    if earlier:  # the entity graph of an earlier snapshot, brought up to date with the articles that changed since
        try:
            out = update_summary(store, _load(earlier[-1], for_update=True))
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
            out = None
    if out is None:
        out = read_summary(store)
    if path is not None:
        _SUMMARIES.clear()
        _SUMMARIES[str(path)] = out
        try:
            path.parent.mkdir(exist_ok=True)
            for old in path.parent.glob("entities-*.pickle"):
                old.unlink()
            _save(out, path)
        except OSError:
            pass  # a store one may not write to: the next view reads it again
    return out


def prepare(store_dir: str | Path, rebuild: bool = False) -> None:
    """After a build: the entity graph of the new snapshot is read now and kept, unless the one of an earlier
    snapshot is kept (the first view then brings it up to date, reading only the articles that changed: seconds,
    which an hourly build of a few articles does not need to spend). A rebuild drops the earlier one (the same
    articles may give another graph with another extractor)."""
    from .store import EmbeddedStore

    views = Path(store_dir) / "views"
    earlier = list(views.glob("entities-*.pickle")) if views.exists() else []
    if rebuild or any(not p.name.startswith(f"entities-v{SUMMARY_VERSION}-") for p in earlier):
        for p in earlier:
            p.unlink(missing_ok=True)
        earlier = []
    if not earlier:
        summary(EmbeddedStore.open(store_dir))


def _triples(store, pred: str, obj: str | None = None):
    """(subject, object, graph) of every triple with this predicate (and object) whose subject is an IRI: one pass
    over Oxigraph's predicate index on an embedded store (no query to plan, no solution to build), SPARQL
    elsewhere (where the graph is not told: "")."""
    ox_store = getattr(store, "ox", None)
    if ox_store is not None:
        import pyoxigraph as ox

        o = ox.NamedNode(obj) if obj else None
        for q in ox_store.quads_for_pattern(None, ox.NamedNode(pred), o, None):
            if isinstance(q.subject, ox.NamedNode):
                yield q.subject.value, q.object.value, getattr(q.graph_name, "value", "")
        return
    q = f"SELECT ?s ?o WHERE {{ ?s <{pred}> ?o FILTER(isIRI(?s)) }}"
    if obj:
        q = f"SELECT ?s WHERE {{ ?s <{pred}> <{obj}> FILTER(isIRI(?s)) }}"
    for row in _rows(store, q):
        yield row[0], (obj or row[1]), ""


def read_summary(store) -> Summary:
    entity_styles, event_styles = _styles()
    sm = Summary()
    at: dict[str, int] = {}
    days = {a: d for a, d, _ in _triples(store, str(SCHEMA.datePublished))}
    records = _records(store)
    for a, _, _ in sorted(_triples(store, str(RDF.type), f"{_DG}NewsArticle")):
        if a not in at:
            at[a] = len(sm.articles)
            sm.articles.append(a)
            sm.dates.append(days.get(a, "")[:10])
            sm.keys.append(records.get(a, ""))
    # the evidence of an article is in the article's graph (and its mention's IRI names it too)
    mentions: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for s, m, g in _triples(store, f"{_DG}evidence"):
        a = at.get(g) if g else None
        if a is None:
            a = at.get(_mention_article(m))
        if a is not None:
            mentions[s].append((m, a))
    _keep_mentions(sm, mentions)
    rank = {str(c): i for i, c in enumerate(list(entity_styles) + list(event_styles))}
    for c in rank:
        for s, _, _ in _triples(store, str(RDF.type), c):
            if s not in sm.kind or rank[c] < rank[sm.kind[s]]:
                sm.kind[s] = c
    entities = {str(c) for c in entity_styles}
    sm.names = labels(store, sorted(s for s, c in sm.kind.items() if c in entities))
    facts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for p in _FACT_PREDS:
        for f, y, _ in _triples(store, f"{_DG}{p}"):
            facts[f][p].append(y)
    events = {str(c) for c in event_styles}
    for f in sorted(facts):
        _fact_edges(sm, f, facts[f], sm.kind.get(f) in events)
    _index(sm)
    return sm


def _keep_mentions(sm: Summary, mentions: dict[str, list[tuple[str, int]]], told: bool = True) -> None:
    """Each subject's articles, and its newest mentions, one per article (a page shows one sentence of each)."""
    for s, ms in mentions.items():
        if told:
            sm.told[s] = array("I", sorted({a for _, a in ms}))
        ms.sort(key=lambda x: (sm.dates[x[1]], sm.articles[x[1]], x[0]), reverse=True)
        one, seen = [], set()
        for m, a in ms:
            if a not in seen:
                seen.add(a)
                one.append(m)
                if len(one) == KEEP_MENTIONS:
                    break
        sm.newest[s] = " ".join(_short(m) for m in one)


def _records(store) -> dict[str, str]:
    """Each article's record in the store's bookkeeping (its content hash, file and the names it resolved): when
    it is the same, the article's graph is the same."""
    from .ingest import BK, BOOKKEEPING

    return {a: key for a, key, g in _triples(store, f"{BK}article") if g == BOOKKEEPING}


#: an update that touches more than this share of the articles reads the entity graph again instead
UPDATE_SHARE = 0.2


def update_summary(store, sm: Summary) -> Summary | None:
    """An earlier snapshot's entity graph brought up to date: the articles added, removed or changed since (their
    bookkeeping records differ) are read, with the subjects they evidence, and nothing else. None when too much
    changed (the caller reads it all again). Removed articles leave an empty slot (no date, no subject)."""
    entity_styles, event_styles = _styles()
    if getattr(store, "ox", None) is None or not sm.keys:
        return None
    records = _records(store)
    at = {a: i for i, a in enumerate(sm.articles) if a}
    gone = {i for a, i in at.items() if records.get(a) != sm.keys[i]}
    new = sorted(a for a, key in records.items() if a not in at or at[a] in gone)
    live_articles = len(at) - len(gone) + len(new)
    if len(gone) + len(new) > UPDATE_SHARE * max(live_articles, 1) + 5:
        return None
    if not gone and not new:
        return sm
    sm.whole()
    import pyoxigraph as ox

    touched: set[str] = set()
    for i in gone:  # the subjects they evidenced lose them
        sm.articles[i], sm.dates[i], sm.keys[i] = "", "", ""
    if gone:
        gone_iris = {a for a, i in at.items() if i in gone}
        for s_, arts in sm.told.items():
            if any(a in gone for a in arts):
                touched.add(s_)
                sm.told[s_] = array("I", [a for a in arts if a not in gone])
                kept = [m for m in sm.mentions(s_) if _mention_article(m) not in gone_iris]
                sm.newest[s_] = " ".join(_short(m) for m in kept)
    dpub = ox.NamedNode(str(SCHEMA.datePublished))
    evidence = ox.NamedNode(f"{_DG}evidence")
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for a in new:
        node = ox.NamedNode(a)
        days = [q.object.value for q in store.ox.quads_for_pattern(node, dpub, None, None)]
        i = len(sm.articles)
        sm.articles.append(a)
        sm.dates.append(min(days)[:10] if days else "")
        sm.keys.append(records[a])
        for q in store.ox.quads_for_pattern(None, evidence, None, node):
            if isinstance(q.subject, ox.NamedNode):
                found[q.subject.value].append((q.object.value, i))
    for s_, new_ms in found.items():
        touched.add(s_)
        sm.told[s_] = array("I", sorted(set(sm.told.get(s_, ())) | {a for _, a in new_ms}))
    index = {a: i for i, a in enumerate(sm.articles) if a}
    for s_ in touched:  # their newest mentions: the kept ones and the new ones; read again when too few are left
        if not sm.told.get(s_):
            sm.told.pop(s_, None)
            sm.newest.pop(s_, None)
            continue
        have = [(m, index.get(_mention_article(m), -1)) for m in sm.mentions(s_)] + found.get(s_, [])
        if len(have) < min(KEEP_MENTIONS, len(sm.told[s_])):
            have = [(q.object.value, index.get(getattr(q.graph_name, "value", ""), -1))
                    for q in store.ox.quads_for_pattern(ox.NamedNode(s_), evidence, None, None)]
        ms = [(m, a) for m, a in have if a >= 0]
        _keep_mentions(sm, {s_: ms}, told=False)
    # what the store says of those subjects now: their class, their names, the links their facts make
    rank = {str(c): i for i, c in enumerate(list(entity_styles) + list(event_styles))}
    entities = {str(c) for c in entity_styles}
    rdf_type = ox.NamedNode(str(RDF.type))
    for s_ in sorted(touched):
        cs = [q.object.value for q in store.ox.quads_for_pattern(ox.NamedNode(s_), rdf_type, None, None)]
        cs = [c for c in cs if c in rank]
        if cs:
            sm.kind[s_] = min(cs, key=lambda c: rank[c])
        else:
            sm.kind.pop(s_, None)
    named = sorted(s_ for s_ in touched if sm.kind.get(s_) in entities)
    sm.names.update(labels(store, named))
    for s_ in touched:
        if s_ not in sm.kind or sm.kind[s_] not in entities:
            sm.names.pop(s_, None)
            sm.folded.pop(s_, None)
    for s_ in named:
        nm = sm.names[s_]
        sm.folded[s_] = tuple(sorted({fold(n).strip() for n in nm["names"] | {nm["label"]}}))
    events = {str(c) for c in event_styles}
    changed: set[tuple[str, str, str]] = set()
    for f in sorted(touched):
        for k in sm.via.pop(f, ()):
            fs = [x for x in sm.edges.get(k, ()) if x != f]
            changed.add(k)
            if fs:
                sm.edges[k] = fs
            else:
                sm.edges.pop(k, None)
        sm.event_date.pop(f, None)
        node = ox.NamedNode(f)
        d: dict[str, list[str]] = defaultdict(list)
        for p in _FACT_PREDS:
            for q in store.ox.quads_for_pattern(node, ox.NamedNode(f"{_DG}{p}"), None, None):
                d[p].append(q.object.value)
        if d:
            _fact_edges(sm, f, d, sm.kind.get(f) in events)
            if f in sm.via:
                sm.via[f] = sorted(set(sm.via[f]))
                changed.update(sm.via[f])
    # the index by entity, for the links that changed
    ends: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for k in changed:
        for x in k[:2]:
            ends[x].add(k)
    for x, mine in ends.items():
        ks = {k for k in sm.adj.get(x, ()) if k not in changed}
        ks |= {k for k in mine if k in sm.edges}
        sm.adj.pop(x, None)
        sm.nfacts.pop(x, None)
        sm.evts.pop(x, None)
        if ks:
            _index_entity(sm, x, sorted(ks), events)
    for k in changed:
        if k in sm.edges:
            sm.edges[k] = sorted(set(sm.edges[k]))
            sm.tell[k] = _tellings(sm, sm.edges[k])
        else:
            sm.tell.pop(k, None)
    sm._inside = None
    return sm


def _tellings(sm: Summary, facts: list[str]) -> int:
    """How often a link is told: the articles telling each of its facts, added up (its facts when none)."""
    return sum(len(sm.arts(f)) for f in facts) or len(facts)


def _short(m: str) -> str:
    cut = f"{_ID}mention/"
    return m[len(cut):] if m.startswith(cut) and " " not in m else m


def _index(sm: Summary) -> None:
    """Links by entity, facts by entity and folded names: what views and searches look up."""
    _, event_styles = _styles()
    events = {str(c) for c in event_styles}
    links: dict[str, list] = defaultdict(list)
    for k in sm.edges:
        sm.edges[k] = sorted(set(sm.edges[k]))
        for x in k[:2]:
            links[x].append(k)
    sm.adj, sm.nfacts, sm.evts = {}, {}, {}
    for x, ks in links.items():
        _index_entity(sm, x, sorted(ks), events)
    sm.via = {f: sorted(set(ks)) for f, ks in sm.via.items()}
    sm.tell = {k: _tellings(sm, fs) for k, fs in sm.edges.items()}
    sm.folded = {s: tuple(sorted({fold(n).strip() for n in d["names"] | {d["label"]}})) for s, d in sm.names.items()}


def _index_entity(sm: Summary, x: str, links: list[tuple[str, str, str]], events: set[str]) -> None:
    """An entity's links by the entity at their other end, its facts, and its events."""
    facts: set[str] = set()
    took: set[str] = set()
    for k in links:
        fs = sm.edges[k]
        facts.update(fs)
        if k[2] in ("events together", "events in"):
            took.update(fs)
    sm.adj[x] = links
    sm.nfacts[x] = len(facts)
    took = {f for f in took if sm.kind.get(f) in events}
    if took:
        sm.evts[x] = " ".join(sorted(took))


def _fact_edges(sm: Summary, f: str, d: dict[str, list[str]], is_event: bool) -> None:
    def add(a: str, b: str, label: str, fact: str = f) -> None:
        if a != b and a in sm.kind and b in sm.kind:
            sm.edges.setdefault((a, b, label), []).append(fact)
            sm.via.setdefault(fact, []).append((a, b, label))

    for st in d.get("memberState", ()):
        for org in d.get("organisation", ()):
            for status in d.get("status", ()) or [f"{_DG}member"]:
                add(st, org, _STATUS.get(status[len(_DG):], status[len(_DG):] + " of"))
    for who in d.get("holder", ()):
        for role in d.get("role", ()):
            for of in d.get("roleOf", ()):
                add(who, of, f"{role} of")
            for to in d.get("roleTo", ()):
                add(who, to, f"{role} to")
    for actor in d.get("actor", ()):
        for partner in d.get("tradePartner", ()):
            add(actor, partner, "trade target")
    if is_event:
        ps = sorted(set(d.get("participant", ())))
        for i, x in enumerate(ps):
            for y in ps[i + 1:]:
                add(x, y, "events together")
            for place in d.get("place", ()):
                add(x, place, "events in")
        for day in d.get("date", ()):
            sm.event_date[f] = min(sm.event_date.get(f, day[:10]), day[:10])
    for by in d.get("designatedBy", ()):
        add(by, f, "designated", f)
    for by in d.get("runBy", ()):
        add(by, f, "runs", f)


# ------------------------------------------------------------------ the view


def view(store, top: int = 150, reserve: int | None = None, types: list[str] | None = None,
         since: str | None = None, until: str | None = None, focus: str | None = None, radius: int = 1) -> dict:
    """The data of an aggregated page: nodes (top entities, and a reserve shown on demand), weighted edges,
    sources, events for the timeline and a search index of every entity."""
    entity_styles, event_styles = _styles()
    types = check_types(types)
    window = Window(check_date(since, "--since"), check_date(until, "--until"))
    if window.since and window.until and window.since > window.until:
        raise ExploreError(f"--since {window.since} is after --until {window.until}")
    classes = set(_wanted(entity_styles, types) or [str(c) for c in entity_styles])
    entity_classes = {str(c) for c in entity_styles}
    reserve = top if reserve is None else reserve
    sm = summary(store)
    all_weights = {s: sm.count(s, window) for s, c in sm.kind.items() if c in entity_classes}
    all_weights = {s: w for s, w in all_weights.items() if w or not window}
    alive: dict[tuple[str, str, str], bool] = {}

    def live(k: tuple[str, str, str]) -> bool:
        """A link told inside the window (every link, without one); worked out once per link."""
        if not window:
            return True
        if k not in alive:
            alive[k] = any(sm.count(f, window) for f in sm.facts(k))
        return alive[k]

    # only the links of the entities considered are looked at (through the index by entity), never all of them
    if focus:
        near, frontier = {focus}, {focus}
        for _ in range(radius):
            frontier = {k[1] if k[0] == x else k[0] for x in frontier for k in sm.adj.get(x, ()) if live(k)} - near
            near |= frontier
        cand = {n: all_weights.get(n, 0) for n in near if sm.kind.get(n) in classes or n == focus}
    else:
        cand = {s: w for s, w in all_weights.items() if sm.kind[s] in classes}
    # ranked by the articles naming them, then by the facts they take part in
    if window:
        involved = {s: len({f for k in sm.adj.get(s, ()) if live(k) for f in sm.facts(k)}) for s in cand}
    else:
        involved = {s: sm.nfacts.get(s, 0) for s in cand}
    ranked = sorted(cand, key=lambda s: (s != focus, -cand[s], -involved.get(s, 0), s))
    shown, spare = ranked[:top], ranked[top: top + reserve]
    drawn = set(shown) | set(spare)
    among: dict[tuple[str, str, str], int] = {}  # the links among the entities drawn, and how often each is told
    for x in drawn:
        for k in sm.adj.get(x, ()):
            if k not in among and k[0] in drawn and k[1] in drawn and live(k):
                among[k] = (sum(sm.count(f, window) for f in sm.facts(k)) or len(sm.facts(k))) if window \
                    else sm.tell[k]
    # each entity keeps its strongest links (a link stays when it is among the strongest of either end)
    per: dict[str, list] = defaultdict(list)
    for k in among:
        per[k[0]].append(k)
        per[k[1]].append(k)
    kept = set()
    for ks in per.values():
        ks.sort(key=lambda k: (-among[k], k))
        kept.update(ks[:LINKS_PER_ENTITY])
    edges = {}
    for k in sorted(kept):
        edges[k] = e = Edge(k[0], k[1], k[2], set(sm.facts(k)))
        e.tellings = among[k]
    _name_roles(store, edges)
    names = {s: sm.names[s] for s in drawn}
    # sources: each node's newest mentions, each edge's through its most told facts
    inside = _in_window(sm, window)
    # (the most named shown entities get three pages of sources, the others one, those kept aside a few; each
    # sentence is one lookup in the store, the largest part of a view's time)
    cap = {s: NODE_SOURCES if i < 20 else 20 for i, s in enumerate(shown)}
    node_m = {s: [m for m in sm.mentions(s) if inside(m)][:cap.get(s, 3)] for s in drawn}
    edge_m = {}
    day = _mention_day(sm)
    for k, e in edges.items():
        best = sorted(e.facts, key=lambda f: (-sm.count(f, window), f))[:5]
        ms = sorted({m for f in best for m in sm.mentions(f)[:EDGE_SOURCES] if inside(m)},
                    key=lambda m: (day(m), m), reverse=True)
        edge_m[k] = ms[:EDGE_SOURCES if e.a in cap and e.b in cap else 2]
    src = Sources()
    src.load(store, {m for ms in node_m.values() for m in ms} | {m for ms in edge_m.values() for m in ms})
    # layout of what is shown; the reserve placed beside its strongest shown neighbour
    pos, community = _layout(shown, edges)
    _place_reserve(pos, spare, edges, shown)
    nodes = []
    shown_set = set(shown)
    for s in shown + spare:
        name, colour, shape = entity_styles.get(URIRef(sm.kind.get(s, "")), ("entity", "#9ca3af", "dot"))
        x, y = pos.get(s, (0.0, 0.0))
        nodes.append({"id": s, "label": names[s]["label"], "type": name, "color": colour,
                      "shape": "square" if shape == "box" else shape,
                      "articles": cand.get(s, 0), "facts": involved.get(s, 0), "x": round(x, 1),
                      "y": round(y, 1), "community": community.get(s, -1), "hidden": s not in shown_set,
                      "names": sorted(names[s]["names"]), "src": src.refs(node_m.get(s, []), NODE_SOURCES)})
    out_edges = []
    for (a, b, lab), e in sorted(edges.items()):
        out_edges.append({"from": a, "to": b, "label": e.label, "weight": e.tellings, "facts": len(e.facts),
                          "src": src.refs(edge_m[(a, b, lab)], EDGE_SOURCES),
                          "arrows": "" if lab == "events together" else "to"})
    physics = len(shown) <= 80 and not spare
    if physics:  # a small view is laid out in the browser (vis-network's physics)
        for n in nodes:
            del n["x"], n["y"]
    index = _search_index(sm, all_weights, entity_styles)
    events = timeline_events(store, sm, shown_set, window, event_styles)
    return {"nodes": nodes, "edges": out_edges, "articles": src.listed, "sentences": src.sentences,
            "index": index, "events": events, "focus": focus or "", "physics": physics,
            "window": {"since": window.since or "", "until": window.until or ""}}


def _mention_day(sm: Summary):
    prefix = _DG.replace("ontology#", "id/")
    at = {a: i for i, a in enumerate(sm.articles)}

    def day(m: str) -> str:
        i = at.get(f"{prefix}article/{m[len(prefix) + 8:].rsplit('.', 1)[0]}")
        return sm.dates[i] if i is not None else ""
    return day


def _in_window(sm: Summary, window: Window):
    if not window:
        return lambda m: True
    prefix = _DG.replace("ontology#", "id/")
    at = {a: i for i, a in enumerate(sm.articles)}
    lo, hi = window.since or "", window.until or "9999"

    def inside(m: str) -> bool:
        aid = m[len(prefix) + len("mention/"):].rsplit(".", 1)[0]
        i = at.get(f"{prefix}article/{aid}")
        return i is not None and bool(sm.dates[i]) and lo <= sm.dates[i] <= hi
    return inside


def _name_roles(store, edges: dict) -> None:
    """Edge labels that hold a role's IRI ("<role> of") get the role's name."""
    roles = {e.label.rsplit(" ", 1)[0] for e in edges.values() if e.label.startswith("http")}
    if not roles:
        return
    names = labels(store, sorted(roles))
    for e in edges.values():
        if e.label.startswith("http"):
            iri, tail = e.label.rsplit(" ", 1)
            e.label = f"{names[iri]['label']} {tail}"


def _layout(shown: list[str], edges: dict) -> tuple[dict, dict]:
    """Positions and communities of the entities shown: Louvain communities on the links weighted by how often
    they are told, each community laid out on its own and the communities packed side by side (viz.layout)."""
    from .viz import layout

    g = nx.Graph()
    g.add_nodes_from(shown)
    keep = set(shown)
    for e in edges.values():
        if e.a in keep and e.b in keep:
            w = math.log1p(e.tellings)
            if g.has_edge(e.a, e.b):
                g[e.a][e.b]["weight"] += w
            else:
                g.add_edge(e.a, e.b, weight=w)
    pos, member = layout(g, spread=3.0)
    return pos, {n: c for n, c in member.items() if g.degree(n)}


def _place_reserve(pos: dict, spare: list[str], edges: dict, shown: list[str]) -> None:
    best: dict[str, tuple[int, str]] = {}
    keep = set(shown)
    for e in edges.values():
        for x, y in ((e.a, e.b), (e.b, e.a)):
            if x in spare and y in keep and (x not in best or e.tellings > best[x][0]):
                best[x] = (e.tellings, y)
    count: dict[str, int] = defaultdict(int)
    for s in spare:
        anchor = best[s][1] if s in best else ""
        cx, cy = pos.get(anchor, (0.0, 0.0)) if anchor else (0.0, 0.0)
        k = count[anchor]
        count[anchor] += 1
        a, r = k * 2.399963, 90 + 14 * math.sqrt(k)
        pos[s] = (cx + r * math.cos(a), cy + r * math.sin(a))


def _search_index(sm: Summary, weights: dict, styles: dict) -> list:
    """Every entity of the store as [iri, label, type, articles, other names...] for the page's search."""
    out = []
    for s in sorted(weights):
        d = sm.names.get(s, {"label": s.rsplit("/", 1)[-1], "names": set()})
        typ = styles.get(URIRef(sm.kind.get(s, "")), ("entity",))[0]
        out.append([s, d["label"], typ, weights[s], *sorted(n for n in d["names"] if n != d["label"])])
    return out


def timeline_events(store, sm: Summary, participants: set[str], window: Window, styles: dict) -> list[dict]:
    """Events a shown entity took part in (or that happened at a shown place), dated by their own date, else by
    the first article telling them; newest first, at most MAX_EVENTS."""
    events = {str(c) for c in styles}
    who: dict[str, set[str]] = defaultdict(set)
    for x in participants:
        for f in sm.evts.get(x, "").split():
            if sm.kind.get(f) in events:
                who[f].add(x)
    dated = {}
    for e in who:
        if not window and sm.event_date.get(e):
            dated[e] = sm.event_date[e]
            continue
        arts = [sm.dates[a] for a in sm.arts(e) if sm.dates[a]]
        if window and not any((window.since or "") <= d <= (window.until or "9999") for d in arts):
            continue
        day = sm.event_date.get(e) or (min(arts) if arts else "")
        if day:
            dated[e] = day
    chosen = sorted(dated, key=lambda e: (dated[e], e), reverse=True)[:MAX_EVENTS]
    names = labels(store, chosen)
    return [{"id": e, "label": names[e]["label"], "type": styles.get(URIRef(sm.kind.get(e, "")), ("event",))[0],
             "date": dated[e], "who": sorted(who[e])} for e in chosen]


# ------------------------------------------------------------------ finding what a user means


def candidates(store, name: str, limit: int = 10) -> list[tuple[str, str, str, int]]:
    """Entities a name may mean: exact names (every language, acronyms, aliases) first, else names that contain
    it; case and accents ignored, compared here (the name never goes into a query). Rows (iri, label, type,
    articles), most named first."""
    entity_styles, _ = _styles()
    want = fold(name).strip()
    if not want:
        return []
    sm = summary(store)
    folded = sm.folded
    hits = [s for s, ns in folded.items() if want in ns] or \
        [s for s, ns in folded.items() if any(want in n for n in ns)]
    rows = [(s, sm.names[s]["label"], entity_styles[URIRef(sm.kind[s])][0], len(sm.arts(s))) for s in hits]
    rows.sort(key=lambda r: (-r[3], r[1], r[0]))
    return rows[:limit] if limit else rows


def resolve(store, name: str) -> str:
    """The one entity a name means, or an error listing the candidates (never a guess)."""
    if name.startswith(("http://", "https://")):
        try:
            iri = term_sparql(URIRef(name))
        except Exception:
            iri = None
        if iri and store.query(f"ASK {{ {iri} a ?c }}").boolean:
            return name
    found = candidates(store, name, limit=0)
    if not found:
        raise ExploreError(f"no entity called {name!r} in the graph (try a label in any language, an acronym "
                           f"or an IRI)")
    want = fold(name).strip()
    if len(found) == 1 or (len(found) > 1 and fold(found[0][1]) == want and fold(found[1][1]) != want):
        return found[0][0]
    shown = "; ".join(f"{label} ({typ}, {n} articles) <{iri}>" for iri, label, typ, n in found[:10])
    more = f" and {len(found) - 10} more" if len(found) > 10 else ""
    raise ExploreError(f"{name!r} may mean {len(found)} entities: {shown}{more}; give one of these names or IRIs")


# ------------------------------------------------------------------ the entity graph for Gephi


def entity_network(store) -> nx.MultiDiGraph:
    """The store's entity graph as networkx: every entity with its type, colour, weight (articles naming it),
    facts and first date; every aggregated link with its weight (tellings), facts and first date. Sorted and
    XML-safe, so that GraphML and GEXF files of the same graph are the same bytes; the `start` dates make
    Gephi's timeline work."""
    from .export import xml_text

    entity_styles, _ = _styles()
    entities = {str(c) for c in entity_styles}
    sm = summary(store)

    def first(subject: str) -> str:
        days = [sm.dates[a] for a in sm.arts(subject) if sm.dates[a]]
        return min(days) if days else ""

    out = nx.MultiDiGraph(mode="dynamic")
    keep = sorted(s for s, c in sm.kind.items() if c in entities)
    names = {s: sm.names.get(s) or {"label": s.rsplit("/", 1)[-1], "names": set()} for s in keep}
    for s in keep:
        name, colour, _ = entity_styles[URIRef(sm.kind[s])]
        red, green, blue = (int(colour[i: i + 2], 16) for i in (1, 3, 5))
        attrs: dict[str, object] = {"label": xml_text(names[s]["label"]), "type": name, "color": colour,
                                    "r": red, "g": green, "b": blue, "articles": len(sm.arts(s)),
                                    "iri": s, "names": xml_text(" | ".join(sorted(names[s]["names"])))}
        day = first(s)
        if day:
            attrs["start"] = day
        out.add_node(s, **attrs)
    facts: dict[str, int] = defaultdict(int)
    edges = []
    for (a, b, lab), fs in sorted(sm.whole().edges.items()):
        if a in out and b in out:
            edges.append((a, b, lab, fs))
            facts[a] += len(fs)
            facts[b] += len(fs)
    role = {}
    roles = sorted({lab.rsplit(" ", 1)[0] for _, _, lab, _ in edges if lab.startswith("http")})
    if roles:
        role = {r: d["label"] for r, d in labels(store, roles).items()}
    for a, b, lab, fs in edges:
        if lab.startswith("http"):
            iri, tail = lab.rsplit(" ", 1)
            lab = f"{role.get(iri, iri.rsplit('/', 1)[-1])} {tail}"
        days = [d for d in (first(f) for f in fs) if d] + [sm.event_date[f] for f in fs if f in sm.event_date]
        attrs = {"label": xml_text(lab), "weight": sum(len(sm.arts(f)) for f in fs) or len(fs),
                 "facts": len(fs)}
        attrs_start: dict[str, str] = {}
        if days:
            attrs_start["start"] = min(days)
        out.add_edge(a, b, key=lab, **attrs, **attrs_start)
    for s in out:
        out.nodes[s]["facts"] = facts.get(s, 0)
    return out
