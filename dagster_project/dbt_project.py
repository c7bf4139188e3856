"""The dbt project as dagster-dbt sees it, and the one way its manifest is written.

dagster-dbt reads dbt/target/manifest.json when `assets/dbt.py` is imported; `dbt parse` writes
it without opening the warehouse. `koperasi run`, `make manifest` (so `make dev`) and the tests
all call `prepare_manifest()`. dagster-dbt's own `DbtProject.prepare_if_dev()` does not fit: it
does nothing outside `dagster dev`, and its preparer runs the `dbt` found on PATH, which is not
this environment's when `.venv/bin/koperasi` is called without activating the venv.

    python -m dagster_project.dbt_project     writes the manifest (the Makefile's `manifest`)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dagster_dbt import DbtProject

from dagster_project import settings

DBT_PROJECT = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)
# the dbt of this environment, whether or not its bin/ is on PATH
DBT_EXECUTABLE = Path(sys.executable).parent / "dbt"


def prepare_manifest() -> Path:
    """Write the manifest with `dbt parse`; raises CalledProcessError when the project does not parse."""
    subprocess.run(
        [str(DBT_EXECUTABLE), "parse", "--quiet", "--project-dir", str(settings.DBT_PROJECT_DIR),
         "--profiles-dir", str(settings.DBT_PROJECT_DIR)],
        check=True,
    )
    return DBT_PROJECT.manifest_path


if __name__ == "__main__":
    prepare_manifest()
