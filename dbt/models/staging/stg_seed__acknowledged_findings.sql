select
    trim(finding_id) as finding_id,
    trim(reason) as reason,
    trim(acknowledged_by) as acknowledged_by,
    acknowledged_on
from {{ ref('acknowledged_findings') }}
