-- The extractor's figures, typed and trimmed like the hand seeds (stg_seed__cooperative_figures).
-- Only figures read from the article file as loaded now: after an article changes, its old
-- figures wait out of sight until the extraction asset has read it again.
-- Incremental by article: a build types only the figures of articles read since the last one
-- (their extracted_at is new), and the post-hook drops every row no longer current (an article
-- removed, changed, or read again with fewer figures). Any change of code or dbt project makes
-- the Dagster asset run `dbt build --full-refresh` (dagster_project/assets/dbt.py).
{{ config(
    materialized='incremental',
    unique_key=['article_id', 'figure_number'],
    incremental_strategy='delete+insert',
    post_hook="""
        delete from {{ this }} as built where not exists (
            select 1 from {{ source('raw', 'extracted_figures') }} as figures
            inner join {{ source('raw', 'articles') }} as articles
                on articles.article_id = figures.article_id and articles.sha256 = figures.article_sha256
            where figures.article_id = built.article_id and figures.figure_number = built.figure_number
              and figures.extracted_at = built.extracted_at and figures.article_sha256 = built.article_sha256)
    """
) }}
select
    figures.article_id,
    figures.figure_number,
    trim(figures.region_name) as region_name,
    trim(figures.region_code) as region_code,
    lower(trim(figures.scope)) as scope,
    lower(trim(figures.status)) as status,
    lower(trim(figures.cooperative_type)) as cooperative_type,
    lower(trim(figures.unit)) as unit,
    figures.value,
    figures.is_approximate,
    figures.is_lower_bound,
    nullif(trim(figures.as_of_date), '') as as_of_date,
    {{ normalize_whitespace('figures.evidence') }} as evidence,
    figures.trace,
    figures.confidence,
    figures.is_published,
    figures.held_back,
    figures.article_sha256,
    figures.extractor_version,
    figures.extracted_at
from {{ source('raw', 'extracted_figures') }} as figures
inner join {{ source('raw', 'articles') }} as articles
    on articles.article_id = figures.article_id
    and articles.sha256 = figures.article_sha256
{% if is_incremental() %}
where not exists (
    select 1 from {{ this }} as built
    where built.article_id = figures.article_id and built.figure_number = figures.figure_number
      and built.extracted_at = figures.extracted_at and built.article_sha256 = figures.article_sha256
)
{% endif %}
