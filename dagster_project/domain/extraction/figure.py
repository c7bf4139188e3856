"""An extracted figure, its columns, and the trace of how it was read."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from types import NoneType, UnionType
from typing import get_args, get_type_hints

from dagster_project.domain.vocabulary import CooperativeType, Scope, Status, Unit


@dataclass(frozen=True, slots=True)
class ExtractedFigure:
    article_id: str
    region_name: str  # as the article names it
    region_code: str  # Kemendagri code, "ID" for Indonesia
    scope: Scope
    status: Status
    cooperative_type: CooperativeType
    unit: Unit
    value: float
    is_approximate: bool  # hedged or a lower bound, as in the seeds
    is_lower_bound: bool = field(metadata={"in_csv": False})  # the CSV has is_approximate only
    as_of_date: str | None  # ISO at the precision known: 2024, 2024-06, 2024-06-13
    evidence: str  # the sentence the figure was read from, verbatim from the text
    # How the figure was read: stored in the warehouse as JSON (`FigureTrace.to_json`), not a CSV
    # column, and not part of the figure's identity.
    trace: FigureTrace = field(default=None, compare=False,  # type: ignore[assignment]
                               metadata={"in_csv": False, "sql_type": "varchar"})
    # Whether the warehouse publishes it (publishing.py): not part of the figure's identity either.
    confidence: float = field(default=0.0, compare=False)  # of the weakest construction that read it
    is_published: bool = field(default=False, compare=False)  # confident, and in no contradiction
    held_back: str | None = field(default=None, compare=False, metadata={"in_csv": False})  # why not published


@dataclass(frozen=True, slots=True)
class FigureTrace:
    """Which construction set each field of a figure, in order (a later event overwrote or
    filled what an earlier one left), and where its number is in the evidence."""

    events: tuple[tuple[str, str], ...]  # (field, construction)
    number_start: int  # offsets of the number in `evidence`
    number_end: int
    whole: str | None = None  # the number of the whole it is a part of, as written

    def setters(self, name: str) -> list[str]:
        """The constructions that set one field, first to last (the last one holds)."""
        return [by for field_name, by in self.events if field_name == name]

    def by_field(self) -> dict[str, list[str]]:
        """Per traced field, the constructions that set it, first to last (`not_stated`: none did)."""
        found: dict[str, list[str]] = {name: [] for name in TRACED_FIELDS}
        for name, by in self.events:  # one pass: publishing asks this of every figure several times
            if name in found:
                found[name].append(by)
        return {name: setters or ["not_stated"] for name, setters in found.items()}

    def to_json(self) -> str:
        """The warehouse's `trace` column: `{"status": ["status_in_own_clause", "status_of_whole"],
        ..., "whole": "300"}`; the last construction of a field holds (`trace->>'$.status[#-1]'`)."""
        return json.dumps({**self.by_field(), "whole": self.whole}, ensure_ascii=False)


# The figure fields a trace covers, in the order `--explain` prints them and the JSON lists them.
TRACED_FIELDS = ("status", "cooperative_type", "scope", "unit", "region", "parent", "as_of_date", "is_approximate")


def _sql_type(annotation: object) -> str:
    """DuckDB type of a field: optional only when it may be None; a vocabulary is a varchar."""
    options = get_args(annotation) if isinstance(annotation, UnionType) else (annotation,)
    (kind,) = [o for o in options if o is not NoneType]
    base = next(sql for python, sql in ((bool, "boolean"), (float, "double"), (str, "varchar"))
                if isinstance(kind, type) and issubclass(kind, python))
    return base if NoneType in options else f"{base} not null"


# The figure's columns and their DuckDB types, in field order (the asset adds its bookkeeping).
_FIGURE_HINTS = get_type_hints(ExtractedFigure)
FIGURE_SQL_TYPES: dict[str, str] = {f.name: f.metadata.get("sql_type") or _sql_type(_FIGURE_HINTS[f.name])
                                     for f in fields(ExtractedFigure)}
# The CSV columns of `koperasi extract`, in order: the seed format plus region_code.
FIGURE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(ExtractedFigure) if f.metadata.get("in_csv", True))


def warehouse_values(figure: ExtractedFigure) -> dict[str, object]:
    """The figure's warehouse columns (`FIGURE_SQL_TYPES`), the trace as JSON."""
    values = {name: getattr(figure, name) for name in FIGURE_SQL_TYPES}
    values["trace"] = figure.trace.to_json() if figure.trace is not None else None
    values["value"] = float(figure.value)
    return values
