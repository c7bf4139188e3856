"""What a `dbt build` must do (dagster_project/dbt_build_plan.py), on a manifest of six nodes:

    seed a -> model m1 -> test t1        source s -> model m2 -> test t2 (also reads m1)
    seed b
"""

from __future__ import annotations

import duckdb
import pytest

from dagster_project.dbt_build_plan import (
    BuiltFrom,
    plan_dbt_build,
    sources_fingerprint,
)

MANIFEST = {
    "nodes": {
        "seed.p.a": {"name": "a", "resource_type": "seed"},
        "seed.p.b": {"name": "b", "resource_type": "seed"},
        "model.p.m1": {"name": "m1", "resource_type": "model"},
        "model.p.m2": {"name": "m2", "resource_type": "model"},
        "test.p.t1": {"name": "t1", "resource_type": "test"},
        "test.p.t2": {"name": "t2", "resource_type": "test"},
    },
    "child_map": {
        "seed.p.a": ["model.p.m1"], "seed.p.b": [], "source.p.raw.s": ["model.p.m2"],
        "model.p.m1": ["test.p.t1", "test.p.t2"], "model.p.m2": ["test.p.t2"], "test.p.t1": [], "test.p.t2": [],
    },
    "sources": {"source.p.raw.s": {"schema": "raw", "identifier": "s"}},
}
BUILT = BuiltFrom("logic 1", {"a": "a1", "b": "b1"}, {"raw.s": "s1"})


def test_without_a_record_or_with_other_logic_everything_is_rebuilt() -> None:
    for recorded in (None, BuiltFrom("logic 0", BUILT.seeds, BUILT.sources)):
        plan = plan_dbt_build(recorded, BUILT, MANIFEST)
        assert plan.full_refresh and plan.built is None and plan.args == ["--full-refresh"]


def test_an_edited_seed_builds_itself_and_every_node_below_it() -> None:
    plan = plan_dbt_build(BuiltFrom("logic 1", {"a": "a0", "b": "b1"}, BUILT.sources), BUILT, MANIFEST)
    assert plan.changed == ("a",) and plan.builds_anything and not plan.full_refresh
    # t2 reads m2 too, which did not change, but m1, which did: it runs again
    assert plan.built == {"seed.p.a", "model.p.m1", "test.p.t1", "test.p.t2"}
    # excluding m2 must not exclude t2, which reads m1 too: no indirect selection
    assert plan.args == ["--exclude", "b m2", "--indirect-selection", "empty"]


def test_a_changed_raw_table_builds_the_nodes_below_it_by_merging() -> None:
    plan = plan_dbt_build(BuiltFrom("logic 1", BUILT.seeds, {"raw.s": "s0"}), BUILT, MANIFEST)
    assert plan.changed == ("raw.s",) and not plan.full_refresh
    assert plan.built == {"model.p.m2", "test.p.t2"}
    assert plan.args == ["--exclude", "a b m1 t1", "--indirect-selection", "empty"]


def test_nothing_changed_builds_nothing() -> None:
    plan = plan_dbt_build(BUILT, BUILT, MANIFEST)
    assert plan.changed == () and plan.built == set() and not plan.builds_anything
    assert plan.args == ["--exclude", "a b m1 m2 t1 t2", "--indirect-selection", "empty"]


@pytest.mark.parametrize("current", [BuiltFrom("logic 1", {**BUILT.seeds, "c": "c1"}, BUILT.sources),
                                     BuiltFrom("logic 1", BUILT.seeds, {**BUILT.sources, "raw.u": "u1"})])
def test_a_seed_or_table_the_manifest_does_not_know_builds_everything(current: BuiltFrom) -> None:
    plan = plan_dbt_build(BUILT, current, MANIFEST)
    assert plan.built is None and not plan.full_refresh and plan.args == []


@pytest.mark.parametrize("change", ["insert into raw.s values (3, 'c')", "delete from raw.s where id = 1",
                                    "update raw.s set name = 'B' where id = 2", "drop table raw.s"])
def test_every_change_of_a_source_changes_its_fingerprint(change: str) -> None:
    con = duckdb.connect()
    con.execute("create schema raw; create table raw.s (id int, name varchar); "
                "insert into raw.s values (1, 'a'), (2, 'b')")
    before = sources_fingerprint(con, MANIFEST)
    con.execute("create table raw.other as select 1 as x")  # not a source: no change
    assert sources_fingerprint(con, MANIFEST) == before
    con.execute(change)
    assert sources_fingerprint(con, MANIFEST)["raw.s"] != before["raw.s"]
