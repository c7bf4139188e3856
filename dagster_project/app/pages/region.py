"""Region: a province, regency or city found by any name the region dimension knows (aliases
included); its figures over time from every article, and the sentences they come from."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dagster_project.app import ui

ui.page_start("Region")
query = st.text_input("Search a region (official name, short name or alias: Kalsel, Blora, Banua)",
                      key="region_search")
if not query.strip():
    st.info("Type a name to find a region.")
    st.stop()

matches: pd.DataFrame = ui.load("search_regions", query.strip())
if matches.empty:
    st.warning(f"No region is named {query.strip()!r} in marts.dim_region_name.")
    st.stop()

labels = {
    row.region_code: f"{row.region_name} ({row.region_code}, {row.region_type}"
                     f"{', ' + row.province_name if row.province_name and row.region_type != 'provinsi' else ''})"
    for row in matches.itertuples()
}
code = st.selectbox("Region", list(labels), format_func=labels.get, key="region_code")
region = ui.load("region", code)
st.subheader(labels[code])
if region["province_name"] and region["region_type"] != "provinsi":
    st.markdown(f"In **{region['province_name']}**.")

figures: pd.DataFrame = ui.load("region_figures", code)
if figures.empty:
    st.info("No article gives a figure for this region.")
    st.stop()

figures = figures.assign(date=ui.period_start(figures["as_of_date"]),
                         hedged=figures["is_approximate"].map({True: "hedged", False: "exact"}),
                         measure=figures["status"] + " " + figures["unit"])
unit = "count" if (figures["unit"] == "count").any() else "percent"
charted = figures[figures["unit"] == unit]
st.altair_chart(
    # hand and auto figures often agree: a small dot inside a wide ring keeps both visible
    alt.Chart(charted).mark_point(strokeWidth=2).encode(
        x=alt.X("date:T", title="as of", axis=alt.Axis(format="%Y-%m-%d")),
        y=alt.Y("value:Q", title="cooperatives" if unit == "count" else "percent"),
        color=alt.Color("source:N", title="source", scale=alt.Scale(domain=["hand", "auto"],
                                                                    range=["#1f77b4", "#ff7f0e"])),
        size=alt.Size("source:N", title="source", scale=alt.Scale(domain=["hand", "auto"], range=[50, 260])),
        shape=alt.Shape("hedged:N", title=None, scale=alt.Scale(domain=["exact", "hedged"],
                                                                range=["circle", "triangle"])),
        tooltip=["as_of_date", "value", "status", "scope", "cooperative_type", "source", "hedged", "article_id",
                 "evidence"],
    ),
    width="stretch",
)
st.caption(f"One mark per {unit} figure, coloured by source (a hand figure is the small mark, an automatic one the wide one); hedged values (sekitar, lebih dari, -an) are triangles.")
table = figures.assign(value=[ui.number(v) for v in figures["value"]])[
    ["as_of_date", "value", "unit", "status", "scope", "cooperative_type", "hedged", "source", "is_authoritative",
     "article_id", "evidence"]]
st.dataframe(table, hide_index=True, width="stretch", key="region_figures")
