"""The articles folder sensor: a file added, changed or removed in data/articles/
(KOPERASI_ARTICLES_DIR) starts a run of raw/articles and everything downstream of it.

The cursor is a cheap fingerprint of the folder (file names, sizes, modification times), so an
unchanged folder costs one directory listing per tick. When it moves, the files' sha256 are
compared with raw.articles: a folder the warehouse already has (the first tick after `make run`,
a file merely touched) records the new cursor without a run. Without a warehouse there is
nothing to keep up to date: the first build is `make run` or "Materialize all". While any run
is queued or in progress the sensor waits; a run whose process is gone (killed) is marked failed
first, so it cannot hold the queue for ever.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import dagster as dg
import duckdb

from dagster_project import settings
from dagster_project.abandoned_runs import fail_abandoned_runs
from dagster_project.assets.raw import raw_articles
from dagster_project.domain.articles import article_files
from dagster_project.warehouse import WarehouseLockedError, connect

articles_changed_job = dg.define_asset_job(
    "articles_changed",
    selection=dg.AssetSelection.assets(raw_articles).downstream(),
    description="raw/articles and everything downstream: what an added or changed article file changes.",
)

_IN_FLIGHT = [
    dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING,
]


def folder_fingerprint(folder: Path) -> str:
    """Changes when a `.txt` file is added, removed, resized or rewritten."""
    digest = hashlib.sha256(str(folder).encode())
    for path in article_files(folder):
        stat = path.stat()
        digest.update(f"\n{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def folder_contents(folder: Path) -> dict[str, str]:
    """file name -> sha256 of its bytes, as raw.articles stores them."""
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in article_files(folder)}


def loaded_contents(warehouse: Path) -> dict[str, str] | None:
    """file name -> sha256 of the loaded articles; None without a warehouse or raw.articles."""
    if not warehouse.exists():
        return None
    with connect(warehouse, read_only=True) as con:
        try:
            return dict(con.execute("select file_name, sha256 from raw.articles").fetchall())
        except duckdb.CatalogException:
            return None


@dg.sensor(
    job=articles_changed_job,
    minimum_interval_seconds=15,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Runs raw/articles and everything downstream when an article file is added, changed or "
                "removed in the articles folder (KOPERASI_ARTICLES_DIR) and the warehouse does not have it yet.",
)
def articles_folder_sensor(context: dg.SensorEvaluationContext) -> dg.RunRequest | dg.SkipReason:
    in_flight = context.instance.get_runs_count(dg.RunsFilter(statuses=_IN_FLIGHT))
    if in_flight:
        # every tick: a run left STARTED by a killed process would hold the queue for ever
        in_flight -= len(fail_abandoned_runs(context.instance, context.log.warning))
    folder = settings.articles_dir()
    fingerprint = folder_fingerprint(folder)
    if fingerprint == context.cursor:
        return dg.SkipReason(f"{folder}: no article file added, changed or removed")
    if in_flight:
        return dg.SkipReason("a run is queued or in progress; looking again when it is done")
    try:
        loaded = loaded_contents(settings.warehouse_path())
    except WarehouseLockedError:
        return dg.SkipReason("the warehouse is locked by another process; looking again next tick")
    if loaded is None:
        return dg.SkipReason("no warehouse yet: build it first (`make run`, or Materialize all in the UI)")
    context.update_cursor(fingerprint)
    current = folder_contents(folder)
    if loaded == current:
        return dg.SkipReason(f"{folder}: the warehouse already has these articles")
    added = sorted(current.keys() - loaded.keys())
    changed = sorted(name for name in current.keys() & loaded.keys() if current[name] != loaded[name])
    removed = sorted(loaded.keys() - current.keys())
    context.log.info(f"articles added: {added or 'none'}; changed: {changed or 'none'}; removed: {removed or 'none'}")
    return dg.RunRequest(
        run_key=fingerprint,
        tags={"koperasi/articles_added": str(len(added)), "koperasi/articles_changed": str(len(changed)),
              "koperasi/articles_removed": str(len(removed))},
    )
