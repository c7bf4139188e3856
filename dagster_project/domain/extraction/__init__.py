"""Automatic extraction of cooperative figures from Indonesian article text.

`extract_figures(article_id, text, published)` returns figures in the `cooperative_figures`
seed format plus the resolved `region_code`. Everything here is pure Python: no warehouse.
"""

from dagster_project.domain.extraction.figure import (
    FIGURE_COLUMNS,
    FIGURE_SQL_TYPES,
    ExtractedFigure,
    warehouse_values,
)
from dagster_project.domain.extraction.pipeline import extract_figures

__all__ = ["FIGURE_COLUMNS", "FIGURE_SQL_TYPES", "ExtractedFigure", "extract_figures", "warehouse_values"]
