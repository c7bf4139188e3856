select
    regions.region_code,
    regions.region_name,
    regions.region_type,
    regions.parent_code,
    regions.province_code,
    provinces.region_name as province_name,
    regions.established_on,
    regions.split_from_code,
    regions.legal_basis,
    regions.boundaries_changed_on
from {{ ref('int_regions') }} as regions
left join {{ ref('int_regions') }} as provinces on provinces.region_code = regions.province_code
