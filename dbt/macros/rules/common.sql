{#- The interval a figure's wording allows. Documented tolerances (dbt_project.yml vars):
    a hedge (sekitar, kurang lebih, -an) allows approximate_tolerance either way; a lower
    bound (lebih dari, sedikitnya) is one-sided: the true value is at least the figure;
    a percentage may be rounded by percent_rounding_tolerance. -#}
{% macro figure_interval(side) -%}
    {%- set tolerance = var('approximate_tolerance') -%}
    {%- set rounding = "case when unit = 'percent' then " ~ var('percent_rounding_tolerance') ~ " else 0 end" -%}
    {%- if side == 'low' -%}
        case when is_lower_bound or not is_approximate then value else value * (1 - {{ tolerance }}) end - {{ rounding }}
    {%- else -%}
        case when is_lower_bound then 'infinity'::double
             when is_approximate then value * (1 + {{ tolerance }})
             else value end + {{ rounding }}
    {%- endif -%}
{%- endmacro %}

{#- One value per figure: where a figure is stated twice with different values (a finding of
    its own), the other rules use the value stated last, normally the body's sentence. -#}
{% macro chosen_figure_values(figures) -%}
    select * from {{ figures }}
    qualify row_number() over (
        partition by figure_key order by evidence_position desc nulls last, value, figure_id
    ) = 1
{%- endmacro %}

{#- The distinct evidence sentences of a group of figures, in article order (sentences whose
    position is unknown last, ties by their text), joined: the same text whatever other
    articles a build reads (an incremental build reads only those it changes). -#}
{% macro evidence_in_article_order(evidence, position) -%}
    nullif(array_to_string(list_transform(
        list_sort(list_distinct(
            list({'position': coalesce({{ position }}, 2147483647), 'sentence': {{ evidence }}})
                filter (where {{ evidence }} is not null))),
        sentence -> sentence.sentence), ' … '), '')
{%- endmacro %}

{#- Identity of a figure without its value: two rows share it when an article states the same
    figure twice. -#}
{% macro figure_key(source, article_id, region_code, scope, status, cooperative_type, unit, as_of_date) -%}
    md5(concat_ws('|', {{ source }}, {{ article_id }}, {{ region_code }}, {{ scope }}, {{ status }},
        {{ cooperative_type }}, {{ unit }}, coalesce({{ as_of_date }}, '')))
{%- endmacro %}

{#- Stable identity of a finding: the same whoever extracted the figures. The counts and the
    percentages of one place are checked apart, so the unit is part of it; for counts it is left
    out (concat_ws skips a null), which keeps the identities acknowledged before it was added. -#}
{% macro finding_id(rule, article_id, region_code, scope, status, cooperative_type, unit, as_of_date) -%}
    'F-' || left(md5(concat_ws('|', {{ rule }}, {{ article_id }}, {{ region_code }}, {{ scope }},
        {{ status }}, {{ cooperative_type }}, nullif({{ unit }}, 'count'), coalesce({{ as_of_date }}, ''))), 12)
{%- endmacro %}

{#- The evidence of a parent figure, then its parts', each sentence once. -#}
{% macro joined_evidence(parent_evidence, parts_evidence) -%}
    case when {{ parts_evidence }} = {{ parent_evidence }} then {{ parent_evidence }}
         else concat_ws(' … ', {{ parent_evidence }}, {{ parts_evidence }}) end
{%- endmacro %}

{#- Final shape of every rule's violations (parent = the figure the others are checked against). -#}
{% macro violation_columns(rule, parent) -%}
    '{{ rule }}' as rule,
    {{ parent }}.source,
    {{ parent }}.article_id,
    {{ parent }}.region_code,
    {{ parent }}.scope,
    {{ parent }}.status,
    {{ parent }}.cooperative_type,
    {{ parent }}.unit,
    {{ parent }}.as_of_date,
    {{ finding_id("'" ~ rule ~ "'", parent ~ '.article_id', parent ~ '.region_code', parent ~ '.scope',
                  parent ~ '.status', parent ~ '.cooperative_type', parent ~ '.unit',
                  parent ~ '.as_of_date') }} as finding_id
{%- endmacro %}

{#- Test wrapper: a violation breaks the build while it comes from hand-curated figures and
    nobody has acknowledged it in seeds/acknowledged_findings.csv (then it is only reported in
    marts.dq_findings, as are all contradictions of automatically extracted articles). -#}
{% macro unreviewed(violations_sql) -%}
    select violations.*
    from ({{ violations_sql }}) as violations
    where violations.source = 'hand'
      and violations.finding_id not in (
          select finding_id from {{ ref('stg_seed__acknowledged_findings') }}
      )
{%- endmacro %}
