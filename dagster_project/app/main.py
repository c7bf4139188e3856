"""Entry of the analyst's app: `streamlit run dagster_project/app/main.py` (`make app`).

Only the navigation lives here; what every page shares (the sidebar, whether a build is running)
is `ui.page_start()`, called by each page, so a page also runs alone (Streamlit's test harness
runs the page's script, not this one).
"""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="Koperasi warehouse", layout="wide")

st.navigation([
    st.Page("pages/overview.py", title="Overview", default=True),
    st.Page("pages/region.py", title="Region"),
    st.Page("pages/findings.py", title="Findings"),
    st.Page("pages/review.py", title="Review"),
]).run()
