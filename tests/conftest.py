from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
from pathlib import Path

import pytest

from diplograph.corpus import Article
from diplograph.extract import extract
from diplograph.lexicon import load_lexicon

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True, scope="session")
def _own_store(tmp_path_factory):
    """No test writes into the user's graphs/store: commands that take the default store (the CLI, in this
    process or a child, and the Python API) get one of the test session's own."""
    import os

    old = os.environ.get("DIPLOGRAPH_STORE")
    os.environ["DIPLOGRAPH_STORE"] = str(tmp_path_factory.mktemp("default-store") / "store")
    yield
    if old is None:
        os.environ.pop("DIPLOGRAPH_STORE", None)
    else:
        os.environ["DIPLOGRAPH_STORE"] = old


@pytest.fixture(scope="session")
def lex():
    return load_lexicon()


def read(text: str, lang: str, published: dt.date | None = None, aid: str = "t") -> list:
    """Facts of a one-off article."""
    return extract(Article(aid, f"{aid}.txt", text, lang, published=published), load_lexicon())


def of_type(facts, cls):
    return [f for f in facts if isinstance(f, cls)]


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seed articles built once into Turtle and TriG."""
    from diplograph.build import build

    out = tmp_path_factory.mktemp("seed")
    report = build([ROOT / "articles"], [out / "g.ttl", out / "g.trig", out / "g.nt"])
    return out, report


@contextlib.contextmanager
def small_file_system(where: Path, size: str):
    """A tmpfs of `size` mounted at `where` (root only; the test is skipped elsewhere), unmounted after."""
    where.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    if r.returncode:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)
