"""The same graph and questions on a second, very different store: Virtuoso (Debian's virtuoso-opensource-7)."""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request

import pytest

from diplograph.query import render, run, saved_queries
from diplograph.server import free_port, push
from diplograph.store import EmbeddedStore, RemoteStore

VIRTUOSO, ISQL = shutil.which("virtuoso-t"), shutil.which("isql-vt")
pytestmark = pytest.mark.skipif(not (VIRTUOSO and ISQL), reason="Virtuoso is not installed (Debian's "
                                "virtuoso-opensource-7-bin; make test installs it when run as root)")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    d = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    (d / "virtuoso.ini").write_text(f"""[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {d}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
[SPARQL]
ServerThreads = 4
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
""")
    console = (d / "console.log").open("wb")
    proc = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(d / "virtuoso.ini")], cwd=d,
                            stdin=subprocess.DEVNULL, stdout=console, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                # (no bare socket probe: an idle connection would hold Virtuoso's one HTTP worker)
                urllib.request.urlopen(base + "/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D", timeout=5).read()
                break
            except OSError as exc:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.skip(f"Virtuoso did not answer here ({exc}): " + (d / "console.log").read_text()[-200:])
                time.sleep(0.5)
        # the anonymous Graph Store endpoint writes only with this grant
        subprocess.run([ISQL, f"127.0.0.1:{sql_port}", "dba", "dba"], input=b'GRANT SPARQL_UPDATE TO "SPARQL";\n',
                       capture_output=True, timeout=60, check=True)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_push_and_every_competency_question_same_rows_as_embedded(virtuoso, seed_build):
    out, _ = seed_build
    loaded = push([out / "g.trig"], virtuoso + "/sparql-graph-crud", replace=True)
    assert [status for _, status in loaded] == [201, 201] or all(200 <= s < 300 for _, s in loaded)
    embedded = EmbeddedStore.load(out / "g.trig")
    remote = RemoteStore(virtuoso + "/sparql")
    for name in sorted(saved_queries()):
        try:
            theirs = render(run(remote, name), "csv")
        except Exception as exc:  # name the question a store cannot read
            raise AssertionError(f"{name}: {exc}") from exc
        assert render(run(embedded, name), "csv") == theirs, name
