-- one row per refund, with its local date (R1)
with refunds as (
    select * from landing.refunds
),

final as (
    select
        refund_id,
        payment_id,
        refunded_at,
        cst_date(refunded_at) as refunded_date,
        amount
    from refunds
)

select * from final
