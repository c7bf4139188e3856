"""What a `dbt build` must do, from what the models were last built from and what changed since.

The models of a warehouse were built from three things, recorded after each complete build
(`raw.build_logic`):

- the *logic*: code, dbt project, packages, settings (`build_inputs.logic_fingerprint`);
- the *seeds*: the rows of each seed table (`build_inputs.seed_fingerprints`);
- the *sources*: the rows of the raw tables the Python assets load (`sources_fingerprint`).

Other logic rebuilds every model from nothing (`--full-refresh`). The same logic with other
sources builds every model, the incremental ones merging the changed articles. The same logic
and sources with other seeds builds only the edited seeds and the models and tests downstream of
them: nothing else read anything that changed. The incremental models are correct under any
change of data (tests/test_incremental_equals_full.py), so a seed edit never needs a refresh.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import duckdb

# The dbt nodes a `dbt build` runs (sources and exposures are not built)
_BUILT_TYPES = {"model", "seed", "test", "snapshot"}


@dataclass(frozen=True)
class BuiltFrom:
    """What the dbt models of a warehouse were built from."""

    logic: str
    seeds: Mapping[str, str]
    sources: str


@dataclass(frozen=True)
class DbtBuildPlan:
    full_refresh: bool
    edited_seeds: tuple[str, ...] | None  # only these seeds and what they feed; None: every node
    built: frozenset[str] | None  # the unique ids of the nodes to build; None: every node
    skipped: tuple[str, ...]  # the names of the nodes left as they are
    reason: str

    @property
    def args(self) -> list[str]:
        """`dbt build`'s arguments beyond the selection dagster-dbt gives (every node)."""
        if self.full_refresh:
            return ["--full-refresh"]
        return ["--exclude", " ".join(self.skipped)] if self.skipped else []

    @property
    def builds_anything(self) -> bool:
        return self.built is None or bool(self.built)


def plan_dbt_build(recorded: BuiltFrom | None, current: BuiltFrom, manifest: Mapping[str, Any]) -> DbtBuildPlan:
    """The least build that leaves every model as a build from nothing would (see the module)."""
    if recorded is None:
        return DbtBuildPlan(True, None, None, (), "no complete build recorded: every model rebuilt")
    if recorded.logic != current.logic:
        return DbtBuildPlan(True, None, None, (), "code, dbt project, packages or settings changed: every model rebuilt")
    if recorded.sources != current.sources:
        return DbtBuildPlan(False, None, None, (), "raw tables changed: every model built, articles merged")
    edited = tuple(sorted(name for name, digest in current.seeds.items() if recorded.seeds.get(name) != digest))
    seeds = {node["name"]: unique_id for unique_id, node in manifest["nodes"].items()
             if node["resource_type"] == "seed"}
    if any(name not in seeds for name in edited):  # a manifest older than the seeds: be safe
        return DbtBuildPlan(False, None, None, (), "seeds not in the dbt manifest: every model built")
    built = downstream(manifest, (seeds[name] for name in edited))
    skipped = tuple(sorted(node["name"] for unique_id, node in manifest["nodes"].items()
                           if node["resource_type"] in _BUILT_TYPES and unique_id not in built))
    reason = (f"seeds edited ({', '.join(edited)}): only they and the {len(built) - len(edited)} models and "
              "tests they feed built" if edited else "nothing changed since the last build: no model built")
    return DbtBuildPlan(False, edited, frozenset(built), skipped, reason)


def downstream(manifest: Mapping[str, Any], unique_ids: Iterable[str]) -> set[str]:
    """The nodes given and every node below them, tests included (a test is below each node it reads)."""
    found, todo = set(), list(unique_ids)
    while todo:
        node = todo.pop()
        if node not in found:
            found.add(node)
            todo += manifest["child_map"].get(node, [])
    return found


def sources_fingerprint(con: duckdb.DuckDBPyConnection, manifest: Mapping[str, Any]) -> str:
    """The row count and an order-free sum of the row hashes of every dbt source table: any row
    added, removed or changed changes it (hashing 40 MB of articles takes a fraction of a second)."""
    tables = sorted(f"{source['schema']}.{source['identifier']}" for source in manifest["sources"].values())
    digests = {}
    for table in tables:
        try:
            count, total = con.execute(f"select count(*), sum(hash(t))::hugeint from {table} t").fetchone()
        except duckdb.CatalogException:
            count, total = None, None  # not loaded: as different from any loaded table
        digests[table] = f"{count}:{total}"
    return json.dumps(digests, sort_keys=True)
