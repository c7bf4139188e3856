"""The Dagster definitions load, and the asset graph tells the story left to right:
article files -> raw -> staging -> intermediate -> marts, unbroken and without orphans."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("dbt_manifest")]  # the definitions need dbt's manifest (`dbt parse`)


@pytest.fixture(scope="module")
def asset_graph(dbt_manifest: Path) -> dg.AssetGraph:
    from dagster_project.definitions import build_definitions

    defs = build_definitions()
    defs.validate_loadable(defs)
    return defs.resolve_asset_graph()


def key(path: str) -> dg.AssetKey:
    return dg.AssetKey(path.split("/"))


def test_every_layer_is_a_group(asset_graph: dg.AssetGraph) -> None:
    groups = {asset_graph.get(k).group_name for k in asset_graph.get_all_asset_keys()}
    assert groups == {"raw", "seeds", "staging", "intermediate", "marts"}
    assert asset_graph.get(key("marts/dim_region")).group_name == "marts"
    assert asset_graph.get(key("staging/int_regions")).group_name == "intermediate"


def test_dbt_source_of_articles_is_the_loader_asset(asset_graph: dg.AssetGraph) -> None:
    assert key("raw/articles") in asset_graph.get(key("staging/stg_raw__articles")).parent_keys
    assert key("raw/regions") in asset_graph.get(key("staging/stg_raw__regions")).parent_keys
    assert asset_graph.get(key("raw/articles")).is_materializable  # not an external stub


def test_lineage_runs_from_articles_to_findings(asset_graph: dg.AssetGraph) -> None:
    upstream: set[dg.AssetKey] = set()
    frontier = {key("marts/dq_findings")}
    while frontier:
        parents = set().union(*(asset_graph.get(k).parent_keys for k in frontier))
        frontier = parents - upstream
        upstream |= parents
    assert {key("raw/articles"), key("raw/regions"), key("raw/cooperative_figures"),
            key("staging/int_consistency_violations")} <= upstream


def test_extraction_reads_the_loaded_articles_and_feeds_dbt(asset_graph: dg.AssetGraph) -> None:
    for table in ("extracted_figures", "extracted_articles"):
        node = asset_graph.get(key(f"raw/{table}"))
        assert node.parent_keys == {key("raw/articles")} and node.group_name == "raw"
        assert key(f"staging/stg_raw__{table}") in node.child_keys
    figures = asset_graph.get(key("staging/int_cooperative_figures"))
    assert key("staging/stg_raw__extracted_figures") in figures.parent_keys
    check = dg.AssetCheckKey(key("raw/extracted_figures"), "extraction_matches_hand_figures")
    assert check in asset_graph.asset_check_keys


def test_dbt_runs_as_one_step() -> None:
    """A Python asset between two dbt models, or waiting on a check dbt runs, makes Dagster cut
    the dbt step in pieces, whose tests then run before the models they read exist."""
    from dagster_project.definitions import build_definitions

    job = build_definitions().resolve_implicit_global_asset_job_def()
    assert sorted(node.definition.name for node in job.graph.nodes) == [
        "dbt_warehouse", "raw__articles", "raw__extracted_figures_extraction_matches_hand_figures",
        "raw__regions", "raw_extraction"]


def test_sensor_job_is_raw_articles_and_everything_downstream() -> None:
    from dagster_project.definitions import build_definitions

    defs = build_definitions()
    job = defs.resolve_job_def("articles_changed")
    selected = {k.to_user_string() for k in job.asset_layer.selected_asset_keys}
    assert {"raw/articles", "raw/extracted_figures", "staging/stg_raw__extracted_figures",
            "marts/fct_cooperative_figures", "marts/fct_extraction_disagreements"} <= selected
    assert not {"raw/regions", "raw/cooperative_figures", "marts/dim_region"} & selected
    assert defs.resolve_sensor_def("articles_folder_sensor").job_name == "articles_changed"


# The parser's numbers of each evidence sentence, kept for the value_in_evidence tests: it feeds
# tests, not models.
FEEDS_TESTS_ONLY = {"staging/int_evidence_numbers"}


def test_no_orphans_and_everything_described(asset_graph: dg.AssetGraph) -> None:
    for asset_key in asset_graph.get_all_asset_keys():
        node = asset_graph.get(asset_key)
        assert node.description, f"{asset_key.to_user_string()} has no description"
        if node.group_name != "marts" and asset_key.to_user_string() not in FEEDS_TESTS_ONLY:
            assert node.child_keys, f"{asset_key.to_user_string()} feeds nothing"
    # an exemption that no longer applies goes
    assert {key for key in FEEDS_TESTS_ONLY if asset_graph.get(dg.AssetKey(key.split("/"))).child_keys} == set()


def test_dbt_tests_are_asset_checks(asset_graph: dg.AssetGraph) -> None:
    checks = {c.name for c in asset_graph.asset_check_keys}
    assert {"quote_occurs_in_article_stg_seed__cooperative_figures_evidence",
            "value_in_evidence_stg_seed__cooperative_figures_value"} <= checks
    assert any(name.startswith("active_plus_inactive_equals_total") for name in checks)


def test_the_dbt_resource_overrides_members_dagster_dbt_still_has() -> None:
    """ProjectDbtCli skips `dbt --version` and an in-process dbt adapter by overriding two private
    members of DbtCliResource: if dagster-dbt renames them, the overrides silently stop working."""
    from functools import cached_property

    from dagster_dbt import DbtCliResource

    from dagster_project.dbt_project import DBT_EXECUTABLE, ProjectDbtCli

    assert isinstance(DbtCliResource.__dict__["_cli_version"], cached_property)
    assert callable(DbtCliResource.__dict__["_initialize_dbt_core_adapter"])
    resource = ProjectDbtCli(project_dir=str(Path(__file__).parents[1] / "dbt"), dbt_executable=str(DBT_EXECUTABLE))
    assert resource._cli_version.major == 1
    assert resource._initialize_dbt_core_adapter([]) is None
