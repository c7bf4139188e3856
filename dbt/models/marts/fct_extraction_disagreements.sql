-- Where the automatic extractor disagrees with the hand figures of an article: a hand figure it
-- missed, a figure of its own the hand figures do not have, or the same figure with another
-- value. Figures are compared as `koperasi score` compares them: the same article, region,
-- scope, status, type and unit, and values within 0.01; each figure is paired at most once.
{% set key = ['article_id', 'region_code', 'scope', 'status', 'cooperative_type', 'unit'] %}
with figures as (
    select * from {{ ref('int_cooperative_figures') }}
    where article_id in (select article_id from {{ ref('int_cooperative_figures') }} where source = 'hand')
),

-- The n-th figure of a value pairs with the n-th of the same value on the other side.
numbered as (
    select
        *,
        row_number() over (
            partition by source, {{ key | join(', ') }}, round(value, 2) order by evidence_position, figure_id
        ) as occurrence
    from figures
),

hand as (select * from numbered where source = 'hand'),

auto as (select * from numbered where source = 'auto'),

agreeing as (
    select hand.figure_id as hand_figure_id, auto.figure_id as auto_figure_id
    from hand
    inner join auto using ({{ key | join(', ') }}, occurrence)
    where round(hand.value, 2) = round(auto.value, 2)
),

-- What is left on each side pairs up in value order within the same figure.
hand_left as (
    select *, row_number() over (partition by {{ key | join(', ') }} order by value, figure_id) as rank
    from hand
    where figure_id not in (select hand_figure_id from agreeing)
),

auto_left as (
    select *, row_number() over (partition by {{ key | join(', ') }} order by value, figure_id) as rank
    from auto
    where figure_id not in (select auto_figure_id from agreeing)
),

paired as (
    select
        {% for column in key %}coalesce(hand_left.{{ column }}, auto_left.{{ column }}) as {{ column }},
        {% endfor %}
        hand_left.figure_id as hand_figure_id,
        auto_left.figure_id as auto_figure_id,
        hand_left.value as hand_value,
        auto_left.value as auto_value,
        hand_left.as_of_date as hand_as_of_date,
        auto_left.as_of_date as auto_as_of_date,
        hand_left.evidence as hand_evidence,
        auto_left.evidence as auto_evidence,
        coalesce(hand_left.evidence_position, auto_left.evidence_position) as evidence_position
    from hand_left
    full outer join auto_left using ({{ key | join(', ') }}, rank)
)

select
    md5(concat_ws('|', coalesce(hand_figure_id, ''), coalesce(auto_figure_id, ''))) as disagreement_id,
    paired.article_id,
    case
        when auto_figure_id is null then 'missed'
        when hand_figure_id is null then 'extra'
        else 'different_value'
    end as kind,
    paired.region_code,
    regions.region_name,
    paired.scope,
    paired.status,
    paired.cooperative_type,
    paired.unit,
    paired.hand_value,
    paired.auto_value,
    paired.auto_value - paired.hand_value as difference,
    paired.hand_as_of_date,
    paired.auto_as_of_date,
    paired.hand_evidence,
    paired.auto_evidence,
    paired.hand_figure_id,
    paired.auto_figure_id
from paired
left join {{ ref('dim_region') }} as regions using (region_code)
where hand_figure_id is null or auto_figure_id is null
   or abs(auto_value - hand_value) > 0.01 + 1e-9  -- left over, yet within 0.01: they agree
order by paired.article_id, paired.evidence_position, kind
