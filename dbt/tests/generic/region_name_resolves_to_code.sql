{#- The region as the article names it resolves to the stated code through official names and
    aliases: a bare name means the province before the regency/city before the district;
    "Kota X", "Kecamatan X" only match that type. -#}
{% test region_name_resolves_to_code(model, column_name, code_column='region_code') %}
with candidates as (
    select
        figures.{{ column_name }} as region_name,
        figures.{{ code_column }} as region_code,
        names.region_code as candidate_code,
        names.level_priority,
        min(names.level_priority) over (partition by figures.{{ column_name }}, figures.{{ code_column }})
            as best_priority
    from (select distinct {{ column_name }}, {{ code_column }} from {{ model }}) as figures
    left join {{ ref('dim_region_name') }} as names
        on names.name_key = {{ region_name_key('figures.' ~ column_name) }}
)

select region_name, region_code, string_agg(candidate_code, ', ') as resolves_to
from candidates
where level_priority is not distinct from best_priority
group by region_name, region_code
having not bool_or(candidate_code is not distinct from region_code)
{% endtest %}
