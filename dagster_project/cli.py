"""`koperasi`: build the warehouse and say what was built.

    koperasi run       parse the dbt project, materialize every asset, print a summary
    koperasi summary   print the summary of the existing warehouse
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from dagster_project import settings
from dagster_project.warehouse import WarehouseLockedError, connect


def prepare_dbt_manifest() -> None:
    """dagster-dbt reads dbt/target/manifest.json; `dbt parse` writes it without touching the DB."""
    dbt = Path(sys.executable).parent / "dbt"
    subprocess.run(
        [str(dbt), "parse", "--quiet", "--project-dir", str(settings.DBT_PROJECT_DIR),
         "--profiles-dir", str(settings.DBT_PROJECT_DIR)],
        check=True,
    )


def materialize_all() -> bool:
    """Run every asset in this process; returns whether the run succeeded."""
    import dagster as dg

    from dagster_project.definitions import build_definitions

    job = build_definitions().resolve_implicit_global_asset_job_def()
    # With DAGSTER_HOME set (the Makefile sets it), the run shows up in the Dagster UI too.
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    quiet = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
    result = job.execute_in_process(instance=instance, run_config=quiet, raise_on_error=False)
    checks = Counter(
        "passed" if e.passed else ("warned" if e.severity.value == "WARN" else "failed")
        for e in result.get_asset_check_evaluations()
    )
    print(f"\nRun {'succeeded' if result.success else 'FAILED'}: "
          f"{len(result.get_asset_materialization_events())} assets materialized; "
          f"dbt tests (asset checks): {checks['passed']} passed, {checks['warned']} warned, "
          f"{checks['failed']} failed")
    for event in result.get_step_failure_events():
        error = event.step_failure_data.error
        while error is not None and error.cause is not None:  # the cause, not Dagster's wrapper
            error = error.cause
        if error is not None:
            print(f"  {event.step_key}: {error.message.strip()}")
    return result.success


def print_summary(path: Path) -> None:
    with connect(path, read_only=True) as con:
        tables = con.execute(
            "select table_schema || '.' || table_name, table_type from information_schema.tables "
            "where table_schema in ('raw', 'staging', 'marts') order by table_schema, table_name"
        ).fetchall()
        print(f"\nWarehouse {path}")
        print("Tables and views (rows):")
        for name, kind in tables:
            (rows,) = con.execute(f"select count(*) from {name}").fetchone()
            print(f"  {name:<45} {rows:>7}  {'view' if kind == 'VIEW' else 'table'}")
        if not any(name == "marts.dq_findings" for name, _ in tables):
            return
        findings = con.execute(
            "select finding_id, rule, article_id, coalesce(region_name, region_code), scope, status, "
            "cooperative_type, unit, expected, observed, acknowledged from marts.dq_findings "
            "order by article_id, rule"
        ).fetchall()
    print(f"Data-quality findings: {len(findings)} "
          f"({sum(1 for f in findings if f[-1])} acknowledged)")
    for fid, rule, article, region, scope, status, ctype, unit, expected, observed, ack in findings:
        print(f"  {fid} {rule}: {article} {region} scope={scope} status={status} type={ctype} "
              f"{unit}: expected {expected:g}, observed {observed:g}"
              f"{' (acknowledged)' if ack else ' (NOT acknowledged)'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="koperasi", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["run", "summary"])
    args = parser.parse_args(argv)
    path = settings.export_warehouse_path()
    try:
        if args.command == "run":
            prepare_dbt_manifest()
            ok = materialize_all()
            if path.exists():
                print_summary(path)
            return 0 if ok else 1
        print_summary(path)
        return 0
    except (WarehouseLockedError, FileNotFoundError) as err:
        print(f"koperasi: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
