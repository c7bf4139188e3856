"""The dbt asset merges changed data into the models only while the logic (code, dbt project,
packages, settings) is that of the last build of every model (assets/dbt.py); the merges
themselves are tested in test_incremental_equals_full.py and test_dbt_build_plan.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from conftest import BuiltWarehouse

from dagster_project import settings
from dagster_project.assets.dbt import REBUILD_TAG
from dagster_project.build_inputs import logic_fingerprint
from dagster_project.definitions import build_definitions

pytestmark = pytest.mark.slow  # real dbt builds


def build(warehouse: Path, monkeypatch: pytest.MonkeyPatch, *keys: dg.AssetKey, rebuild: bool = False) -> None:
    monkeypatch.setenv(settings.WAREHOUSE_ENV, str(warehouse))
    job = build_definitions().resolve_implicit_global_asset_job_def()
    result = job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False,
                                    asset_selection=list(keys) or None,
                                    tags={REBUILD_TAG: "true"} if rebuild else None)
    assert result.success


def recorded(warehouse: Path) -> tuple[str, bool] | None:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("select logic_fingerprint, full_refresh from raw.build_logic").fetchone()
    except duckdb.CatalogException:
        return None
    finally:
        con.close()


def record(warehouse: Path, **columns: object) -> None:
    con = duckdb.connect(str(warehouse))
    try:
        for column, value in columns.items():
            con.execute(f"update raw.build_logic set {column} = ?", [value])
    finally:
        con.close()


def recorded_data(warehouse: Path) -> tuple[str, str]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("select seed_fingerprints, source_fingerprints from raw.build_logic").fetchone()
    finally:
        con.close()


def test_a_full_build_records_its_logic_and_new_logic_rebuilds_everything(
        built_warehouse: BuiltWarehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert recorded(built_warehouse.path) == (logic_fingerprint(), True)  # from nothing: a full refresh
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(built_warehouse.path, warehouse)
    record(warehouse, full_refresh=False)
    build(warehouse, monkeypatch)
    assert recorded(warehouse) == (logic_fingerprint(), False)  # nothing changed: nothing built

    record(warehouse, logic_fingerprint="the logic of another version")
    build(warehouse, monkeypatch)
    assert recorded(warehouse) == (logic_fingerprint(), True)  # other logic: everything rebuilt

    record(warehouse, full_refresh=False)
    build(warehouse, monkeypatch, rebuild=True)  # `koperasi run --rebuild`
    assert recorded(warehouse) == (logic_fingerprint(), True)


def test_a_selection_short_of_what_changed_leaves_the_data_unknown(
        built_warehouse: BuiltWarehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A selection (the sensor's job, the UI) that does not build everything below what changed
    leaves some models of the old data: the next run of every asset builds every node, merging."""
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(built_warehouse.path, warehouse)
    built = recorded_data(warehouse)
    record(warehouse, source_fingerprints='{"raw.articles": "other rows"}')
    build(warehouse, monkeypatch, dg.AssetKey(["staging", "stg_raw__articles"]))
    assert recorded_data(warehouse) == ("{}", "{}") and recorded(warehouse)[0] == logic_fingerprint()
    build(warehouse, monkeypatch)
    assert recorded_data(warehouse) == built and recorded(warehouse) == (logic_fingerprint(), False)


def test_a_partial_build_with_new_logic_leaves_no_logic_recorded(
        built_warehouse: BuiltWarehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A partial build refreshes only the models it selects: afterwards some are of the new logic
    and some of the old, so the next full build must refresh them all."""
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(built_warehouse.path, warehouse)
    record(warehouse, logic_fingerprint="the logic of another version")
    build(warehouse, monkeypatch, dg.AssetKey(["staging", "stg_raw__articles"]))
    assert recorded(warehouse) is None

    shutil.copy(built_warehouse.path, warehouse)  # the same logic: a partial build keeps the record
    build(warehouse, monkeypatch, dg.AssetKey(["staging", "stg_raw__articles"]))
    assert recorded(warehouse) == (logic_fingerprint(), True)
