"""The provenance of extracted figures (issue 10): which construction set each field, and
`koperasi extract --explain`, which prints it with the numbers that were dropped and why.

The sentences are short ones of our own, in the style of tests/test_extraction.py.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import fields
from pathlib import Path

import pytest

from dagster_project.cli import extract
from dagster_project.domain.extraction import (
    FIGURE_COLUMNS,
    FIGURE_SQL_TYPES,
    ExtractedFigure,
    extract_figures,
    warehouse_values,
)
from dagster_project.domain.extraction.figure import TRACED_FIELDS
from dagster_project.domain.extraction.explain import explain_article

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def figure(text: str, value: float, unit: str = "count") -> ExtractedFigure:
    found = [f for f in extract_figures("case", text, "2024-03-01") if f.value == value and f.unit == unit]
    assert len(found) == 1, found
    return found[0]


def set_by(text: str, value: float, name: str, unit: str = "count") -> str:
    """The construction that last set one field of the figure of that value."""
    f = figure(text, value, unit)
    assert f.trace is not None
    return f.trace.setters(name)[-1]


# (text, value, unit, the status the figure has, the construction that set it)
STATUS_CASES = [
    pytest.param("Di Kabupaten Agam tercatat 120 koperasi tidak aktif.", 120, "count", "inactive",
                 "status_in_own_clause", id="own-clause"),
    pytest.param("Dari 90 KUD di Kabupaten Agam, 40 koperasi primer di antaranya.", 40, "count", "all",
                 "not_stated", id="part-adds-scope-no-status"),
    pytest.param("Dari 300 koperasi aktif di Kabupaten Agam, 120 koperasi simpan pinjam.", 120, "count", "active",
                 "status_of_whole", id="part-of-a-whole"),
    pytest.param("Koperasi nonaktif di Kabupaten Agam terdiri dari 20 koperasi simpan pinjam dan 30 koperasi "
                 "konsumen.", 30, "count", "inactive", "list_head_status", id="list-head"),
    pytest.param("Kabupaten Agam punya 300 koperasi. Yang aktif hanya 180 unit. Sisanya 120 unit.", 120, "count",
                 "inactive", "remainder_sisanya", id="sisanya"),
    pytest.param("Koperasi aktif di Kabupaten Agam tinggal 180 unit, atau sekitar 60 persen dari total.", 60,
                 "percent", "active", "apposed_percentage", id="apposed-percentage"),
    pytest.param("Kabupaten Agam berbenah. Berikut jumlah koperasi aktif per kecamatan:\n\nKota Padang: 120 unit\n"
                 "Kabupaten Pasaman: 80 unit\n", 80, "count", "active", "heading_line", id="heading-line"),
    pytest.param("Koperasi aktif di Kabupaten Agam didominasi KSP sebanyak 90 unit. Berikutnya koperasi jasa "
                 "20 unit.", 20, "count", "active", "continuation_previous_sentence", id="continued-list"),
    pytest.param("Di Kabupaten Agam ada 89 koperasi simpan pinjam, yang sudah berhenti beroperasi.", 89, "count",
                 "inactive", "predicate_clause_after", id="predicate-after"),
]


@pytest.mark.parametrize(("text", "value", "unit", "status", "construction"), STATUS_CASES)
def test_the_trace_names_what_set_the_status(text: str, value: float, unit: str, status: str,
                                             construction: str) -> None:
    assert figure(text, value, unit).status == status
    assert set_by(text, value, "status", unit) == construction


def test_the_trace_names_the_whole_and_the_region() -> None:
    text = "Dari 300 koperasi di Kabupaten Agam, 200 di antaranya aktif."
    part = figure(text, 200)
    assert part.trace.whole == "300"
    assert part.trace.setters("parent")[-1] == "di_antaranya"
    assert part.trace.setters("region")[-1] == "region_named_before"
    assert set_by(text, 300, "region") == "region_named_after"
    later = figure("Kabupaten Agam punya 300 koperasi. Dari jumlah tersebut, 200 di antaranya aktif.", 200)
    assert later.trace.whole == "300"
    assert later.trace.setters("parent")[-1] == "whole_of_previous_sentence"
    assert later.trace.setters("region")[-1] == "region_of_whole"


def test_a_supervised_scope_and_its_region() -> None:
    text = "Dinas Koperasi Sumatera Barat membina 58 koperasi yang menjadi kewenangan provinsi."
    f = figure(text, 58)
    assert (f.scope, f.region_code) == ("province_supervised", "13")
    assert f.trace.setters("scope") == ["scope_in_own_clause"]
    assert f.trace.setters("region")[-1] in ("supervised_on_article_lead", "region_named_before")


def test_an_overwrite_is_kept_in_order() -> None:
    """A later construction overwriting an earlier one leaves both in the trace, the last holding."""
    text = "Sekda memaparkan, ada 3.027 unit koperasi yang tersebar di 13 kabupaten kota se-Kalsel."
    assert figure(text, 3027).trace.setters("region") == ["region_named_after", "province_of_regencies"]


def test_the_trace_is_a_warehouse_column_not_a_csv_column_nor_part_of_equality() -> None:
    assert "trace" not in FIGURE_COLUMNS and FIGURE_SQL_TYPES["trace"] == "varchar"
    assert list(FIGURE_SQL_TYPES) == [f.name for f in fields(ExtractedFigure)]
    a = figure("Di Kabupaten Agam tercatat 120 koperasi tidak aktif.", 120)
    b = figure("Di Kabupaten Agam tercatat 120 koperasi tidak aktif.", 120)
    assert a == b


def test_the_stored_trace_names_each_field_and_the_whole() -> None:
    f = figure("Dari 90 koperasi primer di Kabupaten Agam, ada 40 yang tidak aktif.", 40)
    stored = json.loads(warehouse_values(f)["trace"])
    assert list(stored) == [*TRACED_FIELDS, "whole"]
    assert stored["parent"] == ["partitive_whole"] and stored["whole"] == "90"
    assert stored["scope"] == ["scope_of_whole"] and stored["status"] == ["status_in_own_clause"]
    assert stored["cooperative_type"] == ["not_stated"]


@pytest.mark.parametrize(("text", "number", "rule"), [
    pytest.param("Pada 2023 Kabupaten Agam mencatat 300 koperasi aktif.", "2023", "year_number: year", id="year"),
    pytest.param("Kabupaten Agam mencatat 300 koperasi aktif. Asetnya mencapai Rp 12 miliar.", "12 miliar",
                 "reference_amount_or_date: reference, amount or date", id="money"),
    pytest.param("Kabupaten Agam mencatat 300 koperasi aktif. Informasi: hubungi 0812 3456 7890.", "0812",
                 "bare_number: a bare number", id="phone"),
    pytest.param("Kabupaten Agam mencatat 300 koperasi aktif dengan 45 orang pengurus.", "45",
                 "counts_something_else: counts something else", id="other-noun"),
])
def test_a_dropped_number_is_explained_with_its_rule(text: str, number: str, rule: str) -> None:
    explanation = explain_article("case", text, "2024-03-01")
    dropped = explanation.split("numbers that are not figures:", 1)[1]
    assert f"«{number}»  ✗ {rule}" in dropped, explanation


def test_the_explanation_marks_the_number_and_names_each_field() -> None:
    explanation = explain_article("case", "Di Kabupaten Agam tercatat 120 koperasi tidak aktif.", None)
    assert "Di Kabupaten Agam tercatat «120» koperasi tidak aktif." in explanation
    assert re.search(r"^  status +inactive +← status_in_own_clause$", explanation, re.M)
    assert re.search(r"^  region +Kabupaten Agam \(13\.06\) +← region_named_before$", explanation, re.M)


def test_explain_on_the_source_articles_names_a_construction_for_every_status() -> None:
    out = io.StringIO()
    assert extract([ARTICLES], out, explain=True) == 0
    text = out.getvalue()
    figure_count = len(re.findall(r"^figure \d+:", text, re.M))
    statuses = re.findall(r"^  status +(\S+) +← (\w+)", text, re.M)
    assert figure_count == len(statuses) == 23  # the five articles' figures, as scored on every run
    for status, construction in statuses:
        assert construction != "not_stated" or status == "all", (status, construction)


def test_explain_writes_no_csv_and_the_csv_has_no_trace() -> None:
    plain, explained = io.StringIO(), io.StringIO()
    assert extract([ARTICLES], plain) == 0
    assert extract([ARTICLES], explained, explain=True) == 0
    assert plain.getvalue().splitlines()[0] == ",".join(FIGURE_COLUMNS)
    assert "←" not in plain.getvalue() and ",".join(FIGURE_COLUMNS) not in explained.getvalue()
