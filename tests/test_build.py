"""Building the seed articles: files, determinism, provenance, cross-language merging, shapes, queries."""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from diplograph.build import build
from diplograph.query import render, run, saved_queries
from diplograph.store import EmbeddedStore
from diplograph.validate import validate
from diplograph.vocab import DG, ID

from .conftest import ROOT


def test_build_writes_files_and_reports(seed_build):
    out, report = seed_build
    assert report.articles == 2 and not report.problems
    assert report.facts["memberships"] == 18 and report.facts["events"] >= 8
    for name in ("g.ttl", "g.trig", "g.nt"):
        assert (out / name).stat().st_size > 1000
    assert not list(out.glob("*.tmp"))


def test_same_articles_give_byte_identical_files(seed_build, tmp_path):
    out, _ = seed_build
    build([ROOT / "articles"], [tmp_path / "g.ttl", tmp_path / "g.trig", tmp_path / "g.nt"])
    for name in ("g.ttl", "g.trig", "g.nt"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_trig_has_one_named_graph_per_article(seed_build):
    out, _ = seed_build
    ds = Dataset()
    ds.parse(out / "g.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert {str(ID["article/ots-diaspora-en"]), str(ID["article/ots-diaspora-fr"])} <= names


def test_reception_told_in_both_languages_is_one_node_with_two_sources(seed_build):
    out, _ = seed_build
    g = Graph().parse(out / "g.ttl")
    receptions = list(g.subjects(None, DG.Reception))
    assert len(receptions) == 1
    articles = {g.value(m, DG.inArticle) for m in g.objects(receptions[0], DG.evidence)}
    assert articles == {ID["article/ots-diaspora-en"], ID["article/ots-diaspora-fr"]}
    langs = {lbl.language for lbl in g.objects(receptions[0], DG.eventLabel)}
    assert langs == {"en", "fr"}


def test_entities_link_to_wikidata_and_are_one_node_across_languages(seed_build):
    out, _ = seed_build
    g = Graph().parse(out / "g.ttl")
    aze = ID["state/AZE"]
    assert (aze, URIRef("http://www.w3.org/2002/07/owl#sameAs"), URIRef("http://www.wikidata.org/entity/Q227")) in g
    ots = ID["organisation/organization-of-turkic-states"]
    articles = {g.value(m, DG.inArticle) for m in g.objects(ots, DG.evidence)}
    assert len(articles) == 2


def test_graph_passes_the_shapes(seed_build):
    out, _ = seed_build
    report = validate([out / "g.ttl"])
    assert report.conforms, report.text()


def test_shapes_catch_a_broken_fact(seed_build):
    out, _ = seed_build
    g = Graph().parse(out / "g.ttl")
    m = next(g.subjects(None, DG.Membership))
    g.remove((m, DG.status, None))
    report = validate(g)
    assert not report.conforms and any("status" in v[2] for v in report.violations)


def test_shapes_want_text_in_words_with_its_language(seed_build):
    """A date or partner as written without its language tag breaks the shapes (as it breaks the ontology's
    rdf:langString range)."""
    out, _ = seed_build
    g = Graph().parse(out / "g.ttl")
    for prop in (DG.dateText, DG.partnerText):
        s, _, o = next(g.triples((None, prop, None)))
        assert o.language
        g.remove((s, prop, o))
        g.add((s, prop, Literal(str(o))))
    report = validate(g)
    assert not report.conforms and {"dateText", "partnerText"} <= {v[1] for v in report.violations}, report.text()


@pytest.fixture(scope="module")
def store(seed_build):
    out, _ = seed_build
    return EmbeddedStore.load(out / "g.ttl")


def rows(store, name, **params):
    res = run(store, name, params or None)
    return list(csv.DictReader(io.StringIO(render(res, "csv"))))


COLUMNS = {
    "states": ["state", "wikidata"],
    "organisations": ["organisation", "acronym", "formerName"],
    "office_holders": ["person", "role", "of", "to"],
    "memberships": ["state", "organisation", "status"],
    "events": ["event", "type", "date", "place", "participants"],
    "trade_targets": ["actor", "partner", "amount", "currency", "horizon", "statedBy"],
    "statements": ["speaker", "quote", "date"],
    "evidence": ["subject", "article", "language", "sentence"],
}


def test_every_competency_question_is_shipped():
    assert set(COLUMNS) | {"corroborated"} <= set(saved_queries())


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_competency_question_columns(store, name):
    res = run(store, name)
    assert res.vars[: len(COLUMNS[name])] == COLUMNS[name]
    assert res.rows


def test_states_rows(store):
    r = {x["state"]: x["wikidata"] for x in rows(store, "states")}
    assert r["Azerbaijan"] == "http://www.wikidata.org/entity/Q227"
    assert r["Kyrgyzstan"] == "http://www.wikidata.org/entity/Q813"  # named "Kirghizistan" in French
    assert len(r) == 9


def test_office_holders_rows(store):
    r = {(x["person"], x["role"], x["of"], x["to"]) for x in rows(store, "office_holders")}
    assert r == {
        ("Kubanychbek Omuraliev", "secretary-general", "Organization of Turkic States", ""),
        ("Khazar Ibrahim", "ambassador", "Azerbaijan", "United States"),
        ("Recep Tayyip Erdogan", "president", "Türkiye", ""),
    }


def test_memberships_rows(store):
    r = rows(store, "memberships")
    assert len(r) == 9
    assert {"state": "Azerbaijan", "organisation": "Organization of Turkic States", "status": "chair"} in r


def test_organisations_former_name(store):
    r = rows(store, "organisations")
    ots = [x for x in r if x["organisation"] == "Organization of Turkic States"]
    assert {x["formerName"] for x in ots} >= {"Turkic Council", "Conseil turcique"}
    assert {x["acronym"] for x in ots} == {"OTS"}


def test_events_rows(store):
    r = {x["type"]: x for x in rows(store, "events")}
    assert r["reception"]["place"] == "Washington"
    assert set(r["reception"]["participants"].split("; ")) == {
        "Kubanychbek Omuraliev", "Khazar Ibrahim", "Embassy of Azerbaijan in the United States"}
    assert r["meeting"]["date"] == "Monday"
    assert r["designation"]["participants"] == "UNESCO"


def test_trade_target_rows(store):
    r = rows(store, "trade_targets")
    assert [(x["actor"], x["partner"], x["amount"], x["currency"], x["horizon"], x["statedBy"]) for x in r] == [
        ("Türkiye", "Turkic states", "60000000000", "USD", "medium term", "Recep Tayyip Erdogan"),
        ("Türkiye", "Turkic states", "100000000000", "USD", "long term", "Recep Tayyip Erdogan"),
    ]


def test_corroborated_facts_span_both_articles(store):
    r = rows(store, "corroborated")
    types = {x["type"] for x in r}
    assert {"Membership", "Reception", "RoleHolding"} <= types
    assert all(x["count"] == "2" and x["languages"] in ("en; fr", "fr; en") for x in r)


def test_evidence_rows_carry_sentence_and_language(store):
    r = rows(store, "evidence")
    assert any(x["language"] == "fr" and "Kirghizistan" in x["sentence"] for x in r)
