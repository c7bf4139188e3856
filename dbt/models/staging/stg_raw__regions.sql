select
    trim(region_code) as region_code,
    trim(region_name) as region_name,
    trim(region_type) as region_type,
    nullif(trim(parent_code), '') as parent_code,
    source_version
from {{ source('raw', 'regions') }}
