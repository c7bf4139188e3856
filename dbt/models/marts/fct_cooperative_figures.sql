-- One row per stated figure, tied to its region and to the sentence it came from; hand and
-- automatically extracted figures side by side, the article's authoritative source marked (an
-- auto figure only when published).
select
    figures.figure_id,
    figures.figure_key,
    figures.source,
    figures.is_authoritative,
    figures.article_id,
    figures.region_name,
    figures.region_code,
    regions.region_type,
    regions.province_code,
    regions.province_name,
    figures.scope,
    figures.status,
    figures.cooperative_type,
    figures.unit,
    figures.value,
    figures.is_approximate,
    figures.is_lower_bound,
    figures.value_low,
    figures.value_high,
    figures.as_of_date,
    figures.evidence,
    figures.evidence_position,
    figures.breakdown_complete,
    figures.trace,
    figures.confidence,
    figures.is_published,
    figures.held_back,
    coalesce(
        {{ period_start('figures.as_of_date') }} < regions.boundaries_changed_on, false
    ) as counted_on_old_boundaries
from {{ ref('int_cooperative_figures') }} as figures
left join {{ ref('dim_region') }} as regions using (region_code)
