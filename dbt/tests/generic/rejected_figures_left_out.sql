{#- A figure a person rejected (seeds/rejected_figures.csv) is in no mart: never authoritative,
    never counted, never back in the review queue. -#}
{% test rejected_figures_left_out(model, column_name='figure_id') %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} in (select figure_id from {{ ref('stg_seed__rejected_figures') }})
{% endtest %}
