{#- Consistency rule regions_within_parent_region (logic: macros/rules/). Fails on unacknowledged
    contradictions of hand-curated figures; every contradiction is listed in marts.dq_findings. -#}
{% test regions_within_parent_region(model) %}
{{ unreviewed(rule_regions_within_parent_region(model)) }}
{% endtest %}
