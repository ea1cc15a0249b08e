-- one row per ad impression, with its local date (R1)
with impressions as (
    select * from landing.ad_impressions
),

final as (
    select
        impression_id,
        video_id,
        mini_program_id,
        occurred_at,
        cst_date(occurred_at) as occurred_date,
        ad_revenue
    from impressions
)

select * from final
