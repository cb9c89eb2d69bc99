"""Competency questions and ad-hoc SPARQL: find the query, bind its parameters, render the answer."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TextIO

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.term import Node

from .params import split_spec
from .resources import Traversable, files_in, queries_dir
from .store import Result, StoreError, _to_rdflib, bind, bind_table, ordered_select, split_order, term_sparql
from .store import _query_kind as _kind
from .vocab import PREFIXES

FORMATS = ("table", "csv", "tsv", "json", "ttl", "md")


class QuerySyntaxError(StoreError):
    """A query that is not SPARQL: the message gives the line and column, the details show the line."""


#: the prefixes every query may use without declaring them (ad-hoc SPARQL above all)
QUERY_PREFIXES = {**PREFIXES, "rdf": str(RDF)}


def saved_queries() -> dict[str, Traversable]:
    """The competency questions shipped with the package (queries/*.rq), by name."""
    return {p.name[: -len(".rq")]: p for p in files_in(queries_dir(), ".rq")}


def describe(path: Traversable) -> str:
    """The first comment line of a saved query: what it answers."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""


def load(query: str) -> tuple[str | None, str]:
    """(the saved question's name, or None, and the SPARQL text) of QUERY: a saved question's name, a path to
    a .rq file, or the SPARQL text itself."""
    saved = saved_queries()
    if query in saved:
        return query, saved[query].read_text(encoding="utf-8")
    if query.endswith(".rq") or (len(query) < 250 and "\n" not in query and Path(query).is_file()):
        p = Path(query)
        if not p.is_file():
            raise StoreError(f"{query}: no such query file (saved queries: {', '.join(saved)})")
        try:
            return None, p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreError(f"{query}: cannot be read ({exc.__class__.__name__})") from exc
    if re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", query, re.I):
        return None, query
    close = difflib.get_close_matches(query, list(saved), n=2, cutoff=0.6)
    if close:
        raise StoreError(f"{query!r} is not a saved query; did you mean {' or '.join(close)}? "
                         f"(`diplograph queries` lists them)")
    raise StoreError(f"{query!r} is neither a saved query ({', '.join(saved)}), a .rq file nor SPARQL")


def query_text(query: str) -> str:
    """QUERY is a saved query's name, a path to a .rq file, or the SPARQL text itself."""
    return load(query)[1]


def check_syntax(text: str, source: str = "query") -> None:
    """Raise `QuerySyntaxError` with the line and column when `text` is not SPARQL 1.1 (the usual prefixes
    count as declared). The query is parsed by Oxigraph, whatever store will answer it.

    >>> check_syntax("SELECT ?s WHERE { ?s a dg:State }")
    >>> check_syntax("SELECT ?s WHERE {\\n  ?s a ex:State }")
    Traceback (most recent call last):
    ...
    diplograph.query.QuerySyntaxError: query, line 2, column 8: unknown prefix ex: (declare it with PREFIX ex: <...>)
    """
    import pyoxigraph as ox

    try:
        ox.Store().query(text, prefixes=QUERY_PREFIXES)
    except SyntaxError as exc:
        msg = " ".join(str(exc).split())
        m = re.match(r"error at (\d+):(\d+): (.*)", msg)
        if not m:
            raise QuerySyntaxError(f"{source}: not SPARQL: {msg}") from None
        line, col, what = int(m.group(1)), int(m.group(2)), m.group(3)
        lines = text.splitlines() or [""]
        # the parser may stop past the blanks after the mistake: point at the last thing written before them
        while line > 1 and (line > len(lines) or not lines[line - 1][: col - 1].strip()):
            line -= 1
            col = len(lines[line - 1]) + 1 if line <= len(lines) else 1
        if 0 < line <= len(lines) and col > 1 and not lines[line - 1][col - 1:].strip():
            col = len(lines[line - 1].rstrip()) or 1
        here = lines[line - 1] if 0 < line <= len(lines) else ""
        if "Prefix not found" in what:
            colon = here.rfind(":", 0, col)  # Oxigraph points just after the prefix's colon
            start = colon
            while start > 0 and (here[start - 1].isalnum() or here[start - 1] in "_-."):
                start -= 1
            prefix = here[start:colon] if colon >= 0 else ""
            what = f"unknown prefix {prefix}: (declare it with PREFIX {prefix}: <...>)"
            col = start + 1
        raise QuerySyntaxError(f"{source}, line {line}, column {col}: {what}",
                               [here, " " * (col - 1) + "^"]) from None


def with_prefixes(text: str) -> str:
    """The query with a PREFIX line for each usual prefix it uses without declaring it."""
    declared = {m.group(1) for m in re.finditer(r"(?im)^\s*PREFIX\s+([\w-]*):", text)}
    missing = [p for p in QUERY_PREFIXES if p not in declared and re.search(rf"(?<![\w<]){p}:", text)]
    return "".join(f"PREFIX {p}: <{QUERY_PREFIXES[p]}>\n" for p in missing) + text


def computed(text: str) -> set[str]:
    """Variables the query computes itself (BIND(... AS ?x), SELECT (... AS ?x)): they cannot be bound."""
    return set(re.findall(r"\bAS\s+[?$]([A-Za-z_]\w*)", text, re.I))


def query_kind(text: str) -> str:
    """select, ask or graph (CONSTRUCT, DESCRIBE)."""
    return _kind(re.sub(r"(?im)^\s*#[^\n]*$", "", text))


#: the formats each form of query can be written in
FORMS = {"select": ("table", "csv", "tsv", "json", "md"), "ask": ("table", "json"), "graph": ("ttl", "json")}


def check_format(text: str, fmt: str | None) -> str:
    """The format to write the answer in (fmt, or the form's default), or a one-line error when the query's
    form cannot be written that way (CSV of a CONSTRUCT, Turtle of a SELECT)."""
    kind = query_kind(text)
    if fmt is None:
        return "ttl" if kind == "graph" else "table"
    if fmt not in FORMS[kind]:
        form = {"select": "a SELECT query gives rows", "ask": "an ASK query gives true or false",
                "graph": "a CONSTRUCT or DESCRIBE query gives a graph"}[kind]
        raise StoreError(f"--format {fmt}: {form}; use one of {', '.join(FORMS[kind])}")
    return fmt


def parse_param(spec: str) -> tuple[str, Node]:
    """`name=value` to a variable and an RDF term.

    <iri> or http(s)://… is an IRI; "text"@fr a literal with language; 42 an
    integer; 4.2 a decimal; 2025-12-15 a date; anything else a plain string.
    """
    name, value = split_spec(spec)
    return name, guess_term(value)


def guess_term(value: object) -> Node:
    """An RDF term for a value given to ad-hoc SPARQL (which declares no parameter types)."""
    if isinstance(value, Node):
        return value
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int | Decimal | float | dt.date):
        return Literal(value)
    value = str(value)
    if re.fullmatch(r"<[^<>\s]*>", value):
        return URIRef(value[1:-1])
    if re.fullmatch(r"https?://\S+", value):
        return URIRef(value)
    m = re.fullmatch(r'"(.*)"@([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)', value, re.S)
    if m:
        return Literal(m.group(1), lang=m.group(2))
    if re.fullmatch(r"-?\d+", value):
        return Literal(int(value))
    if re.fullmatch(r"-?\d+\.\d+", value):
        try:
            return Literal(Decimal(value), datatype=XSD.decimal)
        except InvalidOperation:
            pass
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return Literal(dt.date.fromisoformat(value))
        except ValueError:
            pass
    return Literal(value)


def parse_params(specs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """`-p name=value` options as a dict of the strings given (typed later, by the question's declarations)."""
    return dict(split_spec(s) for s in specs)


def with_limit(query: str, limit: int) -> str:
    """The query asking for at most `limit` rows, so that the store stops there (SELECT only).

    A LIMIT already at the end is lowered; a query ending in a VALUES block is left as it is (the rows are
    cut afterwards).
    """
    visible = re.sub(r"(?m)(^|\s)#[^\n]*", lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), query)
    visible = re.sub(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', lambda m: " " * len(m.group(0)), visible)
    start = visible.find("{")
    depth, end = 0, -1
    for i in range(max(start, 0), len(visible)):
        if visible[i] == "{":
            depth += 1
        elif visible[i] == "}":
            depth -= 1
            if depth == 0:
                end = i  # the end of the WHERE clause: the solution modifiers follow
                break
    if start < 0 or end < 0:
        return query
    tail = visible[end + 1:]
    if re.search(r"\b(VALUES|OFFSET)\b", tail, re.I):
        return query
    m = re.search(r"\bLIMIT\s+(\d+)", tail, re.I)
    if m:
        a, b = end + 1 + m.start(1), end + 1 + m.end(1)
        return query[:a] + str(min(limit, int(m.group(1)))) + query[b:]
    return query.rstrip() + f"\nLIMIT {limit}\n"


def prepare(store, query: str, params: Mapping[str, object] | None = None) -> tuple[str, dict]:
    """(SPARQL text ready to send, the variables to bind) for QUERY with `params`.

    A saved question takes the parameters its header declares, typed (see `params`): `state="Hungary"` finds
    the state by its name in any language. Ad-hoc SPARQL binds any variable it does not compute, each value
    read as `--param` reads it ("<iri>", '"text"@fr', 42, 2025-12-15, else a plain string) or given as a Python
    value or rdflib term.
    """
    from . import params as P

    name, text = load(query)
    source = name or ("query" if len(query) > 60 or "\n" in query else query)
    check_syntax(text, source)
    params = dict(params or {})
    if name is not None:
        bound = P.bindings(store, name, text, params)
        for names, rows in P.narrowed(store, text, bound):
            text = bind_table(text, names, rows)
    else:
        adhoc = {k.lstrip("?$"): guess_term(v) for k, v in params.items()}
        for var, term in adhoc.items():
            if var in computed(text):
                raise StoreError(f"{source}: ?{var} is computed by the query (… AS ?{var}), so it cannot be "
                                 f"bound; FILTER on it instead")
            term_sparql(term)  # a bad IRI is an error, not a query
        bound = dict(adhoc)
    return with_prefixes(text), bound


def run(store, query: str, params: Mapping[str, object] | None = None, limit: int | None = None) -> Result:
    """The answer of `store` to QUERY (a saved question, a .rq file or SPARQL text) with `params` bound."""
    text, bound = prepare(store, query, params)
    if limit is not None and _kind(text) == "select":
        text = with_limit(text, limit)
    res = store.query(text, bound)
    if limit is not None and res.kind == "select":
        res.rows = res.rows[:limit]
    return res


# ------------------------------------------------------------------ rendering


def cell(term: Node | None, labels: dict[str, str] | None = None) -> str:
    if term is None:
        return ""
    if labels and isinstance(term, URIRef) and str(term) in labels:
        return labels[str(term)]
    if isinstance(term, Literal) and term.datatype == XSD.decimal:
        v = term.toPython()
        return format(v, "f") if isinstance(v, Decimal) else str(term)
    return str(term)


def labels_for(store, res: Result | Stream, rows: list | None = None) -> dict[str, str]:
    """English (else any) labels of the IRIs in a result (or in `rows` of it), so that tables show names."""
    import pyoxigraph as ox

    iris = sorted({str(t) if isinstance(t, URIRef) else t.value for row in (res.rows if rows is None else rows)
                   for t in row if isinstance(t, URIRef | ox.NamedNode)})
    out: dict[str, str] = {}
    q = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?s ?l WHERE { ?s skos:prefLabel ?l } "
         "ORDER BY ?s")
    for i in range(0, len(iris), 200):
        chunk = iris[i : i + 200]
        values = " ".join(term_sparql(URIRef(x)) for x in chunk)
        qq = q.replace("WHERE {", "WHERE { VALUES ?s { " + values + " }", 1)
        for s, lab in store.query(qq).rows:
            if str(s) not in out or (isinstance(lab, Literal) and lab.language == "en"):
                out[str(s)] = str(lab)
    return out


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(text: str) -> str:
    """A CSV/TSV cell that a spreadsheet will not run: text starting with = + - @ (or a tab or line break) gets
    a leading apostrophe (OWASP, CSV injection); plain numbers such as -3.5 stay as they are. A carriage return
    becomes a line feed, which the writer quotes (a bare CR would start a new row in most readers)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # a bare CR is not quoted by csv, and ends a row
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def render(res: Result, fmt: str, labels: dict[str, str] | None = None) -> str:
    """The result as text in one of FORMATS (table is rendered by the CLI with rich)."""
    if res.kind == "ask":
        if fmt == "json":  # SPARQL 1.1 Query Results JSON
            return json.dumps({"head": {}, "boolean": bool(res.boolean)}) + "\n"
        return ("true" if res.boolean else "false") + "\n"
    if res.kind == "graph":
        assert res.graph is not None
        return res.graph.serialize(format="json-ld" if fmt == "json" else "turtle")
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow([spreadsheet_safe(v) for v in res.vars])
        for row in res.rows:
            w.writerow([spreadsheet_safe(cell(t, labels)) for t in row])
        return buf.getvalue()
    if fmt == "json":
        return json.dumps(sparql_json(res), ensure_ascii=False, indent=1) + "\n"
    if fmt == "md":
        esc = lambda s: s.replace("|", "\\|").replace("\n", " ")  # noqa: E731
        lines = ["| " + " | ".join(res.vars) + " |", "|" + "---|" * len(res.vars)]
        lines += ["| " + " | ".join(esc(cell(t, labels)) for t in row) + " |" for row in res.rows]
        return "\n".join(lines) + "\n"
    if fmt == "ttl":
        raise StoreError("--format ttl is for CONSTRUCT and DESCRIBE queries")
    raise StoreError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")


def sparql_json(res: Result) -> dict:
    """SPARQL 1.1 Query Results JSON."""
    def term(t):
        if isinstance(t, URIRef):
            return {"type": "uri", "value": str(t)}
        if isinstance(t, Literal):
            d = {"type": "literal", "value": str(t)}
            if t.language:
                d["xml:lang"] = t.language
            elif t.datatype:
                d["datatype"] = str(t.datatype)
            return d
        return {"type": "bnode", "value": str(t)}

    return {"head": {"vars": res.vars},
            "results": {"bindings": [{v: term(t) for v, t in zip(res.vars, row, strict=True) if t is not None}
                                     for row in res.rows]}}


# ------------------------------------------------------------------ streaming (the CLI's way to large answers)

#: rows a table shows on a terminal unless --limit says otherwise (piped output and other formats give all)
PAGE = 100
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
#: datatypes whose cells are their lexical form as stored (the mentions' xsd:language among them: converting each
#: through rdflib took a fifth of the time of the evidence listing)
_PLAIN_TYPES = {XSD_NS + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", XSD_NS + "integer",
                XSD_NS + "date", XSD_NS + "language"}


@dataclass
class Stream:
    """A SELECT answer read as the store gives it: rows of pyoxigraph terms, never all held at once.

    Converting a row to rdflib terms costs more than Oxigraph takes to find it; writers turn these terms
    into text directly (`ox_cell`, `ox_json`), with the same text `cell` and `sparql_json` give.
    """

    vars: list[str]
    rows: Iterator
    kind: str = "select"


def run_stream(store, query: str, params: Mapping[str, object] | None = None,
               limit: int | None = None) -> Result | Stream:
    """Like `run`, but a SELECT on an embedded Oxigraph store comes back as a `Stream`."""
    if getattr(store, "ox", None) is None:
        return run(store, query, params, limit)
    text, bound = prepare(store, query, params)
    if _kind(text) != "select":
        return run(store, query, params, limit)
    first = _first_page(store, query, text, bound, limit)
    if first is not None:
        return first
    text = bind(text, bound)
    if limit is not None and split_order(text) is None:
        text = with_limit(text, limit)  # the store stops there; an ORDER BY sorted in Python is cut afterwards
    try:
        names, rows = ordered_select(store.ox, text)
    except Exception as exc:
        raise StoreError(f"query failed: {str(exc).splitlines()[0][:200]}") from exc
    return Stream(names, iter(rows[:limit] if limit is not None else rows))


def _first_page(store, query: str, text: str, bound: dict, limit: int | None) -> Stream | None:
    """The first `limit` rows of a saved question that says it is paged by a variable (`# page by ?v: pattern`)
    and ordered first by STR(?v), when ?v is not bound: the values of ?v in that order, then the question for a
    few of them at a time until there are enough rows. The rows are those the whole answer begins with (no
    value's rows are split between two slices, and each slice is sorted by the question's whole ORDER BY)."""
    from . import params as P

    name = load(query)[0]
    paged = P.paged_by(text) if name is not None and limit is not None else None
    if paged is None or paged[0] in bound:
        return None
    var, pattern = paged
    plan = split_order(bind(text, bound))
    if plan is None or not plan[1] or plan[1][0] != ("str", var):
        return None
    found = store.ox.query(with_prefixes(f"SELECT DISTINCT ?{var} WHERE {{ {pattern} }}"),
                           use_default_graph_as_union=True)
    values = sorted((sol[0] for sol in found), key=lambda t: t.value)
    names: list[str] = []
    rows: list = []
    at, size = 0, 64
    assert limit is not None
    while len(rows) < limit and at < len(values):
        chunk: list[Node] = [t for t in map(_to_rdflib, values[at:at + size]) if t is not None]
        at, size = at + size, size * 2
        q = text
        for cols, table in P.narrowed(store, text, {**bound, var: chunk}):
            q = bind_table(q, cols, table)
        try:
            names, part = ordered_select(store.ox, bind(q, {**bound, var: chunk}))
        except Exception as exc:
            raise StoreError(f"query failed: {str(exc).splitlines()[0][:200]}") from exc
        rows.extend(part)
    if not names:
        return None  # nothing to page through: the whole (empty) answer as usual
    return Stream(names, iter(rows[:limit]))


def ox_cell(t, labels: dict[str, str] | None = None) -> str:
    """`cell` of a pyoxigraph term."""
    import pyoxigraph as ox

    if t is None:
        return ""
    if isinstance(t, ox.Literal):
        if t.language:
            return t.value
        dtype = t.datatype.value
        if dtype in _PLAIN_TYPES:
            return t.value
        return cell(_to_rdflib(t))  # decimals and rarer types: exactly as the rdflib path writes them
    if labels and isinstance(t, ox.NamedNode):
        return labels.get(t.value, t.value)
    return t.value


def ox_json(t) -> dict:
    """A pyoxigraph term in SPARQL results JSON (as `sparql_json` writes it)."""
    import pyoxigraph as ox

    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_NS + "string":
            d["datatype"] = t.datatype.value
        return d
    return {"type": "bnode", "value": t.value}


def _cells(res: Result | Stream, labels: dict[str, str] | None = None) -> Iterator[list[str]]:
    if isinstance(res, Stream):
        return ([ox_cell(t, labels) for t in row] for row in res.rows)
    return ([cell(t, labels) for t in row] for row in res.rows)


def write(res: Result | Stream, fmt: str, fh: TextIO, labels: dict[str, str] | None = None) -> int:
    """Write a SELECT answer as csv, tsv, md or json, row by row; the number of rows. Same text as `render`."""
    n = 0
    if fmt in ("csv", "tsv"):
        w = csv.writer(fh, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow([spreadsheet_safe(v) for v in res.vars])
        for row in _cells(res, labels):
            w.writerow([spreadsheet_safe(c) for c in row])
            n += 1
        return n
    if fmt == "md":
        fh.write("| " + " | ".join(res.vars) + " |\n" + "|" + "---|" * len(res.vars) + "\n")
        for row in _cells(res, labels):
            fh.write("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in row) + " |\n")
            n += 1
        return n
    if fmt == "json":
        # the layout of json.dumps(sparql_json(res), indent=1), one binding at a time
        head = json.dumps({"vars": res.vars}, ensure_ascii=False, indent=1).replace("\n", "\n ")
        fh.write('{\n "head": ' + head + ',\n "results": {\n  "bindings": [')
        if isinstance(res, Stream):
            term = ox_json
        else:
            def term(t):
                return sparql_json(Result("select", ["x"], [(t,)]))["results"]["bindings"][0]["x"]
        for terms in res.rows:
            b = {v: term(t) for v, t in zip(res.vars, terms, strict=True) if t is not None}
            fh.write(("\n   " if n == 0 else ",\n   ") + json.dumps(b, ensure_ascii=False, indent=1)
                     .replace("\n", "\n   "))
            n += 1
        fh.write("\n  ]\n }\n}\n" if n else "]\n }\n}\n")
        return n
    if fmt == "ttl":
        raise StoreError("--format ttl is for CONSTRUCT and DESCRIBE queries")
    raise StoreError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
