"""Dagster resources: the DuckDB warehouse and dbt, both pointed at the same file."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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

    def replace_tables(self, loads: Sequence[warehouse.TableLoad]) -> None:
        """Several tables in one transaction: all replaced, or none."""
        with self.connect() as con:
            warehouse.replace_tables(con, loads)

    def table_metadata(self, table: str, columns: str = "*") -> dict[str, Any]:
        with self.connect(read_only=True) as con:
            return table_metadata(con, table, columns)


def table_metadata(con: duckdb.DuckDBPyConnection, table: str, columns: str = "*") -> dict[str, Any]:
    """What the Dagster UI shows of a table: its row count and a preview of its first rows."""
    (row_count,) = con.execute(f"select count(*) from {table}").fetchone()
    return {
        "dagster/row_count": row_count,
        "table": table,
        "preview": dg.MetadataValue.md(warehouse.markdown_preview(con, table, columns)),
    }
