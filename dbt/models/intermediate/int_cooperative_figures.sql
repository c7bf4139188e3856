-- Every figure from every extraction source, with the interval its wording allows
-- (hedges, lower bounds, rounded percentages) and where its evidence stands in the article.
with hand as (
    select 'hand' as source, * from {{ ref('stg_seed__cooperative_figures') }}
),

figures as (
    select * from hand  -- automatic extraction (a later source) joins here
),

articles as (
    select article_id, text_normalized from {{ ref('stg_raw__articles') }}
)

select
    md5(concat_ws('|', source, article_id, region_code, scope, status, cooperative_type, unit,
        coalesce(as_of_date, ''), value)) as figure_id,
    {{ figure_key('source', 'article_id', 'region_code', 'scope', 'status', 'cooperative_type', 'unit',
                  'as_of_date') }} as figure_key,
    figures.*,
    {{ figure_interval('low') }} as value_low,
    {{ figure_interval('high') }} as value_high,
    nullif(strpos(articles.text_normalized, figures.evidence), 0) as evidence_position
from figures
left join articles using (article_id)
