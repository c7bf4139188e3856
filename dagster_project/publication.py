"""Write–audit–publish of the warehouse file: what users query changes only after a clean build.

A run never writes the published file (`data/warehouse.duckdb`). On its first write it copies
the published file to `<stem>.build.duckdb` and writes there (raw loaders, extraction and dbt
alike). When the run ends with no failed step and no failed error-level check, the copy is
checkpointed and renamed over the published file: one atomic `rename`, so a reader sees the old
warehouse or the new one, never half of each. Otherwise the copy is kept as
`<stem>.failed.duckdb` for inspection and the published file stays as it was.

Readers of the published file therefore never block a build (they hold the old file, which the
rename leaves untouched for them), and a killed build leaves only a stale copy, which the next
build discards.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dagster_project.warehouse import WarehouseLockedError, connect


def _sibling(published: Path, suffix: str) -> Path:
    return published.with_name(f"{published.stem}.{suffix}{published.suffix}")


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


@dataclass(frozen=True)
class WarehouseBuild:
    """The files of one build of the warehouse `published`."""

    published: Path

    @property
    def build(self) -> Path:
        return _sibling(self.published, "build")

    @property
    def failed(self) -> Path:
        return _sibling(self.published, "failed")

    def start(self) -> Path:
        """A fresh build file: a copy of the published warehouse (or nothing, for the first build).
        Whatever an earlier, killed build left behind is discarded."""
        _remove(self.build, _wal(self.build))
        if self.published.exists():
            if _wal(self.published).exists():
                # written in place by an older version of this project: fold its log in first
                with connect(self.published):
                    pass
            partial = _sibling(self.published, "copying")
            shutil.copyfile(self.published, partial)
            os.replace(partial, self.build)
        return self.build

    def publish(self, on_wait: Callable[[str], None] = print, timeout_s: float = 300) -> None:
        """Rename the finished build over the published file (atomic on one file system)."""
        _wait_for_writers(self.published, on_wait, timeout_s)
        con = duckdb.connect(str(self.build))
        try:
            con.execute("checkpoint")  # everything in the file itself, nothing left in a .wal
        finally:
            con.close()
        _fsync(self.build)
        _remove(_wal(self.published))  # a log of the old file must never be replayed on the new one
        os.replace(self.build, self.published)
        _fsync(self.published.parent)
        _remove(self.failed, _wal(self.failed))  # an older failure no longer says anything

    def keep_failed(self) -> Path | None:
        """Keep the unpublished build for inspection (replacing an older failed one)."""
        if not self.build.exists():
            return None
        _remove(self.failed, _wal(self.failed))
        os.replace(self.build, self.failed)
        if _wal(self.build).exists():
            os.replace(_wal(self.build), _wal(self.failed))
        return self.failed


def _wait_for_writers(published: Path, on_wait: Callable[[str], None], timeout_s: float) -> None:
    """Readers never delay a publication, but a process that opened the published file for
    writing (a duckdb shell without -readonly) would keep writing into the replaced file and
    lose its work: wait until it closes it."""
    deadline = time.monotonic() + timeout_s
    told = False
    while published.exists():
        try:
            with connect(published, read_only=True):  # raises WarehouseLockedError while a writer has it
                return
        except WarehouseLockedError as err:
            if time.monotonic() > deadline:
                raise
            if not told:
                on_wait(f"{err} Publishing the new build when it is closed.")
                told = True
            time.sleep(0.5)


def _remove(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
