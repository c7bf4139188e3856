-- Every contradiction between figures, one row per rule and place (rules: macros/rules/).
-- Every rule compares figures of one article: incremental by article
-- (macros/incremental_by_article.sql), a build checks only the articles whose figures changed,
-- or all of them when the regions did.
{{ config(
    materialized='incremental',
    unique_key='article_id',
    incremental_strategy='delete+insert',
    post_hook="{{ drop_rows_of_stale_articles(consistency_violation_inputs()) }}"
) }}
{% set figures -%}
    (select * from {{ ref('int_cooperative_figures') }} where article_id in (select article_id from to_build))
{%- endset %}
{% set rules = [
    rule_active_plus_inactive_equals_total,
    rule_types_within_status,
    rule_scopes_within_all,
    rule_regions_within_parent_region,
    rule_percent_agrees_with_counts,
    rule_one_value_per_figure,
] %}
with to_build as materialized (  -- computed once, read by every input and rule
    {{ articles_to_build(consistency_violation_inputs()) }}
),

violations as (
{% for rule in rules %}
select * from ({{ rule(figures) }})
{% if not loop.last %}union all by name{% endif %}
{% endfor %}
)

select violations.*, to_build.inputs_digest
from violations
inner join to_build using (article_id)
