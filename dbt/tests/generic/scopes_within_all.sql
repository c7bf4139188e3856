{#- Consistency rule scopes_within_all (logic: macros/rules/). Fails on unacknowledged
    contradictions of hand-curated figures; every contradiction is listed in marts.dq_findings. -#}
{% test scopes_within_all(model) %}
{{ unreviewed(rule_scopes_within_all(model)) }}
{% endtest %}
