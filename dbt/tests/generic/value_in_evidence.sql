{#- The figure's value can be read from its evidence by the project's Python parser of
    Indonesian numbers (3.027, enam, 5.000-an), registered in DuckDB by the dbt-duckdb plugin
    dagster_project/duckdb_functions.py. The parser (a Python call per row) reads each distinct
    sentence once: an evidence sentence often states several figures. A figure without evidence
    is not checked here (not_null is). -#}
{% test value_in_evidence(model, column_name, evidence_column='evidence') %}
with figures as (
    select {{ column_name }} as value, {{ evidence_column }} as evidence
    from {{ model }}
    where {{ evidence_column }} is not null
),
sentences as (
    select evidence, evidence_numbers(evidence) as numbers_read
    from (select distinct evidence from figures)
)
select figures.value as {{ column_name }}, figures.evidence as {{ evidence_column }}, sentences.numbers_read
from figures
inner join sentences on sentences.evidence = figures.evidence
where len(list_filter(sentences.numbers_read, n -> abs(n - figures.value) < 0.005)) = 0
{% endtest %}
