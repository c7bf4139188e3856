-- Total, active, inactive and active share side by side; a missing member is derived from the
-- others where they allow it, and marked `derived` (approximate if any input is approximate).
-- Counted from the authoritative figures only: one answer per article (hand where it has them).
with authoritative as (
    select * from {{ ref('int_cooperative_figures') }} where is_authoritative
),

figures as (
    {{ chosen_figure_values('authoritative') }}
),

stated as (
    select
        source, article_id, region_code, scope, cooperative_type, as_of_date,
        max(value) filter (status = 'all' and unit = 'count') as total,
        max(value) filter (status = 'active' and unit = 'count') as active,
        max(value) filter (status = 'inactive' and unit = 'count') as inactive,
        max(value) filter (status = 'active' and unit = 'percent') as active_share,
        max(value) filter (status = 'inactive' and unit = 'percent') as inactive_share,
        bool_or(is_approximate) filter (status = 'all' and unit = 'count') as total_approx,
        bool_or(is_approximate) filter (status = 'active' and unit = 'count') as active_approx,
        bool_or(is_approximate) filter (status = 'inactive' and unit = 'count') as inactive_approx,
        bool_or(is_approximate) filter (status = 'active' and unit = 'percent') as active_share_approx,
        bool_or(is_approximate) as any_approx
    from figures
    group by all
),

share as (
    select *, coalesce(active_share, 100 - inactive_share) as share_of_active from stated
),

derived as (
    select
        *,
        coalesce(
            total,
            active + inactive,
            round(active * 100 / nullif(share_of_active, 0)),
            round(inactive * 100 / nullif(100 - share_of_active, 0))
        ) as total_value
    from share
),

completed as (
    select
        *,
        coalesce(active, total_value - inactive, round(total_value * share_of_active / 100)) as active_value,
        coalesce(inactive, total_value - active, round(total_value * (100 - share_of_active) / 100))
            as inactive_value
    from derived
)

select
    md5(concat_ws('|', source, article_id, region_code, scope, cooperative_type, coalesce(as_of_date, '')))
        as count_id,
    source,
    article_id,
    region_code,
    scope,
    cooperative_type,
    as_of_date,

    total_value as total,
    case when total is not null then 'stated' when total_value is not null then 'derived' end as total_basis,
    case when total is not null then total_approx when total_value is not null then any_approx end
        as total_is_approximate,

    active_value as active,
    case when active is not null then 'stated' when active_value is not null then 'derived' end as active_basis,
    case when active is not null then active_approx when active_value is not null then any_approx end
        as active_is_approximate,

    inactive_value as inactive,
    case when inactive is not null then 'stated' when inactive_value is not null then 'derived' end
        as inactive_basis,
    case when inactive is not null then inactive_approx when inactive_value is not null then any_approx end
        as inactive_is_approximate,

    coalesce(active_share, round(share_of_active, 2), round(100 * active_value / nullif(total_value, 0), 2))
        as active_share,
    case when active_share is not null then 'stated'
         when coalesce(share_of_active, active_value / nullif(total_value, 0)) is not null then 'derived'
    end as active_share_basis,
    case when active_share is not null then active_share_approx
         when coalesce(share_of_active, active_value / nullif(total_value, 0)) is not null then any_approx
    end as active_share_is_approximate
from completed
