{#- Consistency rule percent_agrees_with_counts (logic: macros/rules/). Fails on unacknowledged
    contradictions of hand-curated figures; every contradiction is listed in marts.dq_findings. -#}
{% test percent_agrees_with_counts(model) %}
{{ unreviewed(rule_percent_agrees_with_counts(model)) }}
{% endtest %}
