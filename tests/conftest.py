"""Shared fixtures: a dbt manifest, and one warehouse built by materializing every asset.

Only the tests that load the Dagster definitions (the dbt assets read dbt's manifest when
imported) ask for `dbt_manifest`; the unit tests run without dbt or a warehouse
(`make test-fast`, i.e. `pytest -m "not slow"`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from dagster_project import settings
from repo_copy import RepoCopy

BIN = Path(sys.executable).parent
# A publishing policy under which every figure its article does not contradict is published: for
# tests of the marts' arithmetic on automatic figures, whatever the calibrated threshold.
PUBLISH_EVERY_UNCONTRADICTED_FIGURE = Path(__file__).parent / "fixtures" / "publish_every_uncontradicted_figure.toml"


def query(path: Path, sql: str) -> list[tuple]:
    """Rows of a query on a warehouse file, opened read-only and closed again."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def dbt(project_dir: Path, warehouse: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "dbt"), *args, "--project-dir", str(project_dir), "--profiles-dir", str(project_dir)],
        env={**os.environ, settings.WAREHOUSE_ENV: str(warehouse)},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def dbt_manifest() -> Path:
    """dbt/target/manifest.json, which the definitions need, written once per session."""
    from dagster_project.dbt_project import prepare_manifest

    return prepare_manifest()


@pytest.fixture
def warehouse_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dbt_manifest: Path) -> Path:
    """A scratch warehouse path, set in the environment for Dagster and dbt (which `materialize_all`
    needs the manifest for)."""
    path = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv(settings.WAREHOUSE_ENV, str(path))
    return path


def materialize_all() -> dg.ExecuteInProcessResult:
    from dagster_project.definitions import build_definitions

    job = build_definitions().resolve_implicit_global_asset_job_def()
    return job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)


@dataclass(frozen=True)
class BuiltWarehouse:
    path: Path
    result: dg.ExecuteInProcessResult


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory, dbt_manifest: Path) -> Iterator[BuiltWarehouse]:
    """Every asset materialized in-process into a temporary warehouse, once per session."""
    path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    previous = os.environ.get(settings.WAREHOUSE_ENV)
    os.environ[settings.WAREHOUSE_ENV] = str(path)
    try:
        yield BuiltWarehouse(path, materialize_all())
    finally:
        if previous is None:
            os.environ.pop(settings.WAREHOUSE_ENV, None)
        else:
            os.environ[settings.WAREHOUSE_ENV] = previous


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory) -> RepoCopy:
    """A copy of the repository, built once: the clean warehouse every test compares with."""
    copy = RepoCopy.make(tmp_path_factory.mktemp("reference"))
    started = time.monotonic()
    result = copy.run()
    assert result.returncode == 0, result.stdout[-3000:]
    (copy.root / "build_seconds").write_text(f"{time.monotonic() - started:.1f}")
    return copy


# --- the analyst's app (tests/test_app.py, tests/test_app_browser.py) ---------------------------

APP_FIXTURES = Path(__file__).parent / "fixtures"
# Every automatic figure waits for review, whatever the calibrated threshold (the queue's content
# must not move with each recalibration).
PUBLISH_NOTHING = APP_FIXTURES / "publish_nothing.toml"
# Beside the five curated articles (every auto figure of theirs is a hand figure already): one
# whose figures wait for review, one whose figures contradict each other (a finding nobody
# acknowledged).
APP_ARTICLES = {
    "900_review_queue": APP_FIXTURES / "app" / "review_queue_blora_rembang.txt",
    "901_sleman_contradiction": APP_FIXTURES / "contradictory_articles" / "aktif_melebihi_jumlah.txt",
}


@pytest.fixture(scope="session")
def app_repo(tmp_path_factory: pytest.TempPathFactory) -> RepoCopy:
    """A copy of the repository with the app's two extra articles, built once with `koperasi run`;
    the app's tests write its seeds, never the repository's."""
    copy = RepoCopy.make(tmp_path_factory.mktemp("app_repo"))
    for article_id, source in APP_ARTICLES.items():
        (copy.articles / f"{article_id}.txt").write_bytes(source.read_bytes())
    with pytest.MonkeyPatch.context() as patch:  # the build's environment (RepoCopy.env) is ours
        patch.setenv(settings.PUBLISHING_POLICY_ENV, str(PUBLISH_NOTHING))
        result = copy.run()
    assert result.returncode == 0, result.stdout[-3000:]
    return copy


def app_env(copy: RepoCopy, dagster_url: str = "http://127.0.0.1:9") -> dict[str, str]:
    """The app pointed at the copy: its warehouse, articles and seeds, and a Dagster URL where
    nothing answers (port 9), so a save says `make run` is needed instead of launching a run."""
    return {settings.WAREHOUSE_ENV: str(copy.warehouse), settings.ARTICLES_ENV: str(copy.articles),
            settings.SEEDS_ENV: str(copy.seeds), settings.DAGSTER_URL_ENV: dagster_url}
