-- one row per material: its current version (the last one ingested)
with versions as (
    select * exclude (_load_id, _line)
    from landing.materials
    qualify row_number() over (
        partition by task_id, url order by _load_id desc, _line desc
    ) = 1
),

final as (
    select * from versions
)

select * from final
