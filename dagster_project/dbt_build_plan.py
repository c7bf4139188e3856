"""What a `dbt build` must do, from what the models were last built from and what changed since.

The models of a warehouse were built from three things, recorded after each complete build
(`raw.build_logic`):

- the *logic*: code, dbt project, packages, settings (`build_inputs.logic_fingerprint`);
- the *seeds*: the rows of each seed table (`build_inputs.seed_fingerprints`);
- the *sources*: the rows of each raw table the Python assets load (`sources_fingerprint`).

Other logic rebuilds every model from nothing (`--full-refresh`). The same logic builds only the
edited seeds, and the models and tests below them and below the raw tables whose rows changed
(an article added: its tables, not the region list's): nothing else read anything that changed.
The incremental models merge what changed; they are correct under any change of data
(tests/test_incremental_equals_full.py), so no change of data needs a refresh.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import duckdb

# The dbt nodes a `dbt build` runs (sources and exposures are not built)
_BUILT_TYPES = {"model", "seed", "test", "snapshot"}


@dataclass(frozen=True)
class BuiltFrom:
    """What the dbt models of a warehouse were built from: fingerprints of the logic, of each
    seed (by name) and of each source table (by `schema.table`)."""

    logic: str
    seeds: Mapping[str, str]
    sources: Mapping[str, str]


@dataclass(frozen=True)
class DbtBuildPlan:
    full_refresh: bool
    changed: tuple[str, ...] | None  # the seeds and raw tables whose change is built; None: every node
    built: frozenset[str] | None  # the unique ids of the nodes to build; None: every node
    skipped: tuple[str, ...]  # the names of the nodes left as they are
    reason: str

    @property
    def args(self) -> list[str]:
        """`dbt build`'s arguments beyond the selection dagster-dbt gives (every node)."""
        if self.full_refresh:
            return ["--full-refresh"]
        # "empty": excluding a node must not also exclude the tests that read it and a built node
        return ["--exclude", " ".join(self.skipped), "--indirect-selection", "empty"] if self.skipped else []

    @classmethod
    def everything_from_nothing(cls, reason: str) -> DbtBuildPlan:
        return cls(True, None, None, (), reason)

    @property
    def builds_anything(self) -> bool:
        return self.built is None or bool(self.built)


def plan_dbt_build(recorded: BuiltFrom | None, current: BuiltFrom, manifest: Mapping[str, Any]) -> DbtBuildPlan:
    """The least build that leaves every model as a build from nothing would (see the module)."""
    if recorded is None:
        return DbtBuildPlan.everything_from_nothing("no complete build recorded: every model rebuilt")
    if recorded.logic != current.logic:
        return DbtBuildPlan.everything_from_nothing(
            "code, dbt project, packages or settings changed: every model rebuilt")
    seeds = {node["name"]: unique_id for unique_id, node in manifest["nodes"].items()
             if node["resource_type"] == "seed"}
    sources = {f"{source['schema']}.{source['identifier']}": unique_id
               for unique_id, source in manifest["sources"].items()}
    edited = _changed(recorded.seeds, current.seeds)
    reloaded = _changed(recorded.sources, current.sources)
    if any(name not in seeds for name in edited) or any(table not in sources for table in reloaded):
        # a manifest older than the seeds or tables: be safe
        return DbtBuildPlan(False, None, None, (),
                            "seeds or raw tables the dbt manifest does not know: every model built")
    built = {node for node in downstream(manifest, [*(seeds[n] for n in edited), *(sources[t] for t in reloaded)])
             if node in manifest["nodes"]}
    skipped = tuple(sorted(node["name"] for unique_id, node in manifest["nodes"].items()
                           if node["resource_type"] in _BUILT_TYPES and unique_id not in built))
    changed = (*edited, *reloaded)
    reason = (f"{', '.join(changed)} changed: the {len(built)} seeds, models and tests below them built"
              if changed else "nothing changed since the last build: no model built")
    return DbtBuildPlan(False, changed, frozenset(built), skipped, reason)


def _changed(recorded: Mapping[str, str], current: Mapping[str, str]) -> tuple[str, ...]:
    """The names whose fingerprint differs (added and removed ones too)."""
    return tuple(sorted(name for name in recorded.keys() | current.keys() if recorded.get(name) != current.get(name)))


def downstream(manifest: Mapping[str, Any], unique_ids: Iterable[str]) -> set[str]:
    """The nodes given and every node below them, tests included (a test is below each node it reads)."""
    found, todo = set(), list(unique_ids)
    while todo:
        node = todo.pop()
        if node not in found:
            found.add(node)
            todo += manifest["child_map"].get(node, [])
    return found


def sources_fingerprint(con: duckdb.DuckDBPyConnection, manifest: Mapping[str, Any]) -> dict[str, str]:
    """Per dbt source table, its row count and an order-free sum of its row hashes: any row added,
    removed or changed changes it (hashing 40 MB of articles takes a fraction of a second)."""
    digests = {}
    for source in manifest["sources"].values():
        table = f"{source['schema']}.{source['identifier']}"
        try:
            count, total = con.execute(f"select count(*), sum(hash(source_row))::hugeint "
                                       f"from {table} source_row").fetchone()
        except duckdb.CatalogException:
            count, total = None, None  # not loaded: as different from any loaded table
        digests[table] = f"{count}:{total}"
    return dict(sorted(digests.items()))
