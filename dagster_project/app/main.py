"""Entry of the analyst's app: `streamlit run dagster_project/app/main.py` (`make app`).

The navigation and what every page shares (the warehouse read, whether a build is running, the
reviewer's name, the link to the dbt docs); each page is a script of pages/.
"""

from __future__ import annotations

import os

import streamlit as st

from dagster_project.app import ui

st.set_page_config(page_title="Koperasi warehouse", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", default=True),
    st.Page("pages/region.py", title="Region"),
    st.Page("pages/findings.py", title="Findings"),
    st.Page("pages/review.py", title="Review"),
]
page = st.navigation(PAGES)

with st.sidebar:
    st.text_input("Your name (for reviews and acknowledgements)", key=ui.REVIEWER_KEY)
    docs_port = os.environ.get("DOCS_PORT", "8080")
    st.markdown(f"[dbt docs](http://127.0.0.1:{docs_port}) (`make docs`)")
    st.caption(f"Warehouse: `{ui.wq.warehouse()}`")

ui.build_banner()
page.run()
