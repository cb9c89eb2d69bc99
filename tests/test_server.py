"""A real Oxigraph server: push the graph, query it remotely, get the same rows as embedded."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from rdflib import Literal

from diplograph.query import render, run, saved_queries
from diplograph.server import OxigraphServer, ServerError, push
from diplograph.store import EmbeddedStore, RemoteStore, StoreError

from .test_query import BY_PERSON, INJECTION


@pytest.fixture(scope="module")
def live(seed_build):
    """An empty writable Oxigraph server, filled through the Graph Store Protocol."""
    out, _ = seed_build
    with OxigraphServer([], writable=True) as srv:
        push([out / "g.trig"], srv.store_endpoint, replace=True)
        yield srv


@pytest.fixture(scope="module")
def embedded(seed_build):
    out, _ = seed_build
    return EmbeddedStore.load(out / "g.trig")


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_every_competency_question_same_rows_embedded_and_remote(live, embedded, name):
    remote = RemoteStore(live.query_endpoint)
    a = render(run(embedded, name), "csv")
    b = render(run(remote, name), "csv")
    assert a == b
    assert len(a.splitlines()) > 1


def test_injection_remote(live):
    remote = RemoteStore(live.query_endpoint)
    assert run(remote, BY_PERSON, {"name": Literal(INJECTION)}).rows == []
    assert [str(r[0]) for r in run(remote, BY_PERSON, {"name": Literal("Khazar Ibrahim")}).rows] == ["ambassador"]
    assert run(remote, "ASK { ?s ?p ?o }").boolean


def test_read_only_server_refuses_updates(seed_build):
    out, _ = seed_build
    with OxigraphServer([out / "g.ttl"]) as srv:
        assert run(RemoteStore(srv.query_endpoint), "memberships").rows
        req = urllib.request.Request(srv.base + "/update", data=b"DROP ALL", method="POST",
                                     headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(req, timeout=10)
        assert run(RemoteStore(srv.query_endpoint), "ASK { ?s ?p ?o }").boolean
        assert srv.host == "127.0.0.1"


def test_unreachable_endpoint_is_one_line_after_retries():
    remote = RemoteStore("http://127.0.0.1:9/query", timeout=2, retries=1, backoff=0.01)
    with pytest.raises(StoreError, match="cannot reach endpoint"):
        run(remote, "states")


def test_push_to_a_store_that_refuses(seed_build):
    out, _ = seed_build
    with OxigraphServer([out / "g.ttl"]) as srv:  # read-only: the Graph Store refuses writes
        with pytest.raises(ServerError, match="refused"):
            push([out / "g.trig"], srv.store_endpoint, retries=0)


def test_push_replace_is_idempotent(live, seed_build):
    out, _ = seed_build
    remote = RemoteStore(live.query_endpoint)
    before = run(remote, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0]
    push([out / "g.trig"], live.store_endpoint, replace=True)
    after = run(remote, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0]
    assert before == after and int(after) > 1000
