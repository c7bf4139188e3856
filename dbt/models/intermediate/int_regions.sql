-- Official regions plus Indonesia itself ('ID'), with the history of provinces created since 2012.
with official as (
    select
        region_code,
        region_name,
        region_type,
        coalesce(parent_code, 'ID') as parent_code
    from {{ ref('stg_raw__regions') }}
),

national as (
    select 'ID' as region_code, 'Indonesia' as region_name, 'nasional' as region_type, null as parent_code
),

regions as (
    select * from official
    union all
    select * from national
),

history as (
    select * from {{ ref('stg_seed__region_history') }}
),

-- The last day a region's territory changed: its own creation, or a split that took part of it.
boundary_changes as (
    select region_code, established_on as changed_on from history
    union all
    select split_from_code, established_on from history
)

select
    regions.region_code,
    regions.region_name,
    regions.region_type,
    regions.parent_code,
    nullif(split_part(regions.region_code, '.', 1), 'ID') as province_code,
    history.established_on,
    history.split_from_code,
    history.legal_basis,
    (select max(changed_on) from boundary_changes where boundary_changes.region_code = regions.region_code)
        as boundaries_changed_on
from regions
left join history on history.region_code = regions.region_code
