"""The analyst app's parts that need no warehouse: the seed writer, the rebuild request, the
build-in-progress probe (`make test-fast`)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from dagster_project import settings
from dagster_project.app import rebuild, seed_writer
from dagster_project.build_lock import build_lock, running_build

ACKNOWLEDGED = settings.DBT_PROJECT_DIR / "seeds" / "acknowledged_findings.csv"


@pytest.fixture
def seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(settings.DBT_PROJECT_DIR / "seeds", folder)
    monkeypatch.setenv(settings.SEEDS_ENV, str(folder))
    return folder


def test_a_row_is_appended_after_the_old_bytes_unchanged(seeds: Path) -> None:
    path = seeds / "acknowledged_findings.csv"
    before = path.read_bytes()
    seed_writer.append_row("acknowledged_findings", {
        "finding_id": "F-000000000000", "reason": 'says "450", checked', "acknowledged_by": "A, B",
        "acknowledged_on": "2026-12-01"})
    assert path.read_bytes() == before + b'F-000000000000,"says ""450"", checked","A, B",2026-12-01\n'
    assert sorted(p.name for p in seeds.iterdir()) == sorted(p.name for p in ACKNOWLEDGED.parent.iterdir())


def test_a_missing_final_newline_is_supplied(tmp_path: Path) -> None:
    path = tmp_path / "seed.csv"
    path.write_bytes(b"a,b\n1,2")
    assert seed_writer.appended(path, {"a": "3", "b": "4"}) == b"a,b\n1,2\n3,4\n"


def test_a_row_the_build_would_refuse_is_refused_and_nothing_is_written(seeds: Path) -> None:
    path = seeds / "acknowledged_findings.csv"
    before = path.read_bytes()
    existing = before.decode().splitlines()[1].split(",")[0]
    with pytest.raises(seed_writer.SeedRowRefused) as refused:
        seed_writer.append_row("acknowledged_findings", {
            "finding_id": existing, "reason": "again", "acknowledged_by": "x", "acknowledged_on": "2026-13-01"})
    assert refused.value.problems == [
        "column acknowledged_on: '2026-13-01' is not a date (YYYY-MM-DD)",
        "the same finding_id as line 2 (a row entered twice)",
    ]
    assert path.read_bytes() == before
    assert sorted(p.name for p in seeds.iterdir()) == sorted(p.name for p in ACKNOWLEDGED.parent.iterdir())


def test_a_hand_figure_whose_value_is_not_in_its_evidence_is_refused(seeds: Path) -> None:
    path = seeds / "cooperative_figures.csv"
    before = path.read_bytes()
    with path.open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))  # 502 units in Kabupaten Banyuasin
    row.update(value="503", as_of_date="2022-06")  # a new figure, as far as uniqueness goes
    with pytest.raises(seed_writer.SeedRowRefused) as refused:
        seed_writer.append_row("cooperative_figures", row)
    assert refused.value.problems == ["column value: 503 cannot be read from the evidence (it reads 502)"]
    assert path.read_bytes() == before


def test_the_rebuild_takes_the_seed_and_everything_below_it() -> None:
    nodes = [
        {"assetKey": {"path": ["raw", "rejected_figures"]}, "dependencyKeys": []},
        {"assetKey": {"path": ["staging", "stg_seed__rejected_figures"]}, "dependencyKeys": [{"path": ["raw", "rejected_figures"]}]},
        {"assetKey": {"path": ["marts", "fct"]}, "dependencyKeys": [{"path": ["staging", "stg_seed__rejected_figures"]},
                                                                   {"path": ["raw", "articles"]}]},
        {"assetKey": {"path": ["raw", "articles"]}, "dependencyKeys": []},
        {"assetKey": {"path": ["external"]}, "isMaterializable": False, "dependencyKeys": [{"path": ["marts", "fct"]}]},
    ]
    assert rebuild.downstream(("raw", "rejected_figures"), nodes) == [
        ("marts", "fct"), ("raw", "rejected_figures"), ("staging", "stg_seed__rejected_figures")]


def test_the_rebuild_lists_every_check_of_its_assets_and_those_asked() -> None:
    nodes = [
        {"assetKey": {"path": ["raw", "cooperative_figures"]}, "assetChecksOrError": {"checks": []}},
        {"assetKey": {"path": ["marts", "fct"]}, "assetChecksOrError": {"checks": [{"name": "b"}, {"name": "a"}]}},
        {"assetKey": {"path": ["raw", "extracted_figures"]}, "assetChecksOrError": {"checks": [{"name": "score"}]}},
    ]
    selection = [("raw", "cooperative_figures"), ("marts", "fct")]
    assert rebuild.checks_of(selection, nodes) == [
        {"assetKey": {"path": ["marts", "fct"]}, "name": "a"}, {"assetKey": {"path": ["marts", "fct"]}, "name": "b"}]
    assert rebuild.checks_of(selection, nodes, [(("raw", "extracted_figures"), "score")])[-1] == {
        "assetKey": {"path": ["raw", "extracted_figures"]}, "name": "score"}


def test_without_a_webserver_the_app_says_make_run_is_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(settings.DAGSTER_URL_ENV, "http://127.0.0.1:9")  # discard: nothing listens
    result = rebuild.rebuild_after("rejected_figures")
    assert not result.started and "`make run`" in result.message and "127.0.0.1:9" in result.message


def test_a_running_build_is_seen_without_waiting_for_it(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    assert running_build(warehouse) is None  # never built: no lock file, none created
    assert not list(tmp_path.iterdir())
    with build_lock(warehouse):
        assert running_build(warehouse).startswith("the build started by pid")
    assert running_build(warehouse) is None
