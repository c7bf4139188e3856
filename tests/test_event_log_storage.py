"""The event log that keeps its database engines (dagster_project/event_log_storage.py): selected by
dagster.yaml, it stores what Dagster's own storage reads back from the same files, keeps a bounded
number of engines, and lets go of the files it wipes."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    SqliteEventLogStorage,
)

from dagster_project import event_log_storage, settings
from dagster_project.event_log_storage import PooledSqliteEventLogStorage

CHECKS = 5


@dg.asset(check_specs=[dg.AssetCheckSpec(f"check_{n}", asset="numbers") for n in range(CHECKS)])
def numbers() -> object:
    yield dg.MaterializeResult(metadata={"rows": 3})
    for n in range(CHECKS):
        yield dg.AssetCheckResult(check_name=f"check_{n}", passed=n != 2)


JOB = dg.Definitions(assets=[numbers]).resolve_implicit_global_asset_job_def()
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(settings.REPO_ROOT / "dagster_project" / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    return tmp_path


def _run(instance: dg.DagsterInstance) -> str:
    result = JOB.execute_in_process(instance=instance, run_config=QUIET)
    assert result.success
    return result.run_id


def test_dagsters_own_storage_reads_what_it_stored(home: Path) -> None:
    with dg.DagsterInstance.get() as instance:
        assert isinstance(instance.event_log_storage, PooledSqliteEventLogStorage)
        run_id = _run(instance)
        written = [(e.dagster_event_type, e.step_key) for e in instance.all_logs(run_id)]
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")  # Dagster's default storage
    with dg.DagsterInstance.get() as plain:
        assert type(plain.event_log_storage).__name__ == "SqliteEventLogStorage"
        read = [(e.dagster_event_type, e.step_key) for e in plain.all_logs(run_id)]
        evaluations = plain.event_log_storage.get_latest_asset_check_execution_by_key(
            [dg.AssetCheckKey(dg.AssetKey("numbers"), f"check_{n}") for n in range(CHECKS)])
        materialized = plain.get_latest_materialization_event(dg.AssetKey("numbers"))
    assert read == written and len(read) > 3 * CHECKS
    assert (home / "history" / "runs" / f"{run_id}.db").is_file()
    assert len(evaluations) == CHECKS and materialized is not None


def test_engines_are_bounded_and_let_go_on_wipe(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(event_log_storage, "MAX_ENGINES", 3)
    with dg.DagsterInstance.get() as instance:
        storage = instance.event_log_storage
        assert isinstance(storage, PooledSqliteEventLogStorage)
        run_ids = [_run(instance) for _ in range(4)]  # a run file each, and the index
        assert len(storage._engines) == 3
        assert len(instance.all_logs(run_ids[0])) > CHECKS  # read again through a new engine
        storage.wipe()
        assert list(storage._engines) == ["index"]  # wiping empties the index (kept): no run's file stays open
        assert not (home / "history" / "runs" / f"{run_ids[-1]}.db").exists()
        assert instance.all_logs(_run(instance))  # and it goes on writing


def test_a_wipe_by_another_storage_is_seen(home: Path) -> None:
    """Two processes on one folder (the webserver and a run): after one wipes, the other's events
    go into the new files, not into the deleted ones its engines had open."""
    folder = str(home / "history" / "runs")
    with dg.DagsterInstance.get() as instance:
        run_id = _run(instance)
        event = instance.all_logs(run_id)[0]
    first, second = PooledSqliteEventLogStorage(folder), PooledSqliteEventLogStorage(folder)
    try:
        assert first.get_logs_for_run(run_id) and second.get_logs_for_run(run_id)  # both hold engines
        first.wipe()
        assert first.get_logs_for_run(run_id) == []
        second.store_event(event)  # into the run's file made anew, which the other storage reads
        assert [e.run_id for e in first.get_logs_for_run(run_id)] == [run_id]
    finally:
        first.dispose()
        second.dispose()


def test_a_commit_is_flushed_at_checkpoints_only_in_wal_files(home: Path) -> None:
    """NORMAL sync (no flush per commit) only where SQLite's WAL keeps the file consistent anyway."""
    with dg.DagsterInstance.get() as instance:
        storage = instance.event_log_storage
        assert isinstance(storage, PooledSqliteEventLogStorage)
        run_id, other_run_id = _run(instance), _run(instance)
        with storage._connect(run_id) as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL; SQLite's default is 2
    with sqlite3.connect(home / "history" / "runs" / f"{other_run_id}.db") as older:
        older.execute("PRAGMA journal_mode=delete")  # as a file of an older tool may be
    storage = PooledSqliteEventLogStorage(str(home / "history" / "runs"))
    try:
        with storage._connect(other_run_id) as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL, as ever
    finally:
        storage.dispose()


def test_a_table_is_remembered_once_found_and_forgotten_on_wipe(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    dagsters = SqliteEventLogStorage.has_table
    monkeypatch.setattr(SqliteEventLogStorage, "has_table",
                        lambda self, name: asked.append(name) or dagsters(self, name))
    storage = PooledSqliteEventLogStorage(str(home / "history" / "runs"))
    try:
        assert storage.has_table("event_logs") and storage.has_table("event_logs")
        assert asked == ["event_logs"]  # the second answer came from memory, without a new engine
        assert not storage.has_table("made_later") and not storage.has_table("made_later")
        assert asked == ["event_logs", "made_later", "made_later"]  # a table not found is asked again
        with storage._connect("index") as connection:
            connection.exec_driver_sql("CREATE TABLE made_later (id INTEGER)")  # a migration adds it
        assert storage.has_table("made_later")
        with storage._connect("index") as connection:
            connection.exec_driver_sql("DROP TABLE made_later")
        storage.wipe()
        asked.clear()
        assert not storage.has_table("made_later") and asked == ["made_later"]  # forgotten: asked anew
    finally:
        storage.dispose()
