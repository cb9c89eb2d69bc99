"""Parameters are bound, never pasted; results render in every format; the CLI gives one-line errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from diplograph.cli import main
from diplograph.query import parse_param, render, run
from diplograph.store import EmbeddedStore, StoreError, bind

INJECTION = 'x" } ; DROP ALL ; #'

BY_PERSON = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?role WHERE { ?h dg:holder ?p ; dg:role ?r . ?p skos:prefLabel ?name . ?r skos:prefLabel ?role
  FILTER(lang(?role) = "en") }"""


@pytest.fixture(scope="module")
def store(seed_build):
    out, _ = seed_build
    return EmbeddedStore.load(out / "g.ttl")


def test_param_binds_a_value(store):
    res = run(store, BY_PERSON, {"name": Literal("Khazar Ibrahim")})
    assert [str(r[0]) for r in res.rows] == ["ambassador"]


def test_injection_is_just_a_string_that_matches_nothing(store, seed_build):
    res = run(store, BY_PERSON, {"name": Literal(INJECTION)})
    assert res.rows == []
    assert len(store) > 1000  # nothing was dropped
    q = bind(BY_PERSON, {"name": Literal(INJECTION)})
    assert '"x\\" } ; DROP ALL ; #"' in q


def test_bad_iri_and_bad_variable_are_refused():
    with pytest.raises(StoreError):
        bind(BY_PERSON, {"name": URIRef("http://x> } DROP ALL {")})
    with pytest.raises(StoreError):
        bind(BY_PERSON, {"na me": Literal("x")})


@pytest.mark.parametrize("spec,term", [
    ("p=<https://w3id.org/diplograph/id/state/AZE>", URIRef("https://w3id.org/diplograph/id/state/AZE")),
    ('p="Azerbaïdjan"@fr', Literal("Azerbaïdjan", lang="fr")),
    ("p=42", Literal(42)),
    ("p=Hungary", Literal("Hungary")),
])
def test_parse_param(spec, term):
    assert parse_param(spec) == ("p", term)


def test_formats(store):
    res = run(store, "memberships")
    assert render(res, "csv").splitlines()[0] == "state,organisation,status"
    assert render(res, "tsv").splitlines()[0] == "state\torganisation\tstatus"
    data = json.loads(render(res, "json"))
    assert data["head"]["vars"] == ["state", "organisation", "status"] and len(data["results"]["bindings"]) == 9
    assert render(res, "md").startswith("| state | organisation | status |")


def test_construct_and_ask(store):
    g = run(store, "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3").graph
    assert len(g) == 3
    assert run(store, "ASK { ?s ?p ?o }").boolean is True


def test_cli_query_csv_and_ask_exit_status(seed_build):
    out, _ = seed_build
    r = CliRunner().invoke(main, ["query", "states", "--data", str(out / "g.ttl"), "-f", "csv"])
    assert r.exit_code == 0 and "Azerbaijan,http://www.wikidata.org/entity/Q227" in r.output
    r = CliRunner().invoke(main, ["query", "ASK { ?s ?p \"nothing like this\" }", "--data", str(out / "g.ttl")])
    assert r.exit_code == 1 and r.output.strip() == "false"


def test_cli_query_param_and_memory_backend_give_the_same_rows(seed_build):
    out, _ = seed_build
    args = ["query", "office_holders", "--data", str(out / "g.ttl"), "-f", "csv"]
    a = CliRunner().invoke(main, args)
    b = CliRunner().invoke(main, [*args, "--backend", "memory"])
    assert a.output == b.output and "Khazar Ibrahim" in a.output


def test_cli_errors_are_one_line(tmp_path):
    r = CliRunner().invoke(main, ["query", "states", "--data", str(tmp_path / "none.ttl")])
    assert r.exit_code == 2 and "no such file" in r.output and "Traceback" not in r.output
    r = CliRunner().invoke(main, ["query", "nonsense"])
    assert r.exit_code == 2 and "neither a saved query" in r.output


def test_cli_build_and_eval(tmp_path):
    from .conftest import ROOT

    r = CliRunner().invoke(main, ["build", str(ROOT / "articles"), "--out", str(tmp_path / "x.ttl")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "x.ttl").exists()
    r = CliRunner().invoke(main, ["eval", str(ROOT / "tests" / "gold"), "--articles", str(ROOT / "articles")])
    assert r.exit_code == 0 and "micro-F1" in r.output


def test_infer_finds_subclass_instances(store):
    q = ("PREFIX org: <http://www.w3.org/ns/org#> SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a org:Organization }")
    assert int(run(store, q).rows[0][0]) == 0
    n = int(run(store.infer(), q).rows[0][0])
    assert n >= 4  # the OTS, UNESCO, the party and the embassy are all org:Organization by subclassing


def test_validate_with_inference_conforms(seed_build):
    from diplograph.validate import validate

    out, _ = seed_build
    report = validate([out / "g.ttl"], infer=True)
    assert report.conforms, report.text()
