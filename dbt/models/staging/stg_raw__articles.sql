select
    article_id,
    file_name,
    text,
    {{ normalize_whitespace('text') }} as text_normalized,
    header_title,
    header_source,
    header_date,
    sha256,
    size_bytes,
    loaded_at
from {{ source('raw', 'articles') }}
