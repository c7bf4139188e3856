"""The dbt project as dagster-dbt sees it, and the one way its manifest is written.

dagster-dbt reads dbt/target/manifest.json when `assets/dbt.py` is imported; `dbt parse` writes
it without opening the warehouse. `koperasi run`, `make manifest` (so `make dev`) and the tests
all call `prepare_manifest()`, which parses only when the dbt project or the packages changed.
dagster-dbt's own `DbtProject.prepare_if_dev()` does not fit: it does nothing outside `dagster
dev`, and its preparer runs the `dbt` found on PATH, which is not this environment's when
`.venv/bin/koperasi` is called without activating the venv.

    python -m dagster_project.dbt_project     writes the manifest (the Makefile's `manifest`)
"""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from dagster_dbt import DbtCliResource, DbtProject
from packaging import version

from dagster_project import settings
from dagster_project.build_inputs import dbt_project_fingerprint, packages_fingerprint

DBT_PROJECT = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)
DBT_EXECUTABLE = settings.DBT_EXECUTABLE
# what the dbt asset runs as dbt: the same dbt, already started where `koperasi run` started one
# (warm_dbt.py); in an environment installed before it existed, the plain one
BUILD_DBT_EXECUTABLE = next(path for path in (Path(sys.executable).parent / "koperasi-dbt", DBT_EXECUTABLE)
                            if path.exists())


def _parse_inputs() -> str:
    """What the manifest is parsed from: the dbt project's files and the installed packages (dbt
    and its adapter among them). Of the seed tables, only their names: a seed's rows are data,
    which dbt reads when it builds (the manifest's checksum of them is not used; assets/dbt.py
    gives a seed the version of its file), so an edited seed costs no parse."""
    return f"{dbt_project_fingerprint(settings.DBT_PROJECT_DIR)} {packages_fingerprint()}"


def prepare_manifest() -> Path:
    """Write the manifest with `dbt parse`, unless it was parsed from the very same project and
    packages (dbt parse costs several seconds, a fingerprint a few milliseconds); raises
    CalledProcessError when the project does not parse."""
    manifest = Path(DBT_PROJECT.manifest_path)
    record = manifest.with_name("manifest.inputs")  # beside the manifest: removed with it
    inputs = _parse_inputs()
    if manifest.is_file() and record.is_file() and record.read_text(encoding="utf-8") == _record(inputs, manifest):
        return manifest
    record.unlink(missing_ok=True)  # a parse that fails must not leave an old record valid
    subprocess.run(
        [str(DBT_EXECUTABLE), "parse", "--quiet", "--project-dir", str(settings.DBT_PROJECT_DIR),
         "--profiles-dir", str(settings.DBT_PROJECT_DIR)],
        check=True,
    )
    record.write_text(_record(inputs, manifest), encoding="utf-8")
    return manifest


def read_manifest() -> dict[str, Any]:
    """The manifest the dbt assets are defined from."""
    return json.loads(Path(DBT_PROJECT.manifest_path).read_text(encoding="utf-8"))


def _record(inputs: str, manifest: Path) -> str:
    # the manifest's size and mtime too: any other dbt command (a bare `dbt build --vars ...`)
    # rewrites it, and then it is parsed again
    info = manifest.stat()
    return f"{inputs} {info.st_size} {info.st_mtime_ns}"


if __name__ == "__main__":
    prepare_manifest()


class ProjectDbtCli(DbtCliResource):
    """dagster-dbt's resource without two costs this project does not need, paid on every
    `dbt build` before dbt even starts (about ten seconds together on two slow cores):

    - `dbt --version` in a subprocess, to tell dbt Core from the Fusion engine: the dbt here is
      the dbt-core package of this environment, whose version the package metadata gives;
    - a dbt adapter opened inside Dagster, used only to fetch column metadata and row counts
      (`.fetch_column_metadata()`, `.fetch_row_counts()`), which `assets/dbt.py` does not call:
      row counts and previews are read from DuckDB once dbt has exited.

    Both override private members of dagster-dbt (pinned in constraints.txt);
    tests/test_definitions.py fails if they disappear.
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> None:  # type: ignore[override]
        return None
