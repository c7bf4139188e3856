{#- No published automatic figure is part of a contradiction of its article: the extractor holds
    such figures back (domain/extraction/consistency.py, the same rules in Python); this checks
    it against the warehouse's own findings. A finding involves its region and, for
    regions_within_parent_region, the regions inside it. -#}
{% test published_figures_contradict_nothing(model) %}
select figures.*
from {{ model }} as figures
inner join {{ ref('int_regions') }} as regions using (region_code)
inner join {{ ref('int_consistency_violations') }} as violations
    on violations.source = 'auto'
    and violations.article_id = figures.article_id
    and (violations.region_code = figures.region_code
         or (violations.rule = 'regions_within_parent_region' and violations.region_code = regions.parent_code))
where figures.source = 'auto' and figures.is_published
{% endtest %}
