-- one row per movement of a developer's prepaid account, with its local date
-- (R21)
with movements as (
    select * from landing.account_movements
),

final as (
    select
        movement_id,
        developer_id,
        kind,
        amount,
        occurred_at,
        cst_date(occurred_at) as occurred_date
    from movements
)

select * from final
