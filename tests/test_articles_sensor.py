"""The articles folder sensor, evaluated tick by tick on a temporary folder and warehouse:
no run while nothing changed or the warehouse already has the files, one run when a file is
added, changed or removed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.storage.dagster_run import DagsterRun

from dagster_project import settings
from dagster_project.abandoned_runs import PID_TAG, process_tags
from dagster_project.assets.raw import ARTICLE_COLUMNS, article_rows
from dagster_project.resources import Warehouse
from dagster_project.sensors import articles_changed_job, articles_folder_sensor

NEW_ARTICLE = ("TITLE: Koperasi Blora\n\nDi Kabupaten Blora tercatat 120 koperasi, terdiri dari 80 koperasi "
               "aktif dan 40 koperasi tidak aktif.\n")


class Ticks:
    """Evaluates the sensor like the daemon does: the cursor of one tick is given to the next."""

    def __init__(self, instance: dg.DagsterInstance) -> None:
        self.instance = instance
        self.cursor: str | None = None

    def tick(self) -> tuple[list[dg.RunRequest], str | None]:
        context = dg.build_sensor_context(instance=self.instance, cursor=self.cursor)
        data = articles_folder_sensor.evaluate_tick(context)
        self.cursor = data.cursor
        return list(data.run_requests or []), data.skip_message


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "articles"
    shutil.copytree(settings.DEFAULT_ARTICLES_DIR, path)
    monkeypatch.setenv(settings.ARTICLES_ENV, str(path))
    monkeypatch.setenv(settings.WAREHOUSE_ENV, str(tmp_path / "warehouse.duckdb"))
    return path


@pytest.fixture
def ticks() -> Iterator[Ticks]:
    with dg.instance_for_test() as instance:
        yield Ticks(instance)


def load_articles(folder: Path) -> None:
    """raw.articles as the loader writes it: what a run of the requested job would do first."""
    Warehouse(path=str(settings.warehouse_path())).replace_table(
        "raw.articles", ARTICLE_COLUMNS, article_rows(folder), "test")


def test_sensor_targets_raw_articles_and_everything_downstream() -> None:
    assert articles_folder_sensor.job_name == articles_changed_job.name == "articles_changed"
    assert articles_folder_sensor.default_status == dg.DefaultSensorStatus.RUNNING


def test_without_a_warehouse_nothing_runs_and_the_cursor_waits(folder: Path, ticks: Ticks) -> None:
    requests, skipped = ticks.tick()
    assert requests == [] and skipped is not None and "no warehouse yet" in skipped
    assert ticks.cursor is None  # so the first tick after a build compares again


def test_requests_a_run_only_when_the_folder_differs_from_the_warehouse(folder: Path, ticks: Ticks) -> None:
    load_articles(folder)

    # first tick: the warehouse has exactly these files -> cursor recorded, no run
    requests, skipped = ticks.tick()
    assert requests == [] and "already has these articles" in str(skipped)
    first_cursor = ticks.cursor
    assert first_cursor is not None

    # nothing changed
    requests, skipped = ticks.tick()
    assert requests == [] and "no article file added, changed or removed" in str(skipped)
    assert ticks.cursor == first_cursor

    # a file touched, its bytes unchanged: new cursor, still no run
    blora = folder / "004_7d66a8d6ae24eee9.txt"
    os.utime(blora, ns=(blora.stat().st_atime_ns, blora.stat().st_mtime_ns + 10**9))
    requests, skipped = ticks.tick()
    assert requests == [] and "already has these articles" in str(skipped)
    assert ticks.cursor != first_cursor

    # a new file: one run, tagged with what changed
    (folder / "005_blora_baru.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    requests, _ = ticks.tick()
    assert len(requests) == 1
    assert requests[0].tags["koperasi/articles_added"] == "1"
    assert requests[0].run_key == ticks.cursor
    # the next tick, before the run has loaded the file: no second request
    assert ticks.tick()[0] == []

    # the run loaded it; then a file is changed, then one removed: a run each
    load_articles(folder)
    blora.write_text(blora.read_text(encoding="utf-8") + "\nTambahan.\n", encoding="utf-8")
    (requests,), _ = ticks.tick()
    assert requests.tags["koperasi/articles_changed"] == "1"
    load_articles(folder)
    assert ticks.tick()[0] == []  # unchanged since
    (folder / "005_blora_baru.txt").unlink()
    (requests,), _ = ticks.tick()
    assert requests.tags["koperasi/articles_removed"] == "1"


def test_waits_while_a_run_is_queued_or_in_progress(folder: Path, ticks: Ticks) -> None:
    load_articles(folder)
    (folder / "005_blora_baru.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    run = ticks.instance.add_run(DagsterRun(job_name="__ASSET_JOB", status=dg.DagsterRunStatus.STARTED))
    requests, skipped = ticks.tick()
    assert requests == [] and "in progress" in str(skipped)
    assert ticks.cursor is None  # looks again next tick
    ticks.instance.report_run_canceled(run)
    requests, _ = ticks.tick()
    assert len(requests) == 1


@pytest.mark.slow
def test_a_run_whose_process_was_killed_is_marked_failed_and_no_longer_holds_the_queue(
        folder: Path, ticks: Ticks) -> None:
    load_articles(folder)
    (folder / "005_blora_baru.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    killed = subprocess.Popen(["sleep", "60"])
    killed.kill()
    killed.wait()
    run = ticks.instance.add_run(DagsterRun(job_name="__ASSET_JOB", status=dg.DagsterRunStatus.STARTED,
                                            tags={**process_tags(), PID_TAG: str(killed.pid)}))
    requests, _ = ticks.tick()
    assert ticks.instance.get_run_by_id(run.run_id).status == dg.DagsterRunStatus.FAILURE
    assert len(requests) == 1


@pytest.mark.slow
def test_a_locked_warehouse_is_looked_at_again_next_tick(folder: Path, ticks: Ticks) -> None:
    load_articles(folder)
    (folder / "005_blora_baru.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, time
            con = duckdb.connect({str(settings.warehouse_path())!r})
            print("locked", flush=True)
            time.sleep(60)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        requests, skipped = ticks.tick()
        assert requests == [] and "locked" in str(skipped)
        assert ticks.cursor is None
    finally:
        holder.kill()
        holder.wait()
    requests, _ = ticks.tick()
    assert len(requests) == 1
