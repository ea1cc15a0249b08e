-- one row per task: its current version, with its live window (R6, R7) and
-- funding (R5)
with versions as (
    select * exclude (_load_id, _line)
    from landing.tasks
    qualify row_number() over (
        partition by task_id order by _load_id desc, _line desc
    ) = 1
),

windows as (
    select
        *,
        -- R5: funded from the prepaid account
        task_type = 'lead'
        or (
            task_type = 'revenue_share'
            and commission_rate_pct > {{ funded_rate_pct }}
        ) as is_funded,
        -- R6: live at approval or start, whichever is later; never if never
        -- approved
        if(approved_at is null, null, greatest(starts_at, approved_at))
            as live_from,
        -- R6: billing ends at ends_at, a month after a pause, at termination
        least(ends_at, plus_one_month(paused_at), terminated_at) as billing_end,
        -- R7: new videos join only before the end, a pause or a termination
        least(ends_at, paused_at, terminated_at) as joins_until,
        cst_date(created_at) as created_date
    from versions
),

final as (
    select
        *,
        -- R24: the unconsumed budget is released T+10 after the billing end
        cst_date(if(approved_at is null, ends_at, billing_end))
        + {{ release_after_days }} as release_date
    from windows
)

select * from final
