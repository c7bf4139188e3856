-- The automatic figures the warehouse does not publish, for a person to accept, correct or
-- reject: the least sure first within an article, with how each was read and why it waits.
select
    figures.figure_id,
    figures.article_id,
    articles.title,
    figures.region_name,
    figures.region_code,
    figures.province_name,
    figures.scope,
    figures.status,
    figures.cooperative_type,
    figures.unit,
    figures.value,
    figures.is_approximate,
    figures.as_of_date,
    figures.confidence,
    figures.held_back,
    figures.trace,
    figures.evidence,
    figures.evidence_position,
    figures.article_id in (
        select article_id from {{ ref('int_cooperative_figures') }} where source = 'hand'
    ) as article_has_hand_figures
from {{ ref('fct_cooperative_figures') }} as figures
left join {{ ref('dim_article') }} as articles using (article_id)
where figures.source = 'auto' and not figures.is_published
