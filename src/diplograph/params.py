"""The parameters of saved questions: declared in the question's header, given as a person writes them.

A saved question declares each parameter on a comment line of its header::

    # param state entity ?s: the member state (a name in any language, an acronym or an IRI)

that is: its name, its type, the query variable it binds (the name itself when left out) and what it means.
Types:

- ``entity``: a name in any language (a label, an alternative name or an acronym, whatever its case), a
  prefixed name such as ``state:HUN`` or an IRI; resolved to the IRIs of the graph that carry it (a name two
  entities share binds both);
- ``text``: a plain string; ``integer``, ``decimal``, ``date`` (ISO 8601), ``iri``.

Values are bound as RDF terms (`store.bind`), never pasted into the query text. A parameter the question does
not declare, or a value of the wrong type, is a `ParameterError` naming the question and the parameter.

>>> [(p.name, p.type, p.var) for p in declared("# param state entity ?s: the member state\\nSELECT ...")]
[('state', 'entity', 's')]
>>> coerce(Param("year", "integer", "year", ""), "2025", "q")
rdflib.term.Literal('2025', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
>>> coerce(Param("year", "integer", "year", ""), "soon", "q")
Traceback (most recent call last):
...
diplograph.params.ParameterError: q: parameter year is an integer, not 'soon'
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from .errors import DiplographError
from .vocab import PREFIXES

TYPES = ("entity", "text", "integer", "decimal", "date", "iri")

_DECLARATION = re.compile(r"^#\s*param\s+([A-Za-z_]\w*)\s+(\w+)(?:\s+\?([A-Za-z_]\w*))?\s*:\s*(.*)$")
_IRI = re.compile(r"https?://[^\s<>\"{}|^`\\]+|urn:[^\s<>\"{}|^`\\]+")
_PREFIXED = re.compile(r"([A-Za-z][\w-]*):([\w.-]+)")
_TAGGED = re.compile(r'"(.*)"@([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)', re.S)


class ParameterError(DiplographError):
    """A parameter the question does not take, or a value it cannot read."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    var: str
    description: str

    def __str__(self) -> str:
        return f"{self.name} ({self.type})"


def declared(text: str) -> list[Param]:
    """The parameters a query's header declares (`# param NAME TYPE [?VAR]: description`), in their order."""
    out = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break  # the header ends at the first line of SPARQL
            continue
        m = _DECLARATION.match(line)
        if m:
            name, typ, var, desc = m.groups()
            if typ not in TYPES:
                raise ParameterError(f"param {name}: unknown type {typ!r} (types: {', '.join(TYPES)})")
            out.append(Param(name, typ, var or name, desc.strip()))
    return out


def _text(value: object) -> str:
    return str(value).strip()


def coerce(p: Param, value: object, question: str) -> Node | str:
    """The RDF term a value stands for (a str for an entity name, resolved later against the graph)."""
    def wrong(what: str) -> ParameterError:
        return ParameterError(f"{question}: parameter {p.name} is {what}, not {_text(value)[:80]!r}")

    if isinstance(value, Node) and not isinstance(value, Literal | URIRef):
        raise wrong("a name or an IRI")
    if p.type == "entity":
        if isinstance(value, URIRef):
            return value
        s = _text(value)
        if s.startswith("<") and s.endswith(">"):
            s = s[1:-1]
        if _IRI.fullmatch(s):
            return URIRef(s)
        m = _PREFIXED.fullmatch(s)
        if m and m.group(1) in PREFIXES:
            return URIRef(PREFIXES[m.group(1)] + m.group(2))
        m = _TAGGED.fullmatch(s)  # '"Hungary"@en', as older versions wanted it: the name inside
        name = m.group(1) if m else str(value.toPython()) if isinstance(value, Literal) else s
        if not name:
            raise wrong("a name or an IRI")
        return name
    if p.type == "iri":
        s = _text(value)
        s = s[1:-1] if s.startswith("<") and s.endswith(">") else s
        if not _IRI.fullmatch(s):
            raise wrong("an IRI (http://…)")
        return URIRef(s)
    if p.type == "integer":
        if isinstance(value, bool):
            raise wrong("an integer")
        if isinstance(value, int):
            return Literal(value)
        if not re.fullmatch(r"[+-]?\d+", _text(value)):
            raise wrong("an integer")
        return Literal(int(_text(value)))
    if p.type == "decimal":
        if isinstance(value, bool):
            raise wrong("a number")
        try:
            d = Decimal(str(value).strip())
        except InvalidOperation:
            raise wrong("a number") from None
        if not d.is_finite():
            raise wrong("a finite number")
        return Literal(d, datatype=XSD.decimal)
    if p.type == "date":
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return Literal(value)
        try:
            return Literal(dt.date.fromisoformat(_text(value)))
        except ValueError:
            raise wrong("a date (YYYY-MM-DD)") from None
    m = _TAGGED.fullmatch(_text(value))  # text
    return Literal(m.group(1) if m else str(value.toPython()) if isinstance(value, Literal) else str(value))


# the labels an entity is found by, in any language
_LABELS = "skos:prefLabel|skos:altLabel|dg:acronym|dg:formerName"
_LOOKUP = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX dg: <https://w3id.org/diplograph/ontology#> "
           "SELECT DISTINCT ?e WHERE { ?e " + _LABELS + " ?label } ORDER BY ?e")
_ALL_LABELS = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
               "PREFIX dg: <https://w3id.org/diplograph/ontology#> "
               "SELECT DISTINCT ?e ?label WHERE { ?e " + _LABELS + " ?label }")


_PERSONS = "PREFIX dg: <https://w3id.org/diplograph/ontology#> SELECT DISTINCT ?e WHERE { ?e a dg:Person }"


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """`part` is a run of whole words of `words`."""
    n = len(part)
    return n > 0 and any(words[i:i + n] == part for i in range(len(words) - n + 1))


def _languages(store) -> list[str]:
    """The language tags the labels of the graph use (a handful: en, fr)."""
    q = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT DISTINCT ?l WHERE { "
         "?e skos:prefLabel ?label BIND(LANG(?label) AS ?l) } LIMIT 50")
    return sorted({str(r[0]) for r in store.query(q).rows if r[0] is not None and str(r[0])})


def resolve(store, p: Param, name: str, question: str) -> list[URIRef]:
    """The entities of the graph named `name`: exact labels first (in every language the graph uses), then the
    same name in another case or with other accents, then a person by part of the name ("Erdogan"). No entity
    of that name is a `ParameterError` that suggests close names."""
    candidates: list[Node] = [Literal(name), *(Literal(name, lang=lang) for lang in _languages(store))]
    found = [r[0] for r in store.query(_LOOKUP, {"label": candidates}).rows if isinstance(r[0], URIRef)]
    if found:
        return sorted(set(found))
    from .ids import fold
    from .lexicon import tokens

    key = fold(name)
    labels = [(r[0], str(r[1])) for r in store.query(_ALL_LABELS).rows if isinstance(r[0], URIRef)]
    found = [e for e, label in labels if fold(label) == key]
    if found:
        return sorted(set(found))
    # a person by part of the name ("Erdogan" for Recep Tayyip Erdogan), as articles name people after once
    words = tokens(name)
    persons = {r[0] for r in store.query(_PERSONS).rows}
    found = [e for e, label in labels if e in persons and _contains(tokens(label), words)]
    if found:
        return sorted(set(found))
    close = difflib.get_close_matches(name, sorted({label for _, label in labels}), n=3, cutoff=0.75)
    hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
    raise ParameterError(f"{question}: parameter {p.name}: nothing in the graph is named {name!r}{hint}")


def bindings(store, question: str, text: str, values: dict[str, object]) -> dict[str, Node | list[Node]]:
    """The variables a saved question's parameters bind, from values as a person gives them (strings from
    the command line, or Python values: str, int, Decimal, date, rdflib terms; None is a parameter not given)."""
    params = {p.name: p for p in declared(text)}
    out: dict[str, Node | list[Node]] = {}
    for name, value in values.items():
        p = params.get(name)
        if p is None:
            takes = f"its parameters: {', '.join(str(x) for x in params.values())}" if params else \
                "it takes no parameter"
            close = difflib.get_close_matches(name, list(params), n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise ParameterError(f"{question}: no parameter {name!r} ({takes}){hint}")
        if value is None:  # not given (handy for a notebook's optional arguments)
            continue
        term = coerce(p, value, question)
        # rdflib terms are str too: only a plain str is a name still to look up
        out[p.var] = term if isinstance(term, Node) else list(resolve(store, p, term, question))
    return out


_NARROW = re.compile(r"^#\s*narrow\s+[?$]([A-Za-z_]\w*)\s+by\s+[?$]([A-Za-z_]\w*)\s*:\s*(.+)$")


@dataclass(frozen=True)
class Narrowing:
    """`# narrow ?e by ?participantParam: ?e dg:participant ?participantParam` in a question's header: when the
    parameter is given, the question is asked only for the values of ?e that the pattern gives, bound in every
    part of the question (`store.bind_table`), so that its groups are computed for those alone
    instead of for the whole graph and filtered afterwards."""

    var: str
    by: str
    pattern: str


def narrowings(text: str) -> list[Narrowing]:
    """The narrowings a query's header declares."""
    out = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _NARROW.match(line)
        if m:
            out.append(Narrowing(*m.groups()))
    return out


def narrowed(store, text: str, bound: dict[str, Node | list[Node]]) -> list[tuple[list[str], list[tuple]]]:
    """For each narrowing whose parameter is given: the table (variables, rows) of the parameter's values and the
    values of the narrowed variable the pattern gives for them, to bind with `store.bind_table`."""
    out = []
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    for n in narrowings(text):
        if n.by not in bound:
            continue
        q = f"{prologue}SELECT DISTINCT ?{n.by} ?{n.var} WHERE {{ {n.pattern} }}"
        rows = sorted({tuple(r) for r in store.query(q, {n.by: bound[n.by]}).rows if None not in r}, key=str)
        out.append(([n.by, n.var], rows))
    return out


_PAGE = re.compile(r"^#\s*page\s+by\s+[?$]([A-Za-z_]\w*)\s*:\s*(.+)$")


def paged_by(text: str) -> tuple[str, str] | None:
    """(variable, pattern) of `# page by ?subject: ?subject dg:evidence ?m` in a question's header: a question
    ordered first by STR(?subject) whose first rows are found a few subjects at a time (the pattern gives every
    value of ?subject) instead of by answering the whole question and sorting it."""
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _PAGE.match(line)
        if m:
            return m.group(1), m.group(2)
    return None


def split_spec(spec: str) -> tuple[str, str]:
    """`name=value` (from `-p`) split in two."""
    if "=" not in spec:
        raise ParameterError(f"parameter {spec!r} is not name=value")
    name, value = spec.split("=", 1)
    return name.strip().lstrip("?$"), value
