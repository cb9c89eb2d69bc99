"""Issue 15: `push` sends credentials only where it was told to, and says "loaded" only when the store did.

Each test runs a real local HTTP server (http.server in a thread) that plays a store: one that redirects, one
that answers a portal's HTML page, one that fails after some graphs.
"""

from __future__ import annotations

import base64
import http.server
import threading
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplograph.cli import main
from diplograph.server import ServerError, push

TRIG = """@prefix ex: <http://x/> .
ex:g1 { ex:a ex:p "one" . ex:a ex:q "two" . }
ex:g2 { ex:b ex:p "three" . }
ex:g3 { ex:c ex:p "four" . }
ex:g4 { ex:d ex:p "five" . }
"""


class Store:
    """A scripted Graph Store. `script(handler, n)` answers request n (0-based) and returns (status, headers,
    body); every request is recorded with its method, path, headers and body."""

    def __init__(self, script):
        self.requests: list[dict] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _any(self):
                n = len(outer.requests)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                outer.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                                       "body": body})
                status, headers, data = script(n, self)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_HEAD = _any  # noqa: N815

        self.srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.srv.server_port}"
        threading.Thread(target=self.srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self):
        self.srv.shutdown()
        self.srv.server_close()


@pytest.fixture
def trig(tmp_path) -> Path:
    p = tmp_path / "g.trig"
    p.write_text(TRIG)
    return p


@pytest.fixture
def creds(monkeypatch):
    monkeypatch.setenv("DIPLOGRAPH_USER", "alice")
    monkeypatch.setenv("DIPLOGRAPH_PASSWORD", "s3cret")
    return "Basic " + base64.b64encode(b"alice:s3cret").decode()


OK = (204, {}, b"")


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_redirect_elsewhere_gets_no_credentials_and_is_no_success(trig, creds, code):
    thief = Store(lambda n, h: (200, {"Content-Type": "text/plain"}, b"thanks"))
    # "localhost" and "127.0.0.1" are two hosts to a browser: the credentials were for the first only
    redirect = Store(lambda n, h: (code, {"Location": thief.url.replace("127.0.0.1", "localhost") + "/steal"}, b""))
    try:
        with pytest.raises(ServerError, match=f"redirect.*HTTP {code}.*not followed") as err:
            push([trig], redirect.url + "/store", retries=0)
        assert "0 of 4 graphs loaded" in str(err.value)
        assert thief.requests == []  # nothing, and above all no Authorization header, reached the other host
        assert redirect.requests[0]["headers"].get("Authorization") == creds
    finally:
        thief.close()
        redirect.close()


def test_a_redirect_is_one_line_and_exit_2_on_the_command_line(trig, creds):
    other = Store(lambda n, h: OK)
    redirect = Store(lambda n, h: (302, {"Location": other.url + "/store"}, b""))
    try:
        r = CliRunner().invoke(main, ["push", "--data", str(trig), "--endpoint", redirect.url + "/store"])
        assert r.exit_code == 2 and len(r.output.strip().splitlines()) == 1, r.output
        assert "HTTP 200" not in r.output and other.requests == []
        assert "s3cret" not in r.output
    finally:
        other.close()
        redirect.close()


def test_an_html_page_with_200_is_not_a_load(trig):
    portal = Store(lambda n, h: (200, {"Content-Type": "text/html; charset=utf-8"},
                                 b"<!DOCTYPE html><html><body>Please log in</body></html>"))
    try:
        with pytest.raises(ServerError, match="HTML page") as err:
            push([trig], portal.url + "/store", retries=0)
        assert "0 of 4 graphs loaded" in str(err.value)
    finally:
        portal.close()


def test_an_html_page_without_its_content_type_is_not_a_load(trig):
    portal = Store(lambda n, h: (200, {"Content-Type": "application/octet-stream"}, b"\n  <html><head>x</head></html>"))
    try:
        with pytest.raises(ServerError, match="HTML page"):
            push([trig], portal.url + "/store", retries=0)
    finally:
        portal.close()


@pytest.mark.parametrize("fail_from", [0, 1, 2, 3])
def test_the_count_before_a_failure_is_exact(trig, fail_from):
    store = Store(lambda n, h: OK if n < fail_from else (500, {}, b"disk full"))
    try:
        with pytest.raises(ServerError) as err:
            push([trig], store.url + "/store", retries=1, backoff=0.01)
        assert f"{fail_from} of 4 graphs loaded before it" in str(err.value), str(err.value)
        loaded = {urllib.parse.parse_qs(urllib.parse.urlsplit(r["path"]).query)["graph"][0]
                  for r in store.requests[:fail_from]}
        assert len(loaded) == fail_from
    finally:
        store.close()


def test_a_refusal_says_the_count_too(trig):
    store = Store(lambda n, h: OK if n < 2 else (403, {}, b"forbidden"))
    try:
        with pytest.raises(ServerError, match="refused.*HTTP 403.*2 of 4 graphs loaded before it"):
            push([trig], store.url + "/store", retries=0)
    finally:
        store.close()


def test_success_reports_each_graph_with_the_store_answer(trig, creds):
    store = Store(lambda n, h: (201, {}, b"") if n % 2 else OK)
    try:
        done = push([trig], store.url + "/store", replace=True)
        assert [s for _, s in done] == [204, 201, 204, 201]
        assert all(r["method"] == "PUT" and r["headers"].get("Authorization") == creds for r in store.requests)
    finally:
        store.close()


def test_verify_counts_the_triples_back(trig):
    """With verify=True each graph is read back (GET) and its triples counted: a store that says 204 and
    stored nothing is caught."""
    def liar(n, h):
        if h.command == "GET":
            return 200, {"Content-Type": "application/n-triples"}, b""
        return OK

    store = Store(liar)
    try:
        with pytest.raises(ServerError, match="holds 0 triples.*2 sent"):
            push([trig], store.url + "/store", replace=True, retries=0, verify=True)
    finally:
        store.close()


def test_verify_passes_on_a_store_that_keeps_what_it_gets(trig):
    graphs: dict[str, bytes] = {}

    def keeper(n, h):
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(h.path).query)
        name = q.get("graph", ["default"])[0]
        if h.command == "GET":
            return 200, {"Content-Type": "application/n-triples"}, graphs.get(name, b"")
        graphs[name] = store.requests[-1]["body"]
        return OK

    store = Store(keeper)
    try:
        done = push([trig], store.url + "/store", replace=True, verify=True)
        assert len(done) == 4 and len(graphs) == 4
    finally:
        store.close()


# ---------------------------------------------------------------- query --endpoint retries what the README says


@pytest.mark.parametrize("code", [500, 502, 503])
def test_query_endpoint_retries_5xx(code):
    import json

    from diplograph.store import RemoteStore

    answer = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal",
                                                                                 "value": "ok"}}]}}).encode()
    store = Store(lambda n, h: (code, {}, b"busy") if n < 2 else
                  (200, {"Content-Type": "application/sparql-results+json"}, answer))
    try:
        res = RemoteStore(store.url + "/sparql", retries=3, backoff=0.01).query("SELECT ?x WHERE { ?s ?p ?x }")
        assert [str(r[0]) for r in res.rows] == ["ok"] and len(store.requests) == 3
    finally:
        store.close()


def test_query_endpoint_sends_no_credentials_across_a_redirect(creds):
    """(urllib, under SPARQLWrapper, does not follow a 307 for a POST; it followed a 302, turned into a GET, with
    every header, the credentials included.)"""
    from diplograph.store import RemoteStore, StoreError

    thief = Store(lambda n, h: (200, {"Content-Type": "application/sparql-results+json"},
                                b'{"head": {"vars": []}, "results": {"bindings": []}}'))
    redirect = Store(lambda n, h: (302, {"Location": thief.url.replace("127.0.0.1", "localhost") + "/q"}, b""))
    try:
        with pytest.raises(StoreError, match="redirected to .* not followed"):
            RemoteStore(redirect.url + "/sparql", retries=0, user="alice", password="s3cret").query(
                "SELECT * WHERE { ?s ?p ?o }")
    finally:
        thief.close()
        redirect.close()
    assert not any(r["headers"].get("Authorization") for r in thief.requests)
