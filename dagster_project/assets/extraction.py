"""Automatic extraction: the figures of every loaded article, read by the extractor.

Extraction is incremental. An article keeps its figures (and their `extracted_at`) while its
sha256 and the extractor version are those it was extracted with; new and changed articles are
extracted again, and removed articles lose their figures. The extractor version is a
fingerprint of the extractor's code and reference data, so a new extractor re-extracts all.

Two tables, written in one transaction: raw.extracted_figures (the figures) and
raw.extracted_articles (one row per article extracted, also when it states no figure: that row
is what lets an unchanged article without figures be skipped next time).
"""


import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import duckdb

from dagster_project import settings
from dagster_project.domain import extraction
from dagster_project.domain.extraction import ExtractedFigure, extract_figures
from dagster_project.domain.extraction.scoring import (
    FigureLike,
    Score,
    ScoredFigure,
    read_figures_csv,
    score,
)
from dagster_project.domain.official_regions import source_version
from dagster_project.resources import Warehouse
from dagster_project.warehouse import TableLoad

ARTICLES = dg.AssetKey(["raw", "articles"])
EXTRACTED_FIGURES = dg.AssetKey(["raw", "extracted_figures"])
EXTRACTED_ARTICLES = dg.AssetKey(["raw", "extracted_articles"])
HAND_FIGURES_CSV = settings.DBT_PROJECT_DIR / "seeds" / "cooperative_figures.csv"

FIGURE_COLUMNS = {
    "article_id": "varchar not null",
    "figure_number": "integer not null",  # position in the extractor's output for the article
    "region_name": "varchar not null",
    "region_code": "varchar not null",
    "scope": "varchar not null",
    "status": "varchar not null",
    "cooperative_type": "varchar not null",
    "unit": "varchar not null",
    "value": "double not null",
    "is_approximate": "boolean not null",
    "is_lower_bound": "boolean not null",
    "as_of_date": "varchar",
    "evidence": "varchar not null",
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

EVERY_ARTICLE_CHECK = "extractor_read_every_article"

# Besides the extraction package itself (scoring excluded: it does not change what is extracted).
_EXTRACTOR_INPUTS = (
    settings.REPO_ROOT / "dagster_project" / "domain" / "caseless.py",
    settings.REPO_ROOT / "dagster_project" / "domain" / "numbers.py",
    settings.REPO_ROOT / "dagster_project" / "domain" / "regions.py",
    settings.DBT_PROJECT_DIR / "seeds" / "region_aliases.csv",
)


def extractor_version() -> str:
    """Fingerprint of the extractor's code and reference data (the region list's version too)."""
    package = Path(extraction.__file__).parent
    files = sorted(p for p in package.rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts and p.name != "scoring.py")
    digest = hashlib.sha256(source_version().encode())
    for path in [*files, *_EXTRACTOR_INPUTS]:
        if path.exists():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


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


def previous_extractions(con: duckdb.DuckDBPyConnection) -> dict[str, PreviousExtraction]:
    """What the last materialization stored; nothing when the tables are missing or of an older shape."""
    try:
        articles = con.execute(
            "select article_id, article_sha256, extractor_version, extracted_at, figure_count "
            "from raw.extracted_articles"
        ).fetchall()
        figures = con.execute(
            f"select {', '.join(FIGURE_COLUMNS)} from raw.extracted_figures order by article_id, figure_number"
        ).fetchall()
    except duckdb.Error:  # first run, or tables written by an older version of this asset
        return {}
    rows_by_article: dict[str, list[tuple[object, ...]]] = {}
    for row in figures:
        rows_by_article.setdefault(str(row[0]), []).append(row)
    return {
        article_id: PreviousExtraction(sha, version, extracted_at, rows_by_article.get(article_id, []), count)
        for article_id, sha, version, extracted_at, count in articles
    }


def figure_row(figure: ExtractedFigure, number: int, article: LoadedArticle, version: str,
               extracted_at: datetime) -> tuple[object, ...]:
    if figure.article_id != article.article_id:
        raise ValueError(f"{article.article_id}: the extractor returned a figure of article {figure.article_id!r}")
    return (article.article_id, number, figure.region_name, figure.region_code, figure.scope, figure.status,
            figure.cooperative_type, figure.unit, float(figure.value), bool(figure.is_approximate),
            bool(figure.is_lower_bound), figure.as_of_date, figure.evidence, article.sha256, version,
            extracted_at)


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    figure_rows: list[tuple[object, ...]]
    article_rows: list[tuple[object, ...]]
    extracted: list[str]  # article ids read by the extractor in this run
    reused: list[str]  # article ids whose figures were kept
    removed: list[str]  # article ids no longer loaded, whose figures were dropped
    failure_rows: list[tuple[object, ...]]  # in FAILURE_COLUMNS order: the articles it failed on


def extract_incrementally(
    articles: list[LoadedArticle], previous: dict[str, PreviousExtraction], version: str, now: datetime
) -> ExtractionResult:
    figure_rows: list[tuple[object, ...]] = []
    article_rows: list[tuple[object, ...]] = []
    extracted: list[str] = []
    reused: list[str] = []
    failures: list[tuple[object, ...]] = []
    for article in articles:
        before = previous.get(article.article_id)
        if before is not None and before.still_valid(article, version):
            rows, extracted_at = before.figure_rows, before.extracted_at
            reused.append(article.article_id)
        else:
            try:
                figures = extract_figures(article.article_id, article.text, article.header_date)
                rows = [figure_row(f, n, article, version, now) for n, f in enumerate(figures, start=1)]
            except Exception as err:  # the extractor's bug: reported with its article, the others go on
                failures.append((article.article_id, article.sha256, version,
                                 f"{type(err).__name__}: {err}"[:2000], now))
                continue
            extracted_at = now
            extracted.append(article.article_id)
        figure_rows += rows
        article_rows.append((article.article_id, article.sha256, version, extracted_at, len(rows)))
    loaded = {a.article_id for a in articles}
    return ExtractionResult(figure_rows, article_rows, extracted, reused,
                            sorted(set(previous) - loaded), failures)


def _id_list(ids: list[str], limit: int = 20) -> str:
    return ", ".join(ids[:limit]) + (f" … ({len(ids) - limit} more)" if len(ids) > limit else "") or "none"


@dg.multi_asset(
    name="raw_extraction",
    specs=[
        dg.AssetSpec(
            EXTRACTED_FIGURES, deps=[ARTICLES], group_name="raw", kinds={"duckdb", "python"},
            description="Figures read by the automatic extractor from every article of raw.articles "
                        "(dagster_project/domain/extraction), in the hand seeds' vocabulary; only new "
                        "or changed articles are read again.",
        ),
        dg.AssetSpec(
            EXTRACTED_ARTICLES, deps=[ARTICLES], group_name="raw", kinds={"duckdb", "python"},
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
        articles = [LoadedArticle(*row) for row in con.execute(
            "select article_id, text, header_date, sha256 from raw.articles order by article_id").fetchall()]
        previous = previous_extractions(con)
    result = extract_incrementally(articles, previous, version, now)
    warehouse.replace_tables([
        TableLoad("raw.extracted_figures", FIGURE_COLUMNS, result.figure_rows,
                  f"Figures read by the automatic extractor {version}"),
        TableLoad("raw.extracted_articles", EXTRACTED_ARTICLE_COLUMNS, result.article_rows,
                  f"Articles read by the automatic extractor {version}"),
        TableLoad("raw.extraction_failures", FAILURE_COLUMNS, result.failure_rows,
                  f"Articles the automatic extractor {version} failed on, and the error"),
    ])
    for article_id, _, _, error, _ in result.failure_rows:
        context.log.warning(f"the extractor failed on article {article_id}: {error}")
    context.log.info(f"extractor {version}: {len(result.extracted)} articles extracted, "
                     f"{len(result.reused)} reused, {len(result.removed)} removed; "
                     f"{len(result.figure_rows)} figures")
    run = {
        "extractor_version": version,
        "articles_extracted": len(result.extracted),
        "articles_reused": len(result.reused),
        "articles_removed": len(result.removed),
        "articles_failed": len(result.failure_rows),
        "extracted": _id_list(result.extracted),
        "removed": _id_list(result.removed),
    }
    yield dg.MaterializeResult(asset_key=EXTRACTED_FIGURES, metadata={
        **warehouse.table_metadata(
            "raw.extracted_figures",
            "article_id, region_name, region_code, scope, status, cooperative_type, unit, value, evidence"),
        **run,
    })
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


def auto_figures(con: duckdb.DuckDBPyConnection, article_ids: set[str]) -> list[ScoredFigure]:
    rows = con.execute(
        "select article_id, region_code, scope, status, cooperative_type, unit, value, evidence "
        "from raw.extracted_figures order by article_id, figure_number"
    ).fetchall()
    return [ScoredFigure(*row) for row in rows if row[0] in article_ids]


def extraction_score_against_hand(
    con: duckdb.DuckDBPyConnection, hand_csv: Path = HAND_FIGURES_CSV
) -> tuple[Score, set[str]]:
    """Score of the stored extraction on the articles that have hand figures (and were extracted),
    and those articles."""
    extracted_ids = {row[0] for row in con.execute("select article_id from raw.extracted_articles").fetchall()}
    gold = [g for g in read_figures_csv(hand_csv) if g.article_id in extracted_ids]
    articles = {g.article_id for g in gold}
    return score(gold, auto_figures(con, articles)), articles


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
    name="extraction_matches_hand_figures",
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
