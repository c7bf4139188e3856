"""Benchmark (not a test): wall time of building the warehouse, printed as figures.

    .venv/bin/python tests/benchmarks/build_times.py [--repeat N]

Measures, on a scratch warehouse:
- `koperasi run` on an empty warehouse (dbt parse, raw loaders, dbt build, summary);
- `koperasi run` again on the built warehouse (warm);
- a bare `dbt build` on a warehouse whose raw tables are loaded, for comparison.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dagster_project import settings

BIN = Path(sys.executable).parent


def timed(command: list[str], warehouse: Path) -> float:
    env = {**os.environ, settings.WAREHOUSE_ENV: str(warehouse), "DAGSTER_HOME": ""}
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    dbt_build = [str(BIN / "dbt"), "build", "--quiet", "--project-dir", str(settings.DBT_PROJECT_DIR),
                 "--profiles-dir", str(settings.DBT_PROJECT_DIR)]
    figures: dict[str, list[float]] = {"koperasi run, empty warehouse": [], "koperasi run, warm": [],
                                       "bare dbt build, raw loaded": []}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            warehouse = Path(folder) / "warehouse.duckdb"
            figures["koperasi run, empty warehouse"].append(timed([str(BIN / "koperasi"), "run"], warehouse))
            figures["koperasi run, warm"].append(timed([str(BIN / "koperasi"), "run"], warehouse))
            figures["bare dbt build, raw loaded"].append(timed(dbt_build, warehouse))
    print(f"{'what':<32} {'median s':>9} {'min s':>7} {'max s':>7}   ({repeat} runs, {os.cpu_count()} cores)")
    for name, seconds in figures.items():
        print(f"{name:<32} {statistics.median(seconds):>9.1f} {min(seconds):>7.1f} {max(seconds):>7.1f}")


if __name__ == "__main__":
    main()
