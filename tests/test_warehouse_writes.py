"""A run's queries take their values as SQL literals (warehouse.sql_string, sql_strings): any key
or comment is quoted right, and a run binds no parameter, so DuckDB never imports pandas for one."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from dagster_project import settings
from dagster_project.warehouse import TableLoad, connect, replace_tables, sql_string, sql_strings

COLUMNS = {"article_id": "varchar not null", "value": "integer"}
HOSTILE_IDS = ["o'brien", "'; drop table raw.t; --", 'berita "koperasi"', "back\\slash", "tanda ''ganda''",
               "nul\x00char", "ünï 🙂", "$$dollar$$"]


def test_rows_of_hostile_keys_are_replaced_and_the_others_kept(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with connect(path) as con:
        replace_tables(con, [TableLoad("raw.t", COLUMNS, [(key, 1) for key in [*HOSTILE_IDS, "plain"]],
                                       "the article's rows ('quoted')")])
        replace_tables(con, [TableLoad("raw.t", COLUMNS, [(key, 2) for key in HOSTILE_IDS], "again",
                                       replacing=("article_id", HOSTILE_IDS))])
        rows = dict(con.execute("select article_id, value from raw.t").fetchall())
        comment = con.execute("select comment from duckdb_tables() where table_name = 't'").fetchone()
    assert rows == {**{key: 2 for key in HOSTILE_IDS}, "plain": 1}
    assert comment == ("again",)


def test_a_list_of_no_values_is_empty() -> None:
    con = duckdb.connect()
    assert con.execute(f"select 'x' in ({sql_strings([])}), 'x' not in ({sql_strings([])})").fetchone() == (False, True)
    assert con.execute(f"select 'it''s' in ({sql_strings(['it' + chr(39) + 's'])})").fetchone() == (True,)


def test_a_string_literal_refuses_a_nul_it_would_cut() -> None:
    with pytest.raises(ValueError, match="NUL"):
        sql_string("a\x00b")


def test_no_query_of_a_run_binds_a_parameter() -> None:
    """Every `execute(sql, values)` outside the analyst app (which is no run): none."""
    bound = []
    for path in sorted((settings.REPO_ROOT / "dagster_project").rglob("*.py")):
        if "app" in path.relative_to(settings.REPO_ROOT / "dagster_project").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("execute", "executemany", "sql", "query") and len(node.args) + len(node.keywords) > 1:
                bound.append(f"{path.name}:{node.lineno}")
    assert bound == []


def test_a_write_and_the_hand_score_import_no_pandas(tmp_path: Path) -> None:
    """Binding a parameter makes DuckDB's Python client import pandas and NumPy (0.4 to 0.6 s of
    every `koperasi run`); the run's writes and its summary's score bind none."""
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from dagster_project.warehouse import TableLoad, connect, replace_tables, sql_string, sql_strings
        from dagster_project.extraction_score import extraction_score_against_hand
        columns = {COLUMNS!r}
        with connect(Path({str(tmp_path / "w.duckdb")!r})) as con:
            replace_tables(con, [TableLoad("raw.t", columns, [("a", 1)], "first")])
            replace_tables(con, [TableLoad("raw.t", columns, [("a", 2)], "then", replacing=("article_id", ["a"]))])
            con.execute("create table raw.extracted_articles (article_id varchar)")
            con.execute("create table raw.extracted_figures as select '' as article_id, '' as region_code, "
                        "'' as scope, '' as status, '' as cooperative_type, '' as unit, 0.0 as value, "
                        "'' as evidence, 0 as figure_number where false")
            extraction_score_against_hand(con)
        print("pandas" in sys.modules)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=settings.REPO_ROOT,
                            check=True)
    assert result.stdout.strip() == "False"
