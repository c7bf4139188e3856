"""Each consistency rule and each check of our own data, fed a broken copy of the data.

A mutation breaks a copy of the project the way a real source or a careless edit would:
article text, seed value and evidence changed together, so that exactly one rule is violated.
The copy is built with a real `dbt build` on a copy of the warehouse, and the set of failing
dbt tests must be exactly that rule's.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import BIN, PUBLISH_EVERY_UNCONTRADICTED_FIGURE, BuiltWarehouse, dbt, query

from dagster_project import settings
from dagster_project.domain.articles import read_articles
from dagster_project.domain.extraction import extract_figures
from dagster_project.domain.extraction.consistency import findings
from dagster_project.domain.extraction.gazetteer import default_gazetteer
from dagster_project.assets.raw import ARTICLE_COLUMNS, article_rows
from dagster_project.resources import Warehouse

pytestmark = pytest.mark.slow  # runs dbt builds

KALSEL = "001_cef1a415c8952276"
KALTIM = "003_92a3cb1c091408e3"
BLORA = "004_7d66a8d6ae24eee9"
SOLOK_SELATAN = "002_82492c8ef8a6e8c6"


@dataclass
class ProjectCopy:
    root: Path

    @property
    def dbt_dir(self) -> Path:
        return self.root / "dbt"

    @property
    def articles(self) -> Path:
        return self.root / "articles"

    @property
    def figures_csv(self) -> Path:
        return self.dbt_dir / "seeds" / "cooperative_figures.csv"

    def rewrite_article(self, article_id: str, old: str, new: str) -> None:
        """Change the article's text, and every evidence quoting it, the same way."""
        path = self.articles / f"{article_id}.txt"
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path.name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        seeds = self.figures_csv.read_text(encoding="utf-8")
        self.figures_csv.write_text(seeds.replace(old, new), encoding="utf-8")

    def edit_figures(self, edit: Callable[[list[dict[str, str]]], list[dict[str, str]]]) -> None:
        with self.figures_csv.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            fields = reader.fieldnames
            rows = list(reader)
        rows = edit(rows)
        with self.figures_csv.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)

    def set_value(self, article_id: str, status: str, old: str, new: str, **match: str) -> None:
        def edit(rows: list[dict[str, str]]) -> list[dict[str, str]]:
            hits = [r for r in rows if r["article_id"] == article_id and r["status"] == status
                    and r["value"] == old and all(r[k] == v for k, v in match.items())]
            assert len(hits) == 1, hits
            hits[0]["value"] = new
            return rows
        self.edit_figures(edit)

    def add_figure(self, **row: str) -> None:
        defaults = {"is_approximate": "false", "is_lower_bound": "false", "breakdown_complete": "false",
                    "scope": "all", "cooperative_type": "all"}
        self.edit_figures(lambda rows: [*rows, {**defaults, **row}])

    def add_sentence_with_figure(self, article_id: str, sentence: str, **row: str) -> None:
        """Append a sentence to the article and the figure it states to the seeds."""
        path = self.articles / f"{article_id}.txt"
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + sentence + "\n", encoding="utf-8")
        self.add_figure(article_id=article_id, evidence=sentence, **row)


@dataclass
class Mutation:
    name: str
    apply: Callable[[ProjectCopy], None]
    expected_failures: set[str] = field(default_factory=set)  # test names, without the model suffix


def _kalsel_inactive_off(p: ProjectCopy) -> None:
    p.rewrite_article(KALSEL, "sedangkan 1.083 unit", "sedangkan 1.183 unit")
    p.set_value(KALSEL, "inactive", "1083", "1183", scope="all")


def _kaltim_percentages_off(p: ProjectCopy) -> None:
    p.rewrite_article(KALTIM, "dan 25 persen menjadi", "dan 35 persen menjadi")
    p.set_value(KALTIM, "inactive", "25", "35")


def _banyuasin_not_acknowledged(p: ProjectCopy) -> None:
    path = p.dbt_dir / "seeds" / "acknowledged_findings.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def _kaltim_subset_exceeds_all(p: ProjectCopy) -> None:
    p.rewrite_article(KALTIM, "memliki 112 unit", "memliki 6.112 unit")
    p.set_value(KALTIM, "all", "112", "6112", scope="province_level")


def _kalsel_city_exceeds_province(p: ProjectCopy) -> None:
    p.add_sentence_with_figure(KALSEL, "Di Kota Banjarmasin sendiri tercatat 3.500 koperasi.",
                               region_name="Kota Banjarmasin", region_code="63.71", status="all",
                               unit="count", value="3500", as_of_date="2024-05-13")


def _kalsel_share_disagrees(p: ProjectCopy) -> None:
    p.rewrite_article(KALSEL, "sebanyak 1.944 merupakan", "sebanyak 1.944 atau 70 persen merupakan")
    (evidence,) = {r["evidence"] for r in _rows(p) if r["article_id"] == KALSEL and r["value"] == "1944"}
    p.add_figure(article_id=KALSEL, region_name="Kalsel", region_code="63", status="active",
                 unit="percent", value="70", as_of_date="2024-05-13", evidence=evidence)


def _blora_total_stated_twice(p: ProjectCopy) -> None:
    p.add_sentence_with_figure(BLORA, "Jumlah koperasi di Blora tercatat 790 unit.",
                               region_name="Blora", region_code="33.16", status="all",
                               unit="count", value="790", as_of_date="2023-06")


def _quote_not_in_article(p: ProjectCopy) -> None:
    text = p.figures_csv.read_text(encoding="utf-8")
    p.figures_csv.write_text(text.replace("ada 779 lembaga koperasi", "ada 779 unit koperasi"), encoding="utf-8")


def _value_not_in_evidence(p: ProjectCopy) -> None:
    p.set_value(SOLOK_SELATAN, "all", "127", "172")


def _wrong_region_code(p: ProjectCopy) -> None:
    def edit(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        for row in rows:
            if row["article_id"] == SOLOK_SELATAN:
                row["region_code"] = "13.02"  # Kabupaten Solok, not Solok Selatan
        return rows
    p.edit_figures(edit)


def _unknown_status_word(p: ProjectCopy) -> None:
    def edit(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        for row in rows:
            if row["article_id"] == BLORA and row["status"] == "active":
                row["status"] = "aktif"
        return rows
    p.edit_figures(edit)


def _figure_entered_twice(p: ProjectCopy) -> None:
    p.edit_figures(lambda rows: [*rows, dict(rows[0])])


def _rows(p: ProjectCopy) -> list[dict[str, str]]:
    with p.figures_csv.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


MUTATIONS = [
    # contradictions inside a source: rules of marts.dq_findings
    Mutation("active + inactive != total", _kalsel_inactive_off, {"active_plus_inactive_equals_total"}),
    Mutation("active % + inactive % != 100", _kaltim_percentages_off, {"active_plus_inactive_equals_total"}),
    Mutation("types exceed their status, unacknowledged", _banyuasin_not_acknowledged, {"types_within_status"}),
    Mutation("a subset scope exceeds all", _kaltim_subset_exceeds_all, {"scopes_within_all"}),
    Mutation("a city exceeds its province", _kalsel_city_exceeds_province, {"regions_within_parent_region"}),
    Mutation("a percentage disagrees with counts", _kalsel_share_disagrees, {"percent_agrees_with_counts"}),
    Mutation("one figure, two values", _blora_total_stated_twice, {"one_value_per_figure"}),
    # defects of our own data
    Mutation("evidence not in the article", _quote_not_in_article, {"quote_occurs_in_article"}),
    Mutation("value not in the evidence", _value_not_in_evidence, {"value_in_evidence"}),
    Mutation("region name does not resolve to the code", _wrong_region_code, {"region_name_resolves_to_code"}),
    Mutation("vocabulary not accepted", _unknown_status_word, {"accepted_values"}),
    # (dbt skips what is downstream of a failed test, so the figure_id tests of the marts do not run)
    Mutation("a figure entered twice", _figure_entered_twice, {"unique_combination"}),
]


def failing_tests(project: ProjectCopy, base_warehouse: Path) -> set[str]:
    """Build the copy with a real `dbt build`; return the names of the failing tests."""
    warehouse = project.root / "warehouse.duckdb"
    shutil.copy(base_warehouse, warehouse)  # raw.regions as loaded by the real loader
    Warehouse(path=str(warehouse)).replace_table(
        "raw.articles", ARTICLE_COLUMNS, article_rows(project.articles), "mutated copy"
    )
    result = dbt(project.dbt_dir, warehouse, "build")
    run_results = json.loads((project.dbt_dir / "target" / "run_results.json").read_text())
    failed = {r["unique_id"].split(".")[2] for r in run_results["results"] if r["status"] in ("fail", "error")}
    errors = [r for r in run_results["results"] if r["status"] == "error"]
    assert not errors, result.stdout[-3000:]  # a test that cannot run proves nothing
    return failed


@pytest.fixture
def project_copy(tmp_path: Path) -> ProjectCopy:
    shutil.copytree(settings.DBT_PROJECT_DIR, tmp_path / "dbt", ignore=shutil.ignore_patterns("target", "logs"))
    shutil.copytree(settings.DEFAULT_ARTICLES_DIR, tmp_path / "articles")
    return ProjectCopy(tmp_path)


def _rule_of(test_name: str, rules: set[str]) -> str | None:
    return next((rule for rule in sorted(rules, key=len, reverse=True) if test_name.startswith(rule + "_")), None)


def test_unbroken_copy_passes(project_copy: ProjectCopy, built_warehouse: BuiltWarehouse) -> None:
    assert failing_tests(project_copy, built_warehouse.path) == set()


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_broken_copy_fails_exactly_that_rule(
    mutation: Mutation, project_copy: ProjectCopy, built_warehouse: BuiltWarehouse
) -> None:
    mutation.apply(project_copy)
    failed = failing_tests(project_copy, built_warehouse.path)
    assert failed, f"{mutation.name}: no test failed"
    unexpected = {name for name in failed if _rule_of(name, mutation.expected_failures) is None}
    assert not unexpected, f"{mutation.name}: other tests failed too: {sorted(unexpected)}"
    assert {_rule_of(name, mutation.expected_failures) for name in failed} == mutation.expected_failures


def test_figure_before_a_split_is_counted_on_old_boundaries(
    project_copy: ProjectCopy, built_warehouse: BuiltWarehouse
) -> None:
    # Kalimantan Utara was split from Kalimantan Timur in 2012: a Kaltim figure of 2011 counts both.
    project_copy.add_sentence_with_figure(KALTIM, "Pada tahun 2011 koperasi di Kaltim tercatat 4.200 unit.",
                                          region_name="Kaltim", region_code="64", status="all",
                                          unit="count", value="4200", as_of_date="2011")
    assert failing_tests(project_copy, built_warehouse.path) == set()
    rows = query(project_copy.root / "warehouse.duckdb", """
        select as_of_date, counted_on_old_boundaries from marts.fct_cooperative_figures
        where region_code = '64' and scope = 'all' and unit = 'count' order by as_of_date""")
    assert rows == [("2011", True), ("2023-07-12", False)]


def test_a_new_article_with_header_lines(project_copy: ProjectCopy, built_warehouse: BuiltWarehouse) -> None:
    """The README's path for adding an article: header lines, a metadata row, a figure."""
    (project_copy.articles / "005_kaltara.txt").write_text(
        "TITLE: 250 Koperasi di Kaltara Tidak Aktif\nSOURCE: Koran Contoh\nDATE: 2024-02\n\n"
        "Dinas Koperasi Kalimantan Utara mencatat sekitar 250 koperasi tidak aktif.\n",
        encoding="utf-8",
    )
    metadata = project_copy.dbt_dir / "seeds" / "article_metadata.csv"
    metadata.write_text(metadata.read_text(encoding="utf-8") + "005_kaltara,,Koran Kaltara,,,\n", encoding="utf-8")
    project_copy.add_figure(article_id="005_kaltara", region_name="Kaltara", region_code="65", status="inactive",
                            unit="count", value="250", is_approximate="true", as_of_date="2024-02",
                            evidence="250 Koperasi di Kaltara Tidak Aktif")  # the title is text too
    assert failing_tests(project_copy, built_warehouse.path) == set()
    warehouse = project_copy.root / "warehouse.duckdb"
    assert query(warehouse, """
        select title, publisher, published_date, hand_figure_count from marts.dim_article
        where article_id = '005_kaltara'""") == [
        ("250 Koperasi di Kaltara Tidak Aktif", "Koran Kaltara", "2024-02", 1)  # the seed row wins
    ]
    assert query(warehouse, "select text from raw.articles where article_id = '005_kaltara'")[0][0].startswith(
        "250 Koperasi di Kaltara Tidak Aktif\n\nDinas Koperasi")


# --- contradictions of automatically read articles ---------------------------------------------

CONTRADICTORY_ARTICLES = Path(__file__).parent / "fixtures" / "contradictory_articles"
# rules that compare the members of one row of marts.fct_cooperative_counts


def test_contradictory_articles_are_findings_not_errors(tmp_path: Path) -> None:
    """A build with every adversarial article succeeds; each contradiction is a finding of the
    extractor's figures, and the counts mart derives nothing from it."""
    articles = tmp_path / "articles"
    shutil.copytree(settings.DEFAULT_ARTICLES_DIR, articles)
    fixture_ids = sorted(path.stem for path in CONTRADICTORY_ARTICLES.glob("*.txt"))
    for article_id in fixture_ids:
        shutil.copy(CONTRADICTORY_ARTICLES / f"{article_id}.txt", articles)
    warehouse = tmp_path / "warehouse.duckdb"
    env = {**os.environ, settings.WAREHOUSE_ENV: str(warehouse), settings.ARTICLES_ENV: str(articles),
           settings.PUBLISHING_POLICY_ENV: str(PUBLISH_EVERY_UNCONTRADICTED_FIGURE), "DAGSTER_HOME": ""}
    result = subprocess.run([str(BIN / "koperasi"), "run"], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-3000:]

    with (CONTRADICTORY_ARTICLES / "expected_findings.csv").open(encoding="utf-8", newline="") as handle:
        expected = sorted((row["article_id"], row["rule"], row["unit"]) for row in csv.DictReader(handle))
    in_fixtures = "article_id in (" + ", ".join(f"'{article_id}'" for article_id in fixture_ids) + ")"
    assert sorted(query(warehouse, f"select article_id, rule, unit from marts.dq_findings where {in_fixtures}")) \
        == expected  # every one an auto finding, none left out, nothing else
    assert query(warehouse, f"select distinct source from marts.dq_findings where {in_fixtures}") == [("auto",)]

    # The extractor holds back every figure of a region a contradiction involves (the same rules,
    # in Python): each waits for review naming the rule, and the counts mart derives nothing from it.
    held = query(warehouse, f"""
        select distinct article_id from marts.fct_auto_figures_to_review
        where held_back like '%contradicts its article%' and {in_fixtures}""")
    assert {row[0] for row in held} == {article for article, _, _ in expected}
    assert query(warehouse, f"""
        select count(*) from marts.fct_cooperative_counts where is_contradictory and {in_fixtures}""") == [(0,)]
    # ... and those rules find what the warehouse's find, article by article and rule by rule.
    gazetteer = default_gazetteer()
    in_python = set()
    for article in read_articles(articles).articles:
        figures = extract_figures(article.article_id, article.text, article.header_date, gazetteer)
        found = findings(figures, gazetteer.parent_of)
        in_python |= {(article.article_id, finding.rule) for finding in found}
    assert in_python == set(query(warehouse, """
        select distinct article_id, rule from marts.dq_findings where source = 'auto'"""))
    # about 5 000 in all and 5 200 active agree within the hedge, but -200 inactive is no count
    assert query(warehouse, """
        select total, active, inactive, active_share from marts.fct_cooperative_counts
        where article_id = 'sisa_negatif_dari_angka_taksiran'""") == [(5000, 5200, None, None)]
