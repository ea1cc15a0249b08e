-- one row per payment, with its local date (R1)
with payments as (
    select * from landing.payments
),

final as (
    select
        payment_id,
        video_id,
        mini_program_id,
        paid_at,
        cst_date(paid_at) as paid_date,
        amount
    from payments
)

select * from final
