"""dbt-duckdb plugin: registers the project's Python parser of Indonesian numbers in DuckDB,
so dbt tests check figures with the same code the extractor uses."""

from __future__ import annotations

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb.sqltypes import DOUBLE, VARCHAR

from dagster_project.domain.numbers import evidence_numbers


class Plugin(BasePlugin):
    def configure_connection(self, conn: duckdb.DuckDBPyConnection) -> None:
        conn.create_function(
            "evidence_numbers",
            _evidence_numbers_or_null,
            [VARCHAR],
            duckdb.list_type(DOUBLE),
            null_handling="special",
            side_effects=False,
        )


def _evidence_numbers_or_null(text: str | None) -> list[float] | None:
    return None if text is None else evidence_numbers(text)
