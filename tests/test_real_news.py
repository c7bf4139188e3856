"""The real-news dev set (data/real_news/): its texts are third-party pages kept out of git,
so these tests skip, saying why, where the texts are absent (as in CI)."""

from __future__ import annotations

import pytest
from real_news_set import evaluate, manifest, missing_texts, problems

pytestmark = pytest.mark.skipif(
    bool(missing_texts()),
    reason="the real-news texts are absent (data/real_news/texts/ is git-ignored; "
           "data/real_news/README.md says how to rebuild it)")


def test_the_texts_are_those_annotated() -> None:
    assert len(manifest()) >= 50 and problems() == []


# Issue 11's target, not met: the publishing policy chosen on the tuned part (leaving each article
# out, threshold included: 0.97-0.99) publishes 24 held-out figures, 2 of them wrong (0.92). Kept as
# the target it is; strict, so that meeting it turns this into a failure that asks to remove the mark.
@pytest.mark.xfail(strict=True, reason="held-out published precision 0.92 < 0.95 (issue 11 target not met)")
def test_published_figures_of_the_held_out_part_are_precise() -> None:
    result = evaluate("held_out")
    assert result.published.precision >= 0.95, result.published
