"""`koperasi run` builds nothing when nothing changed, and builds when anything did.

The fingerprint of a build's inputs changes with every input (an article's bytes even at the same
size and mtime, a new, removed, linked or FIFO entry, a seed, a model, the code, a setting), and the
record of the last build is trusted only for the very file it published. The last test runs the
real `koperasi run` on a copy of the repository.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from repo_copy import RepoCopy, table_fingerprints

from dagster_project import settings
from dagster_project.build_inputs import (
    articles_fingerprint,
    build_inputs,
    changed_since_last_build,
    edited_seeds,
    record_build,
)

ARTICLE = "001_cef1a415c8952276.txt"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The project's inputs, copied: code, dbt project, articles."""
    for part in ("dagster_project", "dbt", "data/articles"):
        shutil.copytree(settings.REPO_ROOT / part, tmp_path / part,
                        ignore=shutil.ignore_patterns("target", "logs", "__pycache__", "*.duckdb*"))
    for name in ("pyproject.toml", "constraints.txt"):
        shutil.copy2(settings.REPO_ROOT / name, tmp_path / name)
    return tmp_path


def fingerprint(tree: Path) -> dict[str, str]:
    return build_inputs(tree, tree / "data" / "articles", tree / "data" / "warehouse.duckdb")


def same_size_same_mtime_edit(path: Path, old: str = "3", new: str = "4") -> None:
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text and len(old.encode()) == len(new.encode())
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size


CHANGES = {
    "an article edited, same size and mtime": lambda t: same_size_same_mtime_edit(t / "data/articles" / ARTICLE),
    "an article added": lambda t: (t / "data/articles/new.txt").write_text("Ada 3 koperasi aktif.", encoding="utf-8"),
    "a hidden article added": lambda t: (t / "data/articles/.hidden.txt").write_text("Ada 3 koperasi.", encoding="utf-8"),
    "an article removed": lambda t: (t / "data/articles" / ARTICLE).unlink(),
    "an article renamed": lambda t: (t / "data/articles" / ARTICLE).rename(t / "data/articles/x.txt"),
    "a symbolic link added": lambda t: (t / "data/articles/link.txt").symlink_to("/etc/hostname"),
    "a FIFO added": lambda t: os.mkfifo(t / "data/articles/pipe.txt"),
    "a seed edited": lambda t: same_size_same_mtime_edit(t / "dbt/seeds/cooperative_figures.csv"),
    # read by the extractor too: every article is read again
    "the region aliases edited": lambda t: (t / "dbt/seeds/region_aliases.csv").write_text(
        (t / "dbt/seeds/region_aliases.csv").read_text() + "Kaltimra,Kalimantan Timur,province,false,\n"),
    "the region history edited": lambda t: (t / "dbt/seeds/region_history.csv").write_text(
        (t / "dbt/seeds/region_history.csv").read_text().replace(",64,", ",63,")),
    "a model edited": lambda t: (t / "dbt/models/marts/dq_findings.sql").write_text(
        (t / "dbt/models/marts/dq_findings.sql").read_text() + "\n-- edited\n"),
    "a dbt setting edited": lambda t: (t / "dbt/dbt_project.yml").write_text(
        (t / "dbt/dbt_project.yml").read_text() + "\n# edited\n"),
    "the extractor edited": lambda t: (t / "dagster_project/domain/extraction/lexicon.py").write_text(
        (t / "dagster_project/domain/extraction/lexicon.py").read_text() + "\n# edited\n"),
    "the pipeline code edited": lambda t: (t / "dagster_project/assets/raw.py").write_text(
        (t / "dagster_project/assets/raw.py").read_text() + "\n# edited\n"),
    "a constraint edited": lambda t: (t / "constraints.txt").write_text((t / "constraints.txt").read_text() + "\n"),
    # dbt's output folders are ignored at the top of dbt/ only: deeper down, a `logs` folder is code
    "code in a folder named logs": lambda t: (t / "dagster_project/logs").mkdir() or (
        t / "dagster_project/logs/handler.py").write_text("X = 1\n"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_of_an_input_changes_the_fingerprint(tree: Path, change: str) -> None:
    before = fingerprint(tree)
    assert fingerprint(tree) == before  # stable while nothing changes
    CHANGES[change](tree)
    after = fingerprint(tree)
    changed = {part for part in before if after[part] != before[part]}
    # a seed's rows are data of their own (only what they feed is rebuilt); any other change is not
    assert changed == ({"seed cooperative_figures"} if change == "a seed edited"
                       else {"logic", "seed region_aliases"} if change == "the region aliases edited"
                       else {"logic", "seed region_history"} if change == "the region history edited"
                       else {"logic"} if change in LOGIC_CHANGES else {"articles"})


LOGIC_CHANGES = {"a model edited", "a dbt setting edited", "the extractor edited", "the pipeline code edited",
                 "a constraint edited", "code in a folder named logs"}


def test_a_seed_added_is_new_logic_not_only_new_rows(tree: Path) -> None:
    before = fingerprint(tree)
    (tree / "dbt/seeds/more_figures.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    after = fingerprint(tree)
    assert after["logic"] != before["logic"]  # a new table: never built by merging
    assert "seed more_figures" in after and "seed more_figures" not in before


def test_only_seeds_edited_names_them() -> None:
    assert edited_seeds({"seed region_aliases", "seed cooperative_figures"}) == ["cooperative_figures", "region_aliases"]
    assert edited_seeds({"seed region_aliases", "articles"}) is None  # articles too: everything
    assert edited_seeds(set()) is None and edited_seeds(None) is None


def test_an_article_whose_identity_is_unchanged_is_not_read_again(tree: Path) -> None:
    articles, cache = tree / "data" / "articles", tree / "digests.json"
    plain = articles_fingerprint(articles)
    assert articles_fingerprint(articles, cache) == plain  # the cache changes nothing by itself
    digests = json.loads(cache.read_text())
    entry = digests["entries"][ARTICLE]
    entry[4] += 10**12  # hashed long after its last change: trusted ...
    entry[5] = "0" * 64  # ... so this made-up digest is taken instead of reading the file
    cache.write_text(json.dumps(digests))
    assert articles_fingerprint(articles, cache) != plain
    same_size_same_mtime_edit(articles / ARTICLE)  # any write changes the ctime: read again
    assert articles_fingerprint(articles, cache) == articles_fingerprint(articles)


def test_a_cache_not_as_written_here_is_ignored(tree: Path) -> None:
    articles, cache = tree / "data" / "articles", tree / "digests.json"
    cache.write_text(json.dumps({"folder": str(articles), "entries": {ARTICLE: [1, 2, 3]}}))
    assert articles_fingerprint(articles, cache) == articles_fingerprint(articles)


def test_an_article_changed_just_before_it_was_hashed_is_read_again(tree: Path) -> None:
    articles, cache = tree / "data" / "articles", tree / "digests.json"
    articles_fingerprint(articles, cache)  # the copies were written just now: inside the racy window
    digests = json.loads(cache.read_text())
    digests["entries"][ARTICLE][5] = "0" * 64
    cache.write_text(json.dumps(digests))
    assert articles_fingerprint(articles, cache) == articles_fingerprint(articles)


def test_dbt_output_and_caches_are_not_inputs(tree: Path) -> None:
    before = fingerprint(tree)
    (tree / "dbt/target").mkdir()
    (tree / "dbt/target/manifest.json").write_text("{}")
    (tree / "dbt/logs").mkdir()
    (tree / "dbt/logs/dbt.log").write_text("log")
    (tree / "dagster_project/__pycache__").mkdir(exist_ok=True)
    (tree / "dagster_project/__pycache__/x.cpython-311.pyc").write_bytes(b"pyc")
    assert fingerprint(tree) == before


def test_a_setting_changes_the_fingerprint(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = fingerprint(tree)
    assert build_inputs(tree, tree / "data" / "articles", tree / "other.duckdb") != before
    monkeypatch.setenv("DBT_TARGET_PATH", "elsewhere")
    assert fingerprint(tree) != before


def test_where_the_warm_dbt_waits_is_not_a_setting(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a run sets it while it builds, to a new folder each time: were it logic, every build would
    # rebuild every model
    before = fingerprint(tree)
    monkeypatch.setenv(settings.WARM_DBT_SOCKET_ENV, "/tmp/koperasi-dbt-abc/dbt.sock")
    assert fingerprint(tree) == before
    monkeypatch.setenv("KOPERASI_SOMETHING_ELSE", "x")  # while its neighbours are settings
    assert fingerprint(tree) != before


def test_the_record_holds_only_for_the_file_it_was_written_for(tmp_path: Path) -> None:
    published = tmp_path / "warehouse.duckdb"
    inputs = {"articles": "abc", "seed x": "1"}
    assert changed_since_last_build(published, inputs) is None  # no warehouse, no record
    published.write_bytes(b"one build")
    record_build(published, inputs)
    assert changed_since_last_build(published, inputs) == set()
    assert changed_since_last_build(published, {**inputs, "seed x": "2"}) == {"seed x"}  # other inputs
    assert changed_since_last_build(published, {"articles": "abc"}) == {"seed x"}  # a seed gone
    other = tmp_path / "warehouse.build.duckdb"  # another publication: a file renamed over it
    other.write_bytes(b"one build")
    os.replace(other, published)
    assert changed_since_last_build(published, inputs) is None
    record_build(published, inputs)
    with published.open("ab") as handle:  # written in place
        handle.write(b"!")
    assert changed_since_last_build(published, inputs) is None
    record_build(published, inputs)
    record = published.with_name("warehouse.inputs.json")
    record.write_text(json.dumps({**json.loads(record.read_text()), "inputs": "a fingerprint of an older version"}))
    assert changed_since_last_build(published, inputs) is None


@pytest.mark.slow  # runs `koperasi run` three times
def test_koperasi_run_does_nothing_when_nothing_changed_and_builds_on_a_change(
        reference: RepoCopy, tmp_path: Path) -> None:
    shutil.copytree(reference.root, tmp_path / "repo", symlinks=True)
    built = RepoCopy(tmp_path / "repo")
    result = built.run()  # the copy's paths differ from the reference's: built
    assert result.returncode == 0 and "Run succeeded" in result.stdout, result.stdout[-3000:]
    assert "koperasi-dbt:" not in result.stdout  # the build was the warm dbt's (warm_dbt.py), not a cold one
    published = built.warehouse.stat().st_ino

    result = built.run()
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Nothing changed since the last build" in result.stdout
    assert "Run succeeded" not in result.stdout
    assert "marts.fct_cooperative_figures" in result.stdout  # the summary
    assert built.warehouse.stat().st_ino == published  # not even copied

    before = table_fingerprints(built.warehouse)
    same_size_same_mtime_edit(built.articles / ARTICLE, "Rapar Koordinasi", "Rapat Koordinasi")  # a typo fixed
    result = built.run()
    assert result.returncode == 0 and "Run succeeded" in result.stdout, result.stdout[-3000:]
    after = table_fingerprints(built.warehouse)
    assert after["raw.articles"] != before["raw.articles"]
    assert after["marts.dim_article"] != before["marts.dim_article"]  # its new sha256
