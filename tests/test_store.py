"""The graph store: incremental builds give what a full rebuild gives, removal takes out what only the removed
articles said, names stay resolved across articles, one writer at a time, and every reader gives the same rows."""

from __future__ import annotations

import csv
import io
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from benchmarks.corpus import generate
from click.testing import CliRunner

from diplograph.build import build, remove
from diplograph.cli import main
from diplograph.ingest import StoreDir, StoreLocked, export_store, open_snapshot, read_bookkeeping
from diplograph.query import render, run, saved_queries, with_limit
from diplograph.store import EmbeddedStore

from .conftest import ROOT, small_file_system

FORMATS = ("g.ttl", "g.trig", "g.nq")
QUOTE = "“We will deepen our partnership in energy and transport,” Erdogan said on Monday in Baku."
FULL = ("President Recep Tayyip Erdogan said on Monday that Türkiye aims to increase trade with Azerbaijan to "
        "$10 billion in the medium term.")
VARIANT = ("President Recep Tayyip Erdoğan said on Tuesday that Türkiye aims to increase trade with Hungary to "
           "$20 billion in the medium term.")


def rows(store, name) -> list[dict]:
    return list(csv.DictReader(io.StringIO(render(run(store, name), "csv"))))


def full_build(folder: Path, out: Path) -> dict[str, bytes]:
    """The files a build from nothing gives for the articles in `folder` (no store)."""
    out.mkdir(parents=True, exist_ok=True)
    build([folder], [out / f for f in FORMATS])
    return {f: (out / f).read_bytes() for f in FORMATS}


def exported(store: Path, out: Path) -> dict[str, bytes]:
    """The files the store exports now."""
    out.mkdir(parents=True, exist_ok=True)
    export_store(open_snapshot(store), [out / f for f in FORMATS])
    return {f: (out / f).read_bytes() for f in FORMATS}


@pytest.fixture()
def corpus(tmp_path):
    d = generate(tmp_path / "articles", 24)
    (d / "x-quote.txt").write_text(QUOTE)
    (d / "c-full.txt").write_text(FULL)
    return d


def speakers(store) -> set[str]:
    return {r["speaker"] for r in rows(store, "statements")}


def test_incremental_builds_give_the_bytes_of_a_full_build(corpus, tmp_path):
    store = tmp_path / "store"
    r1 = build([corpus], [], store=store)
    assert len(r1.store.added) == 26 and r1.store.unchanged == 0
    assert exported(store, tmp_path / "e1") == full_build(corpus, tmp_path / "f1")
    # "Erdogan" alone is the full name another article gives
    assert "Recep Tayyip Erdogan" in speakers(EmbeddedStore.open(store)) and "Erdogan" not in speakers(
        EmbeddedStore.open(store))

    # add an article whose id comes first and spells the name with its diacritic; change one; add a new one
    (corpus / "b-variant.txt").write_text(VARIANT)
    (corpus / "a00003.txt").write_text((corpus / "a00003.txt").read_text() + " Hungary holds observer status.")
    generate(tmp_path / "more", 26)
    shutil.copy(tmp_path / "more" / "a00025.txt", corpus / "a00025.txt")
    r2 = build([corpus], [], store=store)
    st = r2.store
    assert sorted(n.rsplit("/", 1)[1] for n in st.added) == ["a00025", "b-variant"]
    assert [n.rsplit("/", 1)[1] for n in st.changed] == ["a00003"]
    assert {n.rsplit("/", 1)[1] for n in st.remapped} == {"c-full", "x-quote"}  # their Erdogan became Erdoğan
    assert st.unchanged == 25  # same content (two of them mapped again)
    assert exported(store, tmp_path / "e2") == full_build(corpus, tmp_path / "f2")
    assert "Recep Tayyip Erdoğan" in speakers(EmbeddedStore.open(store))

    # remove the two articles that gave the full name: the quote's speaker is "Erdogan" again
    remove(["b-variant", "c-full.txt"], store)
    (corpus / "b-variant.txt").unlink()
    (corpus / "c-full.txt").unlink()
    assert exported(store, tmp_path / "e3") == full_build(corpus, tmp_path / "f3")
    kg = EmbeddedStore.open(store)
    assert "Erdogan" in speakers(kg) and not any("Recep" in s for s in speakers(kg))

    # an unchanged build writes nothing and publishes no new snapshot
    before = StoreDir(store).current()
    r4 = build([corpus], [], store=store)
    assert r4.store.unchanged == 26 and not r4.store.added and not r4.store.remapped
    assert StoreDir(store).current() == before

    # --rebuild starts over and gives the same
    build([corpus], [], store=store, rebuild=True)
    assert exported(store, tmp_path / "e5") == full_build(corpus, tmp_path / "f5")


def test_removed_article_takes_out_what_only_it_said(tmp_path):
    a = tmp_path / "a"
    a.mkdir()
    shutil.copy(ROOT / "articles" / "ots_diaspora_en.txt", a)
    (a / "mongolia.txt").write_text("Mongolia is an observer state of the Shanghai Cooperation Organisation, "
                                    "officials said on Friday.")
    store = tmp_path / "store"
    build([a], [], store=store)
    kg = EmbeddedStore.open(store)
    assert ("Mongolia", "observer") in {(r["state"], r["status"]) for r in rows(kg, "memberships")}
    remove(["mongolia"], store)
    kg = EmbeddedStore.open(store)
    assert "Mongolia" not in {r["state"] for r in rows(kg, "memberships")}
    assert "Mongolia" not in {r["state"] for r in rows(kg, "states")}
    # what the other article also said is still there
    assert ("Hungary", "observer") in {(r["state"], r["status"]) for r in rows(kg, "memberships")}
    assert run(kg, "ASK { ?s ?p ?o FILTER(CONTAINS(STR(?s), 'mongolia') || STR(?o) = 'Mongolia') }").boolean is False


def test_remove_an_unknown_article_is_one_line(tmp_path):
    build([ROOT / "articles"], [], store=tmp_path / "store")
    r = CliRunner().invoke(main, ["remove", "no-such-article", "--store", str(tmp_path / "store")])
    assert r.exit_code == 2 and "no such article" in r.output and len(r.output.strip().splitlines()) == 1


def same_rows_everywhere(folder: Path, tmp_path: Path, jobs: int = 1) -> None:
    store = tmp_path / "store"
    report = build([folder], [tmp_path / f for f in FORMATS], store=store, jobs=jobs)
    assert report.articles
    readers = {"store": EmbeddedStore.open(store)}
    for f in FORMATS:
        readers[f] = EmbeddedStore.load(tmp_path / f)
    for name in saved_queries():
        answers = {k: render(run(s, name), "csv") for k, s in readers.items()}
        assert len(set(answers.values())) == 1, (name, {k: len(v) for k, v in answers.items()})
        lines = answers["store"].splitlines()
        assert len(lines) == len(set(lines)), name  # no row twice
    # the store's answers as the CLI streams them are the same text, and Python's sort gives the rows in the order
    # Oxigraph's own ORDER BY gives
    from diplograph.query import query_text, run_stream, write
    from diplograph.store import ordered_select

    ox_store = readers["store"].ox
    for name in saved_queries():
        q = query_text(name)
        own = [tuple(sol) for sol in ox_store.query(q, use_default_graph_as_union=True)]
        assert ordered_select(ox_store, q)[1] == own, name
        for fmt in ("csv", "json", "md"):
            buf = io.StringIO()
            write(run_stream(readers["store"], name), fmt, buf)
            assert buf.getvalue() == render(run(readers["g.ttl"], name), fmt), (name, fmt)
        # a first page (a table on a terminal, --limit) is the head of the whole answer (evidence finds it a few
        # subjects at a time)
        for n in (1, 7, 101):
            buf = io.StringIO()
            write(run_stream(readers["store"], name, limit=n), "csv", buf)
            whole = render(run(readers["store"], name), "csv").splitlines()
            assert buf.getvalue().splitlines() == whole[: n + 1], (name, n)
    # a SELECT without DISTINCT counts each membership once, on the union of every graph
    raw = ("PREFIX dg: <https://w3id.org/diplograph/ontology#> SELECT ?m ?s ?o WHERE { ?m a dg:Membership ; "
           "dg:memberState ?s ; dg:organisation ?o ; dg:status ?st }")
    counts = {k: len(run(s, raw).rows) for k, s in readers.items()}
    distinct = len({r for r in run(readers["store"], raw).rows})
    assert set(counts.values()) == {distinct}, counts


def test_same_rows_on_store_and_every_file_seeds(tmp_path):
    same_rows_everywhere(ROOT / "articles", tmp_path)


def test_same_rows_on_store_and_every_file_generated(tmp_path):
    same_rows_everywhere(generate(tmp_path / "articles", 200), tmp_path, jobs=2)


@pytest.mark.slow
def test_same_rows_on_store_and_every_file_2000(tmp_path):
    same_rows_everywhere(generate(tmp_path / "articles", 2000), tmp_path, jobs=2)


def test_a_second_writer_gets_a_clear_error(tmp_path):
    store = tmp_path / "store"
    build([ROOT / "articles"], [], store=store)
    with StoreDir(store).locked():
        with pytest.raises(StoreLocked, match="another build is writing this store"):
            build([ROOT / "articles"], [], store=store)
        r = CliRunner().invoke(main, ["build", str(ROOT / "articles"), "--store", str(store)])
        assert r.exit_code == 2 and "another build is writing" in r.output
        # readers are not held up by the writer
        assert rows(EmbeddedStore.open(store), "memberships")


def test_killed_build_leaves_the_store_readable_and_the_next_build_completes(tmp_path):
    src = (ROOT / "articles" / "ots_diaspora_en.txt").read_text()
    corpus = tmp_path / "big"
    corpus.mkdir()
    for i in range(150):
        (corpus / f"a{i:04d}.txt").write_text(src.replace("Khazar Ibrahim", f"Khazar Ibrahim{i:04d}"))
    store = tmp_path / "store"
    build([ROOT / "articles"], [], store=store)
    before = rows(EmbeddedStore.open(store), "memberships")
    exe = Path(sys.executable).parent / "diplograph"
    proc = subprocess.Popen([str(exe), "build", str(corpus), "--store", str(store), "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    facts = StoreDir(store).facts
    while time.monotonic() < deadline and len(list(facts.glob("*.pickle"))) < 152:
        time.sleep(0.05)
    time.sleep(0.5)  # writing articles now
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert rows(EmbeddedStore.open(store), "memberships") == before  # readers see the last complete build
    r = build([corpus], [], store=store)
    assert r.store.articles == 152
    assert exported(store, tmp_path / "e") == full_build_two(corpus, tmp_path)


def full_build_two(corpus: Path, tmp_path: Path) -> dict[str, bytes]:
    both = tmp_path / "both"
    shutil.copytree(corpus, both)
    for p in (ROOT / "articles").iterdir():
        shutil.copy(p, both)
    return full_build(both, tmp_path / "f")


def test_bookkeeping_is_left_out_of_exports_and_queries_see_one_layout(tmp_path):
    store = tmp_path / "store"
    build([ROOT / "articles"], [tmp_path / "g.trig"], store=store)
    text = (tmp_path / "g.trig").read_text()
    assert "bookkeeping" not in text
    assert "<https://w3id.org/diplograph/id/graph/facts> {" in text
    kg = EmbeddedStore.open(store)
    books = read_bookkeeping(kg.ox)
    assert set(books) == {"https://w3id.org/diplograph/id/article/ots-diaspora-en",
                          "https://w3id.org/diplograph/id/article/ots-diaspora-fr"}
    # no triple is in two graphs
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } GRAPH ?h { ?s ?p ?o } FILTER(STR(?g) < STR(?h)) }"
    assert int(run(kg, q).rows[0][0]) == 0


def test_limit_is_pushed_into_the_query():
    assert with_limit("SELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a", 3).rstrip().endswith("LIMIT 3")
    assert "LIMIT 3" in with_limit("SELECT ?a WHERE { ?a ?b '}' } LIMIT 50", 3)
    q = "SELECT * { ?a ?b ?c } VALUES ?a { <x:y> }"
    assert with_limit(q, 3) == q


def test_cli_reads_the_store_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DIPLOGRAPH_STORE")  # (the test session gives every test a store of its own)
    r = CliRunner().invoke(main, ["build", str(ROOT / "articles"), "-q"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "graphs" / "store" / "current").exists()
    r = CliRunner().invoke(main, ["query", "memberships", "-f", "csv", "--limit", "2"])
    assert r.exit_code == 0 and len(r.output.splitlines()) == 3
    # a table on a pipe has every row (a terminal shows a page of them); --limit 0 is every row too
    monkeypatch.setattr("diplograph.query.PAGE", 3)
    for extra in ([], ["--limit", "0"]):
        r = CliRunner().invoke(main, ["query", "memberships", *extra])
        assert r.exit_code == 0 and len(r.output.splitlines()) == 1 + 9, r.output
    r = CliRunner().invoke(main, ["query", "memberships", "--limit", "2"])
    assert r.exit_code == 0 and len(r.output.splitlines()) == 1 + 2, r.output
    r = CliRunner().invoke(main, ["query", "memberships", "--store", "nowhere"])
    assert r.exit_code == 2 and "no graph store here" in r.output
    # $DIPLOGRAPH_STORE names the default store
    monkeypatch.setenv("DIPLOGRAPH_STORE", str(tmp_path / "elsewhere"))
    r = CliRunner().invoke(main, ["query", "memberships"])
    assert r.exit_code == 2 and "elsewhere" in r.output


@pytest.fixture()
def small_disk(tmp_path):
    """A 40 MB file system (tmpfs), where we may mount one (root); skipped elsewhere."""
    with small_file_system(tmp_path / "disk", "40M") as mnt:
        yield mnt


def test_a_full_disk_is_one_line_and_loses_nothing_stored(small_disk):
    store = small_disk / "store"
    build([ROOT / "articles"], [], store=store)
    before = rows(EmbeddedStore.open(store), "memberships")
    corpus = generate(small_disk.parent / "many", 300)
    exe = Path(sys.executable).parent / "diplograph"
    r = subprocess.run([str(exe), "build", str(corpus), "--store", str(store), "-q"], capture_output=True, text=True)
    assert r.returncode == 2 and "no space left on the device" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert rows(EmbeddedStore.open(store), "memberships") == before


def test_export_validate_and_push_read_the_store(tmp_path):
    from diplograph.export import export
    from diplograph.validate import validate

    store = tmp_path / "store"
    build([ROOT / "articles"], [tmp_path / "g.ttl", tmp_path / "g.nq"], store=store)
    for fmt, name in (("turtle", "g.ttl"), ("nquads", "g.nq")):
        (out,) = export([], fmt, tmp_path / f"x-{name}", store=store)
        assert out.read_bytes() == (tmp_path / name).read_bytes()
    assert validate([], store=store).conforms
    files = {p.name for p in export([], "csv", tmp_path / "csv", store=store)}
    assert "memberships.csv" in files


def test_killed_rebuild_leaves_the_old_store(tmp_path):
    store = tmp_path / "store"
    build([ROOT / "articles"], [], store=store)
    before = rows(EmbeddedStore.open(store), "memberships")
    corpus = generate(tmp_path / "many", 150)
    exe = Path(sys.executable).parent / "diplograph"
    proc = subprocess.Popen([str(exe), "build", str(corpus), "--store", str(store), "--rebuild", "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (store / "db.new").exists():
        time.sleep(0.02)
    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert rows(EmbeddedStore.open(store), "memberships") == before
    r = build([ROOT / "articles"], [], store=store)  # the old store is whole: nothing to do
    assert r.store.unchanged == 2 and not r.store.added


def test_leftovers_of_an_addition_killed_before_its_record_are_replaced(tmp_path):
    """New articles go in bulk and their bookkeeping records after: an article whose triples are in but whose
    record is not (a build killed between the two) is replaced whole by the next build, stale facts included."""
    import pyoxigraph as ox

    from diplograph.ingest import GIVES, LEDGER
    from diplograph.rdf import FACTS_GRAPH

    arts = tmp_path / "a"
    arts.mkdir()
    (arts / "c-full.txt").write_text(FULL)
    store = tmp_path / "store"
    build([arts], [], store=store)
    db = ox.Store(str(store / "db"))
    ghost = ox.NamedNode("https://w3id.org/diplograph/id/article/x-quote")
    stale = ox.Triple(ox.NamedNode("urn:stale:s"), ox.NamedNode("urn:stale:p"), ox.Literal("left over"))
    db.bulk_extend([ox.Quad(ghost, ox.NamedNode("urn:stale:q"), ox.Literal("left over"), ghost),
                    ox.Quad(ghost, GIVES, ox.Literal(str(stale)), ox.NamedNode(LEDGER)),
                    ox.Quad(stale.subject, stale.predicate, stale.object, ox.NamedNode(FACTS_GRAPH))])
    db.flush()
    del db
    (arts / "x-quote.txt").write_text(QUOTE)
    build([arts], [], store=store)
    assert exported(store, tmp_path / "inc") == full_build(arts, tmp_path / "full")


def test_an_article_past_its_time_budget_is_skipped_and_its_stored_version_kept(tmp_path, monkeypatch):
    from diplograph.extract import ReadingTooLong, extract

    b = sys.modules["diplograph.build"]  # the module (the package's `build` is the function)

    a = tmp_path / "a"
    a.mkdir()
    shutil.copy(ROOT / "articles" / "ots_diaspora_en.txt", a)
    slow = a / "mongolia.txt"
    slow.write_text("Mongolia is an observer state of the Shanghai Cooperation Organisation, officials said.")
    store = tmp_path / "store"
    build([a], [], store=store)
    # the article changes, and reading the new text takes too long (a hostile page)
    slow.write_text("Mongolia is an observer state of the Shanghai Cooperation Organisation. " * 3)

    def budgeted(article, lex=None, budget=None):
        if article.id == "mongolia":
            raise ReadingTooLong(f"reading stopped after {budget:g} s (the time budget of one article)")
        return extract(article, lex, budget)

    monkeypatch.setattr(b, "extract", budgeted)
    monkeypatch.setenv("DIPLOGRAPH_ARTICLE_BUDGET", "5")
    report = build([a], [], store=store)
    assert [str(p) for p in report.skipped] == [
        f"{slow}: reading stopped after 5 s (the time budget of one article); skipped"]
    kg = EmbeddedStore.open(store)
    # the version stored before is kept whole, the other article too
    assert ("Mongolia", "observer") in {(r["state"], r["status"]) for r in rows(kg, "memberships")}
    assert ("Hungary", "observer") in {(r["state"], r["status"]) for r in rows(kg, "memberships")}


def test_an_article_the_extractor_fails_on_is_skipped_with_one_line_and_the_batch_goes_on(tmp_path, monkeypatch):
    from diplograph.extract import extract

    b = sys.modules["diplograph.build"]
    a = tmp_path / "a"
    a.mkdir()
    shutil.copy(ROOT / "articles" / "ots_diaspora_en.txt", a)
    (a / "odd.txt").write_text("Mongolia is an observer state of the Shanghai Cooperation Organisation.")

    def faulty(article, lex=None, budget=None):
        if article.id == "odd":
            return [][1]  # a fault of the extractor on this one text
        return extract(article, lex, budget)

    monkeypatch.setattr(b, "extract", faulty)
    report = build([a], [], store=tmp_path / "store")
    [line] = [str(p) for p in report.skipped]
    assert line.startswith(f"{a / 'odd.txt'}: the extractor failed on this article (IndexError at test_store.py:")
    assert line.endswith("list index out of range); skipped, please report it") and "\n" not in line
    kg = EmbeddedStore.open(tmp_path / "store")
    assert ("Hungary", "observer") in {(r["state"], r["status"]) for r in rows(kg, "memberships")}


def test_a_reading_past_its_budget_stops():
    from diplograph.corpus import Article
    from diplograph.extract import ReadingTooLong, extract

    with pytest.raises(ReadingTooLong, match="time budget"):
        extract(Article("x", "x.txt", "Hungary, " * 5000, "en"), budget=-1)
