-- one row per settled payment, with its local date (R1)
with settlements as (
    select * from landing.settlements
),

final as (
    select
        payment_id,
        settled_at,
        cst_date(settled_at) as settled_date
    from settlements
)

select * from final
