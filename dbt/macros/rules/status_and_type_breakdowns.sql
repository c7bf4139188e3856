{#- Active + inactive = total (counts), or = 100 (percentages). A single stated status never
    exceeds the total. -#}
{% macro rule_active_plus_inactive_equals_total(figures) %}
with figures as ({{ chosen_figure_values(figures) }}),

parts as (
    select
        source, article_id, region_code, scope, cooperative_type, unit, as_of_date,
        count(*) as part_count,
        sum(value) as observed,
        sum(value_low) as observed_low,
        sum(value_high) as observed_high,
        string_agg(distinct evidence, ' … ') as evidence
    from figures
    where status in ('active', 'inactive')
    group by all
),

totals as (
    select source, article_id, region_code, scope, 'all' as status, cooperative_type, unit, as_of_date,
           value, value_low, value_high, evidence
    from figures
    where status = 'all' and unit = 'count'
    union all
    -- percentages of the statuses are shares of the whole: their total is 100
    select distinct source, article_id, region_code, scope, 'all', cooperative_type, unit, as_of_date,
           100, 100, 100, null
    from figures
    where status in ('active', 'inactive') and unit = 'percent'
)

select
    {{ violation_columns('active_plus_inactive_equals_total', 'totals') }},
    totals.value as expected,
    parts.observed,
    parts.observed - totals.value as difference,
    {{ joined_evidence('totals.evidence', 'parts.evidence') }} as evidence
from totals
inner join parts using (source, article_id, region_code, scope, cooperative_type, unit, as_of_date)
where (parts.part_count = 2 and (parts.observed_high < totals.value_low or parts.observed_low > totals.value_high))
   or (parts.part_count = 1 and parts.observed_low > totals.value_high)
{% endmacro %}


{#- The types of a status never add up to more than the status, and add up to exactly it where
    the article presents the breakdown as complete ("terdiri dari", breakdown_complete). -#}
{% macro rule_types_within_status(figures) %}
with figures as ({{ chosen_figure_values(figures) }}),

parts as (
    select
        source, article_id, region_code, scope, status, unit, as_of_date,
        sum(value) as observed,
        sum(value_low) as observed_low,
        sum(value_high) as observed_high,
        bool_or(breakdown_complete) as is_complete,
        string_agg(distinct evidence, ' … ') as evidence
    from figures
    where cooperative_type != 'all'
    group by all
),

parents as (
    select source, article_id, region_code, scope, status, cooperative_type, unit, as_of_date,
           value, value_low, value_high, evidence
    from figures
    where cooperative_type = 'all' and unit = 'count'
    union all
    -- a type's percentage is a share of its status: the types' total is 100
    select distinct source, article_id, region_code, scope, status, 'all', unit, as_of_date,
           100, 100, 100, null
    from figures
    where cooperative_type != 'all' and unit = 'percent'
)

select
    {{ violation_columns('types_within_status', 'parents') }},
    parents.value as expected,
    parts.observed,
    parts.observed - parents.value as difference,
    {{ joined_evidence('parents.evidence', 'parts.evidence') }} as evidence
from parents
inner join parts using (source, article_id, region_code, scope, status, unit, as_of_date)
where parts.observed_low > parents.value_high
   or (parts.is_complete and parts.observed_high < parents.value_low)
{% endmacro %}
