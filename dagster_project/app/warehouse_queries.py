"""What the analyst's app reads from the warehouse: read-only, one connection per query.

Every query opens the file read-only, runs and closes it: the app never holds a connection
between page loads, so it never stands in a build's way (a build writes a copy and renames it
over the published file; DuckDB only refuses a reader while another process writes the file in
place, which `WarehouseUnavailable` reports in words a person can act on).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import duckdb
import jinja2
import pandas as pd

from dagster_project import settings
from dagster_project.build_lock import running_build
from dagster_project.warehouse import WarehouseLockedError, connect


class WarehouseUnavailable(RuntimeError):
    """No warehouse to read (never built, or locked by a writer); the message says what to do."""


def warehouse() -> Path:
    return settings.warehouse_path()


def read(sql: str, params: list | None = None) -> pd.DataFrame:
    """The rows of one query as a DataFrame; the connection is closed before returning."""
    try:
        with connect(warehouse(), read_only=True) as con:
            return con.execute(sql, params or []).df()
    except (FileNotFoundError, WarehouseLockedError) as err:
        raise WarehouseUnavailable(str(err)) from None
    except duckdb.CatalogException as err:  # built by an older version of the project
        raise WarehouseUnavailable(f"{warehouse()}: {err}. Run `make run` to rebuild it.") from None


def build_in_progress() -> str | None:
    """`the build started by pid N ...` while a build runs: the pages then show the warehouse as
    last published, and the next load after the build shows the new one."""
    return running_build(warehouse())


def version() -> tuple[str, int, int]:
    """Changes whenever a build publishes (a rename gives a new inode and time) or another file is
    configured: the key of the app's cache, so a page never shows tables older than the file."""
    path = warehouse()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (str(path), 0, 0)
    return (str(path), stat.st_ino, stat.st_mtime_ns)


# --- Overview ---------------------------------------------------------------------------------

MEMBERS = ("total", "active", "inactive", "active_share")


def province_latest_counts() -> pd.DataFrame:
    """Per province, each member (total, active, inactive, active share) at its latest date, from
    the authoritative counts of all cooperatives: value, article, date, stated or derived, and
    the source (hand, or published auto: only published auto figures are authoritative)."""
    members = "\nunion all\n".join(
        f"select '{m}' as member, {m} as value, {m}_basis as basis, {m}_is_approximate as is_approximate, "
        f"source, article_id, as_of_date, region_code, is_contradictory "
        f"from marts.fct_cooperative_counts where {m} is not null and scope = 'all' and cooperative_type = 'all'"
        for m in MEMBERS
    )
    return read(f"""
        with members as ({members})
        select regions.region_name as province, members.region_code, members.member, members.value,
               members.basis, members.is_approximate, members.source, members.article_id,
               articles.title, members.as_of_date
        from members
        join marts.dim_region as regions using (region_code)
        left join marts.dim_article as articles using (article_id)
        where regions.region_type = 'provinsi'
        qualify row_number() over (
            partition by members.region_code, members.member
            order by members.as_of_date desc nulls last, members.is_contradictory, members.basis desc,
                     members.article_id) = 1
        order by province, member
    """)


def national_counts() -> pd.DataFrame:
    """Indonesia's authoritative counts of all cooperatives, one row per article and date."""
    return read("""
        select counts.as_of_date, counts.article_id, articles.title, counts.source, counts.scope,
               counts.total, counts.total_basis, counts.active, counts.active_basis,
               counts.inactive, counts.inactive_basis, counts.active_share, counts.active_share_basis
        from marts.fct_cooperative_counts as counts
        left join marts.dim_article as articles using (article_id)
        where counts.region_code = 'ID' and counts.cooperative_type = 'all'
        order by counts.as_of_date, counts.article_id, counts.scope
    """)


# --- Region -----------------------------------------------------------------------------------


@functools.cache
def _region_name_key_sql() -> str:
    """The dbt macro `region_name_key` (macros/text.sql) applied to a query parameter: names are
    looked up exactly as the build resolves them, from the one definition of the key."""
    macros = (settings.DBT_PROJECT_DIR / "macros" / "text.sql").read_text(encoding="utf-8")
    return jinja2.Environment().from_string(macros + "{{ region_name_key('?') }}").render().strip()


def search_regions(text: str, limit: int = 50) -> pd.DataFrame:
    """Regions whose names or aliases (dim_region_name) contain the text, the best matches first:
    exact name, then start of a name, then the higher level (province before regency)."""
    return read(f"""
        with wanted as (select {_region_name_key_sql()} as key),
        matches as (
            select names.region_code,
                   min(case when names.name_key = wanted.key then 0
                            when names.name_key like wanted.key || '%' then 1 else 2 end) as rank,
                   min(names.level_priority) as level_priority
            from marts.dim_region_name as names, wanted
            where wanted.key != '' and names.name_key like '%' || wanted.key || '%'
            group by names.region_code
        )
        select regions.region_code, regions.region_name, regions.region_type, regions.province_name
        from matches join marts.dim_region as regions using (region_code)
        order by matches.rank, matches.level_priority, regions.region_name
        limit {int(limit)}
    """, [text])


def region(code: str) -> dict | None:
    rows = read("select region_code, region_name, region_type, province_name from marts.dim_region "
                "where region_code = ?", [code])
    return None if rows.empty else rows.iloc[0].to_dict()


def region_figures(code: str) -> pd.DataFrame:
    """Every figure about the region, from every article and both sources."""
    return read("""
        select figures.as_of_date, figures.value, figures.unit, figures.status, figures.scope,
               figures.cooperative_type, figures.source, figures.is_authoritative, figures.is_published,
               figures.is_approximate, figures.article_id, articles.title, figures.region_name,
               figures.evidence, figures.figure_id
        from marts.fct_cooperative_figures as figures
        left join marts.dim_article as articles using (article_id)
        where figures.region_code = ?
        order by figures.as_of_date nulls first, figures.article_id, figures.evidence_position, figures.source
    """, [code])


def region_resolutions(name: str) -> list[str]:
    """The codes a region name resolves to as the build's test `region_name_resolves_to_code`
    reads it: the names of dim_region_name with that key, at their lowest level."""
    rows = read(f"""
        with candidates as (
            select region_code, level_priority from marts.dim_region_name
            where name_key = {_region_name_key_sql()}
        )
        select region_code from candidates
        where level_priority = (select min(level_priority) from candidates)
        order by region_code
    """, [name])
    return list(rows["region_code"])


def region_codes() -> set[str]:
    return set(read("select region_code from marts.dim_region")["region_code"])


# --- Findings ---------------------------------------------------------------------------------


def findings() -> pd.DataFrame:
    return read("""
        select finding_id, rule, source, article_id, region_name, region_code, scope, status,
               cooperative_type, unit, as_of_date, expected, observed, difference, evidence,
               acknowledged, acknowledgement_reason
        from marts.dq_findings
        order by acknowledged, source desc, article_id, rule, finding_id
    """)


# --- Review -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewPage:
    figures: pd.DataFrame  # the queue's figures of the articles on this page
    articles: int  # articles in the whole queue
    figure_count: int  # figures in the whole queue


# The queue: auto figures not published, most confident first, grouped by article (the article of
# the most confident figure first). A figure a hand row already states has been reviewed and
# leaves it: the same value from the same sentence (accepted, or corrected without changing the
# value), or the same figure and value (a hand row the seed's uniqueness test would not let in twice).
_QUEUE = """
    with hand as (
        select * from marts.fct_cooperative_figures where source = 'hand'
    ),
    queue as (
        select review.*, figures.is_lower_bound
        from marts.fct_auto_figures_to_review as review
        join marts.fct_cooperative_figures as figures using (figure_id)
        where not exists (
            select 1 from hand
            where hand.article_id = review.article_id and abs(hand.value - review.value) < 0.005
              and (hand.evidence = review.evidence
                   or (hand.region_code = review.region_code and hand.scope = review.scope
                       and hand.status = review.status and hand.cooperative_type = review.cooperative_type
                       and hand.unit = review.unit and hand.as_of_date is not distinct from review.as_of_date))
        )
    ),
    ranked as (
        select *, max(confidence) over (partition by article_id) as article_confidence from queue
    )
"""


def review_page(page: int, articles_per_page: int) -> ReviewPage:
    """One page of the queue: `articles_per_page` articles and all their waiting figures."""
    counts = read(_QUEUE + "select count(distinct article_id) as articles, count(*) as figures from ranked")
    figures = read(_QUEUE + """,
        articles as (
            select article_id, article_confidence from ranked group by all
            order by article_confidence desc, article_id limit ? offset ?
        )
        select ranked.* exclude (article_confidence)
        from ranked join articles using (article_id)
        order by articles.article_confidence desc, ranked.article_id, ranked.confidence desc,
                 ranked.evidence_position, ranked.value desc, ranked.figure_id
    """, [articles_per_page, page * articles_per_page])
    return ReviewPage(figures, int(counts["articles"][0]), int(counts["figures"][0]))


def article_text(article_id: str) -> str:
    """The article's text, whitespace-normalized as the evidence is (so a sentence is found)."""
    rows = read("select text_normalized from staging.stg_raw__articles where article_id = ?", [article_id])
    return "" if rows.empty else str(rows["text_normalized"][0])


def figure(figure_id: str) -> dict | None:
    """One figure of fct_cooperative_figures, as a dict."""
    rows = read("select * from marts.fct_cooperative_figures where figure_id = ?", [figure_id])
    return None if rows.empty else rows.iloc[0].to_dict()
