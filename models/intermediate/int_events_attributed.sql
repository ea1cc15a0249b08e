-- one row per impression, payment and lead callback: the video, task and
-- creator it is attributed to, or why it earns nothing (R10, R11, R13)
with impressions as (
    select * from stg_ad_impressions
),

payments as (
    select * from int_payment_settlements
),

leads as (
    select * from stg_leads
),

videos as (
    select * from int_videos_qualified
),

tasks as (
    select * from stg_tasks
),

events as (
    select
        'ad_impression' as event_kind,
        impression_id as event_id,
        null as lead_event,
        video_id,
        mini_program_id,
        occurred_at as event_at,
        occurred_date as accrual_date,
        -- ad revenue keeps its six decimals (R12)
        cast(ad_revenue as decimal(18, 6)) as basis,
        'ad_share' as earns_under,
        true as is_settled
    from impressions
    union all
    select
        'payment',
        payment_id,
        null,
        video_id,
        mini_program_id,
        -- R10: a payment is attributed at its payment time, whenever settled
        paid_at,
        -- R13: it accrues on its settlement date
        settled_date,
        cast(settlement_amount as decimal(18, 6)),
        'revenue_share',
        settled_at is not null
    from payments
    union all
    select
        'lead',
        lead_id,
        event,
        video_id,
        mini_program_id,
        occurred_at,
        occurred_date,
        null::decimal(18, 6),
        'lead',
        true
    from leads
),

judged as (
    select
        events.*,
        videos.task_id,
        videos.creator_id,
        case
            when videos.video_id is null then 'video_unknown'
            when not videos.qualifies then videos.disqualified_reason
            -- R10: the event's mini-program must be the task's
            when events.mini_program_id <> tasks.mini_program_id
                then 'mini_program_mismatch'
            -- R10: an event earns only under a task of its kind
            when events.earns_under <> tasks.task_type then 'task_type_mismatch'
            when events.event_at < videos.published_at
                then 'before_video_published'
            when events.event_at >= tasks.billing_end then 'after_billing_end'
            -- R11: a lead counts only on the task's lead event
            when
                events.event_kind = 'lead'
                and events.lead_event <> tasks.lead_event
                then 'not_the_task_lead_event'
            -- R13: an unsettled payment earns nothing yet
            when not events.is_settled then 'payment_not_settled'
        end as unattributed_reason
    from events
    left join videos on events.video_id = videos.video_id
    left join tasks on videos.task_id = tasks.task_id
),

final as (
    select
        event_kind,
        event_id,
        lead_event,
        video_id,
        task_id,
        creator_id,
        mini_program_id,
        event_at,
        accrual_date,
        basis,
        unattributed_reason is null as is_attributed,
        unattributed_reason
    from judged
)

select * from final
