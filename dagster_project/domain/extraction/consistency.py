"""The warehouse's consistency rules (dbt/macros/rules/) on the automatic figures of one
article, in Python, so that `koperasi extract` can hold back a figure that contradicts its
siblings without a warehouse: an auto figure in a contradiction is more likely misread than
misprinted, and a person decides.

Same rules, same tolerances (`dbt_project.yml` vars), same intervals (`figure_interval`), same
"value stated last" where a figure has two values. A finding holds back every figure of the
regions it involves (its region and, for `regions_within_parent_region`, the regions inside it),
as the warehouse does (`int_auto_figures_in_findings`); tests/test_publishing.py compares both.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from dagster_project.domain.extraction.figure import ExtractedFigure
from dagster_project.domain.vocabulary import CooperativeType, Scope, Status, Unit

DBT_PROJECT_YML = Path(__file__).resolve().parents[3] / "dbt" / "dbt_project.yml"


@lru_cache(maxsize=1)
def tolerances() -> tuple[float, float]:
    """(approximate_tolerance, percent_rounding_tolerance), as dbt reads them."""
    variables = yaml.safe_load(DBT_PROJECT_YML.read_text(encoding="utf-8"))["vars"]
    return float(variables["approximate_tolerance"]), float(variables["percent_rounding_tolerance"])


def interval(f: ExtractedFigure) -> tuple[float, float]:
    """The values the wording allows (macro `figure_interval`)."""
    tolerance, rounding = tolerances()
    rounding = rounding if f.unit == Unit.PERCENT else 0.0
    low = f.value if f.is_lower_bound or not f.is_approximate else f.value * (1 - tolerance)
    high = math.inf if f.is_lower_bound else f.value * (1 + tolerance) if f.is_approximate else f.value
    return low - rounding, high + rounding


Key = tuple[str, str, str, str, str, str | None]  # region, scope, status, type, unit, date


def _key(f: ExtractedFigure) -> Key:
    return (f.region_code, f.scope, f.status, f.cooperative_type, f.unit, f.as_of_date)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    regions: frozenset[str]  # the regions whose figures it holds back


def _chosen(figures: Sequence[ExtractedFigure]) -> dict[Key, ExtractedFigure]:
    """One value per figure: the one stated last (the figures come in the article's order)."""
    return {_key(f): f for f in figures}


def one_value_per_figure(figures: Sequence[ExtractedFigure], parent_of: Callable[[str], str | None]) -> list[Finding]:
    stated: dict[Key, list[ExtractedFigure]] = defaultdict(list)
    for f in figures:
        stated[_key(f)].append(f)
    return [Finding("one_value_per_figure", frozenset({key[0]}))
            for key, same in stated.items()
            if len({f.value for f in same}) > 1
            and max(interval(f)[0] for f in same) > min(interval(f)[1] for f in same)]


def _breakdown(rule: str, dimension: int, is_part: Callable[[Key], bool], complete: Callable[[set[str]], bool]
               ) -> Callable[[Sequence[ExtractedFigure], Callable[[str], str | None]], list[Finding]]:
    """Parts along one dimension (2 = status, 3 = type) never add up to more than the parent
    (`all` in that dimension, or 100 for percentages), and exactly to it when complete."""
    def check(figures: Sequence[ExtractedFigure], parent_of: Callable[[str], str | None]) -> list[Finding]:
        chosen = _chosen(figures)
        parts: dict[Key, list[ExtractedFigure]] = defaultdict(list)
        for key, f in chosen.items():
            if is_part(key):
                parts[(*key[:dimension], "all", *key[dimension + 1:])].append(f)  # type: ignore[arg-type]
        found = []
        for parent_key, group in parts.items():
            if parent_key[4] == Unit.PERCENT:
                parent_low = parent_high = 100.0
            elif parent_key in chosen:
                parent_low, parent_high = interval(chosen[parent_key])
            else:
                continue
            low = sum(interval(f)[0] for f in group)
            high = sum(interval(f)[1] for f in group)
            labels = {_key(f)[dimension] for f in group}
            if low > parent_high or (complete(labels) and high < parent_low):
                found.append(Finding(rule, frozenset({parent_key[0]})))
        return found
    return check


active_plus_inactive_equals_total = _breakdown(
    "active_plus_inactive_equals_total", 2, lambda key: key[2] in (Status.ACTIVE, Status.INACTIVE),
    lambda statuses: len(statuses) == 2)
# The extractor never judges a breakdown complete (`breakdown_complete` is false for auto figures).
types_within_status = _breakdown(
    "types_within_status", 3, lambda key: key[3] != CooperativeType.ALL, lambda types: False)


def scopes_within_all(figures: Sequence[ExtractedFigure], parent_of: Callable[[str], str | None]) -> list[Finding]:
    chosen = _chosen(figures)
    found = []
    for key, part in chosen.items():
        parent = chosen.get((key[0], Scope.ALL, *key[2:]))  # type: ignore[arg-type]
        if key[1] != Scope.ALL and key[4] == Unit.COUNT and parent is not None \
                and interval(part)[0] > interval(parent)[1]:
            found.append(Finding("scopes_within_all", frozenset({key[0]})))
    return found


def regions_within_parent_region(figures: Sequence[ExtractedFigure],
                                 parent_of: Callable[[str], str | None]) -> list[Finding]:
    chosen = _chosen(figures)
    parts: dict[Key, list[Key]] = defaultdict(list)
    for key in chosen:
        parent = parent_of(key[0])
        if key[4] == Unit.COUNT and parent is not None:
            parts[(parent, *key[1:])].append(key)  # type: ignore[arg-type]
    found = []
    for parent_key, group in parts.items():
        parent = chosen.get(parent_key)
        if parent is not None and sum(interval(chosen[k])[0] for k in group) > interval(parent)[1]:
            found.append(Finding("regions_within_parent_region",
                                 frozenset({parent_key[0], *(k[0] for k in group)})))
    return found


def percent_agrees_with_counts(figures: Sequence[ExtractedFigure],
                               parent_of: Callable[[str], str | None]) -> list[Finding]:
    chosen = _chosen(figures)
    found = []
    for key, share in chosen.items():
        region, scope, status, ctype, unit, date = key
        if unit != Unit.PERCENT or (status == Status.ALL and ctype == CooperativeType.ALL):
            continue
        parent_status, parent_type = (Status.ALL, ctype) if ctype == CooperativeType.ALL \
            else (status, CooperativeType.ALL)
        part = chosen.get((region, scope, status, ctype, Unit.COUNT, date))
        parent = chosen.get((region, scope, parent_status, parent_type, Unit.COUNT, date))
        if part is None or parent is None:
            continue
        (part_low, part_high), (parent_low, parent_high) = interval(part), interval(parent)
        # Against an empty whole the warehouse computes nothing (`nullif(.., 0)`): no violation there.
        computed_low = 100 * part_low / parent_high if parent_high else None
        computed_high = 100 * part_high / parent_low if parent_low else None
        share_low, share_high = interval(share)
        if (computed_high is not None and computed_high < share_low) \
                or (computed_low is not None and computed_low > share_high):
            found.append(Finding("percent_agrees_with_counts", frozenset({region})))
    return found


RULES = (active_plus_inactive_equals_total, types_within_status, scopes_within_all, regions_within_parent_region,
         percent_agrees_with_counts, one_value_per_figure)


def findings(figures: Sequence[ExtractedFigure], parent_of: Callable[[str], str | None]) -> list[Finding]:
    """The contradictions among the figures of one article. `parent_of` gives a region's parent
    (a province's is `ID`; Indonesia has none)."""
    return [finding for rule in RULES for finding in rule(figures, parent_of)]
