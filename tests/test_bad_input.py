"""Bad input gets a clear error naming the file and line, and loses nothing already loaded."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dagster_project import settings
from dagster_project.domain.articles import ArticleError, read_article
from dagster_project.domain.official_regions import official_regions
from dagster_project.domain.seeds import SeedError, check_seed, check_seeds, seed_column_types
from dagster_project.warehouse import WarehouseLockedError, connect


def write(path: Path, content: bytes | str) -> Path:
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


# --- article files -------------------------------------------------------------------------

def test_plain_article_is_text_only(tmp_path: Path) -> None:
    article = read_article(write(tmp_path / "a_1.txt", "Ada 12 koperasi.\nBaris dua."))
    assert (article.article_id, article.text, article.header_title, article.header_date) == (
        "a_1", "Ada 12 koperasi.\nBaris dua.", None, None)


def test_header_lines_are_metadata_but_the_title_stays_text(tmp_path: Path) -> None:
    article = read_article(write(tmp_path / "b.txt",
                                 "TITLE: 49 Koperasi Tidak Aktif\nSOURCE: Harian X\nDATE: unknown\n\nIsi berita."))
    assert article.header_title == "49 Koperasi Tidak Aktif"
    assert article.header_source == "Harian X"
    assert article.header_date is None
    assert article.text == "49 Koperasi Tidak Aktif\n\nIsi berita."
    assert "SOURCE" not in article.text


@pytest.mark.parametrize(("content", "message"), [
    (b"", "b.txt: the file is empty"),
    (b"  \n\n", "b.txt: the file is empty"),
    (b"baris satu\nada 3.027 koperasi \xff\xfe rusak", "b.txt: not valid UTF-8 at byte 30 (line 2)"),
    (b"TITLE: x\nDATE: 13/05/2024\n\nteks", "b.txt: line 2: DATE must be"),
    (b"TITLE: x\nteks langsung", "b.txt: line 2: the header lines must be followed by a blank line"),
    (b"TITLE: x\nTITLE: y\n\nteks", "b.txt: line 2: header TITLE: given twice"),
])
def test_broken_article_names_file_and_line(tmp_path: Path, content: bytes, message: str) -> None:
    with pytest.raises(ArticleError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_article(write(tmp_path / "b.txt", content))


# --- seed files ----------------------------------------------------------------------------

def test_the_project_seeds_are_well_formed() -> None:
    check_seeds(settings.DBT_PROJECT_DIR)


def test_malformed_seed_rows_name_file_line_and_column(tmp_path: Path) -> None:
    types = seed_column_types(settings.DBT_PROJECT_DIR)["cooperative_figures"]
    lines = (settings.DBT_PROJECT_DIR / "seeds" / "cooperative_figures.csv").read_text(encoding="utf-8").splitlines()
    header, good = lines[0], lines[1]
    broken = good.replace(",502,", ",5.O2,")  # a typo in the value column
    short = "000_x,Kalsel,63"
    path = write(tmp_path / "cooperative_figures.csv", "\n".join([header, good, broken, short, good]) + "\n")
    assert check_seed(path, types) == [
        f"{path} line 3: column value: '5.O2' is not a number (write 3027, not 3.027)",
        f"{path} line 4: 3 fields, expected {len(types)}",
    ]


def test_unknown_region_code_names_file_and_line(tmp_path: Path) -> None:
    types = seed_column_types(settings.DBT_PROJECT_DIR)["cooperative_figures"]
    lines = (settings.DBT_PROJECT_DIR / "seeds" / "cooperative_figures.csv").read_text(encoding="utf-8").splitlines()
    path = write(tmp_path / "cooperative_figures.csv",
                 "\n".join([lines[0], lines[1], lines[2].replace(",16.07,", ",16.99,")]) + "\n")
    official = {r.region_code for r in official_regions()}
    assert "16.07" in official and "16.99" not in official
    assert check_seed(path, types, official) == [
        f"{path} line 3: column region_code: '16.99' is not a Kemendagri region code "
        "(see marts.dim_region; ID for Indonesia)"
    ]


def test_seed_header_must_match_the_declared_columns(tmp_path: Path) -> None:
    types = seed_column_types(settings.DBT_PROJECT_DIR)["region_history"]
    path = write(tmp_path / "region_history.csv", "region_code,established_on\n65,2012-10-25\n")
    (problem,) = check_seed(path, types)
    assert "line 1: header does not match" in problem and "split_from_code" in problem


def test_check_seeds_raises_with_every_problem(tmp_path: Path) -> None:
    project = tmp_path / "dbt"
    shutil.copytree(settings.DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    history = project / "seeds" / "region_history.csv"
    write(history, history.read_text(encoding="utf-8") + "97,kemarin,91,UU 0/2030\n")
    with pytest.raises(SeedError, match=r"region_history.csv line 7: column established_on: 'kemarin' is not a date"):
        check_seeds(project)


# --- a locked warehouse --------------------------------------------------------------------

@pytest.mark.slow
def test_locked_warehouse_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(path)!r})
            print("locked", flush=True)
            time.sleep(60)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(WarehouseLockedError) as error:
            with connect(path):
                pass
        assert f"locked by another process (pid {holder.pid})" in str(error.value)
        assert str(path) in str(error.value)
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    with connect(path) as con:  # free again once the holder is gone
        assert con.execute("select 1").fetchone() == (1,)
