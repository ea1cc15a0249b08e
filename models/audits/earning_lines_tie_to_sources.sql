-- R14, R22: every earning line ties out to its sources, recomputed here
-- independently of the models, and never pays more than computed
with recomputed as (
    select
        events.video_id,
        events.accrual_date,
        tasks.task_type as source,
        case tasks.task_type
            when 'lead' then round(count(*) * any_value(tasks.lead_price), 2)
            else round(sum(events.basis * tasks.commission_rate_pct) * 0.01, 2)
        end as amount
    from int_events_attributed as events
    inner join stg_tasks as tasks using (task_id)
    where events.is_attributed
    group by events.video_id, events.accrual_date, tasks.task_type
)

select earning_lines.*, recomputed.amount as recomputed_amount
from earning_lines
left join recomputed using (video_id, accrual_date, source)
where (
        earning_lines.source <> 'floor'
        and earning_lines.amount_computed is distinct from recomputed.amount
    )
    or earning_lines.amount + earning_lines.amount_cut
        <> earning_lines.amount_computed
    or earning_lines.amount < 0
