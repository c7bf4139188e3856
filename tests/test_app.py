"""The analyst's app in Streamlit's headless harness (AppTest), on a built copy of the repository.

Every page renders with the warehouse's numbers; accept, correct and reject write exactly the
expected seed rows and leave every other byte of the seeds as it was; a row the build would
refuse is shown refused and nothing is written; an acknowledgement lands in its seed, and the
next build shows the decisions (the accepted and corrected figures as hand, the rejected one
gone, the finding acknowledged).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import app_env, dbt, query
from repo_copy import RepoCopy
from streamlit.testing.v1 import AppTest

from dagster_project import settings
from dagster_project.build_lock import build_lock

pytestmark = pytest.mark.slow  # builds a warehouse

MAIN = settings.REPO_ROOT / "dagster_project" / "app" / "main.py"
QUEUE_ARTICLE = "900_review_queue"
SLEMAN = "901_sleman_contradiction"
BLORA_SENTENCE = ("Saat ini tercatat sekitar 612 unit koperasi di Kabupaten Blora, dan 410 unit di antaranya "
                  "masih aktif.")
REMBANG_SENTENCE = "Di Kabupaten Rembang tercatat sekitar 350 koperasi, dan 198 unit di antaranya aktif."
TODAY = date.today().isoformat()


@pytest.fixture(scope="module")
def repo(app_repo: RepoCopy) -> Iterator[RepoCopy]:
    """The built copy, with the app pointed at it for this module."""
    patch = pytest.MonkeyPatch()
    for name, value in app_env(app_repo).items():
        patch.setenv(name, value)
    yield app_repo
    patch.undo()


def page(name: str | None = None) -> AppTest:
    app = AppTest.from_file(str(MAIN), default_timeout=60)
    app.run()
    if name:
        app.switch_page(f"pages/{name}.py")
        app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def figure_id(repo: RepoCopy, value: int) -> str:
    ((found,),) = query(repo.warehouse, f"""select figure_id from marts.fct_cooperative_figures
        where source = 'auto' and article_id = '{QUEUE_ARTICLE}' and value = {value}""")
    return found


def seed_bytes(repo: RepoCopy) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(repo.seeds.glob("*.csv"))}


def assert_appended(before: dict[str, bytes], after: dict[str, bytes], seed: str, line: str) -> None:
    """The seed gained exactly `line` at its end; every other byte of every seed is unchanged."""
    assert after[seed] == before[seed] + line.encode("utf-8")
    assert {k: v for k, v in after.items() if k != seed} == {k: v for k, v in before.items() if k != seed}


# --- the pages ----------------------------------------------------------------------------------


def test_overview_shows_each_province_latest_counts_and_where_they_come_from(repo: RepoCopy) -> None:
    app = page()
    provinces = app.table[0].value
    assert provinces.loc["Kalimantan Selatan"].tolist() == ["3 027", "1 944", "1 083", "64.22"]
    assert provinces.loc["Kalimantan Timur"].tolist() == ["5 000", "3 750", "1 250", "75"]
    details = app.dataframe[0].value
    kalsel = details[details["province"] == "Kalimantan Selatan"].set_index("member")
    assert kalsel.loc["Total", ["value", "basis", "source", "as_of_date", "article_id"]].tolist() == \
        ["3 027", "stated", "hand", "2024-05-13", "001_cef1a415c8952276"]
    assert kalsel.loc["Active share (%)", "basis"] == "derived"
    assert any("Indonesia" in header.value for header in app.header)


def test_a_running_build_is_announced_and_the_published_warehouse_still_shown(repo: RepoCopy) -> None:
    with build_lock(repo.warehouse):  # as `koperasi run` holds it from start to publication
        app = page()
    assert app.info[0].value.startswith("A build is running (the build started by pid")
    assert app.table[0].value.loc["Kalimantan Selatan", "Total"] == "3 027"
    assert not any("build is running" in i.value for i in page().info)  # gone with the build


def test_region_is_found_by_any_name_and_shows_its_figures_from_every_article(repo: RepoCopy) -> None:
    app = page("region")
    app.text_input(key="region_search").set_value("Blora").run()
    assert app.selectbox(key="region_code").value == "33.16"
    assert "In **Jawa Tengah**." in [m.value for m in app.markdown]
    figures = app.dataframe[0].value
    assert {("hand", "004_7d66a8d6ae24eee9", "779"), ("auto", QUEUE_ARTICLE, "612"), ("auto", QUEUE_ARTICLE, "410")} \
        <= set(zip(figures["source"], figures["article_id"], figures["value"]))
    assert BLORA_SENTENCE in set(figures["evidence"])
    app.text_input(key="region_search").set_value("Kalsel").run()  # an alias
    assert app.selectbox(key="region_code").value == "63"
    assert "3 027" in set(app.dataframe[0].value["value"])


def test_findings_show_expected_observed_and_the_sentences(repo: RepoCopy) -> None:
    app = page("findings")
    findings = app.dataframe[0].value
    acknowledged = dict(zip(findings["finding_id"] + "/" + findings["source"], findings["acknowledged"]))
    assert acknowledged["F-e3d8ae571777/hand"] and acknowledged["F-e3d8ae571777/auto"]
    sleman = findings[findings["article_id"] == SLEMAN]
    assert sleman[["expected", "observed", "acknowledged"]].values.tolist() == [["300", "450", False]]
    app.selectbox(key="finding").set_value(sleman["finding_id"].iloc[0]).run()
    assert [(m.label, m.value) for m in app.metric] == [("Expected", "300"), ("Observed", "450")]
    assert any("450 di antaranya aktif" in m.value for m in app.markdown)


def test_review_queue_lists_unpublished_figures_most_confident_first_with_the_sentence_marked(repo: RepoCopy) -> None:
    app = page("review")
    assert app.main.caption[0].value.startswith("6 automatic figures of 2 articles wait for review")
    assert [h.value for h in app.header] == ["Koperasi di Kabupaten Blora Didata Ulang", "Koperasi di Kabupaten Sleman"]
    cards = [m.value.split("**")[1] for m in app.markdown if m.value.startswith("**")]
    assert cards[:4] == ["612", "410", "350", "198"] and sorted(cards[4:]) == ["300", "450"]
    confidence = dict(query(repo.warehouse, f"""select value, confidence from marts.fct_auto_figures_to_review
        where article_id = '{QUEUE_ARTICLE}'"""))
    shown = [float(c.value.split()[1]) for c in app.main.caption if c.value.startswith("confidence ")]
    assert shown[:4] == [round(confidence[float(v)], 3) for v in cards[:4]]
    assert shown[:4] == sorted(shown[:4], reverse=True)  # most confident first
    assert any(f"<mark>{BLORA_SENTENCE}</mark>" in m.value for m in app.markdown)


# --- the decisions --------------------------------------------------------------------------------


def test_a_correction_whose_evidence_is_not_in_the_article_is_refused_and_nothing_is_written(repo: RepoCopy) -> None:
    before = seed_bytes(repo)
    app = page("review")
    key = figure_id(repo, 350)
    app.toggle(key=f"correct-{key}").set_value(True).run()
    app.text_area(key=f"corr-{key}-evidence").set_value("Di Kabupaten Rembang tercatat 350 koperasi.").run()
    app.button(key=f"corr-{key}-save").click().run()
    errors = [e.value for e in app.error]
    assert len(errors) == 1 and "not in article 900_review_queue.txt" in errors[0], errors
    assert seed_bytes(repo) == before


def test_accept_writes_the_figure_as_read_to_the_hand_seed(repo: RepoCopy) -> None:
    before = seed_bytes(repo)
    app = page("review")
    app.button(key=f"accept-{figure_id(repo, 410)}").click().run()
    assert not app.error, [e.value for e in app.error]
    assert_appended(before, seed_bytes(repo), "cooperative_figures.csv",
                    f"{QUEUE_ARTICLE},Kabupaten Blora,33.16,all,active,all,count,410,false,false,2024-03-05,"
                    f'"{BLORA_SENTENCE}",false\n')
    assert any("make run" in s.value for s in app.success)


def test_correct_writes_the_corrected_figure_to_the_hand_seed(repo: RepoCopy) -> None:
    before = seed_bytes(repo)
    app = page("review")
    key = figure_id(repo, 350)
    app.toggle(key=f"correct-{key}").set_value(True).run()
    app.selectbox(key=f"corr-{key}-scope").set_value("primary").run()
    app.text_input(key=f"corr-{key}-date").set_value("2024").run()
    app.text_input(key=f"corr-{key}-search").set_value("Rembang").run()  # picked from the dimension
    assert app.selectbox(key=f"corr-{key}-region").value == "33.17"
    app.button(key=f"corr-{key}-save").click().run()
    assert not app.error, [e.value for e in app.error]
    assert_appended(before, seed_bytes(repo), "cooperative_figures.csv",
                    f"{QUEUE_ARTICLE},Kabupaten Rembang,33.17,primary,all,all,count,350,true,false,2024,"
                    f'"{REMBANG_SENTENCE}",false\n')


def test_reject_writes_the_rejected_figures_seed(repo: RepoCopy) -> None:
    before = seed_bytes(repo)
    app = page("review")
    key = figure_id(repo, 198)
    app.sidebar.text_input(key="reviewer").set_value("Test Reviewer").run()
    app.toggle(key=f"reject-{key}").set_value(True).run()
    app.text_input(key=f"reject-reason-{key}").set_value("198 is Rembang's active count, read twice").run()
    app.button(key=f"reject-save-{key}").click().run()
    assert not app.error, [e.value for e in app.error]
    assert_appended(before, seed_bytes(repo), "rejected_figures.csv",
                    f"{key},{QUEUE_ARTICLE},\"198 is Rembang's active count, read twice\",Test Reviewer,{TODAY}\n")


def test_acknowledge_writes_the_acknowledged_findings_seed(repo: RepoCopy) -> None:
    before = seed_bytes(repo)
    ((finding,),) = query(repo.warehouse, f"select distinct finding_id from marts.dq_findings where article_id = '{SLEMAN}'")
    app = page("findings")
    app.sidebar.text_input(key="reviewer").set_value("Test Reviewer").run()
    app.selectbox(key="finding").set_value(finding).run()
    app.text_area(key=f"ack-reason-{finding}").set_value("The article says 450 of 300 are active.").run()
    app.button(key=f"ack-{finding}").click().run()
    assert not app.error, [e.value for e in app.error]
    assert_appended(before, seed_bytes(repo), "acknowledged_findings.csv",
                    f"{finding},The article says 450 of 300 are active.,Test Reviewer,{TODAY}\n")


def test_the_next_build_shows_every_decision(repo: RepoCopy) -> None:
    """dbt builds the seeds and all that depends on them (what the app's rebuild asks Dagster for)."""
    rejected = figure_id(repo, 198)
    result = dbt(repo.root / "dbt", repo.warehouse, "build", "--select",
                 "cooperative_figures+", "rejected_figures+", "acknowledged_findings+")
    assert result.returncode == 0, result.stdout[-3000:]
    hand = query(repo.warehouse, f"""select region_code, scope, status, value, as_of_date, is_authoritative
        from marts.fct_cooperative_figures where source = 'hand' and article_id = '{QUEUE_ARTICLE}' order by value""")
    assert hand == [("33.17", "primary", "all", 350.0, "2024", True), ("33.16", "all", "active", 410.0, "2024-03-05", True)]
    assert query(repo.warehouse, f"select count(*) from marts.fct_cooperative_figures where figure_id = '{rejected}'") \
        == [(0,)]
    assert query(repo.warehouse, f"select distinct acknowledged from marts.dq_findings where article_id = '{SLEMAN}'") \
        == [(True,)]
    # the queue now holds the undecided figures alone: Blora's total and Sleman's two
    app = page("review")
    assert app.main.caption[0].value.startswith("3 automatic figures of 2 articles wait for review")
    assert [m.value.split("**")[1] for m in app.markdown if m.value.startswith("**")][0] == "612"
