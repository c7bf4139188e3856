"""The dbt project as Dagster assets: one asset per seed and model, dbt tests as asset checks.

DuckDB allows one writer per file, and dbt holds the file for its whole run, so row counts and
previews are read after dbt has finished and attached to its materializations.
"""

from collections.abc import Iterator, Mapping
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)

from dagster_project import settings
from dagster_project.assets.raw import region_codes
from dagster_project.build_inputs import logic_fingerprint
from dagster_project.dbt_project import DBT_PROJECT
from dagster_project.domain.official_regions import official_regions
from dagster_project.domain.seeds import check_seeds
from dagster_project.resources import Warehouse, table_metadata


class LayeredTranslator(DagsterDbtTranslator):
    """Asset keys are schema/table (raw/cooperative_figures, marts/dim_region), as in DuckDB;
    groups follow the layers: seeds, staging, intermediate, marts."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] in ("model", "seed"):
            return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "seeds"
        return dbt_resource_props["fqn"][1]  # the models/ subfolder

    def get_asset_check_spec(
        self, asset_spec: dg.AssetSpec, manifest: Mapping[str, Any], unique_id: str,
        project: DbtProject | None,
    ) -> dg.AssetCheckSpec | None:
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        parents = manifest["parent_map"].get(unique_id, [])
        if spec is not None and parents and all(p.startswith("source.") for p in parents):
            # A raw table's test runs inside `dbt build`, which holds back the models below a
            # failing one by itself. Blocking, it would also hold back the Python assets reading
            # that table (raw/extracted_figures reads raw/articles) until the dbt step is done:
            # a cycle Dagster breaks by cutting dbt into several steps that test models too early.
            return spec._replace(blocking=False)
        return spec


@dbt_assets(
    manifest=DBT_PROJECT.manifest_path,
    project=DBT_PROJECT,
    dagster_dbt_translator=LayeredTranslator(
        # the raw sources' tests become checks of the raw loaders
        settings=DagsterDbtTranslatorSettings(enable_source_tests_as_checks=True)
    ),
    name="dbt_warehouse",
)
def dbt_warehouse(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse
) -> Iterator[Any]:
    # malformed rows and unknown region codes: file and line, before anything is written; the
    # codes are those dbt builds the regions from (raw/regions is upstream: loaded, and current)
    try:
        with warehouse.connect(read_only=True) as con:
            codes = region_codes(con)
    except (FileNotFoundError, duckdb.CatalogException):  # dbt alone, on a warehouse without regions
        codes = {r.region_code for r in official_regions()}
    check_seeds(settings.DBT_PROJECT_DIR, {"ID", *codes})
    # The incremental models (stg_raw__articles, stg_raw__extracted_figures, int_evidence_numbers)
    # merge changed articles only
    # while the logic is that of the build they were made by; otherwise everything is rebuilt.
    logic = logic_fingerprint()
    full_refresh = built_logic(warehouse) != logic
    if full_refresh:
        context.log.info("code, dbt project, seeds, packages or settings changed: dbt build --full-refresh")
    # One fixed target folder (not one per run): no litter, and dbt's partial parsing is reused.
    target = settings.DBT_PROJECT_DIR / "target" / "dagster_build"
    with settings.warehouse_for_dbt(warehouse.database):  # the run's build copy, not the published file
        invocation = dbt.cli(["build", *(["--full-refresh"] if full_refresh else [])], context=context,
                             raise_on_error=False, target_path=target)
    try:
        events = list(invocation.stream())
    finally:  # never leave dbt writing the file behind a failed step
        if invocation.process.poll() is None:
            invocation.process.terminate()
        invocation.process.wait()
    with warehouse.connect(read_only=True) as con:  # dbt has exited: the file is free
        for event in events:
            if isinstance(event, dg.Output):
                table = ".".join(context.asset_key_for_output(event.output_name).path)
                event = event.with_metadata({**event.metadata, **table_metadata(con, table)})
            yield event

    if not invocation.is_successful():
        results = invocation.get_artifact("run_results.json")["results"]
        failed = [r["unique_id"] for r in results if r["status"] in ("error", "fail")]
        raise dg.Failure(
            description="dbt build failed: " + (", ".join(failed) or invocation.get_error() or "see logs"),
            metadata={"failed": failed},
        )
    if not context.is_subset:
        record_built_logic(warehouse, logic, full_refresh)
    elif full_refresh:  # some models now of the new logic, the others of the old: none is trusted
        forget_built_logic(warehouse)


BUILD_LOGIC_TABLE = "raw.build_logic"


def built_logic(warehouse: Warehouse) -> str | None:
    """The logic fingerprint of the last successful build of every dbt model in this warehouse
    (None: none recorded, so the next build is a full refresh)."""
    try:
        with warehouse.connect(read_only=True) as con:
            row = con.execute(f"select logic_fingerprint from {BUILD_LOGIC_TABLE}").fetchone()
    except (FileNotFoundError, duckdb.CatalogException):
        return None
    return None if row is None else str(row[0])


def forget_built_logic(warehouse: Warehouse) -> None:
    """After a partial build with new logic: the next full build refreshes every model."""
    with warehouse.connect() as con:
        con.execute(f"drop table if exists {BUILD_LOGIC_TABLE}")


def record_built_logic(warehouse: Warehouse, logic: str, full_refresh: bool) -> None:
    """After a successful build of every dbt model: the logic they were built with (in the build
    copy, so it is published with them, or discarded with them)."""
    with warehouse.connect() as con:
        con.execute(f"create or replace table {BUILD_LOGIC_TABLE} (logic_fingerprint varchar not null, "
                    "full_refresh boolean not null, built_at timestamptz not null)")
        con.execute(f"insert into {BUILD_LOGIC_TABLE} values (?, ?, now())", [logic, full_refresh])
        con.execute(f"comment on table {BUILD_LOGIC_TABLE} is 'The code, dbt project, packages and settings "
                    "(one fingerprint) the incremental models were last built with'")
