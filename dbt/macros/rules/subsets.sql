{#- A subset scope (primary, province-supervised, ...) never counts more cooperatives than
    all cooperatives of the same region, status and type. Scopes overlap, so each is checked
    on its own. -#}
{% macro rule_scopes_within_all(figures) %}
with figures as ({{ chosen_figure_values(figures) }})

select
    {{ violation_columns('scopes_within_all', 'part') }},
    parent.value as expected,
    part.value as observed,
    part.value - parent.value as difference,
    {{ joined_evidence('parent.evidence', 'part.evidence') }} as evidence
from figures as part
inner join figures as parent
    on parent.source = part.source
    and parent.article_id = part.article_id
    and parent.region_code = part.region_code
    and parent.status = part.status
    and parent.cooperative_type = part.cooperative_type
    and parent.unit = part.unit
    and parent.as_of_date is not distinct from part.as_of_date
    and parent.scope = 'all'
where part.scope != 'all'
  and part.unit = 'count'
  and part.value_low > parent.value_high
{% endmacro %}


{#- The regions inside a region (its regencies, or its districts) never add up to more
    cooperatives than the region itself, within one article. -#}
{% macro rule_regions_within_parent_region(figures) %}
with figures as ({{ chosen_figure_values(figures) }}),

parts as (
    select
        figures.source, figures.article_id, regions.parent_code as region_code, figures.scope,
        figures.status, figures.cooperative_type, figures.unit, figures.as_of_date,
        sum(figures.value) as observed,
        sum(figures.value_low) as observed_low,
        {{ evidence_in_article_order('figures.evidence', 'figures.evidence_position') }} as evidence
    from figures
    inner join {{ ref('int_regions') }} as regions on regions.region_code = figures.region_code
    where figures.unit = 'count' and regions.parent_code is not null
    group by all
)

select
    {{ violation_columns('regions_within_parent_region', 'parent') }},
    parent.value as expected,
    parts.observed,
    parts.observed - parent.value as difference,
    {{ joined_evidence('parent.evidence', 'parts.evidence') }} as evidence
from figures as parent
inner join parts using (source, article_id, region_code, scope, status, cooperative_type, unit, as_of_date)
where parts.observed_low > parent.value_high
{% endmacro %}
