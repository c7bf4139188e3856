"""Dagster resources: the DuckDB warehouse and dbt, both pointed at the same file."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from dagster_project import warehouse


class Warehouse(dg.ConfigurableResource):
    """The DuckDB warehouse file. Connections are opened per use and always closed, so dbt
    (a separate process) can take the single writer lock between steps."""

    path: str

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        with warehouse.connect(Path(self.path), read_only=read_only) as con:
            yield con

    def replace_table(
        self, table: str, columns: dict[str, str], rows: Sequence[Sequence[object]], comment: str
    ) -> None:
        with self.connect() as con:
            warehouse.replace_table(con, table, columns, rows, comment)

    def preview(self, table: str, columns: str = "*", limit: int = 5) -> str:
        with self.connect(read_only=True) as con:
            return warehouse.markdown_preview(con, table, columns, limit)
