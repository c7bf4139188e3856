from dagster_project.assets.dbt import dbt_warehouse
from dagster_project.assets.raw import raw_articles, raw_regions

__all__ = ["dbt_warehouse", "raw_articles", "raw_regions"]
