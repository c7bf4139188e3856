-- The numbers the project's Python parser of Indonesian numbers (dagster_project/domain/numbers.py,
-- registered by the dbt-duckdb plugin dagster_project/duckdb_functions.py) reads in each distinct
-- evidence sentence, for the value_in_evidence test. The parser is a Python call per sentence, so
-- the model is incremental: a build parses only the sentences it has not parsed before and drops
-- those no figure states any more (post-hook), whether articles or the hand figures changed. A
-- change of code makes the Dagster asset run `dbt build --full-refresh`, which parses every
-- sentence again.
{{ config(
    materialized='incremental',
    unique_key='evidence',
    incremental_strategy='delete+insert',
    post_hook="delete from {{ this }} where evidence not in (select evidence from {{ ref('stg_raw__extracted_figures') }} where evidence is not null union select evidence from {{ ref('stg_seed__cooperative_figures') }} where evidence is not null)"
) }}
with sentences as (
    select evidence from {{ ref('stg_raw__extracted_figures') }} where evidence is not null
    union
    select evidence from {{ ref('stg_seed__cooperative_figures') }} where evidence is not null
)

select evidence, evidence_numbers(evidence) as numbers_read
from sentences
{% if is_incremental() %}
where evidence not in (select evidence from {{ this }})
{% endif %}
