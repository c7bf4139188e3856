select
    trim(figure_id) as figure_id,
    trim(article_id) as article_id,
    trim(reason) as reason,
    trim(rejected_by) as rejected_by,
    rejected_on
from {{ ref('rejected_figures') }}
