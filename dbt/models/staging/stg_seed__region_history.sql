select
    trim(region_code) as region_code,
    established_on,
    trim(split_from_code) as split_from_code,
    trim(legal_basis) as legal_basis
from {{ ref('region_history') }}
