"""Parameters that fit a person: declared by each saved question, given as plain words, checked, bound."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner
from rdflib import URIRef

import diplograph
from diplograph.cli import main
from diplograph.params import ParameterError, declared
from diplograph.query import load, run, saved_queries
from diplograph.store import EmbeddedStore

from .conftest import ROOT


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("params") / "store"
    diplograph.build([ROOT / "articles"], [], store=d)
    return d


@pytest.fixture(scope="module")
def kg(store_dir):
    return diplograph.load(store=store_dir)


def test_every_saved_question_declares_what_it_takes_and_binds_variables_it_uses():
    for name, path in saved_queries().items():
        text = path.read_text(encoding="utf-8")
        for p in declared(text):
            assert p.description, (name, p.name)
            body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
            assert re.search(rf"\?{p.var}\b", body), (name, p.name, p.var)


@pytest.mark.parametrize("value", ["Hungary", "Hongrie", "hungary", "HUN", "state:HUN", '"Hungary"@en',
                                   "<https://w3id.org/diplograph/id/state/HUN>",
                                   "https://w3id.org/diplograph/id/state/HUN"])
def test_a_state_by_its_name_in_any_language_or_its_iri(kg, value):
    if value == "HUN":  # the ISO code is not a name: a one-line error, not an empty answer
        with pytest.raises(ParameterError, match="nothing in the graph is named 'HUN'"):
            kg.query("memberships", state=value)
        return
    assert kg.query("memberships", state=value) == [
        {"state": "Hungary", "organisation": "Organization of Turkic States", "status": "observer"}]


def test_an_acronym_a_computed_column_and_two_parameters_together(kg):
    rows = kg.query("memberships", organisation="OTS", status="observer")
    assert [r["state"] for r in rows] == ["Hungary", "Turkish Republic of Northern Cyprus", "Turkmenistan"]
    assert [r["state"] for r in kg.query("memberships", status="chair")] == ["Azerbaijan"]
    assert kg.query("memberships", state=None, status="chair") == kg.query("memberships", status="chair")


def test_parameters_of_other_questions(kg):
    assert kg.query("office_holders", person="Khazar Ibrahim") == [
        {"person": "Khazar Ibrahim", "role": "ambassador", "of": "Azerbaijan", "to": "United States"}]
    assert [r["person"] for r in kg.query("office_holders", of="Azerbaïdjan")] == ["Khazar Ibrahim"]
    assert [r["person"] for r in kg.query("office_holders", to="États-Unis")] == ["Khazar Ibrahim"]
    assert {r["type"] for r in kg.query("events", participant="OTS")} >= {"meeting", "visit"}
    assert all(r["type"] == "visit" for r in kg.query("events", type="visit"))
    assert {r["speaker"] for r in kg.query("statements", speaker="Erdogan")} == {"Recep Tayyip Erdogan"}
    assert {r["actor"] for r in kg.query("trade_targets", actor="Turquie")} == {"Türkiye"}
    assert {r["type"] for r in kg.query("evidence", subject="Hungary")} == {"State"}


def test_unknown_parameter_wrong_type_and_unknown_name_are_one_line_errors(kg):
    with pytest.raises(ParameterError, match=r"memberships: no parameter 'stat' \(its parameters: state \(entity\), "
                                             r"organisation \(entity\), status \(text\)\); did you mean state\?"):
        kg.query("memberships", stat="Hungary")
    with pytest.raises(ParameterError, match="states: no parameter 'x' \\(it takes no parameter\\)"):
        kg.query("states", x=1)
    with pytest.raises(ParameterError, match="did you mean 'Hungary'"):
        kg.query("memberships", state="Hungry")


def test_typed_parameters_read_python_values_and_refuse_others(tmp_path):
    from diplograph.params import Param, coerce

    assert coerce(Param("d", "date", "d", ""), dt.date(2025, 12, 15), "q").toPython() == dt.date(2025, 12, 15)
    assert coerce(Param("d", "date", "d", ""), "2025-12-15", "q").toPython() == dt.date(2025, 12, 15)
    for typ, bad in (("date", "15/12/2025"), ("integer", "4.5"), ("integer", True), ("decimal", "lots"),
                     ("iri", "not an iri")):
        with pytest.raises(ParameterError, match="q: parameter p is an? "):
            coerce(Param("p", typ, "p", ""), bad, "q")


def test_a_question_of_ones_own_declares_parameters_too(tmp_path, store_dir):
    rq = tmp_path / "mine.rq"
    rq.write_text("# Members since a year\n# param n integer ?n: how many\nSELECT ?x WHERE { BIND(?n + 1 AS ?x) }\n")
    # a .rq file is ad-hoc SPARQL: ?n is bound as the value reads (42 an integer)
    store = EmbeddedStore.open(store_dir)
    assert int(run(store, str(rq), {"n": "41"}).rows[0][0]) == 42
    assert declared(load(str(rq))[1])[0].type == "integer"


def test_cli_parameters_and_their_errors(store_dir):
    args = ["query", "memberships", "--store", str(store_dir), "-f", "csv"]
    r = CliRunner().invoke(main, [*args, "-p", "state=Hongrie"])
    assert r.exit_code == 0
    assert r.output == "state,organisation,status\nHungary,Organization of Turkic States,observer\n"
    r = CliRunner().invoke(main, [*args, "-p", "colour=red"])
    assert r.exit_code == 2 and "memberships: no parameter 'colour'" in r.output and "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 1
    r = CliRunner().invoke(main, ["query", "SELECT ?s ?x WHERE { ?s a dg:State BIND(1 AS ?x) }", "--store",
                                  str(store_dir), "-p", "x=2"])
    assert r.exit_code == 2 and "?x is computed by the query" in r.output


def test_queries_lists_the_parameters():
    r = CliRunner().invoke(main, ["queries"])
    assert r.exit_code == 0
    line = next(line for line in r.output.splitlines() if line.startswith("memberships\t"))
    assert "state (entity): the member state" in line and "status (text)" in line
    r = CliRunner().invoke(main, ["queries", "memberships"])
    assert r.exit_code == 0 and "# param state entity ?s" in r.output and "SELECT" in r.output


def test_a_participant_narrows_events_to_the_rows_the_whole_question_has_for_it(kg, store_dir, tmp_path):
    # the participant is bound in every part of the question (so each part is computed for its events alone):
    # the rows are those of the whole question that list it, in the same order, on the store and on a file
    from diplograph.params import narrowed
    from diplograph.query import prepare

    every = kg.query("events")
    for who, label in [("OTS", "Organization of Turkic States"), ("Omuraliev", "Kubanychbek Omuraliev")]:
        rows = kg.query("events", participant=who)
        assert rows and rows == [r for r in every if label in (r["participants"] or "").split("; ")]
    text, _ = prepare(kg.store, "events", {"participant": "OTS"})
    assert text.count("VALUES (?e)") >= 8  # every part that groups events starts from the narrowed ones
    assert kg.query("evidence", subject="Omuraliev") == [r for r in kg.query("evidence")
                                                         if r["subject"].endswith("/kubanychbek-omuraliev")]
    diplograph.build([ROOT / "articles"], [tmp_path / "g.ttl"])
    on_file = diplograph.load(tmp_path / "g.ttl")
    assert on_file.query("events", participant="OTS") == kg.query("events", participant="OTS")
    # a participant in no event: no rows (an empty narrowing, not the whole question)
    assert narrowed(kg.store, load("events")[1], {"participantParam": [
        URIRef("https://w3id.org/diplograph/id/state/ISL")]}) == [(["participantParam", "e"], [])]
    assert kg.query("events", participant="<https://w3id.org/diplograph/id/state/ISL>") == []
