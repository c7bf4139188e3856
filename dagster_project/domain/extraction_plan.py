"""Incremental extraction, planned without a warehouse: which articles the extractor reads again
and which keep the figures they were read with, and the rows of the extractor's raw tables.

An article keeps its figures (and their `extracted_at`) while its sha256 and the extractor
version are those it was extracted with; new and changed articles are extracted again, and
removed articles lose their figures. The version (`domain/extractor_version.py`) is a
fingerprint of the extractor's code and reference data, so a new extractor re-extracts all.
`assets/extraction.py` reads the inputs from DuckDB and writes the result back.
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
class PreviousExtraction:
    article_sha256: str
    extractor_version: str
    extracted_at: datetime
    figure_rows: list[tuple[object, ...]]  # in FIGURE_COLUMNS order
    figure_count: int  # as recorded; differs from len(figure_rows) only if the tables were edited

    def still_valid(self, article: LoadedArticle, version: str) -> bool:
        return (self.article_sha256 == article.sha256 and self.extractor_version == version
                and self.figure_count == len(self.figure_rows))


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
    reused: list[str]  # article ids whose figures were kept
    removed: list[str]  # article ids no longer loaded, whose figures were dropped
    failure_rows: list[tuple[object, ...]]  # in FAILURE_COLUMNS order: the articles it failed on


def extract_incrementally(
    articles: list[LoadedArticle], previous: dict[str, PreviousExtraction], version: str, now: datetime,
    workers: int | None = None, on_progress: Callable[[int, int, int], None] | None = None,
) -> ExtractionResult:
    """The raw tables' rows: unchanged articles keep theirs, the others are read by the extractor
    (on every core, see parallel_extraction.py; `workers=1` reads in this process). The rows are
    in the order of `articles` whatever the number of workers. `on_progress(done, total, bytes)`
    is called after each article read."""
    to_read = [a for a in articles
               if (before := previous.get(a.article_id)) is None or not before.still_valid(a, version)]
    outcomes = read_all([ArticleToRead(a.article_id, a.text, a.header_date, a.sha256) for a in to_read],
                        workers, on_progress)
    figure_rows: list[tuple[object, ...]] = []
    article_rows: list[tuple[object, ...]] = []
    extracted: list[str] = []
    reused: list[str] = []
    failures: list[tuple[object, ...]] = []
    reading = {a.article_id for a in to_read}
    for article in articles:
        if article.article_id not in reading:
            before = previous[article.article_id]
            rows, extracted_at = before.figure_rows, before.extracted_at
            reused.append(article.article_id)
        else:
            outcome = next(outcomes)  # in the order of to_read, which is that of articles
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
            extracted_at = now
            extracted.append(article.article_id)
        figure_rows += rows
        article_rows.append((article.article_id, article.sha256, version, extracted_at, len(rows)))
    loaded = {a.article_id for a in articles}
    return ExtractionResult(figure_rows, article_rows, extracted, reused,
                            sorted(set(previous) - loaded), failures)

