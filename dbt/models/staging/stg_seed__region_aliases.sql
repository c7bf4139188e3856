select
    trim(alias) as alias,
    trim(official_name) as official_name,
    lower(trim(level)) as level,
    coalesce(needs_context, false) as needs_context
from {{ ref('region_aliases') }}
