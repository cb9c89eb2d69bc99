"""The build: articles in, graph files out (read -> extract -> resolve -> rdf -> write)."""

from __future__ import annotations

import contextlib
import gc
import pickle
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Article, ArticleProblem, iter_articles
from .export import StreamWriter, format_for
from .extract import extract
from .extract import facts as F
from .lexicon import load_lexicon
from .rdf import GraphBuilder, Quads
from .resolve import Resolver

DEFAULT_OUTPUTS = ("graphs/diplograph.ttl", "graphs/diplograph.trig")

FACT_LABEL = {
    F.EntityMention: "mentions", F.OrganisationName: "organisation names", F.RoleHolding: "role holdings",
    F.Membership: "memberships", F.Event: "events", F.Observance: "observances", F.Programme: "programmes",
    F.TradeTarget: "trade targets", F.Statement: "statements",
}


@dataclass
class BuildReport:
    articles: int = 0
    words: int = 0
    problems: list[ArticleProblem] = field(default_factory=list)
    facts: Counter = field(default_factory=Counter)
    outputs: list[Path] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0

    @property
    def skipped(self) -> list[ArticleProblem]:
        return [p for p in self.problems if p.skipped]

    @property
    def warnings(self) -> list[ArticleProblem]:
        return [p for p in self.problems if not p.skipped]


def _worker_init() -> None:
    gc.set_threshold(200_000, 50, 1000)
    load_lexicon()


def _extract_one(article: Article) -> tuple[Article, list]:
    return article, extract(article, load_lexicon())


def extract_corpus(items: Iterable[Article | ArticleProblem], jobs: int = 1
                   ) -> Iterator[tuple[Article, list] | ArticleProblem]:
    """Facts of each article (several processes when jobs > 1), problems passed through, input order kept."""
    if jobs <= 1:
        lex = load_lexicon()
        for item in items:
            if isinstance(item, ArticleProblem):
                yield item
            else:
                yield item, extract(item, lex)
        return
    problems_first: list = []

    def articles():
        for item in items:
            if isinstance(item, ArticleProblem):
                problems_first.append(item)
            else:
                yield item

    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init) as pool:
        for result in pool.map(_extract_one, articles(), chunksize=16):
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


def mapped_articles(paths: Iterable[str | Path], jobs: int = 1, report: BuildReport | None = None,
                    progress: Callable[[str], None] | None = None, spill_dir: str | Path | None = None
                    ) -> Iterator[tuple[str, list]]:
    """(named graph IRI, triples) of each article, in input order, with memory flat in the number of articles.

    Two passes: the first extracts (in `jobs` processes) and learns the names the whole corpus uses (so that
    "Erdogan" in one article meets "Recep Tayyip Erdogan" in another), spilling each article's facts to a
    temporary file; the second reads them back, resolves and maps them, one article at a time.
    """
    report = report if report is not None else BuildReport()
    resolver = Resolver()
    with tempfile.TemporaryFile(dir=spill_dir) as spill, _few_collections():
        count = 0
        for item in extract_corpus(iter_articles(paths), jobs):
            if isinstance(item, ArticleProblem):
                report.problems.append(item)
                if progress:
                    progress(item.source)
                continue
            art, facts = item
            report.articles += 1
            report.words += len(art.text.split())
            resolver.learn(facts)
            meta = Article(art.id, art.source, "", art.lang, art.title, art.url, art.published, art.outlet)
            pickle.dump((meta, facts), spill, protocol=pickle.HIGHEST_PROTOCOL)
            count += 1
            if progress:
                progress(art.source)
        spill.seek(0)
        builder = GraphBuilder()
        for _ in range(count):
            meta, facts = pickle.load(spill)
            resolved = [resolver.fact(f) for f in facts]
            for f in resolved:
                report.facts[FACT_LABEL[type(f)]] += 1
            yield builder.article_graph(meta, resolved)


def build_dataset(paths: Iterable[str | Path], jobs: int = 1, report: BuildReport | None = None,
                  progress: Callable[[str], None] | None = None) -> tuple[Quads, BuildReport]:
    """The graph of the articles under `paths`, in memory (`rdf.Quads`; `.to_rdflib()` for rdflib)."""
    report = report if report is not None else BuildReport()
    t0 = time.perf_counter()
    quads = Quads()
    for name, triples in mapped_articles(paths, jobs, report, progress):
        g = quads.graph(name)
        for t in triples:
            g.triples[t] = None
    report.triples = len(quads)
    report.seconds = time.perf_counter() - t0
    return quads, report


def build(paths: Iterable[str | Path] = ("articles",), outputs: Iterable[str | Path] = DEFAULT_OUTPUTS,
          jobs: int = 1, progress: Callable[[str], None] | None = None, strict: bool = False) -> BuildReport:
    """Build the graph of the articles under `paths` and write it to each of `outputs`.

    Articles stream through: each article's named graph is written as soon as it is mapped (TriG, N-Quads),
    and the merged graph (Turtle, N-Triples ...) is deduplicated and put in canonical order by an external
    sort, so memory stays flat however large the corpus. Every output is written to a temporary file and
    renamed only when all are complete. With strict=True nothing is written when anything was skipped.
    """
    outputs = [Path(o) for o in outputs]
    for o in outputs:
        format_for(o)  # fail before the work, not after
    report = BuildReport()
    t0 = time.perf_counter()
    first_dir = (outputs[0].parent if outputs else Path(".")).resolve()
    first_dir.mkdir(parents=True, exist_ok=True)
    with StreamWriter(outputs, first_dir) as writer:
        for name, triples in mapped_articles(paths, jobs, report, progress, spill_dir=first_dir):
            writer.add(name, triples)
        if (strict and report.skipped) or report.articles == 0:
            writer.abandon()  # nothing worth writing: the previous files stay as they were
        else:
            report.triples = writer.finish()
            report.outputs = list(outputs)
    report.seconds = time.perf_counter() - t0
    return report
