from dagster_project.assets.dbt import dbt_warehouse
from dagster_project.assets.extraction import extraction_matches_hand_figures, raw_extraction
from dagster_project.assets.raw import raw_articles, raw_regions

__all__ = ["dbt_warehouse", "extraction_matches_hand_figures", "raw_articles", "raw_extraction", "raw_regions"]
