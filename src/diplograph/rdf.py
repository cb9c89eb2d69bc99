"""The one place where facts become RDF.

Each article gets a named graph holding the article's description, the facts
it supports and their evidence (a Mention per supporting span), and the
description of every entity it names. The merged graph is the union.
IRIs are minted from content (see `resolve.fact_key`), so the same input
always gives the same graph, and two articles telling the same fact meet on
one node.

Triples are built as pyoxigraph terms (made in Rust, cheap) and kept in
insertion-ordered sets per named graph; `Quads.to_rdflib()` gives an rdflib
Dataset for anything that wants rdflib's API.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import RDF, XSD, Dataset, Graph, URIRef
from rdflib.namespace import OWL, SKOS

from .extract import facts as F
from .lexicon import Lexicon, load_lexicon
from .resolve import fact_key
from .vocab import (
    DG,
    EVENT_TYPE_CLASS,
    ID,
    KIND_CLASS,
    ORG_TYPE_CLASS,
    PREFIXES,
    SCHEMA,
    STATUS_TERM,
    WD,
    entity_iri,
)


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{article_id}"]


def ref_iri(r: F.Ref) -> URIRef:
    return entity_iri(r.kind, r.key)


_NODES: dict[str, ox.NamedNode] = {}


def N(iri) -> ox.NamedNode:  # noqa: N802 - reads like the term it makes
    node = _NODES.get(iri)
    if node is None:
        node = _NODES[iri] = ox.NamedNode(str(iri))
    return node


def Literal(value, lang: str | None = None, datatype=None) -> ox.Literal:  # noqa: N802
    """A pyoxigraph literal from a Python value (str, bool, int, Decimal, date)."""
    import datetime as dt
    from decimal import Decimal

    if lang:
        return ox.Literal(str(value), language=lang)
    if datatype is not None:
        text = format(value, "f") if isinstance(value, Decimal) else str(value)
        return ox.Literal(text, datatype=N(datatype))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=N(XSD.boolean))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=N(XSD.integer))
    if isinstance(value, Decimal):
        return ox.Literal(format(value, "f"), datatype=N(XSD.decimal))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=N(XSD.date))
    return ox.Literal(str(value))


class _Graph:
    """An insertion-ordered set of triples (one named graph being filled)."""

    def __init__(self) -> None:
        self.triples: dict[tuple, None] = {}

    def add(self, t: tuple) -> None:
        self.triples[(N(t[0]) if not isinstance(t[0], ox.NamedNode) else t[0],
                      N(t[1]) if not isinstance(t[1], ox.NamedNode) else t[1],
                      N(t[2]) if isinstance(t[2], str) else t[2])] = None

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
            gn = N(name)
            for s, p, o in self.graphs[name].triples:
                yield ox.Quad(s, p, o, gn)

    def triples(self) -> list[ox.Triple]:
        """The merged graph: every triple once."""
        seen: dict[tuple, None] = {}
        for name in sorted(self.graphs):
            seen.update(self.graphs[name].triples)
        return [ox.Triple(*t) for t in seen]

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


class GraphBuilder:
    """Adds articles and their resolved facts to a `Quads`."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        self.ds = Quads()

    # ---- entities
    def _entity(self, g: _Graph, r: F.Ref, extra: tuple = ()) -> URIRef:
        node = ref_iri(r)
        entry = self.lex.get(r.kind, r.key)
        if r.kind == "organisation":
            subtype = (entry.subtype if entry else "") or r.subtype or "organisation"
            g.add((node, RDF.type, ORG_TYPE_CLASS.get(subtype, DG.Organisation)))
        else:
            g.add((node, RDF.type, KIND_CLASS[r.kind]))
        if entry is not None:
            g.add((node, SKOS.prefLabel, Literal(entry.name_en, lang="en")))
            if entry.name_fr:
                g.add((node, SKOS.prefLabel, Literal(entry.name_fr, lang="fr")))
            if entry.qid:
                g.add((node, OWL.sameAs, WD[entry.qid]))
            if r.kind == "state" and len(entry.key) == 3 and entry.key.isupper():
                g.add((node, DG.isoAlpha3, Literal(entry.key)))
            if entry.country:
                g.add((node, DG.country, entity_iri("state", entry.country)))
            for acr, lang in self.lex.acronyms.get((r.kind, r.key), []):
                g.add((node, DG.acronym, Literal(acr, lang=lang or None)))
            if r.kind == "role" and entry.subtype == "envoy":
                g.add((node, DG.envoy, Literal(True)))
        elif r.kind == "person":
            g.add((node, SKOS.prefLabel, Literal(r.name)))  # a person's name is the same in every language
        else:
            g.add((node, SKOS.prefLabel, Literal(r.name, lang=r.lang)))
        for key, value in extra:
            if key == "country":
                g.add((node, DG.country, entity_iri("state", value)))
            elif key == "accreditedTo":
                g.add((node, DG.accreditedTo, entity_iri("state", value)))
        return node

    def _mention(self, g: _Graph, subject: URIRef, ev: F.Evidence) -> None:
        m = ID[f"mention/{ev.article}.{ev.start}-{ev.end}"]
        g.add((subject, DG.evidence, m))
        g.add((m, RDF.type, DG.Mention))
        g.add((m, DG.inArticle, article_iri(ev.article)))
        g.add((m, DG.sentence, Literal(ev.sentence, lang=ev.lang)))
        g.add((m, DG.start, Literal(ev.start)))
        g.add((m, DG.end, Literal(ev.end)))
        g.add((m, DG.language, Literal(ev.lang, datatype=XSD.language)))
        g.add((m, DG.rule, Literal(ev.rule)))

    # ---- articles
    def add_article(self, article, facts: Iterable) -> URIRef:
        """Add one article and its resolved facts, in the article's own named graph."""
        airi = article_iri(article.id)
        g = self.ds.graph(airi)
        g.add((airi, RDF.type, DG.NewsArticle))
        g.add((airi, DG.sourceFile, Literal(article.source.replace("\\", "/").rsplit("/", 1)[-1])))
        g.add((airi, DG.language, Literal(article.lang, datatype=XSD.language)))
        if article.title:
            g.add((airi, SCHEMA.headline, Literal(article.title, lang=article.lang)))
        if article.url:
            g.add((airi, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
        if article.published:
            g.add((airi, SCHEMA.datePublished, Literal(article.published)))
        if article.outlet:
            g.add((airi, SCHEMA.publisher, Literal(article.outlet)))
        for f in facts:
            self.add_fact(g, f)
        return airi

    def add_fact(self, g: _Graph, f) -> None:
        ent = self._entity
        if isinstance(f, F.EntityMention):
            node = ent(g, f.entity, f.extra)
            self._mention(g, node, f.evidence)
            return
        if isinstance(f, F.OrganisationName):
            node = ent(g, f.organisation)
            g.add((node, DG.acronym if f.form == "acronym" else DG.formerName, Literal(f.name, lang=f.evidence.lang)))
            self._mention(g, node, f.evidence)
            return
        if isinstance(f, F.Observance):
            node = ent(g, f.observance)
            if f.month_day:
                g.add((node, DG.observedOn, Literal(f.month_day, datatype=XSD.gMonthDay)))
            if f.designated_by is not None:
                g.add((node, DG.designatedBy, ent(g, f.designated_by)))
            self._mention(g, node, f.evidence)
            return
        if isinstance(f, F.Programme):
            node = ent(g, f.programme)
            if f.run_by is not None:
                g.add((node, DG.runBy, ent(g, f.run_by)))
            self._mention(g, node, f.evidence)
            return
        kind, key = fact_key(f)
        node = ID[f"{kind}/{key}"]
        if isinstance(f, F.RoleHolding):
            g.add((node, RDF.type, DG.RoleHolding))
            g.add((node, DG.holder, ent(g, f.person)))
            g.add((node, DG.role, ent(g, f.role)))
            if f.of is not None:
                g.add((node, DG.roleOf, ent(g, f.of)))
            if f.to is not None:
                g.add((node, DG.roleTo, ent(g, f.to)))
        elif isinstance(f, F.Membership):
            g.add((node, RDF.type, DG.Membership))
            g.add((node, DG.memberState, ent(g, f.state)))
            g.add((node, DG.organisation, ent(g, f.organisation)))
            g.add((node, DG.status, STATUS_TERM[f.status]))
        elif isinstance(f, F.TradeTarget):
            g.add((node, RDF.type, DG.TradeTarget))
            g.add((node, DG.actor, ent(g, f.actor)))
            if f.partner is not None:
                g.add((node, DG.partner, ent(g, f.partner)))
            if f.partner_text:
                g.add((node, DG.partnerText, Literal(f.partner_text, lang=f.evidence.lang)))
            g.add((node, DG.amount, Literal(f.amount, datatype=XSD.decimal)))
            g.add((node, DG.currency, Literal(f.currency)))
            if f.horizon:
                g.add((node, DG.horizon, Literal(f.horizon)))
            if f.target_year:
                g.add((node, DG.targetYear, Literal(f"{f.target_year:04d}", datatype=XSD.gYear)))
            if f.stated_by is not None:
                g.add((node, DG.statedBy, ent(g, f.stated_by)))
        elif isinstance(f, F.Statement):
            g.add((node, RDF.type, DG.Statement))
            g.add((node, DG.speaker, ent(g, f.speaker)))
            g.add((node, DG.quote, Literal(f.quote, lang=f.evidence.lang)))
            if f.date:
                g.add((node, DG.date, Literal(f.date)))
            if f.date_text:
                g.add((node, DG.dateText, Literal(f.date_text, lang=f.evidence.lang)))
        elif isinstance(f, F.Event):
            g.add((node, RDF.type, EVENT_TYPE_CLASS.get(f.type, DG.Event)))
            g.add((node, DG.eventLabel, Literal(f.label, lang=f.evidence.lang)))
            for p in f.participants:
                g.add((node, DG.participant, ent(g, p)))
            if f.host is not None:
                g.add((node, DG.host, ent(g, f.host)))
            if f.place is not None:
                g.add((node, DG.place, ent(g, f.place)))
            if f.occasion is not None:
                g.add((node, DG.occasion, ent(g, f.occasion)))
            if f.about is not None:
                g.add((node, DG.about, ent(g, f.about)))
            if f.date:
                g.add((node, DG.date, Literal(f.date)))
            if f.date_text:
                g.add((node, DG.dateText, Literal(f.date_text, lang=f.evidence.lang)))
        self._mention(g, node, f.evidence)


def merged_graph(ds: Dataset) -> Graph:
    """All named graphs of an rdflib Dataset as one rdflib Graph."""
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g
