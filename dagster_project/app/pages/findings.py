"""Findings: the consistency findings with expected and observed values and the sentences
involved; acknowledging one (a reason and a name) writes seeds/acknowledged_findings.csv."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dagster_project.app import review_actions, ui

MAX_SHOWN = 500

ui.page_start("Findings")
findings: pd.DataFrame = ui.load("findings")
if findings.empty:
    st.success("No finding: every source is consistent.")
    st.stop()

open_count = int((~findings["acknowledged"]).sum())
st.caption(f"{len(findings)} findings, {open_count} not acknowledged. A finding of hand figures fails the "
           "build until acknowledged; one of automatic figures is only reported (its figures wait for review).")
wanted = st.text_input("Filter by article, region or finding id", key="findings_filter").strip().lower()
if wanted:
    findings = findings[findings["article_id"].str.lower().str.contains(wanted, regex=False)
                        | findings["region_name"].fillna("").str.lower().str.contains(wanted, regex=False)
                        | findings["finding_id"].str.lower().str.contains(wanted, regex=False)]
if len(findings) > MAX_SHOWN:  # thousands at scale: the unacknowledged hand findings come first
    st.caption(f"The first {MAX_SHOWN} of {len(findings)} shown; filter to find others.")
    findings = findings.head(MAX_SHOWN)
if findings.empty:
    st.info("No finding matches.")
    st.stop()
table = findings.assign(expected=[ui.number(v) for v in findings["expected"]],
                        observed=[ui.number(v) for v in findings["observed"]])[
    ["finding_id", "rule", "source", "article_id", "region_name", "status", "unit", "as_of_date", "expected",
     "observed", "acknowledged", "evidence"]]
st.dataframe(table, hide_index=True, width="stretch", key="findings_table")

# one row per finding id (the hand and the auto finding of one contradiction share it, and one
# acknowledgement covers both)
by_id = findings.drop_duplicates("finding_id").set_index("finding_id")
finding_id = st.selectbox(
    "Finding", list(by_id.index), key="finding",
    format_func=lambda f: f"{f} {by_id.at[f, 'rule']} {by_id.at[f, 'article_id']} {by_id.at[f, 'region_name']}"
                          f"{' (acknowledged)' if by_id.at[f, 'acknowledged'] else ''}")
finding = by_id.loc[finding_id]
st.markdown(f"**{finding['rule']}** in `{finding['article_id']}`, {finding['region_name']} "
            f"({finding['scope']}, {finding['status']}, {finding['cooperative_type']}, {finding['unit']}, "
            f"{finding['as_of_date'] or 'no date'})")
left, right = st.columns(2)
left.metric("Expected", ui.number(finding["expected"]))
right.metric("Observed", ui.number(finding["observed"]))
for sentence in str(finding["evidence"]).split(" … "):
    st.markdown(f"> {sentence}")

if finding["acknowledged"]:
    st.success(f"Acknowledged: {finding['acknowledgement_reason']}")
else:
    reason = st.text_area("Why the finding is accepted (what the source says, what was checked)",
                          key=f"ack-reason-{finding_id}")
    if st.button("Acknowledge", key=f"ack-{finding_id}", type="primary"):
        if ui.save(lambda: review_actions.acknowledge(finding_id, reason, ui.reviewer()),
                   review_actions.ACKNOWLEDGED_SEED):
            st.rerun()
