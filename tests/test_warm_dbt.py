"""The warm dbt (dagster_project/warm_dbt.py): a build handed to it is the build `dbt` runs.

On a tiny dbt project of its own (one model, one test that fails on demand), each case runs the
real `dbt` and `koperasi-dbt` beside a warm dbt, and compares their exit codes and results.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dagster_project import warm_dbt
from dagster_project.settings import WARM_DBT_SOCKET_ENV

pytestmark = pytest.mark.slow

CLIENT = Path(sys.executable).parent / "koperasi-dbt"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "models").mkdir()
    (tmp_path / "tests").mkdir()
    (tmp_path / "dbt_project.yml").write_text("name: tiny\nversion: '1.0'\nprofile: tiny\nconfig-version: 2\n")
    (tmp_path / "profiles.yml").write_text(
        f"tiny:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: {tmp_path / 'tiny.duckdb'}\n")
    (tmp_path / "models" / "numbers.sql").write_text("select 1 as n union all select 2")
    # fails when the variable says so: one project for a passing and a failing build
    (tmp_path / "tests" / "no_three.sql").write_text(
        "select n from {{ ref('numbers') }} where n = {{ var('forbidden', 3) }}")
    return tmp_path


def build(project: Path, *arguments: str, executable: Path) -> tuple[int, list[dict[str, object]], str]:
    """Exit code, dbt's JSON log lines and all its output of `EXECUTABLE build ARGUMENTS` in the project."""
    command = [str(executable), "build", "--log-format", "json", "--project-dir", str(project),
               "--profiles-dir", str(project), *arguments]
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300)
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return done.returncode, lines, done.stdout + done.stderr


def results(lines: list[dict[str, object]]) -> list[tuple[str, str]]:
    """(node, status) of every node dbt reports a result of."""
    return sorted((line["data"]["node_info"]["unique_id"], line["data"]["node_info"]["node_status"])
                  for line in lines if line["info"]["name"] in ("LogModelResult", "LogTestResult"))


@pytest.mark.parametrize(("arguments", "expected_code", "expected_output"), [
    ((), 0, "LogTestResult"),                                  # passes
    (("--vars", "{forbidden: 2}"), 1, "LogTestResult"),        # a failing test: the build's failure code
    (("--select", "no_such_model+"), 0, "NothingToDo"),        # nothing selected
    (("--no-such-option",), 2, "--no-such-option"),            # a usage error: dbt's error code, and why
])
def test_a_build_handed_to_the_warm_dbt_is_dbts_build(project: Path, arguments: tuple[str, ...],
                                                       expected_code: int, expected_output: str) -> None:
    cold_code, cold_lines, cold_output = build(project, *arguments, executable=warm_dbt.REAL_DBT)
    with warm_dbt.started() as server:
        warm_code, warm_lines, warm_output = build(project, *arguments, executable=CLIENT)
        assert server.wait(timeout=30) == 0  # it served the build (and only one) and exited
    assert (warm_code, results(warm_lines)) == (cold_code, results(cold_lines))
    assert warm_code == expected_code
    assert expected_output in cold_output and expected_output in warm_output


def test_the_warm_dbt_builds_with_the_clients_environment_and_folder(project: Path, tmp_path: Path) -> None:
    # as dagster-dbt runs dbt: settings in the environment, the project as the working directory;
    # the warm dbt was started with another environment (where the published warehouse would be)
    (project / "profiles.yml").write_text(
        "tiny:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n"
        "      path: \"{{ env_var('TINY_DATABASE') }}\"\n")
    database, target = tmp_path / "given.duckdb", tmp_path / "given_target"
    with warm_dbt.started() as server:
        environment = {**os.environ, "TINY_DATABASE": str(database), "DBT_LOG_FORMAT": "json",
                       "DBT_PROFILES_DIR": str(project), "DBT_TARGET_PATH": str(target)}
        done = subprocess.run([str(CLIENT), "build"], cwd=project, env=environment, capture_output=True,
                              text=True, timeout=300)
        assert server.wait(timeout=30) == 0
    assert done.returncode == 0, done.stdout + done.stderr
    assert database.is_file() and not (project / "tiny.duckdb").exists()
    assert (target / "run_results.json").is_file()
    recorded = json.loads((target / "run_results.json").read_text())["args"]["invocation_command"]
    assert recorded == "dbt build"  # the build's command line, not the warm process's
    lines = [json.loads(line) for line in done.stdout.splitlines()]  # every line JSON: the log format
    assert results(lines) == [("model.tiny.numbers", "success"), ("test.tiny.no_three", "pass")]


def test_a_warm_dbt_that_is_gone_is_said_and_dbt_runs(project: Path, tmp_path: Path) -> None:
    environment = {**os.environ, WARM_DBT_SOCKET_ENV: str(tmp_path / "gone" / "dbt.sock")}
    done = subprocess.run([str(CLIENT), "build", "--project-dir", str(project), "--profiles-dir", str(project)],
                          cwd=project, env=environment, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "koperasi-dbt: no warm dbt at" in done.stderr


def test_the_client_is_dbt_where_no_warm_dbt_waits(project: Path) -> None:
    assert WARM_DBT_SOCKET_ENV not in os.environ
    code, lines, _ = build(project, executable=CLIENT)
    assert code == 0 and results(lines) == [("model.tiny.numbers", "success"), ("test.tiny.no_three", "pass")]
    version = subprocess.run([str(CLIENT), "--version"], capture_output=True, text=True, timeout=120)
    assert version.returncode == 0 and "Core" in version.stdout + version.stderr


def test_a_second_build_in_one_run_gets_a_cold_dbt(project: Path) -> None:
    with warm_dbt.started() as server:
        first, _, _ = build(project, executable=CLIENT)
        server.wait(timeout=30)
        second, lines, _ = build(project, executable=CLIENT)
    assert (first, second) == (0, 0) and len(results(lines)) == 2


def test_a_warm_dbt_stops_with_its_run_where_sigterm_was_ignored() -> None:
    # a run started from a shell that ignores SIGTERM (its children inherit that): the warm dbt,
    # never used, must still stop when the run's block ends, not wait out its hour
    # (once it listens: SIGTERM sent before it has started is lost, and it is then killed)
    script = ("import os, pathlib, signal, time\n"
              "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
              "from dagster_project import warm_dbt\n"
              "with warm_dbt.started() as server:\n"
              f"    listening = pathlib.Path(os.environ[{WARM_DBT_SOCKET_ENV!r}])\n"
              "    while not listening.exists():\n"
              "        time.sleep(0.05)\n"
              "print(server.returncode)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == str(-15), done.stderr
