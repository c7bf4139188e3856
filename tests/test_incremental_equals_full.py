"""A build that reuses earlier work (articles not read again, the region list not reloaded, the
dbt manifest not parsed again) publishes exactly the rows of a build from nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from repo_copy import RepoCopy, table_fingerprints

from dagster_project import settings
from dagster_project.build_inputs import record_path

pytestmark = pytest.mark.slow  # runs `koperasi run` five times

FIXTURES = settings.REPO_ROOT / "tests" / "fixtures" / "contradictory_articles"


def test_an_incremental_build_publishes_the_rows_of_a_full_rebuild(reference: RepoCopy, tmp_path: Path) -> None:
    shutil.copytree(reference.root, tmp_path / "repo", symlinks=True)
    built = RepoCopy(tmp_path / "repo")
    fixtures = sorted(FIXTURES.glob("*.txt"))
    for fixture in fixtures[:5]:  # contradictions: findings of the auto source
        shutil.copy2(fixture, built.articles / fixture.name)
    result = built.run()
    assert result.returncode == 0 and "Run succeeded" in result.stdout, result.stdout[-3000:]

    # articles of every kind of change, the logic unchanged: the incremental models merge them
    shutil.copy2(fixtures[5], built.articles / fixtures[5].name)
    edited = built.articles / fixtures[1].name  # no hand figures: any new figure is welcome
    edited.write_text(edited.read_text(encoding="utf-8") + "\nTercatat 120 koperasi di Kabupaten Blora, "
                      "90 di antaranya aktif.\n", encoding="utf-8")
    emptied = built.articles / fixtures[2].name  # read again, now with no figures: its rows must go
    emptied.write_text("Koperasi di daerah ini terus dibina oleh dinas.\n", encoding="utf-8")
    (built.articles / fixtures[0].name).unlink()
    result = built.run()
    assert result.returncode == 0 and "Run succeeded" in result.stdout, result.stdout[-3000:]
    assert "3 articles extracted, 7 unchanged and reused, 1 removed" in result.stdout
    assert last_dbt_build(built.warehouse) == (False, ["raw.articles", "raw.extracted_articles",
                                                       "raw.extracted_figures"])  # not the region list

    # seeds edited, nothing else: only they and what they feed are built (the hand figures feed
    # the incremental int_evidence_numbers: a new evidence parsed, the old one dropped; a rejected
    # figure is read by every article of the models incremental by article)
    replace_in(built.seeds / "acknowledged_findings.csv", "Kept as published", "Kept as is")
    replace_in(built.seeds / "cooperative_figures.csv", "Erwin juga memaparkan jumlah koperasi di Kabupaten Banyuasin",
               "jumlah koperasi di Kabupaten Banyuasin")
    rejected_id, rejected_article = auto_figure(built.warehouse)
    with (built.seeds / "rejected_figures.csv").open("a", encoding="utf-8") as seed:
        seed.write(f"{rejected_id},{rejected_article},misread,test,2026-12-01\n")
    result = built.run()
    assert result.returncode == 0 and "Run succeeded" in result.stdout, result.stdout[-3000:]
    assert "Only seeds changed (acknowledged_findings, cooperative_figures, rejected_figures)" in result.stdout
    assert "Extraction (" not in result.stdout  # no article read, not even planned
    assert last_dbt_build(built.warehouse) == (False, ["acknowledged_findings", "cooperative_figures",
                                                       "rejected_figures"])
    assert auto_figure(built.warehouse, rejected_id) is None  # left out

    # the same for a run of every asset (the UI's, the sensor's): the dbt asset builds the seed alone
    replace_in(built.seeds / "article_metadata.csv", "Warta Koperasi", "Warta Koperasi Indonesia")
    record_path(built.warehouse).unlink()  # no record of the inputs: `koperasi run` runs every asset
    result = built.run()
    assert result.returncode == 0 and "Run succeeded" in result.stdout, result.stdout[-3000:]
    assert "0 articles extracted, 10 unchanged and reused, 0 removed" in result.stdout
    assert last_dbt_build(built.warehouse) == (False, ["article_metadata"])
    incremental = table_fingerprints(built.warehouse)

    built.warehouse.unlink()  # the same inputs, from nothing
    result = built.run("run", "--rebuild")
    assert result.returncode == 0 and "Run succeeded" in result.stdout, result.stdout[-3000:]
    assert "10 articles extracted, 0 unchanged and reused, 0 removed" in result.stdout
    assert last_dbt_build(built.warehouse) == (True, None)
    assert table_fingerprints(built.warehouse) == incremental


def last_dbt_build(warehouse: Path) -> tuple[bool, list[str] | None] | None:
    """Whether the last dbt build was a full refresh, and the seeds and raw tables whose change it
    built, the nodes below them alone (assets/dbt.py records them)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("select full_refresh, built_below from raw.build_logic").fetchone()
    finally:
        con.close()


def auto_figure(warehouse: Path, figure_id: str | None = None) -> tuple[str, str] | None:
    """An automatic figure of the warehouse (the one given, if it is there): its id and article."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("select figure_id, article_id from staging.int_cooperative_figures "
                           "where source = 'auto' and figure_id = coalesce(?, figure_id) order by figure_id limit 1",
                           [figure_id]).fetchone()
    finally:
        con.close()


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
