"""Every path and setting of the project, read once from the environment.

The dbt profile reads the same variable (`KOPERASI_WAREHOUSE`), so Dagster and dbt always
write the same DuckDB file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt"
# the dbt of this environment, whether or not its bin/ is on PATH (the warm dbt falls back to it)
DBT_EXECUTABLE = Path(sys.executable).parent / "dbt"

WAREHOUSE_ENV = "KOPERASI_WAREHOUSE"
ARTICLES_ENV = "KOPERASI_ARTICLES_DIR"
PUBLISHING_POLICY_ENV = "KOPERASI_PUBLISHING_POLICY"
SEEDS_ENV = "KOPERASI_SEEDS_DIR"
DAGSTER_URL_ENV = "KOPERASI_DAGSTER_URL"
# where a run's warm dbt waits (warm_dbt.py): a process's whereabouts, not a setting
WARM_DBT_SOCKET_ENV = "KOPERASI_WARM_DBT_SOCKET"

DEFAULT_WAREHOUSE = REPO_ROOT / "data" / "warehouse.duckdb"
DEFAULT_ARTICLES_DIR = REPO_ROOT / "data" / "articles"
# The measured reliabilities and the threshold that decide which auto figures are published.
DEFAULT_PUBLISHING_POLICY = REPO_ROOT / "dagster_project" / "domain" / "extraction" / "publishing.toml"


def warehouse_path() -> Path:
    """The DuckDB warehouse file (absolute)."""
    return Path(os.environ.get(WAREHOUSE_ENV) or DEFAULT_WAREHOUSE).resolve()


def articles_dir() -> Path:
    """The folder of article `.txt` files (absolute)."""
    return Path(os.environ.get(ARTICLES_ENV) or DEFAULT_ARTICLES_DIR).resolve()


def publishing_policy_path() -> Path:
    """The publishing policy file (domain/extraction/publishing.py) in force (absolute)."""
    return Path(os.environ.get(PUBLISHING_POLICY_ENV) or DEFAULT_PUBLISHING_POLICY).resolve()


def seeds_dir() -> Path:
    """The seed CSVs the analyst's app writes: the dbt project's own, unless the environment
    points elsewhere (the app's tests point it at a copy of the repository)."""
    return Path(os.environ.get(SEEDS_ENV) or DBT_PROJECT_DIR / "seeds").resolve()


def dagster_url() -> str:
    """The Dagster webserver of `make dev`, which the app asks to rebuild after a seed changes."""
    default = f"http://127.0.0.1:{os.environ.get('DAGSTER_PORT') or 3000}"
    return (os.environ.get(DAGSTER_URL_ENV) or default).rstrip("/")


def export_warehouse_path() -> Path:
    """Pin the warehouse path in the environment so a dbt subprocess resolves the same file."""
    path = warehouse_path()
    os.environ[WAREHOUSE_ENV] = str(path)
    return path


@contextmanager
def warehouse_for_dbt(path: Path) -> Iterator[None]:
    """Point the dbt subprocesses started inside this block at `path` (the profile reads
    KOPERASI_WAREHOUSE when dbt starts)."""
    previous = os.environ.get(WAREHOUSE_ENV)
    os.environ[WAREHOUSE_ENV] = str(path)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(WAREHOUSE_ENV, None)
        else:
            os.environ[WAREHOUSE_ENV] = previous
