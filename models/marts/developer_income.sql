-- one row per (mini-program, task, local date) with any activity: what the
-- developer earned, paid creators and paid the platform (R17)
with events as (
    select * from int_events_attributed where is_attributed
),

payments as (
    select * from int_payment_settlements
),

lines as (
    select * from earning_lines
),

tasks as (
    select * from stg_tasks
),

funding as (
    select * from int_task_funding
),

event_days as (
    select
        events.task_id,
        events.accrual_date as date,
        sum(events.basis) filter (where events.event_kind = 'ad_impression')
            as ad_revenue_exact,
        sum(events.basis) filter (where events.event_kind = 'payment')
            as settlement,
        sum(payments.refunded_after_settlement) as refunds_after_settlement,
        count(*) filter (where events.event_kind = 'lead') as leads
    from events
    left join payments
        on events.event_kind = 'payment'
        and events.event_id = payments.payment_id
    left join funding on events.task_id = funding.task_id
    where funding.task_id is null or funding.accepted
    group by events.task_id, events.accrual_date
),

line_days as (
    -- R17: floors included; void and withheld lines are not charged (R19, R20)
    select
        task_id,
        accrual_date as date,
        sum(amount) filter (where status not in ('rejected', 'withheld'))
            as creator_commission
    from lines
    group by task_id, accrual_date
),

days as (
    select
        coalesce(event_days.task_id, line_days.task_id) as task_id,
        coalesce(event_days.date, line_days.date) as date,
        coalesce(event_days.ad_revenue_exact, 0) as ad_revenue_exact,
        coalesce(event_days.settlement, 0) as settlement,
        coalesce(event_days.refunds_after_settlement, 0)
            as refunds_after_settlement,
        coalesce(event_days.leads, 0) as leads,
        coalesce(line_days.creator_commission, 0) as creator_commission
    from event_days
    full outer join line_days
        on event_days.task_id = line_days.task_id
        and event_days.date = line_days.date
),

final as (
    select
        tasks.mini_program_id,
        days.date,
        days.task_id,
        tasks.task_type,
        -- R17: ad revenue rounded per task and date
        cast(round(days.ad_revenue_exact, 2) as decimal(18, 2)) as ad_revenue,
        cast(days.settlement as decimal(18, 2)) as settlement,
        cast(days.refunds_after_settlement as decimal(18, 2))
            as refunds_after_settlement,
        days.leads,
        cast(days.creator_commission as decimal(18, 2)) as creator_commission,
        cast(
            round(days.settlement * {{ mini_program_fee_rate }}, 2)
            as decimal(18, 2)
        ) as platform_fee,
        cast(
            case tasks.task_type
                when 'revenue_share' then
                    days.settlement
                    - days.creator_commission
                    - round(days.settlement * {{ mini_program_fee_rate }}, 2)
                when 'ad_share' then
                    round(days.ad_revenue_exact, 2) - days.creator_commission
                else -days.creator_commission
            end as decimal(18, 2)
        ) as developer_net
    from days
    inner join tasks on days.task_id = tasks.task_id
)

select * from final
