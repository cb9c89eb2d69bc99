"""The package as a user gets it: a wheel built from the sources, installed in a fresh virtual environment
outside the checkout, then build, query, queries, validate and viz run there on the seed articles.

Dependencies come from the package index (or pip's cache), at the versions of constraints.txt; the test is
skipped with the reason when they cannot be installed (no index reachable).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT


def _run(args, cwd, env, timeout=600):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(bin folder of the fresh venv, a working folder outside the checkout, its environment)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src-copy"  # built from a copy, so that the build leaves nothing in the checkout
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "src", src / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "DIPLOGRAPH_"))}
    env["HOME"] = str(tmp / "home")  # no cache of the checkout's lexicon
    dist = tmp / "dist"
    r = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(src)], tmp, env)
    if r.returncode:
        pytest.skip(f"cannot build the wheel (no package index for setuptools?): {r.stderr.strip()[-300:]}")
    wheel = next(dist.glob("diplograph-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_ = venv / "bin"
    r = _run([str(bin_ / "python"), "-m", "pip", "install", "-q", "-c", str(ROOT / "constraints.txt"), str(wheel)],
             tmp, env)
    if r.returncode:
        pytest.skip(f"cannot install the wheel's dependencies (no package index?): {r.stderr.strip()[-300:]}")
    work = tmp / "work"
    work.mkdir()
    shutil.copytree(ROOT / "articles", work / "articles")
    return wheel, bin_, work, env


def test_the_wheel_holds_the_data_the_tool_reads(installed):
    wheel, *_ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("diplograph/ontology/diplograph.ttl", "diplograph/ontology/shapes.ttl",
                 "diplograph/ontology/context.jsonld", "diplograph/ontology/reference/states.ttl",
                 "diplograph/ontology/reference/organisations.ttl", "diplograph/queries/memberships.rq",
                 "diplograph/diagram.html", "diplograph/extract/data/triggers_en.json"):
        assert name in names, name


def test_only_the_runtime_dependencies_are_installed(installed):
    _, bin_, work, env = installed
    r = _run([str(bin_ / "python"), "-m", "pip", "list", "--format=freeze"], work, env)
    have = {line.split("==")[0].lower() for line in r.stdout.splitlines()}
    assert {"rdflib", "pyoxigraph", "pyshacl", "rich", "click"} <= have
    assert not have & {"pycountry", "oxigraph", "pytest", "spacy"}  # extras: reference, server, test, bench
    assert _run([str(bin_ / "python"), "-m", "pip", "check"], work, env).returncode == 0


def test_build_query_validate_viz_outside_the_checkout(installed):
    _, bin_, work, env = installed
    dg = str(bin_ / "diplograph")
    r = _run([dg, "build", "articles", "--store", "store", "--out", "g.ttl"], work, env)
    assert r.returncode == 0, r.stderr
    assert "2 articles read" in r.stderr
    r = _run([dg, "queries"], work, env)
    assert r.returncode == 0 and "memberships" in r.stdout and "office_holders" in r.stdout
    r = _run([dg, "query", "memberships", "--store", "store", "-f", "csv"], work, env)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {"state": "Hungary", "organisation": "Organization of Turkic States", "status": "observer"} in rows
    r = _run([dg, "validate", "--store", "store"], work, env)
    assert r.returncode == 0 and "conforms" in r.stdout, r.stdout + r.stderr
    r = _run([dg, "export", "--store", "store", "--format", "jsonld", "--out", "g.jsonld"], work, env)
    assert r.returncode == 0, r.stderr
    assert '"@context"' in (work / "g.jsonld").read_text()
    r = _run([dg, "viz", "--store", "store", "--out", "d.html"], work, env)
    assert r.returncode == 0, r.stderr
    page = (work / "d.html").read_text()
    assert "vis-network" in page and "Organization of Turkic States" in page
    # the data was read from the installed package, not from a checkout
    r = _run([str(bin_ / "python"), "-c", "import diplograph.resources as r; print(r.ontology_dir())"], work, env)
    assert str(bin_.parent) in r.stdout and str(ROOT) not in r.stdout


def test_serve_without_the_server_extra_says_how_to_get_it(installed):
    _, bin_, work, env = installed
    env = dict(env, PATH=str(bin_))  # no oxigraph binary of another environment on the PATH
    (work / "one.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n")
    r = _run([str(bin_ / "diplograph"), "serve", "--data", "one.ttl", "--port", "0"], work, env, timeout=60)
    assert r.returncode == 2
    assert "diplograph[server]" in r.stderr


def test_other_copies_of_the_data_by_environment(tmp_path):
    """DIPLOGRAPH_ONTOLOGY and DIPLOGRAPH_QUERIES point at folders of one's own instead of the package's."""
    ont = tmp_path / "ontology"
    shutil.copytree(ROOT / "src" / "diplograph" / "ontology", ont)
    states = ont / "reference" / "states.ttl"
    states.write_text(states.read_text(encoding="utf-8").replace(
        '"Hungary"@en,\n', '"Hungary"@en,\n        "Magyarorszag"@en,\n', 1), encoding="utf-8")
    queries = tmp_path / "queries"
    shutil.copytree(ROOT / "src" / "diplograph" / "queries", queries)
    (queries / "mine.rq").write_text("# How many states?\nSELECT (COUNT(?s) AS ?n) WHERE { ?s a dg:State }\n")
    (tmp_path / "a.txt").write_text("Magyarorszag and Azerbaijan signed an agreement in Baku on Monday.\n")
    env = dict(os.environ, DIPLOGRAPH_ONTOLOGY=str(ont), DIPLOGRAPH_QUERIES=str(queries), HOME=str(tmp_path))
    cli = [sys.executable, "-m", "diplograph.cli"]
    r = _run([*cli, "build", "a.txt", "--store", "s", "-q"], tmp_path, env)
    assert r.returncode == 0, r.stderr
    r = _run([*cli, "query", "states", "--store", "s", "-f", "csv"], tmp_path, env)
    assert "Hungary,http://www.wikidata.org/entity/Q28" in r.stdout  # found by the name only that copy has
    r = _run([*cli, "queries"], tmp_path, env)
    assert "mine\tHow many states?" in r.stdout
    r = _run([*cli, "query", "mine", "--store", "s", "-f", "csv"], tmp_path, env)
    assert r.stdout == "n\n2\n"
