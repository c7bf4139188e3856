"""Overview: per province the latest total, active and inactive counts and active share, each
with its article, date, basis (stated or derived) and source; Indonesia's figures over time."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dagster_project.app import ui

MEMBER_TITLES = {"total": "Total", "active": "Active", "inactive": "Inactive", "active_share": "Active share (%)"}

ui.page_start("Overview")
st.caption("The authoritative counts of all cooperatives (hand figures where an article has them, else its "
           "published automatic ones), per province at the latest date each member is known.")

latest: pd.DataFrame = ui.load("province_latest_counts")
if latest.empty:
    st.warning("No province-level counts in the warehouse yet.")
else:
    wide = latest.pivot(index="province", columns="member", values="value").reindex(columns=list(MEMBER_TITLES))
    table = pd.DataFrame({
        "Province": wide.index,
        **{title: [ui.number(v) for v in wide[member]] for member, title in MEMBER_TITLES.items()},
    })
    counts = latest[latest["member"].isin(["active", "inactive"])]
    st.altair_chart(
        alt.Chart(counts).mark_bar().encode(
            y=alt.Y("province:N", title=None),
            x=alt.X("value:Q", title="cooperatives", stack="zero"),
            color=alt.Color("member:N", title=None, scale=alt.Scale(domain=["active", "inactive"])),
            tooltip=["province", "member", "value", "basis", "source", "article_id", "as_of_date"],
        ),
        width="stretch",
    )
    st.table(table.set_index("Province"))  # one row per province: a plain table, readable and copyable
    st.subheader("Where each value comes from")
    details = latest.assign(
        member=latest["member"].map(MEMBER_TITLES),
        value=[ui.number(v) for v in latest["value"]],
        source=latest["source"].map({"hand": "hand", "auto": "published auto"}),
    )[["province", "member", "value", "basis", "is_approximate", "source", "as_of_date", "article_id", "title"]]
    st.dataframe(details, hide_index=True, width="stretch", key="province_details")

st.header("Indonesia over time")
national: pd.DataFrame = ui.load("national_counts")
if national.empty:
    st.info("No article gives a figure for Indonesia as a whole yet.")
else:
    series = national.melt(id_vars=["as_of_date", "article_id", "source", "scope"],
                           value_vars=["total", "active", "inactive"], var_name="member").dropna(subset=["value"])
    series["date"] = ui.period_start(series["as_of_date"])
    st.altair_chart(
        alt.Chart(series).mark_line(point=True).encode(
            x=alt.X("date:T", title="as of", axis=alt.Axis(format="%Y-%m")), y=alt.Y("value:Q", title="cooperatives"),
            color=alt.Color("member:N", title=None),
            tooltip=["as_of_date", "member", "value", "scope", "source", "article_id"]),
        width="stretch",
    )
    st.dataframe(national, hide_index=True, width="stretch", key="national_table")
