-- one row per (task, creator) on a specified or batch task's list (R9)
with targets as (
    select * from stg_task_targets
),

tasks as (
    select * from stg_tasks
),

limited as (
    select
        targets.task_id,
        targets.creator_id,
        targets.target_rank,
        tasks.targeting,
        -- R9: only the first 20 (specified) or 500 (batch) distinct ids count
        targets.target_rank <= case tasks.targeting
            when 'specified' then {{ specified_target_limit }}
            when 'batch' then {{ batch_target_limit }}
        end as is_counted
    from targets
    inner join tasks on targets.task_id = tasks.task_id
    where tasks.targeting in ('specified', 'batch')
),

final as (
    select * from limited
)

select * from final
