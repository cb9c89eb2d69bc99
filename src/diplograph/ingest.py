"""The graph's home: a persistent Oxigraph store, filled incrementally, one transaction per article.

A store is a folder (default `graphs/store/`):

```
db/                 the Oxigraph store the build writes (RocksDB); only the build opens it
snapshots/<n>/      read-only copies (RocksDB checkpoints: hard links, made in milliseconds) for readers
current             the name of the snapshot readers open (replaced atomically after each build)
facts/<sha>.pickle  each article's extracted facts, by content hash, to re-resolve it without reading it again
lock                held by the one build that writes (a second one gets a one-line error)
outputs.json        the folders builds wrote files to (a build cleans what a killed one left there: `outputs`)
```

Inside `db/` the graph has the layout of `rdf` (the facts graph, one graph per article) plus two bookkeeping
graphs, left out of every export: `BOOKKEEPING` says per article the hash of its content, its source and the
persons it names with the names they were resolved to; `LEDGER` says which triples of the facts graph it gives.
With that:

- an unchanged article is skipped (same hash), a changed one replaces its own graph, a new one is added;
- a triple of the facts graph is removed only when no article gives it any more;
- when the names the corpus uses change (a new article says "Recep Tayyip Erdogan" where the others said
  "Erdogan"), exactly the articles whose resolved names change are mapped again;
- every article is written in one SPARQL update (one transaction), so a killed build leaves every article
  either as it was or as it is now, and the next build finishes the work.

The corpus-wide resolver learns names in the order of article ids, so that the same articles give the same
graph whatever order they were added in: an incremental build and a `--rebuild` export the same bytes.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
import pickle
import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from .corpus import Article, ArticleProblem, iter_articles
from .ids import slug
from .rdf import FACTS_GRAPH, GraphBuilder, ontology_header
from .resolve import Resolver, person_names
from .store import StoreError
from .vocab import ID

DEFAULT_STORE = "graphs/store"


def default_store() -> str:
    """The store commands use when none is given: $DIPLOGRAPH_STORE, else graphs/store (tests set their own)."""
    return os.environ.get("DIPLOGRAPH_STORE") or DEFAULT_STORE
BK = "https://w3id.org/diplograph/bookkeeping#"
BOOKKEEPING = f"{ID}graph/bookkeeping"
#: which article gives which triple of the facts graph (a graph of its own: a build reads the rest at once)
LEDGER = f"{ID}graph/bookkeeping-ledger"
BOOKKEEPING_GRAPHS = (BOOKKEEPING, LEDGER)
_BK_GRAPH = ox.NamedNode(BOOKKEEPING)
_LEDGER = ox.NamedNode(LEDGER)
_FACTS = ox.NamedNode(FACTS_GRAPH)
RECORD, GIVES, CODE = (ox.NamedNode(BK + n) for n in ("article", "gives", "codeVersion"))
_STORE_NODE = ox.NamedNode(f"{ID}graph/store")
#: snapshots kept besides the current one (a reader that opened the previous one keeps reading it)
KEEP_SNAPSHOTS = 2


class StoreLocked(StoreError):
    """Another build is writing the store."""


class StaleStore(StoreError):
    """The store was built by another version of the extractor."""


@functools.cache
def code_version() -> str:
    """A fingerprint of everything that decides what an article becomes (extractors, lexicon, mapping).

    When it changes, the stored facts are stale: the store asks for a rebuild rather than mixing two versions.
    """
    here = Path(__file__).resolve().parent
    from .resources import files_in, reference_dir

    files = sorted([*(here / "extract").rglob("*.py"), *(here / "extract").rglob("*.json"),
                    *(here / "extract").rglob("*.tsv"),
                    *(here / n for n in ("corpus.py", "lexicon.py", "resolve.py", "rdf.py", "ids.py", "vocab.py"))])
    h = hashlib.sha256()
    for f in [*files, *files_in(reference_dir(), ".ttl")]:
        if f.is_file():
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def content_hash(a: Article) -> str:
    """What the graph of an article depends on, besides the code: its text and metadata."""
    h = hashlib.sha256()
    for part in (a.id, a.source.replace("\\", "/").rsplit("/", 1)[-1], a.lang, a.title or "", a.url or "",
                 a.published.isoformat() if a.published else "", a.outlet or "", a.text):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()[:32]


@dataclass
class Stored:
    """What the bookkeeping says about one article in the store."""

    hash: str
    persons: list[list[str]] = field(default_factory=list)  # [raw name, name it was resolved to]
    source: str = ""


@dataclass
class StoreReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    remapped: list[str] = field(default_factory=list)  # unchanged articles mapped again (a name moved)
    articles: int = 0  # in the store afterwards


# ------------------------------------------------------------------ the folder


class StoreDir:
    """Paths of a store folder."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.db = self.path / "db"
        self.facts = self.path / "facts"
        self.snapshots = self.path / "snapshots"
        self.current_file = self.path / "current"
        self.lock_file = self.path / "lock"

    def current(self) -> Path | None:
        """The snapshot readers open, or None when nothing was ever built here."""
        try:
            name = self.current_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        snap = self.snapshots / name
        return snap if snap.is_dir() else None

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the writer's lock (the kernel drops it if the process dies)."""
        self.path.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
                raise StoreLocked(f"{self.path}: another build is writing this store (pid {holder or '?'}); "
                                  f"wait for it to finish") from None
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
            yield
        finally:
            os.close(fd)

    def drop_leftovers(self) -> None:
        """Temporary files a killed build left (half-written facts, snapshot and `current`); under the lock, so
        no live build owns them."""
        for folder, pattern in ((self.path, ".current.*"), (self.path, ".outputs.json.*"), (self.facts, ".*"),
                                (self.snapshots, ".*")):
            for p in folder.glob(pattern) if folder.is_dir() else ():
                if p.is_dir():
                    shutil.rmtree(p, ignore_errors=True)
                else:
                    p.unlink(missing_ok=True)

    def publish(self, store: ox.Store) -> Path:
        """Make what the store holds now the snapshot readers open."""
        store.flush()
        self.snapshots.mkdir(parents=True, exist_ok=True)
        numbers = sorted(int(p.name) for p in self.snapshots.iterdir() if p.name.isdigit())
        n = (numbers[-1] + 1) if numbers else 1
        for p in self.snapshots.iterdir():  # a checkpoint a killed build left half-made
            if not p.name.isdigit():
                shutil.rmtree(p, ignore_errors=True)
        tmp = self.snapshots / f".{n}.tmp"
        store.backup(str(tmp))
        os.replace(tmp, self.snapshots / str(n))
        fd, name = tempfile.mkstemp(dir=self.path, prefix=".current.")
        with os.fdopen(fd, "w") as fh:
            fh.write(f"{n}\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(name, 0o644)
        os.replace(name, self.current_file)
        for old in numbers[: max(0, len(numbers) - KEEP_SNAPSHOTS + 1)]:
            shutil.rmtree(self.snapshots / str(old), ignore_errors=True)
        return self.snapshots / str(n)

    def save_facts(self, sha: str, meta: Article, facts: list) -> None:
        self.facts.mkdir(parents=True, exist_ok=True)
        target = self.facts / f"{sha}.pickle"
        if target.exists():
            return
        fd, tmp = tempfile.mkstemp(dir=self.facts, prefix=f".{sha}.")
        with os.fdopen(fd, "wb") as fh:
            fh.write(zlib.compress(pickle.dumps((meta, facts), protocol=pickle.HIGHEST_PROTOCOL), 1))
        os.replace(tmp, target)

    def load_facts(self, sha: str) -> tuple[Article, list]:
        try:
            data = (self.facts / f"{sha}.pickle").read_bytes()
        except FileNotFoundError:
            raise FileNotFoundError(f"{self.facts}/{sha}.pickle: the facts of a stored article are missing; "
                                    f"run the build with --rebuild") from None
        return pickle.loads(zlib.decompress(data))


# ------------------------------------------------------------------ bookkeeping in the store


def read_bookkeeping(store: ox.Store) -> dict[str, Stored]:
    """Article IRI -> what the store knows about it."""
    out: dict[str, Stored] = {}
    for q in store.quads_for_pattern(None, RECORD, None, _BK_GRAPH):
        sha, source, persons = cast(ox.Literal, q.object).value.split("\n", 2)
        out[cast(ox.NamedNode, q.subject).value] = Stored(sha, json.loads(persons), source)
    return out


def _record(rec: Stored) -> ox.Literal:
    """An article's bookkeeping in one literal (one read per article when a build starts)."""
    return ox.Literal(f"{rec.hash}\n{rec.source.replace(chr(10), ' ')}\n{json.dumps(rec.persons, ensure_ascii=False)}")


def stored_code_version(store: ox.Store) -> str | None:
    for q in store.quads_for_pattern(_STORE_NODE, CODE, None, _BK_GRAPH):
        return cast(ox.Literal, q.object).value
    return None


def _data(quads: Iterable[tuple]) -> str:
    """SPARQL DATA block for (s, p, o, graph) tuples of pyoxigraph terms (their N-Triples form is valid SPARQL)."""
    by_graph: dict[str, list[str]] = {}
    for s, p, o, g in quads:
        by_graph.setdefault(str(g), []).append(f"{s} {p} {o} .")
    return " ".join(f"GRAPH {g} {{ {' '.join(ts)} }}" for g, ts in by_graph.items())


def _article_quads(name: str, own: list, shared: list, rec: Stored) -> list[ox.Quad]:
    """Everything an article puts in the store: its graph, its part of the facts graph, its bookkeeping."""
    node = ox.NamedNode(name)
    Q = ox.Quad  # noqa: N806
    quads = [Q(t.subject, t.predicate, t.object, node) for t in own]
    for t in shared:
        quads.append(Q(node, GIVES, ox.Literal(str(t)), _LEDGER))
        quads.append(Q(t.subject, t.predicate, t.object, _FACTS))
    quads.append(Q(node, RECORD, _record(rec), _BK_GRAPH))
    return quads


def _write_article(store: ox.Store, name: str, own: list, shared: list, rec: Stored | None) -> None:
    """Replace (or with rec=None, remove) an article's graph and its part of the facts graph, in one
    transaction."""
    node = ox.NamedNode(name)
    old_gives = {cast(ox.Literal, q.object).value: q.object
                 for q in store.quads_for_pattern(node, GIVES, None, _LEDGER)}
    new_gives = {str(t): t for t in shared}
    deletes = [(node, RECORD, q.object, _BK_GRAPH) for q in store.quads_for_pattern(node, RECORD, None, _BK_GRAPH)]
    for text, lit in old_gives.items():
        if text in new_gives:
            continue
        deletes.append((node, GIVES, lit, _LEDGER))
        if not any(q.subject != node for q in store.quads_for_pattern(None, GIVES, lit, _LEDGER)):
            t = next(ox.parse(text.encode("utf-8") + b" .\n", format=ox.RdfFormat.N_TRIPLES))
            deletes.append((t.subject, t.predicate, t.object, _FACTS))
    inserts = [(t.subject, t.predicate, t.object, node) for t in own]
    for text, t in new_gives.items():
        if text not in old_gives:
            inserts.append((node, GIVES, ox.Literal(text), _LEDGER))
            inserts.append((t.subject, t.predicate, t.object, _FACTS))
    if rec is not None:
        inserts.append((node, RECORD, _record(rec), _BK_GRAPH))
    ops = [f"DROP SILENT GRAPH {node}"]
    if deletes:
        ops.append(f"DELETE DATA {{ {_data(deletes)} }}")
    if inserts:
        ops.append(f"INSERT DATA {{ {_data(inserts)} }}")
    store.update(" ;\n".join(ops))


# ------------------------------------------------------------------ the build


@dataclass
class _Incoming:
    hash: str
    source: str
    persons: list[str]


def update_store(store_path: str | Path, paths: Iterable[str | Path] = (), remove: Iterable[str] = (),
                 rebuild: bool = False, jobs: int = 1, report=None,
                 progress: Callable[[str], None] | None = None, strict: bool = False,
                 publish: bool = True, after: Callable[[ox.Store], object] | None = None,
                 in_memory: bool = False, stage: Callable[[str, int], None] | None = None) -> StoreReport:
    """Bring the store up to date with the articles under `paths` (and without the articles `remove` names).

    `report` (a `build.BuildReport`) receives the articles read, problems and facts. With strict=True nothing
    is written when anything was skipped. `after(store)` runs under the lock once the store is up to date (the
    build writes its exports there). Raises StoreLocked when another build holds the store. With
    in_memory=True the store lives in memory (a build that only writes files) and only facts/ is on disk.
    `stage(name, total)` says when a phase begins (reading, writing, exporting; total 0 when unknown) and
    `progress(source)` is called once per article (or problem) done in it.
    """
    from .build import FACT_LABEL, BuildReport, _few_collections, extract_corpus

    report = report if report is not None else BuildReport()
    sd = StoreDir(store_path)
    out = StoreReport()
    with sd.locked(), _few_collections():
        staging, previous = sd.path / "db.new", sd.path / "db.old"
        if previous.exists() and not sd.db.exists():  # a rebuild killed while swapping: the old store is whole
            os.replace(previous, sd.db)
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(previous, ignore_errors=True)
        sd.drop_leftovers()
        # a new store (or --rebuild) is loaded in bulk beside the old one and swapped in when complete
        bulk = in_memory or rebuild or not sd.db.exists()
        store = ox.Store() if in_memory else ox.Store(str(staging if bulk else sd.db))
        try:
            version = code_version()
            stored = read_bookkeeping(store)
            have = stored_code_version(store)
            if stored and have != version:
                raise StaleStore(f"{sd.path} was built by another version of the extractor; "
                                 f"run `diplograph build --rebuild PATHS` to build it again")
            if have != version and not bulk:  # say which version fills it before anything goes in
                store.update(f"DELETE WHERE {{ GRAPH <{BOOKKEEPING}> {{ {_STORE_NODE} {CODE} ?v }} }} ; "
                             f"INSERT DATA {{ GRAPH <{BOOKKEEPING}> {{ {_STORE_NODE} {CODE} "
                             f"{ox.Literal(version)} }} }}")
            # 1. read every article; extract the new and changed ones (facts spilled to facts/)
            incoming: dict[str, _Incoming] = {}
            seen_sources: dict[str, str] = {}

            def fresh() -> Iterator[Article | ArticleProblem]:
                for item in iter_articles(paths) if paths else ():
                    if isinstance(item, ArticleProblem):
                        yield item
                        continue
                    name = f"{ID}article/{item.id}"
                    if name in seen_sources:
                        yield ArticleProblem(item.source, f"same article id {item.id!r} as "
                                                          f"{seen_sources[name]}; skipped")
                        continue
                    seen_sources[name] = item.source
                    report.articles += 1
                    report.words += len(item.text.split())
                    sha = content_hash(item)
                    old = stored.get(name)
                    if old is not None and old.hash == sha:
                        out.unchanged += 1
                        if progress:
                            progress(item.source)
                        continue
                    (out.changed if old is not None else out.added).append(name)
                    incoming[name] = _Incoming(sha, item.source, [])
                    yield item

            for item in extract_corpus(fresh(), jobs):
                if isinstance(item, ArticleProblem):
                    report.problems.append(item)
                    if item.article is not None:  # read, then given up: a stored version stays as it was
                        name = f"{ID}article/{item.article}"
                        incoming.pop(name, None)
                        for names in (out.added, out.changed):
                            if name in names:
                                names.remove(name)
                    if progress:
                        progress(item.source)
                    continue
                art, facts = item
                name = f"{ID}article/{art.id}"
                incoming[name].persons = person_names(facts)
                for f in facts:
                    report.facts[FACT_LABEL[type(f)]] += 1
                meta = Article(art.id, art.source, "", art.lang, art.title, art.url, art.published, art.outlet)
                sd.save_facts(f"{incoming[name].hash}-{version}", meta, facts)
                if progress:
                    progress(art.source)
            if (strict and report.skipped) or (bulk and not incoming):
                return out  # nothing written: a store being rebuilt stays as it was
            gone = set()
            for r in remove:
                if r.startswith(str(ID)):
                    name = r
                else:
                    name = f"{ID}article/{slug(Path(r).stem) if ('.' in r or '/' in r) else r}"
                if name not in stored:
                    raise StoreError(f"{r}: no such article in {sd.path}")
                gone.add(name)
            # 2. the names the whole corpus uses, learnt in the order of article ids
            final = sorted((set(stored) | set(incoming)) - gone)
            resolver = Resolver()
            for name in final:
                if name in incoming:
                    resolver.learn_names(incoming[name].persons)
                else:
                    resolver.learn_names([raw for raw, _ in stored[name].persons])
            # 3. write: removals, then every article whose graph changes, one transaction each
            if stage:
                stage("writing", len(final))
            wrote = have != version
            for name in sorted(gone):
                _write_article(store, name, [], [], None)
                out.removed.append(name)
                wrote = True
            builder = GraphBuilder()
            if bulk:
                quads = _fresh_quads(sd, final, incoming, resolver, builder, version, progress)
                if in_memory:
                    store.extend(quads)
                else:
                    store.bulk_extend(quads)
                    store.flush()
                    # the bulk loader leaves many overlapping files; compacted, a reader finds a string in one
                    # look-up instead of one per file (answers that read many strings: 3-5x faster)
                    store.optimize()
                    store = None  # type: ignore[assignment]  # closed: the folder can move
                    if sd.db.exists():
                        os.replace(sd.db, previous)
                    os.replace(staging, sd.db)
                    shutil.rmtree(previous, ignore_errors=True)
                    store = ox.Store(str(sd.db))
                wrote = True
                final_done = True
            else:
                final_done = False
            pending: list[ox.Quad] = []
            records: list[ox.Quad] = []
            for name in final if not final_done else ():
                if progress:
                    progress(name)
                if name in incoming:
                    rec = Stored(incoming[name].hash, [[n, resolver.person_name(n)] for n in incoming[name].persons],
                                 incoming[name].source)
                else:
                    old = stored[name]
                    if all(resolver.person_name(raw) == done for raw, done in old.persons):
                        continue
                    rec = Stored(old.hash, [[raw, resolver.person_name(raw)] for raw, _ in old.persons], old.source)
                    out.remapped.append(name)
                meta, facts = sd.load_facts(f"{rec.hash}-{version}")
                mapped = builder.article_graph(meta, [resolver.fact(f) for f in facts])
                if name in stored or _has_leftovers(store, name):
                    _write_article(store, name, mapped.own, mapped.shared, rec)
                else:
                    # new articles: their triples in bulk (a transaction checks each quad on disk first: 5x
                    # slower), their bookkeeping records after, in one transaction; a record is written only
                    # once all its article's triples are in, and a build killed before that finds the
                    # leftovers of the article and replaces them (`_has_leftovers`)
                    added = _article_quads(name, mapped.own, mapped.shared, rec)
                    records.append(added.pop())
                    pending.extend(added)
                    if len(pending) >= 200_000:
                        _add_new(store, pending, records)
                wrote = True
            _add_new(store, pending, records)
            out.articles = len(final)
            _drop_unused_facts(sd, {f"{stored[n].hash}-{version}" for n in final if n not in incoming}
                               | {f"{incoming[n].hash}-{version}" for n in final if n in incoming})
            if publish and (wrote or sd.current() is None):
                sd.publish(store)
            if after is not None:
                if stage:
                    stage("exporting", 0)
                after(store)
        finally:
            del store
    return out


def _has_leftovers(store: ox.Store, name: str) -> bool:
    """Whether an article the bookkeeping does not know has triples in the store (a build killed while adding it)."""
    node = ox.NamedNode(name)
    return any(True for _ in store.quads_for_pattern(None, None, None, node)) or \
        any(True for _ in store.quads_for_pattern(node, GIVES, None, _LEDGER))


def _add_new(store: ox.Store, quads: list[ox.Quad], records: list[ox.Quad]) -> None:
    """New articles' triples in bulk, then their bookkeeping records in one transaction."""
    if quads:
        store.bulk_extend(quads)
    if records:
        store.extend(records)
    quads.clear()
    records.clear()


def _fresh_quads(sd: StoreDir, final: list[str], incoming: dict, resolver: Resolver, builder: GraphBuilder,
                 version: str, progress: Callable[[str], None] | None = None) -> Iterator[ox.Quad]:
    """Every quad of a new store, article after article (for a bulk load: nothing is held for long)."""
    yield ox.Quad(_STORE_NODE, CODE, ox.Literal(version), _BK_GRAPH)
    for name in final:
        if progress:
            progress(name)
        inc = incoming[name]
        rec = Stored(inc.hash, [[n, resolver.person_name(n)] for n in inc.persons], inc.source)
        meta, facts = sd.load_facts(f"{inc.hash}-{version}")
        mapped = builder.article_graph(meta, [resolver.fact(f) for f in facts])
        yield from _article_quads(name, mapped.own, mapped.shared, rec)


def _drop_unused_facts(sd: StoreDir, keep: set[str]) -> None:
    if not sd.facts.is_dir():
        return
    for p in sd.facts.iterdir():
        if p.suffix == ".pickle" and p.stem not in keep:
            p.unlink(missing_ok=True)
        elif p.name.startswith("."):
            p.unlink(missing_ok=True)


# ------------------------------------------------------------------ reading and exporting


def graph_names(store: ox.Store) -> list[str]:
    """The graphs of the data, in export order (the facts graph and the articles', bookkeeping left out)."""
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)
                  and g.value not in BOOKKEEPING_GRAPHS)


def data_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Every triple of the data (any graph but the bookkeeping), as the stored quads come."""
    for q in store:
        if q.graph_name != _BK_GRAPH and q.graph_name != _LEDGER:
            yield ox.Triple(q.subject, q.predicate, q.object)


def graph_triples(store: ox.Store, name: str) -> list[ox.Triple]:
    """One graph's triples in canonical order (by their N-Triples text), whatever order they were stored in.

    The facts graph comes with the ontology header (`rdf.ontology_header`), so every export and push of the
    data says which ontology its terms are from."""
    g = ox.NamedNode(name)
    ts = [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, g)]
    if name == FACTS_GRAPH and ts:
        ts = list(dict.fromkeys([*ts, *ontology_header()]))
    ts.sort(key=str)
    return ts


def export_store(store: ox.Store, outputs: list[Path], outs=None, formats: dict | None = None) -> int:
    """Write the store's graph to each output (format by extension, or `formats[path]`), all appearing together;
    the number of triples. `outs` is the run's `outputs.OutputSet` (committed by its owner); without one, this
    makes and commits its own."""
    from .export import StreamWriter
    from .outputs import OutputSet

    outputs = [Path(o) for o in outputs]
    if not outputs:
        return 0
    own = outs is None
    with OutputSet(outputs) if own else contextlib.nullcontext(outs) as run:
        with run.writing(), StreamWriter(outputs, run, formats) as writer:
            for name in graph_names(store):
                writer.add(name, graph_triples(store, name))
            count = writer.finish()
        if own:
            run.commit()
    return count


def open_snapshot(store_path: str | Path) -> ox.Store:
    """The latest published state of a store, read-only (never the folder a build is writing)."""
    sd = StoreDir(store_path)
    snap = sd.current()
    if snap is None:
        raise FileNotFoundError(f"{sd.path}: no graph store here (build it first: diplograph build PATHS)")
    return ox.Store.read_only(str(snap))


