{#- Every article's figures have exactly one authoritative source, all of whose figures are
    authoritative, and it is hand where the article has hand figures. -#}
{% test one_authoritative_source_per_article(model) %}
select
    article_id,
    string_agg(distinct source, ', ') filter (is_authoritative) as authoritative_sources,
    bool_or(source = 'hand') as has_hand_figures
from {{ model }}
group by article_id
having count(distinct source) filter (is_authoritative) != 1
    or count(distinct (source, is_authoritative)) != count(distinct source)
    or bool_or(source = 'hand') and bool_or(is_authoritative and source = 'auto')
{% endtest %}
