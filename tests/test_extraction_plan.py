"""Which articles the extractor reads again (domain/extraction_plan.py), without a warehouse."""

from __future__ import annotations

from datetime import UTC, datetime

from dagster_project.domain.extraction_plan import LoadedVersion, PreviousExtraction, plan_extraction

LOADED = datetime(2026, 12, 1, 9, tzinfo=UTC)
READ = datetime(2026, 12, 1, 10, tzinfo=UTC)  # after the load


def test_only_new_changed_or_differently_read_articles_are_read_again() -> None:
    previous = {
        "kept": PreviousExtraction("sha-kept", "v2", 3, 3, READ),
        "edited": PreviousExtraction("sha-old", "v2", 1, 1, READ),
        "old_extractor": PreviousExtraction("sha-x", "v1", 2, 2, READ),
        "table_edited": PreviousExtraction("sha-t", "v2", 2, 1, READ),
        "reloaded": PreviousExtraction("sha-r", "v2", 1, 1, READ),
        "gone": PreviousExtraction("sha-g", "v2", 0, 0, READ),
        # figures without an article row (an edited table): never valid
        "orphan": PreviousExtraction("None", "None", -1, 4, None),
    }
    loaded = {name: LoadedVersion(sha, LOADED) for name, sha in (
        ("edited", "sha-new"), ("kept", "sha-kept"), ("new", "sha-n"), ("old_extractor", "sha-x"),
        ("orphan", "sha-o"), ("table_edited", "sha-t"))}
    # the same bytes, but the row written anew since it was read (a new loader reads them otherwise)
    loaded["reloaded"] = LoadedVersion("sha-r", datetime(2026, 12, 1, 11, tzinfo=UTC))
    plan = plan_extraction(loaded, previous, "v2")
    assert plan.to_read == ["edited", "new", "old_extractor", "orphan", "table_edited", "reloaded"]  # in loaded order
    assert plan.reused == ["kept"]
    assert plan.removed == ["gone"]


def test_a_first_extraction_reads_everything() -> None:
    plan = plan_extraction({"b": LoadedVersion("2", LOADED), "a": LoadedVersion("1", LOADED)}, {}, "v1")
    assert (plan.to_read, plan.reused, plan.removed) == (["b", "a"], [], [])
