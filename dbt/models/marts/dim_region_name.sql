-- Every way a region is named, reduced to a lookup key, with the priority of its level:
-- a bare name means the province before the regency/city before the district; a prefix
-- ("Kota Solok", "Kecamatan Blora") only matches regions of that type.
with regions as (
    select * from {{ ref('int_regions') }}
),

aliases as (
    select * from {{ ref('stg_seed__region_aliases') }}
),

names as (
    select region_code, region_name as name, false as is_alias, false as needs_context from regions
    union all
    select region_code, regexp_replace(region_name, '^(Kabupaten|Kota Administrasi|Kota) ', ''), false, false
    from regions where region_type in ('kabupaten', 'kota')
    union all
    select region_code, 'Kota ' || regexp_replace(region_name, '^Kota Administrasi ', ''), false, false
    from regions where region_name like 'Kota Administrasi %'
    union all
    select region_code, 'Provinsi ' || region_name, false, false from regions where region_type = 'provinsi'
    union all
    select region_code, 'Kecamatan ' || region_name, false, false from regions where region_type = 'kecamatan'
    union all
    select region_code, 'Distrik ' || region_name, false, false from regions where region_type = 'distrik'
    union all
    select regions.region_code, aliases.alias, true, aliases.needs_context
    from aliases
    inner join regions on regions.region_name = aliases.official_name
)

select distinct
    {{ region_name_key('names.name') }} as name_key,
    names.region_code,
    regions.region_type,
    case regions.region_type
        when 'nasional' then 0
        when 'provinsi' then 1
        when 'kabupaten' then 2
        when 'kota' then 3
        else 4
    end as level_priority,
    names.is_alias,
    names.needs_context
from names
inner join regions on regions.region_code = names.region_code
