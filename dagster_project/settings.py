"""Every path and setting of the project, read once from the environment.

The dbt profile reads the same variable (`KOPERASI_WAREHOUSE`), so Dagster and dbt always
write the same DuckDB file.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt"

WAREHOUSE_ENV = "KOPERASI_WAREHOUSE"
ARTICLES_ENV = "KOPERASI_ARTICLES_DIR"

DEFAULT_WAREHOUSE = REPO_ROOT / "data" / "warehouse.duckdb"
DEFAULT_ARTICLES_DIR = REPO_ROOT / "data" / "articles"


def warehouse_path() -> Path:
    """The DuckDB warehouse file (absolute)."""
    return Path(os.environ.get(WAREHOUSE_ENV) or DEFAULT_WAREHOUSE).resolve()


def articles_dir() -> Path:
    """The folder of article `.txt` files (absolute)."""
    return Path(os.environ.get(ARTICLES_ENV) or DEFAULT_ARTICLES_DIR).resolve()


def export_warehouse_path() -> Path:
    """Pin the warehouse path in the environment so a dbt subprocess resolves the same file."""
    path = warehouse_path()
    os.environ[WAREHOUSE_ENV] = str(path)
    return path
