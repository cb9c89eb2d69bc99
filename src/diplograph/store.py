"""One store interface, two homes: an embedded graph, or any SPARQL 1.1 endpoint.

Queries do not know which one they run on: both take SPARQL text (with values
bound by `bind`, never pasted) and return a `Result`.
"""

from __future__ import annotations

import http.client
import itertools
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from .errors import DiplographError
from .rdfinput import check_rdf_file
from .vocab import PREFIXES

BACKENDS = ("oxigraph", "memory")
DEFAULT_BACKEND = "oxigraph"


class StoreError(DiplographError):
    """A store could not answer; the message says why in one line."""


@dataclass
class Result:
    """The answer to a query: rows for SELECT, a boolean for ASK, a graph for CONSTRUCT/DESCRIBE."""

    kind: str  # "select", "ask" or "graph"
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def dicts(self) -> list[dict[str, object]]:
        """Rows as dicts of Python values (str, int, Decimal, date ...), the way notebooks like them."""
        return [{v: (None if t is None else t.toPython() if isinstance(t, Literal) else str(t))
                 for v, t in zip(self.vars, row, strict=True)} for row in self.rows]


# ------------------------------------------------------------------ binding values safely

_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_BAD_IRI = re.compile(r'[\s<>"{}|^`\\]')


def term_sparql(term: Node) -> str:
    """SPARQL syntax for a term, escaped so that no value can change the query around it."""
    if isinstance(term, URIRef):
        if _BAD_IRI.search(str(term)):
            raise StoreError(f"not a valid IRI: {str(term)[:80]!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        s = str(term)
        esc = (s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
               .replace("\t", "\\t"))
        out = f'"{esc}"'
        if term.language:
            if not re.fullmatch(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*", term.language):
                raise StoreError(f"not a valid language tag: {term.language!r}")
            out += f"@{term.language}"
        elif term.datatype:
            out += "^^" + term_sparql(URIRef(term.datatype))
        return out
    raise StoreError(f"cannot bind a {type(term).__name__}")


def bind(query: str, bindings: Mapping[str, Node | list[Node]] | None) -> str:
    """The query with each variable bound by a VALUES block at the top of its WHERE clause.

    Values are serialised as RDF terms with every special character escaped,
    so `x" } ; DROP ALL ; #` stays one string literal that matches nothing.
    """
    if not bindings:
        return query
    for name in bindings:
        if not _VAR.match(name):
            raise StoreError(f"not a valid variable name: {name!r}")
    # comments blanked (same length) so that a "where {" in a comment is not taken for the clause
    visible = re.sub(r"(?m)(^|\s)#[^\n]*", lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), query)
    m = re.search(r"\bWHERE\s*\{", visible, re.I)
    if m is None:
        m = re.compile(r"\{").search(visible, len(visible) - len(_strip_prologue(visible)))
    if m is None:
        raise StoreError("cannot bind parameters: the query has no WHERE clause")
    pos = m.end()
    return query[:pos] + _values_block(sorted(bindings), bindings) + query[pos:]


def _values_block(names: list[str], bindings: Mapping[str, Node | list[Node]]) -> str:
    # a list of terms binds the variable to each of them (a name that two entities share): one row apiece
    choices = [v if isinstance(v, list | tuple) else [v] for v in (bindings[n] for n in names)]
    rows = " ".join("(" + " ".join(term_sparql(t) for t in row) + ")" for row in itertools.product(*choices))
    return f" VALUES ({' '.join('?' + n for n in names)}) {{ {rows} }} "


def bind_table(query: str, names: list[str], rows: list[tuple[Node, ...]]) -> str:
    """The query with a table of values (columns `names`) bound at the top of every WHERE clause that uses one of
    its variables, sub-SELECTs included: each clause gets the distinct rows of the columns it uses. A store then
    narrows each part of the query before grouping it. For variables that mean the same thing wherever they
    occur (as in the saved questions, whose sub-SELECTs project the variables they share).
    """
    for name in names:
        if not _VAR.match(name):
            raise StoreError(f"not a valid variable name: {name!r}")
    visible = _blank(query)
    inserts: list[tuple[int, str]] = []
    for m in re.finditer(r"\bWHERE\s*\{", visible, re.I):
        depth, end = 0, len(visible)
        for i in range(m.end() - 1, len(visible)):
            if visible[i] == "{":
                depth += 1
            elif visible[i] == "}":
                depth -= 1
                if depth == 0:
                    end = i
                    break
        group = visible[m.end():end]
        cols = [i for i, n in enumerate(names) if re.search(rf"[?$]{n}\b", group)]
        if not cols:
            continue
        seen = dict.fromkeys(tuple(row[i] for i in cols) for row in rows)
        values = " ".join("(" + " ".join(term_sparql(t) for t in row) + ")" for row in seen)
        inserts.append((m.end(), f" VALUES ({' '.join('?' + names[i] for i in cols)}) {{ {values} }} "))
    for pos, block in reversed(inserts):
        query = query[:pos] + block + query[pos:]
    return query


def _strip_prologue(q: str) -> str:
    return re.sub(r"^(?:\s|#[^\n]*\n|(?:PREFIX|BASE)\s+[^\n]*\n)*", "", q, flags=re.I)


# ------------------------------------------------------------------ embedded


_OX_FORMATS = {".ttl": "TURTLE", ".trig": "TRIG", ".nt": "N_TRIPLES", ".nq": "N_QUADS", ".jsonld": "JSON_LD",
               ".json": "JSON_LD", ".rdf": "RDF_XML", ".owl": "RDF_XML"}
_RDFLIB_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld",
                   ".json": "json-ld", ".rdf": "xml", ".owl": "xml"}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class EmbeddedStore:
    """A graph in this process: Oxigraph (pyoxigraph, Rust) by default, or rdflib's own memory store.

    Named graphs are kept; queries see their union as the default graph, on both backends.
    """

    def __init__(self, backend: str = DEFAULT_BACKEND) -> None:
        if backend not in BACKENDS:
            raise StoreError(f"unknown backend {backend!r} (use {', '.join(BACKENDS)})")
        self.backend = backend
        self.path: Path | None = None
        self.ox: Any = None  # a pyoxigraph Store (imported only when used)
        self.graph: Any = None  # an rdflib Dataset, for the memory backend
        if backend == "oxigraph":
            import pyoxigraph as ox

            self.ox = ox.Store()
            self.graph = None
        else:
            self.ox = None
            self.graph = Dataset(default_union=True)
            for p, ns in PREFIXES.items():
                self.graph.bind(p, ns)

    @classmethod
    def open(cls, path: str | Path | None = None) -> EmbeddedStore:
        """The graph store a build keeps (`diplograph build`), opened read-only where it is: nothing is copied.

        Readers open the snapshot the last build published, so they work while another build writes.
        """
        from .ingest import default_store, open_snapshot

        path = default_store() if path is None else path
        store = cls.__new__(cls)
        store.backend = "oxigraph"
        store.graph = None
        store.path = Path(path)
        try:
            store.ox = open_snapshot(path)
        except OSError as exc:
            raise StoreError(str(exc).splitlines()[0] if isinstance(exc, FileNotFoundError)
                             else f"{path}: cannot open the graph store ({str(exc).splitlines()[0][:160]})") from exc
        return store

    @classmethod
    def load(cls, *paths: str | Path, backend: str = DEFAULT_BACKEND) -> EmbeddedStore:
        store = cls(backend)
        for p in paths:
            store.add_file(p)
        return store

    def add_file(self, path: str | Path) -> None:
        path = Path(path)
        if not path.exists():
            raise StoreError(f"{path}: no such file (build the graph first: diplograph build)")
        ext = path.suffix.lower()
        if ext not in _OX_FORMATS:
            raise StoreError(f"{path}: unknown RDF format {path.suffix!r}")
        try:
            check_rdf_file(path)  # no remote JSON-LD context, no RDF/XML entity blow-up (issue 15)
            if self.ox is not None:
                import pyoxigraph as ox

                fmt = getattr(ox.RdfFormat, _OX_FORMATS[ext])
                if fmt.supports_datasets:
                    self.ox.bulk_load(path=str(path), format=fmt)
                else:
                    self.ox.bulk_load(path=str(path), format=fmt, to_graph=ox.DefaultGraph())
            elif ext in (".trig", ".nq", ".jsonld", ".json"):
                self.graph.parse(path, format=_RDFLIB_FORMATS[ext])
            else:
                self.graph.default_graph.parse(path, format=_RDFLIB_FORMATS[ext])
        except Exception as exc:  # parsers raise many kinds; the user needs file and reason
            raise StoreError(f"{path}: not valid {_RDFLIB_FORMATS[ext]} ({str(exc).splitlines()[0][:120]})") from exc

    def __len__(self) -> int:
        """Triples of the data (the store's bookkeeping is not counted)."""
        if self.ox is not None:
            if self.path is not None:
                from .ingest import BOOKKEEPING, LEDGER

                q = (f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                     f"FILTER(?g != <{BOOKKEEPING}> && ?g != <{LEDGER}>) }}")
                return int(next(iter(self.ox.query(q)))[0].value)
            return len(self.ox)
        return len(self.graph)

    def query(self, sparql: str, bindings: Mapping[str, Node | list[Node]] | None = None) -> Result:
        q = bind(sparql, bindings)
        try:
            if self.ox is not None:
                if _query_kind(q) == "select":
                    names, rows = ordered_select(self.ox, q)
                    return Result("select", names, [tuple(_to_rdflib(t) for t in row) for row in rows])
                return _from_oxigraph(self.ox.query(q, use_default_graph_as_union=True))
            return _from_rdflib(self.graph.query(q))
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"query failed: {str(exc).splitlines()[0][:200]}") from exc

    def infer(self) -> EmbeddedStore:
        """A store with the RDFS entailments of the graph and the ontology added (see `validate.entail`), so
        that asking for org:Organization also finds intergovernmental organisations, parties and embassies."""
        from .validate import entail

        g = entail(self.rdflib_graph())
        out = EmbeddedStore(self.backend)
        data = g.serialize(format="nt")
        if out.ox is not None:
            import pyoxigraph as ox

            out.ox.bulk_load(data.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
        else:
            out.graph.default_graph.parse(data=data, format="nt")
        return out

    def rdflib_graph(self) -> Graph:
        """Every triple of every graph, as one rdflib Graph (for projections and exports)."""
        g = Graph()
        for p, ns in PREFIXES.items():
            g.bind(p, ns)
        if self.ox is not None:
            import pyoxigraph as ox

            from .ingest import data_triples

            data = ox.serialize(data_triples(self.ox), format=ox.RdfFormat.N_TRIPLES)
            if data:
                g.parse(data=data.decode("utf-8"), format="nt")
        else:
            for s_, p_, o_, _ in self.graph.quads((None, None, None, None)):
                g.add((s_, p_, o_))
        return g


def _to_rdflib(t) -> Node | None:
    import pyoxigraph as ox

    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dtype = t.datatype.value
        return Literal(t.value, datatype=None if dtype == XSD_STRING else dtype)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    return Literal(str(t))


def _from_oxigraph(res) -> Result:
    import pyoxigraph as ox

    if isinstance(res, ox.QueryBoolean):
        return Result("ask", boolean=bool(res))
    if isinstance(res, ox.QueryTriples):
        g = Graph()
        for p, ns in PREFIXES.items():
            g.bind(p, ns)
        for t in res:
            s_, p_, o_ = _to_rdflib(t.subject), _to_rdflib(t.predicate), _to_rdflib(t.object)
            assert s_ is not None and p_ is not None and o_ is not None  # a triple has all three
            g.add((s_, p_, o_))
        return Result("graph", graph=g)
    names = [v.value for v in res.variables]
    rows = [tuple(_to_rdflib(sol[i]) for i in range(len(names))) for sol in res]
    return Result("select", names, rows)


def _from_rdflib(res) -> Result:
    if res.type == "ASK":
        return Result("ask", boolean=bool(res.askAnswer))
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        g = Graph()
        for p, ns in PREFIXES.items():
            g.bind(p, ns)
        for t in res.graph:
            g.add(t)
        return Result("graph", graph=g)
    names = [str(v) for v in res.vars]
    return Result("select", names, [tuple(row) for row in res])


# ------------------------------------------------------------------ remote


class RemoteStore:
    """Any SPARQL 1.1 endpoint, through SPARQLWrapper, with retries and back-off for transient failures."""

    def __init__(self, endpoint: str, timeout: float = 30.0, retries: int = 3, backoff: float = 0.5,
                 user: str | None = None, password: str | None = None) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.auth = (user, password) if user else None

    def query(self, sparql: str, bindings: Mapping[str, Node | list[Node]] | None = None) -> Result:
        from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

        q = bind(sparql, bindings)
        kind = _query_kind(q)
        sw = SPARQLWrapper(self.endpoint)
        sw.setQuery(q)
        sw.setMethod(POST)
        sw.setTimeout(int(self.timeout))
        if self.auth:
            sw.setCredentials(*self.auth)
        sw.setReturnFormat(TURTLE if kind == "graph" else JSON)
        # SPARQLWrapper makes the request; it is sent without following redirects (urllib would carry the
        # credentials to whatever address a 302 names, and turn the POST into a GET)
        request = sw._createRequest()
        opener = urllib.request.build_opener(NoRedirect)
        last = None
        for attempt in range(self.retries + 1):
            try:
                with opener.open(request, timeout=self.timeout) as raw:
                    body = raw.read()
                return _from_remote(kind, body)
            except urllib.error.HTTPError as exc:
                last = f"HTTP {exc.code} {exc.reason}"
                if 300 <= exc.code < 400:
                    where = (exc.headers.get("Location") or "?")[:200]
                    last = (f"redirected to {where} (HTTP {exc.code}); the redirect is not followed, so no query and "
                            f"no credentials went there (give that address as --endpoint if it is the endpoint)")
                    break
                if (exc.code < 500 and exc.code != 429) or exc.code == 504:
                    said = " ".join(exc.read(300).decode("utf-8", "replace").split())[:200]
                    last += f": {said}" if said else ""
                    break  # the query itself is at fault (or too slow): asking again will not help
            except (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException) as exc:
                last = f"cannot reach endpoint ({getattr(exc, 'reason', exc)})"
            except ValueError as exc:
                raise StoreError(f"{self.endpoint}: the answer is not SPARQL results ({exc})") from exc
            if attempt < self.retries:
                time.sleep(self.backoff * 2**attempt)
        raise StoreError(f"{self.endpoint}: {last}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is not followed: it would carry the credentials (and a graph) to an address nobody gave,
    and turn a POST into a GET that "succeeds" without doing what was asked."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises HTTPError with the 3xx status


def _query_kind(q: str) -> str:
    body = _strip_prologue(q).lstrip().upper()
    if body.startswith("ASK"):
        return "ask"
    if body.startswith(("CONSTRUCT", "DESCRIBE")):
        return "graph"
    return "select"


def _from_remote(kind: str, body: bytes) -> Result:
    if kind == "graph":
        g = Graph()
        try:
            g.parse(data=body, format="turtle")
        except Exception as exc:
            raise ValueError(f"not Turtle: {str(exc)[:80]}") from exc
        return Result("graph", graph=g)
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise ValueError("not JSON") from exc
    if not isinstance(data, dict) or ("boolean" not in data and "results" not in data):
        raise ValueError("JSON without 'results' or 'boolean'")
    if kind == "ask" or "boolean" in data:
        return Result("ask", boolean=bool(data["boolean"]))
    names = data.get("head", {}).get("vars", [])
    rows = []
    for b in data["results"]["bindings"]:
        rows.append(tuple(_term(b.get(v)) for v in names))
    return Result("select", names, rows)


def _term(t: dict | None) -> Node | None:
    if t is None:
        return None
    if t["type"] == "uri":
        return URIRef(t["value"])
    if t["type"] == "bnode":
        return BNode(t["value"])
    return Literal(t["value"], lang=t.get("xml:lang"), datatype=t.get("datatype"))


DEFAULT_STORE = "graphs/store"


def open_store(data: list[str | Path] | None = None, endpoint: str | None = None,
               backend: str = DEFAULT_BACKEND, store: str | Path | None = None,
               **remote) -> EmbeddedStore | RemoteStore:
    """The store a command works on: an endpoint if given, else graph files (`data`), else the graph store
    folder (`store`, default graphs/store) opened read-only."""
    if endpoint:
        return RemoteStore(endpoint, **remote)
    if data:
        return EmbeddedStore.load(*data, backend=backend)
    if backend != DEFAULT_BACKEND:
        raise StoreError(f"--backend {backend} loads graph files: give them with --data")
    return EmbeddedStore.open(store or DEFAULT_STORE)


# ------------------------------------------------------------------ ordering in Python (embedded Oxigraph)

_NUMERIC = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in (
    "integer", "decimal", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_PLAIN_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ASC = re.compile(r"^ASC\s*\((.*)\)$", re.I | re.S)
_STR_OF_VAR = re.compile(r"^STR\s*\(\s*[?$]([A-Za-z_][A-Za-z0-9_]*)\s*\)$", re.I)
_VAR_ONLY = re.compile(r"^[?$]([A-Za-z_][A-Za-z0-9_]*)$")


def _blank(q: str) -> str:
    """The query with comments and string contents blanked (same length), so that braces and keywords found in
    it are the query's own."""
    v = re.sub(r"(?m)(^|\s)#[^\n]*", lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), q)
    return re.sub(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', lambda m: '"' + " " * (len(m.group(0)) - 2) + '"',
                  v)


def _top_level_split(text: str) -> list[str] | None:
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None
        if ch.isspace() and depth == 0:
            if cur:
                parts.append(cur)
            cur = ""
        else:
            cur += ch
    if depth:
        return None
    return parts + ([cur] if cur else [])


def split_order(q: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A SELECT ending in ORDER BY, rewritten for `ordered_select`: the ORDER BY taken off, each condition that
    is not a projected ?v or STR(?v) projected as a column of its own (`?__orderN`). Returns the new query and
    one (kind, name) per condition: ("var", v), ("str", v) or ("col", "__orderN"); None when the query has
    another shape (DESC, LIMIT after the ORDER BY, SELECT *, ...): Oxigraph then sorts as usual."""
    vis = _blank(q)
    start = vis.find("{")
    if start < 0:
        return None
    depth, end = 0, -1
    for i in range(start, len(vis)):
        if vis[i] == "{":
            depth += 1
        elif vis[i] == "}":
            depth -= 1
            if depth == 0:
                end = i
                break
    if end < 0:
        return None
    tail = vis[end + 1:]
    m = re.search(r"\bORDER\s+BY\b", tail, re.I)
    if m is None or re.search(r"\b(LIMIT|OFFSET|VALUES)\b", tail[m.end():], re.I):
        return None
    conds = _top_level_split(q[end + 1 + m.end():].strip())
    head = vis[:start]
    sel = re.search(r"\bSELECT\s+((?:DISTINCT|REDUCED)\s+)?(.*?)(\bWHERE\s*)?$", head, re.I | re.S)
    if not conds or sel is None or "*" in sel.group(2) or head.upper().count("SELECT") != 1:
        return None
    proj = sel.group(2)
    names, d = [], 0
    for tok in re.finditer(r"[()]|\bAS\s+[?$](\w+)|[?$](\w+)", proj, re.I):
        if tok.group(0) == "(":
            d += 1
        elif tok.group(0) == ")":
            d -= 1
        elif tok.group(1):
            names.append(tok.group(1))
        elif d == 0:
            names.append(tok.group(2))
    distinct = bool(sel.group(1))
    keys: list[tuple[str, str]] = []
    extra: list[str] = []
    for c in conds:
        a = _ASC.match(c)
        c = a.group(1).strip() if a else c
        if re.match(r"^DESC\b", c, re.I):
            return None
        mv, ms = _VAR_ONLY.match(c), _STR_OF_VAR.match(c)
        if mv and mv.group(1) in names:
            keys.append(("var", mv.group(1)))
        elif ms and ms.group(1) in names:
            keys.append(("str", ms.group(1)))
        else:
            if distinct and not set(re.findall(r"[?$](\w+)", _blank(c))) <= set(names):
                return None  # a key over a variable not projected would change what DISTINCT keeps
            name = f"__order{len(extra)}"
            extra.append(f"({c} AS ?{name})")
            keys.append(("col", name))
    at = start - (len(sel.group(3)) if sel.group(3) else 0)
    new = q[:at].rstrip() + (" " + " ".join(extra) if extra else "") + " " + q[at:end + 1 + m.start()]
    return new, keys


def _sort_key(t, kind: str):
    """(class, value) by SPARQL's ORDER BY for the terms the saved questions sort on; None when not sure."""
    import pyoxigraph as ox

    if t is None:
        return (0, "")
    if kind == "str":
        return (0, "") if isinstance(t, ox.BlankNode) else (4, t.value)  # STR of a blank node is an error
    if isinstance(t, ox.NamedNode):
        return (2, t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return None
        dt = t.datatype.value
        if dt == _PLAIN_STRING:
            return (4, t.value)
        if dt in _NUMERIC:
            return (3, Decimal(t.value))
        return None
    return (1, t.value)


def ordered_select(store, q: str):
    """(variables, rows of pyoxigraph terms) of a SELECT, ordered as its ORDER BY says.

    Oxigraph sorts by evaluating the conditions at each comparison, reading every string from disk again: an
    ORDER BY over 40,000 rows took 6 s of the 7. Here Oxigraph gives the rows unordered with one key per
    condition and Python sorts them once. The result is the same: each key is checked to be of one kind per
    condition (strings, numbers or IRIs, compared as SPARQL compares them), and rows that tie on every key
    must be identical; otherwise Oxigraph sorts after all.
    """
    plan = split_order(q)
    if plan is not None:
        new, keys = plan
        sols = store.query(new, use_default_graph_as_union=True)
        names = [v.value for v in sols.variables]
        idx = {n: i for i, n in enumerate(names)}
        cols = [(idx[name], "str" if kind == "str" else "term") for kind, name in keys]
        shown = len(names) - sum(1 for kind, _ in keys if kind == "col")
        keyed, ok = [], True
        classes: list[set[int]] = [set() for _ in cols]
        same: dict = {}  # one copy of each key value (article names, types ... repeat on many rows)
        for sol in sols:
            row = tuple(sol)
            key = []  # flat (class, value, class, value ...): a tuple per row, not one per condition
            for j, (i, kind) in enumerate(cols):
                k = _sort_key(row[i], kind)
                if k is None:
                    ok = False
                    break
                if k[0]:
                    classes[j].add(k[0])
                key.append(k[0])
                key.append(same.setdefault(k[1], k[1]))
            if not ok:
                break
            keyed.append((tuple(key), row[:shown] if len(row) > shown else row))
        if ok and all(len(c) <= 1 for c in classes):
            keyed.sort(key=lambda kr: kr[0])
            if all(a[0] != b[0] or a[1] == b[1] for a, b in zip(keyed, keyed[1:], strict=False)):
                return names[:shown], [r for _, r in keyed]
    sols = store.query(q, use_default_graph_as_union=True)
    names = [v.value for v in sols.variables]
    return names, [tuple(sol) for sol in sols]
