"""The analyst's app in headless Chromium: each page of the running app shows the warehouse's
numbers, and a figure accepted through the page lands in the hand seed (a screenshot per page
in the test's temporary folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_browser import browser_page, open_page, running_app, settle, unavailable
from conftest import app_env, query
from repo_copy import RepoCopy

pytestmark = pytest.mark.slow  # builds a warehouse, starts the app and a browser

SLEMAN = "901_sleman_contradiction"


def test_each_page_in_a_browser_and_a_figure_accepted_there(app_repo: RepoCopy, tmp_path: Path) -> None:
    reason = unavailable()
    if reason:
        pytest.skip(f"no browser test: {reason}")
    ((accepted,),) = query(app_repo.warehouse, f"""select figure_id from marts.fct_auto_figures_to_review
        where article_id = '{SLEMAN}' and value = 300""")
    seed = app_repo.seeds / "cooperative_figures.csv"
    before = seed.read_bytes()

    with running_app(app_env(app_repo), tmp_path / "streamlit.log") as url, browser_page() as page:
        open_page(page, url, "overview")
        table = page.locator("[data-testid='stTable']").first.inner_text()
        assert "Kalimantan Selatan" in table and "3 027" in table and "1 944" in table and "1 083" in table, table
        page.screenshot(path=str(tmp_path / "overview.png"))

        open_page(page, url, "region")
        page.get_by_label("Search a region").fill("Blora")
        page.keyboard.press("Enter")
        page.get_by_text("In Jawa Tengah.").wait_for()
        settle(page)
        assert page.get_by_text("Kabupaten Blora (33.16, kabupaten, Jawa Tengah)").count() >= 1
        page.screenshot(path=str(tmp_path / "region.png"))

        open_page(page, url, "findings")
        page.get_by_role("combobox", name="Finding").click()  # the Banyuasin finding, acknowledged in the seed
        page.get_by_role("option", name="F-e3d8ae571777").click()
        page.get_by_text("Acknowledged: The article (Warta Koperasi").wait_for()
        settle(page)
        assert page.locator("[data-testid='stMetricValue']").all_inner_texts() == ["356", "502"]
        page.screenshot(path=str(tmp_path / "findings.png"))

        open_page(page, url, "review")
        assert page.get_by_role("heading", name="Koperasi di Kabupaten Sleman").count() == 1
        page.locator(f".st-key-accept-{accepted} button").click()
        page.locator("[data-testid='stAlert']").first.wait_for()  # saved, or refused with the reason
        settle(page)
        alerts = page.locator("[data-testid='stAlert']").all_inner_texts()
        assert any("make run to rebuild the warehouse with this change" in a for a in alerts), alerts
        page.screenshot(path=str(tmp_path / "review.png"))

    assert seed.read_bytes() == before + (
        f"{SLEMAN},Kabupaten Sleman,34.04,all,all,all,count,300,false,false,2023-12,"
        '"Hingga akhir 2023, tercatat 300 koperasi di Kabupaten Sleman, 450 di antaranya aktif.",false\n').encode()
    assert sorted(p.name for p in tmp_path.glob("*.png")) == ["findings.png", "overview.png", "region.png", "review.png"]
