"""A copy of the repository that builds its own warehouse with the real `koperasi run`.

The tests that break seeds, kill builds or run two at once work on a copy, never on the
repository: the copy's `dagster_project` comes first on PYTHONPATH, so its settings point at the
copy's dbt project, articles and warehouse, and its Dagster home is its own.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dagster_project import settings

_COPIED = ("dagster_project", "dbt", "data/articles", "pyproject.toml")
_TIMESTAMPS = {"loaded_at", "extracted_at", "rejected_at", "failed_at"}
# digests of an article's input rows, timestamps included (macros/incremental_by_article.sql)
_DIGESTS = {"inputs_digest"}
# how the last dbt build went (full refresh or incremental, when): differs between equal warehouses
_BOOKKEEPING = {"raw.build_logic"}


@dataclass(frozen=True)
class RepoCopy:
    root: Path

    @classmethod
    def make(cls, folder: Path) -> RepoCopy:
        for part in _COPIED:
            source = settings.REPO_ROOT / part
            if source.is_dir():
                shutil.copytree(source, folder / part, ignore=shutil.ignore_patterns(
                    "target", "logs", "__pycache__", "*.duckdb*"))
            else:
                (folder / part).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, folder / part)
        (folder / "dagster_home").mkdir()
        shutil.copy2(folder / "dagster_project" / "dagster.yaml", folder / "dagster_home" / "dagster.yaml")
        return cls(folder)

    @property
    def warehouse(self) -> Path:
        return self.root / "data" / "warehouse.duckdb"

    @property
    def articles(self) -> Path:
        return self.root / "data" / "articles"

    @property
    def seeds(self) -> Path:
        return self.root / "dbt" / "seeds"

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONPATH": str(self.root), "DAGSTER_HOME": str(self.root / "dagster_home"),
                settings.WAREHOUSE_ENV: str(self.warehouse), settings.ARTICLES_ENV: str(self.articles)}

    def start(self, *command: str) -> subprocess.Popen[str]:
        """`koperasi COMMAND` of the copy, in a process group of its own (so it can be killed whole,
        dbt included)."""
        return subprocess.Popen([sys.executable, "-m", "dagster_project.cli", *(command or ("run",))],
                                cwd=self.root, env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, start_new_session=True)

    def run(self, *command: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
        process = self.start(*command)
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_group(process)
            raise
        return subprocess.CompletedProcess(process.args, process.returncode, output, "")


def kill_group(process: subprocess.Popen[str]) -> None:
    """kill -9 the process and everything it started (dbt)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()


def table_fingerprints(warehouse: Path) -> dict[str, tuple[int, int]]:
    """Every table and view of raw, staging and marts: its row count and the sum of its rows'
    hashes, timestamps of loading and extraction (and the digests that include them) aside."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        columns: dict[str, list[str]] = {}
        for schema, table, column in con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where table_schema in ('raw', 'staging', 'marts') order by table_schema, table_name, ordinal_position"
        ).fetchall():
            if column not in _TIMESTAMPS | _DIGESTS and f"{schema}.{table}" not in _BOOKKEEPING:
                columns.setdefault(f"{schema}.{table}", []).append(f'"{column}"')
        return {
            table: con.execute(f"select count(*), coalesce(sum(hash({', '.join(names)})), 0) from {table}").fetchone()
            for table, names in columns.items()
        }
    finally:
        con.close()
