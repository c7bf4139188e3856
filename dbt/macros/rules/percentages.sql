{#- A stated percentage agrees with the counts it is a share of: a status's share of all
    cooperatives in the scope, a type's share of its status. -#}
{% macro rule_percent_agrees_with_counts(figures) %}
with figures as ({{ chosen_figure_values(figures) }}),

shares as (
    select
        share.*,
        case when share.cooperative_type = 'all' then 'all' else share.status end as parent_status,
        case when share.cooperative_type = 'all' then share.cooperative_type else 'all' end as parent_type
    from figures as share
    where share.unit = 'percent'
      and not (share.status = 'all' and share.cooperative_type = 'all')
),

compared as (
    select
        shares.*,
        part.value as part_value,
        100 * part.value_low / parent.value_high as computed_low,
        100 * part.value_high / nullif(parent.value_low, 0) as computed_high,
        round(100 * part.value / nullif(parent.value, 0), 2) as computed,
        concat_ws(' … ', parent.evidence, part.evidence) as count_evidence
    from shares
    inner join figures as part
        on part.unit = 'count'
        and part.figure_key = {{ figure_key('shares.source', 'shares.article_id', 'shares.region_code',
            'shares.scope', 'shares.status', 'shares.cooperative_type', "'count'", 'shares.as_of_date') }}
    inner join figures as parent
        on parent.unit = 'count'
        and parent.figure_key = {{ figure_key('shares.source', 'shares.article_id', 'shares.region_code',
            'shares.scope', 'shares.parent_status', 'shares.parent_type', "'count'", 'shares.as_of_date') }}
)

select
    {{ violation_columns('percent_agrees_with_counts', 'compared') }},
    compared.computed as expected,
    compared.value as observed,
    round(compared.value - compared.computed, 2) as difference,
    {{ joined_evidence('compared.count_evidence', 'compared.evidence') }} as evidence
from compared
where compared.computed_high < compared.value_low
   or compared.computed_low > compared.value_high
{% endmacro %}


{#- The same figure (article, region, scope, status, type, unit, date) is never stated with two
    values that cannot both be true. -#}
{% macro rule_one_value_per_figure(figures) %}
with stated as (
    select
        source, article_id, region_code, scope, status, cooperative_type, unit, as_of_date,
        -- two values in one sentence: the smaller first, the larger last (whatever the order of the rows)
        arg_min(value, (evidence_position, value)) filter (where evidence_position is not null) as first_value,
        arg_max(value, (evidence_position, value)) filter (where evidence_position is not null) as last_value,
        max(value_low) as highest_low,
        min(value_high) as lowest_high,
        {{ evidence_in_article_order('evidence', 'evidence_position') }} as evidence
    from {{ figures }}
    group by all
    having count(distinct value) > 1
)

select
    {{ violation_columns('one_value_per_figure', 'stated') }},
    stated.first_value as expected,
    stated.last_value as observed,
    stated.last_value - stated.first_value as difference,
    stated.evidence
from stated
where stated.highest_low > stated.lowest_high
{% endmacro %}
