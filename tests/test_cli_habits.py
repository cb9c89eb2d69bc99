"""The command line behaves as people expect of one: plain tables in pipes, - for stdin and stdout, declared
prefixes, whole syntax errors, suggestions, formats that fit the query, counts of distinct facts, a progress bar
per article on a terminal only, and tracebacks only for bugs."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest
from click.testing import CliRunner

import diplograph
from diplograph.cli import main

from .conftest import ROOT


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("habits") / "store"
    diplograph.build([ROOT / "articles"], [], store=d)
    return str(d)


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_tables_are_tab_separated_when_piped(store_dir):
    r = invoke("query", "memberships", "--store", store_dir)
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "state\torganisation\tstatus"
    assert "Hungary\tOrganization of Turkic States\tobserver" in lines
    assert not any(c in r.stdout for c in "┃│━─")
    r = invoke("queries")
    assert r.stdout.splitlines()[0] == "name\tanswers\tparameters" and "│" not in r.stdout


def test_dash_reads_the_query_from_stdin_and_writes_exports_to_stdout(store_dir):
    r = invoke("query", "-", "--store", store_dir, "-f", "csv",
               input="SELECT ?name WHERE { ?s a dg:State ; skos:prefLabel ?name FILTER(lang(?name) = 'fr') } "
                     "ORDER BY ?name LIMIT 2")
    assert r.exit_code == 0 and r.stdout == "name\nAzerbaïdjan\nHongrie\n"
    r = invoke("export", "--store", store_dir, "--format", "ntriples", "--out", "-")
    assert r.exit_code == 0 and r.stdout.count(" .\n") > 500 and r.stdout.startswith("<https://w3id.org/")
    r = invoke("viz", "--store", store_dir, "--focus", "OTS", "--out", "-")
    assert r.exit_code == 0 and r.stdout.startswith("<!DOCTYPE html>")


def test_dash_reads_an_article_from_stdin(tmp_path):
    text = (ROOT / "articles" / "ots_diaspora_en.txt").read_text()
    r = invoke("build", "-", "--store", str(tmp_path / "s"), "-q", input=text)
    assert r.exit_code == 0, r.output
    r = invoke("query", "memberships", "--store", str(tmp_path / "s"), "-p", "state=Hungary", "-f", "csv")
    assert "Hungary,Organization of Turkic States,observer" in r.stdout
    lines = "".join(json.dumps({"id": f"n{i}", "text": text, "language": "en"}) + "\n" for i in range(3))
    r = invoke("build", "-", "--store", str(tmp_path / "j"), input=lines)
    assert r.exit_code == 0 and "3 articles read" in r.output


def test_usual_prefixes_need_no_declaration(store_dir):
    r = invoke("query", "SELECT (COUNT(*) AS ?n) WHERE { ?m a dg:Membership ; dg:memberState state:HUN . "
                        "?s rdf:type dg:State ; skos:prefLabel ?l FILTER(?s = state:HUN) }",
               "--store", store_dir, "-f", "csv")
    assert r.exit_code == 0 and r.stdout == "n\n2\n"


def test_syntax_errors_are_whole_with_line_and_column(store_dir):
    r = invoke("query", "SELECT ?x WHERE {\n  ?x a ex:Thing .\n}", "--store", store_dir)
    assert r.exit_code == 2
    lines = r.output.splitlines()
    assert lines[0] == "error: query, line 2, column 8: unknown prefix ex: (declare it with PREFIX ex: <...>)"
    assert lines[1:] == ["    ?x a ex:Thing .", "         ^"]
    r = invoke("query", "SELECT ?x WHERE { ?x ?p ?o FILTER(?x = ) }", "--store", store_dir)
    assert r.exit_code == 2 and "line 1, column" in r.output and "expected one of" in r.output


def test_did_you_mean_a_saved_question():
    r = invoke("query", "membership")
    assert r.exit_code == 2 and "did you mean memberships?" in r.output
    r = invoke("query", "office-holders")
    assert "did you mean office_holders?" in r.output


def test_formats_are_checked_against_the_query_form(store_dir):
    r = invoke("query", "CONSTRUCT { ?s a dg:State } WHERE { ?s a dg:State }", "--store", store_dir, "-f", "csv")
    assert r.exit_code == 2 and "a CONSTRUCT or DESCRIBE query gives a graph; use one of ttl, json" in r.output
    r = invoke("query", "states", "--store", store_dir, "-f", "ttl")
    assert r.exit_code == 2 and "a SELECT query gives rows" in r.output
    r = invoke("query", "CONSTRUCT { ?s a dg:State } WHERE { ?s a dg:State }", "--store", store_dir)
    assert r.exit_code == 0 and "dg:State" in r.stdout  # Turtle, the default for a graph
    r = invoke("query", "ASK { ?s a dg:State }", "--store", store_dir, "-f", "json")
    assert json.loads(r.stdout)["boolean"] is True


def test_build_summary_counts_distinct_facts(tmp_path):
    text = (ROOT / "articles" / "ots_diaspora_en.txt").read_text()
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({"id": f"copy{i}", "text": text, "language": "en"}) + "\n"
                             for i in range(5)))
    one = invoke("build", str(ROOT / "articles" / "ots_diaspora_en.txt"), "--store", str(tmp_path / "one"))
    five = invoke("build", str(batch), "--store", str(tmp_path / "five"))
    summary = [line for line in one.output.splitlines() if line.startswith("the graph holds")]
    assert summary and "memberships" in summary[0]
    assert summary == [line for line in five.output.splitlines() if line.startswith("the graph holds")]


def test_progress_per_article_on_a_terminal_only(tmp_path):
    text = (ROOT / "articles" / "ots_diaspora_fr.txt").read_text()
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({"id": f"a{i}", "text": text + f" ({i})", "language": "fr"}) + "\n"
                             for i in range(40)))
    cmd = [sys.executable, "-m", "diplograph.cli", "build", str(batch), "--store", str(tmp_path / "s")]
    env = dict(os.environ, TERM="xterm", COLUMNS="100")
    pid, fd = pty.fork()
    if pid == 0:  # the child: stderr is the terminal
        os.execvpe(cmd[0], cmd, env)
    seen = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.waitpid(pid, 0)
    screen = seen.decode("utf-8", "replace")
    assert "reading" in screen and "/40" in screen  # one file, forty articles: the bar counts articles
    piped = subprocess.run([*cmd[:-1], str(tmp_path / "p")], capture_output=True, text=True, env=env)
    assert piped.returncode == 0 and "reading" not in piped.stderr and "\x1b" not in piped.stderr


def test_only_expected_errors_are_one_line_a_bug_keeps_its_traceback(monkeypatch, store_dir):
    from diplograph import query as Q

    r = invoke("query", "states", "--store", str(ROOT / "no-such-store"))
    assert r.exit_code == 2 and r.output.startswith("error: ")

    def bug(*_a, **_k):
        raise FileNotFoundError("a file the package should have")

    monkeypatch.setattr(Q, "load", bug)
    r = invoke("query", "states", "--store", store_dir)
    assert r.exit_code == 1 and isinstance(r.exception, FileNotFoundError)  # not dressed up as a user error
    assert issubclass(Q.QuerySyntaxError, diplograph.DiplographError)


@pytest.mark.parametrize("args", [["export", "--format", "turtle", "--out", "{bad}/g.ttl"],
                                  ["export", "--format", "csv", "--out", "{bad}/tables"],
                                  ["viz", "--out", "{bad}/d.html"]])
def test_an_output_that_cannot_be_written_is_one_line(store_dir, tmp_path, args):
    (tmp_path / "file").write_text("a file, not a folder")
    bad = tmp_path / "file" / "sub"
    r = invoke(*[a.format(bad=bad) for a in args], "--store", store_dir)
    assert r.exit_code == 2 and r.output.startswith(f"error: {bad}/") and "cannot be written there" in r.output
