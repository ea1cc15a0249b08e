-- one row per finding that is reported rather than rejected (R9, R25, R26)
with tasks as (
    select * from stg_tasks
),

materials as (
    select * from stg_materials
),

targets as (
    select * from int_task_targets
),

page_paths as (
    -- R25: a landing page usually starts with `page`
    select
        'page_path_unusual' as flag,
        task_id,
        null as creator_id,
        'page_path `' || page_path || '` does not start with page or /page'
            as detail
    from tasks
    where not (page_path like 'page%' or page_path like '/page%')
),

drama_without_materials as (
    -- R26: a short-drama task must carry materials; they may still come later
    select
        'short_drama_without_materials',
        task_id,
        null,
        'industry `' || industry || '` needs materials and none are loaded'
    from tasks
    where (industry like '%短剧%' or industry like '%影剧综%')
        and task_id not in (select task_id from materials)
),

targets_over_limit as (
    -- R9: ids past the first 20 (specified) or 500 (batch) do not count
    select
        'target_over_limit',
        task_id,
        creator_id,
        targeting || ' list position ' || target_rank || ' is past its limit'
    from targets
    where not is_counted
),

final as (
    select * from page_paths
    union all
    select * from drama_without_materials
    union all
    select * from targets_over_limit
)

select * from final
