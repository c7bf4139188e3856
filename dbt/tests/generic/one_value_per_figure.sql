{#- Consistency rule one_value_per_figure (logic: macros/rules/). Fails on unacknowledged
    contradictions of hand-curated figures; every contradiction is listed in marts.dq_findings. -#}
{% test one_value_per_figure(model) %}
{{ unreviewed(rule_one_value_per_figure(model)) }}
{% endtest %}
