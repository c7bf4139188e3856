"""Extraction on every core: the articles to read, extracted by a pool of processes, the results
in the order of the articles, exactly as one process would give them.

The extractor is a pure function of one article (its text, id and header date), so articles can
be read anywhere in any order; `ProcessPoolExecutor.map` hands them out in chunks and returns the
results in the order given, so the rows written do not depend on the number of cores. Processes
are started with `spawn`: the caller may be a Dagster run with threads of its own, which `fork`
would copy in whatever state they are in. Starting a worker costs about a second (imports and the
gazetteer), so small batches are read in this process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

from dagster_project.domain.extraction import ExtractedFigure, extract_figures

# below this many articles a pool costs more to start than it saves
MIN_ARTICLES_FOR_POOL = 200


@dataclass(frozen=True, slots=True)
class ArticleToRead:
    article_id: str
    text: str
    header_date: str | None
    sha256: str


@dataclass(frozen=True, slots=True)
class ArticleRead:
    """One article's outcome: its figures, or the error the extractor raised on it."""

    article_id: str
    figures: list[ExtractedFigure] | None
    error: str | None  # `Type: message`, at most 2000 characters


def read_one(article: ArticleToRead) -> ArticleRead:
    try:
        figures = extract_figures(article.article_id, article.text, article.header_date)
    except Exception as err:  # the extractor's bug: reported with its article, the others go on
        return ArticleRead(article.article_id, None, f"{type(err).__name__}: {err}"[:2000])
    return ArticleRead(article.article_id, figures, None)


def _warm_up() -> None:
    from dagster_project.domain.extraction.gazetteer import default_gazetteer

    default_gazetteer()  # once per worker, before its first article


def default_workers() -> int:
    """The cores this process may run on (a container's limit, not the machine's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def read_all(
    articles: list[ArticleToRead],
    workers: int | None = None,
    on_progress: Callable[[int, int, int], None] | None = None,
) -> Iterator[ArticleRead]:
    """Every article read, in the order given. `on_progress(done, total, bytes_done)` after each."""
    workers = default_workers() if workers is None else workers
    total = len(articles)
    done = size = 0

    def report(article: ArticleToRead) -> None:
        nonlocal done, size
        done += 1
        size += len(article.text)
        if on_progress is not None:
            on_progress(done, total, size)

    if workers <= 1 or total < MIN_ARTICLES_FOR_POOL:
        for article in articles:
            outcome = read_one(article)
            report(article)
            yield outcome
        return
    # chunks small enough to balance the cores and report progress often, large enough to keep
    # the cost of passing them between processes negligible
    chunk = max(1, min(50, total // (workers * 20)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_warm_up) as pool:
        for article, outcome in zip(articles, pool.map(read_one, articles, chunksize=chunk)):
            report(article)
            yield outcome

