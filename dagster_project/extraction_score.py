"""The stored extraction scored against the hand figures, as `koperasi score` counts: shared by
the asset check `extraction_matches_hand_figures` and `koperasi run`'s summary."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dagster_project import settings
from dagster_project.domain.extraction.scoring import Score, ScoredFigure, read_figures_csv, score
from dagster_project.warehouse import sql_strings

HAND_FIGURES_CSV = settings.DBT_PROJECT_DIR / "seeds" / "cooperative_figures.csv"


def auto_figures(con: duckdb.DuckDBPyConnection, article_ids: set[str]) -> list[ScoredFigure]:
    # the few articles with hand figures, picked in SQL: not every figure of a large corpus into Python
    rows = con.execute(
        "select article_id, region_code, scope, status, cooperative_type, unit, value, evidence "
        f"from raw.extracted_figures where article_id in ({sql_strings(article_ids)}) "
        "order by article_id, figure_number"
    ).fetchall()
    return [ScoredFigure(*row) for row in rows]


def extraction_score_against_hand(
    con: duckdb.DuckDBPyConnection, hand_csv: Path = HAND_FIGURES_CSV
) -> tuple[Score, set[str]]:
    """Score of the stored extraction on the articles that have hand figures (and were extracted),
    and those articles."""
    hand = read_figures_csv(hand_csv)
    extracted_ids = {row[0] for row in con.execute(
        "select article_id from raw.extracted_articles "
        f"where article_id in ({sql_strings({g.article_id for g in hand})})").fetchall()}
    gold = [g for g in hand if g.article_id in extracted_ids]
    articles = {g.article_id for g in gold}
    return score(gold, auto_figures(con, articles)), articles
