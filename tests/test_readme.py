"""README.md tells the truth: its Python examples run as doctests, and every `diplograph` command of its shell
blocks runs, in order, in a fresh folder holding the seed articles; where a block of output follows a command,
the command prints exactly that."""

from __future__ import annotations

import doctest
import os
import re
import shlex
import shutil

import pytest
from click.testing import CliRunner

from diplograph.cli import main

from .conftest import ROOT

README = ROOT / "README.md"

#: commands that need a server of their own (they are tested against one in test_server.py and test_push.py)
NEEDS_SERVER = ("serve", "push", "--endpoint")


def blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of each fenced block, in order."""
    return [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w*)\n(.*?)^```$", text, re.M | re.S)]


def commands(body: str) -> list[str]:
    """The `diplograph` command lines of a shell block (continuations joined, comments dropped)."""
    out = []
    pending = ""
    for line in body.replace("\\\n", " ").splitlines():
        line = pending + line
        try:
            words = shlex.split(line, comments=True)
        except ValueError:  # a quoted argument that goes on over the next lines (a SPARQL query)
            pending = line + "\n"
            continue
        pending = ""
        while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):  # VAR=value before the command
            words.pop(0)
        if words and words[0] == "diplograph":
            out.append(shlex.join(words[1:]))
    return out


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "articles", tmp_path / "articles")
    (tmp_path / "tests").mkdir()
    os.symlink(ROOT / "tests" / "corpus", tmp_path / "tests" / "corpus")
    (tmp_path / "my_construct.rq").write_text("CONSTRUCT { ?m dg:memberState ?s ; dg:organisation ?o } "
                                              "WHERE { ?m dg:memberState ?s ; dg:organisation ?o }\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DIPLOGRAPH_STORE", raising=False)  # the README's default, graphs/store in this folder
    return tmp_path


def test_the_python_examples_give_what_they_show(folder):
    result = doctest.testfile(str(README), module_relative=False, optionflags=doctest.ELLIPSIS |
                              doctest.NORMALIZE_WHITESPACE, raise_on_error=False, verbose=False)
    assert result.attempted >= 10 and result.failed == 0


def test_every_command_runs_and_prints_what_the_readme_shows(folder):
    found = blocks(README.read_text(encoding="utf-8"))
    ran, checked = [], 0
    for i, (lang, body) in enumerate(found):
        if lang != "sh":
            continue
        last = None
        for cmd in commands(body):
            if any(word in shlex.split(cmd) for word in NEEDS_SERVER):
                continue
            r = CliRunner().invoke(main, shlex.split(cmd))
            assert r.exit_code == 0, (cmd, r.output[-500:], r.exception)
            ran.append(cmd)
            last = r
        following = found[i + 1] if i + 1 < len(found) else None
        if last is not None and following is not None and following[0] == "":
            assert last.stdout == following[1], (ran[-1], last.stdout)
            checked += 1
    assert len(ran) >= 15 and checked >= 3
    assert {c.split()[0] for c in ran} >= {"build", "remove", "queries", "query", "viz", "validate", "eval", "export"}
