-- The articles the extractor has read, of those loaded now; is_current tells whether it read
-- the file as loaded now or an older version of it.
select
    extracted.article_id,
    extracted.article_sha256,
    extracted.article_sha256 = articles.sha256 as is_current,
    extracted.extractor_version,
    extracted.extracted_at,
    extracted.figure_count
from {{ source('raw', 'extracted_articles') }} as extracted
inner join {{ source('raw', 'articles') }} as articles using (article_id)
