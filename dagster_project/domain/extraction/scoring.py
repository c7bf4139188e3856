"""Scoring extracted figures against gold figures: precision, recall, F1, misses and extras.

A figure matches a gold figure when article, region code, scope, status, type and unit are
equal and the values differ by at most VALUE_TOLERANCE. Each figure on either side is matched
at most once; among candidates the closest values are paired first, so a figure stated twice
in the gold needs two extracted figures. Empty sides are defined, not errors: nothing extracted
has precision 1 (no wrong claim), nothing to find has recall 1 (nothing missed).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

VALUE_TOLERANCE = 0.01
_FLOAT_SLACK = 1e-9  # 75.01 - 75 is 0.010000000000005 in floating point; it still matches
MATCH_KEY: tuple[str, ...] = ("article_id", "region_code", "scope", "status", "cooperative_type", "unit")
# What a figures CSV needs to be scored; evidence is shown when present.
REQUIRED_COLUMNS: tuple[str, ...] = (*MATCH_KEY, "value")


class ScoreInputError(ValueError):
    """A figures CSV that cannot be scored; the message names the file (and column or line)."""


class FigureLike(Protocol):
    """What scoring reads of a figure: an ExtractedFigure or a row of a figures CSV."""

    @property
    def article_id(self) -> str: ...
    @property
    def region_code(self) -> str: ...
    @property
    def scope(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def cooperative_type(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def evidence(self) -> str: ...


@dataclass(frozen=True, slots=True)
class ScoredFigure:
    """A figure as read from a CSV (the hand seeds, or `koperasi extract` output)."""

    article_id: str
    region_code: str
    scope: str
    status: str
    cooperative_type: str
    unit: str
    value: float
    evidence: str = ""
    as_of_date: str = ""  # shown and compared apart: a match does not ask for the same date


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float
    matched: list[tuple[FigureLike, FigureLike]]  # (gold, extracted)
    misses: list[FigureLike]  # gold figures nothing extracted matches
    extras: list[FigureLike]  # extracted figures matching no gold figure

    @property
    def perfect(self) -> bool:
        return not self.misses and not self.extras


def same_year(gold: FigureLike, extracted: FigureLike) -> bool:
    """Whether a matched pair dates its figure to the same year (both undated counts as the same;
    one dated and the other not does not)."""
    gold_date, read_date = (str(getattr(f, "as_of_date", None) or "") for f in (gold, extracted))
    return gold_date[:4] == read_date[:4]


def match_key(figure: FigureLike) -> tuple[str, ...]:
    return tuple(str(getattr(figure, name)) for name in MATCH_KEY)


def score(gold: Sequence[FigureLike], extracted: Sequence[FigureLike]) -> Score:
    """Pair gold and extracted figures one to one, closest values first."""
    by_key: dict[tuple[str, ...], list[int]] = {}
    for index, figure in enumerate(extracted):
        by_key.setdefault(match_key(figure), []).append(index)
    candidates = sorted(
        (abs(g.value - extracted[e].value), gi, e)
        for gi, g in enumerate(gold)
        for e in by_key.get(match_key(g), [])
        if abs(g.value - extracted[e].value) <= VALUE_TOLERANCE + _FLOAT_SLACK
    )
    gold_used: set[int] = set()
    extracted_used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, e in candidates:
        if gi not in gold_used and e not in extracted_used:
            gold_used.add(gi)
            extracted_used.add(e)
            pairs.append((gi, e))
    pairs.sort()
    matched = len(pairs)
    precision = matched / len(extracted) if extracted else 1.0
    recall = matched / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(
        precision=precision,
        recall=recall,
        f1=f1,
        matched=[(gold[gi], extracted[e]) for gi, e in pairs],
        misses=[g for gi, g in enumerate(gold) if gi not in gold_used],
        extras=[x for e, x in enumerate(extracted) if e not in extracted_used],
    )


def read_figures_csv(path: Path) -> list[ScoredFigure]:
    """Figures of a CSV with at least REQUIRED_COLUMNS (extra columns are ignored)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle, strict=True)
            header = reader.fieldnames
            if header is None:
                raise ScoreInputError(f"{path}: the file is empty (it needs a header line)")
            missing = [column for column in REQUIRED_COLUMNS if column not in header]
            if missing:
                plural = "s" if len(missing) > 1 else ""
                raise ScoreInputError(f"{path}: missing column{plural} {', '.join(missing)} "
                                      f"(needed: {', '.join(REQUIRED_COLUMNS)})")
            figures: list[ScoredFigure] = []
            for row in reader:
                if None in row or None in row.values():  # too many fields, or too few
                    raise ScoreInputError(f"{path} line {reader.line_num}: the number of fields "
                                          f"does not match the header ({len(header)} columns)")
                figures.append(_figure(path, reader.line_num, row))
    except FileNotFoundError:
        raise ScoreInputError(f"{path}: no such file") from None
    except UnicodeDecodeError as err:
        raise ScoreInputError(f"{path}: not valid UTF-8 at byte {err.start}") from None
    except csv.Error as err:
        raise ScoreInputError(f"{path}: {err}") from None
    return figures


def _figure(path: Path, line: int, row: dict[str, str]) -> ScoredFigure:
    try:
        value = float(row["value"])
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ScoreInputError(f"{path} line {line}: column value: {row['value']!r} is not a number")
    return ScoredFigure(
        **{column: row[column].strip() for column in MATCH_KEY},
        value=value,
        evidence=(row.get("evidence") or "").strip(),
        as_of_date=(row.get("as_of_date") or "").strip(),
    )
