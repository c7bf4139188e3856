-- The extractor's figures, typed and trimmed like the hand seeds (stg_seed__cooperative_figures).
-- Only figures read from the article file as loaded now: after an article changes, its old
-- figures wait out of sight until the extraction asset has read it again.
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
