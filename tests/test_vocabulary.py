"""The dbt accepted_values lists agree with the Python vocabulary (domain/vocabulary.py).

Every YAML file under dbt/models and dbt/seeds is read; each accepted_values test on a column
that has a vocabulary must list exactly the enum's values, so a value added on one side only
fails here instead of in a dbt test on a later build (or never, for a value no row uses yet).
The consistency rules named in dq_findings.rule are checked against the rule macros too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from dagster_project.domain.vocabulary import COLUMN_VOCABULARIES

DBT = Path(__file__).resolve().parent.parent / "dbt"
YAML_FILES = sorted(p for folder in ("models", "seeds") for p in (DBT / folder).rglob("*.yml"))


def accepted_values(node: object, where: str = "") -> Iterator[tuple[str, str, list[str]]]:
    """(where, column, values) of every accepted_values test on a column, anywhere in a YAML tree."""
    if isinstance(node, list):
        for item in node:
            yield from accepted_values(item, where)
        return
    if not isinstance(node, dict):
        return
    where = f"{where}/{node['name']}" if isinstance(node.get("name"), str) else where
    columns = node.get("columns")
    for column in columns if isinstance(columns, list) else []:
        if not isinstance(column, dict):  # unique_combination's `columns: [a, b]` argument
            continue
        for test in [*(column.get("data_tests") or []), *(column.get("tests") or [])]:
            if isinstance(test, dict) and "accepted_values" in test:
                spec = test["accepted_values"]
                values = (spec.get("arguments") or {}).get("values", spec.get("values"))
                yield f"{where}.{column['name']}", column["name"], [str(v) for v in values]
    for value in node.values():
        if isinstance(value, (list, dict)):
            yield from accepted_values(value, where)


def all_lists() -> list[tuple[str, str, list[str]]]:
    return [found for path in YAML_FILES
            for found in accepted_values(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)]


@pytest.mark.parametrize("column", sorted(COLUMN_VOCABULARIES))
def test_accepted_values_equal_the_vocabulary(column: str) -> None:
    expected = [member.value for member in COLUMN_VOCABULARIES[column]]
    lists = [(where, values) for where, name, values in all_lists() if name == column]
    assert lists, f"no accepted_values test on a {column} column: the vocabulary is checked nowhere"
    for where, values in lists:
        assert sorted(values) == sorted(expected), (
            f"{where}: accepted_values {values} differ from {COLUMN_VOCABULARIES[column].__name__} {expected}")
        assert len(values) == len(set(values)), f"{where}: a value is listed twice"


def test_dq_findings_rules_are_the_rule_macros() -> None:
    """Each consistency rule is a macro `rule_<name>` in dbt/macros/rules; dq_findings lists the names."""
    macros = sorted(name for path in (DBT / "macros" / "rules").glob("*.sql")
                    for name in re.findall(r"\{%-?\s*macro\s+rule_(\w+)\s*\(", path.read_text(encoding="utf-8")))
    lists = [values for where, name, values in all_lists() if where.endswith("dq_findings.rule")]
    assert macros and len(lists) == 1
    assert sorted(lists[0]) == macros


def test_the_extractor_speaks_the_vocabulary() -> None:
    """The figure's vocabulary fields are the enums, and the lexicon maps phrases to their members only."""
    from typing import get_type_hints

    from dagster_project.domain.extraction import ExtractedFigure
    from dagster_project.domain.extraction import lexicon as lx

    hints = get_type_hints(ExtractedFigure)
    assert {column: hints[column] for column in COLUMN_VOCABULARIES} == COLUMN_VOCABULARIES
    for vocabulary, column in ((lx.STATUSES, "status"), (lx.TYPES, "cooperative_type"), (lx.SCOPES, "scope")):
        labels = set(vocabulary._labels)
        assert all(isinstance(label, COLUMN_VOCABULARIES[column]) for label in labels), labels
