"""Benchmark (not a test): how long each page of the analyst's app takes to render on a warehouse.

    .venv/bin/python tests/benchmarks/app_page_load.py [WAREHOUSE] [--repeat N]

Each page is run in Streamlit's headless harness (AppTest), the script's whole run timed: the
queries on the warehouse (one connection each) and the page's elements. `first` is a fresh
process's first load (the app's cache empty), `cached` the median of the next loads (the cache,
keyed by the warehouse file, answers until a build publishes a new file). The Region page is
timed on Kalimantan Selatan ("Kalsel"). The browser's own drawing is not included.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent)]

from dagster_project import settings  # noqa: E402

MAIN = settings.REPO_ROOT / "dagster_project" / "app" / "main.py"


def load(page: str) -> float:
    app = AppTest.from_file(str(MAIN), default_timeout=600)
    if page != "overview":
        app.run()
        app.switch_page(f"pages/{page}.py")
    started = time.perf_counter()
    app.run()
    if page == "region":
        app.text_input(key="region_search").set_value("Kalsel")
        app.run()
    seconds = time.perf_counter() - started
    if app.exception:
        raise SystemExit(f"{page}: {app.exception[0].value}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("warehouse", nargs="?", type=Path, default=settings.warehouse_path())
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ[settings.WAREHOUSE_ENV] = str(args.warehouse.resolve())
    print(f"warehouse {args.warehouse} ({args.warehouse.stat().st_size / 2**20:.1f} MB)")
    for page in ("overview", "region", "findings", "review"):
        first = load(page)
        cached = statistics.median(load(page) for _ in range(args.repeat))
        print(f"  {page:<9} first {first:6.2f} s   cached {cached:6.2f} s")


if __name__ == "__main__":
    main()
