"""Extraction on every core gives exactly what one process gives, in the same order; and how far
it is, is reported."""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dagster_project import settings
from dagster_project.domain.articles import read_article
from dagster_project.domain.extraction_plan import LoadedArticle, extract_articles
from dagster_project.domain.official_regions import official_regions
from dagster_project.domain.parallel_extraction import MIN_ARTICLES_FOR_POOL
from dagster_project.progress import Progress, listen

sys.path.insert(0, str(Path(__file__).parent / "benchmarks"))
from extraction_throughput import synthetic_article  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "contradictory_articles"


def corpus(synthetic: int) -> list[LoadedArticle]:
    """The five source articles, the contradictory fixtures and synthetic articles, sorted by id."""
    files = sorted((settings.REPO_ROOT / "data" / "articles").glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))
    articles = [read_article(path) for path in files]
    loaded = [LoadedArticle(a.article_id, a.text, a.header_date, a.sha256) for a in articles]
    rng = random.Random(7)
    names = [r.region_name for r in official_regions() if r.region_type in ("provinsi", "kabupaten", "kota")]
    loaded += [LoadedArticle(f"syn_{n:04d}", synthetic_article(rng, names), None, f"{n:064d}")
               for n in range(synthetic)]
    return sorted(loaded, key=lambda a: a.article_id)


@pytest.mark.slow  # starts worker processes
def test_a_pool_of_processes_gives_the_rows_of_one_process_in_the_same_order() -> None:
    articles = corpus(MIN_ARTICLES_FOR_POOL + 40)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    seen: list[tuple[int, int]] = []
    one = extract_articles(articles, "v1", now, workers=1)
    pool = extract_articles(articles, "v1", now, workers=2,
                                 on_progress=lambda done, total, size: seen.append((done, total)))
    assert len(one.figure_rows) > len(articles)  # the corpus does state figures
    assert pool.figure_rows == one.figure_rows
    assert pool.article_rows == one.article_rows
    assert pool.failure_rows == one.failure_rows
    assert pool.extracted == one.extracted == [a.article_id for a in articles]
    assert seen == [(n, len(articles)) for n in range(1, len(articles) + 1)]


def test_progress_says_how_far_how_fast_and_how_long_is_left() -> None:
    clock = iter([0.0, 1.0, 10.0, 20.0]).__next__  # one reading per call
    logged: list[str] = []
    heard: list[str] = []
    progress = Progress("extracting articles", logged.append, every_s=5, clock=clock)  # started at 0
    with listen(heard.append):
        progress(10, 100, 1_000_000)  # at 1 s: too soon for a line
        progress(50, 100, 5_000_000)  # at 10 s
        progress(100, 100, 10_000_000)  # at 20 s: the end always says so
    assert logged == heard == [
        "extracting articles: 50 / 100 (50 %), 5/s, 0.50 MB/s, about 10 s left",
        "extracting articles: 100 / 100 (100 %), 5/s, 0.50 MB/s, done in 20 s",
    ]
