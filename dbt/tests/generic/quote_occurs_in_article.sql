{#- Every evidence quote occurs in its article, whitespace-normalized on both sides (every run of
    whitespace, U+00A0 included, is one space). -#}
{% test quote_occurs_in_article(model, column_name, article_column='article_id') %}
select figures.{{ article_column }}, figures.{{ column_name }}
from {{ model }} as figures
left join {{ ref('stg_raw__articles') }} as articles
    on articles.article_id = figures.{{ article_column }}
where articles.article_id is null
   or strpos(articles.text_normalized, {{ normalize_whitespace('figures.' ~ column_name) }}) = 0
{% endtest %}
