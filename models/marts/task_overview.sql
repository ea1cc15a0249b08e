-- one row per task: its status as of the latest event loaded, and its totals
-- (R6, R21)
with tasks as (
    select * from stg_tasks
),

funding as (
    select * from int_task_funding
),

daily as (
    select * from task_daily_performance
),

as_of as (
    select max(event_at) as at from int_events_attributed
),

totals as (
    select
        task_id,
        cast(sum(videos_published) as bigint) as videos,
        cast(sum(impressions) as bigint) as impressions,
        sum(ad_revenue) as ad_revenue,
        sum(paid_amount) as gmv,
        sum(settlement) as settlement,
        cast(sum(leads) as bigint) as leads,
        sum(creator_commission) as creator_commission
    from daily
    group by task_id
),

creators as (
    select task_id, count(distinct creator_id) as creators
    from int_videos_qualified
    where qualifies
        -- R21: a task rejected for its budget never went live
        and task_id not in (select task_id from funding where not accepted)
    group by task_id
),

final as (
    select
        tasks.task_id,
        tasks.title,
        tasks.task_type,
        tasks.mini_program_id,
        tasks.industry,
        case
            when funding.accepted = false then 'rejected'
            when tasks.live_from is null and tasks.ends_at <= as_of.at
                then 'ended'
            when tasks.live_from is null then 'pending_review'
            when tasks.billing_end <= as_of.at then 'ended'
            when tasks.paused_at <= as_of.at then 'paused'
            when tasks.live_from <= as_of.at then 'live'
            else 'pending_review'
        end as status,
        cst_date(tasks.live_from) as live_from_date,
        cst_date(tasks.ends_at) as ends_date,
        cst_date(tasks.billing_end) as billing_end_date,
        tasks.commission_rate_pct,
        tasks.lead_price,
        tasks.budget,
        coalesce(totals.videos, 0) as videos,
        coalesce(creators.creators, 0) as creators,
        coalesce(totals.impressions, 0) as impressions,
        coalesce(totals.ad_revenue, 0) as ad_revenue,
        coalesce(totals.gmv, 0) as gmv,
        coalesce(totals.settlement, 0) as settlement,
        coalesce(totals.leads, 0) as leads,
        coalesce(totals.creator_commission, 0) as creator_commission
    from tasks
    cross join as_of
    left join funding on tasks.task_id = funding.task_id
    left join totals on tasks.task_id = totals.task_id
    left join creators on tasks.task_id = creators.task_id
)

select * from final
