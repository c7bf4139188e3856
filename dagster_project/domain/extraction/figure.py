"""An extracted figure, its columns, and the trace of how it was read."""

from __future__ import annotations

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
    # How the figure was read: neither a CSV nor a warehouse column, and not part of its identity.
    trace: FigureTrace = field(default=None, compare=False,  # type: ignore[assignment]
                               metadata={"in_csv": False, "in_warehouse": False})


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


def _sql_type(annotation: object) -> str:
    """DuckDB type of a field: optional only when it may be None; a vocabulary is a varchar."""
    options = get_args(annotation) if isinstance(annotation, UnionType) else (annotation,)
    (kind,) = [o for o in options if o is not NoneType]
    base = next(sql for python, sql in ((bool, "boolean"), (float, "double"), (str, "varchar"))
                if isinstance(kind, type) and issubclass(kind, python))
    return base if NoneType in options else f"{base} not null"


# The figure's columns and their DuckDB types, in field order (the asset adds its bookkeeping).
_FIGURE_HINTS = get_type_hints(ExtractedFigure)
FIGURE_SQL_TYPES: dict[str, str] = {f.name: _sql_type(_FIGURE_HINTS[f.name]) for f in fields(ExtractedFigure)
                                     if f.metadata.get("in_warehouse", True)}
# The CSV columns of `koperasi extract`, in order: the seed format plus region_code.
FIGURE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(ExtractedFigure) if f.metadata.get("in_csv", True))
