"""Adding a row to a seed CSV: checked as the build checks it, then written atomically.

A row is validated with the project's seed checks (dagster_project/domain/seeds.py: column
types and region codes, the tests declared on the seed's staging model, and for hand figures the
value rules, the evidence in the article and the value read from the evidence) on the seed as it
would be, so a row the next build would refuse is never written. The file is then replaced by
a temporary file holding the old bytes unchanged and the new row after them: a crash leaves the
old file or the new one, never half of one, and every other row stays byte for byte.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from dagster_project import settings
from dagster_project.domain.seeds import (
    DeclaredTests,
    check_declared,
    check_figures,
    check_seed,
    declared_tests,
    seed_column_types,
    seed_rows,
)


class SeedRowRefused(ValueError):
    """The row breaks a check of the build; `problems` says which, nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def csv_line(header: list[str], row: Mapping[str, str]) -> bytes:
    """One CSV record in the seeds' dialect (minimal quoting, `\\n` line ends)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([row.get(column, "") for column in header])
    return out.getvalue().encode("utf-8")


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def appended(path: Path, row: Mapping[str, str]) -> bytes:
    """The file's bytes with the row added at the end (a missing final newline supplied)."""
    old = path.read_bytes()
    if old and not old.endswith(b"\n"):
        old += b"\n"
    return old + csv_line(header(path), row)


def problems_of_new_row(seed: str, content: bytes, region_codes: set[str] | None,
                        extra_check: Callable[[dict[str, str]], list[str]] | None = None) -> list[str]:
    """What the build's seed checks say about the last row of `content` (the seed `seed` as it
    would be written); the other rows are not this row's business."""
    project = settings.DBT_PROJECT_DIR
    column_types = seed_column_types(project)[seed]
    with tempfile.TemporaryDirectory() as folder:
        candidate = Path(folder) / f"{seed}.csv"
        candidate.write_bytes(content)
        rows = seed_rows(candidate, set(column_types))
        if not rows:
            return [line.split(": ", 1)[-1] for line in check_seed(candidate, column_types, region_codes)]
        last = rows[-1].line
        found = [problem for problem in check_seed(candidate, column_types, region_codes)
                 if f" line {last}: " in problem]
        found = [problem.split(f" line {last}: ", 1)[1] for problem in found]
        tests = declared_tests(project).get(seed, DeclaredTests())
        checks = list(check_declared(rows, tests, column_types, settings.articles_dir()))
        if seed == "cooperative_figures":
            checks += check_figures(rows, settings.articles_dir())
        found += [problem for line, problem in checks if line == last]
        if extra_check is not None and not found:
            found += extra_check(rows[-1].values)
    return found


def write_atomically(path: Path, content: bytes) -> None:
    """Replace the file by `content`: a temporary file beside it, flushed, renamed over it."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def append_row(seed: str, row: Mapping[str, str], region_codes: set[str] | None = None,
               extra_check: Callable[[dict[str, str]], list[str]] | None = None) -> Path:
    """Validate the row and append it to seeds/<seed>.csv; SeedRowRefused (nothing written) when
    a check fails. Returns the file written."""
    path = settings.seeds_dir() / f"{seed}.csv"
    content = appended(path, row)
    problems = problems_of_new_row(seed, content, region_codes, extra_check)
    if problems:
        raise SeedRowRefused(problems)
    write_atomically(path, content)
    return path
