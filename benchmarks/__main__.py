"""`make bench`: diplograph and its peers measured side by side in one run; prints markdown tables and
writes them to benchmarks/RESULTS.md.

Sizes can be made smaller for a smoke run: BENCH_SMALL=1 python -m benchmarks --out /tmp/r.md
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402

SMALL = bool(os.environ.get("BENCH_SMALL"))


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def table(title: str, head: list[str], rows: list[list]) -> str:
    lines = [f"### {title}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    text = "\n".join(lines) + "\n"
    print(text, flush=True)
    return text


def words_in(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))


def _env(src: Path | None = None) -> dict:
    """The environment of a measured command: this tree's sources first (or `src`, another checkout's), whatever
    the venv has installed."""
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(src or ROOT / "src"), os.environ.get("PYTHONPATH", "")]))


# ------------------------------------------------------------------ build throughput


def run_build(folder: Path, jobs: int, out: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one `diplograph build` in its own process."""
    exe = Path(sys.executable).parent / "diplograph"
    code = ("import resource, subprocess, sys, time; t=time.perf_counter(); "
            "r=subprocess.run(sys.argv[1:]); w=time.perf_counter()-t; "
            "print(w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024); sys.exit(r.returncode)")
    r = subprocess.run([sys.executable, "-c", code, str(exe), "build", str(folder), "--store", str(out / "store"),
                        "--out", str(out / "g.ttl"), "--out", str(out / "g.trig"), "-j", str(jobs), "-q"],
                       capture_output=True, text=True, env=_env())
    if r.returncode not in (0, 3):
        raise RuntimeError(r.stderr[-500:])
    wall, rss = r.stdout.split()
    return float(wall), float(rss)


def spacy_peer(folder: Path) -> tuple[list[list], list[str], int]:
    """spaCy over the same French text: the full fr_core_news_sm pipeline, and a blank tokenizer + sentencizer."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))
             if '"fr"' in p.with_name(p.stem + ".meta.json").read_text()]
    words = sum(len(t.split()) for t in texts)
    try:
        import spacy
    except ImportError:
        return [["spaCy (not installed: make bench installs it)", "", "", ""]], texts, words
    rows = []
    t0 = time.perf_counter()
    nlp = spacy.load("fr_core_news_sm")
    load = time.perf_counter() - t0
    t = median_time(lambda: list(nlp.pipe(texts, batch_size=64)), 1)
    rows.append(["spaCy fr_core_news_sm (full pipeline)", f"{len(texts) / t:.0f}", f"{words / t:,.0f}",
                 f"model load {load:.1f} s"])
    blank = spacy.blank("fr")
    blank.add_pipe("sentencizer")
    t = median_time(lambda: list(blank.pipe(texts, batch_size=256)), 3)
    rows.append(["spaCy blank fr tokenizer + sentencizer (floor)", f"{len(texts) / t:.0f}", f"{words / t:,.0f}", ""])
    return rows, texts, words


def bench_build(work: Path, sizes: list[int] | None = None, jobs_list: tuple[int, ...] = (1, 2)) -> str:
    sizes = sizes or ([20, 100] if SMALL else [100, 1000, 10000])
    rows = []
    folders = {}
    for n in sizes:
        folder = generate(work / f"corpus-{n}", n)
        folders[n] = folder
        words = words_in(folder)
        for jobs in jobs_list:
            runs = 1 if n >= 10000 else 3
            results = []
            for _ in range(runs):
                out = Path(tempfile.mkdtemp(dir=work))
                results.append(run_build(folder, jobs, out))
            wall = statistics.median(r[0] for r in results)
            rss = max(r[1] for r in results)
            rows.append([f"diplograph build, {n:,} articles, --jobs {jobs}", f"{n / wall:.0f}",
                         f"{words / wall:,.0f}", f"{rss:.0f} MB peak; median of {runs}"])
    peer_folder = folders[sizes[min(1, len(sizes) - 1)]]
    peer_rows, texts, fr_words = spacy_peer(peer_folder)
    # our extractor alone on the same French texts, for the like-for-like column
    from diplograph.corpus import Article
    from diplograph.extract import extract
    from diplograph.lexicon import load_lexicon

    lex = load_lexicon()
    arts = [Article(f"a{i}", "x", t, "fr") for i, t in enumerate(texts)]
    if arts:
        t = median_time(lambda: [extract(a, lex) for a in arts], 3)
        rows.append([f"diplograph extraction only, same {len(arts)} French articles", f"{len(arts) / t:.0f}",
                     f"{fr_words / t:,.0f}", "one core, no I/O"])
    rows += peer_rows
    return table("Build throughput (generated corpus, half English, half French)",
                 ["run", "articles/s", "words/s", "notes"], rows)


# ------------------------------------------------------------------ load, query, write


def bench_store(work: Path, targets: list[int] | None = None) -> str:
    targets = targets or ([10_000, 100_000] if SMALL else [10_000, 100_000, 1_000_000])
    rows: list[list] = []
    qrows: list[list] = []
    slow: dict[str, float] = {}  # rdflib query times at the previous size, to skip hopeless ones
    for n in targets:
        _store_size(work, n, rows, qrows, slow)
    return (table("Load and write (seconds; the graph made by diplograph's own mapping)",
                  ["triples", "store", "parse Turtle", "write Turtle", "write N-Triples", "parse + write Turtle",
                   "peak memory (parse + write, own process)"], rows)
            + "\n" + table("Competency questions (milliseconds, median of 3 for Oxigraph, one run for rdflib)",
                           ["triples", "query", "Oxigraph", "rdflib", "speed-up", "same rows"], qrows))


def _peak_mb(code: str) -> float:
    """Peak memory of a fresh Python process running `code` (load, then write)."""
    # VmHWM, not ru_maxrss: the latter counts the (large) benchmark process the child was forked from
    r = subprocess.run([sys.executable, "-c", code + "\nimport re; print(int(re.search(r'VmHWM:\\s+(\\d+)', "
                        "open('/proc/self/status').read()).group(1)) / 1024)"],
                       capture_output=True, text=True, check=True)
    return float(r.stdout.split()[-1])


def _store_size(work: Path, n: int, rows: list, qrows: list, slow: dict) -> None:
    import pyoxigraph
    import rdflib

    from diplograph import query as Q
    from diplograph.build import build
    from diplograph.store import EmbeddedStore

    per_article = 580  # triples per generated article, measured on the corpus
    folder = generate(work / f"store-{n}", max(2, round(n / per_article)), seed=7)
    ttl, nt = work / f"g{n}.ttl", work / f"g{n}.nt"
    build([folder], [ttl, nt])
    triples = sum(1 for _ in nt.open())
    runs = 1 if triples > 500_000 else 3
    t_ox_load = median_time(lambda: EmbeddedStore.load(ttl), runs)
    ox = EmbeddedStore.load(ttl)
    default = pyoxigraph.DefaultGraph()
    t_ox_ttl = median_time(lambda: ox.ox.dump(format=pyoxigraph.RdfFormat.TURTLE, from_graph=default), runs)
    t_ox_nt = median_time(lambda: ox.ox.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=default), runs)
    rss_ox = _peak_mb(f"from diplograph.store import EmbeddedStore; s = EmbeddedStore.load({str(ttl)!r}); "
                      f"s.ox.dump(format=__import__('pyoxigraph').RdfFormat.TURTLE, "
                      f"from_graph=__import__('pyoxigraph').DefaultGraph())")
    rss_rdf = _peak_mb(f"import rdflib; g = rdflib.Graph().parse({str(ttl)!r}); g.serialize(format='nt')")
    t_rdf_load = median_time(lambda: rdflib.Graph().parse(ttl), 1)
    mem = EmbeddedStore.load(ttl, backend="memory")
    g = mem.graph.default_graph
    t_rdf_nt = median_time(lambda: g.serialize(format="nt"), 1)
    t_rdf_ttl = median_time(lambda: g.serialize(format="turtle"), 1) if triples < 500_000 else None
    rows.append([f"{triples:,}", "Oxigraph (default)", f"{t_ox_load:.2f}", f"{t_ox_ttl:.2f}", f"{t_ox_nt:.2f}",
                 f"{t_ox_load + t_ox_ttl:.2f}", f"{rss_ox:.0f} MB"])
    rows.append([f"{triples:,}", "rdflib memory store", f"{t_rdf_load:.2f}",
                 f"{t_rdf_ttl:.2f}" if t_rdf_ttl is not None else "skipped (minutes)", f"{t_rdf_nt:.2f}",
                 f"{t_rdf_load + t_rdf_ttl:.2f}" if t_rdf_ttl is not None else "", f"{rss_rdf:.0f} MB"])
    for name in sorted(Q.saved_queries()):
        t_ox = median_time(lambda name=name: Q.run(ox, name), 3)
        if slow.get(name, 0) * (triples / slow.get("_n", triples)) > 120:
            qrows.append([f"{triples:,}", name, f"{t_ox * 1000:.0f}", "skipped (> 2 min expected)", "", ""])
            continue
        t_mem = median_time(lambda name=name: Q.run(mem, name), 1)
        slow[name] = t_mem
        same = sorted(Q.render(Q.run(ox, name), "csv").splitlines()) == \
            sorted(Q.render(Q.run(mem, name), "csv").splitlines())
        qrows.append([f"{triples:,}", name, f"{t_ox * 1000:.0f}", f"{t_mem * 1000:.0f}",
                      f"{t_mem / t_ox:.0f}×" if t_ox else "", "yes" if same else "NO"])
    slow["_n"] = triples


# ------------------------------------------------------------------ the graph store, end to end from the CLI


def cli(*args: str, timeout: float = 1800, src: Path | None = None) -> tuple[float, float, bytes]:
    """Wall seconds and peak memory (MB) of one `diplograph` command in a process of its own, and its output
    (with `src`, the sources of another checkout)."""
    exe = Path(sys.executable).parent / "diplograph"
    code = ("import resource, subprocess, sys, time; t=time.perf_counter(); "
            "r=subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL); "
            "w=time.perf_counter()-t; sys.stderr.buffer.write(r.stdout); "
            "print(w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, r.returncode)")
    r = subprocess.run([sys.executable, "-c", code, str(exe), *args], capture_output=True, timeout=timeout,
                       env=_env(src))
    wall, rss, _rc = r.stdout.split()
    return float(wall), float(rss), r.stderr


def cli_cpu(*args: str, src: Path | None = None) -> tuple[float, float, float, bytes]:
    """Wall seconds, CPU seconds (user + system) and peak memory (MB) of one `diplograph` command, and its output
    (CPU time tells more than wall time on a shared machine)."""
    exe = Path(sys.executable).parent / "diplograph"
    code = ("import resource, subprocess, sys, time; t=time.perf_counter(); "
            "r=subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL); "
            "w=time.perf_counter()-t; sys.stderr.buffer.write(r.stdout); "
            "u=resource.getrusage(resource.RUSAGE_CHILDREN); print(w, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024)")
    r = subprocess.run([sys.executable, "-c", code, str(exe), *args], capture_output=True, timeout=3600,
                       env=_env(src))
    wall, cpu, rss = r.stdout.split()
    return float(wall), float(cpu), float(rss), r.stderr


#: the questions timed on a built store: (what, arguments after `query`)
QUESTIONS = [*[(f"query {q}", [q, "-f", "csv"]) for q in ("corroborated", "events", "evidence", "memberships",
                                                            "national_bodies", "office_holders", "organisations",
                                                            "statements", "states", "trade_targets")],
             ("query evidence --limit 100 (the page a terminal shows)", ["evidence", "--limit", "100"]),
             ("query evidence -p subject=Hungary", ["evidence", "-p", "subject=Hungary", "-f", "csv"]),
             ("query events -p participant=Kazakhstan", ["events", "-p", "participant=Kazakhstan", "-f", "csv"]),
             ("query memberships -p state=Hungary", ["memberships", "-p", "state=Hungary", "-f", "csv"]),
             ("query memberships --limit 10 (table)", ["memberships", "--limit", "10"])]


def bench_questions(store: Path, before: Path | None, runs: int = 1) -> str:
    """The competency questions end to end from the CLI on a built store, each command a process of its own,
    beside the same command run with the sources of another checkout (`before`: its src/ folder) in the same
    run, so that both meet the same load; the rows of both must be the same."""
    from diplograph.ingest import open_snapshot, read_bookkeeping

    n = len(read_bookkeeping(open_snapshot(store)))
    rows = []
    for what, args in QUESTIONS:
        got = [cli_cpu("query", *args, "--store", str(store)) for _ in range(runs)]
        wall, cpu = statistics.median(g[0] for g in got), statistics.median(g[1] for g in got)
        rss, out = max(g[2] for g in got), got[0][3]
        lines = out.count(b"\n") - 1  # the header
        cells = [what, f"{wall:.2f} s wall, {cpu:.2f} s CPU, {rss:.0f} MB"]
        if before is not None:
            bgot = [cli_cpu("query", *args, "--store", str(store), src=before) for _ in range(runs)]
            bwall, bcpu = statistics.median(g[0] for g in bgot), statistics.median(g[1] for g in bgot)
            brss, bout = max(g[2] for g in bgot), bgot[0][3]
            cells.append(f"{bwall:.2f} s wall, {bcpu:.2f} s CPU, {brss:.0f} MB")
            cells.append(f"{lines:,} rows; {'same rows' if out == bout else 'ROWS DIFFER'}")
        else:
            cells.append(f"{lines:,} rows")
        rows.append(cells)
        print(cells, file=sys.stderr, flush=True)
    load = os.getloadavg()[0]
    head = ["what", "today", *(["before (the other checkout, same run)"] if before is not None else []), "rows"]
    return table(f"Competency questions end to end from the CLI, store of {n:,} articles ({store.name}; median of "
                 f"{runs}; load {load:.1f} on {os.cpu_count()} cores at the end)", head, rows)


def serve_ready(*args: str) -> float:
    """Seconds from starting `diplograph serve` to its first answer."""
    import urllib.request

    from diplograph.server import free_port

    port = free_port()
    exe = Path(sys.executable).parent / "diplograph"
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(exe), "serve", "--port", str(port), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=_env())
    try:
        url = f"http://127.0.0.1:{port}/query?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D"
        while time.perf_counter() - t0 < 600:
            try:
                with urllib.request.urlopen(url, timeout=5) as resp:
                    resp.read()
                    return time.perf_counter() - t0
            except OSError:
                time.sleep(0.05)
        return float("nan")
    finally:
        proc.terminate()
        proc.wait(30)


def bench_home(work: Path, n: int | None = None, files_all: int = 2000) -> str:
    """The graph store at n articles, each figure beside the file-based path it replaces (the previous figure).

    The file path is the one every command took before the store (load the whole .ttl, then answer); at sizes
    above `files_all` it is run only for two questions, as each run takes minutes there.
    """
    from diplograph.query import saved_queries

    n = n or (300 if SMALL else 10_000)
    everything = generate(work / f"home-{n}-all", n + 100, seed=11)
    base, plus = work / f"home-{n}", work / f"home-{n}-plus"
    base.mkdir()
    plus.mkdir()
    for p in sorted(everything.iterdir()):
        idx = int(p.name[1:6])
        p.rename((base if idx < n else plus) / p.name)
    store, ttl, trig = work / f"store-{n}", work / f"g{n}.ttl", work / f"g{n}.trig"
    rows: list[list] = []
    full, rss, _ = cli("build", str(base), "--store", str(store), "-j", "2", "-q")
    rows.append([f"full build, {n:,} articles (--jobs 2)", f"{full:.1f} s, {rss:.0f} MB", "", ""])
    t, rss, _ = cli("build", str(base), "--store", str(store), "-q")
    rows.append([f"build again, {n:,} unchanged articles", f"{t:.2f} s, {rss:.0f} MB",
                 f"{t / full:.1%} of the full build", "target < 10 %"])
    t, rss, _ = cli("viz", "--store", str(store), "--out", str(work / "first.html"))
    rows.append(["first `viz` after the full build (the build kept the entity graph)", f"{t:.2f} s, {rss:.0f} MB", "",
                 ""])
    t, rss, _ = cli("build", str(plus), "--store", str(store), "-q")
    rows.append([f"add 100 articles to the {n:,}-article store (build NEW/)", f"{t:.2f} s, {rss:.0f} MB", "",
                 "target < 5 s"])
    t, rss, _ = cli("viz", "--store", str(store), "--out", str(work / "first.html"))
    rows.append(["first `viz` after adding them (brings the kept entity graph up to date)", f"{t:.2f} s, {rss:.0f} MB",
                 "", ""])
    for p in sorted(plus.iterdir()):
        p.rename(base / p.name)
    t, rss, _ = cli("build", str(base), "--store", str(store), "-q")
    rows.append([f"build ALL/ again after that ({n + 100:,} unchanged)", f"{t:.2f} s, {rss:.0f} MB", "", ""])
    t, rss, _ = cli("export", "--store", str(store), "-f", "turtle", "--out", str(ttl))
    rows.append(["export .ttl from the store (for the file path below)", f"{t:.1f} s, {rss:.0f} MB", "", ""])
    t, rss, _ = cli("export", "--store", str(store), "-f", "trig", "--out", str(trig))
    rows.append(["export .trig from the store", f"{t:.1f} s, {rss:.0f} MB", "", ""])
    head = ["what", "graph store", "files (before the store)", "notes"]
    qrows: list[list] = []
    for name in saved_queries():
        t, rss, a = cli("query", name, "--store", str(store), "-f", "csv")
        if n <= files_all or name in ("states", "memberships"):
            tf, rssf, b = cli("query", name, "--data", str(ttl), "-f", "csv")
            before = f"{tf:.2f} s, {rssf:.0f} MB"
            same = "same rows" if a == b else "ROWS DIFFER"
        else:
            before, same = "not run (minutes each)", ""
        qrows.append([f"query {name}", f"{t:.2f} s, {rss:.0f} MB", before,
                      f"{len(a.splitlines()) - 1:,} rows; {same}".rstrip("; ")])
    t, rss, _ = cli("query", "memberships", "--store", str(store), "--limit", "10")
    qrows.append(["query memberships --limit 10 (table)", f"{t:.2f} s, {rss:.0f} MB", "", ""])
    t, rss, a = cli("query", "memberships", "--store", str(store))
    qrows.append(["query memberships (table on a pipe: every row)", f"{t:.2f} s, {rss:.0f} MB", "",
                  f"{len(a.splitlines()) - 4:,} rows"])
    vrows: list[list] = []
    out = work / "viz.html"
    t, rss, _ = cli("viz", "--store", str(store), "--focus", "OTS", "--radius", "1", "--out", str(out))
    if n <= files_all:
        tf, rssf, _ = cli("viz", "--data", str(ttl), "--focus", "OTS", "--radius", "1", "--out", str(out))
        before = f"{tf:.1f} s, {rssf:.0f} MB"
    else:
        before = "not run (the issue measured 296 s, 13.5 GB at 10,000)"
    vrows.append(["viz --focus OTS --radius 1", f"{t:.2f} s, {rss:.0f} MB", before, "target < 3 s, < 500 MB"])
    t, rss, _ = cli("viz", "--store", str(store), "--out", str(out))
    vrows.append(["viz (the default view: the 150 most named entities)", f"{t:.2f} s, {rss:.0f} MB", "", ""])
    t, rss, _ = cli("viz", "--store", str(store), "--type", "state", "--out", str(out))
    vrows.append(["viz --type state", f"{t:.2f} s, {rss:.0f} MB", "", ""])
    t = serve_ready("--store", str(store))
    tf = serve_ready("--data", str(trig)) if n <= files_all else float("nan")
    vrows.append(["serve: ready to answer", f"{t:.2f} s", f"{tf:.1f} s (loads the .trig)" if tf == tf else
                  "not run", "target < 2 s"])
    return (table(f"The graph store at {n:,} articles: build and update (wall time, peak memory)", head, rows)
            + "\n" + table(f"Competency questions end to end from the CLI at {n:,} articles", head, qrows)
            + "\n" + table(f"Diagrams and the server at {n:,} articles", head, vrows))


# ------------------------------------------------------------------ diagrams


def synthetic(n: int):
    """A graph shaped like diplograph's projections: clusters of states around organisations, persons, events."""
    import random

    import networkx as nx

    from diplograph.viz import STYLE
    from diplograph.vocab import DG

    rng = random.Random(n)
    kinds = [DG.State, DG.IntergovernmentalOrganisation, DG.Person, DG.Meeting, DG.Observance]
    g = nx.MultiDiGraph()
    for i in range(n):
        cls = kinds[0] if i % 5 in (0, 1) else kinds[i % 5]
        name, colour, shape = STYLE[cls]
        g.add_node(f"n{i}", label=f"{name} {i}", type=name, color=colour, shape=shape, iri=f"urn:x:{i}",
                   evidence=[{"article": "a.txt", "lang": "en", "sentence": f"Sentence about {i}."}], details=[])
    for i in range(n):
        cluster = i // 50
        for _ in range(2):
            j = cluster * 50 + rng.randrange(50) if rng.random() < 0.9 else rng.randrange(n)
            if j < n and j != i:
                g.add_edge(f"n{i}", f"n{j}", label="member of", evidence=[])
    return g


def bench_viz(work: Path, sizes: list[int] | None = None, browser: bool = True) -> str:
    from pyvis.network import Network

    from diplograph.viz import write_html

    sys.path.insert(0, str(ROOT / "tests"))
    from browser import chromium, open_page  # noqa: E402

    rows = []
    sizes = sizes or ([100, 1000] if SMALL else [100, 1000, 5000, 10000])
    for n in sizes:
        g = synthetic(n)
        path = work / f"viz{n}.html"
        t = median_time(lambda g=g, path=path: write_html(g, path), 3)
        size = path.stat().st_size / 1e6
        peer_path = work / f"pyvis{n}.html"

        def peer(g=g, peer_path=peer_path):
            net = Network(directed=True, cdn_resources="in_line")
            net.from_nx(nx_simple(g))
            net.write_html(str(peer_path))

        t_peer = median_time(peer, 1) if n <= 5000 else None
        still = ""
        if browser and chromium() and n in (1000, 5000):
            result, _ = open_page(path, wait_ms=8000, timeout=180)
            still = f"{result['stillAt'] / 1000:.2f} s" if result.get("stillAt") else "not still"
        rows.append([f"{n:,}", f"{t:.2f}", f"{size:.1f}", still,
                     f"{t_peer:.2f}" if t_peer is not None else "skipped"])
    return table("Diagram (HTML generation in seconds, file size in MB, time until the network is still in "
                 "headless Chromium)", ["nodes", "diplograph", "MB", "still in browser", "plain pyvis from_nx"],
                 rows)


def bench_views(store: Path, work: Path) -> str:
    """Aggregated views of a built store, each command in a process of its own: the first after a build (which
    reads the store's entity graph and keeps it in store/views/), then the default view, a focus on a hub and a
    date window with the entity graph kept; page size and the time until the page is drawn in Chromium."""
    import shutil

    sys.path.insert(0, str(ROOT / "tests"))
    from browser import chromium, open_page  # noqa: E402

    shutil.rmtree(store / "views", ignore_errors=True)
    rows = []
    runs = [("no entity graph kept: read whole, then kept (a build from nothing now does this at its end)", []),
            ("default view (150 most named entities, 150 kept aside)", []),
            ("--focus OTS --radius 1", ["--focus", "OTS"]),
            ("--type state", ["--type", "state"]),
            ("--since 2025-12-20 --type state", ["--since", "2025-12-20", "--type", "state"])]
    for i, (what, extra) in enumerate(runs):
        out = work / f"view{i}.html"
        t, rss, _ = cli("viz", "--store", str(store), "--out", str(out), *extra)
        ready = ""
        if chromium():
            result, _ = open_page(out, wait_ms=6000, timeout=180)
            ready = f"{result['stillAt'] / 1000:.2f} s, {result['shown']} nodes" if result.get("stillAt") else "not"
        rows.append([what, f"{t:.2f} s, {rss:.0f} MB", f"{out.stat().st_size / 1e6:.1f} MB", ready])
    return table(f"Aggregated views of the store {store} (wall time and peak memory of `diplograph viz`, page size, "
                 "time until drawn in headless Chromium)", ["view", "viz", "page", "drawn in the browser"], rows)


def nx_simple(g):
    import networkx as nx

    s = nx.DiGraph()
    for n, d in g.nodes(data=True):
        s.add_node(n, label=d["label"], title=d["type"], color=d["color"])
    for a, b in g.edges():
        s.add_edge(a, b)
    return s


# ------------------------------------------------------------------ questions with parameters


def bench_params(work: Path, n: int | None = None, runs: int = 3) -> str:
    """A saved question asked for one entity by name (-p state=Hungary), beside the whole question, which is what
    a user had to fetch (and filter) before parameters took names; and the build summary's count of the graph."""
    n = n or (200 if SMALL else 2000)
    folder = generate(work / f"params-{n}", n)
    store = work / f"params-store-{n}"
    wall, rss, _ = cli("build", str(folder), "--store", str(store), "-j", "2", "-q")
    rows = [[f"build {n:,} articles (for the store)", f"{wall:.1f} s, {rss:.0f} MB", "", ""]]
    cases = [("memberships", ["-p", "state=Hungary"]), ("memberships", ["-p", "state=hungary"]),
             ("memberships", ["-p", "organisation=OTS", "-p", "status=observer"]),
             ("office_holders", ["-p", "person=Abenova"]), ("events", ["-p", "participant=Kazakhstan"])]
    whole: dict[str, tuple[float, float, int]] = {}
    for name, params in cases:
        if name not in whole:
            got = [cli("query", name, "--store", str(store), "-f", "csv") for _ in range(runs)]
            whole[name] = (statistics.median(g[0] for g in got), max(g[1] for g in got),
                           got[0][2].count(b"\n") - 1)
        got = [cli("query", name, *params, "--store", str(store), "-f", "csv") for _ in range(runs)]
        t, mb, found = statistics.median(g[0] for g in got), max(g[1] for g in got), got[0][2].count(b"\n") - 1
        wt, wmb, wrows = whole[name]
        answer = f"{found:,} rows" if found >= 0 else "no such name in this corpus"
        rows.append([f"`query {name} {' '.join(params)}`", f"{t:.2f} s, {mb:.0f} MB, {answer}",
                     f"{wt:.2f} s, {wmb:.0f} MB, {wrows:,} rows", f"{wt / t:.1f}×" if t else ""])
    from diplograph.build import count_graph
    from diplograph.store import EmbeddedStore

    ox_store = EmbeddedStore.open(store).ox
    t = median_time(lambda: count_graph(ox_store), runs)
    rows.append([f"distinct facts for the build summary ({n:,} articles)", f"{t * 1000:.0f} ms", "", ""])
    return table(f"Questions with parameters, {n:,} articles (median of {runs}, each command a process of its own)",
                 ["what", "with the parameter", "the whole question", "ratio"], rows)


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (MB), from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total / 1024


def _load(url: str, queries: list[str], total: int, clients: int) -> tuple[list[float], Counter]:
    """`total` queries from `clients` threads, round robin over `queries`: each latency (s) and status counts."""
    import urllib.error
    import urllib.parse
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    def one(i: int) -> tuple[float, int]:
        body = urllib.parse.urlencode({"query": queries[i % len(queries)]}).encode()
        req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                              "Accept": "application/sparql-results+json"})
        t = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                resp.read()
                code = resp.status
        except urllib.error.HTTPError as e:
            code = e.code
        except OSError:
            code = 0
        return time.perf_counter() - t, code

    with ThreadPoolExecutor(clients) as pool:
        got = list(pool.map(one, range(total)))
    return [g[0] for g in got], Counter(g[1] for g in got)


def bench_serve(work: Path, n: int | None = None, total: int = 2000, clients: int = 20) -> str:
    """`serve` under load: `total` queries from `clients` clients (the saved questions, each with LIMIT 100, and
    one runaway query in every 200 that the time limit must stop), beside Oxigraph's own server on the same store
    and the same queries without the runaways."""
    from diplograph.query import saved_queries
    from diplograph.server import free_port, oxigraph_binary

    n = n or 200  # 2,000 queries from 20 clients keep both cores busy at this size already
    folder = generate(work / f"serve-{n}", n)
    store = work / f"serve-store-{n}"
    cli("build", str(folder), "--store", str(store), "-j", "2", "-q")
    texts = [t + "\nLIMIT 100" if "LIMIT" not in t.upper() else t
             for t in (q.read_text(encoding="utf-8") for q in saved_queries().values())]
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with_runaways = [runaway if i % 200 == 199 else texts[i % len(texts)] for i in range(total)]
    rows = []
    exe = Path(sys.executable).parent / "diplograph"
    port = free_port()
    proc = subprocess.Popen([str(exe), "serve", "--store", str(store), "--port", str(port), "--timeout", "5"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
    try:
        url = f"http://127.0.0.1:{port}/query"
        deadline = time.perf_counter() + 60
        while _load(url, texts[:1], 1, 1)[1].get(200) != 1 and time.perf_counter() < deadline:
            time.sleep(0.1)  # until it answers
        _load(url, texts, len(texts), 1)  # every question asked once
        before = _tree_rss_mb(proc.pid)
        t0 = time.perf_counter()
        lat, codes = _load(url, with_runaways, total, clients)
        wall = time.perf_counter() - t0
        after = _tree_rss_mb(proc.pid)
        ok = sorted(t for t, q in zip(lat, with_runaways, strict=True) if q is not runaway)
        errors = sum(v for k, v in codes.items() if k not in (200, 504)) + max(0, codes.get(504, 0) - total // 200)
        print("serve answers:", dict(codes), file=sys.stderr)
        rows.append([f"`diplograph serve --timeout 5`, {total:,} queries, {clients} clients", f"{wall:.1f} s",
                     f"{ok[len(ok) // 2] * 1000:.0f} / {ok[int(len(ok) * 0.99)] * 1000:.0f} ms",
                     f"{codes.get(504, 0)} of {total // 200} runaways stopped (504); {errors} errors",
                     f"{before:.0f} → {after:.0f} MB"])
    finally:
        proc.terminate()
        proc.wait(30)
    # the peer: Oxigraph's own server on the same store, the same queries without the runaways (its own time
    # limit does not stop them)
    from diplograph.ingest import StoreDir

    port = free_port()
    peer = subprocess.Popen([oxigraph_binary(), "serve-read-only", "--location", str(StoreDir(store).current()),
                             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/query"
        deadline = time.perf_counter() + 60
        while _load(url, texts[:1], 1, 1)[1].get(200) != 1 and time.perf_counter() < deadline:
            time.sleep(0.1)
        _load(url, texts, len(texts), 1)
        before = _tree_rss_mb(peer.pid)
        t0 = time.perf_counter()
        lat, codes = _load(url, texts, total, clients)
        wall = time.perf_counter() - t0
        after = _tree_rss_mb(peer.pid)
        lat.sort()
        errors = sum(v for k, v in codes.items() if k != 200)
        print("oxigraph answers:", dict(codes), file=sys.stderr)
        rows.append([f"Oxigraph `serve-read-only` alone, {total:,} queries, {clients} clients, no runaways",
                     f"{wall:.1f} s", f"{lat[len(lat) // 2] * 1000:.0f} / {lat[int(len(lat) * 0.99)] * 1000:.0f} ms",
                     f"{errors} errors", f"{before:.0f} → {after:.0f} MB"])
    finally:
        peer.terminate()
        peer.wait(30)
    return table(f"serve under load, {n:,} articles (the saved questions with LIMIT 100)",
                 ["server", "wall", "p50 / p99 latency", "answers", "memory (process tree)"], rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    ap.add_argument("--only", choices=["build", "store", "viz", "home", "params", "serve", "questions"],
                    action="append")
    ap.add_argument("--questions-store", type=Path, action="append",
                    help="With --only questions: a built store to time the questions on (repeatable).")
    ap.add_argument("--before-src", type=Path, help="With --only questions: the src/ folder of another checkout "
                                                    "(e.g. main), timed beside this one in the same run.")
    ap.add_argument("--home-size", type=int, help="Articles in the graph-store run (default 10,000).")
    ap.add_argument("--viz-store", type=Path, help="With --only viz: also time the aggregated views of this built "
                                                   "store (e.g. the 10,000-article store of the home run).")
    args = ap.parse_args()
    parts = args.only or ["build", "store", "viz", "home", "params", "serve"]
    header = (f"# Benchmarks\n\nMeasured by `make bench` on {os.cpu_count()} cores, Python "
              f"{platform.python_version()}, {platform.system()} {platform.machine()}, "
              f"{time.strftime('%Y-%m-%d')}.\n\n")
    print(header)
    out = [header]
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-") as tmp:
        work = Path(tmp)
        if "build" in parts:
            out.append(bench_build(work))
        if "store" in parts:
            out.append(bench_store(work))
        if "viz" in parts:
            out.append(bench_viz(work))
            if args.viz_store:
                out.append(bench_views(args.viz_store, work))
        if "home" in parts:
            out.append(bench_home(work, args.home_size))
        if "params" in parts:
            out.append(bench_params(work))
        if "serve" in parts:
            out.append(bench_serve(work))
        if "questions" in parts:
            for st in args.questions_store or []:
                out.append(bench_questions(st, args.before_src))
    Path(args.out).write_text("\n".join(out), encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
