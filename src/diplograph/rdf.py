"""The one place where facts become RDF.

The graph has one layout everywhere (store, files, servers), so that a union of its graphs never
counts a statement twice:

- the facts graph (`FACTS_GRAPH`) states each entity's description (types, labels, Wikidata link)
  and each fact (membership, post, event, trade target, statement) once, whoever tells it;
- one graph per article (`id/article/<id>`) holds the article's description and its provenance:
  a Mention per supporting span (sentence, offsets, language, rule) and the `dg:evidence` links
  from the facts and entities it supports to those mentions.

No triple is in two graphs. IRIs are minted from content (see `resolve.fact_key`), so the same input
always gives the same graph, and two articles telling the same fact meet on one node.

Triples are built as pyoxigraph terms (made in Rust, cheap) and kept in insertion-ordered sets;
`Quads.to_rdflib()` gives an rdflib Dataset for anything that wants rdflib's API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import RDF, XSD, Dataset
from rdflib.namespace import OWL, SKOS

from .extract import facts as F
from .lexicon import Lexicon, load_lexicon
from .resolve import fact_key
from .vocab import (
    DG,
    EVENT_TYPE_CLASS,
    ID,
    KIND_CLASS,
    ONTOLOGY_IRI,
    ORG_TYPE_CLASS,
    PREFIXES,
    SCHEMA,
    STATUS_TERM,
    WD,
)

_ID = str(ID)
#: the graph that states every entity description and every fact once
FACTS_GRAPH = f"{_ID}graph/facts"
#: the data as an OWL ontology of its own, which imports the diplograph ontology
DATA_ONTOLOGY = f"{_ID}data"


def article_iri(article_id: str) -> ox.NamedNode:
    return N(f"{_ID}article/{article_id}")


def ref_iri(r: F.Ref) -> ox.NamedNode:
    """id/<kind>/<key> (the same IRI as vocab.entity_iri, made without rdflib's checks in the hot loop)."""
    return N(f"{_ID}{r.kind}/{r.key}")


_NODES: dict[str, ox.NamedNode] = {}


def N(iri) -> ox.NamedNode:  # noqa: N802 - reads like the term it makes
    node = _NODES.get(iri)
    if node is None:
        node = _NODES[iri] = ox.NamedNode(str(iri))
    return node


_XSD: dict[str, ox.NamedNode] = {}


def Literal(value, lang: str | None = None, datatype=None) -> ox.Literal:  # noqa: N802
    """A pyoxigraph literal from a Python value (str, bool, int, Decimal, date)."""
    if type(value) is str and datatype is None:
        return ox.Literal(value, language=lang) if lang else ox.Literal(value)
    if lang:
        return ox.Literal(str(value), language=lang)
    if datatype is not None:
        text = format(value, "f") if isinstance(value, Decimal) else str(value)
        return ox.Literal(text, datatype=N(datatype))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=N(XSD.boolean))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_INTEGER)
    if isinstance(value, Decimal):
        return ox.Literal(format(value, "f"), datatype=N(XSD.decimal))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=N(XSD.date))
    return ox.Literal(str(value))


class _Terms:
    """The vocabulary as pyoxigraph nodes, made once (rdflib's DefinedNamespace lookups are slow in a loop)."""

    def __init__(self) -> None:
        for name in DG.__annotations__:
            setattr(self, name, ox.NamedNode(str(getattr(DG, name))))

    def __getattr__(self, name: str):
        raise AttributeError(f"{name!r} is not a term of the diplograph ontology")


D = _Terms()
_INTEGER = N(XSD.integer)
X_LANGUAGE, X_DECIMAL, X_GYEAR, X_GMONTHDAY, X_ANYURI = (str(XSD.language), str(XSD.decimal), str(XSD.gYear),
                                                         str(XSD.gMonthDay), str(XSD.anyURI))
TYPE, PREF_LABEL, SAME_AS = N(RDF.type), N(SKOS.prefLabel), N(OWL.sameAs)
HEADLINE, URL, DATE_PUBLISHED, PUBLISHER = (N(SCHEMA.headline), N(SCHEMA.url), N(SCHEMA.datePublished),
                                             N(SCHEMA.publisher))
KIND_NODE = {k: N(v) for k, v in KIND_CLASS.items()}
ORG_NODE = {k: N(v) for k, v in ORG_TYPE_CLASS.items()}
EVENT_NODE = {k: N(v) for k, v in EVENT_TYPE_CLASS.items()}
STATUS_NODE = {k: N(v) for k, v in STATUS_TERM.items()}


def ontology_header() -> list[ox.Triple]:
    """The triples that make the data an ontology importing ours (in the facts graph of every export): the OWL API,
    and so Protégé, then reads the facts as class and property assertions of its terms, not as annotations."""
    data = N(DATA_ONTOLOGY)
    return [ox.Triple(data, TYPE, N(OWL.Ontology)), ox.Triple(data, N(OWL.imports), N(ONTOLOGY_IRI))]


class _Graph:
    """An insertion-ordered set of triples (one named graph being filled)."""

    def __init__(self) -> None:
        self.triples: dict[ox.Triple, None] = {}
        self.described: set = set()  # entities whose description this graph already holds

    def add(self, t: tuple) -> None:
        """Add a triple of pyoxigraph terms."""
        self.triples[ox.Triple(*t)] = None

    def __len__(self) -> int:
        return len(self.triples)


class Quads:
    """The built graph: named graphs of triples, in a stable order."""

    def __init__(self) -> None:
        self.graphs: dict[str, _Graph] = {}

    def graph(self, name) -> _Graph:
        g = self.graphs.get(str(name))
        if g is None:
            g = self.graphs[str(name)] = _Graph()
        return g

    def quads(self) -> Iterator[ox.Quad]:
        for name in sorted(self.graphs):
            gn = N(name) if name != "urn:x-default" else ox.DefaultGraph()
            for t in self.graphs[name].triples:
                yield ox.Quad(t.subject, t.predicate, t.object, gn)

    def triples(self) -> list[ox.Triple]:
        """The merged graph: every triple once."""
        seen: dict[ox.Triple, None] = {}
        for name in sorted(self.graphs):
            seen.update(self.graphs[name].triples)
        return list(seen)

    def __len__(self) -> int:
        return len({t for g in self.graphs.values() for t in g.triples})

    def to_rdflib(self) -> Dataset:
        """The same graph as an rdflib Dataset (named graph per article)."""
        ds = Dataset()
        for p, ns in PREFIXES.items():
            ds.bind(p, ns)
        data = ox.serialize(self.quads(), format=ox.RdfFormat.N_QUADS)
        if data:
            ds.parse(data=data.decode("utf-8"), format="nquads")
        return ds


class ArticleTriples(NamedTuple):
    """What one article gives the graph: its own graph (name and triples) and its part of the facts graph."""

    name: str
    own: list[ox.Triple]
    shared: list[ox.Triple]


class GraphBuilder:
    """Maps one article and its resolved facts at a time to triples (see `article_graph`)."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        self._mentions: dict[tuple, ox.NamedNode] = {}
        self._literals: dict = {}

    # ---- entities
    def _entity(self, g: _Graph, r: F.Ref, extra: tuple = ()) -> ox.NamedNode:
        node = ref_iri(r)
        if (r, extra) in g.described:  # already described in this article's graph
            return node
        g.described.add((r, extra))
        entry = self.lex.get(r.kind, r.key)
        if r.kind == "organisation":
            subtype = (entry.subtype if entry else "") or r.subtype or "organisation"
            g.add((node, TYPE, ORG_NODE.get(subtype, D.Organisation)))
        else:
            g.add((node, TYPE, KIND_NODE[r.kind]))
        if entry is not None:
            g.add((node, PREF_LABEL, Literal(entry.name_en, lang="en")))
            if entry.name_fr:
                g.add((node, PREF_LABEL, Literal(entry.name_fr, lang="fr")))
            if entry.qid:
                g.add((node, SAME_AS, N(WD[entry.qid])))
            if r.kind == "state" and len(entry.key) == 3 and entry.key.isupper():
                g.add((node, D.isoAlpha3, Literal(entry.key)))
            if entry.country:
                g.add((node, D.country, N(f"{_ID}state/{entry.country}")))
            for acr, lang in self.lex.acronyms.get((r.kind, r.key), []):
                g.add((node, D.acronym, Literal(acr, lang=lang or None)))
            if r.kind == "role" and entry.subtype == "envoy":
                g.add((node, D.envoy, Literal(True)))
        elif r.kind == "person":
            g.add((node, PREF_LABEL, Literal(r.name)))  # a person's name is the same in every language
        else:
            g.add((node, PREF_LABEL, Literal(r.name, lang=r.lang)))
        for key, value in extra:
            if key == "country":
                g.add((node, D.country, N(f"{_ID}state/{value}")))
            elif key == "accreditedTo":
                g.add((node, D.accreditedTo, N(f"{_ID}state/{value}")))
        return node

    def _mention(self, g: _Graph, subject: ox.NamedNode, ev: F.Evidence) -> None:
        key = (ev.article, ev.start, ev.end)
        m = self._mentions.get(key)
        if m is None:
            # the nodes and literals of a mention are made once, however many facts it supports
            m = self._mentions[key] = ox.NamedNode(f"{_ID}mention/{ev.article}.{ev.start}-{ev.end}")
            lit = self._literals
            sentence = lit.get((ev.sentence, ev.lang))
            if sentence is None:
                sentence = lit[(ev.sentence, ev.lang)] = ox.Literal(ev.sentence, language=ev.lang)
            g.add((m, TYPE, D.Mention))
            g.add((m, D.inArticle, article_iri(ev.article)))
            g.add((m, D.sentence, sentence))
            g.add((m, D.start, self._int(ev.start)))
            g.add((m, D.end, self._int(ev.end)))
            g.add((m, D.language, self._lang(ev.lang)))
            g.add((m, D.rule, self._plain(ev.rule)))
        else:  # a span (always of this article, so of this graph) that supports several facts
            g.add((m, D.rule, self._plain(ev.rule)))
        g.add((subject, D.evidence, m))

    def _int(self, n: int) -> ox.Literal:
        lit = self._literals.get(n)
        if lit is None:
            lit = self._literals[n] = ox.Literal(str(n), datatype=_INTEGER)
        return lit

    def _lang(self, code: str) -> ox.Literal:
        key = ("lang", code)
        lit = self._literals.get(key)
        if lit is None:
            lit = self._literals[key] = ox.Literal(code, datatype=N(X_LANGUAGE))
        return lit

    def _plain(self, text: str) -> ox.Literal:
        key = ("plain", text)
        lit = self._literals.get(key)
        if lit is None:
            lit = self._literals[key] = ox.Literal(text)
        return lit

    # ---- articles
    def article_graph(self, article, facts: Iterable) -> ArticleTriples:
        """One article and its resolved facts as its own triples (provenance) and the triples it gives the
        facts graph, keeping nothing afterwards: memory does not grow with the number of articles."""
        own, shared = _Graph(), _Graph()
        self._fill(own, shared, article, facts)
        self._mentions.clear()
        if len(self._literals) > 100_000:
            self._literals.clear()
        return ArticleTriples(article_iri(article.id).value, list(own.triples), list(shared.triples))

    def _fill(self, own: _Graph, shared: _Graph, article, facts: Iterable) -> None:
        airi = article_iri(article.id)
        own.add((airi, TYPE, D.NewsArticle))
        own.add((airi, D.sourceFile, Literal(article.source.replace("\\", "/").rsplit("/", 1)[-1])))
        own.add((airi, D.language, Literal(article.lang, datatype=X_LANGUAGE)))
        if article.title:
            own.add((airi, HEADLINE, Literal(article.title, lang=article.lang)))
        if article.url:
            own.add((airi, URL, Literal(article.url, datatype=X_ANYURI)))
        if article.published:
            own.add((airi, DATE_PUBLISHED, Literal(article.published)))
        if article.outlet:
            own.add((airi, PUBLISHER, Literal(article.outlet)))
        for f in facts:
            self.add_fact(own, shared, f)

    def add_fact(self, own: _Graph, g: _Graph, f) -> None:
        """Add a fact: its statement to `g` (the facts graph), its evidence to `own` (the article's graph)."""
        ent = self._entity
        if isinstance(f, F.EntityMention):
            node = ent(g, f.entity, f.extra)
            self._mention(own, node, f.evidence)
            return
        if isinstance(f, F.OrganisationName):
            node = ent(g, f.organisation)
            g.add((node, D.acronym if f.form == "acronym" else D.formerName, Literal(f.name, lang=f.evidence.lang)))
            self._mention(own, node, f.evidence)
            return
        if isinstance(f, F.Observance):
            node = ent(g, f.observance)
            if f.month_day:
                g.add((node, D.observedOn, Literal(f.month_day, datatype=X_GMONTHDAY)))
            if f.designated_by is not None:
                g.add((node, D.designatedBy, ent(g, f.designated_by)))
            self._mention(own, node, f.evidence)
            return
        if isinstance(f, F.Programme):
            node = ent(g, f.programme)
            if f.run_by is not None:
                g.add((node, D.runBy, ent(g, f.run_by)))
            self._mention(own, node, f.evidence)
            return
        fk = fact_key(f)
        assert fk is not None  # every fact left here has a node of its own
        kind, key = fk
        node = N(f"{_ID}{kind}/{key}")
        if isinstance(f, F.RoleHolding):
            g.add((node, TYPE, D.RoleHolding))
            g.add((node, D.holder, ent(g, f.person)))
            g.add((node, D.role, ent(g, f.role)))
            if f.of is not None:
                g.add((node, D.roleOf, ent(g, f.of)))
            if f.to is not None:
                g.add((node, D.roleTo, ent(g, f.to)))
        elif isinstance(f, F.Membership):
            g.add((node, TYPE, D.Membership))
            g.add((node, D.memberState, ent(g, f.state)))
            g.add((node, D.organisation, ent(g, f.organisation)))
            g.add((node, D.status, STATUS_NODE[f.status]))
        elif isinstance(f, F.TradeTarget):
            g.add((node, TYPE, D.TradeTarget))
            g.add((node, D.actor, ent(g, f.actor)))
            if f.partner is not None:
                g.add((node, D.tradePartner, ent(g, f.partner)))
            if f.partner_text:
                g.add((node, D.partnerText, Literal(f.partner_text, lang=f.evidence.lang)))
            g.add((node, D.amount, Literal(f.amount, datatype=X_DECIMAL)))
            g.add((node, D.currency, Literal(f.currency)))
            if f.horizon:
                g.add((node, D.horizon, Literal(f.horizon)))
            if f.target_year:
                g.add((node, D.targetYear, Literal(f"{f.target_year:04d}", datatype=X_GYEAR)))
            if f.stated_by is not None:
                g.add((node, D.statedBy, ent(g, f.stated_by)))
        elif isinstance(f, F.Statement):
            g.add((node, TYPE, D.Statement))
            g.add((node, D.speaker, ent(g, f.speaker)))
            g.add((node, D.quote, Literal(f.quote, lang=f.evidence.lang)))
            if f.date:
                g.add((node, D.date, Literal(f.date)))
            if f.date_text:
                g.add((node, D.dateText, Literal(f.date_text, lang=f.evidence.lang)))
        elif isinstance(f, F.Event):
            g.add((node, TYPE, EVENT_NODE.get(f.type, D.Event)))
            g.add((node, D.eventLabel, Literal(f.label, lang=f.evidence.lang)))
            for p in f.participants:
                g.add((node, D.participant, ent(g, p)))
            if f.host is not None:
                g.add((node, D.host, ent(g, f.host)))
            if f.place is not None:
                g.add((node, D.place, ent(g, f.place)))
            if f.occasion is not None:
                g.add((node, D.occasion, ent(g, f.occasion)))
            if f.about is not None:
                g.add((node, D.about, ent(g, f.about)))
            if f.date:
                g.add((node, D.date, Literal(f.date)))
            if f.date_text:
                g.add((node, D.dateText, Literal(f.date_text, lang=f.evidence.lang)))
        self._mention(own, node, f.evidence)
