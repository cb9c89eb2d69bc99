"""A real SPARQL server for a built graph (Oxigraph's server, from the `oxigraph` package on PyPI),
and loading a graph into any store through the SPARQL 1.1 Graph Store HTTP Protocol.
"""

from __future__ import annotations

import base64
import concurrent.futures
import http.client
import http.server
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from .errors import DiplographError
from .outputs import OutputSet
from .rdfinput import check_rdf_file
from .store import NoRedirect as _NoRedirect
from .vocab import PREFIXES


class ServerError(DiplographError):
    pass


def oxigraph_binary() -> str:
    here = Path(sys.executable).parent / "oxigraph"
    if here.exists():
        return str(here)
    found = shutil.which("oxigraph")
    if not found:
        raise ServerError("the oxigraph server is not installed (pip install 'diplograph[server]')")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the child, before Oxigraph starts: the kernel ends it when the thread that started it ends (Linux
    prctl PR_SET_PDEATHSIG), so a server killed with SIGKILL leaves no Oxigraph behind. Elsewhere a no-op."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


#: the one long-lived thread that starts Oxigraph processes: a child dies with the thread that started it, so it
#: must not be a request's thread, which ends with the request
_SPAWNER = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="oxigraph-spawner")


def _spawn(args: list[str], **kwargs) -> subprocess.Popen:
    kwargs.setdefault("preexec_fn", _die_with_parent if sys.platform.startswith("linux") else None)

    def start() -> subprocess.Popen:
        return subprocess.Popen(args, **kwargs)

    return _SPAWNER.submit(start).result()


class _Inner:
    """One Oxigraph server process on a private loopback port."""

    def __init__(self, location: Path, writable: bool, timeout_s: int) -> None:
        self.location = location
        self.port = free_port()
        mode = "serve" if writable else "serve-read-only"
        self._log = tempfile.TemporaryFile()  # its messages, read only if it fails to start (a pipe could fill)
        self.proc = _spawn(
            [oxigraph_binary(), mode, "--location", str(location), "--bind", f"127.0.0.1:{self.port}",
             "--union-default-graph", "--timeout-s", str(timeout_s)],
            stdout=subprocess.DEVNULL, stderr=self._log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self._log.seek(0)
                raise ServerError(f"oxigraph stopped at once: {self._log.read().decode(errors='replace')[-300:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.02)
        self.stop()
        raise ServerError("oxigraph did not answer within 30 s")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()


class OxigraphServer:
    """Oxigraph's SPARQL server on the graph store (or graph files); read-only unless writable=True.

    Clients talk to a small front (standard library HTTP server) that forwards each request to one of a few
    Oxigraph processes on private loopback ports, one request per process at a time. The front bounds query
    time (Oxigraph's own --timeout-s does not interrupt every kind of query: a COUNT over a cross product runs
    on): a query past `timeout_s` is answered 504 and the one process running it is stopped, which stops the
    query for real; the other processes go on serving the other clients, and a fresh process takes its place
    when one is needed. Read-only processes share the store on disk, so there are up to `workers` of them;
    a writable server has one process (a store has one writer), which is restarted after a runaway query.

    >>> with OxigraphServer(["graphs/diplograph.trig"]) as srv:   # doctest: +SKIP
    ...     print(srv.query_endpoint)
    http://127.0.0.1:7878/query
    """

    def __init__(self, data: list[str | Path], host: str = "127.0.0.1", port: int | None = None,
                 writable: bool = False, timeout_s: int = 30, location: str | Path | None = None,
                 store: str | Path | None = None, cors: str | None = None, workers: int = 4,
                 allow_service: bool = False) -> None:
        self.data = [Path(p) for p in data]
        self.allow_service = allow_service
        self.store = Path(store) if store is not None and not data else None
        self.cors = cors
        if self.store is not None:
            # the graph store is served where it is: the snapshot the last build published, read-only
            from .ingest import StoreDir

            if writable:
                raise ServerError("--writable serves a copy of graph files (--data); the graph store is written "
                                  "by `diplograph build` only")
            snap = StoreDir(self.store).current()
            if snap is None:
                raise ServerError(f"{self.store}: no graph store here (build it first: diplograph build PATHS)")
            location = snap
        self.host = host
        self.port = port or free_port(host)
        self.writable = writable
        self.timeout_s = timeout_s
        self.workers = 1 if writable else max(1, workers)
        self._own_dir = location is None and self.store is None
        # files given: loaded into a store in a run folder of the temporary folder, which the next run removes
        # should this one be killed (`outputs.OutputSet`)
        self._scratch = OutputSet().open() if self._own_dir else None
        if location:
            self.location = Path(location)
        else:
            assert self._scratch is not None
            self.location = self._scratch.scratch / "oxigraph"
        self.location.mkdir(exist_ok=True)
        self.front: _Front | None = None
        self.restarts = 0  # processes stopped because a query ran past the time limit
        self._idle: list[_Inner] = []
        self._busy: set[_Inner | None] = set()  # None: a place held for a process that is starting
        self._cond = threading.Condition()
        self.pages = threading.Lock()  # the pages of /explore are made one at a time
        self.made: list[tuple[tuple, bytes]] = []  # and the last eight kept
        self._checked = time.monotonic()

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def query_endpoint(self) -> str:
        return self.base + "/query"

    @property
    def store_endpoint(self) -> str:
        return self.base + "/store"

    def start(self) -> OxigraphServer:
        exe = oxigraph_binary()
        if not self.data and not self.writable and self.store is None:
            raise ServerError("nothing to serve: give graph files (--data), or --writable to fill it later")
        for f in self.data:
            if not f.exists():
                raise ServerError(f"{f}: no such file (build the graph first: diplograph build)")
            r = subprocess.run([exe, "load", "--location", str(self.location), "--file", str(f)],
                               capture_output=True, text=True)
            if r.returncode:
                raise ServerError(f"{f}: oxigraph could not load it ({r.stderr.strip().splitlines()[-1][:200]})")
        self._idle.append(_Inner(self.location, self.writable, self.timeout_s))
        front = self.front = _Front((self.host, self.port), self)
        threading.Thread(target=front.serve_forever, daemon=True).start()
        return self

    def acquire(self) -> _Inner:
        """A process for one request, for this request alone: an idle one, a new one while there are fewer than
        `workers`, else the first to become free."""
        with self._cond:
            while True:
                while self._idle:
                    inner = self._idle.pop()
                    if inner.alive() and inner.location == self.location:
                        self._busy.add(inner)
                        return inner
                    inner.stop()  # died, or serves a snapshot older than the current one
                if len(self._busy) < self.workers:
                    break
                self._cond.wait()
            self._busy.add(None)  # a place held while the process starts (outside the lock)
        try:
            inner = _Inner(self.location, self.writable, self.timeout_s)
        except BaseException:
            with self._cond:
                self._busy.discard(None)
                self._cond.notify()
            raise
        with self._cond:
            self._busy.discard(None)
            self._busy.add(inner)
        return inner

    def release(self, inner: _Inner, runaway: bool = False) -> None:
        """Give a process back; one that ran a query past the time limit is stopped (and with it the query)."""
        if runaway:
            inner.stop()
        with self._cond:
            self._busy.discard(inner)
            if runaway:
                self.restarts += 1
            elif inner.alive() and inner.location == self.location and self.front is not None:
                self._idle.append(inner)
            else:
                inner.stop()
            self._cond.notify()

    def follow(self) -> None:
        """Serve what the last build published: when the store's current snapshot changed, new requests go to
        processes on it (checked at most once a second); requests under way finish on the previous one."""
        if self.store is None or time.monotonic() - self._checked < 1.0:
            return
        self._checked = time.monotonic()
        from .ingest import StoreDir

        snap = StoreDir(self.store).current()
        if snap is not None and snap != self.location:
            with self._cond:
                self.location = snap

    def wait(self) -> None:
        while self.front is not None:
            time.sleep(0.5)

    def stop(self) -> None:
        if self.front is not None:
            self.front.shutdown()
            self.front.server_close()
            self.front = None
        with self._cond:
            procs = [*self._idle, *(i for i in self._busy if i is not None)]
            self._idle.clear()
        for inner in procs:
            inner.stop()
        if self._scratch is not None:
            self._scratch.close()
            self._scratch = None

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class _Front(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, addr, server: OxigraphServer) -> None:
        self.owner = server
        super().__init__(addr, _Handler)

    def handle_error(self, request, client_address) -> None:
        """A client that went away (or sent garbage) costs its own connection, not a traceback in the log."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (OSError, http.client.HTTPException, ValueError)):
            return
        sys.stderr.write(f"serve: request from {client_address[0]} failed ({type(exc).__name__}: "
                         f"{str(exc).splitlines()[0][:200] if str(exc) else ''})\n")


#: the most a request body may hold: a query, or for a writable server a graph to load
MAX_QUERY_BODY = 1_000_000
MAX_WRITE_BODY = 200_000_000
#: seconds a connection may stay idle (no request line, headers or body coming) before it is closed
IDLE_SECONDS = 30
#: a SERVICE clause makes the server call the address a client names (SSRF): refused unless allowed
_SERVICE = re.compile(r"\bSERVICE\s+(?:SILENT\s+)?[<?$]", re.I)
_LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
#: the parts of a SPARQL text that are not keywords: IRIs (kept), strings and comments (blanked)
_TOKENS = re.compile(
    r"(<[^<>\"{}|^`\\\s]*>)"
    r"|'''.*?'''"
    r'|""".*?"""'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|#[^\n]*",
    re.S)


def _keywords(sparql: str) -> str:
    """The text with its strings and comments blanked ('"a service <x>"' is no SERVICE clause)."""
    return _TOKENS.sub(lambda m: m.group(1) or " ", sparql)


def _query_text(path_and_query: str, body: bytes | None, ctype: str) -> str:
    """The SPARQL text of a request, wherever the protocol puts it (URL, form, or the body itself)."""
    parts = urllib.parse.parse_qs(urllib.parse.urlsplit(path_and_query).query)
    text = " ".join(parts.get("query", []) + parts.get("update", []))
    if body:
        raw = body.decode("utf-8", "replace")
        if ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(raw)
            text += " " + " ".join(form.get("query", []) + form.get("update", []))
        elif ctype in ("application/sparql-query", "application/sparql-update"):
            text += " " + raw
    return text


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Front
    protocol_version = "HTTP/1.1"
    timeout = IDLE_SECONDS  # an idle connection is closed, so idle sockets cannot starve the others

    def log_message(self, *args) -> None:  # quiet: the CLI prints the endpoint, not every request
        pass

    def do_GET(self) -> None:  # noqa: N802
        self._forward()

    def do_HEAD(self) -> None:  # noqa: N802
        self._forward()

    def do_POST(self) -> None:  # noqa: N802
        self._forward()

    def do_PUT(self) -> None:  # noqa: N802
        self._forward()

    def do_DELETE(self) -> None:  # noqa: N802
        self._forward()

    def do_OPTIONS(self) -> None:  # noqa: N802
        """A browser's CORS preflight: answered here when --cors allows the origin."""
        self.send_response(204)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _cors(self) -> None:
        allowed = self.server.owner.cors
        if not allowed:
            return
        origin = self.headers.get("Origin")
        if allowed == "*":
            self.send_header("Access-Control-Allow-Origin", "*")
        elif origin and origin in {o.strip() for o in allowed.split(",")}:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def _is_write(self, path: str, body: bytes | None) -> bool:
        """Updates and Graph Store writes are writes; a query is a read however it is sent (GET, or POST to
        /query or / as the Oxigraph query page does, as a form or as application/sparql-query)."""
        if self.command in ("PUT", "DELETE"):
            return True
        if self.command != "POST":
            return False
        if path not in ("/query", "/"):
            return True
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return True
        if ctype == "application/x-www-form-urlencoded":
            return "update" in urllib.parse.parse_qs((body or b"").decode("utf-8", "replace"))
        return ctype != "application/sparql-query"

    def _reply(self, code: int, text: str) -> None:
        body = text.encode()
        self.send_response(code)
        self._cors()
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _explore(self) -> None:
        """GET /explore: the page `diplograph viz` writes, cut from the store served (?focus=, ?entity=, ?radius=,
        ?top=, ?since=, ?until=, ?type= as the command's options). Names are compared in Python, never put into a
        query; one page is made at a time."""
        owner = self.server.owner
        if owner.store is None:
            self._reply(404, "pages are cut from a graph store: serve one (diplograph serve --store DIR)\n")
            return
        args = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)

        def one(name: str) -> str | None:
            values = args.get(name)
            return values[-1] or None if values else None

        try:
            radius, top = int(one("radius") or 1), int(one("top") or 150)
        except ValueError:
            self._reply(400, "radius and top are whole numbers\n")
            return
        if not (0 < radius <= 3 and 0 < top <= 1000):
            self._reply(400, "radius is 1 to 3 and top 1 to 1000\n")
            return
        from .errors import DiplographError
        from .ingest import StoreDir
        from .store import EmbeddedStore
        from .viz import view_page

        try:
            with owner.pages:
                key = (str(StoreDir(owner.store).current()), sorted((k, tuple(v)) for k, v in args.items()))
                data = next((d for k, d in owner.made if k == key), None)
                if data is None:
                    text, _, _ = view_page(EmbeddedStore.open(owner.store), focus=one("focus"),
                                           entity=one("entity"), radius=radius, types=args.get("type"), top=top,
                                           since=one("since"), until=one("until"))
                    data = text.encode("utf-8")
                    owner.made = [(key, data), *owner.made[:7]]  # the last pages made, for the current snapshot
        except DiplographError as exc:
            self._reply(400, f"{exc}\n")
            return
        self.send_response(200)
        self._cors()
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _local_host(self) -> bool:
        """A server on the loopback answers only requests addressed to the loopback: a page on another site
        cannot reach it through a DNS name rebound to 127.0.0.1."""
        owner = self.server.owner
        if owner.host not in _LOCAL_NAMES:
            return True  # bound to a public address on purpose: any name that reaches it
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
        return name in _LOCAL_NAMES

    def _forward(self) -> None:
        owner = self.server.owner
        owner.follow()
        path = self.path.split("?", 1)[0]
        if not self._local_host():
            self._reply(421, "this server answers requests for localhost only\n")
            return
        if (self.headers.get("Transfer-Encoding") or "").strip():
            self.close_connection = True
            self._reply(411, "send the body with a Content-Length\n")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        limit = MAX_WRITE_BODY if owner.writable else MAX_QUERY_BODY
        if length < 0 or length > limit:
            self.close_connection = True
            self._reply(413 if length > limit else 400,
                        f"request body too large (at most {limit} bytes)\n" if length > limit
                        else "bad Content-Length\n")
            return
        body = self.rfile.read(length) if length else None
        if path == "/explore" and self.command in ("GET", "HEAD"):
            self._explore()
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if not owner.allow_service and _SERVICE.search(_keywords(_query_text(self.path, body, ctype))):
            self._reply(403, "SERVICE (a query that calls another endpoint) is off: start the server with "
                             "--allow-service to allow it\n")
            return
        if self._is_write(path, body):
            if not owner.writable:
                self._reply(403, "read-only server: start it with --writable to accept updates\n")
                return
        elif self.command == "POST" and path == "/":
            self.path = "/query"  # a query sent to the server's root is a query
            path = "/query"
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection", "content-length")}
        try:
            inner = owner.acquire()
        except ServerError as exc:
            self._reply(503, f"store unavailable ({exc})\n")
            return
        result: dict = {}

        def call() -> None:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", inner.port, timeout=owner.timeout_s + 60)
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                result["resp"] = (resp.status, resp.getheaders(), resp.read())
                conn.close()
            except (OSError, http.client.HTTPException) as exc:
                result["error"] = exc

        worker = threading.Thread(target=call, daemon=True)
        worker.start()
        # every query, on whatever path it comes (Oxigraph answers /sparql and / too), gets the time limit; only a
        # write (a graph loaded, an update) or a graph read whole from /store gets ten times as long
        long_ok = path.startswith("/store") or (owner.writable and self._is_write(path, body))
        worker.join(owner.timeout_s * 10 if long_ok else owner.timeout_s)
        if worker.is_alive():
            owner.release(inner, runaway=True)  # this query's process alone is stopped
            self._reply(504, f"query stopped after {owner.timeout_s} s (the server's time limit)\n")
            return
        owner.release(inner)
        if "error" in result:
            self._reply(502, f"store unavailable ({result['error']})\n")
            return
        status, resp_headers, data = result["resp"]
        self.send_response(status)
        self._cors()
        for k, v in resp_headers:
            if k.lower() not in ("content-length", "connection", "transfer-encoding", "server", "date") and \
                    not k.lower().startswith("access-control-"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


# ------------------------------------------------------------------ Graph Store Protocol


def _graphs(paths: list[str | Path], graph: str | None) -> list[tuple[str | None, bytes]]:
    """(graph IRI or None for the default graph, N-Triples) for each graph in the files."""
    ds = Dataset()
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise ServerError(f"{p}: no such file")
        fmt = {".trig": "trig", ".nq": "nquads"}.get(p.suffix.lower())
        try:
            check_rdf_file(p)
            if fmt:
                ds.parse(p, format=fmt)
            else:
                target = ds.graph(URIRef(graph)) if graph else ds.default_graph
                target.parse(p)
        except Exception as exc:
            raise ServerError(f"{p}: cannot be parsed ({str(exc).splitlines()[0][:120]})") from exc
    out = []
    for g in sorted(ds.graphs(), key=lambda x: str(x.identifier)):
        if not len(g):
            continue
        name = None if g.identifier == ds.default_graph.identifier else str(g.identifier)
        plain = Graph()
        for p_, ns in PREFIXES.items():
            plain.bind(p_, ns)
        for t in g:
            plain.add(t)
        out.append((name, plain.serialize(format="nt").encode("utf-8")))
    return out


def _is_html(content_type: str, head: bytes) -> bool:
    start = head.lstrip()[:15].lower()
    return "html" in content_type.lower() or start.startswith((b"<!doctype html", b"<html"))


def _count_back(opener, url: str, headers: dict, timeout: float) -> int:
    """The number of triples the store holds in a graph (read back as N-Triples)."""
    req = urllib.request.Request(url, method="GET", headers={**headers, "Accept": "application/n-triples"})
    with opener.open(req, timeout=timeout) as resp:
        ctype = resp.headers.get("Content-Type", "")
        data = resp.read()
    if _is_html(ctype, data[:4096]):
        raise ValueError("the store answered with an HTML page")
    return sum(1 for line in data.splitlines() if line.strip() and not line.lstrip().startswith(b"#"))


def _store_graphs(store_dir: str | Path) -> Iterator[tuple[str | None, bytes]]:
    """(graph IRI, N-Triples) for each graph of the graph store, one at a time."""
    import pyoxigraph as ox

    from .ingest import graph_names, graph_triples
    from .store import EmbeddedStore, StoreError

    try:
        store = EmbeddedStore.open(store_dir)
    except StoreError as exc:
        raise ServerError(str(exc)) from exc
    for name in graph_names(store.ox):
        yield name, ox.serialize(graph_triples(store.ox, name), format=ox.RdfFormat.N_TRIPLES) or b""


def _holds(opener, url: str, headers: dict, timeout: float, body: bytes) -> bool:
    """Whether the graph at `url` reads back with at least the triples of `body`."""
    try:
        return _count_back(opener, url, headers, timeout) >= body.count(b"\n")
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException):
        return False


def push(paths: list[str | Path], endpoint: str, graph: str | None = None, replace: bool = False,
         timeout: float = 60.0, retries: int = 3, backoff: float = 0.5, verify: bool = False,
         on_loaded: Callable[[str, int], None] | None = None,
         store: str | Path | None = None) -> list[tuple[str, int]]:
    """Load graph files into a store through the SPARQL 1.1 Graph Store HTTP Protocol.

    Each named graph (or the default graph, or --graph for a Turtle file) is sent in one request, so a
    store applies it all or not at all; PUT replaces the graph (replace=True), POST adds to it. Transient
    failures (connection errors, 5xx, 429) are retried with back-off; both verbs are safe to repeat.
    Credentials come from DIPLOGRAPH_USER / DIPLOGRAPH_PASSWORD and go to `endpoint` only: redirects are
    not followed. A graph counts as loaded when the store answers 2xx with something other than an HTML page
    (a portal or login page); with verify=True it is also read back and its triples counted. Each loaded
    graph is passed to `on_loaded` at once; a failure says exactly how many graphs were loaded before it.
    """
    user, password = os.environ.get("DIPLOGRAPH_USER"), os.environ.get("DIPLOGRAPH_PASSWORD")
    headers = {}
    if user:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    opener = urllib.request.build_opener(_NoRedirect)
    # the store's graphs one at a time (no total known in advance), or the files' graphs
    graphs = _store_graphs(store) if store is not None and not paths \
        else _graphs(paths or ["graphs/diplograph.trig"], graph)
    total = f" of {len(graphs)}" if isinstance(graphs, list) else ""  # (graphs may come as a stream)
    done: list[tuple[str, int]] = []
    for i, (name, body) in enumerate(graphs):
        label = name or "the default graph"
        query = urllib.parse.urlencode({"graph": name}) if name else "default"
        url = f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
        before = f"{i}{total} graphs loaded before it"

        def fail(why: str, label: str = label, before: str = before) -> ServerError:
            return ServerError(f"{endpoint}: {label} {why}; {before}")

        req = urllib.request.Request(url, data=body, method="PUT" if replace else "POST",
                                     headers={"Content-Type": "application/n-triples", **headers})
        last = ""
        for attempt in range(retries + 1):
            try:
                with opener.open(req, timeout=timeout) as resp:
                    status, ctype, head = resp.status, resp.headers.get("Content-Type", ""), resp.read(65536)
            except urllib.error.HTTPError as exc:
                last = f"HTTP {exc.code} {exc.reason}"
                if 300 <= exc.code < 400:
                    where = (exc.headers.get("Location") or "?")[:200]
                    raise fail(f"redirected to {where} (HTTP {exc.code}); the redirect is not followed, so nothing "
                               f"and no credentials went there (give that address as --endpoint if it is the "
                               f"store)") from None
                if exc.code < 500 and exc.code != 429:
                    raise fail(f"refused by the store ({last})") from None
            except (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException) as exc:
                last = f"cannot reach the store ({getattr(exc, 'reason', exc)})"
            else:
                if _is_html(ctype, head) and status not in (201, 204) and not _holds(opener, url, headers, timeout,
                                                                                    body):
                    # 201 Created and 204 No Content are the protocol's own answers (Virtuoso adds an HTML page to
                    # them); a 200 page is believed only when the graph can be read back with what was sent
                    raise fail(f"answered with an HTML page (HTTP {status}), not by a Graph Store: nothing was "
                               f"loaded; is this the store's address?")
                break
            if attempt < retries:
                time.sleep(backoff * 2**attempt)
        else:
            raise fail(f"not loaded after {retries + 1} tries: {last}")
        if verify:
            sent = body.count(b"\n")
            try:
                held = _count_back(opener, url, headers, timeout)
            except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
                raise fail(f"could not be read back to check it ({getattr(exc, 'reason', exc)})") from None
            if held < sent or (replace and held != sent):
                raise fail(f"holds {held} triples after the load, {sent} sent")
        done.append((name or "default graph", status))
        if on_loaded is not None:
            on_loaded(name or "default graph", status)
    return done
