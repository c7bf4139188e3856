"""What the pages share: reading the warehouse with a clear message when it cannot be read, the
build banner, the messages after a save."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st

from dagster_project.app import rebuild
from dagster_project.app import warehouse_queries as wq
from dagster_project.app.seed_writer import SeedRowRefused

REVIEWER_KEY = "reviewer"
FLASH_KEY = "flash"

T = TypeVar("T")


@st.cache_data(show_spinner=False, max_entries=256)
def _cached(name: str, args: tuple, version: tuple[str, int, int]) -> object:
    return getattr(wq, name)(*args)


def load(name: str, *args: object) -> T:
    """wq.<name>(*args), cached until the warehouse file changes; stops the page with the reason
    when the warehouse cannot be read (none yet, or locked by a writer)."""
    try:
        return _cached(name, args, wq.version())  # type: ignore[return-value]
    except wq.WarehouseUnavailable as err:
        st.error(str(err))
        st.stop()
        raise  # st.stop() raises; never reached


def page_start(title: str) -> None:
    """What every page shows first: the sidebar (the reviewer's name, the dbt docs, the
    warehouse read), the page's title, and a note while a build is running."""
    with st.sidebar:
        st.text_input("Your name (for reviews and acknowledgements)", key=REVIEWER_KEY)
        st.markdown(f"[dbt docs](http://127.0.0.1:{os.environ.get('DOCS_PORT') or 8080}) (`make docs`)")
        st.caption(f"Warehouse: `{wq.warehouse()}`")
    st.title(title)
    running = wq.build_in_progress()
    if running:
        st.info(f"A build is running ({running}). These pages show the warehouse as last published; "
                "reload after the build to see its changes.")
    flash()


def reviewer() -> str:
    return str(st.session_state.get(REVIEWER_KEY) or "").strip()


def save(action: Callable[[], object], seed: str) -> bool:
    """Run a seed-writing action; on success start the rebuild and keep its message for the next
    run of the page, on refusal show every problem (nothing was written)."""
    try:
        action()
    except SeedRowRefused as err:
        st.error("Not saved (the build would refuse this row):\n" + "\n".join(f"- {p}" for p in err.problems))
        return False
    result = rebuild.rebuild_after(seed)
    st.session_state[FLASH_KEY] = result.message
    return True


def flash() -> None:
    """The message of the last save, once."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message)


def period_start(as_of_date: pd.Series) -> pd.Series:
    """ISO periods at any precision (2023, 2023-06, 2023-06-13) as dates, for a time axis."""
    text = as_of_date.fillna("")
    text = text.where(text.str.len() != 4, text + "-01-01")
    text = text.where(text.str.len() != 7, text + "-01")
    return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")


def number(value: float | None) -> str:
    """3027 as 3 027, 64.22 as 64.22; empty when missing."""
    if value is None or value != value:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:g}"
