{#- A breakdown of a parent figure along one dimension (status or type): the parts never add up
    to more than the parent, and add up to exactly it when the breakdown is complete. A
    breakdown of percentages has the parent 100. -#}
{% macro breakdown_violations(figures, rule, dimension, is_part, is_complete) %}
{%- set keys = ['source', 'article_id', 'region_code', 'scope', 'status', 'cooperative_type', 'unit', 'as_of_date']
    | reject('equalto', dimension) | join(', ') -%}
with figures as ({{ chosen_figure_values(figures) }}),

parts as (
    select
        {{ keys }},
        sum(value) as observed,
        sum(value_low) as observed_low,
        sum(value_high) as observed_high,
        {{ is_complete }} as is_complete,
        {{ evidence_in_article_order('evidence', 'evidence_position') }} as evidence
    from figures
    where {{ is_part }}
    group by all
),

parents as (
    select {{ keys }}, {{ dimension }}, value, value_low, value_high, evidence
    from figures
    where {{ dimension }} = 'all' and unit = 'count'
    union all
    select distinct {{ keys }}, 'all', 100, 100, 100, null
    from figures
    where {{ is_part }} and unit = 'percent'
)

select
    {{ violation_columns(rule, 'parents') }},
    parents.value as expected,
    parts.observed,
    parts.observed - parents.value as difference,
    {{ joined_evidence('parents.evidence', 'parts.evidence') }} as evidence
from parents
inner join parts using ({{ keys }})
where parts.observed_low > parents.value_high
   or (parts.is_complete and parts.observed_high < parents.value_low)
{% endmacro %}


{#- Active + inactive = total (percentages: = 100); one status alone never exceeds the total.
    Every cooperative is active or inactive, so the two statuses are a complete breakdown. -#}
{% macro rule_active_plus_inactive_equals_total(figures) %}
{{ breakdown_violations(figures, 'active_plus_inactive_equals_total', 'status',
    is_part="status in ('active', 'inactive')",
    is_complete="count(distinct status) = 2") }}
{% endmacro %}


{#- The types of a status never add up to more than the status, and add up to exactly it where
    the article presents the breakdown as complete ("terdiri dari": breakdown_complete). -#}
{% macro rule_types_within_status(figures) %}
{{ breakdown_violations(figures, 'types_within_status', 'cooperative_type',
    is_part="cooperative_type != 'all'",
    is_complete="bool_or(breakdown_complete)") }}
{% endmacro %}
