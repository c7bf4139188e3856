"""The reviewer's decisions, as seed rows: accept or correct an automatic figure (a hand figure in
seeds/cooperative_figures.csv), reject it (seeds/rejected_figures.csv), acknowledge a finding
(seeds/acknowledged_findings.csv).

Each row is checked as the build checks it before it is written (seed_writer), plus the one check
of the build that needs the warehouse: the region name resolves to the region code
(the dbt test `region_name_resolves_to_code`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from dagster_project.app import seed_writer
from dagster_project.app import warehouse_queries as wq
from dagster_project.cli import csv_value

FIGURES_SEED = "cooperative_figures"
REJECTED_SEED = "rejected_figures"
ACKNOWLEDGED_SEED = "acknowledged_findings"

# The fields a correction may change (the issue: scope, status, type, region, value, date), and
# the evidence, which a reviewer may cut to the clause that states the figure.
CORRECTABLE = ("scope", "status", "cooperative_type", "region_code", "region_name", "value", "as_of_date",
               "is_approximate", "evidence")


@dataclass(frozen=True)
class Saved:
    seed: str
    row: dict[str, str]


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return ""
    return csv_value(value.item() if hasattr(value, "item") else value)


def hand_row(figure: Mapping[str, Any], changes: Mapping[str, Any] | None = None) -> dict[str, str]:
    """The hand seed row of an automatic figure, with the reviewer's changes."""
    merged = {**figure, **(changes or {})}
    return {
        "article_id": _text(merged["article_id"]),
        "region_name": _text(merged["region_name"]),
        "region_code": _text(merged["region_code"]),
        "scope": _text(merged["scope"]),
        "status": _text(merged["status"]),
        "cooperative_type": _text(merged["cooperative_type"]),
        "unit": _text(merged["unit"]),
        "value": _text(float(merged["value"])),
        "is_approximate": _text(bool(merged["is_approximate"])),
        "is_lower_bound": _text(bool(merged["is_lower_bound"]) and bool(merged["is_approximate"])),
        "as_of_date": _text(merged["as_of_date"]),
        "evidence": _text(merged["evidence"]),
        "breakdown_complete": "false",  # the reviewer judges one figure, not its breakdown
    }


def region_resolves(row: Mapping[str, str]) -> list[str]:
    """The build's test region_name_resolves_to_code, on one row."""
    codes = wq.region_resolutions(row["region_name"])
    if row["region_code"] in codes:
        return []
    found = ", ".join(codes) or "no region"
    return [f"column region_name: {row['region_name']!r} resolves to {found} in marts.dim_region_name, "
            f"not to {row['region_code']}"]


def _auto_figure(figure_id: str) -> dict[str, Any]:
    figure = wq.figure(figure_id)
    if figure is None or figure["source"] != "auto":
        raise seed_writer.SeedRowRefused([f"no automatic figure {figure_id} in the warehouse (rebuilt since?)"])
    return figure


def accept(figure_id: str) -> Saved:
    """The figure as read becomes a hand figure."""
    return correct(figure_id, {})


def correct(figure_id: str, changes: Mapping[str, Any]) -> Saved:
    """The figure with the reviewer's changes becomes a hand figure."""
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ValueError(f"not correctable: {sorted(unknown)}")
    row = hand_row(_auto_figure(figure_id), changes)
    seed_writer.append_row(FIGURES_SEED, row, region_codes={"ID", *wq.region_codes()}, extra_check=region_resolves)
    return Saved(FIGURES_SEED, row)


def _required(**fields: str) -> None:
    empty = [name for name, value in fields.items() if not value.strip()]
    if empty:
        raise seed_writer.SeedRowRefused([f"{name}: required" for name in empty])


def reject(figure_id: str, reason: str, by: str, on: date | None = None) -> Saved:
    """The figure leaves the marts and the queue (seeds/rejected_figures.csv)."""
    _required(reason=reason, name=by)
    figure = _auto_figure(figure_id)
    row = {"figure_id": figure_id, "article_id": figure["article_id"], "reason": reason.strip(),
           "rejected_by": by.strip(), "rejected_on": (on or date.today()).isoformat()}
    seed_writer.append_row(REJECTED_SEED, row)
    return Saved(REJECTED_SEED, row)


def acknowledge(finding_id: str, reason: str, by: str, on: date | None = None) -> Saved:
    """The finding is reviewed: from a build error to a warning (seeds/acknowledged_findings.csv)."""
    _required(reason=reason, name=by)
    if finding_id not in set(wq.findings()["finding_id"]):
        raise seed_writer.SeedRowRefused([f"no finding {finding_id} in marts.dq_findings"])
    row = {"finding_id": finding_id, "reason": reason.strip(), "acknowledged_by": by.strip(),
           "acknowledged_on": (on or date.today()).isoformat()}
    seed_writer.append_row(ACKNOWLEDGED_SEED, row)
    return Saved(ACKNOWLEDGED_SEED, row)
