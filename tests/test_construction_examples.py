"""The constructions' examples are their tests (Duckling's corpus style): every example file of
`domain/extraction/constructions/examples/` is read here, each example's text must give exactly
its figures, and the construction it illustrates must fire on it (or, with `fires = false`,
must not: the example shows where the construction stops).

Example format (TOML): `[[example]]` with `id`, `construction`, optional `what` and `fires`,
`text`, optional `published` (the article's date, default 2024-03-01) and `figures`, one string
per figure: `region_code scope status cooperative_type unit value`, then optionally `~` (hedged),
`>` (a lower bound) and `@as_of_date`, which are then checked too.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from dagster_project.domain.extraction import extract_figures
from dagster_project.domain.extraction.construction import CONSTRUCTIONS, FIELDS
from dagster_project.domain.extraction.reading import Reading
from dagster_project.domain.extraction.text import Sentence

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "dagster_project" / "domain" / "extraction" / \
    "constructions" / "examples"
ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


@dataclass(frozen=True)
class Example:
    family: str
    id: str
    construction: str
    fires: bool
    text: str
    published: str | None
    figures: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.family}/{self.id}"


def load_examples() -> list[Example]:
    examples = []
    for path in sorted(EXAMPLES_DIR.glob("*.toml")):
        with path.open("rb") as file:
            for item in tomllib.load(file)["example"]:
                examples.append(Example(path.stem, item["id"], item["construction"], item.get("fires", True),
                                        item["text"], item.get("published", "2024-03-01"),
                                        tuple(item["figures"])))
    return examples


EXAMPLES = load_examples()


@dataclass(frozen=True)
class Read:
    rows: list[str]  # per figure, as written in the examples, with the optional marks an example asks for
    fired: set[str]  # every construction that set a field of a figure or dropped a number


def read(text: str, published: str | None, marks: bool) -> Read:
    explained: list[tuple[Sentence, list[Reading]]] = []
    figures = extract_figures("example", text, published, explained=explained)
    rows = []
    for f in figures:
        row = f"{f.region_code} {f.scope} {f.status} {f.cooperative_type} {f.unit} {f.value:g}"
        if marks:
            row += " >" if f.is_lower_bound else " ~" if f.is_approximate else ""
            row += f" @{f.as_of_date}" if f.as_of_date else ""
        rows.append(row)
    fired = {by for f in figures for _, by in f.trace.events}
    for _, readings in explained:
        for reading in readings:
            fired |= {reading.rejected_by} if reading.rejected_by else set()
            fired |= {reading.dropped.split(":", 1)[0]} if reading.dropped else set()
    return Read(sorted(rows), fired)


def _marked(figures: tuple[str, ...]) -> bool:
    return any(len(row.split()) > 6 for row in figures)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example(example: Example) -> None:
    assert example.construction in CONSTRUCTIONS, f"{example.construction!r} is no construction"
    assert CONSTRUCTIONS[example.construction].family == example.family, \
        f"{example.construction!r} belongs in {CONSTRUCTIONS[example.construction].family}.toml"
    result = read(example.text, example.published, _marked(example.figures))
    assert result.rows == sorted(example.figures)  # an example that checks marks writes them on every figure
    assert (example.construction in result.fired) == example.fires, \
        f"{example.construction} {'did not fire' if example.fires else 'fired'}; fired: {sorted(result.fired)}"


def test_every_construction_has_an_example_where_it_fires() -> None:
    shown = {e.construction for e in EXAMPLES if e.fires}
    assert sorted(set(CONSTRUCTIONS) - shown) == []


def test_every_construction_says_what_it_reads_and_sets() -> None:
    for construction in CONSTRUCTIONS.values():
        assert construction.doc, construction.name
        assert construction.sets and set(construction.sets) <= FIELDS, construction.name


def test_every_name_in_a_trace_is_a_construction() -> None:
    """On the examples and the five source articles: no construction records a name that is not
    registered (its family, doc and fields would be unknown)."""
    fired: set[str] = set()
    for example in EXAMPLES:
        fired |= read(example.text, example.published, False).fired
    for path in sorted(ARTICLES.glob("*.txt")):
        fired |= read(path.read_text(encoding="utf-8"), None, False).fired
    assert sorted(fired - set(CONSTRUCTIONS) - {"not_stated"}) == []


def test_an_example_that_does_not_hold_fails() -> None:
    """The examples can fail: a wrong figure or a construction that does not fire is seen."""
    example = next(e for e in EXAMPLES if e.id == "sisanya")
    result = read(example.text, example.published, False)
    assert result.rows == sorted(example.figures) and "remainder_sisanya" in result.fired
    wrong = read(example.text.replace("Sisanya", "Lalu"), example.published, False)
    assert wrong.rows != sorted(example.figures) and "remainder_sisanya" not in wrong.fired
