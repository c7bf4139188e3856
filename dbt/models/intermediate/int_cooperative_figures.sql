-- Every figure from every extraction source, with the interval its wording allows
-- (hedges, lower bounds, rounded percentages) and where its evidence stands in the article.
-- The hand figures of an article are authoritative; the extractor's published ones are where
-- there are none (a figure read by unreliable constructions, or contradicting its article, waits
-- for review in marts.fct_auto_figures_to_review). An auto figure a person rejected
-- (seeds/rejected_figures.csv) is left out here, so no mart shows it or counts it.
-- Incremental by article (macros/incremental_by_article.sql): a build computes only the articles
-- whose figures, text or hand rows changed, or all of them when the rejections did.
{{ config(
    materialized='incremental',
    unique_key='article_id',
    incremental_strategy='delete+insert',
    post_hook="{{ drop_rows_of_stale_articles(cooperative_figure_inputs()) }}"
) }}
with to_build as materialized (  -- computed once, read by every input
    {{ articles_to_build(cooperative_figure_inputs()) }}
),

hand as (
    select
        'hand' as source,
        *,
        null::double as confidence,
        true as is_published,  -- curated by a person
        null::varchar as held_back
    from {{ ref('stg_seed__cooperative_figures') }}
    where article_id in (select article_id from to_build)
),

auto as (
    select
        'auto' as source,
        article_id,
        region_name,
        region_code,
        scope,
        status,
        cooperative_type,
        unit,
        value,
        is_approximate,
        is_lower_bound,
        as_of_date,
        evidence,
        trace,
        confidence,
        is_published,
        held_back,
        false as breakdown_complete  -- the extractor does not judge a breakdown complete
    from {{ ref('stg_raw__extracted_figures') }}
    where article_id in (select article_id from to_build)
),

unioned as (
    select * from hand
    union all by name
    select * from auto
),

identified as (
    select
        md5(concat_ws('|', source, article_id, region_code, scope, status, cooperative_type, unit,
            coalesce(as_of_date, ''), value)) as figure_id,
        *
    from unioned
),

figures as (
    select * from identified
    where source = 'hand' or figure_id not in (select figure_id from {{ ref('stg_seed__rejected_figures') }})
),

articles as (
    select article_id, text_normalized from {{ ref('stg_raw__articles') }}
    where article_id in (select article_id from to_build)
)

select
    figures.figure_id,
    {{ figure_key('source', 'article_id', 'region_code', 'scope', 'status', 'cooperative_type', 'unit',
                  'as_of_date') }} as figure_key,
    figures.* exclude (figure_id),
    figures.source = 'hand'
        or (figures.is_published and figures.article_id not in (select article_id from hand)) as is_authoritative,
    {{ figure_interval('low') }} as value_low,
    {{ figure_interval('high') }} as value_high,
    nullif(strpos(articles.text_normalized, figures.evidence), 0) as evidence_position,
    to_build.inputs_digest
from figures
left join articles using (article_id)
inner join to_build using (article_id)
