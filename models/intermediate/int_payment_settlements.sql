-- one row per payment: its settlement amount and refunds around settlement
-- (R13)
with payments as (
    select * from stg_payments
),

settlements as (
    select * from stg_settlements
),

refunds as (
    select * from stg_refunds
),

refunds_split as (
    select
        refunds.payment_id,
        sum(refunds.amount) filter (
            where refunds.refunded_at <= settlements.settled_at
        ) as refunded_before,
        sum(refunds.amount) filter (
            where refunds.refunded_at > settlements.settled_at
        ) as refunded_after,
        sum(refunds.amount) as refunded_total
    from refunds
    left join settlements on refunds.payment_id = settlements.payment_id
    group by refunds.payment_id
),

final as (
    select
        payments.*,
        settlements.settled_at,
        settlements.settled_date,
        coalesce(refunds_split.refunded_before, 0)
            as refunded_before_settlement,
        coalesce(refunds_split.refunded_after, 0) as refunded_after_settlement,
        coalesce(refunds_split.refunded_total, 0) as refunded_total,
        -- R13: paid minus refunds up to settlement, never below zero; none
        -- unsettled
        if(
            settlements.settled_at is null,
            null,
            greatest(
                payments.amount - coalesce(refunds_split.refunded_before, 0), 0
            )
        ) as settlement_amount
    from payments
    left join settlements on payments.payment_id = settlements.payment_id
    left join refunds_split on payments.payment_id = refunds_split.payment_id
)

select * from final
