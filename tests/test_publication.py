"""Write–audit–publish, locks and kills, with the real `koperasi run` on a copy of the repository.

What users query (the published warehouse file) changes only when a whole build passed its
error-level checks; readers never block a build; overlapping builds wait their turn; a build
killed at any point leaves the published warehouse as it was, and the next build gives the same
tables as a clean one, with no run left blocking the queue.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from repo_copy import RepoCopy, kill_group, table_fingerprints

from dagster_project.abandoned_runs import HOST_TAG, PID_TAG, fail_abandoned_runs, process_tags
from dagster_project.build_lock import build_lock
from dagster_project.publication import WarehouseBuild

pytestmark = pytest.mark.slow  # runs `koperasi run` processes

BANYUASIN_ROW = 3  # line of dbt/seeds/cooperative_figures.csv filed under 16.07 (Banyuasin)


@pytest.fixture
def built(reference: RepoCopy, tmp_path: Path) -> RepoCopy:
    """A private copy of the reference: repository, published warehouse and Dagster home."""
    shutil.copytree(reference.root, tmp_path / "repo", symlinks=True)
    return RepoCopy(tmp_path / "repo")


def marts_of(warehouse: Path) -> dict[str, tuple[int, int]]:
    return {table: value for table, value in table_fingerprints(warehouse).items() if table.startswith("marts.")}


def test_a_build_that_fails_an_error_test_publishes_nothing(built: RepoCopy, reference: RepoCopy) -> None:
    seeds = built.seeds / "cooperative_figures.csv"
    lines = seeds.read_text(encoding="utf-8").splitlines(keepends=True)
    assert ",16.07," in lines[BANYUASIN_ROW - 1]
    original = "".join(lines)
    lines[BANYUASIN_ROW - 1] = lines[BANYUASIN_ROW - 1].replace(",16.07,", ",16.08,")
    seeds.write_text("".join(lines), encoding="utf-8")

    result = built.run()
    assert result.returncode != 0, result.stdout[-3000:]
    assert f"The warehouse {built.warehouse} was NOT changed" in result.stdout
    assert table_fingerprints(built.warehouse) == table_fingerprints(reference.warehouse)
    assert not built.warehouse.with_name("warehouse.build.duckdb").exists()

    seeds.write_text(original, encoding="utf-8")
    result = built.run()
    assert result.returncode == 0, result.stdout[-3000:]
    assert table_fingerprints(built.warehouse) == table_fingerprints(reference.warehouse)
    assert not WarehouseBuild(built.warehouse).failed.exists(), "a published build clears the older failure"


def test_an_impossible_header_date_is_refused_and_the_marts_stay_whole(built: RepoCopy, reference: RepoCopy) -> None:
    (built.articles / "sleman.txt").write_text(
        "TITLE: Koperasi Sleman\nDATE: 2024-13-45\n\nHingga akhir 2023, tercatat 300 koperasi di Kabupaten "
        "Sleman, 250 di antaranya aktif.\n", encoding="utf-8")
    result = built.run()
    assert result.returncode == 0, result.stdout[-3000:]
    assert f"{built.articles / 'sleman.txt'}: line 2: DATE must be" in result.stdout
    assert marts_of(built.warehouse) == marts_of(reference.warehouse)
    con = duckdb.connect(str(built.warehouse), read_only=True)
    try:
        assert con.execute("select file_name from raw.rejected_articles").fetchall() == [("sleman.txt",)]
    finally:
        con.close()


def test_readers_never_block_a_build(built: RepoCopy, reference: RepoCopy) -> None:
    (built.articles / "sleman.txt").write_text(
        "Koperasi di Sleman\n\nHingga akhir 2023, tercatat 300 koperasi di Kabupaten Sleman.\n", encoding="utf-8")
    reader = duckdb.connect(str(built.warehouse), read_only=True)  # held open for the whole build
    try:
        build = built.start()
        shell_answers = []
        while build.poll() is None:  # the duckdb shell, read-only, during the build
            shell = subprocess.run([str(Path(sys.executable).parent / "duckdb"), "-readonly",
                                    str(built.warehouse), "-c", "select count(*) from raw.articles"],
                                   capture_output=True, text=True, check=False)
            assert shell.returncode == 0 and "lock" not in shell.stderr.lower(), shell.stderr
            shell_answers.append(shell.stdout)
            time.sleep(1)
        output, _ = build.communicate()
        assert build.returncode == 0, output[-3000:]
        assert shell_answers, "the shell never ran during the build"
        # the reader keeps the warehouse it opened; the next one sees the new build
        assert reader.execute("select count(*) from raw.articles").fetchone() == (5,)
    finally:
        reader.close()
    con = duckdb.connect(str(built.warehouse), read_only=True)
    try:
        assert con.execute("select count(*) from raw.articles").fetchone() == (6,)
    finally:
        con.close()


def test_a_second_build_waits_for_the_first(built: RepoCopy) -> None:
    first = built.start()
    lock = built.warehouse.with_name("warehouse.duckdb.lock")
    deadline = time.monotonic() + 60
    while f"pid {first.pid} " not in (lock.read_text() if lock.exists() else ""):
        assert time.monotonic() < deadline and first.poll() is None, "the first build never took the lock"
        time.sleep(0.1)
    second = built.start()
    second_output, _ = second.communicate(timeout=900)
    first_output, _ = first.communicate(timeout=900)
    assert first.returncode == 0, first_output[-3000:]
    assert second.returncode == 0, second_output[-3000:]
    assert f"waiting for the build started by pid {first.pid} " in second_output


def test_builds_killed_at_random_points_leave_nothing_behind(reference: RepoCopy, tmp_path: Path) -> None:
    """kill -9 (the whole process group, dbt included) at 10 random points of a build from an
    empty warehouse, then one build: the same tables as a clean build, and no run in progress."""
    copy = RepoCopy.make(tmp_path / "repo")
    duration = float((reference.root / "build_seconds").read_text())
    points = sorted(random.Random(13).uniform(0.5, duration) for _ in range(10))
    for point in points:
        build = copy.start()
        time.sleep(point)
        kill_group(build)
    result = copy.run()
    assert result.returncode == 0, f"killed at {points}:\n{result.stdout[-3000:]}"
    assert table_fingerprints(copy.warehouse) == table_fingerprints(reference.warehouse), f"killed at {points}"
    assert not WarehouseBuild(copy.warehouse).build.exists()

    with dg.DagsterInstance.from_config(str(copy.root / "dagster_home")) as instance:
        in_progress = instance.get_runs(dg.RunsFilter(statuses=[
            dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]))
        assert in_progress == [], "a killed run still blocks the queue"


# --- the parts, without a build ---------------------------------------------------------------

def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_run_whose_process_is_gone_is_marked_failed() -> None:
    with dg.instance_for_test() as instance:
        dead = instance.add_run(dg.DagsterRun(job_name="build", status=dg.DagsterRunStatus.STARTED, tags={
            PID_TAG: str(_dead_pid()), HOST_TAG: process_tags()[HOST_TAG]}))
        alive = instance.add_run(dg.DagsterRun(job_name="build", status=dg.DagsterRunStatus.STARTED,
                                               tags=process_tags()))
        unknown = instance.add_run(dg.DagsterRun(job_name="build", status=dg.DagsterRunStatus.STARTED))
        messages: list[str] = []
        assert fail_abandoned_runs(instance, messages.append) == [dead.run_id]
        assert instance.get_run_by_id(dead.run_id).status == dg.DagsterRunStatus.FAILURE
        assert instance.get_run_by_id(alive.run_id).status == dg.DagsterRunStatus.STARTED
        assert instance.get_run_by_id(unknown.run_id).status == dg.DagsterRunStatus.STARTED
        assert "is gone" in messages[0]


def test_the_build_lock_names_the_build_it_waits_for(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys, time\n"
         f"fd = os.open({str(warehouse) + '.lock'!r}, os.O_RDWR | os.O_CREAT)\n"
         "fcntl.flock(fd, fcntl.LOCK_EX)\n"
         "os.write(fd, b'the build started by pid 4242 on host at noon')\n"
         "print('locked', flush=True)\n"
         "time.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        messages: list[str] = []
        with pytest.raises(TimeoutError, match="pid 4242"), build_lock(warehouse, messages.append, timeout_s=1):
            pass
        assert messages == [f"{warehouse}: waiting for the build started by pid 4242 on host at noon "
                            "to finish (one build at a time)"]
    finally:
        holder.kill()
        holder.wait()
    with build_lock(warehouse, messages.append, timeout_s=1), build_lock(warehouse, messages.append):
        pass  # free again once its holder is gone, and re-entrant within a process
    assert len(messages) == 1


def test_publishing_waits_for_a_writer_of_the_published_file(tmp_path: Path) -> None:
    build = WarehouseBuild(tmp_path / "w.duckdb")
    duckdb.connect(str(build.published)).execute("create table t as select 1 as v").close()
    build.start()
    duckdb.connect(str(build.build)).execute("insert into t values (2)").close()
    writer = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, time\n"
         f"con = duckdb.connect({str(build.published)!r})\nprint('open', flush=True)\ntime.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        messages: list[str] = []
        with pytest.raises(Exception, match="locked"):
            build.publish(on_wait=messages.append, timeout_s=1)
        assert messages and "Publishing the new build when it is closed" in messages[0]
    finally:
        writer.kill()
        writer.wait()
    build.publish(timeout_s=5)
    con = duckdb.connect(str(build.published), read_only=True)
    try:
        assert con.execute("select count(*) from t").fetchone() == (2,)
    finally:
        con.close()
