-- Total, active, inactive and active share side by side; a missing member is derived from the
-- others where they allow it, and marked `derived` (approximate if any input is approximate).
-- Counted from the authoritative figures only: one answer per article (hand where it has them).
-- Nothing is derived from figures that contradict each other (a finding in dq_findings), and a
-- derived member that cannot be true (a negative remainder of hedged figures, a share above 100)
-- is left empty: a derivation must never turn a source's contradiction into a published fact.
with authoritative as (
    select * from {{ ref('int_cooperative_figures') }} where is_authoritative
),

figures as (
    {{ chosen_figure_values('authoritative') }}
),

-- The contradictions among the members of one row: its statuses against its total, its shares
-- against its counts, a member stated twice with different values.
contradicted as (
    select distinct source, article_id, region_code, scope, cooperative_type, as_of_date
    from {{ ref('int_consistency_violations') }}
    where rule in ('active_plus_inactive_equals_total', 'percent_agrees_with_counts', 'one_value_per_figure')
),

-- A percentage of a type is its share of its status (seeds/_seeds.yml), not the type's active
-- share: only the shares of all cooperatives (type all) are shares of active and inactive here.
stated as (
    select
        source, article_id, region_code, scope, cooperative_type, as_of_date,
        max(value) filter (status = 'all' and unit = 'count') as total,
        max(value) filter (status = 'active' and unit = 'count') as active,
        max(value) filter (status = 'inactive' and unit = 'count') as inactive,
        max(value) filter (status = 'active' and unit = 'percent' and cooperative_type = 'all') as active_share,
        max(value) filter (status = 'inactive' and unit = 'percent' and cooperative_type = 'all')
            as inactive_share,
        bool_or(is_approximate) filter (status = 'all' and unit = 'count') as total_approx,
        bool_or(is_approximate) filter (status = 'active' and unit = 'count') as active_approx,
        bool_or(is_approximate) filter (status = 'inactive' and unit = 'count') as inactive_approx,
        bool_or(is_approximate) filter (status = 'active' and unit = 'percent') as active_share_approx,
        bool_or(is_approximate) as any_approx
    from figures
    group by all
),

flagged as (
    select
        stated.*,
        exists (
            select 1 from contradicted
            where contradicted.source = stated.source
              and contradicted.article_id = stated.article_id
              and contradicted.region_code = stated.region_code
              and contradicted.scope = stated.scope
              and contradicted.cooperative_type = stated.cooperative_type
              and contradicted.as_of_date is not distinct from stated.as_of_date
        ) as is_contradictory
    from stated
),

share as (
    select
        *,
        case when not is_contradictory then coalesce(active_share, 100 - inactive_share) end as share_of_active
    from flagged
),

derived as (
    select
        *,
        case when is_contradictory then total else coalesce(
            total,
            active + inactive,
            round(active * 100 / nullif(share_of_active, 0)),
            round(inactive * 100 / nullif(100 - share_of_active, 0))
        ) end as total_value
    from share
),

completed as (
    select
        *,
        case when is_contradictory then active
             else coalesce(active, total_value - inactive, round(total_value * share_of_active / 100)) end
            as active_candidate,
        case when is_contradictory then inactive
             else coalesce(inactive, total_value - active, round(total_value * (100 - share_of_active) / 100)) end
            as inactive_candidate
    from derived
),

-- Hedged inputs may leave a negative remainder (about 5 000 in all, 5 200 active): not a count.
possible as (
    select
        *,
        case when active_candidate >= 0 then active_candidate end as active_value,
        case when inactive_candidate >= 0 then inactive_candidate end as inactive_value
    from completed
),

shared as (
    select
        *,
        coalesce(
            active_share,
            case when not is_contradictory then coalesce(
                round(share_of_active, 2),
                -- a share above 100 from hedged counts is not a share
                case when active_value <= total_value then round(100 * active_value / nullif(total_value, 0), 2) end
            ) end
        ) as active_share_value
    from possible
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
    is_contradictory,

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

    active_share_value as active_share,
    case when active_share is not null then 'stated' when active_share_value is not null then 'derived' end
        as active_share_basis,
    case when active_share is not null then active_share_approx when active_share_value is not null then any_approx end
        as active_share_is_approximate
from shared
