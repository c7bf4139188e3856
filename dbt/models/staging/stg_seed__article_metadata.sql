select
    trim(article_id) as article_id,
    nullif(trim(title), '') as title,
    nullif(trim(publisher), '') as publisher,
    nullif(trim(url), '') as url,
    published_date,
    nullif(trim(dateline_place), '') as dateline_place
from {{ ref('article_metadata') }}
