"""Which articles the extractor reads again (domain/extraction_plan.py), without a warehouse."""

from __future__ import annotations

from dagster_project.domain.extraction_plan import PreviousExtraction, plan_extraction


def test_only_new_changed_or_differently_read_articles_are_read_again() -> None:
    previous = {
        "kept": PreviousExtraction("sha-kept", "v2", figure_count=3, stored_figures=3),
        "edited": PreviousExtraction("sha-old", "v2", figure_count=1, stored_figures=1),
        "old_extractor": PreviousExtraction("sha-x", "v1", figure_count=2, stored_figures=2),
        "table_edited": PreviousExtraction("sha-t", "v2", figure_count=2, stored_figures=1),
        "gone": PreviousExtraction("sha-g", "v2", figure_count=0, stored_figures=0),
        # figures without an article row (an edited table): never valid
        "orphan": PreviousExtraction("None", "None", figure_count=-1, stored_figures=4),
    }
    loaded = {"edited": "sha-new", "kept": "sha-kept", "new": "sha-n", "old_extractor": "sha-x",
              "orphan": "sha-o", "table_edited": "sha-t"}
    plan = plan_extraction(loaded, previous, "v2")
    assert plan.to_read == ["edited", "new", "old_extractor", "orphan", "table_edited"]  # in loaded order
    assert plan.reused == ["kept"]
    assert plan.removed == ["gone"]


def test_a_first_extraction_reads_everything() -> None:
    plan = plan_extraction({"b": "2", "a": "1"}, {}, "v1")
    assert (plan.to_read, plan.reused, plan.removed) == (["b", "a"], [], [])
