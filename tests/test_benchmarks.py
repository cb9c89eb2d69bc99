"""The benchmark code runs (on the smallest sizes): `make bench` is not left to rot."""

from __future__ import annotations

import pytest
from benchmarks.__main__ import bench_build, bench_params, bench_serve, bench_store, bench_viz
from benchmarks.corpus import generate


def test_corpus_is_reproducible(tmp_path):
    a = generate(tmp_path / "a", 4)
    b = generate(tmp_path / "b", 4)
    assert [p.read_bytes() for p in sorted(a.iterdir())] == [p.read_bytes() for p in sorted(b.iterdir())]


def test_benchmarks_smoke(tmp_path):
    text = bench_build(tmp_path, sizes=[4], jobs_list=(1,))
    assert "articles/s" in text and "4 articles" in text
    text = bench_store(tmp_path, targets=[2000])
    assert "Oxigraph" in text and "NO" not in text.split("same rows")[1]
    text = bench_viz(tmp_path, sizes=[40], browser=False)
    assert "| 40 |" in text
    text = bench_params(tmp_path, n=12, runs=1)
    assert "`query memberships -p state=Hungary`" in text and "distinct facts" in text
    text = bench_serve(tmp_path, n=12, total=400, clients=4)
    assert "2 of 2 runaways stopped (504); 0 errors" in text and "Oxigraph `serve-read-only`" in text


@pytest.mark.slow
def test_store_benchmark_smoke(tmp_path):
    from benchmarks.__main__ import bench_home

    text = bench_home(tmp_path, n=30)
    assert "ROWS DIFFER" not in text and "same rows" in text and "add 100 articles" in text


@pytest.mark.slow
def test_questions_benchmark_smoke(tmp_path):
    from benchmarks.__main__ import ROOT, bench_questions

    from diplograph.build import build

    build([ROOT / "articles"], [], store=tmp_path / "store")
    text = bench_questions(tmp_path / "store", ROOT / "src")  # this checkout beside itself: the same rows
    assert "store of 2 articles" in text and "ROWS DIFFER" not in text and "query evidence --limit 100" in text
