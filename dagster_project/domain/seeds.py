"""Checking dbt seed files before dbt loads them, so a malformed row is reported with its file
and line (dbt's own CSV errors name neither, and a failing dbt test names the test, not the row).

Column types come from dbt_project.yml; not-null, unique, accepted-value and article checks
from the tests declared on the staging models of the seeds (models/staging/_staging.yml); the
value rules of the figures mirror the expression tests there. The dbt tests stay, as a second
line of defence."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from dagster_project.domain.articles import ArticleError, read_article
from dagster_project.domain.periods import period_problem
from dagster_project.domain.numbers import evidence_numbers

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


def shown(path: Path) -> str:
    """A path as the user knows it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def check_seed(
    path: Path, column_types: dict[str, str], region_codes: set[str] | None = None
) -> list[str]:
    """Malformed fields of one seed file, each naming the file, line and column."""
    name = shown(path)
    problems: list[str] = _mixed_line_endings(path, name)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            header = next(reader, None)
            if header is None:
                return [f"{name}: the file is empty (it needs at least the header line)"]
            if sorted(header) != sorted(column_types):
                missing = sorted(set(column_types) - set(header))
                unknown = sorted(set(header) - set(column_types))
                return [f"{name} line 1: header does not match dbt_project.yml "
                        f"(missing: {missing or 'none'}, not declared: {unknown or 'none'})"]
            for row in reader:
                line = reader.line_num
                if len(row) != len(header):
                    problems.append(f"{name} line {line}: {len(row)} fields, expected {len(header)}")
                    continue
                for column, value in zip(header, row):
                    problem = _problem(value.strip(), column_types[column])
                    if problem is None and region_codes is not None and column in REGION_CODE_COLUMNS:
                        problem = _unknown_region(value.strip(), region_codes)
                    if problem:
                        problems.append(f"{name} line {line}: column {column}: {problem}")
    except UnicodeDecodeError as err:
        problems.append(f"{name}: not valid UTF-8 at byte {err.start}")
    except csv.Error as err:
        problems.append(f"{name} line {reader.line_num}: {err}")
    return problems


_QUOTE_OR_LF_RE = re.compile(rb'["\n]')


def _mixed_line_endings(path: Path, name: str) -> list[str]:
    """A file whose rows end in CRLF and LF both: DuckDB's CSV reader (dbt seed) cannot read it.
    A line break inside a quoted field ends no row."""
    data = path.read_bytes()
    first: bool | None = None  # whether the first row ends in CRLF
    quoted, line = False, 1
    for mark in _QUOTE_OR_LF_RE.finditer(data):
        position = mark.start()
        if mark.group() == b'"':  # a doubled quote inside a field toggles twice
            quoted = not quoted
        else:
            crlf = position > 0 and data[position - 1] == 0x0D
            if not quoted:
                if first is None:
                    first = crlf
                elif crlf != first:
                    kinds = ("CRLF", "LF") if first else ("LF", "CRLF")
                    return [f"{name} line {line}: ends with {kinds[1]} where line 1 ends with {kinds[0]} (mixed "
                            "line endings, which dbt seed cannot read): save the file with one kind"]
            line += 1
    return []


def _unknown_region(value: str, region_codes: set[str]) -> str | None:
    if not value or value in region_codes:
        return None
    return f"{value!r} is not a Kemendagri region code (see marts.dim_region; ID for Indonesia)"


# --- the tests dbt declares on the seeds, checked row by row ------------------------------------

@dataclass(frozen=True)
class DeclaredTests:
    """Tests declared in models/staging/_staging.yml on the staging model of one seed."""

    not_null: tuple[str, ...] = ()
    unique: tuple[tuple[str, ...], ...] = ()  # column sets that identify a row
    accepted_values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    article_columns: tuple[str, ...] = ()  # relationships to stg_raw__articles: an article file


def declared_tests(project_dir: Path) -> dict[str, DeclaredTests]:
    """The declared tests of every seed's staging model (stg_seed__<seed>), by seed name."""
    spec = yaml.safe_load((project_dir / "models" / "staging" / "_staging.yml").read_text(encoding="utf-8"))
    tests: dict[str, DeclaredTests] = {}
    for model in spec.get("models", []):
        if not model["name"].startswith("stg_seed__"):
            continue
        not_null: list[str] = []
        unique = [tuple(_arguments(test, "unique_combination")["columns"])
                  for test in model.get("data_tests", []) if _arguments(test, "unique_combination")]
        accepted: dict[str, tuple[str, ...]] = {}
        articles: list[str] = []
        for column in model.get("columns", []):
            name = column["name"]
            for test in column.get("data_tests", []):
                if test == "not_null":
                    not_null.append(name)
                elif test == "unique":
                    unique.append((name,))
                elif values := _arguments(test, "accepted_values").get("values"):
                    accepted[name] = tuple(str(v) for v in values)
                elif _arguments(test, "relationships").get("to") == "ref('stg_raw__articles')":
                    articles.append(name)
        tests[model["name"].removeprefix("stg_seed__")] = DeclaredTests(
            tuple(not_null), tuple(unique), accepted, tuple(articles))
    return tests


def _arguments(test: object, name: str) -> dict:
    """The arguments of a declared test of that name, {} for any other test."""
    if not isinstance(test, dict) or name not in test:
        return {}
    config = test[name] or {}
    return config.get("arguments", config)


@dataclass(frozen=True)
class SeedRow:
    line: int  # where the record ends, as check_seed counts lines
    values: dict[str, str]  # stripped fields by column


def seed_rows(path: Path, columns: set[str]) -> list[SeedRow]:
    """The well-formed rows of a seed; none when the file itself is malformed (check_seed says
    why), and rows with the wrong number of fields are left out (check_seed names them)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            header = next(reader, None)
            if header is None or set(header) != columns:
                return []
            return [SeedRow(reader.line_num, dict(zip(header, (v.strip() for v in row))))
                    for row in reader if len(row) == len(header)]
    except (UnicodeDecodeError, csv.Error, OSError):
        return []


def check_declared(rows: list[SeedRow], tests: DeclaredTests, column_types: dict[str, str],
                   articles_dir: Path) -> Iterator[tuple[int, str]]:
    """(line, problem) for every row breaking a declared not-null, accepted-values, unique or
    article test."""
    first_line: dict[tuple[tuple[str, ...], tuple[object, ...]], int] = {}
    for row in rows:
        for column in tests.not_null:
            if not row.values[column]:
                yield row.line, f"column {column}: empty, a value is required"
        for column, values in tests.accepted_values.items():
            value = row.values[column]
            if value and value.lower() not in values:
                yield row.line, f"column {column}: {value!r} is not one of {', '.join(values)}"
        for column in tests.article_columns:
            article_id = row.values[column]
            if article_id and not (articles_dir / f"{article_id}.txt").is_file():
                yield row.line, f"column {column}: no article file {article_id}.txt in {shown(articles_dir)}"
        for columns in tests.unique:
            key = (columns, tuple(_comparable(row.values[c], column_types[c], c in tests.accepted_values)
                                  for c in columns))
            if key in first_line:
                yield row.line, (f"the same {', '.join(columns)} as line {first_line[key]} "
                                 "(a row entered twice)")
            else:
                first_line[key] = row.line


def _comparable(value: str, sql_type: str, is_vocabulary: bool) -> object:
    """A field as dbt compares it after staging: numbers as numbers, vocabulary in lower case."""
    if sql_type in ("double", "integer", "bigint") and _NUMBER.match(value):
        return float(value)
    return value.lower() if is_vocabulary else value


# --- the value rules of the figures (the expression tests of stg_seed__cooperative_figures) -------

# As the dbt macro normalize_whitespace ('[\s\pZ]+' in RE2): ASCII whitespace and every Unicode
# space separator, U+00A0 included, one space per run.
_SPACE_RUN = re.compile(r"[\t\n\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")


def normalize_whitespace(text: str) -> str:
    return _SPACE_RUN.sub(" ", text).strip(" ")


def check_figures(rows: list[SeedRow], articles_dir: Path) -> Iterator[tuple[int, str]]:
    """(line, problem) for every hand figure that breaks a value rule, or whose evidence is not
    in its article or does not give its value."""
    texts: dict[str, str | None] = {}
    for row in rows:
        values = row.values
        number = float(values["value"]) if _NUMBER.match(values["value"]) else None
        if number is not None and values["unit"].lower() == "count" and (number < 0 or number != round(number)):
            yield row.line, f"column value: {values['value']} is not a whole positive count"
        if number is not None and values["unit"].lower() == "percent" and not 0 <= number <= 100:
            yield row.line, f"column value: {values['value']} is a percentage outside 0-100"
        if values["is_lower_bound"].lower() == "true" and values["is_approximate"].lower() != "true":
            yield row.line, "column is_approximate: a lower bound (is_lower_bound true) is approximate too"
        if values["as_of_date"] and (problem := period_problem(values["as_of_date"])):
            yield row.line, f"column as_of_date: {problem} (ISO 8601: 2023, 2023-06 or 2023-06-13)"
        evidence = normalize_whitespace(values["evidence"])
        if not evidence:
            continue  # reported as empty
        if number is not None and not any(abs(n - number) < 0.005 for n in evidence_numbers(evidence)):
            read = ", ".join(f"{n:g}" for n in evidence_numbers(evidence)) or "no number"
            yield row.line, f"column value: {values['value']} cannot be read from the evidence (it reads {read})"
        article_id = values["article_id"]
        if article_id not in texts:
            texts[article_id] = _normalized_text(articles_dir / f"{article_id}.txt")
        text = texts[article_id]
        if text is not None and evidence not in text:
            yield row.line, (f"column evidence: not in article {article_id}.txt "
                             f"(whitespace-normalized): {_clip(evidence)!r}")


def _normalized_text(path: Path) -> str | None:
    """The article's text as dbt sees it; None when there is no readable file (reported apart)."""
    try:
        return normalize_whitespace(read_article(path).text)
    except (ArticleError, OSError):
        return None


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def check_seeds(
    project_dir: Path, region_codes: set[str] | None = None, articles_dir: Path | None = None
) -> None:
    """Raise SeedError listing every problem of every declared seed, each with file and line.
    articles_dir: the article files the seeds refer to (default: the configured folder)."""
    if articles_dir is None:
        from dagster_project import settings  # the environment, read only when not given

        articles_dir = settings.articles_dir()
    tests = declared_tests(project_dir)
    problems: list[str] = []
    for name, column_types in seed_column_types(project_dir).items():
        path = project_dir / "seeds" / f"{name}.csv"
        problems += check_seed(path, column_types, region_codes)
        rows = seed_rows(path, set(column_types))
        found = list(check_declared(rows, tests.get(name, DeclaredTests()), column_types, articles_dir))
        if name == "cooperative_figures":
            found += check_figures(rows, articles_dir)
        problems += [f"{shown(path)} line {line}: {problem}" for line, problem in sorted(found, key=lambda p: p[0])]
    if problems:
        raise SeedError("\n".join(problems))
