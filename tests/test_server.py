"""A real Oxigraph server: push the graph, query it remotely, get the same rows as embedded."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from rdflib import Literal

from diplograph.query import render, run, saved_queries
from diplograph.server import OxigraphServer, ServerError, push
from diplograph.store import EmbeddedStore, RemoteStore, StoreError

from .browser import SocketTrap
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
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=10)
        assert e.value.code == 403
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


def test_serve_bounds_query_time(seed_build):
    import time

    out, _ = seed_build
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with OxigraphServer([out / "g.ttl"], timeout_s=1) as srv:
        t0 = time.monotonic()
        with pytest.raises(StoreError, match="504"):
            run(RemoteStore(srv.query_endpoint, timeout=20, retries=0), heavy)
        assert time.monotonic() - t0 < 10 and srv.restarts == 1
        # and the server answers again at once
        assert run(RemoteStore(srv.query_endpoint), "ASK { ?s ?p ?o }").boolean
        # the same bound on a query sent by GET to any path Oxigraph answers (/sparql took ten times the limit)
        import urllib.error
        import urllib.parse
        import urllib.request

        for path in ("/sparql", "/query"):
            t0 = time.monotonic()
            with pytest.raises(urllib.error.HTTPError, match="504"):
                urllib.request.urlopen(f"{srv.base}{path}?{urllib.parse.urlencode({'query': heavy})}", timeout=30)
            assert time.monotonic() - t0 < 5, path


def test_serve_cancels_a_runaway_query_alone(built_store):
    """A real `diplograph serve`: while one client's query runs past --timeout, other clients are answered;
    the runaway gets 504, the server keeps serving without a restart, and its log has no traceback."""
    import signal
    import subprocess
    import sys
    import threading
    import time
    from pathlib import Path

    from diplograph.server import free_port

    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    port = free_port()
    exe = Path(sys.executable).parent / "diplograph"
    proc = subprocess.Popen([str(exe), "serve", "--store", str(built_store / "store"), "--port", str(port),
                             "--timeout", "3"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    try:
        assert run(RemoteStore(url, retries=20, backoff=0.2), "ASK { ?s ?p ?o }").boolean
        failures: list[str] = []

        def runaway() -> None:
            try:
                run(RemoteStore(url, timeout=30, retries=0), heavy)
                failures.append("the runaway query was answered")
            except StoreError as exc:
                if "504" not in str(exc):
                    failures.append(str(exc))

        slow = [threading.Thread(target=runaway) for _ in range(2)]
        t0 = time.monotonic()
        for t in slow:
            t.start()
        time.sleep(0.5)
        answered = []
        while any(t.is_alive() for t in slow):  # the others are served while the runaways run
            t1 = time.monotonic()
            assert len(run(RemoteStore(url, timeout=10, retries=0), "memberships").rows) == 9
            answered.append(time.monotonic() - t1)
            time.sleep(0.2)
        for t in slow:
            t.join()
        assert not failures, failures
        assert time.monotonic() - t0 < 15
        assert len(answered) >= 5 and max(answered) < 2, answered
        assert len(run(RemoteStore(url), "memberships").rows) == 9  # and afterwards, by the same server
        assert proc.poll() is None
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
    log = proc.stderr.read().decode()
    assert "Traceback" not in log and "Error" not in log, log


@pytest.mark.parametrize("mode", ["silent", "drop"])
def test_push_to_a_failing_store_retries_then_reports(seed_build, mode):
    out, _ = seed_build
    bad = SocketTrap(mode)  # a store that never answers, or hangs up half-way through the request
    try:
        with pytest.raises(ServerError, match="not loaded after 3 tries"):
            push([out / "g.ttl"], f"http://127.0.0.1:{bad.port}/store", timeout=1, retries=2, backoff=0.01)
        assert bad.hits == 3
    finally:
        bad.close()


def test_push_all_or_nothing_per_graph(seed_build, tmp_path):
    """A graph that fails to parse on the server side leaves the target graph as it was."""
    out, _ = seed_build
    with OxigraphServer([], writable=True) as srv:
        push([out / "g.ttl"], srv.store_endpoint, graph="http://example.org/g", replace=True)
        count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/g> { ?s ?p ?o } }"
        before = run(RemoteStore(srv.query_endpoint), count).rows[0][0]
        req = urllib.request.Request(srv.store_endpoint + "?graph=http%3A%2F%2Fexample.org%2Fg",
                                     data=b"<a> <b> <c> .\n<broken", method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(req, timeout=10)
        assert run(RemoteStore(srv.query_endpoint), count).rows[0][0] == before


def test_an_answer_that_is_not_sparql_is_one_clear_line():
    import http.server
    import threading

    class Html(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_POST(self):  # noqa: N802
            body = b"<html><body>Welcome to our portal</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Html)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        with pytest.raises(StoreError, match="not SPARQL results"):
            run(RemoteStore(f"http://127.0.0.1:{srv.server_address[1]}/sparql", retries=0), "states")
    finally:
        srv.shutdown()
        srv.server_close()


def start_serve(*args: str) -> tuple[subprocess.Popen, RemoteStore]:
    """`diplograph serve ARGS` in a process of its own, once it answers, and a client of it."""
    from diplograph.server import free_port

    port = free_port()
    exe = Path(sys.executable).parent / "diplograph"
    proc = subprocess.Popen([str(exe), "serve", *args, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    remote = RemoteStore(f"http://127.0.0.1:{port}/query", retries=20, backoff=0.2)
    return proc, remote


def test_serve_command_answers_and_stops_cleanly_on_term(seed_build):
    import signal
    import subprocess
    import time


    def servers() -> int:
        ps = subprocess.run(["pgrep", "-f", "oxigraph serve-read-only"], capture_output=True, text=True)
        return len(ps.stdout.split())

    out, _ = seed_build
    before = servers()
    proc, remote = start_serve("--data", str(out / "g.trig"))
    try:
        assert run(remote, "ASK { ?s ?p ?o }").boolean
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
    time.sleep(0.5)
    assert b"SPARQL endpoint: http://127.0.0.1:" in proc.stderr.read()
    assert servers() == before  # the Oxigraph process went with it


@pytest.fixture(scope="module")
def built_store(tmp_path_factory):
    from diplograph.build import build

    from .conftest import ROOT

    d = tmp_path_factory.mktemp("served")
    build([ROOT / "articles"], [d / "g.trig"], store=d / "store")
    return d


def test_serve_opens_the_store_where_it_is_and_answers_like_the_files(built_store):
    with OxigraphServer([], store=built_store / "store") as srv:
        assert srv.location.parent.name == "snapshots"  # no copy was loaded
        remote = RemoteStore(srv.query_endpoint)
        files = EmbeddedStore.load(built_store / "g.trig")
        for name in saved_queries():
            assert render(run(remote, name), "csv") == render(run(files, name), "csv"), name
    assert (built_store / "store" / "current").exists()  # stopping it leaves the store alone
    with pytest.raises(ServerError, match="--writable"):
        OxigraphServer([], writable=True, store=built_store / "store")


def test_a_query_posted_like_the_query_page_is_a_read_and_cors_is_answered(built_store):
    import json
    import urllib.parse

    with OxigraphServer([], store=built_store / "store", cors="https://example.org") as srv:
        body = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode()
        for path in ("/query", "/"):
            req = urllib.request.Request(srv.base + path, data=body, method="POST", headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json",
                "Origin": "https://example.org"})
            with urllib.request.urlopen(req, timeout=10) as resp:
                assert json.loads(resp.read())["boolean"] is True
                assert resp.headers["Access-Control-Allow-Origin"] == "https://example.org"
        req = urllib.request.Request(srv.base + "/query", method="OPTIONS", headers={
            "Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            assert resp.status == 204 and "POST" in resp.headers["Access-Control-Allow-Methods"]
        update = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
        req = urllib.request.Request(srv.base + "/", data=update, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=10)
        assert e.value.code == 403


def test_serve_follows_the_builds_of_its_store(tmp_path):
    import time

    from diplograph.build import build

    from .conftest import ROOT

    store = tmp_path / "store"
    build([ROOT / "articles" / "ots_diaspora_en.txt"], [], store=store)
    q = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/diplograph/ontology#NewsArticle> }"
    with OxigraphServer([], store=store) as srv:
        remote = RemoteStore(srv.query_endpoint)
        assert int(run(remote, q).rows[0][0]) == 1
        build([ROOT / "articles"], [], store=store)
        time.sleep(1.1)
        assert int(run(remote, q).rows[0][0]) == 2


def test_push_from_the_store_gives_the_same_rows(built_store):
    from diplograph.ingest import BOOKKEEPING_GRAPHS

    with OxigraphServer([], writable=True) as srv:
        done = push([], srv.store_endpoint, replace=True, store=built_store / "store")
        assert not set(BOOKKEEPING_GRAPHS) & {name for name, _ in done} and len(done) == 3  # facts graph + 2 articles
        remote = RemoteStore(srv.query_endpoint)
        local = EmbeddedStore.open(built_store / "store")
        for name in saved_queries():
            assert render(run(remote, name), "csv") == render(run(local, name), "csv"), name


def test_serve_refuses_service_foreign_hosts_big_bodies_and_chunks_and_closes_idle_sockets(built_store, monkeypatch):
    import socket
    import sys
    import time
    import urllib.parse

    server_module = sys.modules["diplograph.server"]

    monkeypatch.setattr(server_module, "IDLE_SECONDS", 1)
    monkeypatch.setattr(server_module._Handler, "timeout", 1)
    with OxigraphServer([], store=built_store / "store") as srv:
        def post(query: str, headers: dict | None = None) -> int:
            req = urllib.request.Request(srv.query_endpoint, data=query.encode(), method="POST", headers={
                "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json",
                **(headers or {})})
            try:
                with urllib.request.urlopen(req, timeout=20) as resp:
                    return resp.status
            except urllib.error.HTTPError as e:
                return e.code

        # SERVICE would make the server call any address a client names
        assert post("SELECT * WHERE { SERVICE <http://169.254.169.254/> { ?s ?p ?o } }") == 403
        url = srv.query_endpoint + "?" + urllib.parse.urlencode(
            {"query": "SELECT * WHERE { SERVICE silent <http://10.0.0.1/sparql> { ?s ?p ?o } }"})
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(url, timeout=20)
        assert e.value.code == 403
        # a literal that says "service" is no SERVICE clause
        assert post('ASK { ?s ?p "the service <here>" }') == 200
        # a name rebound to the loopback (DNS rebinding) is not this server's name
        assert post("ASK { ?s ?p ?o }", {"Host": "attacker.example:80"}) == 421
        assert post("ASK { ?s ?p ?o }", {"Host": f"localhost:{srv.port}"}) == 200
        # a body announced too large, a negative length, a chunked body: refused at once
        with socket.create_connection((srv.host, srv.port), timeout=10) as sock:
            sock.sendall(b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                         b"Content-Length: 10000000000\r\n\r\n")
            assert sock.recv(100).startswith(b"HTTP/1.1 413")
        with socket.create_connection((srv.host, srv.port), timeout=10) as sock:
            sock.sendall(b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n")
            assert sock.recv(100).startswith(b"HTTP/1.1 400")
        with socket.create_connection((srv.host, srv.port), timeout=10) as sock:
            sock.sendall(b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                         b"Content-Type: application/sparql-query\r\n\r\n5\r\nASK {\r\n")
            assert sock.recv(100).startswith(b"HTTP/1.1 411")
        # an idle connection is closed (it would hold a thread for ever)
        with socket.create_connection((srv.host, srv.port), timeout=10) as sock:
            start = time.monotonic()
            assert sock.recv(100) == b""
            assert time.monotonic() - start < 8
        # and the server still answers
        assert post("ASK { ?s ?p ?o }") == 200


def test_serve_killed_outright_leaves_no_oxigraph_behind(built_store):
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path


    if not sys.platform.startswith("linux"):
        pytest.skip("the kernel's parent-death signal is Linux's")
    proc, remote = start_serve("--store", str(built_store / "store"))
    try:
        assert run(remote, "ASK { ?s ?p ?o }").boolean

        def children() -> list[int]:
            ps = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True)
            return [int(p) for p in ps.stdout.split()]

        kids = children()
        assert kids, "serve runs Oxigraph in processes of its own"
    finally:
        proc.send_signal(signal.SIGKILL)  # no handler runs: only the kernel can stop the children
        proc.wait(20)
    def running(pid: int) -> bool:  # a zombie waits only for its reaper: it runs no more
        stat = Path(f"/proc/{pid}/stat")
        return stat.exists() and stat.read_text().split()[2] != "Z"

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(running(k) for k in kids):
        time.sleep(0.1)
    alive = [k for k in kids if running(k)]
    assert not alive, f"Oxigraph processes left running: {alive}"
