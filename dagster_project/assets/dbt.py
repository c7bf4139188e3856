"""The dbt project as Dagster assets: one asset per seed and model, dbt tests as asset checks.

DuckDB allows one writer per file, and dbt holds the file for its whole run, so row counts and
previews are read after dbt has finished and attached to its materializations.
"""

import json
from collections.abc import Iterator, Mapping, Sequence
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
from dagster_project.assets.extraction import EXTRACTION_SCORE, HAND_FIGURES_SEED
from dagster_project.assets.raw import region_codes
from dagster_project.build_inputs import (
    file_fingerprint,
    logic_fingerprint,
    seed_fingerprints,
)
from dagster_project.dbt_build_plan import (
    BuiltFrom,
    DbtBuildPlan,
    plan_dbt_build,
    sources_fingerprint,
)
from dagster_project.dbt_project import DBT_PROJECT, read_manifest
from dagster_project.domain.official_regions import official_regions
from dagster_project.domain.seeds import check_seeds
from dagster_project.resources import Warehouse, table_metadata
from dagster_project.warehouse import sql_string


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
    # Only what changed is built: the nodes below the edited seeds and the raw tables whose rows
    # changed, the incremental ones merging; new logic rebuilds everything (dbt_build_plan.py).
    manifest = read_manifest()
    current = BuiltFrom(logic_fingerprint(), seed_fingerprints(), sources_fingerprint_of(warehouse, manifest))
    if context.run.tags.get(REBUILD_TAG) == "true":
        plan = DbtBuildPlan.everything_from_nothing("a rebuild was asked for: every model rebuilt")
    else:
        plan = plan_dbt_build(built_from(warehouse), current, manifest)
    context.log.info(f"dbt build: {plan.reason}")
    if context.is_subset:  # the assets picked (the UI, the sensor, `koperasi run` after a seed edit), as picked
        args = ["--full-refresh"] if plan.full_refresh else []
    elif plan.builds_anything:
        args = plan.args
    else:  # the models are those of these very inputs
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

    results = invocation.get_artifact("run_results.json")["results"]
    if not invocation.is_successful():
        failed = [r["unique_id"] for r in results if r["status"] in ("error", "fail")]
        raise dg.Failure(
            description="dbt build failed: " + (", ".join(failed) or invocation.get_error() or "see logs"),
            metadata={"failed": failed},
        )
    built = {r["unique_id"] for r in results}
    if not context.is_subset and plan.built is not None and built != plan.built:
        # a selection dbt read otherwise than planned (a node's name taken as a pattern): never publish it
        raise dg.Failure(description="dbt built other nodes than planned: missing "
                         f"{sorted(plan.built - built)}, extra {sorted(built - plan.built)}")
    if context.is_subset and plan.full_refresh:  # some models of the new logic, others of the old: none is trusted
        forget_built_from(warehouse)
    elif not context.is_subset or (plan.built is not None and plan.built <= built):
        if plan.builds_anything:  # every node the changes needed was built: all are current
            record_built_from(warehouse, current, plan.full_refresh, plan.changed)
    else:  # a selection short of what the changes needed: the next build builds every node, merging
        record_built_from(warehouse, BuiltFrom(current.logic, {}, {}), False, None)


BUILD_LOGIC_TABLE = "raw.build_logic"
REBUILD_TAG = "koperasi/rebuild"  # `koperasi run --rebuild`: every model rebuilt from nothing


def downstream_of_seeds(definitions: dg.Definitions, job: dg.JobDefinition, seeds: Sequence[str]) -> dg.JobDefinition:
    """`job` cut to the seeds named, every asset below them and their checks (and the extraction
    score when the hand figures, which it reads from their file, are among them)."""
    seed_keys = [LayeredTranslator().get_asset_key(node) for node in read_manifest()["nodes"].values()
                 if node["resource_type"] == "seed" and node["name"] in seeds]
    graph = definitions.resolve_asset_graph()
    selection = dg.AssetSelection.assets(*seed_keys).downstream()
    checks = selection.resolve_checks(graph) | ({EXTRACTION_SCORE} if HAND_FIGURES_SEED in seeds else set())
    return job.get_subset(asset_selection=selection.resolve(graph), asset_check_selection=checks)


def sources_fingerprint_of(warehouse: Warehouse, manifest: dict[str, Any]) -> dict[str, str]:
    try:
        with warehouse.connect(read_only=True) as con:
            return sources_fingerprint(con, manifest)
    except FileNotFoundError:
        return {}


def built_from(warehouse: Warehouse) -> BuiltFrom | None:
    """What the last complete build of the dbt models in this warehouse was built from (None: none
    recorded, or recorded by an older version: the next build is a full refresh)."""
    try:
        with warehouse.connect(read_only=True) as con:
            row = con.execute(f"select logic_fingerprint, seed_fingerprints, source_fingerprints "
                              f"from {BUILD_LOGIC_TABLE}").fetchone()
    except (FileNotFoundError, duckdb.CatalogException, duckdb.BinderException):
        return None
    return None if row is None else BuiltFrom(row[0], json.loads(row[1]), json.loads(row[2]))


def forget_built_from(warehouse: Warehouse) -> None:
    """After a partial build with new logic: the next full build refreshes every model."""
    with warehouse.connect() as con:
        con.execute(f"drop table if exists {BUILD_LOGIC_TABLE}")


def record_built_from(warehouse: Warehouse, built: BuiltFrom, full_refresh: bool,
                      built_below: tuple[str, ...] | None) -> None:
    """After a successful build: what the dbt models are built from (in the build copy, so it is
    published with them, or discarded with them)."""
    with warehouse.connect() as con:
        con.execute(f"create or replace table {BUILD_LOGIC_TABLE} (logic_fingerprint varchar not null, "
                    "seed_fingerprints varchar not null, source_fingerprints varchar not null, "
                    "full_refresh boolean not null, built_below varchar[], built_at timestamptz not null)")
        below = "null" if built_below is None else f"[{', '.join(map(sql_string, built_below))}]::varchar[]"
        con.execute(f"insert into {BUILD_LOGIC_TABLE} values ({sql_string(built.logic)}, "
                    f"{sql_string(json.dumps(built.seeds, sort_keys=True))}, "
                    f"{sql_string(json.dumps(built.sources, sort_keys=True))}, {'true' if full_refresh else 'false'}, "
                    f"{below}, now())")
        con.execute(f"comment on table {BUILD_LOGIC_TABLE} is 'What the dbt models were last built from: the "
                    "code, dbt project, packages and settings, each seed and each raw table (JSON of fingerprints; "
                    "empty: not known); built_below: the seeds and raw tables whose change the build built, and "
                    "only the nodes below them (null: every node)'")
