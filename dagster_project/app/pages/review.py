"""Review: the automatic figures not published, most confident first, grouped by article: the
article with the figure's sentence highlighted, its fields, confidence and trace; accept,
correct or reject each. A saved row goes to the seeds, then the warehouse is rebuilt."""

from __future__ import annotations

import html
import json

import pandas as pd
import streamlit as st

from dagster_project.app import review_actions, ui
from dagster_project.app.warehouse_queries import ReviewPage

ARTICLES_PER_PAGE = 5
SCOPES = ["all", "primary", "secondary", "province_supervised", "national_supervised", "province_level"]
STATUSES = ["all", "active", "inactive"]
TYPES = ["all", "savings_loan", "producer", "consumer", "marketing", "service", "multipurpose", "village_unit"]


def highlighted(text: str, sentence: str) -> str:
    """The article as HTML with the sentence marked (escaped: article text is not markup)."""
    start = text.find(sentence)
    if start < 0:
        return html.escape(text)
    end = start + len(sentence)
    return (html.escape(text[:start]) + "<mark>" + html.escape(text[start:end]) + "</mark>"
            + html.escape(text[end:]))


def region_picker(figure: pd.Series, key: str) -> tuple[str, str]:
    """The region, found in the dimension by any of its names (never typed as a code); returns
    (code, the name to write: the article's own name while the region is unchanged)."""
    search = st.text_input("Region search", value=str(figure["region_name"]), key=f"{key}-search")
    matches = ui.load("search_regions", search.strip()) if search.strip() else pd.DataFrame()
    options = {figure["region_code"]: (str(figure["region_name"]), f"{figure['region_name']} ({figure['region_code']}, as read)")}
    for row in matches.itertuples():
        options.setdefault(row.region_code, (row.region_name, f"{row.region_name} ({row.region_code}, {row.region_type})"))
    code = st.selectbox("Region", list(options), format_func=lambda c: options[c][1], key=f"{key}-region")
    return code, options[code][0]


def correction_form(figure: pd.Series, key: str) -> None:
    scope = st.selectbox("Scope", SCOPES, index=SCOPES.index(figure["scope"]), key=f"{key}-scope")
    status = st.selectbox("Status", STATUSES, index=STATUSES.index(figure["status"]), key=f"{key}-status")
    ctype = st.selectbox("Type", TYPES, index=TYPES.index(figure["cooperative_type"]), key=f"{key}-type")
    code, name = region_picker(figure, key)
    value = st.number_input("Value", value=float(figure["value"]), min_value=0.0, step=1.0, key=f"{key}-value")
    approximate = st.checkbox("Approximate (hedged)", value=bool(figure["is_approximate"]), key=f"{key}-approx")
    as_of = st.text_input("As of (2023, 2023-06 or 2023-06-13)", value=str(figure["as_of_date"] or ""),
                          key=f"{key}-date")
    evidence = st.text_area("Evidence (the article's sentence or clause, verbatim)", value=str(figure["evidence"]),
                            key=f"{key}-evidence")
    if st.button("Save correction", key=f"{key}-save", type="primary"):
        changes = {"scope": scope, "status": status, "cooperative_type": ctype, "region_code": code,
                   "region_name": name, "value": value, "is_approximate": approximate, "as_of_date": as_of.strip(),
                   "evidence": evidence}
        if ui.save(lambda: review_actions.correct(figure["figure_id"], changes), review_actions.FIGURES_SEED):
            st.rerun()


def figure_card(figure: pd.Series) -> None:
    key = figure["figure_id"]
    st.markdown(f"**{ui.number(figure['value'])}** {figure['unit']} · {figure['status']} · {figure['scope']} · "
                f"{figure['cooperative_type']} · {figure['region_name']} ({figure['region_code']}) · "
                f"{figure['as_of_date'] or 'no date'}{' · hedged' if figure['is_approximate'] else ''}")
    st.caption(f"confidence {figure['confidence']:.3f} · waits because: {figure['held_back']} · figure {key}")
    with st.expander("Trace: the constructions that read each field"):
        st.json(json.loads(figure["trace"]) if isinstance(figure["trace"], str) else figure["trace"])
    accept, correct, reject = st.columns(3)
    if accept.button("Accept", key=f"accept-{key}", type="primary"):
        if ui.save(lambda: review_actions.accept(key), review_actions.FIGURES_SEED):
            st.rerun()
    correcting = correct.toggle("Correct", key=f"correct-{key}")
    rejecting = reject.toggle("Reject", key=f"reject-{key}")
    if correcting:
        correction_form(figure, f"corr-{key}")
    if rejecting:
        reason = st.text_input("Why it is wrong", key=f"reject-reason-{key}")
        if st.button("Save rejection", key=f"reject-save-{key}"):
            if ui.save(lambda: review_actions.reject(key, reason, ui.reviewer()), review_actions.REJECTED_SEED):
                st.rerun()
    st.divider()


ui.page_start("Review")
page_number = int(st.session_state.get("review_page", 1)) - 1
queue: ReviewPage = ui.load("review_page", page_number, ARTICLES_PER_PAGE)
pages = max(1, -(-queue.articles // ARTICLES_PER_PAGE))
st.caption(f"{queue.figure_count} automatic figures of {queue.articles} articles wait for review (not published: "
           "their confidence is below the threshold or their article contradicts them). Accepting or correcting "
           "one writes a hand figure (the article's hand figures then replace its automatic ones); rejecting "
           "keeps it out of the marts.")
if queue.figures.empty:
    st.success("Nothing waits for review.")
    st.stop()
if pages > 1:
    st.number_input(f"Page (of {pages})", min_value=1, max_value=pages, step=1, key="review_page")

for article_id, figures in queue.figures.groupby("article_id", sort=False):
    title = figures["title"].iloc[0]
    st.header(f"{title or article_id}")
    st.caption(f"{article_id}{' · has hand figures already' if figures['article_has_hand_figures'].iloc[0] else ''}")
    text = ui.load("article_text", article_id)
    for _, figure in figures.iterrows():
        with st.container(border=True):
            left, right = st.columns([3, 2])
            with left:
                figure_card(figure)
            with right:
                st.markdown(f"<div style='max-height:22em;overflow:auto;font-size:0.85em'>"
                            f"{highlighted(text, figure['evidence'])}</div>", unsafe_allow_html=True)
