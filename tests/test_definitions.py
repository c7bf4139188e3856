"""The Dagster definitions load, and the asset graph tells the story left to right:
article files -> raw -> staging -> intermediate -> marts, unbroken and without orphans."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest


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


def test_no_orphans_and_everything_described(asset_graph: dg.AssetGraph) -> None:
    for asset_key in asset_graph.get_all_asset_keys():
        node = asset_graph.get(asset_key)
        assert node.description, f"{asset_key.to_user_string()} has no description"
        if node.group_name != "marts":
            assert node.child_keys, f"{asset_key.to_user_string()} feeds nothing"


def test_dbt_tests_are_asset_checks(asset_graph: dg.AssetGraph) -> None:
    checks = {c.name for c in asset_graph.asset_check_keys}
    assert {"quote_occurs_in_article_stg_seed__cooperative_figures_evidence",
            "value_in_evidence_stg_seed__cooperative_figures_value"} <= checks
    assert any(name.startswith("active_plus_inactive_equals_total") for name in checks)
