"""The build: articles in, graph files out (read -> extract -> resolve -> rdf -> write)."""

from __future__ import annotations

import contextlib
import gc
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Article, ArticleProblem, iter_articles
from .export import format_for, write_graph
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


def build_dataset(paths: Iterable[str | Path], jobs: int = 1, report: BuildReport | None = None,
                  progress: Callable[[str], None] | None = None) -> tuple[Quads, BuildReport]:
    """Read, extract, resolve and map the articles under `paths` into a graph (`rdf.Quads`)."""
    with _few_collections():
        return _build_dataset(paths, jobs, report, progress)


def _build_dataset(paths, jobs, report, progress) -> tuple[Quads, BuildReport]:
    report = report or BuildReport()
    t0 = time.perf_counter()
    done: list[tuple[Article, list]] = []
    for item in extract_corpus(iter_articles(paths), jobs):
        if isinstance(item, ArticleProblem):
            report.problems.append(item)
        else:
            art, facts = item
            report.articles += 1
            report.words += len(art.text.split())
            # keep the facts, not the text: memory grows with facts only
            done.append((Article(art.id, art.source, "", art.lang, art.title, art.url, art.published, art.outlet),
                         facts))
        if progress:
            progress(getattr(item, "source", None) or item[0].source)
    resolver = Resolver()
    for _, facts in done:
        resolver.learn(facts)
    builder = GraphBuilder()
    for art, facts in done:
        resolved = [resolver.fact(f) for f in facts]
        for f in resolved:
            report.facts[FACT_LABEL[type(f)]] += 1
        builder.add_article(art, resolved)
    report.seconds = time.perf_counter() - t0
    return builder.ds, report


def build(paths: Iterable[str | Path] = ("articles",), outputs: Iterable[str | Path] = DEFAULT_OUTPUTS,
          jobs: int = 1, progress: Callable[[str], None] | None = None, strict: bool = False) -> BuildReport:
    """Build the graph of the articles under `paths` and write it to each of `outputs`.

    With strict=True nothing is written when any file or line had to be skipped.
    """
    outputs = [Path(o) for o in outputs]
    for o in outputs:
        format_for(o)  # fail before the work, not after
    ds, report = build_dataset(paths, jobs, progress=progress)
    report.triples = len(ds)
    if (strict and report.skipped) or report.articles == 0:
        return report  # nothing worth writing: the previous files stay as they were
    t0 = time.perf_counter()
    for o in outputs:
        report.outputs.append(write_graph(ds, o))
    report.seconds += time.perf_counter() - t0
    return report
