-- one row per (task, creator) named by a task's target list, in ingestion order
with targets as (
    select * from landing.task_targets
),

final as (
    select
        task_id,
        creator_id,
        row_number() over (
            partition by task_id order by _load_id, _line
        ) as target_rank
    from targets
)

select * from final
