"""Checking dbt seed files before dbt loads them, so a malformed row is reported with its file
and line (dbt's own CSV errors name neither). Column types come from dbt_project.yml."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import yaml

_BOOLEANS = {"", "true", "false"}
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class SeedError(ValueError):
    """One or more malformed seed rows; the message lists each with its file and line."""


def seed_column_types(project_dir: Path) -> dict[str, dict[str, str]]:
    """`+column_types` of every seed declared in dbt_project.yml."""
    config = yaml.safe_load((project_dir / "dbt_project.yml").read_text(encoding="utf-8"))
    seeds = config["seeds"][config["name"]]
    return {
        name: {column: sql_type.lower() for column, sql_type in settings["+column_types"].items()}
        for name, settings in seeds.items()
        if isinstance(settings, dict) and "+column_types" in settings
    }


def _problem(value: str, sql_type: str) -> str | None:
    if sql_type in ("double", "integer", "bigint") and value and not _NUMBER.match(value):
        return f"{value!r} is not a number (write 3027, not 3.027)"
    if sql_type == "boolean" and value.lower() not in _BOOLEANS:
        return f"{value!r} is not true or false"
    if sql_type == "date" and value:
        try:
            date.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a date (YYYY-MM-DD)"
    return None


# Columns holding a Kemendagri region code, checked against the official list when given.
REGION_CODE_COLUMNS = ("region_code", "split_from_code")


def check_seed(
    path: Path, column_types: dict[str, str], region_codes: set[str] | None = None
) -> list[str]:
    """Problems of one seed file, each naming the file, line and column."""
    problems: list[str] = []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            header = next(reader, None)
            if header is None:
                return [f"{path}: the file is empty (it needs at least the header line)"]
            if sorted(header) != sorted(column_types):
                missing = sorted(set(column_types) - set(header))
                unknown = sorted(set(header) - set(column_types))
                return [f"{path} line 1: header does not match dbt_project.yml "
                        f"(missing: {missing or 'none'}, not declared: {unknown or 'none'})"]
            for row in reader:
                line = reader.line_num
                if len(row) != len(header):
                    problems.append(f"{path} line {line}: {len(row)} fields, expected {len(header)}")
                    continue
                for column, value in zip(header, row):
                    problem = _problem(value.strip(), column_types[column])
                    if problem is None and region_codes is not None and column in REGION_CODE_COLUMNS:
                        problem = _unknown_region(value.strip(), region_codes)
                    if problem:
                        problems.append(f"{path} line {line}: column {column}: {problem}")
    except UnicodeDecodeError as err:
        problems.append(f"{path}: not valid UTF-8 at byte {err.start}")
    except csv.Error as err:
        problems.append(f"{path} line {reader.line_num}: {err}")
    return problems


def _unknown_region(value: str, region_codes: set[str]) -> str | None:
    if not value or value in region_codes:
        return None
    return f"{value!r} is not a Kemendagri region code (see marts.dim_region; ID for Indonesia)"


def check_seeds(project_dir: Path, region_codes: set[str] | None = None) -> None:
    """Raise SeedError listing every malformed row of every declared seed."""
    problems: list[str] = []
    for name, column_types in seed_column_types(project_dir).items():
        problems += check_seed(project_dir / "seeds" / f"{name}.csv", column_types, region_codes)
    if problems:
        raise SeedError("\n".join(problems))
