"""Automatic extraction as Dagster assets: the figures of every loaded article, read by the
extractor, and the check of its score against the hand figures.

What to read again and the rows to write are planned in `domain/extraction_plan.py`; this module
reads its inputs from DuckDB and writes the result. Three tables, written in one transaction:
raw.extracted_figures (the figures), raw.extracted_articles (one row per article extracted, also
when it states no figure: that row is what lets an unchanged article without figures be skipped
next time) and raw.extraction_failures. The extractor version (`domain/extractor_version.py`) is
the assets' `code_version`.
"""

from collections.abc import Iterator
from datetime import UTC, datetime

import dagster as dg
import duckdb

from dagster_project.domain.extraction.scoring import FigureLike
from dagster_project.domain.extraction_plan import (
    EXTRACTED_ARTICLE_COLUMNS,
    FAILURE_COLUMNS,
    FIGURE_COLUMNS,
    LoadedArticle,
    LoadedVersion,
    PreviousExtraction,
    extract_articles,
    plan_extraction,
)
from dagster_project.domain.extractor_version import extractor_version
from dagster_project.extraction_score import extraction_score_against_hand
from dagster_project.progress import Progress
from dagster_project.resources import Warehouse
from dagster_project.warehouse import TableLoad, has_shape, sql_strings

ARTICLES = dg.AssetKey(["raw", "articles"])
EXTRACTED_FIGURES = dg.AssetKey(["raw", "extracted_figures"])
EXTRACTED_ARTICLES = dg.AssetKey(["raw", "extracted_articles"])
HAND_FIGURES_SEED = "cooperative_figures"  # read from its file by extraction_matches_hand_figures
EXTRACTION_SCORE = dg.AssetCheckKey(EXTRACTED_FIGURES, "extraction_matches_hand_figures")
EVERY_ARTICLE_CHECK = "extractor_read_every_article"
# Shown in the UI as the assets' code version; a run computes the version again when it starts.
CODE_VERSION = extractor_version()


def previous_extractions(con: duckdb.DuckDBPyConnection) -> dict[str, PreviousExtraction] | None:
    """What the last materialization stored, per article; None when the tables are missing or of
    an older shape (then they are written whole)."""
    if not (has_shape(con, "raw.extracted_figures", FIGURE_COLUMNS)
            and has_shape(con, "raw.extracted_articles", EXTRACTED_ARTICLE_COLUMNS)):
        return None  # first run, or tables written by an older version of this asset
    # figures of an article with no article row (an edited table) are not valid either
    rows = con.execute(
        "select article_id, any_value(articles.article_sha256), any_value(articles.extractor_version), "
        "any_value(articles.figure_count), count(figures.article_id), any_value(articles.extracted_at) "
        "from raw.extracted_articles as articles "
        "full outer join raw.extracted_figures as figures using (article_id) "
        "group by article_id").fetchall()
    return {str(article_id): PreviousExtraction(str(sha), str(version), -1 if count is None else count, stored, at)
            for article_id, sha, version, count, stored, at in rows}


def _id_list(ids: list[str], limit: int = 20) -> str:
    return ", ".join(ids[:limit]) + (f" … ({len(ids) - limit} more)" if len(ids) > limit else "") or "none"


@dg.multi_asset(
    name="raw_extraction",
    specs=[
        dg.AssetSpec(
            EXTRACTED_FIGURES, deps=[ARTICLES], group_name="raw", kinds={"duckdb", "python"},
            code_version=CODE_VERSION,
            description="Figures read by the automatic extractor from every article of raw.articles "
                        "(dagster_project/domain/extraction), in the hand seeds' vocabulary; only new "
                        "or changed articles are read again.",
        ),
        dg.AssetSpec(
            EXTRACTED_ARTICLES, deps=[ARTICLES], group_name="raw", kinds={"duckdb", "python"},
            code_version=CODE_VERSION,
            description="One row per article the extractor has read: the article's sha256 and the "
                        "extractor version it was read with, when, and how many figures it gave.",
        ),
    ],
    check_specs=[dg.AssetCheckSpec(
        EVERY_ARTICLE_CHECK, asset=EXTRACTED_FIGURES,
        description="The extractor read every loaded article without raising (warns, naming each article and "
                    "the error, listed in raw.extraction_failures; the other articles are extracted as usual).")],
)
def raw_extraction(context: dg.AssetExecutionContext, warehouse: Warehouse) -> Iterator[object]:
    version = extractor_version()
    now = datetime.now(UTC)
    with warehouse.connect(read_only=True) as con:
        loaded = {str(article_id): LoadedVersion(sha256, loaded_at) for article_id, sha256, loaded_at in con.execute(
            "select article_id, sha256, loaded_at from raw.articles order by article_id").fetchall()}
        previous = previous_extractions(con)
        plan = plan_extraction(loaded, previous or {}, version)
        # only the texts to read: at 20 000 articles, reading them all costs more than one extraction
        articles = [LoadedArticle(*row) for row in con.execute(
            "select article_id, text, header_date, sha256 from raw.articles "
            f"where article_id in ({sql_strings(plan.to_read)}) order by article_id").fetchall()]
    # on every core; how far it is goes to the run's log (and `koperasi run`'s output) every few seconds
    progress = Progress("extracting articles", context.log.info)
    result = extract_articles(articles, version, now, on_progress=progress)
    # the rows of the articles read or removed take the place of theirs; the kept rows stay as they are
    replacing = None if previous is None else ("article_id", plan.to_read + plan.removed)
    warehouse.replace_tables([
        TableLoad("raw.extracted_figures", FIGURE_COLUMNS, result.figure_rows,
                  f"Figures read by the automatic extractor {version}", replacing),
        TableLoad("raw.extracted_articles", EXTRACTED_ARTICLE_COLUMNS, result.article_rows,
                  f"Articles read by the automatic extractor {version}", replacing),
        # whole: an article that failed is read again next run (or gone), so its failure is of this run
        TableLoad("raw.extraction_failures", FAILURE_COLUMNS, result.failure_rows,
                  f"Articles the automatic extractor {version} failed on, and the error"),
    ])
    for article_id, _, _, error, _ in result.failure_rows:
        context.log.warning(f"the extractor failed on article {article_id}: {error}")
    figures = warehouse.table_metadata(
        "raw.extracted_figures",
        "article_id, region_name, region_code, scope, status, cooperative_type, unit, value, evidence")
    context.log.info(f"extractor {version}: {len(result.extracted)} articles extracted, "
                     f"{len(plan.reused)} reused, {len(plan.removed)} removed; "
                     f"{figures['dagster/row_count']} figures")
    run = {
        "extractor_version": version,
        "articles_extracted": len(result.extracted),
        "articles_reused": len(plan.reused),
        "articles_removed": len(plan.removed),
        "articles_failed": len(result.failure_rows),
        "extracted": _id_list(result.extracted),
        "removed": _id_list(plan.removed),
    }
    yield dg.MaterializeResult(asset_key=EXTRACTED_FIGURES, metadata={**figures, **run})
    yield dg.MaterializeResult(asset_key=EXTRACTED_ARTICLES, metadata={
        **warehouse.table_metadata("raw.extracted_articles"), **run,
    })
    yield dg.AssetCheckResult(
        asset_key=EXTRACTED_FIGURES,
        check_name=EVERY_ARTICLE_CHECK,
        passed=not result.failure_rows,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "articles_failed": len(result.failure_rows),
            "failures": dg.MetadataValue.md("\n".join(f"- {row[0]}: {row[3]}" for row in result.failure_rows)
                                            or "none"),
        },
    )


def _figure_table(figures: list[FigureLike], limit: int = 30) -> str:
    lines = ["| article | region | scope | status | type | unit | value | evidence |", "|" + " --- |" * 8]
    for f in figures[:limit]:
        evidence = f.evidence if len(f.evidence) <= 120 else f.evidence[:117] + "..."
        lines.append(f"| {f.article_id} | {f.region_code} | {f.scope} | {f.status} | {f.cooperative_type} "
                     f"| {f.unit} | {f.value:g} | {evidence.replace('|', '/')} |")
    if len(figures) > limit:
        lines.append(f"| … {len(figures) - limit} more | | | | | | | |")
    return "\n".join(lines)


@dg.asset_check(
    asset=EXTRACTED_FIGURES,
    name=EXTRACTION_SCORE.name,
    description="The extractor finds exactly the hand-extracted figures (dbt/seeds/cooperative_figures.csv) "
                "of every article that has them: precision and recall 1.00, as `koperasi score` counts.",
)
def extraction_matches_hand_figures(warehouse: Warehouse) -> dg.AssetCheckResult:
    with warehouse.connect(read_only=True) as con:
        result, articles = extraction_score_against_hand(con)
    return dg.AssetCheckResult(
        passed=result.perfect,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={
            "precision": round(result.precision, 4),
            "recall": round(result.recall, 4),
            "f1": round(result.f1, 4),
            "matched": len(result.matched),
            "missed": len(result.misses),
            "extra": len(result.extras),
            "articles_scored": len(articles),
            "misses": dg.MetadataValue.md(_figure_table(result.misses)),
            "extras": dg.MetadataValue.md(_figure_table(result.extras)),
        },
    )
