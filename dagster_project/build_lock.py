"""One build at a time: an exclusive lock beside the warehouse file, held for a whole run.

DuckDB allows one writer per file, and two builds of the same warehouse would publish over each
other. A build takes `<warehouse>.lock` with `flock`: a second build waits its turn, saying
which build it waits for, instead of failing. The kernel releases the lock when the holding
process ends, killed or not, so a crash never leaves a stale lock behind.

The lock is re-entrant within a process: `koperasi run` takes it before parsing dbt, and the
Dagster run it starts in the same process takes it again without waiting for itself.
"""

from __future__ import annotations

import fcntl
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

# lock file -> (open descriptor, depth): what this process holds
_held: dict[Path, tuple[int, int]] = {}


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


def holder(warehouse: Path) -> str:
    """Who holds (or last held) the lock, as written in the lock file: `pid N on host since T`."""
    try:
        return lock_path(warehouse).read_text(encoding="utf-8").strip() or "another process"
    except OSError:
        return "another process"


@contextmanager
def build_lock(warehouse: Path, on_wait: Callable[[str], None] = print,
               timeout_s: float | None = None) -> Iterator[None]:
    """Hold the build lock of `warehouse`; when another build holds it, call `on_wait` once with
    a message naming that build, then wait (forever, or `timeout_s` then TimeoutError)."""
    path = lock_path(warehouse).resolve()
    if path in _held:
        descriptor, depth = _held[path]
        _held[path] = (descriptor, depth + 1)
        try:
            yield
        finally:
            descriptor, depth = _held[path]
            _held[path] = (descriptor, depth - 1)
        return

    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(descriptor, warehouse, on_wait, timeout_s)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, (f"the build started by pid {os.getpid()} on {socket.gethostname()} "
                               f"at {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC\n").encode(), 0)
        _held[path] = (descriptor, 1)
        try:
            yield
        finally:
            del _held[path]
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _acquire(descriptor: int, warehouse: Path, on_wait: Callable[[str], None], timeout_s: float | None) -> None:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    on_wait(f"{warehouse}: waiting for {holder(warehouse)} to finish (one build at a time)")
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    while True:  # polled rather than a blocking flock, so a timeout and Ctrl-C both work
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"{warehouse}: still locked by {holder(warehouse)} after {timeout_s:g} s") from None
            time.sleep(0.2)


def running_build(warehouse: Path) -> str | None:
    """The build holding the lock of `warehouse` right now (`the build started by pid N ...`),
    or None. For readers that must not wait (the analyst's app): a shared lock tried and let go
    at once, never created or held."""
    try:
        descriptor = os.open(lock_path(warehouse), os.O_RDONLY)
    except OSError:  # never built here, so nothing is building
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return holder(warehouse)
    else:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        return None
    finally:
        os.close(descriptor)
