"""After a seed is written: rebuild what depends on it, through the Dagster webserver of
`make dev` when one answers, else say that `make run` is needed.

The run goes through the webserver's queue (one run at a time, dagster.yaml), so it never races a
build already running; the app only asks for it and never waits.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dagster_project import settings

PROBE_TIMEOUT_S = 3.0  # is a webserver there at all
TIMEOUT_S = 60.0  # the first asset query of a fresh webserver loads the code location

_REPOSITORIES = """
query { repositoriesOrError { __typename ... on RepositoryConnection { nodes { name location { name } } } } }
"""
_ASSET_NODES = ("query { assetNodes { assetKey { path } isMaterializable dependencyKeys { path } "
                "assetChecksOrError { ... on AssetChecks { checks { name } } } } }")
_LAUNCH = """
mutation Launch($executionParams: ExecutionParams!) {
  launchRun(executionParams: $executionParams) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message }
    ... on Error { message }
  }
}
"""


@dataclass(frozen=True)
class Rebuild:
    started: bool
    message: str  # what the person reads: the run's link, or the command to run
    run_id: str | None = None


class WebserverError(RuntimeError):
    pass


def graphql(url: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{url}/graphql", data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
        payload = json.loads(response.read())
    if payload.get("errors"):
        raise WebserverError("; ".join(error.get("message", "?") for error in payload["errors"]))
    return payload["data"]


def downstream(start: tuple[str, ...], nodes: Iterable[dict[str, Any]]) -> list[tuple[str, ...]]:
    """`start` and every materializable asset that depends on it, directly or not (sorted)."""
    nodes = list(nodes)
    children: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    materializable = set()
    for node in nodes:
        key = tuple(node["assetKey"]["path"])
        if node.get("isMaterializable", True):
            materializable.add(key)
        for parent in node.get("dependencyKeys", []):
            children.setdefault(tuple(parent["path"]), set()).add(key)
    seen, todo = {start}, [start]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return sorted(key for key in seen if key in materializable)


def checks_of(selection: Iterable[tuple[str, ...]], nodes: Iterable[dict[str, Any]],
              also: Iterable[tuple[tuple[str, ...], str]] = ()) -> list[dict[str, Any]]:
    """Every check of the selected assets (their dbt tests), and the checks `also` names, as the
    launch's `assetCheckSelection` (a launch that lists checks runs those and no others)."""
    chosen = set(selection)
    handles = [(tuple(node["assetKey"]["path"]), check["name"]) for node in nodes
               if tuple(node["assetKey"]["path"]) in chosen
               for check in (node.get("assetChecksOrError") or {}).get("checks", [])]
    return [{"assetKey": {"path": list(key)}, "name": name} for key, name in sorted(set(handles) | set(also))]


def webserver_answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/server_info", timeout=PROBE_TIMEOUT_S) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def rebuild_after(seed: str) -> Rebuild:
    """Launch a run of seeds/<seed> (asset raw/<seed>) and everything below it."""
    url = settings.dagster_url()
    if not webserver_answers(url):
        return Rebuild(False, f"Saved. No Dagster webserver answers at {url} (`make dev` is not running): "
                              "run `make run` to rebuild the warehouse with this change.")
    # The extraction score reads the hand figures' file: a run after they change evaluates it, as
    # `koperasi run` does (assets/dbt.py); imported here, the app's pages need no Dagster.
    from dagster_project.assets.extraction import EXTRACTION_SCORE, HAND_FIGURES_SEED

    also = [(tuple(EXTRACTION_SCORE.asset_key.path), EXTRACTION_SCORE.name)] if seed == HAND_FIGURES_SEED else []
    try:
        repositories = graphql(url, _REPOSITORIES)["repositoriesOrError"]
        (node,) = repositories["nodes"]
        nodes = graphql(url, _ASSET_NODES)["assetNodes"]
        selection = downstream(("raw", seed), nodes)
        result = graphql(url, _LAUNCH, {"executionParams": {
            "selector": {"repositoryLocationName": node["location"]["name"], "repositoryName": node["name"],
                         "jobName": "__ASSET_JOB", "assetSelection": [{"path": list(k)} for k in selection],
                         "assetCheckSelection": checks_of(selection, nodes, also)},
            "runConfigData": {}}})["launchRun"]
    except (urllib.error.URLError, OSError, WebserverError, KeyError, ValueError) as err:
        return Rebuild(False, f"Saved, but the Dagster webserver at {url} did not start the rebuild ({err}): "
                              "run `make run`, or materialize the seed's assets in the UI.")
    if result["__typename"] != "LaunchRunSuccess":
        return Rebuild(False, f"Saved, but the Dagster webserver refused the rebuild ({result['__typename']}: "
                              f"{result.get('message', '')}): run `make run`.")
    run_id = result["run"]["runId"]
    return Rebuild(True, f"Saved; rebuilding {len(selection)} assets that depend on seeds/{seed}.csv: "
                         f"{url}/runs/{run_id}. The pages show the change once the run has finished.", run_id)
