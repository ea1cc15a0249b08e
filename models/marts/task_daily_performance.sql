-- one row per (task, local date) with any activity: videos, events, money and
-- the budget left at the end of the day (R1, R10, R13, R17, R22)
with rejected_tasks as (
    -- R21: a task rejected for its budget never went live
    select task_id from int_task_funding where not accepted
),

videos as (
    select * from int_videos_qualified
    where qualifies and task_id not in (select task_id from rejected_tasks)
),

events as (
    select * from int_events_attributed
    where task_id is null or task_id not in (select task_id from rejected_tasks)
),

payments as (
    select * from int_payment_settlements
),

refunds as (
    select * from stg_refunds
),

income as (
    select * from developer_income
),

ledger as (
    select * from account_ledger where task_id is not null
),

draws as (
    select * from int_budget_draws
),

video_days as (
    select
        task_id,
        cst_date(published_at) as date,
        count(*) as videos_published,
        count(distinct creator_id) as creators
    from videos
    group by all
),

-- payments count once attributed, settled or not
paid as (
    select events.task_id, payments.*
    from events
    inner join payments on events.event_id = payments.payment_id
    where events.event_kind = 'payment'
        and (
            events.is_attributed
            or events.unattributed_reason = 'payment_not_settled'
        )
),

payment_days as (
    select
        task_id,
        paid_date as date,
        count(*) as payments,
        sum(amount) as paid_amount
    from paid
    group by all
),

refund_days as (
    select
        paid.task_id,
        refunds.refunded_date as date,
        sum(refunds.amount) as refunded_amount
    from refunds
    inner join paid on refunds.payment_id = paid.payment_id
    group by all
),

impression_days as (
    select task_id, accrual_date as date, count(*) as impressions
    from events
    where event_kind = 'ad_impression' and is_attributed
    group by all
),

budget_moves as (
    -- R21–R24: frozen, topped up and released, then drawn, day by day; the
    -- ledger signs amounts by their effect on the developer's balance
    select task_id, date, -sum(amount) as change
    from ledger
    group by all
    union all
    select task_id, accrual_date, -sum(drawn)
    from draws
    group by all
),

budget_days as (
    select
        task_id,
        date,
        sum(sum(change)) over (partition by task_id order by date)
            as budget_remaining
    from budget_moves
    group by task_id, date
),

spine as (
    select task_id, date from video_days
    union
    select task_id, date from payment_days
    union
    select task_id, date from refund_days
    union
    select task_id, date from impression_days
    union
    select task_id, date from income
),

final as (
    select
        spine.task_id,
        spine.date,
        coalesce(video_days.videos_published, 0) as videos_published,
        coalesce(video_days.creators, 0) as creators,
        coalesce(impression_days.impressions, 0) as impressions,
        coalesce(income.ad_revenue, 0) as ad_revenue,
        coalesce(payment_days.payments, 0) as payments,
        coalesce(payment_days.paid_amount, 0) as paid_amount,
        coalesce(refund_days.refunded_amount, 0) as refunded_amount,
        coalesce(income.settlement, 0) as settlement,
        coalesce(income.leads, 0) as leads,
        coalesce(income.creator_commission, 0) as creator_commission,
        budget_days.budget_remaining
    from spine
    left join video_days using (task_id, date)
    left join payment_days using (task_id, date)
    left join refund_days using (task_id, date)
    left join impression_days using (task_id, date)
    left join income using (task_id, date)
    -- the budget as it stood at the end of the latest day it moved
    asof left join budget_days
        on spine.task_id = budget_days.task_id
        and spine.date >= budget_days.date
)

select * from final
