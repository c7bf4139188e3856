"""Everything Dagster loads: assets, the warehouse and dbt resources, the articles folder
sensor and its job, one step at a time."""

import dagster as dg

from dagster_project import settings
from dagster_project.assets.dbt import dbt_warehouse
from dagster_project.assets.extraction import extraction_matches_hand_figures, raw_extraction
from dagster_project.assets.raw import raw_articles, raw_regions
from dagster_project.dbt_project import BUILD_DBT_EXECUTABLE, DBT_PROJECT, ProjectDbtCli
from dagster_project.resources import Warehouse
from dagster_project.sensors import articles_changed_job, articles_folder_sensor


def build_definitions() -> dg.Definitions:
    # Dagster and the dbt subprocess must write the same file: pin the path for both.
    warehouse_path = settings.export_warehouse_path()
    return dg.Definitions(
        assets=[raw_articles, raw_regions, raw_extraction, dbt_warehouse],
        asset_checks=[extraction_matches_hand_figures],
        jobs=[articles_changed_job],
        sensors=[articles_folder_sensor],
        resources={
            "warehouse": Warehouse(path=str(warehouse_path)),
            "dbt": ProjectDbtCli(
                project_dir=DBT_PROJECT,
                profiles_dir=str(settings.DBT_PROJECT_DIR),
                dbt_executable=str(BUILD_DBT_EXECUTABLE),
            ),
        },
        # DuckDB allows one writer per file: steps run one after another in one process.
        executor=dg.in_process_executor,
    )


defs = build_definitions()
