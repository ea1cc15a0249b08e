-- one row per impression, payment or lead callback that earns nothing, with
-- why (R10)
with events as (
    select * from int_events_attributed
),

funding as (
    select * from int_task_funding
),

final as (
    select
        events.event_kind,
        events.event_id,
        events.lead_event,
        events.video_id,
        events.task_id,
        events.mini_program_id,
        events.event_at,
        coalesce(
            events.unattributed_reason,
            -- R21: the task was rejected for its budget and never went live
            'task_rejected_' || funding.reason
        ) as reason
    from events
    left join funding
        on events.task_id = funding.task_id and not funding.accepted
    where not events.is_attributed or funding.task_id is not null
)

select * from final
