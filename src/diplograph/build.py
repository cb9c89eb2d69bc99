"""The build: articles in, the graph store and files out (read -> extract -> resolve -> rdf -> store -> export)."""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Article, ArticleProblem
from .export import ensure_folder, format_for
from .extract import ReadingTooLong, extract
from .extract import facts as F
from .lexicon import load_lexicon
from .outputs import OutputSet, die_with_parent
from .rdf import Quads

DEFAULT_OUTPUTS = ("graphs/diplograph.ttl", "graphs/diplograph.trig")

FACT_LABEL = {
    F.EntityMention: "mentions", F.OrganisationName: "organisation names", F.RoleHolding: "role holdings",
    F.Membership: "memberships", F.Event: "events", F.Observance: "observances", F.Programme: "programmes",
    F.TradeTarget: "trade targets", F.Statement: "statements",
}


#: what the build summary counts in the graph, by class (local names of the ontology)
GRAPH_COUNTS = {
    "states": ("State",), "organisations": ("Organisation", "IntergovernmentalOrganisation", "PoliticalParty",
                                            "DiplomaticMission", "GovernmentAgency", "NationalBody"),
    "persons": ("Person",), "role holdings": ("RoleHolding",), "memberships": ("Membership",),
    "events": ("Event", "Meeting", "Summit", "Reception", "Visit", "Designation", "Launch", "Announcement",
               "Agreement"),
    "observances": ("Observance",), "programmes": ("Programme",), "trade targets": ("TradeTarget",),
    "statements": ("Statement",),
}


def count_graph(store) -> Counter:
    """Distinct entities and facts in the facts graph of a pyoxigraph store, by kind (GRAPH_COUNTS): what the
    graph holds, however many articles tell each fact."""
    from .rdf import FACTS_GRAPH
    from .vocab import DG

    pairs = " ".join(f'(<{DG._NS}{c}> "{kind}")' for kind, classes in GRAPH_COUNTS.items() for c in classes)
    # an entity of two classes of one kind (an organisation that is also intergovernmental) counts once
    q = (f"SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES (?cls ?kind) {{ {pairs} }} "
         f"GRAPH <{FACTS_GRAPH}> {{ ?x a ?cls }} }} GROUP BY ?kind")
    return Counter({row[0].value: int(row[1].value) for row in store.query(q)})


@dataclass
class BuildReport:
    articles: int = 0
    words: int = 0
    problems: list[ArticleProblem] = field(default_factory=list)
    facts: Counter = field(default_factory=Counter)  # what the extractors found in the articles read, per article
    graph: Counter = field(default_factory=Counter)  # distinct entities and facts in the graph afterwards
    outputs: list[Path] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0
    store: object = None  # ingest.StoreReport when the build went into a store

    @property
    def skipped(self) -> list[ArticleProblem]:
        return [p for p in self.problems if p.skipped]

    @property
    def warnings(self) -> list[ArticleProblem]:
        return [p for p in self.problems if not p.skipped]


def _worker_init(parent: int | None = None) -> None:
    die_with_parent(parent)  # a build killed with SIGKILL leaves no worker behind
    gc.set_threshold(200_000, 50, 1000)
    load_lexicon()


#: seconds one article may take to read; past it the article is skipped with one line (a real article takes
#: milliseconds; 2 MB of names about 20 s). $DIPLOGRAPH_ARTICLE_BUDGET changes it.
ARTICLE_BUDGET = 60.0


def article_budget() -> float:
    raw = os.environ.get("DIPLOGRAPH_ARTICLE_BUDGET", "")
    try:
        return float(raw) if raw.strip() else ARTICLE_BUDGET
    except ValueError:
        return ARTICLE_BUDGET


def _extract_one(article: Article, budget: float | None = None) -> tuple[Article, list] | ArticleProblem:
    try:
        return article, extract(article, load_lexicon(), budget)
    except ReadingTooLong as exc:
        return ArticleProblem(article.source, f"{exc}; skipped", article=article.id)
    except RecursionError as exc:  # (a RuntimeError) said as what it is
        return ArticleProblem(article.source, f"too deeply nested to read ({exc}); skipped", article=article.id)
    except Exception as exc:  # noqa: BLE001 - one article's failure never stops a batch
        # a fault of the extractor on this one text: said in one line with where it happened, so that it can be
        # reported; the article is skipped and the batch goes on
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        where = f" at {Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}" if tb is not None else ""
        return ArticleProblem(article.source, f"the extractor failed on this article ({type(exc).__name__}"
                              f"{where}: {exc}); skipped, please report it", article=article.id)


def extract_corpus(items: Iterable[Article | ArticleProblem], jobs: int = 1
                   ) -> Iterator[tuple[Article, list] | ArticleProblem]:
    """Facts of each article (several processes when jobs > 1), problems passed through, input order kept; an
    article that takes longer than the budget (`article_budget()`) becomes a problem."""
    budget = article_budget()
    if jobs <= 1:
        load_lexicon()
        for item in items:
            if isinstance(item, ArticleProblem):
                yield item
            else:
                yield _extract_one(item, budget)
        return
    problems_first: list = []

    def articles():
        for item in items:
            if isinstance(item, ArticleProblem):
                problems_first.append(item)
            else:
                yield item

    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init, initargs=(os.getpid(),)) as pool:
        for result in pool.map(functools.partial(_extract_one, budget=budget), articles(), chunksize=16):
            while problems_first:
                yield problems_first.pop(0)
            yield result
    yield from problems_first


@contextlib.contextmanager
def _few_collections():
    """A build makes millions of small objects and no reference cycles worth chasing: collect rarely.

    (Measured: the cyclic collector took a fifth of the extraction time at its default thresholds.)
    """
    old = gc.get_threshold()
    gc.set_threshold(200_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def build_dataset(paths: Iterable[str | Path], jobs: int = 1, report: BuildReport | None = None,
                  progress: Callable[[str], None] | None = None) -> tuple[Quads, BuildReport]:
    """The graph of the articles under `paths`, in memory (`rdf.Quads`; `.to_rdflib()` for rdflib)."""
    from .ingest import graph_names, graph_triples, update_store

    report = report if report is not None else BuildReport()
    t0 = time.perf_counter()
    quads = Quads()

    def keep(store) -> None:
        for name in graph_names(store):
            g = quads.graph(name)
            for t in graph_triples(store, name):
                g.triples[t] = None

    with OutputSet() as scratch:  # a hidden folder in the system's temporary folder, removed however this ends
        update_store(scratch.scratch / "store", paths, jobs=jobs, report=report, progress=progress, publish=False,
                     after=keep, in_memory=True)
    report.triples = len(quads)
    report.seconds = time.perf_counter() - t0
    return quads, report


def build(paths: Iterable[str | Path] = ("articles",), outputs: Iterable[str | Path] = DEFAULT_OUTPUTS,
          jobs: int = 1, progress: Callable[[str], None] | None = None, strict: bool = False,
          store: str | Path | None = None, rebuild: bool = False,
          stage: Callable[[str, int], None] | None = None) -> BuildReport:
    """Build the graph of the articles under `paths` and write it to each of `outputs`.

    With `store` (a folder, e.g. "graphs/store") the graph's home is brought up to date incrementally
    (see `ingest`): unchanged articles are skipped, changed ones replaced, new ones added; `rebuild=True`
    starts it over. Without it, the build goes through a temporary store. Files are exports of the store:
    the same articles give byte-identical files, however they were added. Every output is written into the
    run's hidden folder beside it and all are renamed together once all are complete (`outputs.OutputSet`).
    With strict=True nothing is written (store or files) when anything was skipped. `progress(source)` is called
    once per article of each phase, and
    `stage(name, total)` when a phase begins (see `ingest.update_store`).
    """
    from .ingest import export_store, update_store

    out_paths = [Path(o) for o in outputs]
    for o in out_paths:
        format_for(o)  # fail before the work, not after
        ensure_folder(o)
    report = BuildReport()
    t0 = time.perf_counter()
    # the run's hidden folder(s) beside the outputs, made now: a folder that cannot be written is said before the
    # work; the leftovers of a killed build there are finished or removed first
    folders, remember = _output_folders(store, out_paths)
    if store is not None and Path(store).is_dir():
        remember()  # before this run's folders exist (a new store is made only once the outputs can be written)
    with OutputSet(out_paths, also=folders) as outs:
        remember()

        def write(ox_store) -> None:
            report.graph = count_graph(ox_store)
            if report.articles == 0:
                return  # nothing worth writing: the previous files stay as they were
            report.triples = export_store(ox_store, out_paths, outs)
            outs.commit()  # every output renamed into place together
            report.outputs = list(out_paths)

        if store is None:
            update_store(outs.scratch / "store", paths, jobs=jobs, report=report, progress=progress,
                         strict=strict, publish=False, after=write, in_memory=True, stage=stage)
        else:
            report.store = update_store(store, paths, rebuild=rebuild, jobs=jobs, report=report, progress=progress,
                                        strict=strict, after=write, stage=stage)
            st = report.store
            if st.added or st.changed or st.removed or st.remapped or rebuild:
                from .explore import prepare

                prepare(store, rebuild=rebuild)
    report.seconds = time.perf_counter() - t0
    return report


def _output_folders(store: str | Path | None, outputs: list[Path]) -> tuple[list[Path], Callable[[], None]]:
    """The folders a store's builds wrote files to (kept in `<store>/outputs.json`), and a call that adds this
    build's to the record: a build starts by cleaning what a killed one left in any of them, even when it writes
    no file there itself."""
    if store is None:
        return [], lambda: None
    record = Path(store) / "outputs.json"
    try:
        known = [Path(p) for p in json.loads(record.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        known = []
    folders = list(dict.fromkeys([*known, *(Path(os.path.realpath(Path(o).parent)) for o in outputs)]))[-20:]

    def remember() -> None:
        nonlocal known
        if folders == known:
            return
        known = folders
        with contextlib.suppress(OSError):
            record.parent.mkdir(parents=True, exist_ok=True)
            tmp = record.with_name(f".outputs.json.{os.getpid()}")
            tmp.write_text(json.dumps([str(f) for f in folders]), encoding="utf-8")
            os.replace(tmp, record)

    return folders, remember


def remove(articles: Iterable[str], store: str | Path | None = None, outputs: Iterable[str | Path] = ()):
    """Take articles (ids, or their file names) out of the store, with every fact only they supported; the
    articles whose names resolved through them are mapped again. Returns an `ingest.StoreReport`."""
    from .ingest import export_store, update_store

    out_paths = [Path(o) for o in outputs]
    for o in out_paths:
        format_for(o)
    from .ingest import default_store

    return update_store(default_store() if store is None else store, remove=list(articles),
                        after=lambda s: export_store(s, out_paths))
