"""The labels a cooperative figure is described with, defined once.

The hand seeds, the extractor and the dbt models share these strings; dbt's accepted_values
lists restate them in YAML, and tests/test_vocabulary.py fails when one side gains a value the
other lacks. `StrEnum` members are the strings themselves (`Status.ACTIVE == "active"`, same
hash, `str()` gives the value), so they go into CSV and DuckDB unchanged.
"""

from __future__ import annotations

from enum import StrEnum


class Scope(StrEnum):
    """Which cooperatives a figure counts."""

    ALL = "all"
    PRIMARY = "primary"
    SECONDARY = "secondary"
    PROVINCE_SUPERVISED = "province_supervised"
    NATIONAL_SUPERVISED = "national_supervised"
    PROVINCE_LEVEL = "province_level"


class Status(StrEnum):
    ALL = "all"
    ACTIVE = "active"
    INACTIVE = "inactive"


class CooperativeType(StrEnum):
    """Business type of the cooperatives counted."""

    ALL = "all"
    SAVINGS_LOAN = "savings_loan"
    PRODUCER = "producer"
    CONSUMER = "consumer"
    MARKETING = "marketing"
    SERVICE = "service"
    MULTIPURPOSE = "multipurpose"
    VILLAGE_UNIT = "village_unit"


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"  # of the parent figure, 0-100


# The figure columns each vocabulary is the value set of (as named in seeds, models and CSVs).
COLUMN_VOCABULARIES: dict[str, type[StrEnum]] = {
    "scope": Scope,
    "status": Status,
    "cooperative_type": CooperativeType,
    "unit": Unit,
}
