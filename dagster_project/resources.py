"""Dagster resources: the DuckDB warehouse and dbt, both pointed at the same file."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from dagster_project import warehouse
from dagster_project.abandoned_runs import fail_abandoned_runs
from dagster_project.build_lock import build_lock
from dagster_project.publication import WarehouseBuild


class Warehouse(dg.ConfigurableResource):
    """The DuckDB warehouse file, built and published atomically by each run.

    A run holds the build lock from start to end (a second build waits its turn), writes into a
    copy of the published file made on its first write, and publishes the copy when it ends
    with no failed step and no failed error-level check (dagster_project/publication.py).
    Connections are opened per use and always closed, so dbt (a separate process) can take the
    single writer lock of the copy between steps.
    """

    path: str  # the published file, the one users query

    _build: WarehouseBuild | None = PrivateAttr(default=None)
    _writing: bool = PrivateAttr(default=False)

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator[Warehouse]:
        published = Path(self.path)
        log = context.log
        with build_lock(published, on_wait=log.warning if log else print):
            if context.instance is not None and log is not None:
                fail_abandoned_runs(context.instance, log.warning,
                                    except_run_id=context.run.run_id if context.run else None)
            self._build, self._writing = WarehouseBuild(published), False
            try:
                yield self
            except BaseException:
                self._finish(context, ["the run was interrupted"])
                raise
            self._finish(context, _audit(context))

    def _finish(self, context: dg.InitResourceContext, failures: list[str]) -> None:
        build, self._build = self._build, None
        if build is None or not self._writing:
            return  # the run wrote nothing: nothing to publish
        log = context.log
        if failures:
            kept = build.keep_failed()
            if log:
                log.error(f"The warehouse {build.published} was NOT changed: {'; '.join(failures)}. "
                          f"The unpublished build is kept for inspection at {kept}.")
            return
        build.publish(on_wait=log.warning if log else print)
        if log:
            log.info(f"Published the warehouse {build.published} (every error-level check passed).")

    @property
    def database(self) -> Path:
        """The file a step writes: the run's build copy (made on first use), or the published
        file outside a run."""
        if self._build is None:
            return Path(self.path)
        if not self._writing:
            self._build.start()
            self._writing = True
        return self._build.build

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        # reads see the run's own writes once it has made any, the published file before
        path = Path(self.path) if read_only and not self._writing else self.database
        with warehouse.connect(path, read_only=read_only) as con:
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


def _audit(context: dg.InitResourceContext) -> list[str]:
    """Why this run must not be published: its failed steps and failed error-level checks."""
    if context.instance is None or context.run is None:
        return []
    records = context.instance.get_records_for_run(
        context.run.run_id,
        of_type={dg.DagsterEventType.STEP_FAILURE, dg.DagsterEventType.ASSET_CHECK_EVALUATION},
    ).records
    failures = []
    for record in records:
        event = record.event_log_entry.dagster_event
        if event is None:
            continue
        if event.event_type == dg.DagsterEventType.STEP_FAILURE:
            failures.append(f"step {event.step_key} failed")
            continue
        evaluation = event.event_specific_data
        if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:
            failures.append(f"check {evaluation.asset_key.to_user_string()}:{evaluation.check_name} failed")
    return failures


def table_metadata(con: duckdb.DuckDBPyConnection, table: str, columns: str = "*") -> dict[str, Any]:
    """What the Dagster UI shows of a table: its row count and a preview of its first rows."""
    (row_count,) = con.execute(f"select count(*) from {table}").fetchone()
    return {
        "dagster/row_count": row_count,
        "table": table,
        "preview": dg.MetadataValue.md(warehouse.markdown_preview(con, table, columns)),
    }
