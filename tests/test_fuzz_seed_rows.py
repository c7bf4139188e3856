"""Over 50 broken seed rows, generated: each is reported before dbt runs, naming its seed file and
line (and nothing is built from it: see tests/test_publication.py for a build with a broken seed,
which publishes nothing)."""

from __future__ import annotations

import csv
import io
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from dagster_project import settings
from dagster_project.domain.official_regions import official_regions
from dagster_project.domain.seeds import SeedError, check_seeds

REGION_CODES = {"ID", *(r.region_code for r in official_regions())}


@dataclass(frozen=True)
class BrokenRow:
    case: str
    seed: str  # file stem under dbt/seeds
    line: int  # the line the message must name (1 = header)
    edit: Callable[[list[list[str]]], None]  # changes the parsed rows (header included) in place


def _set(column: str, value: str, line: int) -> Callable[[list[list[str]]], None]:
    def edit(rows: list[list[str]]) -> None:
        rows[line - 1][rows[0].index(column)] = value
    return edit


def _append_copy_of(line: int) -> Callable[[list[list[str]]], None]:
    def edit(rows: list[list[str]]) -> None:
        rows.append(list(rows[line - 1]))
    return edit


def _reshape(line: int, extra: int) -> Callable[[list[list[str]]], None]:
    def edit(rows: list[list[str]]) -> None:
        rows[line - 1] = rows[line - 1] + ["x"] * extra if extra > 0 else rows[line - 1][:extra]
    return edit


def _rows(seed: str) -> list[list[str]]:
    with (settings.DBT_PROJECT_DIR / "seeds" / f"{seed}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def broken_rows() -> list[BrokenRow]:
    rng = random.Random(7)
    figures = _rows("cooperative_figures")
    header = figures[0]
    count_lines = [n for n, row in enumerate(figures[1:], start=2) if row[header.index("unit")] == "count"]
    percent_lines = [n for n, row in enumerate(figures[1:], start=2) if row[header.index("unit")] == "percent"]
    any_line = lambda: rng.randrange(2, len(figures) + 1)  # noqa: E731
    cases: list[BrokenRow] = []

    def add(case: str, seed: str, line: int, edit: Callable[[list[list[str]]], None]) -> None:
        cases.append(BrokenRow(f"{seed}:{case}:line{line}", seed, line, edit))

    for value in ("-5", "12.5", "abc", "3.027", "", "1e5", "-0.5", "١٢"):
        line = rng.choice(count_lines)
        add(f"count_{value or 'empty'}", "cooperative_figures", line, _set("value", value, line))
    for value in ("150", "-1", "100.5"):
        line = rng.choice(percent_lines)
        add(f"percent_{value}", "cooperative_figures", line, _set("value", value, line))
    for column, values in {"region_code": ("99.99", "16.7", "", "XX"), "scope": ("semua", ""),
                           "status": ("activ", "aktif"), "cooperative_type": ("KSP", ""), "unit": ("unit", "%"),
                           "is_approximate": ("yes", "2"), "is_lower_bound": ("ya",),
                           "as_of_date": ("2022-13-01", "13/06/2022", "2022-02-30"),
                           "breakdown_complete": ("maybe",), "article_id": ("999_unknown", ""),
                           "evidence": ("Kalimat yang tidak ada di artikel: 502 unit.", "")}.items():
        for value in values:
            line = any_line()
            add(f"{column}_{value or 'empty'}", "cooperative_figures", line, _set(column, value, line))
    line = rng.choice(count_lines)
    value = str(int(float(figures[line - 1][header.index("value")])) + 1)
    add("value_not_in_evidence", "cooperative_figures", line, _set("value", value, line))
    for line in rng.sample(range(2, len(figures) + 1), 3):
        add(f"duplicate_of_{line}", "cooperative_figures", len(figures) + 1, _append_copy_of(line))
    for extra in (1, -1, -3):
        line = any_line()
        add(f"fields_{extra:+d}", "cooperative_figures", line, _reshape(line, extra))
    line = rng.choice([n for n, row in enumerate(figures[1:], start=2) if row[header.index("is_lower_bound")] == "false"])
    add("lower_bound_not_approximate", "cooperative_figures", line,
        lambda rows, line=line: (_set("is_lower_bound", "true", line)(rows), _set("is_approximate", "false", line)(rows)))

    add("published_date", "article_metadata", 3, _set("published_date", "2022-02-30", 3))
    add("unknown_article", "article_metadata", 2, _set("article_id", "999_unknown", 2))
    add("duplicate", "article_metadata", len(_rows("article_metadata")) + 1, _append_copy_of(2))
    aliases = _rows("region_aliases")
    add("level", "region_aliases", 5, _set("level", "planet", 5))
    add("needs_context", "region_aliases", 9, _set("needs_context", "ya", 9))
    add("duplicate", "region_aliases", len(aliases) + 1, _append_copy_of(12))
    add("fields", "region_aliases", 20, _reshape(20, 2))
    add("region_code", "region_history", 2, _set("region_code", "99", 2))
    add("established_on", "region_history", 3, _set("established_on", "2012-02-31", 3))
    add("split_from_code", "region_history", 4, _set("split_from_code", "00", 4))
    add("acknowledged_on", "acknowledged_findings", 2, _set("acknowledged_on", "21/11/2026", 2))
    add("duplicate", "acknowledged_findings", 3, _append_copy_of(2))
    assert len({c.case for c in cases}) == len(cases), "case names are unique"
    return cases


CASES = broken_rows()


def test_there_are_at_least_50_cases() -> None:
    assert len(CASES) >= 50


@pytest.mark.parametrize("broken", CASES, ids=[c.case for c in CASES])
def test_a_broken_seed_row_is_named_by_file_and_line(broken: BrokenRow, tmp_path: Path) -> None:
    project = tmp_path / "dbt"
    shutil.copytree(settings.DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    rows = _rows(broken.seed)
    broken.edit(rows)
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    (project / "seeds" / f"{broken.seed}.csv").write_text(text.getvalue(), encoding="utf-8")

    with pytest.raises(SeedError) as error:
        check_seeds(project, REGION_CODES, settings.DEFAULT_ARTICLES_DIR)
    assert f"{broken.seed}.csv line {broken.line}" in str(error.value), str(error.value)
