{#- Consistency rule active_plus_inactive_equals_total (logic: macros/rules/). Fails on unacknowledged
    contradictions of hand-curated figures; every contradiction is listed in marts.dq_findings. -#}
{% test active_plus_inactive_equals_total(model) %}
{{ unreviewed(rule_active_plus_inactive_equals_total(model)) }}
{% endtest %}
