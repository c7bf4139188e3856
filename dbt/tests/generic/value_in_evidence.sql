{#- The figure's value can be read from its evidence by the project's Python parser of
    Indonesian numbers (3.027, enam, 5.000-an), registered in DuckDB by the dbt-duckdb plugin
    dagster_project/duckdb_functions.py. -#}
{% test value_in_evidence(model, column_name, evidence_column='evidence') %}
select {{ column_name }}, {{ evidence_column }}, evidence_numbers({{ evidence_column }}) as numbers_read
from {{ model }}
where len(list_filter(evidence_numbers({{ evidence_column }}), n -> abs(n - {{ column_name }}) < 0.005)) = 0
{% endtest %}
