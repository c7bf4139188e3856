-- Every contradiction between figures, one row per rule and place (rules: macros/rules/).
{% set figures = ref('int_cooperative_figures') %}
{% set rules = [
    rule_active_plus_inactive_equals_total,
    rule_types_within_status,
    rule_scopes_within_all,
    rule_regions_within_parent_region,
    rule_percent_agrees_with_counts,
    rule_one_value_per_figure,
] %}
{% for rule in rules %}
select * from ({{ rule(figures) }})
{% if not loop.last %}union all by name{% endif %}
{% endfor %}
