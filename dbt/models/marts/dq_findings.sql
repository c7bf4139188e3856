-- Contradictions inside the sources, reported with the article and sentence; never fixed.
select
    violations.finding_id,
    violations.rule,
    violations.source,
    violations.article_id,
    violations.region_code,
    regions.region_name,
    violations.scope,
    violations.status,
    violations.cooperative_type,
    violations.unit,
    violations.as_of_date,
    violations.expected,
    violations.observed,
    violations.difference,
    violations.evidence,
    acknowledged.finding_id is not null as acknowledged,
    acknowledged.reason as acknowledgement_reason
from {{ ref('int_consistency_violations') }} as violations
left join {{ ref('dim_region') }} as regions using (region_code)
left join {{ ref('stg_seed__acknowledged_findings') }} as acknowledged using (finding_id)
