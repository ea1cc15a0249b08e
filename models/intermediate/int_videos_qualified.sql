-- one row per video: whether it joined its task and qualifies for it
-- (R7, R8, R9)
with videos as (
    select * from stg_videos
),

tasks as (
    select * from stg_tasks
),

creators as (
    select * from stg_creators
),

targets as (
    select * from int_task_targets where is_counted
),

checked as (
    select
        videos.*,
        tasks.task_id is not null as is_task_known,
        creators.creator_id is not null as is_creator_known,
        tasks.live_from is not null as is_task_approved,
        -- R7: published while the task accepted new videos
        coalesce(
            videos.published_at >= tasks.live_from
            and videos.published_at < tasks.joins_until,
            false
        ) as is_joined,
        -- R9: inside the target set, then within the follower bounds
        coalesce(
            case tasks.targeting
                when 'all' then true
                when 'tags' then list_has_any(creators.tags, tasks.target_tags)
                else targets.creator_id is not null
            end
            and (
                tasks.min_followers is null
                or creators.followers >= tasks.min_followers
            )
            and (
                tasks.max_followers is null
                or creators.followers <= tasks.max_followers
            ),
            false
        ) as is_targeted,
        tasks.per_creator_limit
    from videos
    left join tasks on videos.task_id = tasks.task_id
    left join creators on videos.creator_id = creators.creator_id
    left join targets
        on videos.task_id = targets.task_id
        and videos.creator_id = targets.creator_id
),

ranked as (
    select
        *,
        is_task_known and is_creator_known and is_joined and is_targeted
            as is_eligible,
        -- R8: a creator's first N joined, targeted, not rejected videos
        if(
            is_eligible and audit_status <> 'rejected',
            row_number() over (
                partition by
                    task_id,
                    creator_id,
                    is_eligible and audit_status <> 'rejected'
                order by published_at, video_id
            ),
            null
        ) as creator_rank
    from checked
),

final as (
    select
        video_id,
        task_id,
        creator_id,
        published_at,
        audit_status,
        audited_at,
        creator_rank,
        is_eligible
        and (
            audit_status = 'rejected'
            or per_creator_limit is null
            or creator_rank <= per_creator_limit
        ) as qualifies,
        case
            when not is_task_known then 'task_unknown'
            when not is_creator_known then 'creator_unknown'
            when not is_task_approved then 'task_not_approved'
            when not is_joined then 'video_outside_task_window'
            when not is_targeted then 'creator_not_targeted'
            when
                audit_status <> 'rejected'
                and per_creator_limit is not null
                and creator_rank > per_creator_limit
                then 'over_per_creator_limit'
        end as disqualified_reason
    from ranked
)

select * from final
