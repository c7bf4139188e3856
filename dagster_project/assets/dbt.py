"""The dbt project as Dagster assets: one asset per seed and model, dbt tests as asset checks.

DuckDB allows one writer per file, and dbt holds the file for its whole run, so row counts and
previews are read after dbt has finished and attached to its materializations.
"""

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
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
from dagster_project.build_inputs import file_fingerprint, logic_fingerprint, seed_fingerprints
from dagster_project.dbt_build_plan import BuiltFrom, DbtBuildPlan, plan_dbt_build, sources_fingerprint
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

    def get_code_version(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            # a seed's rows are data: an edit is not parsed into the manifest (dbt_project.py),
            # so its version is read from the file itself
            return file_fingerprint(settings.DBT_PROJECT_DIR / dbt_resource_props["original_file_path"])
        return super().get_code_version(dbt_resource_props)

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
    # Only what changed is built: a seed edit builds that seed and what it feeds; new articles
    # are merged into the incremental models; new logic rebuilds everything (dbt_build_plan.py).
    manifest = json.loads(Path(DBT_PROJECT.manifest_path).read_text(encoding="utf-8"))
    current = BuiltFrom(logic_fingerprint(), seed_fingerprints(), sources_fingerprint_of(warehouse, manifest))
    plan = plan_dbt_build(built_from(warehouse), current, manifest)
    context.log.info(f"dbt build: {plan.reason}")
    if context.is_subset:  # the assets picked (in the UI, or by `koperasi run` after a seed edit), as picked
        args = ["--full-refresh"] if plan.full_refresh else []
        # every model the plan needs built is among them: afterwards, all are current
        complete = plan.built is not None and {
            LayeredTranslator().get_asset_key(manifest["nodes"][node]) for node in plan.built
            if manifest["nodes"][node]["resource_type"] in ("model", "seed")} <= context.selected_asset_keys
    else:
        args, complete = plan.args, True
        if not plan.builds_anything:  # the models are those of these very inputs
            return
    # One fixed target folder (not one per run): no litter, and dbt's partial parsing is reused.
    target = settings.DBT_PROJECT_DIR / "target" / "dagster_build"
    with settings.warehouse_for_dbt(warehouse.database):  # the run's build copy, not the published file
        invocation = dbt.cli(["build", *args], context=context, raise_on_error=False, target_path=target)
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
    if complete and plan.builds_anything:  # (when nothing needed a build, the record holds as it is)
        record_built_from(warehouse, current, plan)
    elif plan.full_refresh:  # some models now of the new logic, the others of the old: none is trusted
        forget_built_from(warehouse)


BUILD_LOGIC_TABLE = "raw.build_logic"


def downstream_of_seeds(definitions: dg.Definitions, job: dg.JobDefinition, seeds: Sequence[str]) -> dg.JobDefinition:
    """`job` cut to the seeds named, every asset below them and their checks, and the checks that
    read one of those assets besides their own (the extraction score reads the hand figures)."""
    manifest = json.loads(Path(DBT_PROJECT.manifest_path).read_text(encoding="utf-8"))
    seed_keys = [LayeredTranslator().get_asset_key(node) for node in manifest["nodes"].values()
                 if node["resource_type"] == "seed" and node["name"] in seeds]
    graph = definitions.resolve_asset_graph()
    selection = dg.AssetSelection.assets(*seed_keys).downstream()
    assets = selection.resolve(graph)
    checks = selection.resolve_checks(graph) | {
        key for key in graph.asset_check_keys
        if any(dep.asset_key in assets for dep in graph.get_check_spec(key).additional_deps)}
    return job.get_subset(asset_selection=assets, asset_check_selection=checks)


def sources_fingerprint_of(warehouse: Warehouse, manifest: dict[str, Any]) -> str:
    try:
        with warehouse.connect(read_only=True) as con:
            return sources_fingerprint(con, manifest)
    except FileNotFoundError:
        return "no warehouse"


def built_from(warehouse: Warehouse) -> BuiltFrom | None:
    """What the last complete build of the dbt models in this warehouse was built from (None: none
    recorded, or recorded by an older version: the next build is a full refresh)."""
    try:
        with warehouse.connect(read_only=True) as con:
            row = con.execute(f"select logic_fingerprint, seed_fingerprints, sources_fingerprint "
                              f"from {BUILD_LOGIC_TABLE}").fetchone()
    except (FileNotFoundError, duckdb.CatalogException, duckdb.BinderException):
        return None
    return None if row is None else BuiltFrom(row[0], json.loads(row[1]), row[2])


def forget_built_from(warehouse: Warehouse) -> None:
    """After a partial build with new logic: the next full build refreshes every model."""
    with warehouse.connect() as con:
        con.execute(f"drop table if exists {BUILD_LOGIC_TABLE}")


def record_built_from(warehouse: Warehouse, built: BuiltFrom, plan: DbtBuildPlan) -> None:
    """After a successful build that left every dbt model current: what they are built from (in the
    build copy, so it is published with them, or discarded with them)."""
    with warehouse.connect() as con:
        con.execute(f"create or replace table {BUILD_LOGIC_TABLE} (logic_fingerprint varchar not null, "
                    "seed_fingerprints varchar not null, sources_fingerprint varchar not null, "
                    "full_refresh boolean not null, edited_seeds varchar[], built_at timestamptz not null)")
        con.execute(f"insert into {BUILD_LOGIC_TABLE} values (?, ?, ?, ?, ?, now())",
                    [built.logic, json.dumps(built.seeds, sort_keys=True), built.sources, plan.full_refresh,
                     None if plan.edited_seeds is None else list(plan.edited_seeds)])
        con.execute(f"comment on table {BUILD_LOGIC_TABLE} is 'What the dbt models were last built from: the "
                    "code, dbt project, packages and settings, the seeds and the raw tables (fingerprints); "
                    "edited_seeds: the seeds a build rebuilt alone (null: every model built)'")
