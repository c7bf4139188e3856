{#- Consistency rule types_within_status (logic: macros/rules/). Fails on unacknowledged
    contradictions of hand-curated figures; every contradiction is listed in marts.dq_findings. -#}
{% test types_within_status(model) %}
{{ unreviewed(rule_types_within_status(model)) }}
{% endtest %}
