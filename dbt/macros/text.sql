{#- Every run of whitespace (U+00A0 and other Unicode spaces included) becomes one space. -#}
{% macro normalize_whitespace(expr) -%}
    trim(regexp_replace({{ expr }}, '[\s\pZ]+', ' ', 'g'))
{%- endmacro %}

{#- A region name as news writes it, reduced to a lookup key: lower case, punctuation gone,
    abbreviated prefixes spelled out ("Kab. Banyuasin" -> "kabupaten banyuasin"). -#}
{% macro region_name_key(expr) -%}
    regexp_replace(
        regexp_replace(
            regexp_replace(
                regexp_replace(
                    trim(regexp_replace(regexp_replace(lower({{ expr }}), '[^a-z0-9]+', ' ', 'g'), '\s+', ' ', 'g')),
                    '^kab ', 'kabupaten '),
                '^(prov|propinsi) ', 'provinsi '),
            '^kec ', 'kecamatan '),
        '^kota adm ', 'kota administrasi ')
{%- endmacro %}

{#- First day of an ISO period given at year, month or day precision ('2023', '2023-06'). -#}
{% macro period_start(expr) -%}
    case length({{ expr }})
        when 4 then make_date(cast({{ expr }} as integer), 1, 1)
        when 7 then make_date(cast(left({{ expr }}, 4) as integer), cast(right({{ expr }}, 2) as integer), 1)
        else cast({{ expr }} as date)
    end
{%- endmacro %}

{# A real ISO 8601 period at the precision given (2023, 2023-06, 2023-06-13): the shape, and a
   date SQL can cast (no 2023-02-30), as dagster_project/domain/periods.py checks it. #}
{% macro is_real_period(column) -%}
    (regexp_full_match({{ column }}, '[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?')
     and try_cast(case length({{ column }}) when 4 then {{ column }} || '-01-01'
                  when 7 then {{ column }} || '-01' else {{ column }} end as date) is not null)
{%- endmacro %}
