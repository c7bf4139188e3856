"""`koperasi extract --explain`: how the extractor read an article, as text for a person.

Per figure: its fields, the sentence it was read from with the number marked, and for each
field the construction that set it (the last one holds; earlier ones it overwrote or filled
after are named too). Then, per sentence, the numbers that did not become figures and the
rule that dropped each.
"""

from __future__ import annotations

from dagster_project.domain.extraction.figure import ExtractedFigure
from dagster_project.domain.extraction.gazetteer import Gazetteer
from dagster_project.domain.extraction.pipeline import extract_figures
from dagster_project.domain.extraction.reading import Reading
from dagster_project.domain.extraction.text import Sentence


def mark(sentence: str, start: int, end: int) -> str:
    """The sentence on one line with the number at `start:end` marked: `... «3.027» koperasi ...`."""
    return " ".join(f"{sentence[:start]}«{sentence[start:end]}»{sentence[end:]}".split())


def _value(figure: ExtractedFigure, name: str) -> str:
    if name == "region":
        return f"{figure.region_name} ({figure.region_code})"
    if name == "parent":
        whole = figure.trace.whole if figure.trace else None
        return f"of {whole}" if whole else "-"
    value = getattr(figure, name)
    return "-" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def explain_figure(number: int, figure: ExtractedFigure) -> list[str]:
    value = f"{figure.value:g}"
    lines = [f"figure {number}: {value} {figure.unit}, {figure.status}, {figure.cooperative_type}, "
             f"{figure.scope}, {figure.region_name} ({figure.region_code}), {figure.as_of_date or 'no date'}",
             f"  confidence {figure.confidence}: "
             + ("published" if figure.is_published else f"held back, {figure.held_back}")]
    trace = figure.trace
    if trace is None:
        return [*lines, "  (no trace)"]
    lines.append(f"  {mark(figure.evidence, trace.number_start, trace.number_end)}")
    for name, setters in trace.by_field().items():
        earlier = f"  (after {', '.join(setters[:-1])})" if len(setters) > 1 else ""
        lines.append(f"  {name:<17} {_value(figure, name):<32} ← {setters[-1]}{earlier}")
    return lines


def explain_rejections(sentence: Sentence, readings: list[Reading]) -> list[str]:
    """The numbers of one sentence that are not figures, each with its rule and reason."""
    dropped = [r for r in readings if r.rejected is not None or r.dropped is not None]
    if not dropped:
        return []
    lines = [f"  {' '.join(sentence.text.split())}"]
    for reading in dropped:
        why = f"{reading.rejected_by}: {reading.rejected}" if reading.rejected is not None else reading.dropped
        lines.append(f"    «{sentence.text[reading.number.start:reading.number.end]}»  ✗ {why}")
    return lines


def explain_article(article_id: str, text: str, published: str | None,
                    gazetteer: Gazetteer | None = None) -> str:
    explained: list[tuple[Sentence, list[Reading]]] = []
    figures = extract_figures(article_id, text, published, gazetteer, explained=explained)
    lines = [f"== {article_id}: {len(figures)} figure{'s' if len(figures) != 1 else ''}"]
    for number, figure in enumerate(figures, 1):
        lines += explain_figure(number, figure)
    rejections = [line for sentence, readings in explained for line in explain_rejections(sentence, readings)]
    if rejections:
        lines += ["numbers that are not figures:", *rejections]
    return "\n".join(lines) + "\n"
