"""What a run leaves behind when it is killed, when the disk is full or read-only, and what it writes when the
same articles come in another order: no temp files for ever, no mixed set of outputs, one line and exit 2, the
same bytes."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from benchmarks.corpus import generate
from click.testing import CliRunner

from diplograph.build import build
from diplograph.cli import main

from .conftest import ROOT, small_file_system

EXE = Path(sys.executable).parent / "diplograph"
SEEDS = ROOT / "articles"


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def _writing(folder: Path) -> bool:
    """Whether a run is writing its outputs there: a hidden file, or a run's folder with more than its lock."""
    try:
        for p in folder.iterdir():
            if p.name.startswith(".") and (p.is_file() or any(not x.name.startswith(("lock", "set.json"))
                                                              for x in p.iterdir())):
                return True
    except FileNotFoundError:  # a run's folder removed while we looked
        pass
    return False


def _corpus(d: Path, n: int) -> Path:
    d.mkdir()
    src = (SEEDS / "ots_diaspora_en.txt").read_text()
    for i in range(n):
        (d / f"a{i:04d}.txt").write_text(src.replace("Hungary", "Mongolia") if i % 2 else src)
    return d


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie nobody reaped yet has ended


# ---------------------------------------------------------------- temp files of a killed build


def test_temp_files_of_a_killed_build_are_removed_by_the_next(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    corpus = _corpus(tmp_path / "big", 60)
    proc = subprocess.Popen([str(EXE), "build", str(corpus), "--store", str(tmp_path / "store"),
                             "--out", str(out / "g.ttl"), "--out", str(out / "g.trig"), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not _writing(out):
        time.sleep(0.001)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert _hidden(out), "the build was not caught while writing"
    # the next build on that store starts by removing them, even one that writes no file there
    build([SEEDS], [], store=tmp_path / "store")
    assert _hidden(out) == [] and not list(out.iterdir())


_LIVE = textwrap.dedent("""
    import sys
    from pathlib import Path
    from diplograph.outputs import OutputSet

    target = Path(sys.argv[1])
    with OutputSet([target]) as outs:
        outs.path_for(target).write_text("written by a live build")
        print(outs.scratch, flush=True)
        sys.stdin.readline()  # the test says when to finish
        outs.commit()
""")


def test_a_live_builds_temp_folder_is_left_alone(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    live = subprocess.Popen([sys.executable, "-c", _LIVE, str(out / "live.txt")], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        folder = Path(live.stdout.readline().strip())
        assert folder.parent == out and folder.is_dir()
        build([SEEDS], [out / "g.ttl"])  # starts by cleaning the folder: the live run's is not a leftover
        assert folder.is_dir()
        live.stdin.write("go\n")
        live.stdin.flush()
        assert live.wait(30) == 0
    finally:
        live.kill()
    assert (out / "live.txt").read_text() == "written by a live build"
    assert _hidden(out) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_workers_die_with_a_killed_build(tmp_path):
    corpus = _corpus(tmp_path / "big", 400)
    proc = subprocess.Popen([str(EXE), "build", str(corpus), "--store", str(tmp_path / "store"), "-j", "2", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(children) < 2:
        time.sleep(0.05)
        try:
            children = [int(x) for x in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
        except FileNotFoundError:
            break
    assert len(children) == 2, "no workers seen"
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(c) for c in children):
        time.sleep(0.05)
    alive = [c for c in children if _alive(c)]
    for c in alive:
        os.kill(c, signal.SIGKILL)
    assert not alive, "workers outlived the build"


def test_a_forged_leftover_moves_or_removes_nothing_outside_its_folder(tmp_path):
    """The temporary folder is shared: a leftover's files decide nothing beyond the run's own files."""
    import json

    from diplograph.outputs import OutputSet

    out, victim = tmp_path / "out", tmp_path / "victim"
    out.mkdir()
    victim.mkdir()
    (victim / "precious.txt").write_text("keep me")
    run = out / ".diplograph-tmp.forged"
    run.mkdir()
    (run / "lock").write_text("")
    (run / "evil").write_text("evil")
    (run / "set.json").write_text(json.dumps([str(run), str(victim)]))
    (run / "renames.json").write_text(json.dumps({"renames": [[str(run / "evil"), str(victim / "precious.txt")],
                                                              [str(victim / "precious.txt"), str(out / "x")]]}))
    with OutputSet([out / "g.ttl"]):
        pass
    assert (victim / "precious.txt").read_text() == "keep me" and not (out / "x").exists()
    assert not run.exists()


# ---------------------------------------------------------------- all outputs together

_KILLED_AT_RENAME = textwrap.dedent("""
    import os, signal, sys
    from diplograph.build import build

    targets = {os.path.abspath(p) for p in sys.argv[2:]}
    real = os.replace

    def replace(src, dst, **kw):  # the process dies right after the first output is renamed into place
        real(src, dst, **kw)
        if os.path.abspath(dst) in targets:
            os.kill(os.getpid(), signal.SIGKILL)

    os.replace = replace
    build([sys.argv[1]], sys.argv[2:])
""")


def test_a_build_killed_between_its_renames_is_finished_by_the_next(tmp_path):
    out, ref = tmp_path / "out", tmp_path / "ref"
    names = ["g.ttl", "g.trig", "g.nq"]
    build([SEEDS], [out / n for n in names])
    old = {n: (out / n).read_bytes() for n in names}
    corpus = _corpus(tmp_path / "new", 3)
    build([corpus], [ref / n for n in names])
    new = {n: (ref / n).read_bytes() for n in names}
    r = subprocess.run([sys.executable, "-c", _KILLED_AT_RENAME, str(corpus), *(str(out / n) for n in names)],
                       capture_output=True)
    assert r.returncode == -signal.SIGKILL
    now = {n: (out / n).read_bytes() for n in names}
    assert now["g.ttl"] == new["g.ttl"] and now["g.trig"] == old["g.trig"]  # the mixed set the kill left
    build([SEEDS], [out / "other.nt"])  # the next run writing there finishes the set before anything else
    assert {n: (out / n).read_bytes() for n in names} == new
    assert _hidden(out) == []


def test_a_failure_before_the_renames_leaves_every_previous_output(tmp_path, monkeypatch):
    out = tmp_path / "out"
    names = ["g.ttl", "g.trig", "g.nq"]
    build([SEEDS], [out / n for n in names])
    old = {n: (out / n).read_bytes() for n in names}
    real = os.replace

    def failing(src, dst, **kw):  # the journal of the renames cannot be written: the disk is full
        if str(dst).endswith("renames.json"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return real(src, dst, **kw)

    monkeypatch.setattr(os, "replace", failing)
    r = CliRunner().invoke(main, ["build", str(_corpus(tmp_path / "new", 3)), "--store", str(tmp_path / "s"),
                                  *(x for n in names for x in ("--out", str(out / n)))])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert f"{out}: cannot be written there (No space left on device)" in r.output
    assert {n: (out / n).read_bytes() for n in names} == old
    assert _hidden(out) == []


def test_csv_tables_appear_together(tmp_path, monkeypatch):
    from diplograph import export as ex

    build([SEEDS], [tmp_path / "g.ttl"])
    ex.export([tmp_path / "g.ttl"], "csv", tmp_path / "csv")
    before = {p.name: p.read_bytes() for p in (tmp_path / "csv").iterdir()}
    calls = []

    def text_then_fail(tmp, text):
        calls.append(tmp)
        if len(calls) == 3:
            raise OSError(errno.EIO, "I/O error", str(tmp))
        tmp.write_text("changed", encoding="utf-8")

    monkeypatch.setattr(ex, "_write_text", text_then_fail)
    with pytest.raises(ex.DiplographError, match="cannot be written there"):
        ex.export([tmp_path / "g.ttl"], "csv", tmp_path / "csv")
    assert {p.name: p.read_bytes() for p in (tmp_path / "csv").iterdir()} == before


# ---------------------------------------------------------------- a full, read-only or impossible folder


@pytest.fixture()
def small_disk(tmp_path):
    """A 1 MB file system (tmpfs) where we may mount one (root); skipped elsewhere."""
    with small_file_system(tmp_path / "disk", "1m") as mnt:
        yield mnt


def _one_line_exit_2(r: subprocess.CompletedProcess, folder: Path, why: str) -> None:
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert f"{folder}: cannot be written there ({why}" in r.stderr, r.stderr


def test_a_full_disk_under_the_outputs(small_disk, tmp_path):
    names = ["g.ttl", "g.trig"]
    build([SEEDS], [small_disk / n for n in names])
    old = {n: (small_disk / n).read_bytes() for n in names}
    corpus = generate(tmp_path / "many", 25)  # about 1 MB of outputs: more than the disk holds
    r = subprocess.run([str(EXE), "build", str(corpus), "--store", str(tmp_path / "store"), "-q",
                        *(x for n in names for x in ("--out", str(small_disk / n)))], capture_output=True, text=True)
    _one_line_exit_2(r, small_disk, "No space left on device")
    assert {n: (small_disk / n).read_bytes() for n in names} == old
    assert sorted(p.name for p in small_disk.iterdir()) == sorted(names)  # no .sorted, no partial file


def test_a_read_only_output_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    build([SEEDS], [folder / "g.ttl"])
    old = (folder / "g.ttl").read_bytes()
    if os.geteuid() == 0:  # root writes through chmod: a read-only mount is the real thing
        r = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True)
        if r.returncode:
            pytest.skip("cannot make a read-only mount here")
        why = "Read-only file system"
    else:
        folder.chmod(0o555)
        why = "Permission denied"
    try:
        r = subprocess.run([str(EXE), "build", str(SEEDS), "--store", str(tmp_path / "store"), "-q",
                            "--out", str(folder / "g.ttl")], capture_output=True, text=True)
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(folder)], capture_output=True)
        else:
            folder.chmod(0o755)
    _one_line_exit_2(r, folder / "g.ttl", why)
    assert (folder / "g.ttl").read_bytes() == old and _hidden(folder) == []
    assert not (tmp_path / "store").exists()  # said before any work


@pytest.mark.parametrize("where", ["a-file/g.ttl", "a-file/deeper/g.ttl"])
def test_an_output_whose_parent_is_a_file(tmp_path, where):
    (tmp_path / "a-file").write_text("not a folder")
    r = subprocess.run([str(EXE), "build", str(SEEDS), "--store", str(tmp_path / "store"), "-q",
                        "--out", str(tmp_path / where)], capture_output=True, text=True)
    _one_line_exit_2(r, tmp_path / where, f"{tmp_path / 'a-file'} is a file, not a folder")
    assert (tmp_path / "a-file").read_text() == "not a folder"
    assert not (tmp_path / "store").exists()


# ---------------------------------------------------------------- order


def test_outputs_do_not_depend_on_the_order_articles_come_in(tmp_path):
    gen = generate(tmp_path / "gen", 4)
    files = sorted(p for p in gen.iterdir() if p.suffix == ".txt") + sorted(SEEDS.glob("*.txt"))
    names = ["g.trig", "g.nq", "g.ttl", "g.jsonld"]
    build(files, [tmp_path / "a" / n for n in names], store=tmp_path / "s1")
    build(files[::-1], [tmp_path / "b" / n for n in names], store=tmp_path / "s2")
    # ingested in another order, in three builds
    build(files[::-2], [], store=tmp_path / "s3")
    build(files[3:], [], store=tmp_path / "s3")
    build(files[::-1], [tmp_path / "c" / n for n in names], store=tmp_path / "s3")
    for n in names:
        assert (tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() == \
            (tmp_path / "c" / n).read_bytes(), n


def test_a_run_without_outputs_keeps_its_scratch_in_one_hidden_folder():
    from diplograph.outputs import OutputSet

    with OutputSet() as outs:
        d = outs.scratch
        assert d.name.startswith(".diplograph-tmp.") and d.is_dir()
    assert not d.exists()


def test_temp_folders_of_the_store_are_removed_on_start(tmp_path):
    store = tmp_path / "store"
    build([SEEDS], [], store=store)
    for leftover in (store / ".current.abc", store / "facts" / ".deadbeef.xyz", store / "snapshots" / ".9.tmp"):
        leftover.mkdir() if leftover.suffix == ".tmp" else leftover.write_text("half")
    build([SEEDS], [], store=store)
    assert not [p for p in store.rglob(".*") if p.name != ".lock"]
    shutil.rmtree(store)
