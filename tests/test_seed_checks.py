"""The seed check before dbt: every broken row of a seed is named with its file, line, column
and a plain reason, all problems at once (a failing dbt test names only the test)."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BIN

from dagster_project import settings
from dagster_project.domain.seeds import SeedError, check_seeds, shown

BANYUASIN = "000_fad78c50e3a376a4"
ARTICLES = settings.DEFAULT_ARTICLES_DIR


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the dbt project, whose seeds a test may break."""
    shutil.copytree(settings.DBT_PROJECT_DIR, tmp_path / "dbt", ignore=shutil.ignore_patterns("target", "logs"))
    return tmp_path / "dbt"


def figures_csv(project: Path) -> Path:
    return project / "seeds" / "cooperative_figures.csv"


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def break_row(path: Path, line: int, **changes: str) -> dict[str, str]:
    """Change fields of the row on that line (line 2 is the first row); the row as it was."""
    fields, rows = read_rows(path)
    before = dict(rows[line - 2])
    rows[line - 2].update(changes)
    write_rows(path, fields, rows)
    return before


def problems(project: Path, articles: Path = ARTICLES) -> list[str]:
    with pytest.raises(SeedError) as error:
        check_seeds(project, articles_dir=articles)
    return str(error.value).splitlines()


def test_the_project_seeds_pass(project: Path) -> None:
    check_seeds(project, articles_dir=ARTICLES)


def test_line_3_is_banyuasins_active_count(project: Path) -> None:
    """The cases below break line 3; make sure it is the row they think it is."""
    _, rows = read_rows(figures_csv(project))
    assert (rows[1]["article_id"], rows[1]["status"], rows[1]["unit"], rows[1]["value"]) == (
        BANYUASIN, "active", "count", "146")


@pytest.mark.parametrize(("changes", "message"), [
    ({"value": "-5"}, "column value: -5 is not a whole positive count"),
    ({"value": "146.5"}, "column value: 146.5 is not a whole positive count"),
    ({"unit": "percent", "value": "146"}, "column value: 146 is a percentage outside 0-100"),
    ({"value": "147"}, "column value: 147 cannot be read from the evidence (it reads 146, 356)"),
    ({"evidence": "Dari jumlah tersebut koperasi aktif sebanyak 146 unit saja."},
     f"column evidence: not in article {BANYUASIN}.txt (whitespace-normalized): "
     "'Dari jumlah tersebut koperasi aktif sebanyak 146 unit saja.'"),
    ({"article_id": "999_missing"}, f"column article_id: no article file 999_missing.txt in {shown(ARTICLES)}"),
    ({"status": "aktif"}, "column status: 'aktif' is not one of all, active, inactive"),
    ({"evidence": ""}, "column evidence: empty, a value is required"),
    ({"is_lower_bound": "true"}, "column is_approximate: a lower bound (is_lower_bound true) is approximate too"),
    ({"as_of_date": "13/06/2022"}, "column as_of_date: '13/06/2022' is not YYYY, YYYY-MM or YYYY-MM-DD (ISO 8601: 2023, 2023-06 or 2023-06-13)"),
])
def test_a_broken_figure_names_file_line_and_problem(project: Path, changes: dict[str, str], message: str) -> None:
    break_row(figures_csv(project), 3, **changes)
    assert f"{figures_csv(project)} line 3: {message}" in problems(project)


def test_a_percentage_of_150(project: Path) -> None:
    fields, rows = read_rows(figures_csv(project))
    line = next(i for i, row in enumerate(rows, start=2) if row["unit"] == "percent")
    break_row(figures_csv(project), line, value="150")
    assert problems(project) == [
        f"{figures_csv(project)} line {line}: column value: 150 is a percentage outside 0-100",
        f"{figures_csv(project)} line {line}: column value: 150 cannot be read from the evidence (it reads 75, 25)",
    ]


def test_a_row_entered_twice_names_both_lines(project: Path) -> None:
    fields, rows = read_rows(figures_csv(project))
    duplicate = {**rows[1], "value": "146.0", "status": " Active"}  # the same once staged
    write_rows(figures_csv(project), fields, [*rows, duplicate])
    assert problems(project) == [
        f"{figures_csv(project)} line {len(rows) + 2}: the same article_id, region_code, scope, status, "
        "cooperative_type, unit, as_of_date, value as line 3 (a row entered twice)"
    ]


def test_evidence_is_compared_whitespace_normalized(project: Path) -> None:
    """A no-break space or a line break inside the evidence is a space, as in dbt."""
    before = read_rows(figures_csv(project))[1][1]["evidence"]
    break_row(figures_csv(project), 3, evidence=before.replace(" ", "\u00a0", 2).replace(" ", "\n  ", 1))
    check_seeds(project, articles_dir=ARTICLES)


def test_other_seeds_keys_and_values(project: Path) -> None:
    seeds = project / "seeds"
    metadata = seeds / "article_metadata.csv"
    lines = metadata.read_text(encoding="utf-8").splitlines()
    metadata.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    aliases = seeds / "region_aliases.csv"
    fields, rows = read_rows(aliases)
    rows[0]["level"] = "kota"
    write_rows(aliases, fields, rows)
    history = seeds / "region_history.csv"
    lines = history.read_text(encoding="utf-8").splitlines()
    history.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    found = problems(project)
    assert f"{metadata} line 7: the same article_id as line 2 (a row entered twice)" in found
    assert f"{aliases} line 2: column level: 'kota' is not one of country, province, regency, city" in found
    assert f"{history} line 7: the same region_code as line 2 (a row entered twice)" in found
    assert len(found) == 3


def test_mixed_line_endings_name_the_first_line_that_differs(project: Path) -> None:
    """A row appended with LF to a seed saved with CRLF (as the region aliases are): DuckDB's CSV
    sniffer then finds no dialect and `dbt seed` fails naming no line."""
    aliases = project / "seeds" / "region_aliases.csv"
    text = aliases.read_bytes()
    assert text.count(b"\r\n") == text.count(b"\n")  # the seed as kept: CRLF throughout
    aliases.write_bytes(text + b"Kaltimra,Kalimantan Timur,province,false,\n")
    lines = text.count(b"\n") + 1
    assert problems(project) == [f"{aliases} line {lines}: ends with LF where line 1 ends with CRLF (mixed line "
                                 "endings, which dbt seed cannot read): save the file with one kind"]


def test_every_problem_is_reported_at_once(project: Path) -> None:
    break_row(figures_csv(project), 3, value="-5")
    break_row(figures_csv(project), 5, article_id="999_missing")
    found = problems(project)
    assert [p.split(":")[0] for p in found] == [
        f"{figures_csv(project)} line 3", f"{figures_csv(project)} line 3", f"{figures_csv(project)} line 5"]


def test_an_article_file_missing_or_changed(tmp_path: Path) -> None:
    """The seeds are checked against the configured articles folder."""
    articles = tmp_path / "articles"
    shutil.copytree(ARTICLES, articles)
    (articles / f"{BANYUASIN}.txt").unlink()
    found = problems(settings.DBT_PROJECT_DIR, articles)
    assert found and all(f"column article_id: no article file {BANYUASIN}.txt" in p for p in found)


@pytest.mark.slow
def test_koperasi_run_names_the_seed_file_and_line(tmp_path: Path) -> None:
    """End to end: an article changed under its hand figures stops the build before dbt, and
    `koperasi run` prints the seed's file and line (the seeds themselves are not touched)."""
    articles = tmp_path / "articles"
    shutil.copytree(ARTICLES, articles)
    path = articles / f"{BANYUASIN}.txt"
    text = path.read_text(encoding="utf-8")
    assert "mencapai 502 unit" in text
    path.write_text(text.replace("mencapai 502 unit", "mencapai 520 unit"), encoding="utf-8")
    env = {**os.environ, settings.WAREHOUSE_ENV: str(tmp_path / "warehouse.duckdb"),
           settings.ARTICLES_ENV: str(articles), "DAGSTER_HOME": ""}
    result = subprocess.run([str(BIN / "koperasi"), "run"], env=env, cwd=settings.REPO_ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert (f"dbt/seeds/cooperative_figures.csv line 2: column evidence: not in article {BANYUASIN}.txt"
            in output), output[-4000:]
    assert "Failure in test" not in output  # stopped before dbt ran its tests
