select
    trim(article_id) as article_id,
    trim(region_name) as region_name,
    trim(region_code) as region_code,
    lower(trim(scope)) as scope,
    lower(trim(status)) as status,
    lower(trim(cooperative_type)) as cooperative_type,
    lower(trim(unit)) as unit,
    value,
    coalesce(is_approximate, false) as is_approximate,
    coalesce(is_lower_bound, false) as is_lower_bound,
    nullif(trim(as_of_date), '') as as_of_date,
    {{ normalize_whitespace('evidence') }} as evidence,
    coalesce(breakdown_complete, false) as breakdown_complete
from {{ ref('cooperative_figures') }}
