"""Incremental extraction, planned without a warehouse: which articles the extractor reads again
and which keep the figures they were read with, and the rows of the extractor's raw tables.

An article keeps its figures (and their `extracted_at`) while its sha256 and the extractor
version are those it was extracted with and its raw.articles row was not written since; new and
changed articles are extracted again, and
removed articles lose their figures. The version (`domain/extractor_version.py`) is a
fingerprint of the extractor's code and reference data, so a new extractor re-extracts all.
`assets/extraction.py` reads the inputs from DuckDB and writes back the rows of the articles
read and removed only (the kept rows are not rewritten).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from dagster_project.domain.extraction import (
    FIGURE_SQL_TYPES,
    ExtractedFigure,
    warehouse_values,
)
from dagster_project.domain.parallel_extraction import ArticleToRead, read_all

# The raw tables' columns, in the order of the rows built here: the extractor's figure (its fields
# and types, `FIGURE_SQL_TYPES`) with the bookkeeping of incremental extraction around it.
FIGURE_COLUMNS = {
    "article_id": FIGURE_SQL_TYPES["article_id"],
    "figure_number": "integer not null",  # position in the extractor's output for the article
    **{name: sql_type for name, sql_type in FIGURE_SQL_TYPES.items() if name != "article_id"},
    "article_sha256": "varchar not null",
    "extractor_version": "varchar not null",
    "extracted_at": "timestamptz not null",
}

EXTRACTED_ARTICLE_COLUMNS = {
    "article_id": "varchar primary key",
    "article_sha256": "varchar not null",
    "extractor_version": "varchar not null",
    "extracted_at": "timestamptz not null",
    "figure_count": "integer not null",
}

FAILURE_COLUMNS = {
    "article_id": "varchar primary key",
    "article_sha256": "varchar not null",
    "extractor_version": "varchar not null",
    "error": "varchar not null",  # the exception the extractor raised on this article
    "failed_at": "timestamptz not null",
}


@dataclass(frozen=True, slots=True)
class LoadedArticle:
    article_id: str
    text: str
    header_date: str | None
    sha256: str


@dataclass(frozen=True, slots=True)
class LoadedVersion:
    sha256: str  # of the file
    loaded_at: datetime  # when raw.articles last wrote the row: a new file, or a new loader's reading


@dataclass(frozen=True, slots=True)
class PreviousExtraction:
    article_sha256: str
    extractor_version: str
    figure_count: int  # as recorded with the article
    stored_figures: int  # rows in the figures table: differs from figure_count only if it was edited
    extracted_at: datetime | None  # None: figures without an article row (an edited table)

    def still_valid(self, loaded: LoadedVersion, version: str) -> bool:
        return (self.article_sha256 == loaded.sha256 and self.extractor_version == version
                and self.figure_count == self.stored_figures
                # the row rewritten since (same bytes read anew: another text or date) is read again
                and self.extracted_at is not None and self.extracted_at >= loaded.loaded_at)


@dataclass(frozen=True, slots=True)
class ExtractionPlan:
    to_read: list[str]  # new or changed articles, or read by another extractor version
    reused: list[str]  # articles whose stored figures stay
    removed: list[str]  # articles no longer loaded, whose figures go


def plan_extraction(loaded: dict[str, LoadedVersion], previous: dict[str, PreviousExtraction],
                    version: str) -> ExtractionPlan:
    """Which of the `loaded` articles (in order) the extractor reads again."""
    to_read, reused = [], []
    for article_id, article in loaded.items():
        before = previous.get(article_id)
        (reused if before is not None and before.still_valid(article, version) else to_read).append(article_id)
    return ExtractionPlan(to_read, reused, sorted(set(previous) - set(loaded)))


def figure_row(figure: ExtractedFigure, number: int, article: LoadedArticle, version: str,
               extracted_at: datetime) -> tuple[object, ...]:
    if figure.article_id != article.article_id:
        raise ValueError(f"{article.article_id}: the extractor returned a figure of article {figure.article_id!r}")
    values = warehouse_values(figure)
    row = {**values, "figure_number": number, "article_sha256": article.sha256, "extractor_version": version,
           "extracted_at": extracted_at}
    return tuple(row[name] for name in FIGURE_COLUMNS)


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    figure_rows: list[tuple[object, ...]]
    article_rows: list[tuple[object, ...]]
    extracted: list[str]  # article ids read by the extractor in this run
    failure_rows: list[tuple[object, ...]]  # in FAILURE_COLUMNS order: the articles it failed on


def extract_articles(
    articles: list[LoadedArticle], version: str, now: datetime,
    workers: int | None = None, on_progress: Callable[[int, int, int], None] | None = None,
) -> ExtractionResult:
    """The raw tables' rows of `articles` (those `plan_extraction` says to read), read by the
    extractor on every core (see parallel_extraction.py; `workers=1` reads in this process). The
    rows are in the order of `articles` whatever the number of workers. `on_progress(done, total,
    bytes)` is called after each article read."""
    outcomes = read_all([ArticleToRead(a.article_id, a.text, a.header_date, a.sha256) for a in articles],
                        workers, on_progress)
    figure_rows: list[tuple[object, ...]] = []
    article_rows: list[tuple[object, ...]] = []
    extracted: list[str] = []
    failures: list[tuple[object, ...]] = []
    for article, outcome in zip(articles, outcomes, strict=True):
        assert outcome.article_id == article.article_id, (outcome.article_id, article.article_id)
        error = outcome.error  # the extractor's bug: reported with its article, the others go on
        if error is None:
            try:
                rows = [figure_row(f, n, article, version, now) for n, f in enumerate(outcome.figures or [], 1)]
            except Exception as err:  # a figure the rows cannot hold is the extractor's bug too
                error = f"{type(err).__name__}: {err}"[:2000]
        if error is not None:
            failures.append((article.article_id, article.sha256, version, error, now))
            continue
        extracted.append(article.article_id)
        figure_rows += rows
        article_rows.append((article.article_id, article.sha256, version, now, len(rows)))
    return ExtractionResult(figure_rows, article_rows, extracted, failures)
