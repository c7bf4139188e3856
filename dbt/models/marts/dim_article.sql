-- One row per article; a metadata seed row wins over the file's own header lines.
with articles as (
    select * from {{ ref('stg_raw__articles') }}
),

metadata as (
    select * from {{ ref('stg_seed__article_metadata') }}
),

extracted as (
    select * from {{ ref('stg_raw__extracted_articles') }}
),

figures as (
    select article_id, source, count(*) as figure_count
    from {{ ref('int_cooperative_figures') }}
    group by all
)

select
    articles.article_id,
    articles.file_name,
    coalesce(metadata.title, articles.header_title) as title,
    coalesce(metadata.publisher, articles.header_source) as publisher,
    metadata.url,
    coalesce(strftime(metadata.published_date, '%Y-%m-%d'), articles.header_date) as published_date,
    metadata.dateline_place,
    metadata.article_id is not null as has_curated_metadata,
    coalesce((select figure_count from figures where figures.article_id = articles.article_id
              and figures.source = 'hand'), 0) as hand_figure_count,
    coalesce((select figure_count from figures where figures.article_id = articles.article_id
              and figures.source = 'auto'), 0) as auto_figure_count,
    extracted.extracted_at,
    extracted.extractor_version,
    coalesce(extracted.is_current, false) as extraction_is_current,
    length(articles.text) as text_length,
    articles.size_bytes,
    articles.sha256,
    articles.loaded_at
from articles
left join metadata using (article_id)
left join extracted using (article_id)
