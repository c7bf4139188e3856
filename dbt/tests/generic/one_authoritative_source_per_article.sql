{#- Every article's figures have at most one authoritative source: hand, all of its figures,
    where the article has hand figures; else the published auto figures, and only those (an
    article whose auto figures are all held back has none until a person reviews them). -#}
{% test one_authoritative_source_per_article(model) %}
select
    article_id,
    string_agg(distinct source, ', ') filter (is_authoritative) as authoritative_sources,
    bool_or(source = 'hand') as has_hand_figures
from {{ model }}
group by article_id
having count(distinct source) filter (is_authoritative) > 1
    or bool_or(source = 'hand' and not is_authoritative)
    or bool_or(source = 'hand') and bool_or(is_authoritative and source = 'auto')
    or bool_or(source = 'auto' and is_authoritative and not is_published)
    or not bool_or(source = 'hand') and bool_or(source = 'auto' and is_published and not is_authoritative)
{% endtest %}
