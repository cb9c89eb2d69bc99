"""The files one run writes: every temporary file in one hidden folder per run, and all outputs appearing together.

A run (a build, an export) opens an `OutputSet` for its outputs before it starts working. That makes one folder,
`.diplograph-tmp.NNNN/`, beside the outputs (one per folder the outputs go to: a rename is atomic only within a file
system), holding everything the run writes before it is done: the outputs being written, the merged graph and its
sort's spill files, an in-memory build's facts. The run holds a lock on each of its folders (`flock`: the kernel
drops it when the process dies, however it dies).

`commit()` makes the outputs appear together: when every output is complete it writes a journal of the renames
into each folder of the run, renames every output into place, then removes the folders. A run killed at any moment
leaves either no journal (nothing renamed: the previous outputs stand) or a journal whose every temporary file is
complete; the next run that writes beside them (`recover`, called when an `OutputSet` opens) finds the folders
whose lock nobody holds, finishes the renames of a journal, and removes the folders. The folders of a live run
(another build writing there now) are left alone: their lock is held.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import DiplographError

PREFIX = ".diplograph-tmp."
_NEW = ".diplograph-new."  # a run's folder while its lock is being set up (renamed to PREFIX... once held)
_LOCK, _MEMBERS, _JOURNAL = "lock", "set.json", "renames.json"
#: a run's folder without its lock file is one being made or removed; older than this, it is a leftover
_GRACE = 60.0


class OutputError(DiplographError):
    """An output folder that cannot be written (read-only, full, not a folder)."""


def problem(path: Path | str, exc: OSError) -> OutputError:
    """One line naming the folder and what is wrong with it."""
    why = exc.strerror or str(exc) or exc.__class__.__name__
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        for p in (Path(path), *Path(path).parents):
            if p.exists() and not p.is_dir():
                why = f"{p} is a file, not a folder"
                break
    return OutputError(f"{path}: cannot be written there ({why}); the previous files there are intact")


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_json(path: Path, data: object) -> None:
    tmp = path.with_name(path.name + ".new")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _try_lock(folder: Path) -> int | None:
    """The lock of a run's folder taken (its fd), or None when a live run holds it or it has no lock file."""
    try:
        fd = os.open(folder / _LOCK, os.O_RDWR)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _pid_alive(name: str) -> bool:
    """Whether the process a `.diplograph-new.PID.` folder names still runs (a folder being set up)."""
    try:
        pid = int(name[len(_NEW):].split(".", 1)[0])
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (ValueError, OSError):
        return True
    return True


def _remove(folder: Path) -> None:
    """A run's folder removed, its lock file last (a folder without one is known to be on its way out)."""
    with contextlib.suppress(FileNotFoundError):
        for p in folder.iterdir():
            if p.name == _LOCK:
                continue
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)
    (folder / _LOCK).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        folder.rmdir()


def _canonical(path: Path | str) -> Path:
    """A path with its folder's real path (links and `..` resolved; the name itself kept, so an output that is a
    link is replaced, not what it points to): the same folder is always named the same way in journals."""
    p = Path(os.path.abspath(path))
    return Path(os.path.realpath(p.parent)) / p.name


def _ours(folder: Path) -> bool:
    """A run folder this user made: a real folder (not a link) owned by this user, named as run folders are. Any
    other is never touched, whatever its files say (the temporary folder is shared with other users)."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return (stat.S_ISDIR(st.st_mode) and folder.name.startswith((PREFIX, _NEW))
            and (not hasattr(os, "getuid") or st.st_uid == os.getuid()))


def _roll_forward(journal: dict, members: list[Path]) -> None:
    """The renames of a journal that are what a run does: a file of one of its folders to the same name in the
    folder that holds it. Anything else in a journal is ignored."""
    pairs = journal.get("renames", []) if isinstance(journal, dict) else []
    done = set()
    for pair in pairs if isinstance(pairs, list) else []:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            continue
        tmp, target = Path(pair[0]), Path(pair[1])
        if tmp.parent not in members or target != tmp.parent.parent / tmp.name:
            continue
        if os.path.lexists(tmp):
            os.replace(tmp, target)
            done.add(target.parent)
    for folder in done:
        _fsync_dir(folder)


def recover(folders: Iterable[Path | str]) -> list[Path]:
    """Leftovers of dead runs in these folders finished (a journal's renames) or rolled back, and removed.

    Folders of live runs are left alone. Returns the run folders removed."""
    removed: list[Path] = []
    for folder in dict.fromkeys(Path(os.path.realpath(f)) for f in folders):
        try:
            found = [p for p in folder.iterdir() if p.name.startswith((PREFIX, _NEW)) and p.is_dir()]
        except OSError:
            continue
        for run in found:
            if not run.exists():  # removed as a member of a set met earlier
                continue
            if not _ours(run):
                continue
            if run.name.startswith(_NEW) or not (run / _LOCK).exists():
                with contextlib.suppress(OSError):
                    if time.time() - run.stat().st_mtime > _GRACE or not _pid_alive(run.name):
                        _remove(run)
                        removed.append(run)
                continue
            members = _read_json(run / _MEMBERS)
            members = [Path(m) for m in members if isinstance(m, str)] if isinstance(members, list) else []
            members = [m for m in members if m == run or (m.is_absolute() and _ours(m) and m.name.startswith(PREFIX))]
            if run not in members:
                members.append(run)
            locks: list[int] = []
            try:
                for m in members:  # every folder of the dead run is ours to handle, or none is
                    if not m.exists():
                        continue
                    fd = _try_lock(m)
                    if fd is None:
                        break
                    locks.append(fd)
                else:
                    journals = [_read_json(m / _JOURNAL) for m in members if m.exists()]
                    journal = next((j for j in journals if isinstance(j, dict)), None)
                    if journal is not None:  # killed while renaming: every output is complete, finish
                        _roll_forward(journal, members)
                    for m in members:
                        if m.exists():
                            _remove(m)
                            removed.append(m)
            finally:
                for fd in locks:
                    os.close(fd)
    return removed


class OutputSet:
    """The outputs of one run and the folder(s) their temporary files go to; see the module's docstring.

    >>> with OutputSet([Path("graphs/a.ttl"), Path("graphs/a.trig")]) as outs:   # doctest: +SKIP
    ...     outs.path_for(Path("graphs/a.ttl")).write_bytes(...)
    ...     outs.commit()

    Without outputs, the run's folder is made in the system's temporary folder (scratch space only). `also`
    names more folders whose leftovers are cleaned when the set opens."""

    def __init__(self, targets: Iterable[Path | str] = (), home: Path | str | None = None,
                 also: Iterable[Path | str] = ()) -> None:
        self.targets = list(dict.fromkeys(_canonical(t) for t in targets))
        parents = [t.parent for t in self.targets] or [Path(home) if home else Path(tempfile.gettempdir())]
        self.parents = list(dict.fromkeys(Path(os.path.realpath(p)) for p in parents))
        self.also = [Path(a) for a in also]  # more folders to clean on opening (where earlier runs wrote)
        self.dirs: dict[Path, Path] = {}
        self._locks: list[int] = []
        self.committed = False

    # -------------------------------------------------------------- opening and closing

    def open(self) -> OutputSet:
        scan = [*self.parents, *self.also, Path(tempfile.gettempdir())]
        recover(p for p in scan if p.is_dir())
        try:
            for parent in self.parents:
                new = None
                try:
                    parent.mkdir(parents=True, exist_ok=True)
                    new = Path(tempfile.mkdtemp(prefix=f"{_NEW}{os.getpid()}.", dir=parent))
                    fd = os.open(new / _LOCK, os.O_RDWR | os.O_CREAT, 0o644)
                    self._locks.append(fd)
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    os.pwrite(fd, str(os.getpid()).encode(), 0)
                    d = parent / (PREFIX + new.name.rsplit(".", 1)[1])
                    os.rename(new, d)  # only now can another run see it, its lock held
                except OSError as exc:
                    if new is not None:
                        shutil.rmtree(new, ignore_errors=True)
                    raise problem(next((t for t in self.targets if t.parent == parent), parent), exc) from exc
                self.dirs[parent] = d
            for d in self.dirs.values():
                try:
                    _write_json(d / _MEMBERS, [str(x) for x in self.dirs.values()])
                except OSError as exc:
                    raise problem(d.parent, exc) from exc
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        """Remove the run's folders (what was not committed is dropped), unless a commit stopped half-way: then
        its journal stays for the next run to finish."""
        half_done = any((d / _JOURNAL).exists() for d in self.dirs.values())
        if not half_done:
            for d in self.dirs.values():
                _remove(d)
        for fd in self._locks:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._locks = []
        self.dirs = {}

    def __enter__(self) -> OutputSet:
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()

    # -------------------------------------------------------------- where things go

    @property
    def scratch(self) -> Path:
        """The run's folder for scratch files (beside the first output)."""
        return self.dirs[self.parents[0]]

    def path_for(self, target: Path | str) -> Path:
        """Where an output is written before it is renamed into place (same name, inside the run's folder)."""
        t = _canonical(target)
        return self.dirs[t.parent] / t.name

    def error(self, exc: OSError) -> OutputError:
        """An OSError met while writing the outputs as one line naming the folder it happened in."""
        where = self.parents[0]
        name = str(exc.filename or "")
        for parent, d in self.dirs.items():
            if name.startswith(str(d)):
                where = parent
        return problem(where, exc)

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """OSErrors (a full disk, a read-only folder) become one line naming the folder."""
        try:
            yield
        except OSError as exc:
            raise self.error(exc) from exc

    # -------------------------------------------------------------- all at once

    def commit(self) -> list[Path]:
        """Rename every output written into place, all or none (the journal makes a kill half-way recoverable)."""
        umask = os.umask(0)
        os.umask(umask)
        pairs = [(self.path_for(t), t) for t in self.targets if self.path_for(t).exists()]
        with self.writing():
            for tmp, _ in pairs:
                os.chmod(tmp, 0o666 & ~umask)  # outputs are ordinary files, readable as the user's others
                with open(tmp, "rb") as fh:
                    os.fsync(fh.fileno())
            journal = {"renames": [[str(tmp), str(t)] for tmp, t in pairs]}
            try:
                for d in self.dirs.values():
                    _write_json(d / _JOURNAL, journal)
                    _fsync_dir(d)
            except BaseException:  # nothing renamed yet: roll back
                for d in self.dirs.values():
                    (d / _JOURNAL).unlink(missing_ok=True)
                raise
        for tmp, target in pairs:
            os.replace(tmp, target)
        for parent in self.parents:
            _fsync_dir(parent)
        for d in self.dirs.values():
            (d / _JOURNAL).unlink(missing_ok=True)
        self.committed = True
        return [t for _, t in pairs]


def die_with_parent(parent: int | None = None) -> None:
    """In a child process (a worker, `sort`): the kernel ends it when its parent dies, even by SIGKILL (Linux
    prctl PR_SET_PDEATHSIG), so a killed run leaves no process behind. With `parent` (the pid the child was
    started by), a child whose parent is already gone ends at once. Elsewhere a no-op."""
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:
        os._exit(1)
