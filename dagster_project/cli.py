"""`koperasi`: build the warehouse and say what was built; extract figures and score them.

    koperasi run [--rebuild]           materialize every asset (unless no input changed), print a summary
    koperasi summary                   print the summary of the existing warehouse
    koperasi extract PATH... [-o FILE] extract figures from article files or folders into a CSV
    koperasi extract --explain PATH... how each figure was read, and why other numbers were dropped
    koperasi score GOLD.csv EXTRACTED.csv   precision, recall and F1, with the misses and extras
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

import duckdb

from dagster_project import settings
from dagster_project.warehouse import WarehouseLockedError, connect


def materialize_all(only_downstream_of_seeds: Sequence[str] | None = None, rebuild: bool = False) -> bool:
    """Run every asset in this process, or only the seeds given and what depends on them (when
    nothing else changed); `rebuild` rebuilds every dbt model from nothing. Returns whether the
    run succeeded."""
    import dagster as dg

    from dagster_project.assets.dbt import REBUILD_TAG, downstream_of_seeds
    from dagster_project.definitions import build_definitions

    definitions = build_definitions()
    job = definitions.resolve_implicit_global_asset_job_def()
    if only_downstream_of_seeds:
        print(f"Only seeds changed ({', '.join(only_downstream_of_seeds)}): building them and what depends on them.")
        job = downstream_of_seeds(definitions, job, only_downstream_of_seeds)
    # With DAGSTER_HOME set (the Makefile sets it), the run shows up in the Dagster UI too.
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    # Dagster's and dbt's imports are in: the collector need not walk them again (see _run)
    gc.freeze()
    gc.enable()
    quiet = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
    from dagster_project.abandoned_runs import process_tags

    from dagster_project import progress

    # the run's log is kept to warnings here, but how far a long step is belongs on the terminal
    with progress.listen(lambda line: print(line, file=sys.stderr, flush=True)):
        # the run names this process, so a run left STARTED by a killed process can be told apart
        result = job.execute_in_process(instance=instance, run_config=quiet, raise_on_error=False,
                                        tags={**process_tags(), **({REBUILD_TAG: "true"} if rebuild else {})})
    evaluations = result.get_asset_check_evaluations()
    checks = Counter(
        "passed" if e.passed else ("warned" if e.severity.value == "WARN" else "failed")
        for e in evaluations
    )
    failed_checks = [e for e in evaluations if not e.passed and e.severity.value == "ERROR"]
    print(f"\nRun {'succeeded' if result.success else 'FAILED'}: "
          f"{len(result.get_asset_materialization_events())} assets materialized; "
          f"asset checks (dbt tests and the extraction score): {checks['passed']} passed, "
          f"{checks['warned']} warned, {checks['failed']} failed")
    for event in result.get_asset_materialization_events():
        if event.asset_key.path == ["raw", "extracted_figures"]:
            meta = event.materialization.metadata
            print(f"Extraction (extractor {meta['extractor_version'].value}): "
                  f"{meta['articles_extracted'].value} articles extracted, "
                  f"{meta['articles_reused'].value} unchanged and reused, "
                  f"{meta['articles_removed'].value} removed; "
                  f"{meta['dagster/row_count'].value} figures")
    for evaluation in failed_checks:  # a failed check of ours does not fail the run: say so
        print(f"  check failed: {evaluation.asset_key.to_user_string()} {evaluation.check_name}")
    for evaluation in evaluations:
        if not evaluation.passed and evaluation.severity.value == "WARN":
            print(f"  check warned: {evaluation.asset_key.to_user_string()} {evaluation.check_name}")
    # the publication happens as the run's resources are torn down, and Dagster does not fail a
    # run whose teardown raised: a teardown error means the warehouse was not published
    teardown_errors = [event.event_specific_data.error for event in result.all_events
                       if event.event_type == dg.DagsterEventType.ENGINE_EVENT
                       and getattr(event.event_specific_data, "error", None) is not None]
    for error in teardown_errors:
        print(f"  publishing the warehouse failed: {error.message.strip()}")
    for event in result.get_step_failure_events():
        error = event.step_failure_data.error
        while error is not None and error.cause is not None:  # the cause, not Dagster's wrapper
            error = error.cause
        if error is not None:
            print(f"  {event.step_key}: {error.message.strip()}")
    return result.success and not failed_checks and not teardown_errors


MAX_AUTO_FINDINGS_SHOWN = 50


def print_summary(path: Path) -> None:
    with connect(path, read_only=True) as con:
        tables = con.execute(
            "select table_schema || '.' || table_name, table_type from information_schema.tables "
            "where table_schema in ('raw', 'staging', 'marts') order by table_schema, table_name"
        ).fetchall()
        print(f"\nWarehouse {path}")
        print("Tables (rows) and views:")
        for name, kind in tables:
            if kind == "VIEW":
                # a view's rows are its query's, run on each read: counting the intermediate views
                # evaluates every consistency rule over every figure (tens of seconds at 20 000 articles)
                print(f"  {name:<45} {'':>7}  view")
                continue
            (rows,) = con.execute(f"select count(*) from {name}").fetchone()
            print(f"  {name:<45} {rows:>7}  table")
        if not any(name == "marts.dq_findings" for name, _ in tables):
            return
        findings = con.execute(
            "select finding_id, rule, source, article_id, coalesce(region_name, region_code), scope, status, "
            "cooperative_type, unit, expected, observed, acknowledged from marts.dq_findings "
            "order by source desc, article_id, rule"
        ).fetchall()
        extraction = extraction_summary(con)
        problems = load_problems(con)
    print(f"Data-quality findings: {len(findings)} "
          f"({sum(1 for f in findings if f[-1])} acknowledged)")
    # every hand finding (each needs a person), the extractor's up to a screenful
    shown = [f for f in findings if f[2] == "hand"] + [f for f in findings if f[2] != "hand"][:MAX_AUTO_FINDINGS_SHOWN]
    for fid, rule, source, article, region, scope, status, ctype, unit, expected, observed, ack in shown:
        print(f"  {fid} {rule} [{source}]: {article} {region} scope={scope} status={status} type={ctype} "
              f"{unit}: expected {expected:g}, observed {observed:g}"
              f"{' (acknowledged)' if ack else ' (NOT acknowledged)' if source == 'hand' else ''}")
    if len(shown) < len(findings):
        print(f"  … and {len(findings) - len(shown)} more findings of the extractor's figures: "
              "select * from marts.dq_findings where source = 'auto'")
    for line in extraction + problems:
        print(line)


def load_problems(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Article files that could not be loaded and articles the extractor failed on."""
    lines = []
    for query, title in (
        ("select reason || case when kept_previous_version then ' (the version loaded before is kept)' "
         "else '' end from raw.rejected_articles order by file_name",
         "Article files NOT loaded (the others were)"),
        ("select article_id || ': ' || error from raw.extraction_failures order by article_id",
         "Articles the extractor failed on (the others were extracted)"),
    ):
        try:
            rows = con.execute(query).fetchall()
        except duckdb.CatalogException:  # a warehouse built before these tables existed
            continue
        if rows:
            lines += [f"{title}: {len(rows)}", *(f"  {reason}" for (reason,) in rows)]
    return lines


def extraction_summary(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Auto figures in the marts and the extraction's score against the hand figures."""
    from dagster_project.extraction_score import extraction_score_against_hand

    try:
        ((auto, articles, published, authoritative),) = con.execute(
            "select count(*), count(distinct article_id), count(*) filter (is_published), "
            "count(*) filter (is_authoritative) from marts.fct_cooperative_figures where source = 'auto'").fetchall()
        disagreements = dict(con.execute(
            "select kind, count(*) from marts.fct_extraction_disagreements group by kind").fetchall())
        result, scored = extraction_score_against_hand(con)
    except (duckdb.CatalogException, duckdb.BinderException):  # built before automatic extraction or publication
        return []
    return [
        f"Automatic extraction: {auto} figures (source = 'auto') from {articles} articles; {published} published, "
        f"{auto - published} waiting for review (marts.fct_auto_figures_to_review); "
        f"{authoritative} authoritative (published, of articles without hand figures)",
        f"Extraction score on the {len(scored)} articles with hand figures: precision {result.precision:.2f}, "
        f"recall {result.recall:.2f}, F1 {result.f1:.2f} ({len(result.matched)} matched, "
        f"{len(result.misses)} missed, {len(result.extras)} extra; "
        f"marts.fct_extraction_disagreements: {disagreements.get('different_value', 0)} different values)",
    ]


def article_paths(paths: Sequence[Path]) -> Iterator[Path]:
    """The files given, and the `*.txt` files of the folders given (sorted); each once."""
    from dagster_project.domain.articles import article_files

    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            files = article_files(path)
            if not files:
                raise FileNotFoundError(f"{path}: no .txt article files in this folder")
        elif path.is_file():
            files = [path]
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
        for file in files:
            if file.resolve() not in seen:
                seen.add(file.resolve())
                yield file


def csv_value(value: object) -> str:
    """Booleans as true/false, whole numbers without `.0`, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def extract(paths: Sequence[Path], out: TextIO, explain: bool = False) -> int:
    """Extract every article into `out` as CSV, or as the explanation of how each figure was read
    (`explain`); a file that fails is reported and skipped (exit 1)."""
    from dagster_project.domain.articles import ArticleError, read_article
    from dagster_project.domain.extraction import FIGURE_COLUMNS, extract_figures
    from dagster_project.domain.extraction.explain import explain_article

    writer = csv.writer(out, lineterminator="\n")
    if not explain:
        writer.writerow(FIGURE_COLUMNS)
    failed = 0
    ids: dict[str, Path] = {}
    try:
        files = list(article_paths(paths))
    except FileNotFoundError as err:
        print(f"koperasi extract: {err}", file=sys.stderr)
        return 1
    for path in files:
        try:
            if path.stem in ids:
                raise ArticleError(f"{path}: article id {path.stem!r} already read from {ids[path.stem]}")
            article = read_article(path)
            ids[article.article_id] = path
            if explain:
                explanation, figures = explain_article(article.article_id, article.text, article.header_date), []
            else:
                explanation, figures = "", extract_figures(article.article_id, article.text, article.header_date)
        except (ArticleError, OSError) as err:
            print(f"koperasi extract: {err}", file=sys.stderr)
            failed += 1
            continue
        except Exception as err:  # the extractor's bug: name the file it met, go on with the others
            print(f"koperasi extract: {path}: the extractor failed: {type(err).__name__}: {err}", file=sys.stderr)
            failed += 1
            continue
        out.write(explanation)  # outside the try: a closed pipe is not the article's fault
        for figure in figures:
            writer.writerow([csv_value(getattr(figure, column)) for column in FIGURE_COLUMNS])
    if failed:
        print(f"koperasi extract: {failed} of {len(files)} files not extracted", file=sys.stderr)
    return 1 if failed else 0


def print_score(gold_path: Path, extracted_path: Path) -> None:
    from dagster_project.domain.extraction.scoring import read_figures_csv, score

    gold, extracted = read_figures_csv(gold_path), read_figures_csv(extracted_path)
    result = score(gold, extracted)
    print(f"gold {len(gold)}, extracted {len(extracted)}, matched {len(result.matched)}")
    print(f"precision {result.precision:.4f}")
    print(f"recall    {result.recall:.4f}")
    print(f"F1        {result.f1:.4f}")
    for title, figures in (("missed (in gold, not extracted)", result.misses),
                           ("extra (extracted, not in gold)", result.extras)):
        print(f"{title}: {len(figures)}")
        for f in figures:
            print(f"  {f.article_id} {f.region_code} scope={f.scope} status={f.status} "
                  f"type={f.cooperative_type} {f.unit} {csv_value(float(f.value))}: {f.evidence}")


def main(argv: list[str] | None = None) -> int:
    try:
        return _run(argv)
    except BrokenPipeError:  # `koperasi score ... | head`: the reader has read what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 141


def _run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="koperasi", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    run_cmd = commands.add_parser("run", help="materialize every asset into the warehouse, print a summary")
    run_cmd.add_argument("--rebuild", action="store_true",
                         help="build even when no input changed since the last build, every dbt model from nothing")
    commands.add_parser("summary", help="print the summary of the existing warehouse")
    extract_cmd = commands.add_parser(
        "extract", help="extract figures from article files (no warehouse needed)",
        description="Extract figures from article .txt files, or from every *.txt of a folder, into a "
                    "CSV. A file that cannot be read is reported on stderr; the others are still "
                    "extracted, and the exit code is 1.")
    extract_cmd.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article file or folder")
    extract_cmd.add_argument("-o", "--output", type=Path, metavar="FILE", help="CSV file (default: stdout)")
    extract_cmd.add_argument("--explain", action="store_true",
                             help="instead of the CSV, print per figure the sentence with its number marked and "
                                  "the construction that set each field, then the numbers dropped and why")
    score_cmd = commands.add_parser(
        "score", help="score extracted figures against gold figures",
        description="Precision, recall and F1 of EXTRACTED against GOLD (e.g. dbt/seeds/cooperative_figures.csv). "
                    "A figure matches when article_id, region_code, scope, status, cooperative_type and unit "
                    "are equal and the values differ by at most 0.01; each gold figure matches once.")
    score_cmd.add_argument("gold", type=Path, metavar="GOLD.csv")
    score_cmd.add_argument("extracted", type=Path, metavar="EXTRACTED.csv")
    args = parser.parse_args(argv)

    if args.command == "extract":
        if args.output is None:
            return extract(args.paths, sys.stdout, args.explain)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        with args.output.open("w", encoding="utf-8", newline="") as out:
            return extract(args.paths, out, args.explain)
    if args.command == "score":
        from dagster_project.domain.extraction.scoring import ScoreInputError

        try:
            print_score(args.gold, args.extracted)
        except ScoreInputError as err:
            print(f"koperasi score: {err}", file=sys.stderr)
            return 2
        return 0

    path = settings.export_warehouse_path()
    try:
        if args.command == "run":
            # No collection during the imports: each full one walks every object imported so far,
            # half a second in all; materialize_all() freezes what they made and collects again.
            gc.disable()
            from dagster_project.build_lock import build_lock

            from dagster_project import build_inputs

            # held from the comparison of inputs to the publication; a second `koperasi run` waits here
            with build_lock(path, on_wait=lambda message: print(f"koperasi: {message}", file=sys.stderr)):
                # taken before anything is read: an input that changes during the build only
                # makes the next run build again
                inputs = build_inputs.build_inputs()
                changed = None if args.rebuild else build_inputs.changed_since_last_build(path, inputs)
                if changed == set():
                    print(f"Nothing changed since the last build (articles, seeds, models, code and packages "
                          f"are those {path.name} was built from): nothing to do. `koperasi run --rebuild` "
                          "builds anyway.")
                    print_summary(path)
                    return 0
                from dagster_project import warm_dbt

                with warm_dbt.started():  # dbt's imports beside Dagster's, on the other core
                    from dagster_project.dbt_project import prepare_manifest

                    prepare_manifest()
                    ok = materialize_all(only_downstream_of_seeds=build_inputs.edited_seeds(changed),
                                         rebuild=args.rebuild)
                if ok:
                    build_inputs.record_build(path, inputs)
            print(f"The warehouse {path} was {'published' if ok else 'NOT changed (see above)'}.")
            if path.exists():
                print_summary(path)
            # A run is the process's last work. At exit the collector would walk every object of
            # Dagster's and dbt's imports once more (half a second to a second) only for the
            # system to free them all: frozen objects are left to it.
            gc.freeze()
            return 0 if ok else 1
        print_summary(path)
        return 0
    except (WarehouseLockedError, FileNotFoundError) as err:
        print(f"koperasi: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
