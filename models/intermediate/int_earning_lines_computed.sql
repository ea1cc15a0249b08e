-- one row per (video, accrual date, source): the amount earned before any
-- budget (R14, R15), with the audit (R19) and violation (R20) facts that
-- decide its status
with attributed as (
    select * from int_events_attributed where is_attributed
),

videos as (
    select * from int_videos_qualified
),

tasks as (
    select * from stg_tasks
),

violations as (
    select distinct creator_id, cycle_id from stg_violations
),

shares as (
    -- R14: round(Σ basis × rate / 100) per video, date and source
    select
        attributed.video_id,
        attributed.accrual_date,
        tasks.task_type as source,
        count(*) as events,
        sum(attributed.basis) as basis,
        case tasks.task_type
            when 'lead' then round(count(*) * any_value(tasks.lead_price), 2)
            else round(
                sum(attributed.basis)
                    * any_value(tasks.commission_rate_pct)
                    * 0.01,
                2
            )
        end as amount
    from attributed
    inner join tasks on attributed.task_id = tasks.task_id
    group by attributed.video_id, attributed.accrual_date, tasks.task_type
),

floors as (
    -- R15: the floor price once per qualifying video, the local day after
    -- publication
    select
        videos.video_id,
        cst_date(videos.published_at) + 1 as accrual_date,
        'floor' as source,
        0 as events,
        null::decimal(38, 6) as basis,
        tasks.floor_price as amount
    from videos
    inner join tasks on videos.task_id = tasks.task_id
    where videos.qualifies and tasks.floor_price is not null
),

lines as (
    select * from shares
    union all
    select * from floors
),

final as (
    select
        lines.video_id,
        videos.task_id,
        videos.creator_id,
        lines.accrual_date,
        lines.source,
        lines.events,
        lines.basis,
        cast(lines.amount as decimal(18, 2)) as amount,
        -- R2
        cycle_of(lines.accrual_date) as cycle_id,
        videos.audit_status,
        videos.audited_at,
        -- R19: a rejected video's lines are void
        videos.audit_status = 'rejected' as is_void,
        -- R20: a violation withholds the creator's whole cycle
        violations.creator_id is not null as is_withheld
    from lines
    inner join videos on lines.video_id = videos.video_id
    left join violations
        on videos.creator_id = violations.creator_id
        and cycle_of(lines.accrual_date) = violations.cycle_id
)

select * from final
