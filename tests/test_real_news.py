"""The real-news dev set (data/real_news/): its texts are third-party pages kept out of git,
so these tests skip, saying why, where the texts are absent (as in CI)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from real_news_batch import GOLD_COLUMNS, MANIFEST_COLUMNS
from real_news_batch import problems as batch_problems
from real_news_set import GOLD, evaluate, manifest, missing_texts, page_address, part_of, parts, problems, read_rows

needs_texts = pytest.mark.skipif(
    bool(missing_texts()),
    reason="the real-news texts are absent (data/real_news/texts/ is git-ignored; "
           "data/real_news/README.md says how to rebuild it)")


def test_every_article_is_in_the_part_the_fixed_rule_gives_it() -> None:
    """The split is fixed by a rule (tests/real_news_batch.py merge applies it), never chosen by
    hand: a batch merged without its split rows, or a part edited, fails here, texts or not."""
    articles = [row["article_id"] for row in manifest()]
    assert len(set(articles)) == len(articles)
    assert parts() == {article: part_of(article) for article in articles}
    assert {row["article_id"] for row in read_rows(GOLD)} <= set(articles)


@needs_texts
def test_the_texts_are_those_annotated() -> None:
    assert len(manifest()) >= 50 and problems() == []


# Issue 11's target: the publishing policy chosen on the tuned part publishes held-out figures at
# least 0.95 precise. Met by a hair at times between batches `ri` and `sh`, missed since `si`; the
# held-out figures after each batch and rule: docs/real_news_history.md. The reason below names the last.
@needs_texts
@pytest.mark.xfail(strict=True, reason="held out, with batches tk and tl: 179 published, 15 wrong (0.916 < 0.95)")
def test_published_figures_of_the_held_out_part_are_precise() -> None:
    result = evaluate("held_out")
    assert result.published.precision >= 0.95, result.published


def test_a_batch_reusing_an_article_id_or_a_page_of_the_set_is_refused(tmp_path: Path) -> None:
    """Merging appends and copies texts by id: a batch merged twice, or an id already taken, would
    overwrite a text under gold of another page. `check` (and so `merge`) refuses it, texts or not."""
    taken = manifest()[0]
    rows = [{**taken, "url": "https://example.org/a-page-not-in-the-set"},  # its id is taken
            {**taken, "article_id": "zz01_new"}]  # its page is used
    with (tmp_path / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    (tmp_path / "gold.csv").write_text(",".join(GOLD_COLUMNS) + "\n", encoding="utf-8")
    found = batch_problems(tmp_path)
    assert f"{taken['article_id']}: the dev set has an article of that id already" in found
    assert "zz01_new: its page is in the dev set already" in found
    assert not any("zz01_new: the dev set has" in problem for problem in found)


def test_a_page_is_known_by_its_address_whichever_way_it_was_reached() -> None:
    """Reserved and used pages are matched by address: the ways of reaching one page match, and
    two articles told apart only by a query parameter ("?p=5372", "?p=81080") do not."""
    page = page_address("https://radarkarawang.id/berita/a-1/")
    assert page == page_address("http://www.radarkarawang.id/berita/a-1/amp?page=all#top")
    assert page == page_address("https://m.radarkarawang.id/berita/a-1?utm_source=x&m=1")
    assert page_address("https://radarkarawang.id/?p=5372") != page_address("https://radarkarawang.id/?p=81080")
