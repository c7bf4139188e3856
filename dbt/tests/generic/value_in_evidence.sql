{#- The figure's value can be read from its evidence by the project's Python parser of
    Indonesian numbers (3.027, enam, 5.000-an), registered in DuckDB by the dbt-duckdb plugin
    dagster_project/duckdb_functions.py. Each sentence's numbers come from int_evidence_numbers,
    which parses every distinct sentence once (incrementally); a sentence it lacks is parsed here.
    A figure without evidence is not checked here (not_null is). -#}
{% test value_in_evidence(model, column_name, evidence_column='evidence') %}
with figures as (
    select {{ column_name }} as value, {{ evidence_column }} as evidence
    from {{ model }}
    where {{ evidence_column }} is not null
),
sentences as (
    select wanted.evidence, coalesce(parsed.numbers_read, evidence_numbers(wanted.evidence)) as numbers_read
    from (select distinct evidence from figures) as wanted
    left join {{ ref('int_evidence_numbers') }} as parsed on parsed.evidence = wanted.evidence
)
select figures.value as {{ column_name }}, figures.evidence as {{ evidence_column }}, sentences.numbers_read
from figures
inner join sentences on sentences.evidence = figures.evidence
where len(list_filter(sentences.numbers_read, n -> abs(n - figures.value) < 0.005)) = 0
{% endtest %}
