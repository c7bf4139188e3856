{#- Incremental by article, for a model whose rows of an article are a function of that article's
    input rows and of a few small tables every article reads. Each row keeps `inputs_digest`, an
    order-free digest of those rows; a build computes only the articles whose digest changed (all
    of them on a full build), and a post-hook drops the rows of articles whose digest is no longer
    current (removed, changed, or now without rows). tests/test_incremental_equals_full.py checks
    that such a build publishes the rows of a build from nothing. -#}

{#- Per article, the digest of its input rows. `inputs`: [relation, columns] pairs, `columns` the
    ones that decide the article's rows there (none: the whole row); `shared`: relations every
    article reads (a change in any changes every digest). -#}
{% macro article_inputs_digest(inputs, shared=[]) -%}
    select article_id, sum(row_hash)::hugeint
        {%- for relation in shared %}
        + (select coalesce(sum(hash(shared_row)), 0)::hugeint from {{ relation }} as shared_row)
        {%- endfor %} as inputs_digest
    from (
        {%- for relation, columns in inputs %}
        select article_id, hash({{ columns or 'input_row' }}) as row_hash from {{ relation }} as input_row
        {%- if not loop.last %} union all{% endif %}
        {%- endfor %}
    ) as input_rows
    group by article_id
{%- endmacro %}

{#- The articles a build computes: every one on a full build, else those whose digest changed. -#}
{% macro articles_to_build(digests) -%}
    select article_id, inputs_digest from ({{ digests }}) as current
    {%- if is_incremental() %}
    where not exists (select 1 from {{ this }} as built
                      where built.article_id = current.article_id and built.inputs_digest = current.inputs_digest)
    {%- endif %}
{%- endmacro %}

{#- Post-hook: the rows of an article built from inputs that are no longer its own. -#}
{% macro drop_rows_of_stale_articles(digests) -%}
    delete from {{ this }} as built where not exists (
        select 1 from ({{ digests }}) as current
        where current.article_id = built.article_id and current.inputs_digest = built.inputs_digest)
{%- endmacro %}

{#- What the rows of each article-keyed model are computed from. -#}
{% macro cooperative_figure_inputs() -%}
    {#- an auto figure's row is decided by the extraction that read it, an article's text by its hash;
        a rejection names a figure id, not always of the article its row says: every article reads them -#}
    {{ return(article_inputs_digest(
        [[ref('stg_seed__cooperative_figures'), none],
         [ref('stg_raw__extracted_figures'), 'article_id, figure_number, extracted_at, article_sha256'],
         [ref('stg_raw__articles'), 'article_id, sha256, loaded_at']],
        shared=[ref('stg_seed__rejected_figures')])) }}
{%- endmacro %}

{% macro consistency_violation_inputs() -%}
    {#- the figures carry their own digest; the rules also read the regions' parents -#}
    {{ return(article_inputs_digest([[ref('int_cooperative_figures'), 'article_id, inputs_digest']],
                                    shared=[ref('int_regions')])) }}
{%- endmacro %}
