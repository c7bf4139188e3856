{#- Warns with the number of contradictions inside the sources (acknowledged ones, and all of
    automatically extracted articles): they are data-quality findings, not build errors. -#}
{% test source_contradictions_reported(model) %}
select finding_id, rule, article_id, region_code, expected, observed
from {{ model }}
{% endtest %}
