-- one row per video: its current version (the last one ingested)
with versions as (
    select * exclude (_load_id, _line)
    from landing.videos
    qualify row_number() over (
        partition by video_id order by _load_id desc, _line desc
    ) = 1
),

final as (
    select * from versions
)

select * from final
