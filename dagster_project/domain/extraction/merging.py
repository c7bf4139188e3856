"""Merging the statements of one figure: a title, the body and a repeat state one figure once;
two values for one figure are both kept when stated equally often, so the warehouse reports
the contradiction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from dagster_project.domain.extraction.construction import construction
from dagster_project.domain.extraction.figure import ExtractedFigure
from dagster_project.domain.vocabulary import Scope, Status


@dataclass(frozen=True, slots=True)
class Statement:
    figure: ExtractedFigure
    dated_in_sentence: bool  # its as_of_date comes from its own sentence, not the article
    in_title: bool
    refers_back: bool = False  # a count that points back at cooperatives named before: "1.253 koperasi tersebut"


def _dates_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


class _Restated:
    """What the statements of one value say, by scope: read once for all of them (an article
    that restates a figure a thousand times must not compare every statement with every other)."""

    def __init__(self, same: list[Statement]) -> None:
        self.scopes = {st.figure.scope for st in same if st.figure.scope != Scope.ALL}
        dated: dict[str, dict[str | None, None]] = defaultdict(dict)  # dates stated in sentences, in order
        self.first_in_body: dict[str, list[str | None]] = {}  # the first body statement's date
        for st in same:
            f = st.figure
            if st.dated_in_sentence:
                dated[f.scope].setdefault(f.as_of_date)
            if not st.in_title:
                self.first_in_body.setdefault(f.scope, [f.as_of_date])
        self.dated: dict[str, list[str | None]] = {scope: list(dates) for scope, dates in dated.items()}


def _restated(figure: ExtractedFigure, by: str, **changes: object) -> ExtractedFigure:
    """`replace`, with the fields changed and the construction that changed them in the trace."""
    trace = figure.trace
    if trace is not None:
        events = tuple((name, by) for name in changes if name != "is_lower_bound")
        trace = replace(trace, events=trace.events + events)
    return replace(figure, trace=trace, **changes)  # type: ignore[arg-type]


@construction("restatement_scope", "restatement_date", "restatement_finer_date", "restatement_hedged",
              sets=("scope", "as_of_date", "is_approximate"))
def merge_statements(statements: list[Statement]) -> list[ExtractedFigure]:
    """One figure per article × region × scope × status × type × unit × date.

    A restatement is the same value for the same figure; a headline or a repeat that leaves
    out the scope (the title's `49 koperasi` for the body's `49 koperasi primer`) or gives a
    vaguer date (`pada 2018` for `per Desember 2018`) is folded into the most specific
    statement, and the date a sentence states wins over the article's date. A headline that
    leaves out the status (`Tinggal 735 Unit` for the body's `yang aktif ... tinggal 735 unit`),
    or a count that points back without one (`penyebab bobroknya 1.253 lembaga koperasi
    tersebut` after `1.253 koperasi mati suri`), states the body's figure of the one status the
    body gives that value. Different values
    for one figure are all kept when each is stated as often as the most stated one: the
    source contradicts itself.
    """
    def value(f: ExtractedFigure) -> str:
        return f"{f.value:g}"

    # 1. Fold restatements of one value: a headline into the body's figure of its status, scope
    # from the scoped statement, date from the dated one.
    statements = _without_restatements_of_a_body_status(statements, value)
    restated: dict[tuple[str, ...], list[Statement]] = defaultdict(list)
    for st in statements:
        f = st.figure
        restated[(f.region_code, f.status, f.cooperative_type, f.unit, value(f))].append(st)
    summaries = {key: _Restated(same) for key, same in restated.items()}  # once per value, not per statement
    folded: list[Statement] = []
    for st in statements:
        f = st.figure
        same = summaries[(f.region_code, f.status, f.cooperative_type, f.unit, value(f))]
        if f.scope == Scope.ALL:
            f = _restated(f, "restatement_scope", scope=next(iter(same.scopes))) if len(same.scopes) == 1 else f
        if not st.dated_in_sentence:
            dated = same.dated.get(f.scope, [])
            if len(dated) > 1:
                dated = [d for d in dated if _dates_agree(d, f.as_of_date)]
            if not dated and st.in_title:
                dated = same.first_in_body.get(f.scope, [])
            if dated and dated[0] != f.as_of_date:
                f = _restated(f, "restatement_date", as_of_date=dated[0])
        elif f.as_of_date:  # "pada 2018" and "per Desember 2018": one figure, the precise date
            finer = [d for d in same.dated.get(f.scope, []) if d and d.startswith(f.as_of_date)]
            finest = max(finer, key=len, default=f.as_of_date)
            f = _restated(f, "restatement_finer_date", as_of_date=finest) if finest != f.as_of_date else f
        folded.append(Statement(f, st.dated_in_sentence, st.in_title, st.refers_back))

    # 2. One figure per key and date; contradictions stay, minority restatements do not.
    by_figure: dict[tuple[object, ...], list[Statement]] = defaultdict(list)
    for st in folded:
        f = st.figure
        by_figure[(f.region_code, f.scope, f.status, f.cooperative_type, f.unit, f.as_of_date)].append(st)
    figures: list[ExtractedFigure] = []
    for group in by_figure.values():
        by_value: dict[str, list[Statement]] = defaultdict(list)  # in the order values are first stated
        for st in group:
            by_value[value(st.figure)].append(st)
        top = max(len(same) for same in by_value.values())
        for same in by_value.values():
            if len(same) < top:
                continue
            first = next((st for st in same if not st.in_title), same[0]).figure
            approximate = any(st.figure.is_approximate for st in same)
            lower_bound = any(st.figure.is_lower_bound for st in same)
            if (approximate, lower_bound) != (first.is_approximate, first.is_lower_bound):
                first = _restated(first, "restatement_hedged", is_approximate=approximate, is_lower_bound=lower_bound)
            figures.append(first)
    return figures


def _without_restatements_of_a_body_status(statements: list[Statement],
                                           value: Callable[[ExtractedFigure], str]) -> list[Statement]:
    """The statements without a headline's figure of no status, or a count of no status that
    points back (`... koperasi tersebut`), whose value the body states with one status: the
    restatement left the status out."""
    body_statuses: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for st in statements:
        f = st.figure
        if not st.in_title and f.status != Status.ALL:
            body_statuses[(f.region_code, f.cooperative_type, f.unit, value(f))].add(f.status)
    return [st for st in statements
            if not ((st.in_title or st.refers_back) and st.figure.status == Status.ALL and len(body_statuses.get(
                (st.figure.region_code, st.figure.cooperative_type, st.figure.unit, value(st.figure)), ())) == 1)]
