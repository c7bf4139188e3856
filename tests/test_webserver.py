"""End-to-end test of the real Dagster deployment: webserver, daemon, run queue, dbt, DuckDB.

It starts `dagster dev` (webserver + daemon + code server) with a temporary DAGSTER_HOME and a
temporary warehouse on a free loopback port, reads the asset list and its lineage through the
GraphQL API, launches one run of every asset, waits until the daemon has dequeued it and it has
succeeded, checks the resulting warehouse tables, drops a new article file into the (temporary)
articles folder and waits for the sensor's run to put its figures into the marts, and finally
stops every process it started.

This proves what the unit tests cannot: the code location loads in a clean environment (after
`dbt parse`), the instance configuration from dagster_project/dagster.yaml is accepted, the run
queue hands runs to the daemon, and a full build works through the same path as the UI.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import PUBLISH_EVERY_UNCONTRADICTED_FIGURE

from dagster_project import settings
from dagster_project.app import rebuild

pytestmark = pytest.mark.slow  # starts `dagster dev`

REPO_ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
INSTANCE_CONFIG = REPO_ROOT / "dagster_project" / "dagster.yaml"
CODE_LOCATION_MODULE = "dagster_project.definitions"

STARTUP_TIMEOUT_S = 120.0
RUN_TIMEOUT_S = 300.0
RUN_POLL_INTERVAL_S = 2.0
SENSOR_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 15.0

EXPECTED_GROUPS = {"raw", "seeds", "staging", "intermediate", "marts"}
EXPECTED_ASSETS = {
    "raw/articles",
    "raw/regions",
    "marts/dim_region",
    "marts/dim_article",
    "marts/fct_cooperative_figures",
    "marts/fct_cooperative_counts",
    "marts/dq_findings",
    "raw/extracted_figures",
    "marts/fct_extraction_disagreements",
}


@dataclass(frozen=True)
class Deployment:
    """A running `dagster dev` and the files it writes."""

    port: int
    home: Path
    warehouse: Path
    articles: Path
    log: Path
    process: subprocess.Popen[bytes]


# --- helpers -----------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def log_tail(log: Path, lines: int = 80) -> str:
    if not log.exists():
        return "(no log file)"
    text = log.read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:])


def graphql(port: int, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """POST a GraphQL document to the webserver; return `data`, failing on GraphQL errors."""
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        payload = json.loads(response.read())
    if payload.get("errors"):
        pytest.fail(f"GraphQL errors: {json.dumps(payload['errors'], indent=2)}")
    return payload["data"]


def key_path(asset_key: dict[str, Any]) -> str:
    return "/".join(asset_key["path"])


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_group_gone(pgid: int, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not group_alive(pgid):
            return True
        time.sleep(0.2)
    return not group_alive(pgid)


def stop_group(process: subprocess.Popen[bytes]) -> list[str]:
    """SIGTERM the whole process group, then SIGKILL what is left; return notes on stragglers."""
    pgid = process.pid  # start_new_session=True: the leader's pid is the group id
    notes: list[str] = []
    if process.returncode is not None and not group_alive(pgid):
        return notes  # already stopped (and reaped): never signal a pid that may be reused
    try:
        os.killpg(pgid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        process.wait(timeout=STOP_TIMEOUT_S)  # reap the leader, or it stays a zombie in the group
    except subprocess.TimeoutExpired:
        notes.append("dagster dev survived SIGTERM")
    if not wait_group_gone(pgid, max(1.0, STOP_TIMEOUT_S / 3)):
        notes.append("processes of the group survived SIGTERM; sent SIGKILL")
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if process.poll() is None:
        process.wait(timeout=STOP_TIMEOUT_S)
    assert wait_group_gone(pgid, STOP_TIMEOUT_S), f"process group {pgid} still alive after SIGKILL"
    return notes


def wait_until_ready(deployment: Deployment) -> None:
    """Poll /server_info until the webserver answers; fail with the log if it never does."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    url = f"http://127.0.0.1:{deployment.port}/server_info"
    while time.monotonic() < deadline:
        if deployment.process.poll() is not None:
            pytest.fail(
                f"dagster dev exited with {deployment.process.returncode}:\n"
                f"{log_tail(deployment.log)}"
            )
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    pytest.fail(
        f"webserver not ready after {STARTUP_TIMEOUT_S:.0f} s:\n{log_tail(deployment.log)}"
    )


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory, dbt_manifest: Path) -> Iterator[Deployment]:
    home = tmp_path_factory.mktemp("dagster_home")
    shutil.copy(INSTANCE_CONFIG, home / "dagster.yaml")
    warehouse = home / "warehouse.duckdb"
    articles = home / "articles"
    shutil.copytree(REPO_ROOT / "data" / "articles", articles)
    log = home / "dagster_dev.log"
    # Every uncontradicted figure published, so the new article's figures reach the marts.
    env = {**os.environ, "DAGSTER_HOME": str(home), "KOPERASI_WAREHOUSE": str(warehouse),
           "KOPERASI_ARTICLES_DIR": str(articles),
           "KOPERASI_PUBLISHING_POLICY": str(PUBLISH_EVERY_UNCONTRADICTED_FIGURE)}

    # dbt/target/manifest.json, which the definitions need, comes from conftest's `dbt_manifest`.
    port = free_port()
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [
                str(VENV_BIN / "dagster"),
                "dev",
                "-m",
                CODE_LOCATION_MODULE,
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
            ],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: webserver, daemon, code server, dbt
        )
    try:
        running = Deployment(port=port, home=home, warehouse=warehouse, articles=articles, log=log,
                             process=process)
        wait_until_ready(running)
        yield running
    finally:
        notes = stop_group(process)
        if notes:
            print(f"\nstopping dagster dev: {'; '.join(notes)}")


# --- GraphQL documents -------------------------------------------------------------------------

REPOSITORIES_QUERY = """
query Repositories {
  repositoriesOrError {
    __typename
    ... on RepositoryConnection {
      nodes { name location { name } }
    }
    ... on Error { message }
  }
}
"""

ASSET_NODES_QUERY = """
query AssetNodes {
  assetNodes {
    assetKey { path }
    groupName
    description
    isMaterializable
    dependencyKeys { path }
  }
}
"""

LAUNCH_RUN_MUTATION = """
mutation LaunchRun($executionParams: ExecutionParams!) {
  launchRun(executionParams: $executionParams) {
    __typename
    ... on LaunchRunSuccess { run { runId status } }
    ... on RunConfigValidationInvalid { errors { message } }
    ... on PythonError { message stack }
    ... on Error { message }
  }
}
"""

RUN_QUERY = """
query Run($runId: ID!) {
  runOrError(runId: $runId) {
    __typename
    ... on Run { runId status startTime endTime }
    ... on Error { message }
  }
}
"""

RUN_EVENTS_QUERY = """
query RunEvents($runId: ID!) {
  runOrError(runId: $runId) {
    ... on Run {
      eventConnection {
        events {
          __typename
          ... on MessageEvent { message level stepKey }
        }
      }
    }
  }
}
"""


def repository_selector(port: int) -> dict[str, str]:
    data = graphql(port, REPOSITORIES_QUERY)["repositoriesOrError"]
    assert data["__typename"] == "RepositoryConnection", data
    assert len(data["nodes"]) == 1, data
    node = data["nodes"][0]
    return {"repositoryLocationName": node["location"]["name"], "repositoryName": node["name"]}


def run_failure_report(deployment: Deployment, run_id: str) -> str:
    run = graphql(deployment.port, RUN_EVENTS_QUERY, {"runId": run_id})["runOrError"]
    events = run.get("eventConnection", {}).get("events", [])
    problems = [
        f"[{event.get('level')}] {event.get('stepKey') or '-'}: {event.get('message')}"
        for event in events
        if event.get("level") in ("ERROR", "CRITICAL") or "FAILURE" in event["__typename"].upper()
    ]
    return (
        "run events (errors):\n" + "\n".join(problems[-40:]) + "\n\n"
        "dagster dev log:\n" + log_tail(deployment.log)
    )


def wait_for_run(deployment: Deployment, run_id: str) -> str:
    """Poll the run until it ends; return its final status."""
    deadline = time.monotonic() + RUN_TIMEOUT_S
    status = "UNKNOWN"
    while time.monotonic() < deadline:
        run = graphql(deployment.port, RUN_QUERY, {"runId": run_id})["runOrError"]
        assert run["__typename"] == "Run", run
        status = run["status"]
        if status in ("SUCCESS", "FAILURE", "CANCELED"):
            return status
        if deployment.process.poll() is not None:
            pytest.fail(f"dagster dev exited during the run:\n{log_tail(deployment.log)}")
        time.sleep(RUN_POLL_INTERVAL_S)
    pytest.fail(
        f"run {run_id} still {status} after {RUN_TIMEOUT_S:.0f} s\n"
        f"{run_failure_report(deployment, run_id)}"
    )


LATEST_MATERIALIZATION_QUERY = """
query Latest($path: [String!]!) {
  assetOrError(assetKey: {path: $path}) {
    ... on Asset {
      assetMaterializations(limit: 1) {
        metadataEntries {
          label
          ... on IntMetadataEntry { intValue }
          ... on MarkdownMetadataEntry { mdStr }
        }
      }
    }
  }
}
"""


SENSOR_QUERY = """
query Sensor($selector: SensorSelector!) {
  sensorOrError(sensorSelector: $selector) {
    __typename
    ... on Sensor { name sensorState { status } }
    ... on Error { message }
  }
}
"""

RUNS_QUERY = """
query Runs {
  runsOrError {
    ... on Runs { results { runId jobName } }
  }
}
"""


def wait_for_new_run(deployment: Deployment, known: set[str]) -> dict[str, Any]:
    """The first run that is not one of `known` (the sensor ticks every 15 s)."""
    deadline = time.monotonic() + SENSOR_TIMEOUT_S
    while time.monotonic() < deadline:
        runs = graphql(deployment.port, RUNS_QUERY)["runsOrError"]["results"]
        new = [run for run in runs if run["runId"] not in known]
        if new:
            return new[0]
        time.sleep(RUN_POLL_INTERVAL_S)
    pytest.fail(f"no sensor run after {SENSOR_TIMEOUT_S:.0f} s\n{log_tail(deployment.log)}")


def launch_run(port: int, selector: dict[str, Any]) -> str:
    result = graphql(
        port,
        LAUNCH_RUN_MUTATION,
        {"executionParams": {"selector": selector, "runConfigData": {}}},
    )["launchRun"]
    if result["__typename"] != "LaunchRunSuccess":
        pytest.fail(f"launchRun returned {result['__typename']}: {json.dumps(result, indent=2)}")
    return result["run"]["runId"]


# --- the test ----------------------------------------------------------------------------------


CHECKS_OF_RUN_QUERY = """
query Checks($runId: ID!) {
  logsForRun(runId: $runId, limit: 5000) {
    __typename
    ... on EventConnection {
      events { __typename ... on AssetCheckEvaluationEvent { evaluation { checkName assetKey { path } } } }
    }
  }
}
"""


def test_webserver_lists_assets_and_runs_them_all_one_run_at_a_time(deployment: Deployment,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    port = deployment.port

    # the asset list, as the UI reads it
    nodes = graphql(port, ASSET_NODES_QUERY)["assetNodes"]
    by_key = {key_path(node["assetKey"]): node for node in nodes}
    assert EXPECTED_ASSETS <= by_key.keys(), sorted(EXPECTED_ASSETS - by_key.keys())
    groups = {node["groupName"] for node in nodes}
    assert EXPECTED_GROUPS <= groups, groups
    undocumented = sorted(
        key for key, node in by_key.items() if not (node["description"] or "").strip()
    )
    assert not undocumented, f"assets without a description: {undocumented}"

    # lineage: the dbt staging model reads the Python loader's table
    staging_deps = {key_path(key) for key in by_key["staging/stg_raw__articles"]["dependencyKeys"]}
    assert "raw/articles" in staging_deps, staging_deps

    # launch one run of every materializable asset; it goes through the queue to the daemon
    selector = {
        **repository_selector(port),
        "jobName": "__ASSET_JOB",
        "assetSelection": [
            {"path": node["assetKey"]["path"]} for node in nodes if node["isMaterializable"]
        ],
    }
    # two runs launched together: the queue of one (dagster.yaml) runs them one after the
    # other, so they never fight over the DuckDB file
    run_ids = [launch_run(port, selector) for _ in range(2)]
    for run_id in run_ids:
        status = wait_for_run(deployment, run_id)
        if status != "SUCCESS":
            pytest.fail(f"run {run_id} ended {status}\n{run_failure_report(deployment, run_id)}")
    first, second = sorted(
        (graphql(port, RUN_QUERY, {"runId": run_id})["runOrError"] for run_id in run_ids),
        key=lambda run: run["startTime"],
    )
    assert first["endTime"] <= second["startTime"], (first, second)

    # what the UI shows of a table: its row count and a preview
    entries = graphql(port, LATEST_MATERIALIZATION_QUERY, {"path": ["marts", "fct_cooperative_figures"]})
    metadata = {e["label"]: e for e in
                entries["assetOrError"]["assetMaterializations"][0]["metadataEntries"]}
    assert "| evidence |" in metadata["preview"]["mdStr"]

    # the warehouse the run built (read-only: the deployment is still up)
    con = duckdb.connect(str(deployment.warehouse), read_only=True)
    try:
        (figures,) = con.execute("select count(*) from marts.fct_cooperative_figures").fetchone()
        (hand_figures,) = con.execute(
            "select count(*) from marts.fct_cooperative_figures where source = 'hand'").fetchone()
        (findings,) = con.execute("select count(*) from marts.dq_findings where source = 'hand'").fetchone()
    finally:
        con.close()
    assert metadata["dagster/row_count"]["intValue"] == figures
    assert hand_figures == 23
    assert findings == 1

    # the app's rebuild after a person adds a hand figure: the seed, what it feeds, their dbt
    # tests, and the extraction score, which reads the seed's file
    monkeypatch.setenv(settings.DAGSTER_URL_ENV, f"http://127.0.0.1:{port}")
    rebuilt = rebuild.rebuild_after("cooperative_figures")
    assert rebuilt.started, rebuilt.message
    status = wait_for_run(deployment, rebuilt.run_id)
    if status != "SUCCESS":
        pytest.fail(f"rebuild run ended {status}\n{run_failure_report(deployment, rebuilt.run_id)}")
    run_ids.append(rebuilt.run_id)
    logs = graphql(port, CHECKS_OF_RUN_QUERY, {"runId": rebuilt.run_id})["logsForRun"]
    evaluated = {("/".join(e["evaluation"]["assetKey"]["path"]), e["evaluation"]["checkName"])
                 for e in logs["events"] if e["__typename"] == "AssetCheckEvaluationEvent"}
    assert ("raw/extracted_figures", "extraction_matches_hand_figures") in evaluated
    assert any(asset == "marts/fct_cooperative_figures" for asset, _ in evaluated), evaluated

    # the articles folder sensor is on, and started no run of its own: the warehouse it found
    # (none, then the one the runs built) already had every article file
    sensor = graphql(port, SENSOR_QUERY, {"selector": {**repository_selector(port),
                                                       "sensorName": "articles_folder_sensor"}})
    assert sensor["sensorOrError"]["sensorState"]["status"] == "RUNNING", sensor
    runs = graphql(port, RUNS_QUERY)["runsOrError"]["results"]
    assert sorted(run["runId"] for run in runs) == sorted(run_ids), runs

    # a new article file: the sensor requests a run, and its figures reach the marts
    (deployment.articles / "005_blora_baru.txt").write_text(
        "TITLE: Koperasi di Blora\n\nDi Kabupaten Blora tercatat 120 koperasi, terdiri dari 80 koperasi "
        "aktif dan 40 koperasi tidak aktif.\n", encoding="utf-8")
    sensor_run = wait_for_new_run(deployment, known=set(run_ids))
    assert sensor_run["jobName"] == "articles_changed", sensor_run
    status = wait_for_run(deployment, sensor_run["runId"])
    if status != "SUCCESS":
        pytest.fail(f"sensor run ended {status}\n{run_failure_report(deployment, sensor_run['runId'])}")
    con = duckdb.connect(str(deployment.warehouse), read_only=True)
    try:
        new_figures = con.execute("""
            select source, is_authoritative, value from marts.fct_cooperative_figures
            where article_id = '005_blora_baru' order by value""").fetchall()
    finally:
        con.close()
    assert new_figures == [("auto", True, 40), ("auto", True, 80), ("auto", True, 120)]

    # every process started by `dagster dev` stops with its group
    pgid = deployment.process.pid
    notes = stop_group(deployment.process)
    with pytest.raises(ProcessLookupError):
        os.killpg(pgid, 0)
    print(f"\nprocess group {pgid} stopped{': ' + '; '.join(notes) if notes else ''}")
